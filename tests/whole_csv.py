"""The CSV reader as it was before it streamed, kept as the reference the streaming reader
is held to (tests/formats/test_csv_streaming.py).

It parses the whole text at once, holds every row with its line, checks every row's width
before anything else, finds the layout from the cells of all the rows, and only then decodes
the rows in file order. The cell decoders, and what one cell says of the layout, are the
reader's own (they did not change); what differs is everything around them.
"""

from __future__ import annotations

import csv as _csv
import io
import re
from collections.abc import Sequence
from typing import Any

from votecount.errors import BallotFileError
from votecount.formats._common import parse_weight, shown
from votecount.formats._jsondoc import Particulars, read_particulars
from votecount.formats.columns import LAYOUTS, plan_columns
from votecount.formats.names import NameBook, candidate_list
from votecount.formats.table import _column_candidates, _refs
from votecount.formats.table_cells import RowDecoder, cell_layout, refuse_layout
from votecount.tally import CleanTally, clean_ranking
from votecount.validation import ValidationWarning
from votecount.validity import RawElection, RawMarks, RawRanking

_META = "# votecount:"
_LINE_END = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_NOT_BLANK = re.compile(r"\S")
Row = tuple[str, ...]


def whole_csv(
    text: str, *, source: str | None = None, delimiter: str | None = None, **options: Any
) -> RawElection:
    """The election in CSV ``text``, read the way the reader read it before it streamed."""
    meta = Particulars(0, source)
    skipped = pos = 0
    while pos < len(text):
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
    distinct: dict[Row, Row] = {}
    try:
        header = next(reader)
        header_line = skipped + reader.line_num
        data: list[tuple[int, Row]] = []
        for cells in reader:
            row = tuple(cells)
            data.append((skipped + reader.line_num, distinct.setdefault(row, row)))
    except _csv.Error as exc:
        raise BallotFileError(f"bad CSV: {exc}", path=source, line=skipped + reader.line_num) from None
    return _whole_table(header, data, list(distinct), header_line, meta, source, **options)


def _whole_table(
    header: Sequence[str],
    data: list[tuple[int, Row]],
    rows: list[Row],
    header_line: int,
    meta: Particulars,
    source: str | None,
    *,
    layout: Any = None,
    candidates: Any = None,
    rank_columns: Any = None,
    id_column: Any = None,
    ignore_columns: Any = (),
    seats: int | None = None,
    title: str | None = None,
) -> RawElection:
    header = [h.strip() for h in header]
    blank = {row for row in rows if not any(cell.strip() for cell in row)}
    data = [(n, row) for n, row in data if row not in blank]
    rows = [row for row in rows if row not in blank]
    for row in rows:
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
    cells = {(row[i] if i < len(row) else "").strip().lower() for row in rows for i in choices} - {"", "0"}
    found = {cell_layout(c) for c in cells}
    chosen = plan.layout or (
        "marks"
        if "marks" in found
        else "ranks"
        if "ranks" in found
        else refuse_layout(header, choices, cells, source, header_line)
    )
    listed = candidate_list(candidates) if candidates is not None else meta.candidates
    book = NameBook(listed if chosen == "preferences" else None)
    notes = []
    if plan.ignored:
        notes.append(
            ValidationWarning("columns-left-out", f"columns left out: {plan.describe()}", header_line)
        )
    decoder = RowDecoder(header, choices, book, source)
    cands: Any = ()
    if chosen == "preferences":
        decode = decoder.preferences
    else:
        cands, decoder.of_column = _column_candidates(plan.names, listed, own, source, header_line)
        decode = decoder.ranks if chosen == "ranks" else decoder.marks
    paper: Any = RawMarks if chosen == "marks" else RawRanking
    decoded: dict[Row, tuple[Any, Any, str | None]] = {}
    papers: list[Any] = []
    tally = CleanTally()
    for n, row in data:
        if row in tally.rankings:
            tally.again(row, n)
            continue
        got = decoded.get(row)
        if got is None:
            weight = (
                1
                if plan.weight is None
                else parse_weight(
                    (row[plan.weight] if plan.weight < len(row) else "").strip(), source=source, line=n
                )
            )
            ident = "" if plan.id is None or plan.id >= len(row) else row[plan.id]
            got = decoded[row] = (decode(n, row), weight, ident or None)
            ranking = clean_ranking(got[0]) if chosen != "marks" and got[2] is None else None
            if ranking is not None and type(got[1]) is int:
                tally.decoded(row, ranking, got[1], n)
                continue
        papers.append(paper(got[0], got[1], n, got[2]))
    if chosen == "preferences":
        cands = book.candidates()
        notes += book.warnings()
    return RawElection(
        cands,
        papers,
        seats=seats if seats is not None else meta.seats,
        title=title if title is not None else meta.title or "",
        withdrawn=frozenset(meta.indices(meta.withdrawn, cands, "withdrawn")),
        tie_order=meta.indices(meta.tie_order, cands, "tie_order"),
        source=source,
        notes=tuple(notes),
        clean=tally,
    )
