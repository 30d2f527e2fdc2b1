"""The count sheet as data: columns, rows of exact figures, the facts, the order of election
and the notes. Each renderer (:mod:`.text`, :mod:`.html`, :mod:`.csv_markdown`) lays out one
:class:`Table`; the builders (:mod:`.stages`, :mod:`.plurality`) make it from a result.

A row holds the count's own numbers, not their text: each format writes them its own way
(grouped with a sign for a person, plain for a spreadsheet). A new kind of row (say, ballots
gone inactive) is one more :class:`Row` with its ``kind``; no renderer needs to change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypeAlias

import attrs

from votecount.numbers import Number, format_number

ColumnKind: TypeAlias = Literal["votes", "change", "total"]
RowKind: TypeAlias = Literal["candidate", "section", "papers", "detail", "total", "quota"]
Outcome: TypeAlias = Literal["elected", "excluded", "withdrawn", "skipped", "not elected", "standing", ""]


@attrs.frozen
class Column:
    """A column of figures: ``votes`` (a single count, or stage 1), ``change`` (what moved at
    a stage, shown signed, blank for nothing) or ``total`` (the figures at a stage's end).

    ``heading`` and ``subheading`` are its two header lines ("Stage 2" over "transfers");
    ``stage`` its stage number and ``description`` what that stage did.
    """

    heading: str
    subheading: str
    kind: ColumnKind
    stage: int
    description: str = ""


@attrs.frozen
class Row:
    """A row: its ``label``, one figure per column (``None`` for an empty cell), what happened
    to the candidate in words (``status``) and in one word (``outcome``, for styling), and
    the stage at which that was decided (``None`` for a one-round count or nothing decided)."""

    label: str
    figures: tuple[Number | None, ...]
    kind: RowKind = "candidate"
    status: str = ""
    outcome: Outcome = ""
    decided: int | None = None


@attrs.frozen
class Elected:
    """One place in the order of election: who, at which stage (``None`` for a one-round
    count), and why."""

    name: str
    stage: int | None
    reason: str


@attrs.frozen
class Table:
    """A whole count sheet, ready for any format.

    ``facts`` are the figures a reader looks for first (valid poll, quota, seats), as
    ``(label, value)``; ``places`` the decimal places the count was made in (``None``:
    exact or whole numbers), for showing its figures.
    """

    title: str
    label_heading: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    facts: tuple[tuple[str, Number | str], ...]
    elected: tuple[Elected, ...]
    notes: tuple[str, ...]
    places: int | None = None

    def cell(self, column: Column, value: Number | None) -> str:
        """A figure as a person reads it: grouped, changes signed, no change blank."""
        if column.kind == "change":
            return format_number(value, self.places, signed=True) if value else ""
        return format_number(value, self.places)

    def head(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The two header lines of the whole table, the label and status columns included."""
        return (
            (self.label_heading, *(c.heading for c in self.columns), ""),
            ("", *(c.subheading for c in self.columns), ""),
        )

    def text_rows(self) -> list[tuple[str, ...]]:
        """Every row as the text of its cells: label, figures, status."""
        return [
            (
                row.label,
                *(self.cell(c, v) for c, v in zip(self.columns, row.figures, strict=True)),
                row.status,
            )
            for row in self.rows
        ]

    def fact_text(self, value: Number | str) -> str:
        return value if isinstance(value, str) else format_number(value, self.places)

    def stages(self) -> list[tuple[int, list[int]]]:
        """Each stage and the indices of its columns, in order."""
        out: list[tuple[int, list[int]]] = []
        for i, column in enumerate(self.columns):
            if out and out[-1][0] == column.stage:
                out[-1][1].append(i)
            else:
                out.append((column.stage, [i]))
        return out


def plain_number(value: Number | None, places: int | None) -> str:
    """A figure as a spreadsheet reads it: no grouping, no plus sign; an exact fraction that
    does not end within ``places`` (default 5) is written truncated, without the ``~`` the
    other sheets mark it with (the notes say so)."""
    return format_number(value, places).replace(",", "").removesuffix("~")


def truncation_note(table: Table) -> str | None:
    """The note for figures shown truncated (``~``), if any is."""
    shown = [table.cell(c, v) for row in table.rows for c, v in zip(table.columns, row.figures, strict=True)]
    if not any(text.endswith("~") for text in shown):
        return None
    digits = table.places if table.places is not None else 5
    return (
        f"~ marks an exact fraction shown truncated to {digits} decimal places "
        "(the CSV sheet gives its truncated digits without the mark)"
    )


__all__: Sequence[str] = ["Column", "Elected", "Row", "Table", "plain_number", "truncation_note"]
