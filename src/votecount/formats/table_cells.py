"""A table row's cells as a paper, in each layout, and what the cells say of the layout.

:mod:`votecount.formats.table` drives these, one distinct row at a time:

``preferences``  the rank columns hold candidates' names in order of preference; a blank cell
                 between two names is a skipped preference; ``A=B`` ranks A and B equal.
``ranks``        one column per candidate holding the rank the voter gave (``1``, ``2``, or as
                 a form writes it, ``1st choice``, ``Second``); blank is unranked; the same
                 rank twice is an equal ranking; a missing rank is a skipped preference.
``marks``        one column per candidate holding a cross (``X``, ``1``, ``✓``, ``yes``) or
                 nothing: a plurality paper.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import NoReturn

from votecount.errors import BallotFileError
from votecount.formats._common import shown, whole_number
from votecount.formats.columns import Layout, rank_label
from votecount.formats.names import NameBook
from votecount.validity import Mark

CROSSES = frozenset({"x", "✓", "✔", "✗", "yes", "true"})
Places = tuple[tuple[Mark, ...], ...]


def _cell(row: Sequence[str], col: int) -> str:
    return row[col] if col < len(row) else ""


class RowDecoder:
    """The cells of the ``choices`` columns of a row as places (``preferences``, ``ranks``) or
    marks (``marks``); ``of_column[k]`` is the candidate of the ``k``-th choice column in the
    last two. A cell that fits no reading is an error on the row's line."""

    def __init__(
        self,
        header: Sequence[str],
        choices: Sequence[int],
        book: NameBook,
        source: str | None,
        of_column: Sequence[int] = (),
    ) -> None:
        self.header = header
        self.choices = choices
        self.book = book
        self.source = source
        self.of_column = of_column
        self.spelled: list[str] = []
        """The names the last row decoded as ``preferences`` held, as typed."""

    def preferences(self, n: int, row: Sequence[str]) -> Places:
        book = self.book
        places: list[tuple[Mark, ...]] = []
        spelled = self.spelled = []
        for col in self.choices:
            cell = _cell(row, col).strip()
            if not cell:
                places.append(())
            elif "=" not in cell or book.knows(cell):
                places.append((book.mark(cell, n),))
                spelled.append(cell)
            else:
                parts = None if book.growing else _split_known(cell, book)
                if parts is None:
                    parts = [part.strip() for part in cell.split("=") if part.strip()]
                places.append(tuple(book.mark(part, n) for part in parts))
                spelled += parts
        while places and not places[-1]:
            places.pop()
        return tuple(places)

    def ranks(self, n: int, row: Sequence[str]) -> Places:
        ranked: dict[int, list[Mark]] = {}
        for k, col in enumerate(self.choices):
            cell = _cell(row, col).strip()
            if not cell:
                continue
            rank = whole_number(cell)
            if rank is None:
                rank = rank_label(cell)
            if rank is None or rank < 1:
                raise BallotFileError(
                    f"rank {shown(cell)} for {self.header[col]!r} is not a whole number from 1 up",
                    path=self.source,
                    line=n,
                )
            ranked.setdefault(rank, []).append(self.of_column[k])
        return _rank_places(ranked, len(self.choices))

    def marks(self, n: int, row: Sequence[str]) -> tuple[Mark, ...]:
        marks: list[Mark] = []
        for k, col in enumerate(self.choices):
            cell = _cell(row, col).strip()
            if not cell or cell == "0":
                continue
            if cell.lower() not in CROSSES and cell != "1":
                raise BallotFileError(
                    f"{shown(cell)} for {self.header[col]!r} is not a cross (X or 1) or blank",
                    path=self.source,
                    line=n,
                )
            marks.append(self.of_column[k])
        return tuple(marks)


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


def _rank_places(ranked: dict[int, list[Mark]], columns: int) -> Places:
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


def cell_layout(cell: str) -> Layout | None:
    """What one candidate cell (stripped, lower case, not blank nor ``0``) says of the layout:
    a cross means ``marks``, a rank above 1 (or written as a label, ``1st``) ``ranks``; a
    plain ``1`` or a name says nothing."""
    if cell in CROSSES:
        return "marks"
    rank = whole_number(cell) or rank_label(cell)
    if (rank or 0) > 1 or (rank == 1 and cell != "1"):
        return "ranks"
    return None


def refuse_layout(
    header: Sequence[str],
    choices: Sequence[int],
    cells: Collection[str],
    source: str | None,
    line: int,
    where: str = "",
) -> NoReturn:
    """The error for candidate ``cells`` none of which is a cross or a rank above 1: they
    hold names (at least half of them), or every mark is 1."""
    names = [c for c in cells if (whole_number(c) or rank_label(c)) is None]
    if names and len(names) * 2 >= len(cells):
        shown_names = ", ".join(shown(header[i]) for i in choices[:6])
        raise BallotFileError(
            f"the cells under {shown_names}{where} hold names, not ranks or crosses; if these "
            "columns are preference positions, give layout='preferences' (on the command line "
            "--layout preferences) or name them with rank_columns= (--rank-columns)",
            path=source,
            line=line,
        )
    raise BallotFileError(
        f"cannot tell whether the cells are ranks or crosses (every mark{where} is 1); give "
        "layout='ranks' or layout='marks' (on the command line --layout ranks or --layout "
        'marks), or begin a CSV file with the line # votecount: {"layout": "ranks"}',
        path=source,
        line=line,
    )


__all__ = ["CROSSES", "RowDecoder", "cell_layout", "refuse_layout"]
