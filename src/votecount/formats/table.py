"""Ballots from a table of cells, whatever the table came from (a CSV file, a spreadsheet).

The header gives each column its role (:mod:`votecount.formats.columns`); the layout says how
a row is a paper:

``preferences``  the rank columns hold candidates' names in order of preference; a blank cell
                 between two names is a skipped preference; ``A=B`` ranks A and B equal.
``ranks``        one column per candidate holding the rank the voter gave (``1``, ``2``, or as
                 a form writes it, ``1st choice``, ``Second``); blank is unranked; the same
                 rank twice is an equal ranking; a missing rank is a skipped preference.
``marks``        one column per candidate holding a cross (``X``, ``1``, ``✓``, ``yes``) or
                 nothing: a plurality paper.

Names in cells are matched as people type them (:mod:`votecount.formats.names`). Each
distinct row is decoded once, at its first line, so that an error names that line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from votecount.ballots import Candidate
from votecount.errors import BallotFileError
from votecount.formats._common import parse_weight, shown, unique_candidates, whole_number
from votecount.formats._jsondoc import Particulars
from votecount.formats.columns import LAYOUTS, ColumnRef, Layout, plan_columns, rank_label
from votecount.formats.names import NameBook, candidate_list
from votecount.tally import CleanTally, clean_ranking
from votecount.validation import ValidationWarning
from votecount.validity import Mark, RawElection, RawMarks, RawPaper, RawRanking

Row = tuple[str, ...]
CROSSES = frozenset({"x", "✓", "✔", "✗", "yes", "true"})
CandidateList = str | Sequence[str | Candidate]


def _cell(row: Row, col: int) -> str:
    return row[col] if col < len(row) else ""


def read_table(
    header: Sequence[str],
    data: Sequence[tuple[int, Row]],
    *,
    distinct: Sequence[Row] | None = None,
    header_line: int,
    meta: Particulars,
    source: str | None = None,
    layout: Layout | None = None,
    candidates: CandidateList | None = None,
    rank_columns: Sequence[ColumnRef] | str | None = None,
    id_column: ColumnRef | None = None,
    ignore_columns: Sequence[ColumnRef] | str = (),
    seats: int | None = None,
    title: str | None = None,
) -> RawElection:
    """The election in a table: ``header`` and the ``data`` rows with their line numbers.

    Identical rows should share one tuple (each distinct row is decoded once); ``distinct``,
    if the caller has it, lists them in the order of their first lines. ``meta`` is
    what a ``# votecount:`` comment said. See :func:`votecount.formats.csv.parse_csv` for
    the options.
    """
    header = [h.strip() for h in header]
    rows = list(distinct) if distinct is not None else list(dict.fromkeys(row for _, row in data))
    blank = {row for row in rows if not any(cell.strip() for cell in row)}
    if blank:  # judged once per distinct row, not once per line
        data = [(n, row) for n, row in data if row not in blank]
        rows = [row for row in rows if row not in blank]
    for row in rows:  # in the order of their first lines
        if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
            n = next(n for n, r in data if r is row)
            raise BallotFileError(
                f"row has {len(row)} cells but the header has {len(header)}", path=source, line=n
            )
    asked = layout or meta.layout
    if asked is not None and asked not in LAYOUTS:
        raise BallotFileError(
            f"unknown CSV layout {shown(str(asked))}; use one of {', '.join(LAYOUTS)}",
            path=source,
            line=meta.line if layout is None else None,
        )
    own = meta.candidates is not None and meta.layout in ("ranks", "marks")
    plan = plan_columns(
        header,
        layout=asked,
        rank_columns=_refs(rank_columns) if rank_columns is not None else None,
        id_column=id_column,
        ignore_columns=_refs(ignore_columns),
        own_candidates=len(meta.candidates) if own and meta.candidates is not None else None,
        source=source,
        line=header_line,
    )
    choices = plan.choices
    chosen = plan.layout or _detect(header, choices, rows, source, header_line)
    listed = candidate_list(candidates) if candidates is not None else meta.candidates
    book = NameBook(listed if chosen == "preferences" else None)
    notes: list[ValidationWarning] = []
    if plan.ignored:
        notes.append(
            ValidationWarning("columns-left-out", f"columns left out: {plan.describe()}", header_line)
        )

    def weight_of(n: int, row: Row) -> Any:
        return (
            1 if plan.weight is None else parse_weight(_cell(row, plan.weight).strip(), source=source, line=n)
        )

    def id_of(row: Row) -> str | None:
        value = "" if plan.id is None else _cell(row, plan.id)
        return value if value != "" else None

    decode: Callable[[int, Row], tuple[Any, ...]]
    if chosen == "preferences":

        def decode(n: int, row: Row) -> tuple[tuple[Mark, ...], ...]:
            places: list[tuple[Mark, ...]] = []
            for col in choices:
                cell = _cell(row, col).strip()
                if not cell:
                    places.append(())
                elif "=" not in cell or book.knows(cell):
                    places.append((book.mark(cell, n),))
                else:
                    parts = None if book.growing else _split_known(cell, book)
                    if parts is None:
                        parts = [part.strip() for part in cell.split("=") if part.strip()]
                    places.append(tuple(book.mark(part, n) for part in parts))
            while places and not places[-1]:
                places.pop()
            return tuple(places)

        cands: tuple[Candidate, ...] = ()
    else:
        cands, of_column = _column_candidates(plan.names, listed, own, source, header_line)
        if chosen == "ranks":

            def decode(n: int, row: Row) -> tuple[tuple[Mark, ...], ...]:
                ranked: dict[int, list[Mark]] = {}
                for k, col in enumerate(choices):
                    cell = _cell(row, col).strip()
                    if not cell:
                        continue
                    rank = whole_number(cell)
                    if rank is None:
                        rank = rank_label(cell)
                    if rank is None or rank < 1:
                        raise BallotFileError(
                            f"rank {shown(cell)} for {header[col]!r} is not a whole number from 1 up",
                            path=source,
                            line=n,
                        )
                    ranked.setdefault(rank, []).append(of_column[k])
                return _rank_places(ranked, len(choices))

        else:

            def decode(n: int, row: Row) -> tuple[Mark, ...]:
                marks: list[Mark] = []
                for k, col in enumerate(choices):
                    cell = _cell(row, col).strip()
                    if not cell or cell == "0":
                        continue
                    if cell.lower() not in CROSSES and cell != "1":
                        raise BallotFileError(
                            f"{shown(cell)} for {header[col]!r} is not a cross (X or 1) or blank",
                            path=source,
                            line=n,
                        )
                    marks.append(of_column[k])
                return tuple(marks)

    paper: Callable[..., RawPaper] = RawMarks if chosen == "marks" else RawRanking
    decoded: dict[Row, tuple[Any, Any, str | None]] = {}
    papers: list[RawPaper] = []
    tally = CleanTally()  # clean ranked rows: counted as cast, no paper object each
    for n, row in data:
        if row in tally.rankings:
            tally.again(row, n)
            continue
        got = decoded.get(row)
        if got is None:
            got = decoded[row] = (decode(n, row), weight_of(n, row), id_of(row))
            ranking = clean_ranking(got[0]) if chosen != "marks" and got[2] is None else None  # type: ignore[arg-type]
            if ranking is not None and type(got[1]) is int:
                tally.decoded(row, ranking, got[1], n)
                continue
        papers.append(paper(got[0], got[1], n, got[2]))
    if chosen == "preferences":
        cands = book.candidates()
        notes += book.warnings()
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
        notes=tuple(notes),
        clean=tally,
    )


def _refs(value: Sequence[ColumnRef] | str) -> list[ColumnRef]:
    """Column references as given: a list, or one string of comma-separated ones."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return list(value)


def _column_candidates(
    names: tuple[str, ...],
    listed: tuple[Candidate, ...] | None,
    own: bool,
    source: str | None,
    line: int,
) -> tuple[tuple[Candidate, ...], list[int]]:
    """The candidates of a ``ranks`` or ``marks`` table and which one each column is.

    Our own files list the candidates in column order; a caller's list is matched to the
    headers by name (as :func:`~votecount.formats.names.name_key` compares them), so the
    list's order and spelling win and a header naming no listed candidate is an error.
    """
    if listed is None:
        return unique_candidates(list(names)), list(range(len(names)))
    if own:
        if len(listed) != len(names):
            raise BallotFileError(
                f"{len(names)} candidate columns but {len(listed)} candidates", path=source, line=line
            )
        return listed, list(range(len(names)))
    book = NameBook(listed)
    of_column: list[int] = []
    for name in names:
        index = book.mark(name)
        if isinstance(index, str):
            raise BallotFileError(
                f"the column {shown(name)} is not a listed candidate (nearest: {book.nearest(name)})",
                path=source,
                line=line,
            )
        if index in of_column:
            raise BallotFileError(
                f"two columns name the candidate {listed[index].name!r}", path=source, line=line
            )
        of_column.append(index)
    missing = [c.name for i, c in enumerate(listed) if i not in of_column]
    if missing:
        raise BallotFileError(
            f"no column for the listed candidate(s) {', '.join(map(repr, missing))}", path=source, line=line
        )
    return listed, of_column


def _split_known(cell: str, book: NameBook) -> list[str] | None:
    """``A=B`` split into known names, where names may themselves hold ``=``."""
    if book.knows(cell.strip()):
        return [cell.strip()]
    for i, ch in enumerate(cell):
        if ch == "=" and book.knows(cell[:i].strip()):
            rest = _split_known(cell[i + 1 :], book)
            if rest is not None:
                return [cell[:i].strip(), *rest]
    return None


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
    header: Sequence[str], choices: Sequence[int], rows: list[Row], source: str | None, line: int
) -> Layout:
    """``ranks`` or ``marks``, from the cells of the candidate columns."""
    cells = {_cell(row, i).strip().lower() for row in rows for i in choices} - {"", "0"}
    if cells & CROSSES:
        return "marks"
    ranks = {c: (whole_number(c) or rank_label(c)) for c in cells}
    if any((r or 0) > 1 or (r == 1 and c != "1") for c, r in ranks.items()):
        return "ranks"
    names = [c for c, r in ranks.items() if r is None]
    if names and len(names) * 2 >= len(cells):
        shown_names = ", ".join(shown(header[i]) for i in choices[:6])
        raise BallotFileError(
            f"the cells under {shown_names} hold names, not ranks or crosses; if these columns are "
            "preference positions, give layout='preferences' (on the command line --layout "
            "preferences) or name them with rank_columns= (--rank-columns)",
            path=source,
            line=line,
        )
    raise BallotFileError(
        "cannot tell whether the cells are ranks or crosses (every mark is 1); give layout='ranks' "
        "or layout='marks' (on the command line --layout ranks or --layout marks), or begin a CSV "
        'file with the line # votecount: {"layout": "ranks"}',
        path=source,
        line=line,
    )


__all__ = ["CROSSES", "read_table"]
