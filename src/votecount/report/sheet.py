"""A count sheet: the table of a count as a returning officer lays it out, in four formats.

:meth:`CountSheet.from_result` builds the sheet's :class:`~votecount.report.table.Table` —
by stages for STV and the preferential rules (:mod:`.stages`), by votes for a one-round
plurality count (:mod:`.plurality`) — and each format renders it: text that fits a terminal
(:mod:`.text`), a whole HTML page (:mod:`.html`), CSV and Markdown (:mod:`.csv_markdown`).

The sheet reads a result through the protocols of :mod:`.protocols`, which name only what it
prints. A :class:`votecount.result.Result` meets them as it stands, and this package never
imports it: results sit above the report and ask it for their own ``str()``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from votecount.errors import OptionError
from votecount.numbers import exact_decimals
from votecount.report import csv_markdown, html, plurality, stages, text
from votecount.report.html import Figure
from votecount.report.protocols import SheetEvent, SheetResult, SheetRound, SheetTransfer
from votecount.report.stages import sheet_warnings
from votecount.report.table import Table

FORMATS = ("text", "markdown", "html", "csv")


@attrs.frozen
class CountSheet:
    """The sheet of a count. ``str(sheet)`` is the text sheet; see also :meth:`markdown`,
    :meth:`html` and :meth:`csv`."""

    table: Table

    @classmethod
    def from_result(cls, result: SheetResult) -> CountSheet:
        """Lay out ``result``: a one-round count without a quota by votes, any other by stages."""
        with exact_decimals(result.valid_poll):
            build = plurality.build if plurality.is_plurality(result) else stages.build
            return cls(build(result))

    @property
    def title(self) -> str:
        return self.table.title

    @property
    def notes(self) -> tuple[str, ...]:
        return self.table.notes

    def text(self, width: int | None = None) -> str:
        """Plain text in panels of stages at most ``width`` wide (default: the terminal's)."""
        return text.render(self.table, width)

    def markdown(self) -> str:
        """Markdown: title, facts, a pipe table, the order of election and the notes."""
        return csv_markdown.render_markdown(self.table)

    def html(self, figures: Sequence[Figure] = ()) -> str:
        """A whole HTML page, with ``figures`` (charts as SVG) placed after the table."""
        return html.page(self.table, figures)

    def html_table(self) -> str:
        """The table alone as an HTML fragment (for a notebook)."""
        return html.table_html(self.table)

    def csv(self) -> str:
        """CSV: the table with plain numbers, the facts, the order of election, the notes."""
        return csv_markdown.render_csv(self.table)

    def __str__(self) -> str:
        return self.text()


def render(result: SheetResult, fmt: str, *, figures: Sequence[Figure] = ()) -> str:
    """The count sheet of ``result`` in ``fmt``: text, markdown, html or csv. ``figures``
    (charts) go in the HTML page; the other formats have no place for them."""
    renderers: dict[str, Callable[[CountSheet], str]] = {
        "text": CountSheet.text,
        "markdown": CountSheet.markdown,
        "html": lambda sheet: sheet.html(figures),
        "csv": CountSheet.csv,
    }
    if fmt not in renderers:
        raise OptionError(
            f"unknown sheet format {fmt!r}; use one of {', '.join(FORMATS)}",
            option="sheet format",
            value=fmt,
            choices=list(FORMATS),
        )
    return renderers[fmt](CountSheet.from_result(result))


__all__: Sequence[str] = [
    "FORMATS",
    "CountSheet",
    "Figure",
    "SheetEvent",
    "SheetResult",
    "SheetRound",
    "SheetTransfer",
    "render",
    "sheet_warnings",
]
