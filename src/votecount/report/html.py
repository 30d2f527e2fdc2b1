"""The count sheet as a whole HTML page, ready to publish or print.

One self-contained file (no script, no font or style sheet to fetch): a title, the figures
a reader looks for first (rule, seats, valid poll, quota), the table with the stages as
columns — each stage headed by what it did, its transfers beside its totals — the elected
shaded and marked at the stage of their election, the excluded greyed from theirs; then the
order of election, any charts, and the notes. It prints on A4 landscape (``@page``), with
the table's header repeated on each printed page.

Charts come in as :class:`Figure` s: SVG text and a caption, placed in the page as they are
(the chart module makes them; this module draws nothing).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

import attrs

from votecount.report.table import Column, Row, Table

_PROLOG = re.compile(r"\A\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)


@attrs.frozen
class Figure:
    """A chart for the page: ``svg``, the text of an SVG document (its XML prolog and
    DOCTYPE are dropped; give the ``<svg>`` a ``viewBox`` so that it scales), and a plain
    text ``caption``. The SVG is trusted: it is placed in the page as it is."""

    svg: str
    caption: str

    def inline(self) -> str:
        return _PROLOG.sub("", self.svg, count=1).strip()


_COLOURS = """--ink: #1b1f24; --rule: #c8ccd2; --head: #eef1f5; --elected: #e3f3e6;
  --elected-ink: #14532d; --excluded: #6b7280; --accent: #1f4e8c;"""

TABLE_STYLE = (
    ".sheet-wrap { "
    + _COLOURS
    + """ overflow-x: auto; }
.count { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 12px; color: var(--ink); }
.count caption { text-align: left; font-weight: 600; padding: 0 0 6px; }
.count th, .count td { border: 1px solid var(--rule); padding: 3px 4px; white-space: nowrap; }
.count thead th { background: var(--head); font-weight: 600; text-align: center; vertical-align: bottom; }
.count thead tr.what th { font-weight: 400; font-size: 11px; line-height: 1.25; color: #444;
  white-space: normal; }
.count thead tr.sub th { font-weight: 400; font-size: 11px; color: #444; }
.count th[scope=row] { text-align: left; font-weight: 500; background: #fff; position: sticky; left: 0; }
.count td.num { text-align: right; }
.count td.change { color: #444; background: #fafbfc; }
.count td.status { font-size: 11.5px; }
.count tr.elected th[scope=row] { background: var(--elected); color: var(--elected-ink); font-weight: 700; }
.count tr.elected td.status { color: var(--elected-ink); font-weight: 600; }
.count td.at-elected { background: var(--elected); color: var(--elected-ink); font-weight: 700; }
.count td.at-excluded { background: #f1f1f3; font-weight: 600; }
.count tr.excluded th[scope=row], .count tr.excluded td.status,
.count tr.withdrawn th[scope=row], .count td.out { color: var(--excluded); }
.count tr.skipped td.status { color: #92400e; font-weight: 600; }
.count tbody.papers th[scope=row], .count tbody.papers td { background: #f7f8fa; font-style: italic; }
.count tfoot th[scope=row], .count tfoot td { background: var(--head); font-weight: 700; }
.count tr.section th[scope=row], .count tr.detail th[scope=row] { font-weight: 400; padding-left: 22px;
  color: #555; }
"""
)
"""The table's own style, every rule under ``.sheet-wrap`` or ``.count``: a fragment carries it
without restyling the page it is put in (a notebook)."""

STYLE = (
    ":root { "
    + _COLOURS
    + """ }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: 100%; padding: 20px 24px 32px; }
h1 { font-size: 22px; margin: 0 0 4px; color: var(--accent); }
h2 { font-size: 15px; margin: 22px 0 6px; border-bottom: 1px solid var(--rule); padding-bottom: 2px; }
dl.facts { display: flex; flex-wrap: wrap; gap: 4px 28px; margin: 6px 0 14px; }
dl.facts div { display: flex; gap: 6px; }
dl.facts dt { color: #555; } dl.facts dt::after { content: ":"; }
dl.facts dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
"""
    + TABLE_STYLE
    + """ol.elected { margin: 0; padding-left: 26px; }
ol.elected li .why { color: #555; }
section.charts { display: flex; flex-wrap: wrap; gap: 8px 36px; align-items: flex-start; }
figure.chart { margin: 14px 0; break-inside: avoid; max-width: 100%; }
figure.chart svg { max-width: 100%; height: auto; }
figure.chart figcaption { font-size: 12px; color: #444; }
ul.notes { margin: 0; padding-left: 20px; font-size: 12.5px; }
ul.notes li { margin: 2px 0; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { font-size: 9pt; }
  main { padding: 0; }
  h1 { font-size: 14pt; }
  .sheet-wrap { overflow: visible; }
  .count { font-size: 7pt; }
  .count.stages { width: 100%; }
  .count.votes, .count.votes td.status { font-size: 9pt; }
  h2 { break-after: avoid; }
  .count th, .count td { padding: 1px 3px; }
  .count thead tr.what th { font-size: 6pt; }
  .count thead tr.sub th { font-size: 6.5pt; }
  .count th[scope=row] { position: static; }
  .count td.status { font-size: 6.5pt; }
  .count thead { display: table-header-group; }
  .count tr { break-inside: avoid; }
  ul.notes { font-size: 8pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
)
"""The whole page's style: the page's own, the table's, and printing on A4 landscape."""


def _stage_headers(table: Table) -> tuple[str, str, str]:
    """The three header rows: stage headings, what each stage did, and the column names."""
    top = ['<th scope="col">' + escape(table.label_heading) + "</th>"]
    what = ["<th></th>"]
    sub = ["<th></th>"]
    for _, indices in table.stages():
        first: Column = table.columns[indices[0]]
        span = f' colspan="{len(indices)}"' if len(indices) > 1 else ""
        top.append(f'<th scope="colgroup"{span}>{escape(first.heading)}</th>')
        what.append(f"<th{span}>{escape(first.description)}</th>")
        sub.extend(f'<th scope="col">{escape(table.columns[i].subheading)}</th>' for i in indices)
    top.append('<th scope="col"></th>')
    what.append("<th></th>")
    sub.append("<th></th>")
    return "".join(top), "".join(what), "".join(sub)


def _row(table: Table, row: Row) -> str:
    classes = " ".join(c.replace(" ", "-") for c in (row.kind, row.outcome) if c)
    cells = [f'<th scope="row">{escape(row.label)}</th>']
    for column, value in zip(table.columns, row.figures, strict=True):
        css = ["num", column.kind]
        if row.decided is not None and column.stage == row.decided and column.kind != "change":
            css.append(f"at-{row.outcome}")
        elif (
            row.outcome in ("excluded", "withdrawn")
            and row.decided is not None
            and column.stage > row.decided
        ):
            css.append("out")
        cells.append(f'<td class="{" ".join(css)}">{escape(table.cell(column, value))}</td>')
    cells.append(f'<td class="status">{escape(row.status)}</td>')
    return f'<tr class="{classes}">' + "".join(cells) + "</tr>\n"


def table_html(table: Table, caption: str = "", *, style: bool = True) -> str:
    """The sheet's table alone, as an HTML fragment (for a notebook, or inside a page), with
    its own style (:data:`TABLE_STYLE`) unless ``style`` is false."""
    top, what, sub = _stage_headers(table)
    single = len(table.columns) == 1
    out = [f"<style>{TABLE_STYLE}</style>\n"] if style else []
    layout = "votes" if single else "stages"
    out.append(f'<div class="sheet-wrap">\n<table class="count {layout}">\n')
    out.append(f"<caption>{escape(caption or table.title)}</caption>\n<thead>\n<tr>{top}</tr>\n")
    if not single:
        out.append(f'<tr class="what">{what}</tr>\n<tr class="sub">{sub}</tr>\n')
    out.append("</thead>\n")
    groups: list[tuple[str, list[Row]]] = []
    for row in table.rows:
        tag = "tfoot" if row.kind in ("total", "quota") else "tbody"
        css = "papers" if row.kind in ("papers", "detail") else tag
        if not groups or groups[-1][0] != css:
            groups.append((css, []))
        groups[-1][1].append(row)
    for css, rows in groups:
        tag = "tfoot" if css == "tfoot" else "tbody"
        out.append(f'<{tag} class="{css}">\n' if tag == "tbody" else "<tfoot>\n")
        out.extend(_row(table, row) for row in rows)
        out.append(f"</{tag}>\n")
    out.append("</table>\n</div>\n")
    return "".join(out)


def _elected(table: Table) -> str:
    if not table.elected:
        return "<p>Nobody was elected.</p>\n"
    items = []
    for entry in table.elected:
        where = f"stage {entry.stage}" if entry.stage is not None else ""
        why = ": ".join(p for p in (where, entry.reason) if p)
        extra = f' <span class="why">— {escape(why)}</span>' if why else ""
        items.append(f'<li><span class="name">{escape(entry.name)}</span>{extra}</li>\n')
    return '<ol class="elected">\n' + "".join(items) + "</ol>\n"


def page(table: Table, figures: Sequence[Figure] = ()) -> str:
    """The whole page: head and style, title, facts, table, order of election, charts, notes."""
    facts = "".join(
        f"<div><dt>{escape(label)}</dt><dd>{escape(table.fact_text(value))}</dd></div>"
        for label, value in table.facts
    )
    caption = "Votes cast" if len(table.columns) == 1 else "The count, stage by stage"
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{escape(table.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        f'<h1>{escape(table.title)}</h1>\n<dl class="facts">{facts}</dl>\n',
        table_html(table, caption, style=False),
        "<section>\n<h2>Order of election</h2>\n",
        _elected(table),
        "</section>\n",
    ]
    if figures:
        parts.append('<section class="charts">\n')
        for figure in figures:
            parts.append(
                f'<figure class="chart">\n{figure.inline()}\n'
                f"<figcaption>{escape(figure.caption)}</figcaption>\n</figure>\n"
            )
        parts.append("</section>\n")
    parts.append('<section>\n<h2>Notes</h2>\n<ul class="notes">\n')
    parts.extend(f"<li>{escape(note)}</li>\n" for note in table.notes)
    parts.append("</ul>\n</section>\n</main>\n</body>\n</html>\n")
    return "".join(parts)


__all__: Sequence[str] = ["STYLE", "TABLE_STYLE", "Figure", "page", "table_html"]
