"""What the cast-vote-record readers share: one record as read, its marks, and its errors.

Each provider's reader (one module each) turns its files into :class:`CastVoteRecord` values:
the record's id, where it is in the file, and its rankings as the pairs ``(rank, text)``
that the record holds, in the order written. The text is what the record uses for a
candidate (a name, a code or an alias), or one of RCTab's two internal labels:
:data:`OVERVOTE` for a rank the record marks as an overvote without naming candidates, and
:data:`UNDECLARED_WRITE_IN` for a write-in that names no declared candidate. Readers map a
source's own labels (``overvoteLabel``, ``undeclaredWriteInLabel``) onto these as RCTab's
readers do, so that :mod:`votecount.formats.cvr.rctab` can turn every record into a paper as
written (:class:`~votecount.validity.RawRanking`) the same way, whatever the provider.

A damaged record is a :class:`~votecount.errors.BallotFileError` naming the file, the record
(its id where one could be read) and the line (or, for formats without lines, the record's
ordinal in the file), and the reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import attrs

from votecount.errors import BallotFileError

OVERVOTE = "overvote"
"""RCTab's internal label for an explicit overvote (``Tabulator.EXPLICIT_OVERVOTE_LABEL``).
On a paper as written it is the ``str`` mark at a rank where the record says "overvote"
without naming the candidates."""

UNDECLARED_WRITE_IN = "Undeclared Write-ins"
"""RCTab's name for the candidate standing for every write-in that names no declared
candidate (``Tabulator.UNDECLARED_WRITE_IN_OUTPUT_LABEL``)."""

Ranking = tuple[int, str]
"""One mark of a record: its rank (1 = first choice) and the text naming the candidate."""


@attrs.frozen
class CastVoteRecord:
    """One voter's rankings in one contest, as a provider's file records them."""

    id: str
    """The record's id: the one the file gives (a ballot or record number, a GUID), or the one
    RCTab computes where the file gives none (``file.xlsx-12``)."""
    line: int
    """The record's line (text formats), row (spreadsheets) or ordinal (1-based) in its file."""
    rankings: tuple[Ranking, ...]
    """Every mark, in the order written; one rank may hold several (an overvote) or none."""
    file: Path | None = None
    """The file the record is in, where a source is a folder of files (Dominion, Hart)."""


@attrs.define
class Skipped:
    """Records a reader passed over as RCTab does, by reason, so a count can say so."""

    counts: Counter[str] = attrs.Factory(Counter)

    def add(self, reason: str) -> None:
        self.counts[reason] += 1


def damaged(
    path: Path | str, reason: str, *, line: int | None = None, record: str | None = None
) -> BallotFileError:
    """The error for a record that cannot be read: the file, line, record id and reason."""
    where = f"record {record}: " if record else ""
    return BallotFileError(f"{where}{reason}", path=str(path), line=line)


def positive_rank(text: object, path: Path | str, *, line: int | None, record: str | None) -> int:
    """A rank written in a record: a whole number from 1, or a damaged-record error."""
    if isinstance(text, bool):
        raise damaged(path, f"rank {text!r} is not a whole number", line=line, record=record)
    if isinstance(text, int):
        rank = text
    else:
        token = str(text).strip()
        if not (token.isascii() and token.isdigit()) or len(token) > 9:
            raise damaged(path, f"rank {token[:20]!r} is not a whole number", line=line, record=record)
        rank = int(token)
    if rank < 1:
        raise damaged(path, f"rank {rank} is below 1", line=line, record=record)
    return rank


def cell_text(value: object) -> str:
    """A spreadsheet cell as text, as Excel shows it: ``12`` for the number 12.0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def files_in(folder: Path, *, what: str) -> Iterator[Path]:
    """The files of a source folder, in name order; a missing folder is a reading error."""
    if not folder.is_dir():
        raise BallotFileError(f"{what}: not a folder", path=str(folder))
    return iter(sorted(folder.iterdir(), key=lambda p: p.name))
