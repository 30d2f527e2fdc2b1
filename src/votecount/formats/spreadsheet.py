"""Ballots from spreadsheets: ``.xlsx`` (Excel, Google Sheets, LibreOffice) and ``.ods``
(OpenDocument), read with the same column logic as CSV (:mod:`votecount.formats.table`), a
row at a time, so that memory grows with the distinct rows, not with the rows.

- ``.xlsx`` through **openpyxl**, the reference Python library for the format: pure Python,
  maintained for over a decade, read here in its streaming read-only mode with the values
  the cells last held (formulas are not evaluated). It is an optional extra
  (``pip install 'votecount[spreadsheet]'``).
- ``.ods`` with the standard library alone (:mod:`votecount.formats.ods`): the sheet is
  ``content.xml`` in a zip, streamed through the C XML parser a row at a time, its repeated
  rows and cells expanded only where they hold something.

A cell's value becomes the text a person sees: whole numbers without ``.0``, dates and times
in ISO 8601, a blank cell the empty string. The first sheet is read unless ``sheet=`` names
another (by name, or by number from 1); rows before the header that are blank are skipped,
and the file's row numbers are the lines errors and the validation report name. A long read
tells the progress reporter (:mod:`votecount.progress`) the rows read.
"""

from __future__ import annotations

import datetime
import importlib
import io
from collections.abc import Iterable, Iterator, Sequence
from types import ModuleType
from typing import Any

from votecount.errors import BallotFileError, FormatError
from votecount.formats._jsondoc import Particulars
from votecount.formats.columns import ColumnRef, Layout
from votecount.formats.ods import MAX_ROWS, SheetNamedLater, no_sheet
from votecount.formats.ods import rows as ods_rows
from votecount.formats.table import CandidateList, TableReader
from votecount.profile import Profile
from votecount.progress import active
from votecount.validity import RawElection

Rows = Iterable[tuple[int, list[str]]]
"""A sheet's rows that hold something: each its row number and its cells' text, trailing blank
cells left off."""

TELL_EVERY = 4096
"""Rows between two words to the progress reporter."""

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


def _xlsx_rows(data: bytes, sheet: str | int | None, source: str | None) -> Rows:
    openpyxl = _library("openpyxl", ".xlsx files")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, XML errors... for a bad file
        raise BallotFileError(f"not a readable .xlsx file: {exc}", path=source) from exc
    name = _sheet_name(list(book.sheetnames), sheet, source)
    return _texts(_guarded(book[name].iter_rows(min_row=1, values_only=True), source), source)


def _guarded(rows: Iterable[Sequence[Any]], source: str | None) -> Iterator[Sequence[Any]]:
    """``rows`` as openpyxl reads them, lazily in read-only mode, so that a damaged sheet found
    on the way (a shared string that is not there, a cell's value that is not a number) is a
    :class:`BallotFileError` too, not openpyxl's ``IndexError`` or ``ValueError``."""
    try:
        yield from rows
    except Exception as exc:  # openpyxl's own errors, raised by the row that is damaged
        raise BallotFileError(f"not a readable .xlsx file: {exc}", path=source) from exc


def _texts(rows: Iterable[Sequence[Any]], source: str | None) -> Iterator[tuple[int, list[str]]]:
    """openpyxl's rows (every row to the last, blank or not) as :data:`Rows`."""
    for n, values in enumerate(rows, 1):
        if n > MAX_ROWS:
            raise BallotFileError(f"the sheet has more than {MAX_ROWS:,} rows", path=source, line=n)
        cells = [cell_text(v) for v in values]
        while cells and not cells[-1].strip():
            cells.pop()
        if cells:
            yield n, cells


def _sheet_name(names: list[str], sheet: str | int | None, source: str | None) -> str:
    if not names:
        no_sheet(names, sheet, source)
    if sheet is None:
        return names[0]
    if sheet in names:
        return str(sheet)
    text = str(sheet).strip()
    if text.isascii() and text.isdigit() and 1 <= int(text) <= len(names):
        return names[int(text) - 1]
    no_sheet(names, sheet, source)


def _parse(
    rows: Rows, *, source: str | None, seats: int | None, title: str | None, **options: Any
) -> RawElection:
    """The sheet's rows, taken one at a time as they are read (row numbers as lines), the
    first that holds something the header."""
    progress = active()
    what = f"reading {source or 'ballots'}"
    table: TableReader | None = None
    tell = TELL_EVERY
    for n, cells in rows:
        if table is not None:
            table.row(n, cells)
        else:
            table = TableReader(cells, header_line=n, meta=Particulars(0, source), source=source, **options)
        if n >= tell:
            progress.update(what, n)
            tell = n + TELL_EVERY
    if table is None:
        raise BallotFileError("the sheet is empty; a ballot sheet starts with a header row", path=source)
    return table.finish(seats=seats, title=title)


def _bytes(data: str | bytes) -> bytes:
    if isinstance(data, str):
        raise FormatError("a spreadsheet is read from its bytes, not from text")
    return data


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
        _xlsx_rows(_bytes(data), sheet, source),
        source=source,
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
    """Read an ``.ods`` spreadsheet's sheet as a ballot table (the options as for CSV).

    ``sheet="2"`` is the sheet named ``2`` if there is one, else the second: the sheets are
    named as they stream past, so in the rare workbook where a later sheet has the number as
    its name, the file is read again for that sheet."""
    options: dict[str, Any] = {
        "layout": layout,
        "candidates": candidates,
        "rank_columns": rank_columns,
        "id_column": id_column,
        "ignore_columns": ignore_columns,
        "seats": seats,
        "title": title,
    }
    try:
        return _parse(ods_rows(_bytes(data), sheet, source), source=source, **options)
    except SheetNamedLater:
        return _parse(ods_rows(_bytes(data), sheet, source, by_name=True), source=source, **options)


def dumps_spreadsheet(profile: Profile, **options: Any) -> str:
    """Spreadsheets are read, not written: write CSV, which every spreadsheet opens."""
    raise FormatError("votecount reads spreadsheets but does not write them; write a .csv file instead")


__all__ = ["MAX_ROWS", "cell_text", "dumps_spreadsheet", "parse_ods", "parse_xlsx"]
