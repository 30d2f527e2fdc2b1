"""The count sheet as plain text that fits a terminal.

The table is cut into panels of whole stages, each panel repeating the candidates' names,
so that no line is wider than the terminal (``COLUMNS``, else the terminal's own width when
printing to one, else 100 characters) unless a single stage beside the names is wider
still; the status column closes the last panel. The notes are wrapped to the same width, a
note's later lines indented by two spaces. The last line gives the order of election.
"""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Mapping, Sequence
from typing import TextIO

from votecount.report.table import Table

DEFAULT_WIDTH = 100
NARROWEST = 40
GAP = "  "


def terminal_width(environ: Mapping[str, str] = os.environ, stream: TextIO | None = None) -> int:
    """The width to fit: ``COLUMNS`` where it is a number; else the width of the terminal
    that ``stream`` (default: standard output) is, if it is one; else 100. At least 40."""
    value = environ.get("COLUMNS", "")
    if value.isdigit():
        return max(NARROWEST, int(value))
    out = sys.stdout if stream is None else stream
    try:
        if out.isatty():
            return max(NARROWEST, os.get_terminal_size(out.fileno()).columns)
    except (OSError, ValueError, AttributeError):  # closed, replaced or not a real file
        pass
    return DEFAULT_WIDTH


def panels(widths: Sequence[int], stages: Sequence[Sequence[int]], width: int) -> list[list[int]]:
    """Stages (each a list of column indices) grouped into panels that fit ``width``, with
    the label column (index 0) before each panel and the status column (the last index)
    after the last one."""
    label, status = widths[0], widths[-1]

    def span(group: Sequence[int]) -> int:
        return sum(widths[i] + len(GAP) for i in group)

    groups: list[list[Sequence[int]]] = [[]]
    used = label
    for stage in stages:
        if groups[-1] and used + span(stage) > width:
            groups.append([])
            used = label
        groups[-1].append(stage)
        used += span(stage)
    # the status column closes the last panel: move stages to a new panel until it fits
    tail: list[Sequence[int]] = []
    while len(groups[-1]) > 1 and label + sum(map(span, groups[-1])) + len(GAP) + status > width:
        tail.insert(0, groups[-1].pop())
    if tail:
        groups.append(tail)
    return [[i for stage in group for i in stage] for group in groups]


def render(table: Table, width: int | None = None) -> str:
    """The sheet as text at most ``width`` characters wide (default: :func:`terminal_width`)."""
    width = width or terminal_width()
    head, subhead = table.head()
    body = table.text_rows()
    grid = [head, subhead, *body]
    widths = [max(1, *(len(row[i]) for row in grid)) for i in range(len(head))]
    last = len(head) - 1
    stages = [[i + 1 for i in columns] for _, columns in table.stages()]
    lines = [table.title, "=" * len(table.title)]
    chosen = panels(widths, stages, width)
    for n, columns in enumerate(chosen):
        shown = [0, *columns] + ([last] if n == len(chosen) - 1 else [])
        if n:
            lines.append("")
        for k, row in enumerate(grid):
            if k == 1 and not any(row[i] for i in shown):
                continue  # a one-line header (a single count) needs no second line
            cells = [row[i].ljust(widths[i]) if i in (0, last) else row[i].rjust(widths[i]) for i in shown]
            lines.append(GAP.join(cells).rstrip())
            if k == 1 or (k == 0 and not any(subhead[i] for i in shown)):
                lines.append(GAP.join("-" * widths[i] for i in shown))
    lines.append("")
    notes = [*table.notes, "Elected, in order: " + (", ".join(e.name for e in table.elected) or "nobody")]
    for note in notes:
        lines.extend(
            textwrap.wrap(
                note,
                width,
                subsequent_indent=GAP,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [""]
        )
    return "\n".join(lines)


__all__: Sequence[str] = ["DEFAULT_WIDTH", "panels", "render", "terminal_width"]
