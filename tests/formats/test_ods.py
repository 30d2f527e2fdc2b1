""".ods sheets read with the standard library, a row at a time: repeats, values, sheets,
hostile files, memory and progress.

Each sheet is written here by hand (tests/ods_files.py) so that the rows the reader must give
can be read off the XML: a row repeated three times is three rows, a blank row repeated a
million times is nothing.
"""

from __future__ import annotations

import re
import tracemalloc
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ods_files import MANIFEST, cell, content, package, row, sheet, write_rows
from votecount import read
from votecount.errors import BallotFileError
from votecount.formats import loads, ods, spreadsheet
from votecount.formats.ods import MAX_ROW_BYTES, rows
from votecount.formats.ods_cells import MAX_COLUMNS
from votecount.progress import reporting


def sheet_rows(*sheets: str, which: str | int | None = None) -> list[tuple[int, list[str]]]:
    return list(rows(package(content(*sheets)), which, "t.ods"))


def ranked(profile) -> dict[tuple[str, ...], object]:
    names = [c.name for c in profile.candidates]
    return {tuple(names[i] for i in b.ranking): b.weight for b in profile.ballots}


def test_repeated_rows_and_cells_are_expanded_where_they_hold_something() -> None:
    body = (
        row(["1", "2"])
        + row(
            '<table:table-cell office:value-type="string" table:number-columns-repeated="3">'
            "<text:p>x</text:p></table:table-cell>"
            '<table:table-cell table:number-columns-repeated="2"/>'
            '<table:table-cell office:value-type="float" office:value="7"/>',
            repeat=2,
        )
        + '<table:table-row table:number-rows-repeated="5"><table:table-cell/></table:table-row>'
        + row(cell("c").replace("table:table-cell", "table:covered-table-cell"))
    )
    # row 1; rows 2-3 the repeated row; rows 4-8 blank; row 9 a covered cell; then the padding
    assert sheet_rows(sheet("S", body)) == [
        (1, ["1", "2"]),
        (2, ["x", "x", "x", "", "", "7"]),
        (3, ["x", "x", "x", "", "", "7"]),
        (9, ["c"]),
    ]


def test_a_repeated_row_is_that_many_papers_on_their_own_lines(tmp_path: Path) -> None:
    body = row(["1", "2"]) + row(["Ann", "Bob"], repeat=4) + row(["Bob"])
    (tmp_path / "r.ods").write_bytes(package(content(sheet("Ballots", body))))
    profile = read(tmp_path / "r.ods")
    assert ranked(profile) == {("Ann", "Bob"): 4, ("Bob",): 1}  # rows 2-5, and row 6
    assert profile.validation.lines == 5


def test_values_are_the_text_a_person_sees() -> None:
    def one(attributes: str, inner: str = "") -> str:
        return f"<table:table-cell {attributes}>{inner}</table:table-cell>"

    cells = "".join(
        [
            one('office:value-type="float" office:value="3.0"'),
            one('office:value-type="percentage" office:value="0.25"'),
            one('office:value-type="date" office:date-value="2026-03-01T10:05:00"'),
            one('office:value-type="date" office:date-value="2026-03-01"'),
            one('office:value-type="time" office:time-value="PT10H05M30.5S"'),
            one('office:value-type="boolean" office:boolean-value="true"'),
            one('office:value-type="string" office:string-value="said"', "<text:p>shown</text:p>"),
            one(
                'office:value-type="string"',
                '<text:p>a<text:s text:c="2"/>b<text:span>c</text:span><text:tab/>d</text:p>'
                "<text:p>e<text:line-break/>f &amp; g</text:p>"
                "<office:annotation><text:p>a comment</text:p></office:annotation>",
            ),
            one("", "<text:p>no value type: blank</text:p>"),
            one('office:value="7"', "<text:p>no value type but a value</text:p>"),
            one('office:value-type="string"', "<text:p>last</text:p>"),
        ]
    )
    assert sheet_rows(sheet("S", row(cells))) == [
        (
            1,
            [
                "3",
                "0.25",
                "2026-03-01T10:05:00",
                "2026-03-01",
                "10:05:30.500000",
                "TRUE",
                "said",
                "a  bc\td\ne\nf & g",
                "",
                "7",
                "last",
            ],
        ),
    ]


def test_a_sheet_is_chosen_by_name_or_number() -> None:
    first, second = sheet("Intro", [["read the second"]]), sheet("Answers", [["A"], ["1"]])
    assert sheet_rows(first, second) == [(1, ["read the second"])]
    assert sheet_rows(first, second, which="Answers") == [(1, ["A"]), (2, ["1"])]
    assert sheet_rows(first, second, which=2) == sheet_rows(first, second, which="2")
    with pytest.raises(BallotFileError, match="no sheet 'Votes'; the sheets are 'Intro', 'Answers'"):
        sheet_rows(first, second, which="Votes")
    with pytest.raises(BallotFileError, match="the spreadsheet has no sheets"):
        sheet_rows()


def test_a_sheet_named_by_a_number_comes_before_the_sheet_of_that_number(tmp_path: Path) -> None:
    """As in the .xlsx reader: ``--sheet 1`` is the sheet named "1" wherever it stands; the
    sheets are met as the file streams, so the reader goes back for it."""
    ballots = [["1", "2"], ["Ann", "Bob"]]
    tail = [["1", "2"], ["Bob", "Ann"]]
    path = tmp_path / "named.ods"
    path.write_bytes(package(content(sheet("Ballots", ballots), sheet("1", tail))))
    assert ranked(read(path, sheet="1")) == {("Bob", "Ann"): 1}
    assert ranked(read(path, sheet=1)) == {("Ann", "Bob"): 1}  # a number given as a number
    assert ranked(read(path, sheet="2")) == {("Bob", "Ann"): 1}


def test_the_padding_costs_nothing_but_a_huge_repeat_that_holds_something_is_refused() -> None:
    """Blank rows and cells repeated beyond any sheet are counted, not expanded; one that
    holds something may reach row 1,048,576 and column 16,384, no further."""
    blank = (
        '<table:table-row table:number-rows-repeated="999999999999999999999">'
        "<table:table-cell/></table:table-row>"
    )
    assert sheet_rows(sheet("S", row(["A"]) + blank)) == [(1, ["A"])]
    with pytest.raises(BallotFileError, match="more than 1,048,576 rows") as info:
        sheet_rows(sheet("S", row(["A"]) + row(["B"], repeat=2_000_000)))
    assert info.value.line == 1_048_577
    with pytest.raises(BallotFileError, match="more than 1,048,576 rows"):
        sheet_rows(sheet("S", row(["A"]) + blank + row(["B"])))
    with pytest.raises(BallotFileError, match="past column 16,384") as info:
        sheet_rows(sheet("S", row(["A"]) + row(cell("") + cell("x", repeat=MAX_COLUMNS))))
    assert info.value.line == 2
    with pytest.raises(BallotFileError, match="past column 16,384"):
        sheet_rows(sheet("S", row(cell("", repeat=100_000_000_000) + cell(1))))
    spaces = '<text:p><text:s text:c="99999999"/></text:p>'
    with pytest.raises(BallotFileError, match="more than 1,048,576 characters"):
        sheet_rows(
            sheet("S", row(f'<table:table-cell office:value-type="string">{spaces}</table:table-cell>'))
        )
    with pytest.raises(BallotFileError, match="number of rows repeated, '-3', is not a whole number") as info:
        sheet_rows(sheet("S", row(["A"]) + '<table:table-row table:number-rows-repeated="-3"/>'))
    assert info.value.line == 2


@pytest.mark.parametrize(
    ("xml", "reason"),
    [
        (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]><d>&a;</d>', "document type"),
        (
            content(sheet("S", row(["A"]))).replace(b"<text:p>A", b"<text:p>A" + b"y" * (3 * MAX_ROW_BYTES)),
            "takes more than 1,048,576 bytes|without an element",
        ),
        (
            content(sheet("S", row(["A"]) + row("<table:table-cell/><text:p>loose</text:p>"))),
            "where only cells belong",
        ),
        (
            content(sheet("S", row(["A"]) + "<table:table-row>text<table:table-cell/></table:table-row>")),
            "text outside its cells",
        ),
        (
            content(sheet("S", row('<table:table-cell office:value-type="float" office:value="1,5"/>'))),
            "office:value '1,5' is not a number",
        ),
        (b"<a>" * 100, "nests elements more than 64 deep"),
    ],
    ids=["doctype", "huge-text", "element-in-row", "text-in-row", "not-a-number", "deep"],
)
def test_a_hostile_or_damaged_content_is_a_located_error(xml: bytes, reason: str) -> None:
    with pytest.raises(BallotFileError, match=reason) as info:
        list(rows(package(xml), None, "t.ods"))
    assert info.value.path == "t.ods"


def test_a_package_that_is_not_an_ods_spreadsheet_says_why() -> None:
    good = package(content(sheet("S", [["A"], ["B"]])))
    cases = {
        package(
            content(sheet("S", [["A"]])), mimetype="application/vnd.oasis.opendocument.text"
        ): "not an OpenDocument spreadsheet",
        package(
            content(sheet("S", [["A"]])),
            manifest=MANIFEST.replace(
                "</manifest:manifest>", "<manifest:encryption-data/></manifest:manifest>"
            ),
        ): "protected by a password",
        good.replace(b"content.xml", b"content.xmm"): "holds no content.xml",
        b"Alice,Bob\n1,2\n": "File is not a zip file",
    }
    for data, reason in cases.items():
        with pytest.raises(BallotFileError, match=reason):
            loads(data, "ods", source="t.ods")


def test_a_file_cut_short_or_damaged_anywhere_is_refused() -> None:
    """Cut at every 97th byte, or with one byte of the compressed sheet changed: each is a
    BallotFileError (a zip's directory is at its end, and the part's checksum is checked
    when it has been read), never a sheet read in part."""
    data = package(content(sheet("S", [["1", "2"], *[["Ann", "Bob"]] * 50, ["Bob", "Ann"]])))
    for end in range(0, len(data), 97):
        with pytest.raises(BallotFileError):
            loads(data[:end], "ods", source="t.ods")
    start = data.index(b"content.xml") + len("content.xml")
    for at in range(start + 40, start + 300, 13):
        damaged = data[:at] + bytes([data[at] ^ 0x55]) + data[at + 1 :]
        with pytest.raises(BallotFileError):
            loads(damaged, "ods", source="t.ods")


def _ballot_rows(count: int) -> list[str]:
    pool = [["Ann", "Bob", "Cat"], ["Bob", "Cat"], ["Cat", "Ann"], ["Ann"], ["Bob", "Ann", "Cat"]]
    return [row(["1", "2", "3"])] + [row(pool[k % len(pool)]) for k in range(count)]


def _peak_reading(path: Path) -> int:
    """The peak of memory allocated reading the sheet (from its bytes, read beforehand)."""
    data = path.read_bytes()
    tracemalloc.start()
    try:
        profile = loads(data, "ods", source=str(path))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        assert profile.unique_ballots == 5


def test_memory_grows_with_the_distinct_rankings_not_the_rows(tmp_path: Path) -> None:
    """Ten times the rows of the same five rankings: the peak grows by the line numbers kept
    (four bytes a row) and little else; a sheet held whole would hold a list and a string a
    cell, over a hundred bytes a row."""
    small = _peak_reading(write_rows(tmp_path / "small.ods", _ballot_rows(500)))
    large = _peak_reading(write_rows(tmp_path / "large.ods", _ballot_rows(5_000)))
    assert large - small < 4_500 * 16
    assert large < 2 * 2**20


@attrs.define
class Recorder:
    told: list[tuple[str, int | None]] = attrs.field(factory=list)

    def update(self, what: str, done: int | None = None, total: int | None = None) -> None:
        self.told.append((what, done))

    def finish(self) -> None:
        return None


def test_reading_a_long_sheet_reports_the_rows_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Like the CSV reader: the rows read so far, every few thousand rows (here every hundred),
    naming the file; .ods and .xlsx alike."""
    monkeypatch.setattr(spreadsheet, "TELL_EVERY", 100)
    paths = [write_rows(tmp_path / "long.ods", _ballot_rows(300))]
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for values in [["1", "2", "3"], *[["Ann", "Bob"]] * 300]:
        book.active.append(values)
    book.save(tmp_path / "long.xlsx")
    paths.append(tmp_path / "long.xlsx")
    for path in paths:
        recorder = Recorder()
        with reporting(recorder):
            assert read(path).total_weight == 300
        assert {what for what, _ in recorder.told} == {f"reading {path}"}
        done = [n for _, n in recorder.told]
        assert done == [100, 200, 300]  # of rows 1 to 301


TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
PIECES = {
    "plain": row(["Ann", "Bob"]),
    "repeated": row(["Bob"], repeat=3),
    "blank": '<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>',
    "self-closed": "<table:table-row/>",
    "spaced end": row(["Cat"])[: -len("</table:table-row>")] + "</table:table-row >",
    "pretty": "\n  " + row(["Dan"]).replace("><", ">\n    <") + "\n",
    "comment between": "<!-- a <table:table-row><table:table-cell/></table:table-row> -->",
    "comment inside": row(["Eve"]).replace("<text:p>", "<!-- </table:table-row> --><text:p>"),
    "cdata inside": row(["Fay"]).replace("Fay", "<![CDATA[Fay</table:table-row>]]>"),
    "group": f"<table:table-row-group>{row(['Gus'])}{row(['Hal'])}</table:table-row-group>",
    "header rows": f"<table:table-header-rows>{row(['Ivy'])}</table:table-header-rows>",
    "other prefix": f'<t:table-row xmlns:t="{TABLE_NS}"><t:table-cell office:value-type="string">'
    "<text:p>Jon</text:p></t:table-cell></t:table-row>",
    "prefix taken": '<table:table-row xmlns:table="urn:elsewhere"><table:table-cell/></table:table-row>',
    "sub-table": row(
        '<table:table-cell office:value-type="string"><text:p>Kim</text:p>'
        f"<table:table>{row(['not a sheet row'])}</table:table></table:table-cell>"
    ),
    "stand-in's name": "<votecount-row/>" + row(["Lee"]),
    "processing instruction": "<?pi <table:table-row> ?>" + row(["Max"]),
}


@pytest.mark.parametrize("second", sorted(PIECES))
def test_rows_cut_from_the_text_are_the_rows_the_parser_builds(second: str) -> None:
    """The rows looked up by their text are those the parser gives, whatever stands around
    them: each piece after every other, in a second sheet, between rows met before."""
    for first, piece in PIECES.items():
        body = row(["1", "2"]) + PIECES["plain"] + piece + PIECES["plain"] + PIECES[second] + PIECES["plain"]
        data = package(content(sheet("Cover", [["x"]]), sheet("Ballots", body)))
        try:
            expected = list(rows(data, "Ballots", "t.ods", cut=False))
        except BallotFileError as exc:
            with pytest.raises(BallotFileError) as info:
                list(rows(data, "Ballots", "t.ods"))
            assert (info.value.reason, info.value.line) == (exc.reason, exc.line), (first, second)
            continue
        assert list(rows(data, "Ballots", "t.ods")) == expected, (first, second)


def test_a_sheet_whose_rows_all_differ_is_read_the_same_when_the_parser_takes_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A timestamp on every row: after FEW_REPEATS rows not met before (4,096; 50 here) the
    parser builds the rest; the rows are those it gives on its own, before and after."""
    monkeypatch.setattr(ods, "FEW_REPEATS", 50)
    body = [row(["Time", "1", "2"])] + [
        row([f"10:{k // 60:02d}:{k % 60:02d}", "Ann", "Bob"]) for k in range(300)
    ]
    data = package(content(sheet("S", "".join(body))))
    cut = list(rows(data, None, "t.ods"))
    assert cut == list(rows(data, None, "t.ods", cut=False))
    assert len(cut) == 301 and cut[-1] == (301, ["10:04:59", "Ann", "Bob"])  # k = 299: 4 min 59 s


def test_an_error_in_a_part_whose_rows_were_cut_names_the_files_own_column() -> None:
    """The parser saw the part without the rows cut from it, so the part is read again whole
    to say where the file itself is damaged."""
    xml = content(sheet("S", row(["1"]) + row(["Ann"]) * 3 + "<table:table-row><oops></table:table-row>"))
    wrong = xml.index(b"</table:table-row>", xml.index(b"<oops>"))
    with pytest.raises(BallotFileError, match=r"mismatched tag: line 1, column (\d+)$") as info:
        list(rows(package(xml), None, "t.ods"))
    found = re.search(r"column (\d+)$", info.value.reason)
    assert found and wrong <= int(found[1]) < wrong + len("</table:table-row>")  # expat counts from 0
    with pytest.raises(BallotFileError) as whole:
        list(rows(package(xml), None, "t.ods", cut=False))
    assert (whole.value.reason, whole.value.line) == (info.value.reason, info.value.line)
    assert info.value.line == 5


def test_a_part_in_another_encoding_is_read_by_the_parser_whole() -> None:
    """Rows are cut and parsed on their own in UTF-8 only; a part declaring Latin-1 is read
    by the parser, which decodes it as declared."""
    xml = (
        content(sheet("S", [["1", "2"], ["Renée", "Zoë"]]))
        .decode()
        .replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    )
    assert list(rows(package(xml.encode("latin-1")), None, "t.ods")) == [
        (1, ["1", "2"]),
        (2, ["Renée", "Zoë"]),
    ]


EVERY_PIECE = content(
    sheet("Cover", [["x"]]),
    sheet("Ballots", row(["1", "2"]) + "".join(PIECES.values()) + PIECES["plain"] * 3),
)
TOKENS = [
    b"<table:table-row>", b"</table:table-row>", b"<table:table-row/>", b"<!--", b"-->", b"<![CDATA[", b"]]>",
    b"<?x ", b"?>", b'xmlns:table="urn:x"', b"<votecount-row/>", b'table:number-rows-repeated="3"',
    b"<table:table-cell/>", b"<text:p>", b"</text:p>", b"<table:table-row-group>",
    b"</table:table-row-group>", b'<table:table table:name="Ballots">', b"</table:table>",
    b" ", b">", b"<", b'"', b"/",
]  # fmt: skip


def _outcome(data: bytes, *, cut: bool) -> object:
    try:
        return list(rows(data, "Ballots", "t.ods", cut=cut))
    except BallotFileError as exc:
        return exc.reason, exc.line


@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(EVERY_PIECE)), st.sampled_from(TOKENS) | st.integers(1, 40)),
        min_size=1,
        max_size=4,
    )
)
def test_damaged_sheets_read_the_same_cut_or_built_by_the_parser(
    edits: list[tuple[int, bytes | int]],
) -> None:
    """Row tags, comments, CDATA, namespace declarations and stand-ins put anywhere, or bytes
    taken out: the rows cut from the text are the rows the parser builds, or the error is the
    same, at the same line."""
    text = bytearray(EVERY_PIECE)
    for at, edit in edits:
        if isinstance(edit, bytes):
            text[at:at] = edit
        else:
            del text[at : at + edit]
    data = package(bytes(text))
    assert _outcome(data, cut=True) == _outcome(data, cut=False)
