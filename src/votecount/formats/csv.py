"""CSV ballot files in three layouts, one row per ballot (or per group of identical ballots).

``preferences``
    Columns ``1, 2, 3, ...`` (or ``pref 1``, ``rank 1``, ``choice 1``...) hold candidate
    names in order of preference; a blank cell between two names is a skipped preference;
    ``A=B`` ranks A and B equal.
``ranks``
    One column per candidate (the header gives the names) holding the rank the voter gave:
    ``1``, ``2``, ``3``; blank is unranked; the same number twice is an equal ranking; a
    missing number is a skipped preference. The validity policy decides what counts.
``marks``
    One column per candidate holding a cross (``X``, ``x``, ``1``, ``✓``) or nothing: a
    plurality ("cross in a box") paper, read into a :class:`~votecount.ballots.PluralityBallot`.

In every layout, optional columns ``weight`` (or ``count``, ``votes``) and ``id`` (or
``ballot_id``) give the number of papers and the ballot's identifier. The layout is found from
the header (position columns mean ``preferences``), then from the cells (crosses mean
``marks``, ranks above 1 mean ``ranks``); where that cannot tell, pass ``layout=``.

Lines starting with ``#`` before the header are comments. The writer puts the election's
particulars in one of them, ``# votecount: {...}`` (JSON: layout, candidates with ids and
attributes, seats, title, withdrawn, tie order), so that a file written and read back gives an
equal profile; the reader uses that line when it is there.
"""

from __future__ import annotations

import csv as _csv
import io
import json
import re
from collections.abc import Callable, Sequence
from typing import Any, Literal

from votecount.ballots import Candidate, PluralityBallot, RankedBallot
from votecount.errors import BallotFileError, FormatError, OptionError
from votecount.formats._common import format_weight, parse_weight, shown, unique_candidates, whole_number
from votecount.formats._jsondoc import Particulars, read_particulars
from votecount.profile import Profile
from votecount.validity import Mark, RawElection, RawMarks, RawPaper, RawRanking

Layout = Literal["preferences", "ranks", "marks"]
Row = tuple[str, ...]
LAYOUTS: tuple[Layout, ...] = ("preferences", "ranks", "marks")

_WEIGHT_COLUMNS = {"weight", "count", "votes", "number", "n", "ballots", "papers"}
_ID_COLUMNS = {"id", "ballot_id", "ballot id", "ballotid", "ballot"}
_POSITION = re.compile(
    r"(?i)(pref(erence)?|rank(ing)?|choice|vote)?[\s_#.-]*\d+(st|nd|rd|th)?"
    r"([\s_-]*(pref(erence)?|choice))?"
)
_CROSSES = {"x", "✓", "✔", "✗", "yes", "true"}
_META = "# votecount:"
_LINE_END = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_NOT_BLANK = re.compile(r"\S")


def parse_csv(
    text: str,
    *,
    source: str | None = None,
    layout: Layout | None = None,
    candidates: Sequence[str | Candidate] | None = None,
    seats: int | None = None,
    title: str | None = None,
    delimiter: str | None = None,
) -> RawElection:
    """Parse CSV text into the election as written (see the module docstring for layouts).

    ``candidates`` (for the ``preferences`` layout) fixes the candidates and their order;
    names not among them are then unknown candidates. Without it, candidates are taken in the
    order they first appear. ``seats`` and ``title`` override the file's own.
    """
    meta = Particulars(0, source)
    skipped = pos = 0
    while pos < len(text):  # comment and blank lines before the header, as str.splitlines splits
        ending = _LINE_END.search(text, pos)
        end = ending.end() if ending else len(text)
        line = text[pos:end]
        if not (line.startswith("#") or not line.strip()):
            break
        if line.startswith(_META):
            meta = read_particulars(
                line[len(_META) :], label="votecount comment", source=source, line=skipped + 1
            )
        skipped += 1
        pos = end
    if _NOT_BLANK.search(text, pos) is None:
        raise BallotFileError(
            "the file is empty; a CSV ballot file starts with a header row", path=source, line=skipped + 1
        )
    if delimiter is None:
        start = pos
        while text[start] in "\r\n":
            start += 1
        end = text.find("\n", start)
        first = text[start : end if end >= 0 else len(text)]
        delimiter = next((d for d in ",\t;" if d in first), ",")
    stream = io.StringIO(text)
    stream.seek(pos)
    reader = _csv.reader(stream, delimiter=delimiter)
    # Identical rows share one tuple, so that a million lines of a few hundred distinct
    # ballots hold a few hundred rows, not a million lists of cells.
    distinct: dict[Row, Row] = {}
    try:
        header = [h.strip() for h in next(reader)]
        header_line = skipped + reader.line_num
        data: list[tuple[int, Row]] = []
        for cells in reader:
            row = tuple(cells)
            shared = distinct.get(row)
            if shared is None:
                shared = distinct[row] = row
            data.append((skipped + reader.line_num, shared))
    except _csv.Error as exc:
        raise BallotFileError(f"bad CSV: {exc}", path=source, line=skipped + reader.line_num) from None
    id_col = weight_col = None
    choice_cols: list[int] = []
    # Our own files say how many candidate columns there are (the last ones), so a
    # candidate named like a special column ("weight", "ballot") is not taken for one.
    own_columns = meta.candidates is not None and meta.layout in ("ranks", "marks")
    known = len(meta.candidates) if meta.candidates is not None and own_columns else None
    special_end = len(header) - known if known is not None and known <= len(header) else len(header)
    for i, name in enumerate(header):
        key = name.lower()
        if i < special_end and key in _WEIGHT_COLUMNS and weight_col is None:
            weight_col = i
        elif i < special_end and key in _ID_COLUMNS and id_col is None:
            id_col = i
        else:
            choice_cols.append(i)
    blank = {row for row in distinct if not any(cell.strip() for cell in row)}
    if blank:
        data = [(n, row) for n, row in data if row not in blank]
    for row in distinct:  # in the order of their first lines
        if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
            n = next(n for n, r in data if r is row)
            raise BallotFileError(
                f"row has {len(row)} cells but the header has {len(header)}", path=source, line=n
            )
    rows = list(distinct)
    chosen = layout or meta.layout or _detect(header, choice_cols, rows, source, header_line)
    if chosen not in LAYOUTS:
        raise BallotFileError(
            f"unknown CSV layout {shown(chosen)}; use one of {', '.join(LAYOUTS)}",
            path=source,
            line=meta.line if layout is None else None,
        )

    cands: tuple[Candidate, ...]
    if candidates is not None:
        cands = tuple(c if isinstance(c, Candidate) else Candidate(str(c)) for c in candidates)
    elif meta.candidates is not None:
        cands = meta.candidates
    elif chosen == "preferences":
        cands = ()
    else:
        cands = unique_candidates([header[i] for i in choice_cols])
    if chosen != "preferences" and len(cands) != len(choice_cols):
        raise BallotFileError(
            f"{len(choice_cols)} candidate columns but {len(cands)} candidates", path=source, line=header_line
        )

    def weight_of(n: int, row: Row) -> Any:
        if weight_col is None:
            return 1
        return parse_weight(_cell(row, weight_col).strip(), source=source, line=n)

    def id_of(row: Row) -> str | None:
        if id_col is None:
            return None
        value = _cell(row, id_col)
        return value if value != "" else None

    decode: Callable[[int, Row], tuple[Any, ...]]
    if chosen == "preferences":
        lookup: dict[str, int] = {}
        for i, c in enumerate(cands):
            lookup.setdefault(c.name, i)
        for i, c in enumerate(cands):
            lookup[c.id] = i
        growing = candidates is None and meta.candidates is None
        found: list[str] = []

        def mark(name: str) -> Mark:
            index = lookup.get(name)
            if index is None and growing:
                index = lookup[name] = len(found)
                found.append(name)
            return name if index is None else index

        def decode_preferences(n: int, row: Row) -> tuple[tuple[Mark, ...], ...]:
            places: list[tuple[Mark, ...]] = []
            for col in choice_cols:
                cell = _cell(row, col).strip()
                if not cell:
                    places.append(())
                elif cell in lookup or "=" not in cell:
                    places.append((mark(cell),))
                else:
                    parts = None if growing else _split_known(cell, lookup)
                    if parts is None:
                        parts = [part.strip() for part in cell.split("=") if part.strip()]
                    places.append(tuple(mark(part) for part in parts))
            while places and not places[-1]:
                places.pop()
            return tuple(places)

        decode = decode_preferences
    elif chosen == "ranks":

        def decode_ranks(n: int, row: Row) -> tuple[tuple[Mark, ...], ...]:
            ranked: dict[int, list[Mark]] = {}
            for k, col in enumerate(choice_cols):
                cell = _cell(row, col).strip()
                if not cell:
                    continue
                rank = whole_number(cell)
                if rank is None or rank < 1:
                    raise BallotFileError(
                        f"rank {shown(cell)} for {header[col]!r} is not a whole number from 1 up",
                        path=source,
                        line=n,
                    )
                ranked.setdefault(rank, []).append(k)
            return _rank_places(ranked, len(choice_cols))

        decode = decode_ranks
    else:

        def decode_marks(n: int, row: Row) -> tuple[Mark, ...]:
            marks: list[Mark] = []
            for k, col in enumerate(choice_cols):
                cell = _cell(row, col).strip()
                if not cell or cell == "0":
                    continue
                if cell.lower() not in _CROSSES and cell != "1":
                    raise BallotFileError(
                        f"{shown(cell)} for {header[col]!r} is not a cross (X or 1) or blank",
                        path=source,
                        line=n,
                    )
                marks.append(k)
            return tuple(marks)

        decode = decode_marks

    # each distinct row decoded once, at its first line (so that an error names that line)
    paper: Callable[..., RawPaper] = RawMarks if chosen == "marks" else RawRanking
    decoded: dict[Row, tuple[Any, Any, str | None]] = {}
    papers: list[RawPaper] = []
    for n, row in data:
        got = decoded.get(row)
        if got is None:
            got = decoded[row] = (decode(n, row), weight_of(n, row), id_of(row))
        papers.append(paper(got[0], got[1], n, got[2]))
    if chosen == "preferences" and candidates is None and meta.candidates is None:
        cands = unique_candidates(found)

    withdrawn = frozenset(meta.indices(meta.withdrawn, cands, "withdrawn"))
    tie_order = meta.indices(meta.tie_order, cands, "tie_order")
    return RawElection(
        cands,
        papers,
        seats=seats if seats is not None else meta.seats,
        title=title if title is not None else meta.title or "",
        withdrawn=withdrawn,
        tie_order=tie_order,
        source=source,
    )


def _split_known(cell: str, lookup: dict[str, int]) -> list[str] | None:
    """``A=B`` split into known names, where names may themselves hold ``=``."""
    if cell.strip() in lookup:
        return [cell.strip()]
    for i, ch in enumerate(cell):
        if ch == "=" and cell[:i].strip() in lookup:
            rest = _split_known(cell[i + 1 :], lookup)
            if rest is not None:
                return [cell[:i].strip(), *rest]
    return None


def _cell(row: Row, col: int) -> str:
    return row[col] if col < len(row) else ""


def _rank_places(ranked: dict[int, list[Mark]], columns: int) -> tuple[tuple[Mark, ...], ...]:
    """The places on a ``ranks`` row: place ``r`` holds the candidates marked ``r``.

    A rank above the number of candidate ``columns`` must leave a place unmarked below it,
    and the validity check reads a paper only up to its first unmarked place; so there the
    empty places between the later ranks are not spelled out, one by one, up to a rank as
    large as the file cares to write.
    """
    top = max(ranked, default=0)
    if top <= columns:
        return tuple(tuple(ranked.get(r, ())) for r in range(1, top + 1))
    places: list[tuple[Mark, ...]] = []
    expected = 1
    for rank in sorted(ranked):
        if rank != expected:
            places.append(())
        places.append(tuple(ranked[rank]))
        expected = rank + 1
    return tuple(places)


def _detect(
    header: list[str],
    choice_cols: list[int],
    rows: list[Row],
    source: str | None,
    line: int,
) -> Layout:
    if not choice_cols:
        raise BallotFileError("the header names no candidate or preference columns", path=source, line=line)
    if all(_POSITION.fullmatch(header[i]) for i in choice_cols):
        return "preferences"
    cells = {_cell(row, i).strip().lower() for row in rows for i in choice_cols} - {"", "0"}
    if cells & _CROSSES:
        return "marks"
    if any((whole_number(c) or 0) > 1 for c in cells):
        return "ranks"
    raise BallotFileError(
        "cannot tell whether the cells are ranks or crosses (every mark is 1); "
        "give layout='ranks' or layout='marks', or begin the file with the line "
        '# votecount: {"layout": "ranks"}',
        path=source,
        line=line,
    )


def dumps_csv(profile: Profile, *, layout: Layout | None = None, metadata: bool = True) -> str:
    """Write ``profile`` as CSV: ranked ballots as ``preferences`` (or ``layout="ranks"``),
    plurality ballots as ``marks``. With ``metadata`` (the default), a ``# votecount:`` comment
    line keeps what the columns cannot (candidate ids and attributes, seats, title...)."""
    kind = profile.kind
    if layout is None:
        layout = "marks" if kind == "plurality" else "preferences"
    if layout not in LAYOUTS:
        raise OptionError(
            f"unknown CSV layout {layout!r}; use one of {', '.join(LAYOUTS)}",
            option="CSV layout",
            value=layout,
            choices=LAYOUTS,
        )
    if kind == "plurality" and layout != "marks":
        raise FormatError("plurality ballots are written in the 'marks' layout")
    if kind == "ranked" and layout == "marks":
        raise FormatError("ranked ballots are written in the 'preferences' or 'ranks' layout")
    cands = profile.candidates
    names = [c.name for c in cands]
    if len(set(names)) < len(names):
        names = [c.id for c in cands]
    out = io.StringIO()
    if metadata:
        meta: dict[str, Any] = {"layout": layout}
        meta["candidates"] = [
            {"name": c.name, "id": c.id, **({"attributes": dict(c.attributes)} if c.attributes else {})}
            for c in cands
        ]
        if profile.seats is not None:
            meta["seats"] = profile.seats
        if profile.title:
            meta["title"] = profile.title
        if profile.withdrawn:
            meta["withdrawn"] = [cands[i].id for i in sorted(profile.withdrawn)]
        if profile.tie_order:
            meta["tie_order"] = [cands[i].id for i in profile.tie_order]
        out.write(_META + " " + json.dumps(meta) + "\n")  # ASCII: no stray line breaks
    writer = _csv.writer(out, lineterminator="\n")
    with_ids = any(b.id is not None for b in profile.ballots)
    lead = (["id"] if with_ids else []) + ["weight"]
    if layout == "preferences":
        depth = max((len(b.ranking) for b in profile.ballots if isinstance(b, RankedBallot)), default=1)
        writer.writerow(lead + [str(k) for k in range(1, depth + 1)])
    else:
        writer.writerow(lead + names)
    for ballot in profile.ballots:
        row = ([ballot.id or ""] if with_ids else []) + [format_weight(ballot.weight)]
        if isinstance(ballot, PluralityBallot):
            row += ["X" if i in ballot.marks else "" for i in range(len(cands))]
        elif layout == "preferences":
            for pref in ballot.ranking:
                row.append(names[pref] if isinstance(pref, int) else "=".join(names[i] for i in sorted(pref)))
        else:
            cells = [""] * len(cands)
            for rank, pref in enumerate(ballot.ranking, 1):
                for i in [pref] if isinstance(pref, int) else sorted(pref):
                    cells[i] = str(rank)
            row += cells
        writer.writerow(row)
    return out.getvalue()


__all__ = ["LAYOUTS", "Layout", "dumps_csv", "parse_csv"]
