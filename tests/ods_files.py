"""OpenDocument spreadsheets written for the tests, by hand with zipfile, as LibreOffice lays
them out: a zip whose first entry is the stored mimetype, a manifest, and ``content.xml``
holding one ``table:table`` a sheet, of rows and cells, with repeated blank cells and rows
for the blank space. :func:`write_rows` streams a sheet of any length into the file."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
HEAD = (
    f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES} office:version="1.2">'
    "<office:body><office:spreadsheet>"
)
FOOT = "</office:spreadsheet></office:body></office:document-content>"
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    f'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="{MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
PADDING = (  # LibreOffice's blank rows to the sheet's end
    '<table:table-row table:number-rows-repeated="1048000">'
    '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
)


def cell(value: object, repeat: int = 1) -> str:
    """A cell: a whole number as a float cell, anything else as text, None or "" blank."""
    times = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if value in ("", None):
        return f"<table:table-cell{times}/>"
    if isinstance(value, int):
        kind = f'office:value-type="float" office:value="{value}"'
    else:
        kind = 'office:value-type="string"'
    return f"<table:table-cell {kind}{times}><text:p>{escape(str(value))}</text:p></table:table-cell>"


def row(cells: str | Iterable[object], repeat: int = 1) -> str:
    """A row of ``cells`` (given as XML, or as values), with the blank cells LibreOffice adds."""
    times = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    inner = cells if isinstance(cells, str) else "".join(map(cell, cells))
    pad = '<table:table-cell table:number-columns-repeated="1000"/>'
    return f"<table:table-row{times}>{inner}{pad}</table:table-row>"


def sheet(name: str, rows: str | Iterable[Iterable[object]]) -> str:
    inner = rows if isinstance(rows, str) else "".join(map(row, rows))
    return f"<table:table table:name={quoteattr(name)}>{inner}{PADDING}</table:table>"


def content(*sheets: str) -> bytes:
    return (HEAD + "".join(sheets) + FOOT).encode()


def package(content_xml: bytes, *, mimetype: str = MIMETYPE, manifest: str = MANIFEST) -> bytes:
    """The bytes of an .ods file holding ``content_xml``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        archive.writestr("content.xml", content_xml, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_ods(path: Path, rows: Iterable[Iterable[object]], *, name: str = "Ballots") -> Path:
    """A one-sheet .ods file of ``rows`` (lists of values)."""
    path.write_bytes(package(content(sheet(name, [list(r) for r in rows]))))
    return path


def write_rows(path: Path, rows: Iterable[str]) -> Path:
    """A one-sheet .ods file of ``rows`` (each the XML of a row), streamed into the zip a row
    at a time, so that a sheet of any length is written in little memory."""
    entry = zipfile.ZipInfo("content.xml")
    entry.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE)
        archive.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)
        with archive.open(entry, "w", force_zip64=True) as part:
            part.write((HEAD + '<table:table table:name="Ballots">').encode())
            for text in rows:
                part.write(text.encode())
            part.write((PADDING + "</table:table>" + FOOT).encode())
    return path
