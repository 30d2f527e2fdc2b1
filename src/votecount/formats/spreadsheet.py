"""Ballots from spreadsheets: ``.xlsx`` (Excel, Google Sheets, LibreOffice) and ``.ods``
(OpenDocument), read with the same column logic as CSV (:mod:`votecount.formats.table`).

The libraries are an optional extra (``pip install 'votecount[spreadsheet]'``):

- ``.xlsx`` through **openpyxl**, the reference Python library for the format: pure Python,
  maintained for over a decade, read here in its streaming read-only mode with the values
  the cells last held (formulas are not evaluated);
- ``.ods`` through **python-calamine**, the binding of the Rust ``calamine`` reader: one small
  wheel with no dependencies, actively maintained, and it expands the repeated rows and
  columns OpenDocument uses for blank space itself. (``odfpy`` leaves that expansion to the
  caller and has not been released since 2020; ``pyexcel-ods3`` brings three packages and
  lxml.)

A cell's value becomes the text a person sees: whole numbers without ``.0``, dates and times
in ISO 8601, a blank cell the empty string. The first sheet is read unless ``sheet=`` names
another (by name, or by number from 1); rows before the header that are blank are skipped,
and the file's row numbers are the lines errors and the validation report name.
"""

from __future__ import annotations

import datetime
import importlib
import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from types import ModuleType
from typing import Any
from xml.parsers import expat

from votecount.errors import BallotFileError, FormatError
from votecount.formats._jsondoc import Particulars
from votecount.formats.columns import ColumnRef, Layout
from votecount.formats.table import CandidateList, TableReader
from votecount.profile import Profile
from votecount.validity import RawElection

MAX_ROWS = 1_048_576
"""The most rows a sheet may have: Excel's and LibreOffice's own limit."""

EXTRA = "pip install 'votecount[spreadsheet]'"


def _library(name: str, purpose: str) -> ModuleType:
    """The optional library ``name``, or an error saying how to install it."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise FormatError(f"reading {purpose} needs the {name} library: {EXTRA}") from exc


def cell_text(value: Any) -> str:
    """A cell's value as the text a person sees in it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _xlsx_rows(data: bytes, sheet: str | int | None, source: str | None) -> Iterable[Sequence[Any]]:
    openpyxl = _library("openpyxl", ".xlsx files")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, XML errors... for a bad file
        raise BallotFileError(f"not a readable .xlsx file: {exc}", path=source) from exc
    name = _sheet_name(list(book.sheetnames), sheet, source)
    return _guarded(book[name].iter_rows(min_row=1, values_only=True), source)


def _guarded(rows: Iterable[Sequence[Any]], source: str | None) -> Iterator[Sequence[Any]]:
    """``rows`` as openpyxl reads them, lazily in read-only mode, so that a damaged sheet found
    on the way (a shared string that is not there, a cell's value that is not a number) is a
    :class:`BallotFileError` too, not openpyxl's ``IndexError`` or ``ValueError``."""
    try:
        yield from rows
    except Exception as exc:  # openpyxl's own errors, raised by the row that is damaged
        raise BallotFileError(f"not a readable .xlsx file: {exc}", path=source) from exc


def _check_ods_content(data: bytes, source: str | None) -> None:
    """Refuse an .ods whose ``content.xml`` is not well-formed XML, before calamine reads it:
    python-calamine 0.9 never returns from some such documents (found by fuzzing: a part that
    ends inside a ``table:table`` element). The standard library's C parser
    (expat) reads the part once, with no handlers, so it builds nothing; a file that is not a
    ZIP holding the part is left to calamine to refuse."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        part = archive.open("content.xml")
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError, ValueError, NotImplementedError):
        return  # calamine says why
    parser = expat.ParserCreate()
    try:
        with archive, part:
            while chunk := part.read(1 << 16):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    # LookupError: an encoding Python does not know; ValueError: a multi-byte one expat cannot
    # read (UTF-7), refused too, as the check cannot vouch for the part; the others: a part that
    # does not decompress to what its header says.
    except (expat.ExpatError, LookupError, ValueError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise BallotFileError(f"not a readable .ods file: content.xml: {exc}", path=source) from exc


def _ods_rows(data: bytes, sheet: str | int | None, source: str | None) -> Iterable[Sequence[Any]]:
    calamine = _library("python_calamine", ".ods files")
    _check_ods_content(data, source)
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        name = _sheet_name(list(book.sheet_names), sheet, source)
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=MAX_ROWS + 1)
    except BallotFileError:
        raise
    except Exception as exc:  # calamine's own errors, for a file that is not OpenDocument
        raise BallotFileError(f"not a readable .ods file: {exc}", path=source) from exc
    return rows  # type: ignore[no-any-return]


def _sheet_name(names: list[str], sheet: str | int | None, source: str | None) -> str:
    if not names:
        raise BallotFileError("the spreadsheet has no sheets", path=source)
    if sheet is None:
        return names[0]
    if sheet in names:
        return str(sheet)
    text = str(sheet).strip()
    if text.isascii() and text.isdigit() and 1 <= int(text) <= len(names):
        return names[int(text) - 1]
    raise BallotFileError(
        f"no sheet {sheet!r}; the sheets are {', '.join(map(repr, names))} (or give a number from 1)",
        path=source,
    )


def _parse(
    data: str | bytes,
    rows_of: Any,
    *,
    source: str | None,
    sheet: str | int | None,
    seats: int | None,
    title: str | None,
    **options: Any,
) -> RawElection:
    """The sheet's rows, taken one at a time as they are read (row numbers as lines): blank
    rows before the header skipped, trailing blank cells dropped."""
    if isinstance(data, str):
        raise FormatError("a spreadsheet is read from its bytes, not from text")
    table: TableReader | None = None
    for n, values in enumerate(rows_of(data, sheet, source), 1):
        if n > MAX_ROWS:
            raise BallotFileError(f"the sheet has more than {MAX_ROWS:,} rows", path=source, line=n)
        cells = [cell_text(v) for v in values]
        while cells and not cells[-1].strip():
            cells.pop()
        if table is not None:
            table.row(n, cells)
        elif cells:
            table = TableReader(cells, header_line=n, meta=Particulars(0, source), source=source, **options)
    if table is None:
        raise BallotFileError("the sheet is empty; a ballot sheet starts with a header row", path=source)
    return table.finish(seats=seats, title=title)


def parse_xlsx(
    data: str | bytes,
    *,
    source: str | None = None,
    sheet: str | int | None = None,
    layout: Layout | None = None,
    candidates: CandidateList | None = None,
    rank_columns: Sequence[ColumnRef] | str | None = None,
    id_column: ColumnRef | None = None,
    ignore_columns: Sequence[ColumnRef] | str = (),
    seats: int | None = None,
    title: str | None = None,
) -> RawElection:
    """Read an ``.xlsx`` workbook's sheet as a ballot table (the options as for CSV)."""
    return _parse(
        data,
        _xlsx_rows,
        source=source,
        sheet=sheet,
        layout=layout,
        candidates=candidates,
        rank_columns=rank_columns,
        id_column=id_column,
        ignore_columns=ignore_columns,
        seats=seats,
        title=title,
    )


def parse_ods(
    data: str | bytes,
    *,
    source: str | None = None,
    sheet: str | int | None = None,
    layout: Layout | None = None,
    candidates: CandidateList | None = None,
    rank_columns: Sequence[ColumnRef] | str | None = None,
    id_column: ColumnRef | None = None,
    ignore_columns: Sequence[ColumnRef] | str = (),
    seats: int | None = None,
    title: str | None = None,
) -> RawElection:
    """Read an ``.ods`` spreadsheet's sheet as a ballot table (the options as for CSV)."""
    return _parse(
        data,
        _ods_rows,
        source=source,
        sheet=sheet,
        layout=layout,
        candidates=candidates,
        rank_columns=rank_columns,
        id_column=id_column,
        ignore_columns=ignore_columns,
        seats=seats,
        title=title,
    )


def dumps_spreadsheet(profile: Profile, **options: Any) -> str:
    """Spreadsheets are read, not written: write CSV, which every spreadsheet opens."""
    raise FormatError("votecount reads spreadsheets but does not write them; write a .csv file instead")


__all__ = ["MAX_ROWS", "cell_text", "dumps_spreadsheet", "parse_ods", "parse_xlsx"]
