"""The count sheet as CSV (for a spreadsheet) and as Markdown (for a page or a notebook).

Both hold the whole sheet: the figures a reader looks for first (the valid poll, the quota,
the seats), the table, the order of election and the notes.

CSV is sections separated by an empty record: the table (its two header records, then a
record a row), the facts (``label,value``), the order of election (``place,candidate,stage,
reason``) and the notes (one a record, under ``Notes``). Its figures are numbers a
spreadsheet reads as numbers: ``1324.15070``, ``-217.00000``, with the decimal places the
count was made in and no grouping or plus sign.

Markdown is a ``##`` title, the facts as a list, the table (a GitHub pipe table), then an
"Order of election" numbered list and a "Notes" list, under ``###`` headings.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from votecount.report.table import Elected, Table, plain_number


def _place(entry: Elected) -> str:
    """Where in the count a candidate was elected, in words, for the order of election."""
    at = f"stage {entry.stage}" if entry.stage is not None else ""
    return ": ".join(part for part in (at, entry.reason) if part)


def render_csv(table: Table) -> str:
    """The whole sheet as CSV: the table, the facts, the order of election and the notes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(table.head())
    for row in table.rows:
        figures = [
            ""
            if value is None or (column.kind == "change" and not value)
            else plain_number(value, table.places)
            for column, value in zip(table.columns, row.figures, strict=True)
        ]
        writer.writerow([row.label, *figures, row.status])
    writer.writerow([])
    writer.writerow(["Election", table.title])
    for label, value in table.facts:
        writer.writerow([label, value if isinstance(value, str) else plain_number(value, table.places)])
    writer.writerow([])
    writer.writerow(["Order of election", "Candidate", "Stage", "Reason"])
    for n, entry in enumerate(table.elected, 1):
        writer.writerow([n, entry.name, "" if entry.stage is None else entry.stage, entry.reason])
    writer.writerow([])
    writer.writerow(["Notes"])
    writer.writerows([note] for note in table.notes)
    return out.getvalue()


_SPECIAL = re.compile(r"([\\|*_<&`\[\]])")


def _escape(cell: str) -> str:
    """Text as Markdown shows it literally: a backslash before each character that would
    end a table cell (``|``) or start emphasis, code, a link or raw HTML (``<Ind>``)."""
    return _SPECIAL.sub(r"\\\1", cell)


def render_markdown(table: Table) -> str:
    """The whole sheet as Markdown: title, facts, table, order of election, notes."""
    head = [f"{h} {s}".strip() for h, s in zip(*table.head(), strict=True)]
    lines = [f"## {_escape(table.title)}", ""]
    lines += [f"- {label}: {_escape(table.fact_text(value))}" for label, value in table.facts]
    lines.append("")
    lines.append("| " + " | ".join(_escape(h) for h in head) + " |")
    aligned = [":---", *(["---:"] * len(table.columns)), ":---"]
    lines.append("|" + "|".join(aligned) + "|")
    for row in table.text_rows():
        lines.append("| " + " | ".join(_escape(c) for c in row) + " |")
    lines += ["", "### Order of election", ""]
    if table.elected:
        for n, entry in enumerate(table.elected, 1):
            place = _place(entry)
            lines.append(f"{n}. {_escape(entry.name)}" + (f" — {_escape(place)}" if place else ""))
    else:
        lines.append("Nobody was elected.")
    lines += ["", "### Notes", ""]
    lines.extend(f"- {_escape(n)}" for n in table.notes)
    return "\n".join(lines)


__all__: Sequence[str] = ["render_csv", "render_markdown"]
