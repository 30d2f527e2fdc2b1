"""Clear Ballot cast-vote records: a CSV file, one row per ballot, one column per (choice, rank).

The layout (Clear Ballot's RCV export, as RCTab's ``ClearBallotCvrReader`` reads it): ten
columns about the ballot (``RowNumber, BoxID, BoxPosition, BallotID, PrecinctID,
BallotStyleID, PrecinctStyleName, ScanComputerName, Status, Remade``), then one column per
choice and rank, headed ``Choice_<id>:<contest>:<rank>:<vote rule>:<choice>:<party>``. A cell
holds ``1`` where the voter marked that choice at that rank, else ``0``. Only the columns of
the source's ``contestId`` are read, and only ranks up to ``maxRankingsAllowed``; a choice
equal to the ``undeclaredWriteInLabel`` is the undeclared write-in. The record's id is its
``BallotID``. Quoted fields (a contest name with a comma) are read as CSV quotes them, with the
standard library's ``csv`` module, a row at a time.
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

NAME = "Clear Ballot"
CHOICES_BEGIN = 10
BALLOT_ID = 3
HEADER_FIELDS = 6


def read(source: CvrSource, *, max_rankings: int | None, skipped: Skipped) -> Iterator[CastVoteRecord]:
    """Every row after the header as a record of the source's contest."""
    path = source.path
    assert path is not None
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = csv.reader(handle)
            header = next(rows, None)
            if header is None or len(header) <= CHOICES_BEGIN:
                raise damaged(path, "no choice columns in the header", line=1)
            columns: dict[int, Ranking] = {}
            for column in range(CHOICES_BEGIN, len(header)):
                fields = header[column].split(":")
                if len(fields) != HEADER_FIELDS:
                    raise damaged(
                        path,
                        f"column {column + 1}: {len(fields)} fields in the choice header, "
                        f"not {HEADER_FIELDS}: {header[column][:60]!r}",
                        line=1,
                    )
                _, contest, rank_text, _, choice, _ = fields
                if contest != source.contest_id:
                    continue
                rank = positive_rank(rank_text, path, line=1, record=None)
                if choice == source.undeclared_write_in_label:
                    choice = UNDECLARED_WRITE_IN
                if max_rankings is None or rank <= max_rankings:
                    columns[column] = (rank, choice)
            for row in rows:
                yield _record(path.name, row, rows.line_num, columns, source)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise BallotFileError(f"cannot read the CSV file: {exc}", path=str(path)) from None


def _record(
    name: str, row: list[str], line: int, columns: dict[int, Ranking], source: CvrSource
) -> CastVoteRecord:
    path = source.path
    assert path is not None
    if len(row) <= max(columns, default=BALLOT_ID):
        raise damaged(path, f"{len(row)} cells, fewer than the header's", line=line)
    record_id = row[BALLOT_ID].strip()
    rankings: list[Ranking] = []
    for column, ranking in columns.items():
        mark = row[column].strip()
        if mark not in ("0", "1"):
            raise damaged(
                path,
                f"column {column + 1}: {mark[:20]!r} is not a mark (0 or 1)",
                line=line,
                record=record_id,
            )
        if mark == "1":
            rankings.append(ranking)
    return CastVoteRecord(record_id, line, tuple(rankings))
