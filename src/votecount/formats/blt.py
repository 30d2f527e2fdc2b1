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

from array import array
from itertools import zip_longest

import attrs

from votecount.ballots import Candidate
from votecount.errors import BallotFileError
from votecount.formats._common import (
    Lines,
    parse_weight,
    parse_whole,
    shown,
    unique_candidates,
    whole_number,
)
from votecount.formats.blt_batches import (
    FAST_DIGITS,
    FAST_WEIGHT,
    RUN_LINES,
    leading_ballots,
    tally_clean_batch,
    tally_run,
)
from votecount.formats.blt_coding import coding_for, rows_of
from votecount.formats.blt_names import names_and_title
from votecount.progress import Progress, active
from votecount.tally import CleanTally
from votecount.validity import Mark, RawElection, RawRanking


def parse_blt(text: str | Lines, *, source: str | None = None, batches: bool = True) -> RawElection:
    """Parse BLT text (or a file's :class:`~votecount.formats._common.Lines`) into the
    election as written (no validity rule applied yet).

    ``batches=False`` reads every line the careful way, one at a time: slower, and the
    same election (the tests hold the fast path to it).
    """
    lines = text if isinstance(text, Lines) else Lines.of_text(text, source)
    return _BltParser(lines, source, batches=batches).parse()


_PROGRESS_LINES = 1 << 16
"""Progress is told once in this many lines (telling it costs a clock reading)."""

_FAST_CANDIDATES = 4096
"""Candidate numbers up to this take the fast path's table; larger ones (in a file whose
header and name lines say there are so many) are looked up one by one."""


def _told(progress: Progress, source: str | None, lines: int, due: int) -> int:
    """Tell ``progress`` the lines read if ``due`` is reached; the next line it is due at."""
    if lines < due:
        return due
    progress.update(f"reading {source or 'ballots'}", lines)
    return lines + _PROGRESS_LINES


class _BltParser:
    def __init__(self, lines: Lines, source: str | None, *, batches: bool = True) -> None:
        self.lines = lines
        self.batches = batches
        self.source = source
        self.pos = 0  # the 1-based number of the line read last
        self.comma = False
        self.tally = CleanTally()

    def error(self, reason: str, line: int | None = None) -> BallotFileError:
        return BallotFileError(reason, path=self.source, line=line if line is not None else self.pos)

    def next_line(self) -> str | None:
        """The next non-blank line (``self.pos`` becomes its 1-based number), or None at the end."""
        while True:
            line = self.lines.next()
            if line is None:
                return None
            self.pos = self.lines.number
            if line.strip(" \t,"):
                return line

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
        # No table is sized from the header: a hostile one may claim any number; numbers
        # past the table are looked up one by one (and each needs a name line in the end).
        fast = min(n, _FAST_CANDIDATES)
        self.lookup: dict[str, int] = {str(i + 1): i for i in range(fast)}
        self.numbers: dict[int, int] = {i + 1: i for i in range(fast)}  # for decoded batches
        self.places: dict[str, tuple[Mark, ...]] = {str(i + 1): (i,) for i in range(fast)}
        self.coding = coding_for(n)
        self.nicks: list[str] | None = None
        self.withdrawn: set[int] = set()
        self.tie_order: list[int] = []
        self.papers: list[RawRanking] = []
        self.read_ballots()
        names, title = self.names_and_title(n)
        plain = [strings[0] for strings in names]
        if self.nicks is None:
            candidates = unique_candidates(plain)
        else:
            candidates = tuple(Candidate(nm, nk) for nm, nk in zip(plain, self.nicks, strict=True))
        candidates = tuple(
            attrs.evolve(c, attributes={"description": " ".join(strings[1:])}) if len(strings) > 1 else c
            for c, strings in zip(candidates, names, strict=True)
        )
        return RawElection(
            candidates,
            self.papers,
            seats=seats,
            title=title,
            withdrawn=frozenset(self.withdrawn),
            tie_order=tuple(self.tie_order),
            source=self.source,
            clean=self.tally,
        )

    def read_ballots(self) -> None:
        """The ballot lines, up to the line ``0`` that ends them.

        This is the hot loop. Lines of a block that all start with a digit 1 to 9, new, each
        met once and each clean, go to the tally as one run (:func:`tally_run`), with no
        step per line here. Otherwise, a line whose text was met before as a clean line only adds its
        number to the tally. A new line that starts with a digit waits in a batch; the batch
        is decoded at once (:meth:`decode_batch`) before any other line is read the careful
        way, so that lines are still taken in the order of the file. Everything else
        (options, ids, the end, names met too early, errors) is read one line at a time.
        """
        numbers = self.tally.lines
        known = numbers.get
        progress = active()
        report_at = _PROGRESS_LINES
        while True:
            got = None if self.comma or not self.batches else self.lines.block()
            if got is not None:
                held, at, before = got
                end = len(held)
                if self.coding is not None and end - at >= RUN_LINES:
                    text, many = leading_ballots(held, at)
                    taken = many >= RUN_LINES and tally_run(
                        self.tally, held[at : at + many], text, before + at + 1, self.n
                    )
                    if taken:
                        at += many
                        self.lines.skip_to(at)
                        report_at = _told(progress, self.source, before + at, report_at)
                        if at == end:
                            continue  # the block is used up: take the next one
                fresh: list[str] = []
                fresh_at: list[int] = []
                while at < end:
                    line = held[at]
                    at += 1
                    seen = known(line)
                    if seen is not None:  # a clean text met before: note the line only
                        if type(seen) is int:
                            numbers[line] = array("I", (seen, before + at))
                        else:
                            seen.append(before + at)  # type: ignore[union-attr]
                        continue
                    first = line[:1]
                    if "1" <= first <= "9" or (first == "0" and line.strip() != "0"):
                        fresh.append(line)
                        fresh_at.append(before + at)
                        continue
                    at -= 1  # the careful path reads this line again
                    break
                self.lines.skip_to(at)
                if fresh:
                    self.decode_batch(fresh, fresh_at)
                report_at = _told(progress, self.source, before + at, report_at)
                if at == end:
                    continue  # the block is used up: take the next one
            if self.careful_line():
                return

    def decode_batch(self, fresh: list[str], fresh_at: list[int]) -> None:
        """Decode new ballot lines in one go: clean ones go to the tally, the rest (and any
        line of a batch that is not plain digits and single spaces) the careful way, in order.

        A batch all clean goes to the tally whole, coded and checked in C
        (:mod:`~votecount.formats.blt_batches`). Otherwise its numbers are parsed in C as one
        JSON array of arrays, if they are plain, and each line is checked as the careful path
        would: it ends with 0, its weight is short enough for the fast path, and it names
        known candidates, none twice.
        """
        text = "\n".join(fresh)
        if self.coding is not None and tally_clean_batch(self.tally, fresh, text, fresh_at, self.n):
            return
        rows = rows_of(text)
        index = self.numbers.__getitem__
        rankings = self.tally.rankings
        numbers = self.tally.lines
        for line, number, row in zip_longest(fresh, fresh_at, rows):
            if line in rankings:  # met earlier in this batch
                self.tally.again(line, number)
                continue
            if row is None:
                clean = self.clean_text(line)
                if clean is not None:
                    rankings[line] = clean
                    numbers[line] = number
                    continue
            elif len(row) > 2 and row[-1] == 0 and row[0] < FAST_WEIGHT:
                try:
                    ranking = tuple(map(index, row[1:-1]))
                except KeyError:  # 0, or a number past the known candidates
                    ranking = ()
                if ranking and len(set(ranking)) == len(ranking):
                    rankings[line] = (ranking, row[0])
                    numbers[line] = number
                    continue
            self.pos = number  # its errors name its line
            self.papers.append(self.ballot(line.strip(), self.tokens(line)))

    def clean_text(self, line: str) -> tuple[tuple[int, ...], int] | None:
        """The ranking and weight of a line of a batch that was not all plain, if it is clean:
        a weight in digits, one space, then known candidates, none twice, then 0."""
        head, _, rest = line.partition(" ")
        if not (head.isdigit() and head.isascii() and len(head) <= FAST_DIGITS):
            return None
        prefs = rest.split()
        if len(prefs) < 2 or prefs[-1] != "0":
            return None
        lookup = self.lookup
        try:
            ranking = tuple([lookup[t] for t in prefs[:-1]])
        except KeyError:
            return None
        return (ranking, int(head)) if len(set(ranking)) == len(ranking) else None

    def careful_line(self) -> bool:
        """Read one line the careful way; say whether it was the ``0`` that ends the ballots."""
        line = self.next_line()
        if line is None:
            raise self.error("the file ends before the line '0' that ends the ballots", self.lines.number)
        stripped = line.strip()
        if stripped.startswith("["):
            name, args = self.option(stripped)
            if name == "nick":
                if self.papers or len(self.tally):
                    raise self.error("[nick ...] must come before the ballots")
                if len(args) != self.n or len(set(args)) != self.n:
                    raise self.error(f"[nick ...] must give {self.n} different nicknames")
                self.nicks = args
                self.lookup = {a: i for i, a in enumerate(args)}
                self.numbers = {}  # numbers name no candidate once nicknames are given
                self.coding = None
                self.places = {a: (i,) for i, a in enumerate(args)}
            elif name == "withdrawn":
                self.withdrawn.update(self.candidate(a) for a in args)
            elif name == "tie":
                self.tie_order = [self.candidate(a) for a in args]
            # other options ([droop ...], misspellings, [undeclared ...]) are ignored
            return False
        toks = self.tokens(line)
        if not toks:
            return False  # only spaces that are not " " or tab (such as U+2003)
        if toks == ["0"]:
            return True
        if stripped.startswith('"'):
            raise self.error(
                f"expected a ballot line, found {stripped[:40]!r}: "
                "is the line '0' that ends the ballots missing?"
            )
        first = not self.papers and not len(self.tally)
        if first and toks[0].startswith("-") and all(_negative(t) for t in toks):
            self.withdrawn.update(self.candidate(t[1:], numbers_only=True) for t in toks)
            return False
        self.papers.append(self.ballot(stripped, toks))
        return False

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

    def ballot(self, stripped: str, toks: list[str]) -> RawRanking:
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
        places = self.places
        for tok in prefs:
            place = places.get(tok)
            if place is None:
                if tok == "0":
                    raise self.error(f"text after the 0 that ends the ballot: {stripped[:60]!r}")
                place = tuple(self.mark(part) for part in tok.split("=") if part)
            positions.append(place)
        return RawRanking(tuple(positions), weight, self.pos, ballot_id)

    def mark(self, token: str) -> Mark:
        """A candidate's index, or the token as written if it names no candidate."""
        index = self.lookup.get(token)
        if index is None and self.nicks is None:
            number = whole_number(token)
            if number is not None and len(self.lookup) < number <= self.n:
                index = number - 1  # past the fast table: a real candidate if it has a name
        return token if index is None else index

    def names_and_title(self, n: int) -> tuple[list[list[str]], str]:
        """The ``n`` candidate lines after the ballots (each its strings) and the title
        (:func:`~votecount.formats.blt_names.names_and_title`, which checks their count)."""
        rows: list[tuple[int, str]] = []  # (line number, text) of the lines after the ballots
        while len(rows) < n + 2:
            line = self.next_line()
            if line is None:
                break
            rows.append((self.pos, line))
        return names_and_title(rows, n, comma=self.comma, source=self.source, last=self.lines.number)


def _negative(token: str) -> bool:
    return token.startswith("-") and token[1:].isascii() and token[1:].isdigit()


__all__ = ["parse_blt"]
