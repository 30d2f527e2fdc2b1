"""Count sheets read back as the files they are: CSV with the ``csv`` module, HTML with
``html.parser``, Markdown by splitting the pipe table into cells, text by the column spans of
its dashed rule; so that tests compare cells, never look for a substring."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from html.parser import HTMLParser
from itertools import pairwise

import attrs


@attrs.frozen
class Table:
    """A sheet as read back: its heading of each column, its rows of cells and its notes.

    ``head`` joins each column's two header lines ("Stage 2" over "total" -> "Stage 2 total")
    as the Markdown table does; ``title`` and ``notes`` are None where the format has none.
    """

    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str | None
    notes: tuple[str, ...] | None


def _joined(header: list[str], subheader: list[str]) -> tuple[str, ...]:
    assert len(header) == len(subheader)
    return tuple(f"{h} {s}".strip() for h, s in zip(header, subheader, strict=True))


def read_csv(text: str) -> Table:
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert len(records) >= 3
    return Table(_joined(records[0], records[1]), tuple(map(tuple, records[2:])), None, None)


class _SheetHTML(HTMLParser):
    """Collects the caption, each table row's cells as (tag, attributes, text), and the notes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.caption: list[str] = []
        self.rows: list[list[tuple[str, dict[str, str | None], str]]] = []
        self.notes: list[str] = []
        self._text: list[str] | None = None
        self._cell: tuple[str, dict[str, str | None]] | None = None
        self.tables = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables += 1
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td", "caption", "li"):
            self._cell = (tag, dict(attrs))
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)
        else:
            assert not data.strip(), f"text outside a cell: {data!r}"

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("th", "td", "caption", "li"):
            return
        assert self._cell is not None and self._text is not None and self._cell[0] == tag
        text = "".join(self._text)
        if tag == "caption":
            self.caption.append(text)
        elif tag == "li":
            self.notes.append(text)
        else:
            self.rows[-1].append((tag, self._cell[1], text))
        self._cell = self._text = None


def read_html(text: str) -> Table:
    parser = _SheetHTML()
    parser.feed(text)
    parser.close()
    assert parser.tables == 1 and len(parser.caption) == 1
    header, subheader, *body = parser.rows
    assert all(tag == "th" for tag, _, _ in header + subheader)
    for row in body:
        (tag, attributes, _), *rest = row
        assert (tag, attributes) == ("th", {"scope": "row"})
        assert all(tag == "td" for tag, _, _ in rest)
    texts = [[cell for _, _, cell in row] for row in parser.rows]
    head = _joined(texts[0], texts[1])
    return Table(head, tuple(map(tuple, texts[2:])), parser.caption[0], tuple(parser.notes))


_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _markdown_cells(line: str) -> tuple[str, ...]:
    parts = _UNESCAPED_PIPE.split(line)
    assert parts[0] == "" and parts[-1] == "", line  # the row starts and ends with a pipe
    cells = []
    for part in parts[1:-1]:
        assert part.startswith(" ") and part.endswith(" "), (line, part)
        cells.append(part[1:-1].replace("\\|", "|"))
    return tuple(cells)


def read_markdown(text: str) -> Table:
    lines = text.split("\n")
    assert lines[0].startswith("## ") and lines[1] == ""
    title = lines[0].removeprefix("## ").replace("\\|", "|")
    head = _markdown_cells(lines[2])
    alignment = lines[3].split("|")[1:-1]
    assert alignment == [":---"] + ["---:"] * (len(head) - 1), lines[3]
    end = lines.index("", 4)
    rows = tuple(_markdown_cells(line) for line in lines[4:end])
    notes = lines[end + 1 :]
    assert all(note.startswith("- ") for note in notes)
    return Table(head, rows, title, tuple(n.removeprefix("- ").replace("\\|", "|") for n in notes))


def read_text(text: str) -> Table:
    """The columns are where the dashed rule under the header has its runs of dashes."""
    lines = text.split("\n")
    title, underline, header, subheader, rule = lines[:5]
    assert underline == "=" * len(title)
    spans = [m.span() for m in re.finditer(r"-+", rule)]
    assert rule == "  ".join("-" * (end - start) for start, end in spans)

    def cells(line: str) -> list[str]:
        assert len(line) <= spans[-1][1]
        for (_, end), (start, _) in pairwise(spans):
            assert line[end:start].strip() == "", f"a cell overruns its column: {line!r}"
        return [line[start:end].strip() for start, end in spans]

    end = lines.index("", 5)
    rows = tuple(tuple(cells(line)) for line in lines[5:end])
    return Table(_joined(cells(header), cells(subheader)), rows, title, tuple(lines[end + 1 :]))


READERS: dict[str, Callable[[str], Table]] = {
    "markdown": read_markdown,
    "html": read_html,
    "csv": read_csv,
    "text": read_text,
}
