"""ES&S cast-vote records: an Excel workbook (.xlsx), one row per ballot, one column per rank.

The layout, as ES&S exports it and RCTab reads it (``StreamingCvrReader``): the first sheet
of the workbook; records from row ``firstVoteRowIndex``, one per row written (see
:mod:`votecount.formats.cvr.xlsx`: a row present but empty is a blank ballot, as RCTab counts
it); ranks in the columns from ``firstVoteColumnIndex``, the first choice first, up to
``maxRankingsAllowed`` columns (all columns when that is ``"max"``); the record's id in
``idColumnIndex`` when given (else RCTab's computed id, the file's name and the record's
ordinal: ``cvr.xlsx-12``). A cell holds a candidate's name or code, or one of the source's
labels: ``skippedRankLabel`` (often ``undervote``, a rank left blank), ``overvoteLabel``
(often ``overvote``) and ``undeclaredWriteInLabel`` (often ``UWI``). With
``overvoteDelimiter`` a cell may name several candidates (``A|B``), an overvote at that
rank. An empty cell is a skipped rank, or with ``treatBlankAsUndeclaredWriteIn`` an
undeclared write-in (every empty rank before the last one written, and with a number for
``maxRankingsAllowed`` every empty rank up to it, as RCTab reads it). Text is trimmed.
"""

from __future__ import annotations

from collections.abc import Iterator

from votecount.errors import BallotFileError
from votecount.formats.cvr.common import (
    OVERVOTE,
    UNDECLARED_WRITE_IN,
    CastVoteRecord,
    Ranking,
    Skipped,
    damaged,
)
from votecount.formats.cvr.xlsx import rows
from votecount.formats.rctab_config import CvrSource

NAME = "ES&S"


def read(source: CvrSource, *, max_rankings: int | None, skipped: Skipped) -> Iterator[CastVoteRecord]:
    """Every row from ``firstVoteRowIndex`` on as a record (see the module's docstring)."""
    path = source.path
    assert path is not None
    if source.first_vote_column is None or source.first_vote_row is None:
        raise BallotFileError(
            "an ES&S source needs firstVoteColumnIndex and firstVoteRowIndex", path=str(path)
        )
    first = source.first_vote_column - 1
    ordinal = 0
    for number, cells in rows(path):
        if number < source.first_vote_row:
            continue
        ordinal += 1
        yield _record(source, cells, number, ordinal, first, max_rankings)


def _record(
    source: CvrSource, cells: dict[int, str], row: int, ordinal: int, first: int, max_rankings: int | None
) -> CastVoteRecord:
    path = source.path
    assert path is not None
    record_id = f"{path.name}-{ordinal}"
    if source.id_column is not None:
        supplied = cells.get(source.id_column - 1, "").strip()
        if not supplied:
            raise damaged(path, "the record's id is missing (idColumnIndex)", line=row)
        record_id = supplied
    written = {c - first + 1: text.strip() for c, text in cells.items() if c >= first and text.strip()}
    if max_rankings is not None:
        written = {rank: text for rank, text in written.items() if rank <= max_rankings}
        last = max_rankings
    else:
        last = max(written, default=0)
    rankings: list[Ranking] = []
    for rank in range(1, last + 1):
        text = written.get(rank)
        if text is None:
            if source.treat_blank_as_undeclared_write_in:
                rankings.append((rank, UNDECLARED_WRITE_IN))
            continue
        parts = (
            [p.strip() for p in text.split(source.overvote_delimiter)]
            if source.overvote_delimiter
            else [text]
        )
        for part in parts:
            if len(parts) > 1 and (not part or part == source.skipped_rank_label):
                raise damaged(
                    path,
                    f"rank {rank}: a cell split by the overvote delimiter {source.overvote_delimiter!r} "
                    "may not hold a blank or a skipped rank",
                    line=row,
                    record=record_id,
                )
            if part == source.skipped_rank_label:
                continue
            if part == source.overvote_label:
                part = OVERVOTE
            elif part == source.undeclared_write_in_label:
                part = UNDECLARED_WRITE_IN
            rankings.append((rank, part))
    return CastVoteRecord(record_id, row, tuple(rankings))
