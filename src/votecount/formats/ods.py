"""The rows of an OpenDocument spreadsheet (``.ods``), streamed from the file with the
standard library, one row at a time, each distinct row decoded once.

An ``.ods`` file is a zip package (OpenDocument 1.2, Part 3) whose ``content.xml`` holds every
sheet (Part 1, chapter 9): a ``table:table`` child of ``office:spreadsheet``, named by its
``table:name``, holding ``table:table-row`` elements (directly, or inside
``table:table-header-rows``, ``table:table-rows`` and ``table:table-row-group``), each standing
``table:number-rows-repeated`` times; :mod:`votecount.formats.ods_cells` reads a row's cells.
LibreOffice pads every sheet to its last row with one repeated blank row
(``table:number-rows-repeated="1048000"``): blank rows are counted, never expanded.

The part is parsed by the standard library's C parser (expat, through
:class:`~xml.etree.ElementTree.XMLPullParser`), fed 64 KiB at a time; every element is dropped
from the tree once it has ended, so that memory holds one row, not the sheet. A sheet of ballots
repeats a few hundred distinct rows a million times, and building a million rows' elements
takes most of a minute; so each row's text is cut from the part as it streams (from
``<table:table-row`` to the first ``</table:table-row>`` after it) and looked up among the rows
met before, and only a row not met before is parsed (on its own, with the namespaces the
document declares). What lies between rows (the sheets' starts and ends, the groups of rows)
still goes through the parser, with a stand-in element where each cut row was, so that the
document is checked whole and the parser says which sheet, and where in it, each row stands.
A row is cut only where that is the row the parser would see: where a comment, a processing
instruction, a CDATA section or a namespace declaration could change what the text means, the
rest of the part is fed to the parser as it is, and rows are read from its elements.

The file is hostile until proven otherwise:

- the package must be a spreadsheet's, and a document type declaration (which could declare
  entities that expand to gigabytes) is refused before the root element is reached
  (:mod:`votecount.formats.ods_package`);
- the part may decompress to at most :data:`MAX_CONTENT_BYTES`; a row's XML, and any stretch
  of the part without an element starting or ending, to at most :data:`MAX_ROW_BYTES`;
  elements outside rows may nest :data:`MAX_DEPTH` deep;
- a repeated row that holds something may reach at most row :data:`MAX_ROWS` (the
  spreadsheet programs' limit), a repeated cell column
  :data:`~votecount.formats.ods_cells.MAX_COLUMNS`;
- every error, from the zip, the XML or a value, is a
  :class:`~votecount.errors.BallotFileError` naming the file and, inside the sheet read,
  the row.

The whole part is read, the sheets after the one wanted too, so that a part that is cut
short or damaged (its checksum is checked at its end) is refused, never read in part. Where
the parser refuses a part some of whose rows were cut from the text, the part is read again
with the parser building every row, so that the error names the file's own line and column.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from typing import IO, Any, NoReturn, cast
from xml.etree.ElementTree import Element, ParseError, XMLPullParser
from xml.sax.saxutils import quoteattr

from votecount.errors import BallotFileError
from votecount.formats.ods_cells import OFFICE, TABLE, bad, count, row_cells
from votecount.formats.ods_package import MAX_CONTENT_BYTES, ZIP_ERRORS, Prolog, content_part, in_utf8

MAX_ROWS = 1_048_576
"""The most rows a sheet may have: Excel's and LibreOffice's own limit."""

MAX_ROW_BYTES = 1 << 20
"""The most bytes of XML one row may take, and any stretch without an element starting or
ending: a ballot row of a hundred cells takes a few kilobytes."""

MAX_DEPTH = 64
"""How deep elements outside rows may nest (a sheet's rows sit four to a dozen levels in)."""

MAX_KNOWN_BYTES = 1 << 24
"""The most bytes of distinct rows' text kept to look rows up by (then they are forgotten)."""

FEW_REPEATS = 4096
"""Rows not met before, cut before judging whether rows repeat enough to be worth looking up
by their text: where four in five are new (a timestamp on every row), the parser builds the
rest (a row parsed on its own costs half as much again as one the parser builds as it
streams)."""

CHUNK = 1 << 16

_SPREADSHEET = f"{OFFICE}spreadsheet"
_SHEET = f"{TABLE}table"
_NAME = f"{TABLE}name"
_ROW = f"{TABLE}table-row"
_ROW_HOLDERS = (_SHEET, f"{TABLE}table-row-group", f"{TABLE}table-header-rows", f"{TABLE}table-rows")
_ROWS_REPEATED = f"{TABLE}number-rows-repeated"

_ROW_START = b"<table:table-row"
_ROW_END = b"</table:table-row>"
_STAND_IN = "votecount-row"
_MARKUP_OF_NOTE = re.compile(rb"<[!?]|xmlns")
"""Text that could make a cut row mean something else: a comment, CDATA or a processing
instruction (whose text may hold what looks like a row), a namespace declaration."""
_ROW_OPEN = _NESTED = re.compile(rb"<table:table-row[\s/>]")
_END_LENGTH = len(_ROW_END)

_XML_ERRORS = (ParseError, LookupError, ValueError)
"""What the parser raises for a part it cannot read: ``ParseError``; ``LookupError`` for an
encoding Python does not know, ``ValueError`` for one expat cannot read (UTF-7)."""
Row = tuple[int, list[str]]


def _events(parser: XMLPullParser[Element]) -> Iterator[tuple[str, Any]]:
    """The parser's events so far: ``(event, element)``, or for ``start-ns``
    ``(event, (prefix, uri))``."""
    return cast(Iterator[tuple[str, Any]], parser.read_events())


class SheetNamedLater(Exception):
    """The sheet read was chosen by its number, and a later sheet has that number as its name,
    which comes first: read again with ``by_name``."""


def rows(
    data: bytes, sheet: str | int | None, source: str | None, *, by_name: bool = False, cut: bool = True
) -> Iterator[Row]:
    """The rows of the sheet ``sheet`` (the first if None; a name, else a number from 1; with
    ``by_name``, only a name) that hold something: each its row number and its cells' text,
    trailing blank cells left off. Raises :class:`SheetNamedLater` at the end of the part
    when the sheet read was the one of that number but a later one has the number as name.
    With ``cut`` false, no row is cut from the text: the parser builds every one (slowly; the
    tests compare the two)."""
    reader = _Reader(sheet, source, by_name)
    reader.cutting = cut
    try:
        with content_part(data, source) as stream:
            yield from reader.read(stream)
    except BallotFileError:
        if cut and reader.xml_error:  # say where the file itself is damaged: read it again whole
            for _ in rows(data, sheet, source, by_name=by_name, cut=False):
                pass
        raise
    if reader.target is None:
        no_sheet(reader.names, sheet, source)
    if reader.named_later:
        raise SheetNamedLater(sheet)


def no_sheet(names: list[str], sheet: str | int | None, source: str | None) -> NoReturn:
    """The error for a ``sheet`` not among ``names`` (or for a workbook with no sheet)."""
    if not names:
        raise BallotFileError("the spreadsheet has no sheets", path=source)
    raise BallotFileError(
        f"no sheet {sheet!r}; the sheets are {', '.join(map(repr, names))} (or give a number from 1)",
        path=source,
    )


class _Reader:
    """One read of ``content.xml``: the sheets met, the sheet read, the row reached."""

    def __init__(self, sheet: str | int | None, source: str | None, by_name: bool) -> None:
        self.sheet, self.source = sheet, source
        number = str(sheet).strip() if sheet is not None and not by_name else ""
        self.number = int(number) if number.isascii() and number.isdigit() and len(number) < 10 else 0
        self.names: list[str] = []
        self.target: Element | None = None  # the sheet read
        self.by_number = self.named_later = False
        self.line = 1  # the row number of the next row of the sheet read
        self.parser: XMLPullParser[Element] = XMLPullParser(events=("start", "end", "start-ns"))
        self.stack: list[Element] = []
        self.declared: list[tuple[str, str]] = []  # the root element's namespaces
        self.scoped = False  # a namespace declared below the root
        self.row: Element | None = None  # a row the parser is building
        self.row_from = self.fed = self.quiet = 0
        self.stand_in: tuple[bool, bool] | None = None
        """Where the last stand-in stood: in a sheet's rows; in the sheet read."""
        self.known: dict[bytes, tuple[list[str], int]] = {}
        self.known_bytes = 0
        self.new = self.met = 0  # rows cut: not met before, met before
        self.xml_error = False
        """Whether the error raised is the parser's, or a stretch without elements: where rows
        were cut from the text, the parser saw less than the file, so the place it names is
        not the file's."""
        self.row_parser: XMLPullParser[Element] | None = None
        self.rows_root: Element | None = None
        self.cutting = True  # rows are cut from the text, not built by the parser
        self.held = b""  # the part read but not yet cut
        self.token = secrets.token_hex(8)
        self.stand_in_text = f'<{_STAND_IN} t="{self.token}"/>'.encode()

    def at(self) -> int | None:
        return self.line if self.target is not None and self._in_target() else None

    def read(self, stream: IO[bytes]) -> Iterator[Row]:
        """Every row of the sheet read that holds something, as the part streams."""
        prolog = Prolog()
        total = 0
        while True:
            try:
                chunk = stream.read(CHUNK)
            except ZIP_ERRORS as exc:
                bad(f"content.xml: {exc}", self.source, self.at())
            total += len(chunk)
            if total > MAX_CONTENT_BYTES:
                bad(f"content.xml holds more than {MAX_CONTENT_BYTES:,} bytes", self.source)
            if not prolog.done:
                if total == len(chunk) and not in_utf8(chunk):
                    self.cutting = False
                prolog.feed(chunk, self.source)
            if self.cutting:
                self.held += chunk
                yield from self._cut(final=not chunk)
                if self.cutting:
                    continue
                chunk, self.held = self.held, b""  # the rest goes to the parser as it is
            if chunk:
                yield from self._parse(chunk)
            elif not self.cutting:
                yield from self._parse(b"")
                return

    def _cut(self, *, final: bool) -> Iterator[Row]:
        """The rows cut from :attr:`held` (the part from where the last cut ended), leaving in
        it what is left to cut when more comes; :attr:`cutting` is cleared where a row cannot
        be cut (then what is held, from that row on, is for the parser)."""
        text = self.held
        known = self.known
        find = text.find
        opening = _ROW_OPEN.search
        at = 0
        reading = bool(self.stand_in and self.stand_in[1])
        while True:
            found = opening(text, at)
            if found is None:
                keep = len(text) if final else max(at, len(text) - len(_ROW_START) - 1)
                if keep > at:
                    self.stand_in = None  # where the parser is, is known again at the next stand-in
                    yield from self._parse(text[at:keep])
                self.held = text[keep:]
                self.cutting = not final
                return
            start = found.start()
            if start > at or self.stand_in is None:
                self.stand_in = None
                yield from self._parse(text[at:start] + self.stand_in_text)
                at = start
                if self.stand_in is None or not self.stand_in[0] or self.scoped or self.row is not None:
                    self.held, self.cutting = text[start:], False
                    return
                reading = self.stand_in[1]
            close = find(b">", start)
            end = close + 1 if close > 0 and text[close - 1] == 0x2F else find(_ROW_END, close)
            if close < 0 or end < 0:
                if len(text) - start > MAX_ROW_BYTES:
                    self.xml_error = True
                    bad(
                        f"row {self.line} takes more than {MAX_ROW_BYTES:,} bytes of XML",
                        self.source,
                        self.line,
                    )
                self.held, self.cutting = text[start:], not final
                return
            if end != close + 1:
                end += _END_LENGTH
            piece = text[start:end]
            got = known.get(piece)
            if got is None:
                self.new += 1
                if self.new > FEW_REPEATS and self.new > 4 * self.met:
                    self.known.clear()  # most rows differ: the parser builds them faster
                    self.held, self.cutting = text[start:], False
                    return
                got = self._row_alone(piece, reading)
                if got is None:
                    self.held, self.cutting = text[start:], False
                    return
            else:
                self.met += 1
            if reading:
                cells, repeat = got
                if repeat == 1:
                    if cells:
                        if self.line > MAX_ROWS:
                            self._too_many()
                        yield self.line, cells
                    self.line += 1
                else:
                    yield from self._expand(cells, repeat)
            at = end

    def _row_alone(self, piece: bytes, reading: bool) -> tuple[list[str], int] | None:
        """A row not met before, parsed on its own with the root element's namespaces: in the
        sheet read, its cells and repeat, kept to look the row up by (in another sheet, only
        checked, as the parser would); None where the text is not one whole row element (then
        the parser reads on from there)."""
        if _MARKUP_OF_NOTE.search(piece) or _NESTED.search(piece, 1) or not self.stand_in:
            return None
        if self.row_parser is None:
            self.row_parser = XMLPullParser(events=("start", "end"))
            names = " ".join(f"xmlns{':' + p if p else ''}={quoteattr(u)}" for p, u in self.declared)
            self.row_parser.feed(f"<{_STAND_IN} {names}>".encode("utf-8", "xmlcharrefreplace"))
            self.rows_root = next(e for _, e in _events(self.row_parser))
        try:
            self.row_parser.feed(piece)
            events = list(_events(self.row_parser))
        except _XML_ERRORS:
            self.row_parser = None
            return None
        row = events[0][1] if events else None
        if row is None or row.tag != _ROW or events[0][0] != "start" or events[-1] != ("end", row):
            self.row_parser = None
            return None
        assert self.rows_root is not None
        self.rows_root.remove(row)
        if not reading:
            return [], 1
        got = self._cells(row)
        if self.known_bytes > MAX_KNOWN_BYTES:
            self.known.clear()
            self.known_bytes = 0
        self.known[piece] = got
        self.known_bytes += len(piece)
        return got

    def _cells(self, row: Element) -> tuple[list[str], int]:
        return row_cells(row, self.line, self.source), count(
            row.get(_ROWS_REPEATED), "rows", self.line, self.source
        )

    def _expand(self, cells: list[str], repeat: int) -> Iterator[Row]:
        """A row of the sheet read, standing ``repeat`` times (if it holds something)."""
        line = self.line
        if cells:
            if line + repeat - 1 > MAX_ROWS:
                self._too_many()
            for n in range(line, line + repeat):
                yield n, cells
        self.line = line + repeat

    def _too_many(self) -> NoReturn:
        raise BallotFileError(
            f"the sheet has more than {MAX_ROWS:,} rows", path=self.source, line=MAX_ROWS + 1
        )

    def _in_target(self) -> bool:
        """Whether the innermost table the parser is in is the sheet read."""
        for element in reversed(self.stack):
            if element.tag == _SHEET:
                return element is self.target
        return False

    def _parse(self, text: bytes) -> Iterator[Row]:
        """``text`` through the parser (empty: the end of the part), and the rows it builds."""
        source = self.source
        self.fed += len(text)
        self.quiet += len(text)
        try:
            if text:
                self.parser.feed(text)
            else:
                self.parser.close()
            for event, element in _events(self.parser):
                self.quiet = 0
                row = self.row
                if row is not None:
                    if element is not row:
                        continue
                    self.row = None
                    self.stack[-1].remove(row)
                    if self._in_target():
                        yield from self._expand(*self._cells(row))
                elif event == "start":
                    self._start(element)
                elif event == "end":
                    self.stack.pop()
                    if self.stack:
                        self.stack[-1].remove(element)
                elif self.stack:  # start-ns, of an element below the root
                    self.scoped = True
                else:
                    self.declared.append(cast(tuple[str, str], element))
        except _XML_ERRORS as exc:
            if isinstance(exc, BallotFileError):
                raise
            self.xml_error = True
            bad(f"content.xml: {exc}", source, self.at())
        if self.row is not None and self.fed - self.row_from > MAX_ROW_BYTES:
            bad(f"row {self.line} takes more than {MAX_ROW_BYTES:,} bytes of XML", source, self.line)
        if self.quiet > MAX_ROW_BYTES:
            self.xml_error = True
            bad(f"content.xml runs {self.quiet:,} bytes without an element starting or ending", source)

    def _start(self, element: Element) -> None:
        stack = self.stack
        tag = element.tag
        if tag == _ROW and stack:
            self.row, self.row_from = element, self.fed
            return
        if element.get("t") == self.token and tag.rpartition("}")[2] == _STAND_IN:
            holder = bool(stack) and stack[-1].tag in _ROW_HOLDERS
            self.stand_in = (holder, holder and self._in_target())
        elif tag == _SHEET and stack and stack[-1].tag == _SPREADSHEET:
            self._sheet(element)
        stack.append(element)
        if len(stack) > MAX_DEPTH:
            bad(f"content.xml nests elements more than {MAX_DEPTH} deep", self.source)

    def _sheet(self, element: Element) -> None:
        """A sheet starts: the one to read, if it is the first, or named, or numbered so."""
        name = element.get(_NAME)
        if name is None:
            return
        self.names.append(name)
        sheet = self.sheet
        if self.target is None:
            if sheet is None or name == sheet or (self.number and len(self.names) == self.number):
                self.target = element
                self.by_number = sheet is not None and name != sheet
        elif self.by_number and name == sheet:
            self.named_later = True


__all__ = ["MAX_CONTENT_BYTES", "MAX_ROWS", "MAX_ROW_BYTES", "SheetNamedLater", "no_sheet", "rows"]
