"""Inputs the coverage-guided fuzzer (fuzz/run.py) found, kept as regression tests.

Each was minimised by the runner; the test says what it did before the fix and checks what it
does now, through the same entry point the fuzz target used.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from votecount.errors import BallotFileError
from votecount.formats import loads
from votecount.formats.cvr import iter_records
from votecount.formats.rctab_config import CvrSource


def test_a_whole_total_made_of_fractional_counts_is_warned_about_not_a_type_error() -> None:
    """soi, 2026-12-03: five counts of .2 and one of 88,888,888,888 make a total that is a
    whole ``Fraction``; the implausible-total warning formatted it with ``,`` and raised
    ``TypeError`` (Fraction has no thousands separator in Python 3.11)."""
    data = b"#\n#NUMBER ALTERNATIVES:5\n.2:\n.2:\n.2:\n.2:\n.2:\n88888888888:"
    profile = loads(data, "soi")
    report = profile.validation
    assert report is not None and report.read == 88_888_888_889
    assert report.set_aside == report.read  # every line names no alternative: blank papers
    assert [w.code for w in report.warnings] == ["implausible-total"]
    assert "88,888,888,889 papers in all" in str(report.warnings[0])


def _zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_cell_naming_a_shared_string_that_is_not_there_is_a_ballot_file_error() -> None:
    """xlsx, 2026-12-03: a sheet whose cell ``t="s"`` points past the shared strings made
    openpyxl raise ``IndexError`` while the rows were read (lazily, in read-only mode), after
    votecount's guard around opening the workbook."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["1st choice", "2nd choice"])
    book.active.append(["Ann", "Bob"])
    out = io.BytesIO()
    book.save(out)
    with zipfile.ZipFile(out) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert b'<c r="A2" t="inlineStr"><is><t>Ann</t></is></c>' in sheet  # openpyxl writes no shared strings
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        b'<c r="A2" t="inlineStr"><is><t>Ann</t></is></c>', b'<c r="A2" t="s"><v>5</v></c>'
    )
    with pytest.raises(BallotFileError, match=r"not a readable \.xlsx file"):
        loads(_zipped(parts), "xlsx")


ODS_MANIFEST = (
    b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    b'<manifest:file-entry manifest:full-path="/" '
    b'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'
)


def _ods(content: bytes) -> bytes:
    return _zipped(
        {
            "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": content,
            "META-INF/manifest.xml": ODS_MANIFEST,
        }
    )


def test_an_ods_whose_content_is_not_well_formed_is_refused() -> None:
    """ods, 2026-12-03: a ``content.xml`` that ends inside a table, minimised by hand from the
    fuzzer's hangs to ``<table:table table:name="B">``, made python-calamine 0.9.1 loop without
    end while opening the workbook. The reader that replaced calamine streams the part through
    the standard library's parser, which names the place where it is not well-formed: here the
    prefix no namespace was declared for and, declared, the end that comes too soon."""
    with pytest.raises(BallotFileError, match=r"content\.xml: unbound prefix: line 1, column 0"):
        loads(_ods(b'<table:table table:name="B">'), "ods")
    declared = b'<table:table xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" table:name="B">'
    ended = rf"content\.xml: no element found: line 1, column {len(declared)}"
    with pytest.raises(BallotFileError, match=ended):
        loads(_ods(declared), "ods")


@pytest.mark.parametrize(
    ("declared", "error"),
    [("F", "unknown encoding: F"), ("UTF-7", "multi-byte encodings are not supported")],
)
def test_an_ods_content_in_an_encoding_expat_cannot_read_is_a_ballot_file_error(
    declared: str, error: str
) -> None:
    """ods, 2026-12-03 (found in the check above, the day it was added): a ``content.xml``
    declaring an encoding Python does not know made expat raise ``LookupError``; one declaring
    UTF-7 made it raise ``ValueError``, which the check passed on to calamine, so that such a
    part ending inside a table still hung it (eighteen of the fuzzer's hangs on .ods)."""
    content = f'<?xml version="1.0" encoding="{declared}"?><table:table table:name="B">'.encode()
    with pytest.raises(BallotFileError, match=rf"content\.xml: {error}"):
        loads(_ods(content), "ods")


@pytest.mark.parametrize(
    ("declared", "error"),
    [("F", "unknown encoding: F"), ("U7", "multi-byte encodings are not supported")],
)
def test_a_cast_vote_record_xml_in_an_encoding_expat_cannot_read_is_refused(
    tmp_path: Path, declared: str, error: str
) -> None:
    """ess (the workbook's shared strings) and every XML reader, 2026-12-03: an XML part
    declaring an encoding Python does not know (``F``) or a multi-byte one expat cannot read
    (``U7``, Python's name for UTF-7) raised ``LookupError`` or ``ValueError`` from the parser,
    which the readers' ``except ParseError`` let through. Read here as a Hart record."""
    folder = tmp_path / "hart"
    folder.mkdir()
    (folder / "record.xml").write_bytes(f'<?xml version="" encoding="{declared}"?><Cvr/>'.encode())
    source = CvrSource("hart", folder, str(folder), contest_id="c")
    with pytest.raises(BallotFileError, match=rf"not a readable Hart record: .*{error}"):
        list(iter_records(source))
