"""Fuzz targets for the readers of files that are not one stream of text: spreadsheets and
the US cast-vote-record exports, which the readers take from a path (a file or a folder).

Each target turns the fuzzer's bytes into the files the reader expects, in a temporary folder
made once per process, and reads them as votecount reads them:

``xlsx`` and ``ods`` (ballot spreadsheets), ``ess`` (an ES&S workbook)
    The bytes are the workbook's parts that hold the cells, split at :data:`SEP`: the first
    sheet and the shared strings (``xl/worksheets/sheet1.xml``, ``xl/sharedStrings.xml``) of
    an .xlsx, the ``content.xml`` of an .ods. The target zips them with the other parts of a
    template workbook, so that the fuzzer spends its effort on the XML the readers parse, not
    on ZIP checksums that the standard library checks before any votecount code runs (the
    hypothesis tests in ``tests/formats/test_fuzz_cvr.py`` give the whole file's bytes).
``dominion``
    ``ContestManifest.json`` and ``CvrExport.json``, split at :data:`SEP`.
``dominion-multi``
    A split export: ``ContestManifest.json``, then each part after it becomes
    ``CvrExport_<n>.json`` (n = 1, 2, ...), the files RCTab reads in the order of their names.
``hart``
    One Hart XML record, the only file of the source's folder.
``clearballot``, ``generic-csv``, ``cdf-json``, ``nist-xml``, ``unisyn``
    The source's one file (Clear Ballot CSV, RCTab's generic CSV, NIST CDF JSON, NIST CDF XML,
    a Unisyn CDF XML export).

The cast-vote-record targets read a whole contest (:func:`~votecount.formats.cvr.rctab.read_contest`,
which maps every record to a paper) with the configuration of one of RCTab's tests from
``../shared/data/rctab``, its one source pointed at the fuzzed file; they need that folder.
The seeds are RCTab's own test files (cut to a few records where a file is large) and, for the
ballot spreadsheets, small workbooks written here.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

RCTAB = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "rctab"
SEP = b"\n--votecount-fuzz-part--\n"
"""Where the fuzzer's bytes split into the parts of a multi-file input."""

# Each cast-vote-record target: the RCTab test configuration it reads with (relative to
# ../shared/data/rctab) and the real files its seeds come from.
CONFIGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "ess": (
        "sample_interactive_tiebreak/sample_interactive_tiebreak_config.json",
        (
            "_shared/simple_ess_cvr.xlsx",
            "_shared/simple_sequential_cvr.xlsx",
            "_shared/bottoms_up_cvr.xlsx",
            "_shared/tiebreak_cvr.xlsx",
        ),
    ),
    "dominion": (
        "dominion_alaska/dominion_alaska_config.json",
        ("_shared/dominion_alaska/alaska_input_data",),
    ),
    "dominion-multi": (
        "dominion_multi_file/dominion_multi_file_config.json",
        ("dominion_multi_file/dominion_multi_file_input_data",),
    ),
    "hart": (
        "hart_travis_county_officers/hart_travis_county_officers_config.json",
        (
            "_shared/hart_cvr_archive/df008bec-2c95-4bd7-b6fb-451f15f0a679.xml",
            "_shared/hart_cvr_archive/1_d47ab934-ac1d-4021-b2e6-78bce1b89415.xml",
            "_shared/hart_cvr_archive/1_0e4cb797-392c-4e64-9034-94694bf97419.xml",
            "_shared/hart_cvr_archive/04917dca-3f9e-440e-a41a-98dc5e57376e.xml",
        ),
    ),
    "clearballot": (
        "clear_ballot_kansas_primary/clear_ballot_kansas_primary_config.json",
        (
            "clear_ballot_kansas_primary/clear_ballot_kansas_primary.cvr.csv",
            "clear_ballot_with_inline_comma/clear_ballot_with_inline_comma_cvr.csv",
        ),
    ),
    "generic-csv": (
        "generic_csv_test/generic_csv_test_config.json",
        (
            "generic_csv_test/generic_csv_test_cvr.csv",
            "max_ranking_enforcement/max_ranking_enforcement_cvr.csv",
            "csv_missing_header_test/csv_missing_header_test_cvr.csv",
        ),
    ),
    "cdf-json": (
        "aliases_cdf_json/aliases_cdf_json_config.json",
        ("_shared/cdf_json/cdf_json_file1_cvr.json",),
    ),
    "nist-xml": ("nist_xml_cdf_2/nist_xml_cdf_2_config.json", ("nist_xml_cdf_2/nist_xml_cdf_2.xml",)),
    "unisyn": (
        "unisyn_xml_cdf_city_coroner/unisyn_xml_cdf_city_coroner_config.json",
        ("unisyn_cvrs/101-RCV-CVT_TEST_3_UNIOVS2103-2.xml",),
    ),
}
FILE_NAMES = {
    "ess": "cvr.xlsx",
    "clearballot": "cvr.csv",
    "generic-csv": "cvr.csv",
    "cdf-json": "cvr.json",
    "nist-xml": "cvr.xml",
    "unisyn": "cvr.xml",
}
"""The file each single-file target writes (the CDF reader goes by the extension)."""
FOLDERS = ("dominion", "dominion-multi", "hart")
SHEET, STRINGS = "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"
ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"
ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
    f'manifest:media-type="{ODS_MIME}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
BALLOT_SHEETS: tuple[list[list[object]], ...] = (
    [["id", "1st choice", "2nd choice", "3rd choice"], ["v1", "Ann", "Bob", ""], ["v2", "Cat", "", "Ann"]],
    [
        ["Voter", "Ann", "Bob", "Cat"],
        ["v1", 1, 2, None],
        ["v2", 2, 1, 3],
        ["v3", "1st choice", None, "2nd choice"],
    ],
    [["Ann", "Bob", "Cat", "count"], ["X", None, None, 3], [None, "x", "X", 1]],
)
"""Small ballot sheets in each layout (preferences, ranks, marks) for the spreadsheet seeds."""


def cut_records(data: bytes, start: bytes, end: bytes, keep: int) -> bytes:
    """``data`` with only its first ``keep`` records, a record running from a match of the
    pattern ``start`` to the next match of ``end``, and the text after the last record kept."""
    begins = [m.start() for m in re.finditer(start, data)]
    ends = [m.end() for m in re.finditer(end, data)]
    if len(begins) <= keep or not ends:
        return data
    return data[: begins[keep]] + data[ends[-1] :]


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data, zipfile.ZIP_STORED)
    return out.getvalue()


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _split(data: bytes, parts: int) -> list[bytes]:
    """``data`` split at :data:`SEP` into ``parts`` pieces (missing ones empty)."""
    pieces = data.split(SEP, parts - 1)
    return pieces + [b""] * (parts - len(pieces))


def _xlsx_template(rows: list[list[object]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Ballots"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _ods_content(rows: list[list[object]]) -> bytes:
    def cell(value: object) -> str:
        if value in ("", None):
            return "<table:table-cell/>"
        kind = f'"float" office:value="{value}"' if isinstance(value, int) else '"string"'
        return f"<table:table-cell office:value-type={kind}><text:p>{value}</text:p></table:table-cell>"

    body = "".join(f"<table:table-row>{''.join(map(cell, row))}</table:table-row>" for row in rows)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Ballots">{body}'
        '<table:table-row table:number-rows-repeated="3">'
        '<table:table-cell table:number-columns-repeated="4"/>'
        "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"
    ).encode()


def ods_file(content: bytes) -> bytes:
    """An .ods file whose ``content.xml`` is ``content``."""
    return _zip(
        {
            "mimetype": ODS_MIME.encode(),
            "content.xml": content,
            "META-INF/manifest.xml": ODS_MANIFEST.encode(),
        }
    )


def xlsx_file(template: dict[str, bytes], data: bytes) -> bytes:
    """The ``template`` workbook with its first sheet and shared strings from ``data``."""
    sheet, strings = _split(data, 2)
    return _zip({**template, SHEET: sheet, STRINGS: strings})


def xlsx_parts(workbook: bytes) -> bytes:
    """The fuzz input that :func:`xlsx_file` turns back into ``workbook``'s cells."""
    members = _members(workbook)
    return members.get(SHEET, b"") + SEP + members.get(STRINGS, b"")


def spreadsheet_targets() -> dict[str, Callable[[bytes], Any]]:
    """The ballot-spreadsheet targets, reading with :func:`votecount.formats.loads`."""
    from votecount.formats import loads

    template = _members(_xlsx_template(list(BALLOT_SHEETS[0])))
    return {
        "xlsx": lambda data: loads(xlsx_file(template, data), "xlsx"),
        "ods": lambda data: loads(ods_file(data), "ods"),
    }


def spreadsheet_seeds(target: str) -> list[bytes]:
    """Small ballot sheets in every layout, as the target's parts."""
    if target == "ods":
        return [_ods_content(rows) for rows in BALLOT_SHEETS]
    found = [xlsx_parts(_xlsx_template(rows)) for rows in BALLOT_SHEETS]
    return found + [
        xlsx_parts((RCTAB / name).read_bytes()) for name in CONFIGS["ess"][1] if (RCTAB / name).is_file()
    ]


def _write(target: str, folder: Path, data: bytes, template: dict[str, bytes]) -> None:
    """Lay ``data`` out in ``folder`` as the files of ``target``'s source."""
    for old in folder.iterdir():
        old.unlink()
    if target == "ess":
        (folder / FILE_NAMES[target]).write_bytes(xlsx_file(template, data))
    elif target == "hart":
        (folder / "record.xml").write_bytes(data)
    elif target in ("dominion", "dominion-multi"):
        manifest, *exports = data.split(SEP)
        (folder / "ContestManifest.json").write_bytes(manifest)
        if target == "dominion":
            (folder / "CvrExport.json").write_bytes(SEP.join(exports))
        else:
            for n, export in enumerate(exports or [b""], start=1):
                (folder / f"CvrExport_{n}.json").write_bytes(export)
    else:
        (folder / FILE_NAMES[target]).write_bytes(data)


def cvr_target(target: str) -> Callable[[bytes], Any]:
    """The reader of ``target``: its RCTab configuration, its source at the fuzzed files."""
    import attrs

    from votecount.formats.cvr.rctab import read_contest
    from votecount.formats.rctab_config import load_rctab_config

    config_name, originals = CONFIGS[target]
    if not (RCTAB / config_name).is_file():
        raise SystemExit(f"the {target} target needs {RCTAB / config_name} (../shared/data)")
    config = load_rctab_config(RCTAB / config_name)
    work = Path(tempfile.mkdtemp(prefix=f"votecount-fuzz-{target}-"))
    folder = work / "source"
    folder.mkdir()
    path = folder if target in FOLDERS else folder / FILE_NAMES[target]
    config = attrs.evolve(config, sources=(attrs.evolve(config.sources[0], path=path),))
    template = _members((RCTAB / originals[0]).read_bytes()) if target == "ess" else {}

    def read(data: bytes) -> Any:
        _write(target, folder, data, template)
        return read_contest(config)

    return read


def _dominion_seeds(folder: Path, multi: bool, contest: str) -> Iterator[bytes]:
    """The manifest and the first two exports, each cut to two sessions whose cards keep
    only the contest counted and one other."""
    manifest = (folder / "ContestManifest.json").read_bytes()
    exports = sorted(p for p in folder.iterdir() if p.name.startswith("CvrExport"))
    documents = [json.loads(p.read_bytes()) for p in exports[:2]]
    for doc in documents:
        doc["Sessions"] = doc["Sessions"][:2]
        for session in doc["Sessions"]:
            for ballot in (session.get("Original"), session.get("Modified")):
                for card in (ballot or {}).get("Cards", ()):
                    contests = card.get("Contests", [])
                    card["Contests"] = contests[:1] + [c for c in contests[1:] if str(c.get("Id")) == contest]
    texts = [json.dumps(doc, separators=(",", ":")).encode() for doc in documents]
    yield manifest + SEP + SEP.join(texts if multi else texts[:1])


def cvr_seeds(target: str) -> list[bytes]:
    """RCTab's test files for ``target``, large ones cut to their first few records."""
    found: list[bytes] = []
    for name in CONFIGS[target][1]:
        path = RCTAB / name
        if not path.exists():
            continue
        if target in ("dominion", "dominion-multi"):
            contest = json.loads((RCTAB / CONFIGS[target][0]).read_bytes())["cvrFileSources"][0]["contestId"]
            found.extend(_dominion_seeds(path, target == "dominion-multi", str(contest)))
        elif target == "ess":
            found.append(xlsx_parts(path.read_bytes()))
        elif target in ("nist-xml", "unisyn"):
            found.append(cut_records(path.read_bytes(), rb"<(?:\w+:)?CVR[ >]", rb"</(?:\w+:)?CVR>", 1))
        elif target == "cdf-json":
            doc = json.loads(path.read_bytes())
            doc["CVR"] = doc["CVR"][:4]
            found.append(json.dumps(doc, separators=(",", ":")).encode())
        elif target == "clearballot":
            found.append(b"\n".join(path.read_bytes().split(b"\n")[:12]) + b"\n")
        else:
            found.append(path.read_bytes())
    return found


CVR_TARGETS = tuple(CONFIGS)
SPREADSHEET_TARGETS = ("xlsx", "ods")
