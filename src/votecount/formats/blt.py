"""The BLT ballot file, as OpenSTV, Droop and OpenTally read it.

Layout (see ``docs/formats.md`` for every quirk this reader survives)::

    5 2                  candidates seats
    -4                   optional: withdrawn candidates, as negative numbers
    [withdrawn 4]        optional Droop options: [withdrawn ...], [tie ...], [nick ...]
    (b1) 3 1 2=4 0       ballots: optional (id), weight, preferences, 0; 2=4 ranks equal
    0                    end of ballots
    "Alice" "Green"      one line per candidate: name (quoted or not), optional description
    "Example election"   the title; any lines after it are ignored

Weights may be whole numbers, decimals (``1.5``) or fractions (``1/3``, an extension), and are
kept exact. The reader parses each ballot line as written into a
:class:`~votecount.validity.RawRanking`; the validity policy then decides what counts.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence

import attrs

from votecount.ballots import Candidate, Profile, RankedBallot, Weight
from votecount.errors import BallotFileError, FormatError
from votecount.formats._common import (
    format_weight,
    parse_weight,
    parse_whole,
    shown,
    split_lines,
    unique_candidates,
    whole_number,
)
from votecount.validity import Mark, RawElection, RawGroup, RawRanking

_NICK = re.compile(r"[^\s=\[\]()\"',0-9-][^\s=\[\]()\"',]*")


def parse_blt(text: str, *, source: str | None = None) -> RawElection:
    """Parse BLT text into the election as written (no validity rule applied yet)."""
    return _BltParser(text, source).parse()


class _BltParser:
    def __init__(self, text: str, source: str | None) -> None:
        self.lines = split_lines(text)
        self.source = source
        self.pos = 0  # index of the next line to read
        self.comma = False

    def error(self, reason: str, line: int | None = None) -> BallotFileError:
        return BallotFileError(reason, path=self.source, line=line if line is not None else self.pos)

    def next_line(self) -> str | None:
        """The next non-blank line (``self.pos`` becomes its 1-based number), or None at the end."""
        while self.pos < len(self.lines):
            line = self.lines[self.pos]
            self.pos += 1
            if line.strip(" \t,"):
                return line
        return None

    def tokens(self, line: str) -> list[str]:
        return (line.replace(",", " ") if self.comma else line).split()

    def parse(self) -> RawElection:
        header = self.next_line()
        if header is None:
            raise self.error("the file is empty; a BLT file starts with 'candidates seats'", 1)
        self.comma = header.rstrip().endswith(",")
        head = self.tokens(header)
        if len(head) != 2 or not all(t.isascii() and t.isdigit() for t in head):
            raise self.error(
                f"bad header {shown(header.strip())}: expected two whole numbers, "
                "'candidates seats' (e.g. '5 2')"
            )
        n = parse_whole(head[0], what="the number of candidates", source=self.source, line=self.pos)
        seats = parse_whole(head[1], what="the number of seats", source=self.source, line=self.pos)
        if n < 1 or seats < 1:
            raise self.error(f"bad header {shown(header.strip())}: need at least 1 candidate and 1 seat")
        self.n = n
        # Each candidate's name takes a line, so a file that reads has at least n lines; no
        # more numbers than that are looked up, whatever a hostile header says.
        named = min(n, len(self.lines))
        self.lookup: dict[str, int] = {str(i + 1): i for i in range(named)}
        nicks: list[str] | None = None
        withdrawn: set[int] = set()
        tie_order: list[int] = []
        papers: list[RawRanking | _Group] = []
        fast: dict[str, tuple[Mark, ...]] = {str(i + 1): (i,) for i in range(named)}
        self.fast = fast
        clean: dict[str, _Group] = {}  # a clean line's text after its weight -> its group
        lines = self.lines
        while True:
            number = self.pos
            if number < len(lines) and not self.comma:
                group = self.grouped(lines[number], number + 1, clean, papers)
                if group:
                    continue
            line = self.next_line()
            if line is None:
                raise self.error("the file ends before the line '0' that ends the ballots", len(self.lines))
            stripped = line.strip()
            if stripped.startswith("["):
                name, args = self.option(stripped)
                if name == "nick":
                    if papers:
                        raise self.error("[nick ...] must come before the ballots")
                    if len(args) != n or len(set(args)) != n:
                        raise self.error(f"[nick ...] must give {n} different nicknames")
                    nicks = args
                    self.lookup = {a: i for i, a in enumerate(args)}
                    self.fast = fast = {a: (i,) for i, a in enumerate(args)}
                elif name == "withdrawn":
                    withdrawn.update(self.candidate(a) for a in args)
                elif name == "tie":
                    tie_order = [self.candidate(a) for a in args]
                # other options ([droop ...], misspellings, [undeclared ...]) are ignored
                continue
            toks = self.tokens(line)
            if not toks:
                continue  # only spaces that are not " " or tab (such as U+2003)
            if toks == ["0"]:
                break
            if stripped.startswith('"'):
                raise self.error(
                    f"expected a ballot line, found {stripped[:40]!r}: "
                    "is the line '0' that ends the ballots missing?"
                )
            if not papers and toks[0].startswith("-") and all(_negative(t) for t in toks):
                withdrawn.update(self.candidate(t[1:], numbers_only=True) for t in toks)
                continue
            papers.append(self.ballot(stripped, toks, fast))
        names, title = self.names_and_title(n)
        clean.clear()  # the ranking texts go before the groups become papers
        judged: list[RawRanking] = []
        for k, paper in enumerate(papers):
            judged.append(paper.frozen() if isinstance(paper, _Group) else paper)
            papers[k] = judged[-1]  # each mutable group goes as its frozen paper comes
        plain = [strings[0] for strings in names]
        if nicks is None:
            candidates = unique_candidates(plain)
        else:
            candidates = tuple(Candidate(nm, nk) for nm, nk in zip(plain, nicks, strict=True))
        candidates = tuple(
            attrs.evolve(c, attributes={"description": " ".join(strings[1:])}) if len(strings) > 1 else c
            for c, strings in zip(candidates, names, strict=True)
        )
        return RawElection(
            candidates,
            judged,
            seats=seats,
            title=title,
            withdrawn=frozenset(withdrawn),
            tie_order=tuple(tie_order),
            source=self.source,
        )

    def grouped(
        self, line: str, number: int, clean: dict[str, _Group], papers: list[RawRanking | _Group]
    ) -> bool:
        """Add ``line`` to its group if it is a clean ballot line (weight in digits, then one
        known candidate at each place, none twice, then 0, no id), and say whether it was.

        This is the fast path: each distinct ranking text is decoded once, and every later
        line with that text only adds its weight and line number. Anything else (ids, equal
        rankings, unknown or repeated candidates, options, errors) takes the careful path.
        """
        head, _, rest = line.partition(" ")
        if not (head.isdigit() and head.isascii() and len(head) <= _FAST_DIGITS):
            return False
        group = clean.get(rest)
        if group is None:
            prefs = rest.split()
            if len(prefs) < 2 or prefs[-1] != "0":
                return False
            fast = self.fast
            try:
                positions = tuple([fast[t] for t in prefs[:-1]])
            except KeyError:
                return False
            if len(set(positions)) != len(positions):
                return False
            group = clean[rest] = _Group(positions)
            papers.append(group)
        group.add(number, int(head))
        self.pos = number
        return True

    def option(self, stripped: str) -> tuple[str, list[str]]:
        body = stripped[1:]
        if "]" in body:
            body = body[: body.index("]")]
        parts = body.replace(",", " ").split() if self.comma else body.split()
        if not parts:
            return "", []
        return parts[0].lower(), parts[1:]

    def candidate(self, token: str, *, numbers_only: bool = False) -> int:
        index = None if numbers_only else self.lookup.get(token)
        number = whole_number(token) if index is None else None
        if number is not None and 1 <= number <= self.n:
            index = number - 1
        if index is None:
            raise self.error(f"{shown(token)} is not a candidate (there are {self.n})")
        return index

    def ballot(self, stripped: str, toks: list[str], fast: dict[str, tuple[Mark, ...]]) -> RawRanking:
        ballot_id: str | None = None
        if stripped.startswith("("):
            close = stripped.find(")")
            if close < 0:
                raise self.error("ballot id '(' is not closed by ')'")
            ballot_id = stripped[1:close]
            toks = self.tokens(stripped[close + 1 :])
            if not toks:
                raise self.error("a ballot id must be followed by a weight and preferences")
        weight = parse_weight(toks[0], source=self.source, line=self.pos)
        if toks[-1] != "0" or len(toks) < 2:
            raise self.error(
                f"ballot line does not end with 0: {stripped[:60]!r} "
                "(every ballot ends with 0; the ballots end with a line holding only 0)"
            )
        prefs = toks[1:-1]
        positions: list[tuple[Mark, ...]] = []
        for tok in prefs:
            place = fast.get(tok)
            if place is None:
                if tok == "0":
                    raise self.error(f"text after the 0 that ends the ballot: {stripped[:60]!r}")
                place = tuple(self.mark(part) for part in tok.split("=") if part)
            positions.append(place)
        return RawRanking(tuple(positions), weight, self.pos, ballot_id)

    def mark(self, token: str) -> Mark:
        index = self.lookup.get(token)
        return token if index is None else index

    def strings(self, line: str) -> list[str]:
        """The names on a line: quoted strings ("" is a quote inside), or the whole line."""
        text = line.strip()
        if not text.startswith('"'):
            if self.comma:
                fields = [f.strip() for f in text.split(",")]
                return [" ".join(f for f in fields if f)]
            return [text]
        out: list[str] = []
        i = 0
        while i < len(text) and text[i] == '"':
            j = i + 1
            chars: list[str] = []
            while j < len(text):
                if text[j] == '"':
                    if text[j + 1 : j + 2] == '"':
                        chars.append('"')
                        j += 2
                        continue
                    break
                chars.append(text[j])
                j += 1
            out.append("".join(chars))
            i = j + 1
            while i < len(text) and text[i] in " \t,":
                i += 1
        return out

    def names_and_title(self, n: int) -> tuple[list[list[str]], str]:
        """One candidate per line (its name, then any further quoted strings), then the title.

        The count of these lines is checked, for a miscount shifts names silently: with one
        name line missing, the title would be taken as the last candidate's name and every
        name after the gap would move to the wrong candidate. Lines after the title are
        ignored (Droop's test files keep notes there).
        """
        rows: list[tuple[int, str]] = []  # (line number, text) of the lines after the ballots
        while len(rows) < n + 2:
            line = self.next_line()
            if line is None:
                break
            rows.append((self.pos, line))
        if len(rows) < n:
            raise self.error(f"the file ends after {len(rows)} of {n} candidate names", len(self.lines))
        names = [self.strings(line) for _, line in rows[:n]]
        if len(rows) == n:
            last_line = rows[-1][0]
            last = (names[-1] or [""])[0]
            raise self.error(
                f"{n} lines follow the ballots for {n} candidates and a title: either a "
                f"candidate's name line is missing, and the last line, {shown(last)}, "
                f"would be taken as candidate {n}'s name (moving every name after the gap to "
                "the wrong candidate), or the title line is missing; votecount will not guess "
                "which: add the missing line",
                last_line,
            )
        title_line, line = rows[n]
        self.check_title_shape(names, title_line, line)
        if self.comma and not line.strip().startswith('"'):
            return names, line.strip().split(",")[0].strip()
        found = self.strings(line)
        return names, found[0] if found else ""

    def check_title_shape(self, names: list[list[str]], number: int, line: str) -> None:
        """Refuse a title line shaped like every candidate's line (two or more quoted strings,
        name and party): a name line too many has made the last
        candidate's line the title and shifted the names."""
        shaped = all(len(strings) > 1 for strings in names)
        if shaped and line.strip().startswith('"') and len(self.strings(line)) > 1:
            raise self.error(
                f"the line taken as the title, {shown(line.strip())}, is shaped like a "
                "candidate's line (a name and more): is there one name line too many, so that "
                "names have moved to the wrong candidates? Remove the extra line",
                number,
            )

_FAST_DIGITS = 18
"""Weights of up to this many digits take the fast path (longer ones are checked carefully)."""


class _Group:
    """Identical clean ballot lines met so far: their ranking, summed weight, lines, weights.

    Most rankings of a large election occur once, so a group's first line and weight are kept
    as plain numbers; the compact arrays are made only when a second line comes, and the
    weights only if some line does not weigh 1.
    """

    __slots__ = ("first", "first_weight", "lines", "positions", "weight", "weights")

    def __init__(self, positions: tuple[tuple[Mark, ...], ...]) -> None:
        self.positions = positions
        self.weight: Weight = 0
        self.first = 0
        self.first_weight: Weight = 1
        self.lines: array[int] | None = None  # line numbers after the first
        self.weights: list[Weight] | None = None  # every line's weight, once one is not 1

    def add(self, number: int, weight: Weight) -> None:
        self.weight += weight
        if not self.first:
            self.first, self.first_weight = number, weight
            return
        if self.lines is None:
            self.lines = array("I")  # a 4 GiB file has fewer than 2**32 ballot lines
        self.lines.append(number)
        if self.weights is None:
            if weight == 1 and self.first_weight == 1:
                return
            self.weights = [self.first_weight] + [1] * (len(self.lines) - 1)
        self.weights.append(weight)

    def frozen(self) -> RawGroup:
        lines: array[int] | tuple[int, ...] = (self.first,)
        if self.lines is not None:
            lines = array("I", lines) + self.lines
        weights: Sequence[Weight] = self.weights or ()
        if self.weights is None and self.first_weight != 1:
            weights = (self.first_weight,)
        return RawGroup(self.positions, self.weight, self.first, None, lines, weights)


def _quoted(text: str) -> str:
    if "\n" in text or "\r" in text:
        raise FormatError(f"{text!r}: a BLT name or title cannot hold a line break")
    return '"' + text.replace('"', '""') + '"'


def _negative(token: str) -> bool:
    return token.startswith("-") and token[1:].isascii() and token[1:].isdigit()


def dumps_blt(profile: Profile) -> str:
    """Write a ranked profile as BLT: quoted names, exact weights, ``=`` for equal rankings.

    Withdrawn candidates go on a line of negative numbers; a tie order as ``[tie ...]``.
    Where candidates have ids other than their names, and every id can be written as a
    nickname, a ``[nick ...]`` line keeps them and the ballots use them. A candidate whose only
    attribute is ``description`` gets it as a second quoted string on its line (as the Scottish
    files give the party). A profile without
    ``seats`` is written with 1 seat.
    """
    if profile.kind == "plurality":
        raise FormatError(
            "BLT holds ranked ballots; this profile holds plurality ballots (write CSV or JSON)"
        )
    cands = profile.candidates
    use_nicks = any(c.id != c.name for c in cands) and all(_NICK.fullmatch(c.id) for c in cands)
    labels = [c.id if use_nicks else str(i + 1) for i, c in enumerate(cands)]
    out = [f"{len(cands)} {profile.seats or 1}"]
    if use_nicks:
        out.append("[nick " + " ".join(labels) + "]")
    if profile.withdrawn:
        out.append(" ".join(f"-{i + 1}" for i in sorted(profile.withdrawn)))
    if profile.tie_order:
        out.append("[tie " + " ".join(labels[i] for i in profile.tie_order) + "]")
    for ballot in profile.ballots:
        assert isinstance(ballot, RankedBallot)
        parts = []
        if ballot.id is not None:
            if any(ch in ballot.id for ch in ")\n\r"):
                raise FormatError(f"ballot id {ballot.id!r} cannot be written in BLT (write JSON)")
            parts.append(f"({ballot.id})")
        parts.append(format_weight(ballot.weight))
        for pref in ballot.ranking:
            if isinstance(pref, int):
                parts.append(labels[pref])
            else:
                parts.append("=".join(labels[i] for i in sorted(pref)))
        parts.append("0")
        out.append(" ".join(parts))
    out.append("0")
    for c in cands:
        description = c.attributes.get("description") if set(c.attributes) == {"description"} else None
        out.append(" ".join(_quoted(t) for t in [c.name, description] if t is not None))
    out.append(_quoted(profile.title))
    return "\n".join(out) + "\n"


__all__ = ["dumps_blt", "parse_blt"]
