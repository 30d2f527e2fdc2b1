"""Ballots from .xlsx and .ods spreadsheets: the same layouts and column logic as CSV.

The .xlsx files are written here with openpyxl, the library that reads them. The .ods files,
read with the standard library alone, are written here by hand as OpenDocument lays a
spreadsheet out: a zip whose first entry is the mimetype, a manifest, and content.xml holding
a table:table of rows and cells, with the repeated blank columns and rows that LibreOffice
writes after the data (tests/formats/test_ods.py tries the .ods reader on its own).
"""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from form_exports import CANDIDATES, LAYOUTS, RANKINGS, position_columns, voter_choices
from votecount import read
from votecount.errors import BallotFileError, FormatError
from votecount.formats import write
from votecount.formats.spreadsheet import cell_text


def ranked(profile) -> set[tuple[tuple[str, ...], object]]:
    names = [c.name for c in profile.candidates]
    return {(tuple(names[i] for i in b.ranking), b.weight) for b in profile.ballots}


EXPECTED = {(tuple(r), 1) for r in RANKINGS}


def write_xlsx(path: Path, rows: list[list[object]], *, sheet: str = "Form Responses 1") -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = sheet
    for row in rows:
        cover.append(row)
    book.save(path)
    return path


def _ods_cell(value: object) -> str:
    if value in ("", None):
        return "<table:table-cell/>"
    if isinstance(value, int):
        kind = f'office:value-type="float" office:value="{value}"'
    else:
        kind, value = 'office:value-type="string"', escape(str(value))
    return f"<table:table-cell {kind}><text:p>{value}</text:p></table:table-cell>"


def write_ods(path: Path, rows: list[list[object]]) -> Path:
    trailing = '<table:table-cell table:number-columns-repeated="1000"/>'  # as LibreOffice pads
    body = "".join(
        f"<table:table-row>{''.join(map(_ods_cell, row))}{trailing}</table:table-row>" for row in rows
    )
    blank = (  # and the blank rows below, to the sheet's end
        '<table:table-row table:number-rows-repeated="1048000">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Ballots">{body}{blank}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


WRITERS = {"xlsx": write_xlsx, "ods": write_ods}


@pytest.mark.parametrize("kind", sorted(WRITERS))
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_reads_from_a_spreadsheet(tmp_path: Path, kind: str, layout: str) -> None:
    path = WRITERS[kind](tmp_path / f"responses.{kind}", LAYOUTS[layout]())
    profile = read(path)
    assert sorted(c.name for c in profile.candidates) == sorted(CANDIDATES)
    assert ranked(profile) == EXPECTED


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_rows_are_the_sheets_row_numbers_and_ids_are_reported(tmp_path: Path, kind: str) -> None:
    rows = [[], *voter_choices()]  # a blank row above the header, skipped
    rows[3][2:] = ["", "Bob Li", "", ""]  # V101, on the sheet's row 4, skipped a preference
    profile = read(WRITERS[kind](tmp_path / f"ballots.{kind}", rows))
    (problem,) = profile.validation.problems
    assert (problem.line, problem.ballot_id) == (4, "V101")
    titled = [["Ward 3 hustings ballot"], *voter_choices()]  # a title row is taken for the header
    with pytest.raises(BallotFileError) as info:
        read(WRITERS[kind](tmp_path / f"titled.{kind}", titled))
    assert info.value.line == 2 and "row has 6 cells but the header has 1" in info.value.reason


def test_typed_cells_become_the_text_a_person_sees(tmp_path: Path) -> None:
    assert [cell_text(v) for v in (None, 3.0, 2.5, True, 7)] == ["", "3", "2.5", "TRUE", "7"]
    assert cell_text(datetime.datetime(2026, 3, 1, 10, 5)) == "2026-03-01T10:05:00"
    rows = position_columns()
    for k, row in enumerate(rows[1:]):
        row[0] = datetime.datetime(2026, 3, 1, 10, k)  # a real timestamp cell, not text
    rows[0].append("weight")
    for row in rows[1:]:
        row.append(2)
    profile = read(write_xlsx(tmp_path / "typed.xlsx", rows))
    assert {(names, w) for names, w in ranked(profile)} == {(r, 2) for r, _ in EXPECTED}


def test_a_sheet_is_chosen_by_name_or_number(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Instructions"
    book.active.append(["Count the second sheet"])
    answers = book.create_sheet("Answers")
    for row in position_columns():
        answers.append(row)
    book.save(tmp_path / "two.xlsx")
    assert ranked(read(tmp_path / "two.xlsx", sheet="Answers")) == EXPECTED
    assert ranked(read(tmp_path / "two.xlsx", sheet=2)) == EXPECTED
    with pytest.raises(BallotFileError, match="no sheet 'Votes'; the sheets are 'Instructions', 'Answers'"):
        read(tmp_path / "two.xlsx", sheet="Votes")


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_a_file_that_is_not_a_spreadsheet_is_a_located_error(tmp_path: Path, kind: str) -> None:
    if kind == "xlsx":
        pytest.importorskip("openpyxl")
    path = tmp_path / f"fake.{kind}"
    path.write_text("Alice,Bob\n1,2\n")
    with pytest.raises(BallotFileError, match=f"not a readable .{kind} file") as info:
        read(path)
    assert info.value.path == str(path)


def test_spreadsheets_are_read_not_written(tmp_path: Path) -> None:
    profile = read(write_xlsx(tmp_path / "in.xlsx", position_columns()))
    with pytest.raises(FormatError, match=r"write a \.csv file"):
        write(profile, tmp_path / "out.xlsx")
