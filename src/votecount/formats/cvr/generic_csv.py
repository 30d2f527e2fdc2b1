"""RCTab's generic CSV: one row per ballot, one column per candidate, the cell the rank given.

The layout RCTab reads (``CsvCvrReader``): the first row names the candidates, one per column
from ``firstVoteColumnIndex`` on (a name equal to the source's ``undeclaredWriteInLabel`` is
the undeclared write-in column); each later row is a record, whose cell under a candidate
holds the rank the voter gave that candidate (``1`` for the first choice), or nothing. Two
candidates given one rank are an overvote at that rank. The record's id is in
``idColumnIndex`` when given, else its ordinal. Read with the standard library's ``csv``
module, a row at a time.

Records start at ``firstVoteRowIndex`` (2 in every configuration of RCTab's suite, the row
after the names; RCTab itself always starts there).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from votecount.errors import BallotFileError
from votecount.formats.cvr.common import (
    UNDECLARED_WRITE_IN,
    CastVoteRecord,
    Ranking,
    Skipped,
    damaged,
    positive_rank,
)
from votecount.formats.rctab_config import CvrSource

NAME = "generic CSV"


def read(source: CvrSource, *, max_rankings: int | None, skipped: Skipped) -> Iterator[CastVoteRecord]:
    """Every row after the candidates' names as a record (see the module's docstring)."""
    path = source.path
    assert path is not None
    first = (source.first_vote_column or 1) - 1
    start = max(source.first_vote_row or 2, 2)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = csv.reader(handle)
            header = next(rows, None)
            if header is None:
                raise damaged(path, "empty file: no row of candidates' names", line=1)
            names = [name.strip() for name in header[first:]]
            for column, name in enumerate(names, start=first + 1):
                if not name:
                    raise damaged(
                        path, f"the candidate's name at the top of column {column} is empty", line=1
                    )
            columns = [UNDECLARED_WRITE_IN if n == source.undeclared_write_in_label else n for n in names]
            ordinal = 0
            for row in rows:
                line = rows.line_num
                if line < start:
                    continue
                ordinal += 1
                yield _record(source, row, line, ordinal, first, columns)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise BallotFileError(f"cannot read the CSV file: {exc}", path=str(path)) from None


def _record(
    source: CvrSource, row: list[str], line: int, ordinal: int, first: int, columns: list[str]
) -> CastVoteRecord:
    path = source.path
    assert path is not None
    record_id = str(ordinal)
    if source.id_column is not None and source.id_column - 1 < len(row) and row[source.id_column - 1].strip():
        record_id = row[source.id_column - 1].strip()
    if len(row) > first + len(columns):
        raise damaged(
            path,
            f"{len(row)} cells, more than the header's {first + len(columns)}",
            line=line,
            record=record_id,
        )
    rankings: list[Ranking] = []
    for offset, cell in enumerate(row[first:]):
        if cell.strip():
            rank = positive_rank(cell, path, line=line, record=record_id)
            rankings.append((rank, columns[offset]))
    return CastVoteRecord(record_id, line, tuple(rankings))
