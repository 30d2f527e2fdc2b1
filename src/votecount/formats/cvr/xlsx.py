"""The rows of an Excel workbook's first sheet, streamed from the .xlsx file as written.

An .xlsx file is a zip archive of XML parts (ECMA-376, SpreadsheetML): ``xl/workbook.xml``
lists the sheets in order, ``xl/_rels/workbook.xml.rels`` says which part holds each, and
``xl/sharedStrings.xml`` holds the text that cells point at by number (``t="s"``). A sheet's
``sheetData`` holds a ``row`` element (numbered ``r``) for every row written, each with a
``c`` element per cell written (addressed ``r="D7"``); rows and cells never written are
simply absent.

RCTab reads ES&S workbooks this way (Apache POI's streaming ``XSSFSheetXMLHandler``): every
``row`` element present is a record, even one holding no value (a formatted but empty row
at the foot of a sheet is a blank ballot), and a row absent is no record. openpyxl's
read-only mode cannot tell the two apart: it yields an empty row for every row number up to
the sheet's stated dimension (a sheet stating ``A1:R1048576`` costs a million empty rows). So
the sheet is streamed here with the standard library's parser, one row at a time, each row's
elements cleared once read, after :mod:`votecount.formats.cvr._xml` has refused any document
type declaration (so that a hostile workbook cannot declare an entity to expand). The shared
strings are read whole (they are the distinct texts, few).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element

from votecount.errors import BallotFileError
from votecount.formats.cvr._xml import XML_ERRORS, child, children, events, local, parse_whole

_CELL = re.compile(r"([A-Z]{1,3})([0-9]+)")
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MAX_PART_BYTES = 1 << 30
"""The largest part (sheet or shared strings, as the archive states its size) read."""

Row = tuple[int, dict[int, str]]
"""A row as written: its number (1-based) and the text of each cell written, by 0-based column."""


def column_index(letters: str) -> int:
    """The 0-based column of a cell address's letters: ``A`` is 0, ``AB`` is 27."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _text_of(element: Element) -> str:
    """All text of the ``t`` elements in a string item (plain, or runs of rich text)."""
    return "".join(e.text or "" for e in element.iter() if local(e.tag) == "t")


def _number_text(value: str) -> str:
    """A number as Excel shows it in the General format: ``15`` for ``15`` or ``15.0``."""
    if value.isascii() and value.isdigit():
        return value
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def _open(archive: zipfile.ZipFile, name: str, path: Path) -> IO[bytes]:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise BallotFileError(f"not a workbook: the archive has no {name}", path=str(path)) from None
    if info.file_size > MAX_PART_BYTES:
        raise BallotFileError(f"{name} is larger than {MAX_PART_BYTES} bytes", path=str(path))
    return archive.open(info)


def _parse_whole(archive: zipfile.ZipFile, name: str, path: Path) -> Element:
    with _open(archive, name, path) as part:
        return parse_whole(part)


def _first_sheet(archive: zipfile.ZipFile, path: Path) -> str:
    """The archive's name of the workbook's first sheet."""
    workbook = _parse_whole(archive, "xl/workbook.xml", path)
    sheets = child(workbook, "sheets")
    first = children(sheets, "sheet")[0] if sheets is not None and children(sheets, "sheet") else None
    if first is None:
        raise BallotFileError("the workbook has no sheet", path=str(path))
    wanted = first.get(_RELATIONSHIPS)
    rels = _parse_whole(archive, "xl/_rels/workbook.xml.rels", path)
    for rel in children(rels, "Relationship"):
        if rel.get("Id") == wanted:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    raise BallotFileError(f"the workbook's first sheet ({wanted}) has no part", path=str(path))


def _shared_strings(archive: zipfile.ZipFile, path: Path) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings: list[str] = []
    with _open(archive, "xl/sharedStrings.xml", path) as part:
        for _, element in events(part, ("end",)):
            if local(element.tag) == "si":
                strings.append(_text_of(element))
                element.clear()
    return strings


def _cell_text(cell: Element, strings: list[str], path: Path, row: int) -> str:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = child(cell, "is")
        return _text_of(inline) if inline is not None else ""
    value = child(cell, "v")
    text = (value.text or "") if value is not None else ""
    if kind == "s" and text:
        try:
            return strings[int(text)]
        except (ValueError, IndexError):
            raise BallotFileError(
                f"cell {cell.get('r')}: no shared string {text[:20]!r}", path=str(path), line=row
            ) from None
    if kind == "b":
        return "TRUE" if text == "1" else "FALSE"
    if kind == "n" and text:
        return _number_text(text)
    return text


def rows(path: Path) -> Iterator[Row]:
    """Every row written in the first sheet of the workbook at ``path``, in order."""
    try:
        with zipfile.ZipFile(path) as archive:
            strings = _shared_strings(archive, path)
            sheet = _first_sheet(archive, path)
            with _open(archive, sheet, path) as part:
                yield from _sheet_rows(part, strings, path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise BallotFileError(f"not a readable Excel workbook (.xlsx): {exc}", path=str(path)) from None
    except XML_ERRORS as exc:
        raise BallotFileError(f"damaged workbook XML: {exc}", path=str(path)) from None


def _sheet_rows(part: IO[bytes], strings: list[str], path: Path) -> Iterator[Row]:
    number = 0
    data: Element | None = None
    row_tag = cell_tag = value_tag = ""
    columns: dict[str, int] = {}  # a cell address's letters, seen before, to its column
    for event, element in events(part, ("start", "end")):
        if event == "start":
            if data is None and local(element.tag) == "sheetData":
                data = element
                namespace = element.tag[: len(element.tag) - len("sheetData")]
                row_tag, cell_tag, value_tag = f"{namespace}row", f"{namespace}c", f"{namespace}v"
            continue
        if element.tag != row_tag:
            continue
        stated = element.get("r")
        number = int(stated) if stated and stated.isdigit() else number + 1
        cells: dict[int, str] = {}
        column = -1
        for cell in element:
            if cell.tag != cell_tag:
                continue
            reference = cell.get("r", "")
            letters = reference.rstrip("0123456789")
            if letters in columns:
                column = columns[letters]
            else:
                address = _CELL.fullmatch(reference)
                column = column_index(address.group(1)) if address else column + 1
                if address:
                    columns[letters] = column
            kind = cell.get("t")
            value = cell.find(value_tag)
            if kind == "s" and value is not None and value.text:
                index = int(value.text) if value.text.isdigit() else -1
                if not 0 <= index < len(strings):
                    raise BallotFileError(
                        f"cell {cell.get('r')}: no shared string {value.text[:20]!r}",
                        path=str(path),
                        line=number,
                    )
                text = strings[index]
            else:
                text = _cell_text(cell, strings, path, number)
            if text:
                cells[column] = text
        if data is not None:
            data.clear()  # the rows read so far, this one included: memory stays flat
        yield number, cells
