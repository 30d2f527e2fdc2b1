"""Count sheets read back as the files they are: CSV with the ``csv`` module, HTML with
``html.parser``, Markdown by splitting the pipe table into cells, text by the column spans of
its dashed rules (one a panel); so that tests compare cells, never look for a substring.

Each reader also checks the layout it reads: the sections of a CSV sheet, the elements of
an HTML page (and that no text stands outside them), the headings of a Markdown sheet, and
that a text sheet's panels repeat the same rows."""

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
    as the Markdown table does. ``facts`` (label -> text), ``elected`` (each place in the
    order of election: the name, and the stage and reason after " — " where given) and
    ``title`` are None where the format has none: the text sheet ends its notes with
    "Elected, in order: ..." instead.
    """

    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str | None
    notes: tuple[str, ...]
    facts: dict[str, str] | None = None
    elected: tuple[str, ...] | None = None


def _joined(header: list[str], subheader: list[str]) -> tuple[str, ...]:
    assert len(header) == len(subheader)
    return tuple(f"{h} {s}".strip() for h, s in zip(header, subheader, strict=True))


# --- CSV -------------------------------------------------------------------------------------


def read_csv(text: str) -> Table:
    """Sections split by empty records: table, facts, order of election, notes."""
    records = list(csv.reader(io.StringIO(text, newline="")))
    sections: list[list[list[str]]] = [[]]
    for record in records:
        if record:
            sections[-1].append(record)
        else:
            sections.append([])
    table, facts, order, notes = sections
    assert len(table) >= 3 and all(len(r) == len(table[0]) for r in table)
    assert all(len(r) == 2 for r in facts) and facts[0][0] == "Election"
    assert order[0] == ["Order of election", "Candidate", "Stage", "Reason"]
    for n, record in enumerate(order[1:], 1):
        assert len(record) == 4 and record[0] == str(n)
    assert notes[0] == ["Notes"] and all(len(r) == 1 for r in notes[1:])
    elected = tuple(
        " — ".join(p for p in (r[1], ": ".join(q for q in (f"stage {r[2]}" if r[2] else "", r[3]) if q)) if p)
        for r in order[1:]
    )
    return Table(
        _joined(table[0], table[1]),
        tuple(map(tuple, table[2:])),
        facts[0][1],
        tuple(r[0] for r in notes[1:]),
        {label: value for label, value in facts[1:]},
        elected,
    )


# --- HTML ------------------------------------------------------------------------------------

_TEXT_IN = {"title", "h1", "h2", "dt", "dd", "caption", "th", "td", "li", "figcaption", "p", "span", "style"}


class _SheetPage(HTMLParser):
    """Collects the title, facts, table rows (cells as (tag, attributes, text), expanded by
    their colspan), the order of election, the notes and the figures' captions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.rows: list[tuple[str, dict[str, str | None], list[tuple[str, dict[str, str | None], str]]]] = []
        self.facts: list[tuple[str, str]] = []
        self.elected: list[str] = []
        self.notes: list[str] = []
        self.captions: list[str] = []
        self.h1: list[str] = []
        self.caption: list[str] = []
        self.doctype = ""
        self.svgs = 0
        self.depth_in_svg = 0

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def _inside(self, tag: str, cls: str | None = None) -> bool:
        return any(
            t == tag and (cls is None or cls in (a.get("class") or "").split()) for t, a, _ in self.open
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth_in_svg:
            self.depth_in_svg += 1
            return
        if tag == "svg":
            self.svgs += 1
            self.depth_in_svg = 1
            return
        if tag == "meta":
            return
        self.open.append((tag, dict(attrs), []))
        if tag == "tr":
            section = next(t for t, _, _ in reversed(self.open) if t in ("thead", "tbody", "tfoot"))
            self.rows.append((section, dict(attrs), []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.depth_in_svg and tag not in ("meta",):
            raise AssertionError(f"unexpected empty element <{tag}/>")

    def handle_data(self, data: str) -> None:
        if self.depth_in_svg or self._inside("style") or self._inside("title"):
            return
        if any(t in _TEXT_IN for t, _, _ in self.open):
            for _, _, buffer in self.open:
                buffer.append(data)
        else:
            assert not data.strip(), f"text outside an element that holds text: {data!r}"

    def handle_endtag(self, tag: str) -> None:
        if self.depth_in_svg:
            self.depth_in_svg -= 1
            return
        open_tag, attributes, buffer = self.open.pop()
        assert open_tag == tag, (open_tag, tag)
        text = "".join(buffer)
        if tag in ("th", "td"):
            span = int(attributes.get("colspan") or 1)
            cells = self.rows[-1][2]
            cells.append((tag, attributes, text))
            cells.extend((tag, {"spanned": "1"}, "") for _ in range(span - 1))
        elif tag == "h1":
            self.h1.append(text)
        elif tag == "caption":
            self.caption.append(text)
        elif tag == "dt":
            self.facts.append((text, ""))
        elif tag == "dd":
            self.facts[-1] = (self.facts[-1][0], text)
        elif tag == "li" and self._inside("ol", "elected"):
            self.elected.append(text)
        elif tag == "li" and self._inside("ul", "notes"):
            self.notes.append(text)
        elif tag == "figcaption":
            self.captions.append(text)


@attrs.frozen
class Page:
    """An HTML sheet read back: its table and the rest of the page."""

    table: Table
    doctype: str
    figure_captions: tuple[str, ...]
    svgs: int


def read_page(text: str) -> Page:
    parser = _SheetPage()
    parser.feed(text)
    parser.close()
    assert not parser.open, parser.open
    assert len(parser.h1) == 1 and len(parser.caption) == 1
    head = [row for row in parser.rows if row[0] == "thead"]
    body = [row for row in parser.rows if row[0] != "thead"]
    assert all(tag == "th" for _, _, cells in head for tag, _, _ in cells)
    top = [t for _, _, t in head[0][2]]
    sub = [t for _, _, t in head[-1][2]] if len(head) > 1 else [""] * len(top)
    for _, _, cells in body:
        (tag, attributes, _), *rest = cells
        assert tag == "th" and attributes.get("scope") == "row"
        assert all(tag == "td" for tag, _, _ in rest)
    texts = tuple(tuple(t for _, _, t in cells) for _, _, cells in body)
    table = Table(
        _joined(top, sub), texts, parser.h1[0], tuple(parser.notes), dict(parser.facts), tuple(parser.elected)
    )
    return Page(table, parser.doctype, tuple(parser.captions), parser.svgs)


def read_html(text: str) -> Table:
    return read_page(text).table


# --- Markdown --------------------------------------------------------------------------------

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_ESCAPED = re.compile(r"\\(.)")


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def _markdown_cells(line: str) -> tuple[str, ...]:
    parts = _UNESCAPED_PIPE.split(line)
    assert parts[0] == "" and parts[-1] == "", line  # the row starts and ends with a pipe
    cells = []
    for part in parts[1:-1]:
        assert part.startswith(" ") and part.endswith(" "), (line, part)
        cells.append(_unescape(part[1:-1]))
    return tuple(cells)


def read_markdown(text: str) -> Table:
    lines = text.split("\n")
    assert lines[0].startswith("## ") and lines[1] == ""
    title = _unescape(lines[0].removeprefix("## "))
    end = lines.index("", 2)
    facts = {}
    for line in lines[2:end]:
        label, _, value = line.removeprefix("- ").partition(": ")
        facts[label] = _unescape(value)
    start = end + 1
    head = _markdown_cells(lines[start])
    alignment = lines[start + 1].split("|")[1:-1]
    assert alignment == [":---"] + ["---:"] * (len(head) - 2) + [":---"], lines[start + 1]
    end = lines.index("", start + 2)
    rows = tuple(_markdown_cells(line) for line in lines[start + 2 : end])
    assert lines[end : end + 3] == ["", "### Order of election", ""]
    notes_at = lines.index("### Notes")
    entries = lines[end + 3 : notes_at - 1]
    assert lines[notes_at - 1] == "" and lines[notes_at + 1] == ""
    elected = []
    if entries != ["Nobody was elected."]:
        for n, entry in enumerate(entries, 1):
            assert entry.startswith(f"{n}. "), entry
            elected.append(_unescape(entry.removeprefix(f"{n}. ")))
    notes = lines[notes_at + 2 :]
    assert all(note.startswith("- ") for note in notes)
    return Table(
        head, rows, title, tuple(_unescape(n.removeprefix("- ")) for n in notes), facts, tuple(elected)
    )


# --- text ------------------------------------------------------------------------------------

_RULE = re.compile(r"-+(  -+)*")


def _panel(lines: list[str], at: int) -> tuple[list[str], list[str], list[list[str]], int]:
    """One panel from line ``at``: its header cells, subheader cells, rows, and where it ends."""
    has_subheader = not _RULE.fullmatch(lines[at + 1])
    rule = lines[at + 2] if has_subheader else lines[at + 1]
    assert _RULE.fullmatch(rule), rule
    spans = [m.span() for m in re.finditer(r"-+", rule)]

    def cells(line: str) -> list[str]:
        assert len(line) <= spans[-1][1]
        for (_, end), (start, _) in pairwise(spans):
            assert line[end:start].strip() == "", f"a cell overruns its column: {line!r}"
        return [line[start:end].strip() for start, end in spans]

    first = at + (3 if has_subheader else 2)
    end = lines.index("", first)
    header = cells(lines[at])
    subheader = cells(lines[at + 1]) if has_subheader else [""] * len(spans)
    return header, subheader, [cells(line) for line in lines[first:end]], end


def read_text(text: str) -> Table:
    """Panels (each a header, perhaps a subheader, a dashed rule and the rows, repeating the
    labels) joined side by side, then the notes, a wrapped note's lines joined again."""
    lines = text.split("\n")
    title, underline = lines[:2]
    assert underline == "=" * len(title)
    header: list[str] = []
    subheader: list[str] = []
    rows: list[list[str]] = []
    at = 2
    while True:
        h, s, r, end = _panel(lines, at)
        if not rows:
            header, subheader, rows = h, s, r
        else:
            assert [row[0] for row in r] == [row[0] for row in rows] and h[0] == header[0]
            header += h[1:]
            subheader += s[1:]
            rows = [old + new[1:] for old, new in zip(rows, r, strict=True)]
        at = end + 1
        if at + 2 >= len(lines) or not (_RULE.fullmatch(lines[at + 1]) or _RULE.fullmatch(lines[at + 2])):
            break
    notes: list[str] = []
    for line in lines[at:]:
        if line.startswith("  "):
            notes[-1] += " " + line[2:]
        else:
            notes.append(line)
    return Table(_joined(header, subheader), tuple(map(tuple, rows)), title, tuple(notes))


READERS: dict[str, Callable[[str], Table]] = {
    "markdown": read_markdown,
    "html": read_html,
    "csv": read_csv,
    "text": read_text,
}
