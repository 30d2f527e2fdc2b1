"""PrefLib election files: ``.soi`` (strict orders, incomplete) and ``.toi`` (orders with ties).

Layout (PrefLib's 2022 format)::

    # TITLE: 2002 Dublin North
    # DATA TYPE: soi
    # NUMBER ALTERNATIVES: 3
    # NUMBER VOTERS: 10
    # NUMBER UNIQUE ORDERS: 3
    # ALTERNATIVE NAME 1: Alice
    # ALTERNATIVE NAME 2: Bob
    # ALTERNATIVE NAME 3: Carol
    6: 1,2
    3: 2,{1,3}
    1: 3

Each data line is ``count: preferences``, alternatives numbered from 1, ``{1,3}`` a group
ranked equal (``.toi`` only; the reader accepts it in any file and leaves it to the validity
policy). ``.soc``/``.toc`` (complete orders) read the same way. PrefLib has no seats: pass
``seats=``. The writer adds a ``# VOTECOUNT: {...}`` header (JSON) only when the profile has
what PrefLib cannot say (seats, candidate ids or attributes, withdrawn candidates, a tie
order), and reads it back. Counts may be fractions (``1/3``), an extension, so weights
round-trip exactly. PrefLib has no ballot ids; the writer refuses a profile that has them.

The totals a file declares are checked against what it holds: ``# NUMBER VOTERS`` against
the sum of the counts, ``# NUMBER UNIQUE ORDERS`` against the number of data lines, and the
``# ALTERNATIVE NAME i`` lines (where there are any) against ``# NUMBER ALTERNATIVES``. A file
cut short, by a failed copy or a download that stopped, still parses line by line; only its
header can tell, and counting what is left may elect someone else. A mismatch is an error
naming the header line and both numbers; ``check_totals=False`` reads such a file anyway.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from votecount.ballots import Candidate, RankedBallot
from votecount.errors import BallotFileError, FormatError
from votecount.formats._common import (
    Lines,
    format_weight,
    parse_weight,
    parse_whole,
    whole_number,
)
from votecount.formats._jsondoc import Particulars, read_particulars
from votecount.profile import Profile
from votecount.progress import active
from votecount.tally import CleanTally, clean_ranking
from votecount.validity import Mark, RawElection, RawRanking

_HEADER = re.compile(r"#\s*([A-Za-z][A-Za-z ]*?)\s*([0-9]+)?\s*:\s?(.*)")
_META = "VOTECOUNT"

MAX_UNNAMED = 1000
"""The most alternatives a file may declare without naming them: a header alone must not
size a table of a billion candidates (with name lines, each one is in the file)."""


def parse_preflib(
    text: str | Lines,
    *,
    source: str | None = None,
    seats: int | None = None,
    title: str | None = None,
    check_totals: bool = True,
) -> RawElection:
    """Parse a PrefLib ``.soi``/``.toi`` file (or its :class:`~votecount.formats._common.Lines`)
    into the election as written.

    ``check_totals=False`` reads a file whose declared totals do not match what it holds
    (see the module docstring); by default such a file is refused, since a truncated file
    must never be counted. A data line whose count is a whole number and whose order names
    known alternatives, none twice, goes to the tally (:mod:`votecount.tally`): each
    distinct line is decoded once, and memory grows with distinct lines, not with the file.
    """
    lines = text if isinstance(text, Lines) else Lines.of_text(text, source)
    names: dict[int, str] = {}
    fields: dict[str, str] = {}
    field_lines: dict[str, int] = {}
    meta = Particulars(0, source)
    papers: list[RawRanking] = []
    tally = CleanTally()
    known = tally.lines.get
    n_alternatives: int | None = None
    marks: dict[str, Mark] = {}  # each token met, as the mark it makes
    decoded: dict[str, tuple[tuple[Mark, ...], ...]] = {}  # each distinct order, decoded once
    blank = True
    progress = active()
    report_at = _PROGRESS_LINES

    def mark(token: str) -> Mark:
        found = marks.get(token)
        if found is None:
            alternative = whole_number(token) or 0
            valid = 0 < alternative <= (n_alternatives or 0) and token == str(alternative)
            found = marks[token] = alternative - 1 if valid else token
        return found

    while (line := lines.next()) is not None:
        number = lines.number
        if number >= report_at:
            progress.update(f"reading {source or 'ballots'}", number)
            report_at = number + _PROGRESS_LINES
        if known(line) is not None:  # a clean line met before
            tally.again(line, number)
            continue
        stripped = line.strip()
        if not stripped:
            continue
        blank = False
        if stripped.startswith("#"):
            if papers or len(tally):
                continue  # a comment among the data lines
            match = _HEADER.fullmatch(stripped)
            if match is None:
                continue
            key, index, value = match.group(1).upper(), match.group(2), match.group(3).strip()
            if key == "ALTERNATIVE NAME" and index is not None:
                names[parse_whole(index, what="the alternative number", source=source, line=number)] = value
            elif key == _META:
                meta = read_particulars(value, label="VOTECOUNT header", source=source, line=number)
            elif index is None:
                fields[key] = value
                field_lines[key] = number
                if key == "NUMBER ALTERNATIVES":
                    n_alternatives = parse_whole(
                        value, what="NUMBER ALTERNATIVES", source=source, line=number
                    )
                    if n_alternatives > lines.size:
                        # a bound on what the header may allocate: one candidate per character
                        raise BallotFileError(
                            f"NUMBER ALTERNATIVES {n_alternatives} is more than a file of "
                            f"{lines.size} characters can hold",
                            path=source,
                            line=number,
                        )
            continue
        if n_alternatives is None:
            raise BallotFileError(
                "data line before the '# NUMBER ALTERNATIVES:' header", path=source, line=number
            )
        count, colon, prefs = stripped.partition(":")
        if not colon:
            raise BallotFileError(
                f"expected 'count: preferences', found {stripped[:40]!r}", path=source, line=number
            )
        weight = parse_weight(count.strip(), source=source, line=number)
        places = decoded.get(prefs)
        if places is None:
            places = decoded[prefs] = _places(prefs, mark, source, number)
        ranking = clean_ranking(places) if type(weight) is int else None
        if ranking is not None:
            tally.decoded(line, ranking, weight, number)
        else:
            papers.append(RawRanking(places, weight, number))
    if blank:
        raise BallotFileError(
            "the file is empty; a PrefLib file starts with '# ...' header lines", path=source, line=1
        )
    last_line = lines.number
    if n_alternatives is None:
        raise BallotFileError("no '# NUMBER ALTERNATIVES:' header", path=source, line=last_line)
    if not papers and not len(tally) and "NUMBER VOTERS" not in fields:
        raise BallotFileError(
            "no data lines ('count: preferences') and no '# NUMBER VOTERS: 0' header: "
            "the file may have been cut short",
            path=source,
            line=last_line,
        )
    if check_totals:
        _check_names(names, n_alternatives, field_lines["NUMBER ALTERNATIVES"], source)
        _check_totals(fields, field_lines, papers, tally, source)
    if meta.candidates is not None:
        cands = meta.candidates
        if len(cands) != n_alternatives:
            raise BallotFileError(
                f"the VOTECOUNT header lists {len(cands)} candidates, "
                f"but NUMBER ALTERNATIVES is {n_alternatives}",
                path=source,
                line=meta.line,
            )
    else:
        if not names and n_alternatives > MAX_UNNAMED:
            raise BallotFileError(
                f"NUMBER ALTERNATIVES is {n_alternatives}, but the file names none; more than "
                f"{MAX_UNNAMED} alternatives need their '# ALTERNATIVE NAME i:' lines",
                path=source,
                line=field_lines["NUMBER ALTERNATIVES"],
            )
        cands = _candidates(names, n_alternatives)
    return RawElection(
        cands,
        papers,
        seats=seats if seats is not None else meta.seats,
        title=title if title is not None else fields.get("TITLE", ""),
        withdrawn=frozenset(meta.indices(meta.withdrawn, cands, "withdrawn")),
        tie_order=meta.indices(meta.tie_order, cands, "tie_order"),
        source=source,
        clean=tally,
    )


_PROGRESS_LINES = 1 << 16
"""Progress is told once in this many lines."""


def _check_names(names: dict[int, str], n_alternatives: int, line: int, source: str | None) -> None:
    """Name lines, where a file has any, for exactly the alternatives it declares.

    A file without them reads with ``Alternative i`` names (older and handmade files); a
    file with some but not all has lost lines, and one naming an alternative beyond the
    declared number says a different number than it holds.
    """
    if not names:
        return
    beyond = sorted(i for i in names if not 1 <= i <= n_alternatives)
    if beyond:
        raise BallotFileError(
            f"'# ALTERNATIVE NAME {beyond[0]}:' names an alternative beyond "
            f"NUMBER ALTERNATIVES: {n_alternatives}",
            path=source,
            line=line,
        )
    if len(names) != n_alternatives:
        missing = next(i for i in range(1, n_alternatives + 1) if i not in names)
        raise BallotFileError(
            f"NUMBER ALTERNATIVES is {n_alternatives}, but the file names {len(names)} "
            f"(no '# ALTERNATIVE NAME {missing}:' line)",
            path=source,
            line=line,
        )


def _check_totals(
    fields: dict[str, str],
    field_lines: dict[str, int],
    papers: list[RawRanking],
    tally: CleanTally,
    source: str | None,
) -> None:
    """``# NUMBER VOTERS`` and ``# NUMBER UNIQUE ORDERS`` against the data lines."""
    _, clean_weight, clean_lines = tally.weights()
    if "NUMBER VOTERS" in fields:
        line = field_lines["NUMBER VOTERS"]
        declared = parse_weight(fields["NUMBER VOTERS"], source=source, line=line)
        held = sum((Fraction(p.weight) for p in papers), Fraction(clean_weight))
        if held != declared:
            raise _mismatch("NUMBER VOTERS", declared, held, "voters", line, source)
    if "NUMBER UNIQUE ORDERS" in fields:
        line = field_lines["NUMBER UNIQUE ORDERS"]
        value = fields["NUMBER UNIQUE ORDERS"]
        orders = parse_whole(value, what="NUMBER UNIQUE ORDERS", source=source, line=line)
        if orders != len(papers) + clean_lines:
            held_lines = len(papers) + clean_lines
            raise _mismatch("NUMBER UNIQUE ORDERS", orders, held_lines, "data lines", line, source)


def _mismatch(
    key: str, declared: Fraction | int, held: Fraction | int, what: str, line: int, source: str | None
) -> BallotFileError:
    whole = isinstance(held, Fraction) and held.denominator == 1
    held_text = format_weight(held.numerator if whole else held)
    declared_text = format_weight(declared)
    if len(declared_text) > 40:
        declared_text = declared_text[:40] + "..."
    return BallotFileError(
        f"the header says {key}: {declared_text}, but the file holds {held_text} {what}; "
        "it may have been cut short or edited, so it is not counted",
        path=source,
        line=line,
    )


def _candidates(names: dict[int, str], n_alternatives: int) -> tuple[Candidate, ...]:
    """The alternatives as candidates; a name given twice keeps its first alternative's id,
    and each later one gets ``Name (i)``."""
    first: dict[str, int] = {}
    repeated: set[str] = set()
    for i in sorted(names):
        if names[i] in first:
            repeated.add(names[i])
        first.setdefault(names[i], i)
    out = []
    for i in range(1, n_alternatives + 1):
        name = names.get(i, f"Alternative {i}")
        ident = f"{name} ({i})" if name in repeated and first[name] != i else name
        out.append(Candidate(name, ident))
    return tuple(out)


def _places(
    prefs: str, mark: Callable[[str], Mark], source: str | None, line: int
) -> tuple[tuple[Mark, ...], ...]:
    text = prefs.strip()
    if "{" not in text:  # a strict order, as nearly every line is: split at the commas
        return tuple((mark(token),) for token in map(str.strip, text.split(",")) if token)
    places: list[tuple[Mark, ...]] = []
    i = 0
    while i < len(text):
        if text[i] == "{":
            close = text.find("}", i)
            if close < 0:
                raise BallotFileError("'{' is not closed by '}'", path=source, line=line)
            group = [t.strip() for t in text[i + 1 : close].split(",") if t.strip()]
            places.append(tuple(mark(t) for t in group))
            i = close + 1
        else:
            end = text.find(",", i)
            end = len(text) if end < 0 else end
            token = text[i:end].strip()
            if token:
                places.append((mark(token),))
            i = end
        while i < len(text) and text[i] in ", ":
            i += 1
    return tuple(places)


def dumps_preflib(profile: Profile, *, data_type: str = "toi") -> str:
    """Write a ranked profile as PrefLib ``soi`` (no equal rankings) or ``toi``."""
    if profile.kind == "plurality":
        raise FormatError("PrefLib .soi/.toi hold ranked ballots; this profile holds plurality ballots")
    ballots = [b for b in profile.ballots if isinstance(b, RankedBallot)]
    if any(b.id is not None for b in ballots):
        raise FormatError("PrefLib files cannot hold ballot ids; write BLT or JSON instead")
    if data_type == "soi" and any(b.has_equal_rankings for b in ballots):
        raise FormatError("a .soi file cannot hold equal rankings; write .toi instead")
    cands = profile.candidates
    for text in [c.name for c in cands] + [profile.title]:
        if "\n" in text or "\r" in text:
            raise FormatError(f"{text!r}: a PrefLib name or title cannot hold a line break")
    out = [
        f"# TITLE: {profile.title}",
        f"# DATA TYPE: {data_type}",
        f"# NUMBER ALTERNATIVES: {len(cands)}",
        f"# NUMBER VOTERS: {format_weight(profile.total_weight)}",
        f"# NUMBER UNIQUE ORDERS: {len(ballots)}",
    ]
    out += [f"# ALTERNATIVE NAME {i + 1}: {c.name}" for i, c in enumerate(cands)]
    meta: dict[str, Any] = {}
    if profile.seats is not None:
        meta["seats"] = profile.seats
    plain_ids = [c.name for c in cands]
    if len(set(plain_ids)) == len(plain_ids):
        needs_candidates = any(c.id != c.name or c.attributes for c in cands)
    else:
        needs_candidates = True
    if needs_candidates:
        meta["candidates"] = [
            {"name": c.name, "id": c.id, **({"attributes": dict(c.attributes)} if c.attributes else {})}
            for c in cands
        ]
    if profile.withdrawn:
        meta["withdrawn"] = [cands[i].id for i in sorted(profile.withdrawn)]
    if profile.tie_order:
        meta["tie_order"] = [cands[i].id for i in profile.tie_order]
    if meta:
        out.append(f"# {_META}: {json.dumps(meta, ensure_ascii=False)}")
    for ballot in sorted(ballots, key=lambda b: -b.weight):
        parts = []
        for pref in ballot.ranking:
            if isinstance(pref, int):
                parts.append(str(pref + 1))
            else:
                parts.append("{" + ",".join(str(i + 1) for i in sorted(pref)) + "}")
        out.append(f"{format_weight(ballot.weight)}: {','.join(parts)}")
    return "\n".join(out) + "\n"


def dumps_soi(profile: Profile) -> str:
    return dumps_preflib(profile, data_type="soi")


def dumps_toi(profile: Profile) -> str:
    return dumps_preflib(profile, data_type="toi")


def declared_voters(text: str) -> int | None:
    """The ``# NUMBER VOTERS:`` a PrefLib file declares (to check a file against itself)."""
    for line in iter(Lines.of_text(text).next, None):
        match = _HEADER.fullmatch(line.strip())
        if match and match.group(1).upper() == "NUMBER VOTERS":
            voters = whole_number(match.group(3).strip())
            if voters is not None:
                return voters
    return None


__all__ = ["declared_voters", "dumps_preflib", "dumps_soi", "dumps_toi", "parse_preflib"]
