"""The cells of an OpenDocument spreadsheet's row as the text a person sees (OpenDocument 1.2,
Part 1: tables in chapter 9, paragraphs in chapter 6, the ``office:`` value attributes in
chapter 19).

A row (``table:table-row``) holds ``table:table-cell`` elements and the
``table:covered-table-cell`` elements a merged cell hides, and nothing else; a cell stands
``table:number-columns-repeated`` times. A cell's value, by its ``office:value-type``: a
``string`` is its ``office:string-value`` or else the text of its paragraphs (``text:p``, one
line each; ``text:s`` stands for ``text:c`` spaces, ``text:tab`` for a tab,
``text:line-break`` for a new line; a comment, ``office:annotation``, is not a paragraph of
the cell); a ``float``, ``percentage`` or ``currency`` its ``office:value``, a whole number
without ``.0``; a ``date`` its ``office:date-value`` (ISO 8601), a ``time`` its
``office:time-value`` as a time of day, a ``boolean`` ``TRUE`` or ``FALSE``. A cell with no
value type is blank, whatever it shows, unless it has an ``office:value`` (a number, as the
readers before this one took it). Blank cells are counted, never expanded, until a cell
that holds something follows them.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import NoReturn
from xml.etree.ElementTree import Element

from votecount.errors import BallotFileError

MAX_COLUMNS = 16_384
"""The most columns a row may reach: Excel's and LibreOffice's (since 7.4) own limit."""

MAX_CELL_CHARS = 1 << 20
"""The most characters one cell's text may have (``text:s`` repeats a space)."""

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_CELLS = (f"{TABLE}table-cell", f"{TABLE}covered-table-cell")
_COLUMNS_REPEATED = f"{TABLE}number-columns-repeated"
_VALUE_TYPE = f"{OFFICE}value-type"
_VALUE = f"{OFFICE}value"
_STRING_VALUE = f"{OFFICE}string-value"
_DATE_VALUE = f"{OFFICE}date-value"
_TIME_VALUE = f"{OFFICE}time-value"
_BOOLEAN_VALUE = f"{OFFICE}boolean-value"
_PARAGRAPHS = (f"{TEXT}p", f"{TEXT}h")
_SPACES = f"{TEXT}s"
_SPACE_COUNT = f"{TEXT}c"
_TAB = f"{TEXT}tab"
_LINE_BREAK = f"{TEXT}line-break"
_NUMBERS = ("float", "percentage", "currency")

_DOUBLE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?(INF|inf|Infinity|NaN|nan)")
_TIME = re.compile(r"PT([0-9]{1,2})H([0-9]{1,2})M([0-9]{1,2})(\.[0-9]{1,6})?S")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?)?")


def bad(reason: str, source: str | None, line: int | None = None) -> NoReturn:
    """Refuse the file: ``reason`` says where and why."""
    raise BallotFileError(f"not a readable .ods file: {reason}", path=source, line=line)


def _shown(tag: str) -> str:
    """An element's name as OpenDocument files write it: ``text:p``, not ``{urn:...}p``."""
    for prefix, uri in (("office:", OFFICE), ("table:", TABLE), ("text:", TEXT)):
        if tag.startswith(uri):
            return prefix + tag[len(uri) :]
    return tag


def count(text: str | None, what: str, line: int, source: str | None) -> int:
    """A ``number-rows-repeated`` or ``number-columns-repeated``: a whole number from 1 in
    ASCII digits; above a billion it stands as a billion (more than any sheet may reach)."""
    if text is None:
        return 1
    if not (text.isascii() and text.isdigit()) or not text.strip("0"):
        bad(f"the number of {what} repeated, {text[:20]!r}, is not a whole number from 1", source, line)
    return int(text) if len(text) < 10 else 1_000_000_000


def row_cells(row: Element, line: int, source: str | None) -> list[str]:
    """A row's cells' text, repeats expanded, trailing blank cells left off (none at all for
    a blank row)."""
    cells: list[str] = []
    blank = 0  # blank cells met since the last that holds something
    if row.text and not row.text.isspace():
        bad(f"row {line} holds text outside its cells", source, line)
    for cell in row:
        if cell.tag not in _CELLS:
            bad(f"row {line} holds an element {_shown(cell.tag)!r} where only cells belong", source, line)
        if cell.tail and not cell.tail.isspace():
            bad(f"row {line} holds text outside its cells", source, line)
        repeated = cell.get(_COLUMNS_REPEATED)
        repeat = 1 if repeated is None else count(repeated, "columns", line, source)
        text = _cell_text(cell, line, source)
        if not text:
            blank += repeat
            continue
        if len(cells) + blank + repeat > MAX_COLUMNS:
            raise BallotFileError(
                f"the row reaches past column {MAX_COLUMNS:,}, the most a sheet may have",
                path=source,
                line=line,
            )
        if blank:
            cells.extend([""] * blank)
            blank = 0
        if repeat == 1:
            cells.append(text)
        else:
            cells.extend([text] * repeat)
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


def _cell_text(cell: Element, line: int, source: str | None) -> str:
    """The text a person sees in a cell, from its value type (see the module docstring)."""
    kind = cell.get(_VALUE_TYPE)
    if kind is None:
        kind = "float" if _VALUE in cell.attrib else ""
    if kind == "string":
        value = cell.get(_STRING_VALUE)
        return value if value is not None else _paragraphs(cell, line, source)
    if kind in _NUMBERS:
        value = cell.get(_VALUE)
        if value is None:
            return ""
        shown = _number_text(value)
        if shown is None:
            bad(f"a cell's office:value {value[:40]!r} is not a number", source, line)
        return shown
    if kind == "date":
        return _date_text(cell.get(_DATE_VALUE) or "")
    if kind == "time":
        return _time_text(cell.get(_TIME_VALUE) or "")
    if kind == "boolean":
        return "TRUE" if cell.get(_BOOLEAN_VALUE) in ("true", "TRUE", "1") else "FALSE"
    if not kind:
        return ""
    return cell.get(_STRING_VALUE) or ""


def _paragraphs(cell: Element, line: int, source: str | None) -> str:
    """The text of a cell's paragraphs, one a line (a comment, ``office:annotation``, is not
    a paragraph of the cell and is left out)."""
    lines = []
    for paragraph in cell:
        if paragraph.tag in _PARAGRAPHS:
            if len(paragraph):
                parts: list[str] = []
                _text_into(paragraph, parts, line, source)
                lines.append("".join(parts))
            else:
                lines.append(paragraph.text or "")
    text = "\n".join(lines)
    if len(text) > MAX_CELL_CHARS:
        bad(f"a cell holds more than {MAX_CELL_CHARS:,} characters", source, line)
    return text


def _text_into(element: Element, parts: list[str], line: int, source: str | None) -> None:
    """``element``'s text, its children's (spans, links) and their tails, onto ``parts``."""
    if element.text:
        parts.append(element.text)
    for child in element:
        tag = child.tag
        if tag == _SPACES:
            spaces = count(child.get(_SPACE_COUNT), "spaces", line, source)
            if spaces > MAX_CELL_CHARS:
                bad(f"a cell holds more than {MAX_CELL_CHARS:,} characters", source, line)
            parts.append(" " * spaces)
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _LINE_BREAK:
            parts.append("\n")
        else:
            _text_into(child, parts, line, source)
        if child.tail:
            parts.append(child.tail)


@lru_cache(maxsize=4096)
def _number_text(value: str) -> str | None:
    """A cell's ``office:value`` (an ``xsd:double``) as a person sees the number: a whole
    number without ``.0``; None if it is not a number."""
    if not _DOUBLE.fullmatch(value):
        return None
    number = float(value)
    if number.is_integer() and abs(number) < 2**53:
        return str(int(number))
    return str(number)


def _date_text(value: str) -> str:
    """An ``office:date-value`` in ISO 8601 as Python writes it (``2026-03-01T10:05:00``), or as
    written where it is not a date Python reads."""
    if _DATE.fullmatch(value):
        try:
            return datetime.datetime.fromisoformat(value).isoformat() if "T" in value else value
        except ValueError:
            return value
    return value


def _time_text(value: str) -> str:
    """An ``office:time-value`` (an ISO 8601 duration, ``PT10H05M00S``) as the time of day it
    stands for (``10:05:00``), or as written where it is not one."""
    found = _TIME.fullmatch(value)
    if found is None:
        return value
    hours, minutes, seconds, fraction = found.groups()
    if int(hours) > 23 or int(minutes) > 59 or int(seconds) > 59:
        return value
    micro = round(float(fraction) * 1_000_000) if fraction else 0
    return datetime.time(int(hours), int(minutes), int(seconds), min(micro, 999_999)).isoformat()


__all__ = ["MAX_CELL_CHARS", "MAX_COLUMNS", "OFFICE", "TABLE", "TEXT", "bad", "count", "row_cells"]
