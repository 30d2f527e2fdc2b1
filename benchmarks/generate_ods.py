"""Write the reader benchmark's OpenDocument spreadsheet (issue 11) into a folder, from a fixed seed.

``lines1m.ods``: the 1,000,000 rows of ``lines1m.csv`` (``generate_csv.py``: 400 distinct
rankings over 12 candidates, the same seed and the same draw) as one sheet laid out as
LibreOffice Calc saves it: a header ``1``...``12`` (numbers), a candidate's name a cell (text),
the blank cells after a short ranking as one repeated cell, and the sheet padded with blank
rows to row 1,048,576 by one repeated row.

    python benchmarks/generate_ods.py /tmp/ods-bench
    python benchmarks/bench_reader.py /tmp/ods-bench
"""

from __future__ import annotations

import random
import sys
import zipfile
from pathlib import Path

from generate_blt import plackett_luce
from generate_csv import CANDIDATES, ROWS  # benchmarks/: the scripts run from this folder

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
)
MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
    f'manifest:media-type="{MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def text_cell(text: str) -> str:
    return (
        '<table:table-cell office:value-type="string" calcext:value-type="string">'
        f"<text:p>{text}</text:p></table:table-cell>"
    )


def number_cell(number: int) -> str:
    return (
        f'<table:table-cell office:value-type="float" office:value="{number}" calcext:value-type="float">'
        f"<text:p>{number}</text:p></table:table-cell>"
    )


def row(cells: list[str], width: int) -> str:
    blank = width - len(cells)
    pad = (
        f'<table:table-cell table:number-columns-repeated="{blank}"/>' if blank > 1 else "<table:table-cell/>"
    )
    return f'<table:table-row table:style-name="ro1">{"".join(cells)}{pad if blank else ""}</table:table-row>'


def main(folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)  # the draw of generate_csv.py, ranking for ranking
    weights = [0.8**k for k in range(CANDIDATES)]
    pool: list[list[int]] = []
    while len(pool) < 400:
        ranking = plackett_luce(rng, weights)[: rng.randint(1, CANDIDATES)]
        if ranking not in pool:
            pool.append(ranking)
    drawn = [rng.choice(pool) for _ in range(ROWS)]
    names = [text_cell(f"C{i + 1}") for i in range(CANDIDATES)]
    lines = {tuple(r): row([names[c] for c in r], CANDIDATES) for r in pool}
    with zipfile.ZipFile(out / "lines1m.ods", "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE)
        archive.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)
        content = zipfile.ZipInfo("content.xml", (2026, 3, 1, 0, 0, 0))
        content.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(content, "w", force_zip64=True) as part:
            part.write(
                f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES} '
                'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Ballots">'
                f"{row([number_cell(k) for k in range(1, CANDIDATES + 1)], CANDIDATES)}".encode()
            )
            for start in range(0, ROWS, 10_000):
                part.write("".join(lines[tuple(r)] for r in drawn[start : start + 10_000]).encode())
            part.write(
                f'<table:table-row table:number-rows-repeated="{1_048_576 - ROWS - 1}">'
                f'<table:table-cell table:number-columns-repeated="{CANDIDATES}"/></table:table-row>'
                "</table:table></office:spreadsheet></office:body></office:document-content>".encode()
            )
    print(f"{ROWS:,} rows of {len({tuple(r) for r in drawn})} distinct rankings in lines1m.ods")


if __name__ == "__main__":
    main(sys.argv[1])
