"""The layouts the sheet promises: text that fits the terminal, a whole HTML page that prints
on A4 landscape and takes charts, and a block-vote sheet listed by votes that says what
happened to every candidate. Each sheet is read back as its own kind of file."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from fractions import Fraction
from functools import cache

import attrs
import pytest

import votecount
from nec_example import WOMEN_5, nec_block_profile
from sheet_reading import READERS, read_csv, read_page, read_text
from votecount import Candidate, PluralityBallot, Profile, Result, examples
from votecount.report import CountSheet, Figure, render
from votecount.report.text import terminal_width
from votecount.result import Round


@cache
def riverside() -> Result:
    return votecount.count(votecount.read(examples.path()), "scottish-stv")


nec_papers = cache(nec_block_profile)


@cache
def nec_block() -> Result:
    return votecount.count(nec_papers(), "block", seats=9, constraints=[WOMEN_5])


# --- text ------------------------------------------------------------------------------------


def panels(text: str) -> int:
    return sum(1 for line in text.split("\n") if line.startswith("Candidate "))


@pytest.mark.parametrize("width", [64, 80, 100, 132])
def test_the_text_sheet_fits_the_width_and_reads_back_the_same(width: int) -> None:
    sheet = CountSheet.from_result(riverside())
    text = sheet.text(width)
    assert max(len(line) for line in text.split("\n")) <= width
    wide = sheet.text(10_000)
    assert panels(wide) == 1
    assert read_text(text) == read_text(wide)  # the same cells and notes, only laid out narrower


def test_a_narrower_terminal_gets_more_panels_and_each_holds_whole_stages() -> None:
    sheet = CountSheet.from_result(riverside())
    counts = [panels(sheet.text(w)) for w in (64, 80, 100, 132, 10_000)]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1] == 1
    for line in sheet.text(64).split("\n"):
        if line.startswith("Candidate "):  # a panel's heading: the stages it holds, whole
            stages = line.split()[1:]
            assert stages[0] == "Stage" and all(s == "Stage" for s in stages[::2])


def test_the_terminal_width_comes_from_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    assert terminal_width({}) == 100
    assert terminal_width({"COLUMNS": "72"}) == 72
    assert terminal_width({"COLUMNS": "wide"}) == 100
    assert terminal_width({"COLUMNS": "3"}) == 40
    monkeypatch.setenv("COLUMNS", "72")
    printed = str(riverside())
    assert max(map(len, printed.split("\n"))) <= 72
    assert printed == CountSheet.from_result(riverside()).text(72)


# --- HTML ------------------------------------------------------------------------------------

SVG = (
    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
    '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/>'
    "<text>not a note</text></svg>"
)


def test_the_html_sheet_is_a_whole_page_that_prints_on_a4_landscape() -> None:
    result = riverside()
    text = render(result, "html")
    page = read_page(text)
    assert page.doctype.lower() == "doctype html"
    assert '<meta charset="utf-8">' in text.split("</head>")[0]
    style = text.split("<style>")[1].split("</style>")[0]
    assert "@page { size: A4 landscape;" in style and "@media print" in style
    assert "<link" not in text and "<script" not in text and "src=" not in text  # nothing to fetch
    assert page.table.title == result.title and page.svgs == 0


def test_charts_are_placed_in_the_page_with_their_captions() -> None:
    figures = (Figure(SVG, "Votes at each stage <by candidate>"), Figure(SVG, "Transfers"))
    text = render(riverside(), "html", figures=figures)
    page = read_page(text)
    assert page.svgs == 2
    assert page.figure_captions == ("Votes at each stage <by candidate>", "Transfers")
    assert "<?xml" not in text and "<!DOCTYPE svg" not in text
    assert text.index("<figure") > text.index("</table>")
    assert page.table == read_page(render(riverside(), "html")).table  # the sheet is the same


def test_the_elected_and_excluded_are_marked_at_their_stage() -> None:
    result = riverside()
    text = render(result, "html")
    for r in result.rounds:
        for event in r.events:
            if event.action in ("elected", "excluded"):
                row = next(line for line in text.split("\n") if f">{event.candidate.name}</th>" in line)
                assert row.startswith(f'<tr class="candidate {event.action}">')
                cells = row.split("<td ")[1:]
                column = 0 if r.number == 1 else 2 * r.number - 2  # the total at that stage
                assert f"at-{event.action}" in cells[column].split(">")[0]


# --- a block vote with a gender minimum ------------------------------------------------------


def test_the_block_vote_sheet_lists_by_votes_and_says_what_happened_to_each() -> None:
    result = nec_block()
    table = read_csv(render(result, "csv"))
    assert table.title == "Labour NEC, constituency section (example)"
    rows = table.rows[: len(result.candidates)]
    votes = [Decimal(row[1]) for row in rows]
    assert votes == sorted(votes, reverse=True)
    gender = {c.name: c.attributes["gender"] for c in result.candidates}
    status = {row[0]: row[2] for row in rows}
    elected = {name for name, s in status.items() if s == "elected"}
    assert elected == {c.name for c in result.elected} and len(elected) == 9
    assert sum(gender[n] == "F" for n in elected) >= 5
    lowest_elected = min(v for row, v in zip(rows, votes, strict=True) if row[0] in elected)
    for row, v in zip(rows, votes, strict=True):
        if row[2].startswith("skipped"):
            # passed over for a man with more votes than someone elected
            assert row[2] == "skipped: at least 5 of gender=F"
            assert gender[row[0]] == "M" and v > lowest_elected
        elif row[2] == "not elected":
            assert v <= lowest_elected
        else:
            assert row[2] == "elected"
    assert {s for s in status.values()} == {"elected", "skipped: at least 5 of gender=F", "not elected"}


def test_a_sheet_without_a_title_is_titled_by_its_rule_and_seats() -> None:
    profile = nec_papers().replace(title="")
    result = votecount.count(profile, "block", seats=9)
    assert CountSheet.from_result(result).title == "Block vote, 9 seats"
    assert render(result, "text").startswith("Block vote, 9 seats\n===================\n")


def test_the_csv_sheet_holds_numbers_a_spreadsheet_reads() -> None:
    """Every figure cell parses as a number; the facts, order and notes follow the table."""
    result = riverside()
    text = render(result, "csv")
    table = read_csv(text)
    for row in table.rows:
        for cell in row[1:-1]:
            if cell:
                assert "," not in cell and not cell.startswith("+")
                Decimal(cell)
    assert table.facts is not None
    assert Decimal(table.facts["Quota"]) == result.quota
    assert Decimal(table.facts["Valid poll"]) == result.valid_poll
    records = list(csv.reader(io.StringIO(text)))
    assert records[-len(table.notes) - 1] == ["Notes"]


def test_the_table_alone_carries_a_style_that_touches_nothing_else() -> None:
    """For a notebook: the fragment's style rules all start at the sheet's own classes."""
    fragment = CountSheet.from_result(riverside()).html_table()
    style, table = fragment.removeprefix("<style>").split("</style>\n")
    selectors = [rule.split("{")[0] for rule in style.split("}") if rule.strip()]
    for selector in selectors:
        for part in selector.split(","):
            assert part.strip().startswith((".sheet-wrap", ".count")), part
    assert table.startswith('<div class="sheet-wrap">') and "<html" not in table
    body = table.split("<thead>")[1]  # the same rows as the page's (whose caption differs)
    assert body in render(riverside(), "html")


def test_without_columns_the_width_is_the_terminals_or_100(tmp_path) -> None:
    with open(tmp_path / "out.txt", "w") as not_a_terminal:
        assert terminal_width({}, not_a_terminal) == 100


# --- rows a rule may add ---------------------------------------------------------------------


@attrs.frozen
class RoundWithInactive(Round):
    """A round that says why papers left the count, as RCTab's reports do."""

    inactive: dict[str, int] | None = None


def test_why_papers_left_the_count_is_a_breakdown_under_the_non_transferable_row() -> None:
    """Three rounds by hand: A 5, B 4, C 3; C excluded (1 paper to A, 2 exhaust: 1 an
    overvote further down, 1 with no more choices); B excluded (3 to A, 1 exhausts)."""
    a, b, c = Candidate("A"), Candidate("B"), Candidate("C")
    rounds = (
        RoundWithInactive(1, "First preferences", {a: 5, b: 4, c: 3}),
        RoundWithInactive(
            2, "Exclusion of C", {a: 6, b: 4, c: 0}, {a: 1, c: -3}, exhausted=2, exhausted_change=2,
            inactive={"overvotes": 1, "exhausted choices": 1},
        ),
        RoundWithInactive(
            3, "Exclusion of B", {a: 9, b: 0, c: 0}, {a: 3, b: -4}, exhausted=3, exhausted_change=1,
            inactive={"overvotes": 1, "exhausted choices": 2},
        ),
    )  # fmt: skip
    result = Result("irv", (a, b, c), 1, (a,), rounds, valid_poll=12)
    for fmt in ("text", "html", "csv", "markdown"):
        table = READERS[fmt](render(result, fmt))
        labels = [row[0].strip() for row in table.rows]
        assert labels == ["A", "B", "C", "Non-transferable", "of which overvotes",
                          "of which exhausted choices", "Total"], fmt  # fmt: skip
        by_label = {row[0].strip(): row for row in table.rows}
        # stage totals: columns 1, 3, 5; the breakdown adds up to the non-transferable row
        assert [by_label["of which overvotes"][k] for k in (1, 3, 5)] == ["0", "1", "1"]
        assert [by_label["of which exhausted choices"][k] for k in (1, 3, 5)] == ["0", "1", "2"]
        assert [by_label["Non-transferable"][k] for k in (1, 3, 5)] == ["0", "2", "3"]
        assert [by_label["Total"][k] for k in (1, 3, 5)] == ["12", "12", "12"]


def test_a_fraction_shown_truncated_is_marked_and_said_so() -> None:
    """Papers of weight 1/3 and 1/2: A's 1/3 is 0.33333... (truncated, marked ~), B's 1/2 is
    0.50000 exactly; the CSV sheet gives the digits without the mark."""
    profile = Profile("AB", [PluralityBallot({0}, Fraction(1, 3)), PluralityBallot({1}, Fraction(1, 2))])
    result = votecount.count(profile, "fptp")
    text = read_text(render(result, "text"))
    assert [row[1] for row in text.rows] == ["0.50000", "0.33333~", "0.83333~"]  # B, A, Total
    note = "~ marks an exact fraction shown truncated to 5 decimal places"
    assert [n for n in text.notes if n.startswith(note)] != []
    table = read_csv(render(result, "csv"))
    assert [row[1] for row in table.rows] == ["0.50000", "0.33333", "0.83333"]
    assert table.notes == text.notes[:-1]  # the same notes; the text sheet ends with the order


def test_a_notebook_shows_the_table_not_a_whole_page() -> None:
    shown = riverside()._repr_html_()
    assert shown == CountSheet.from_result(riverside()).html_table()
    assert "<!DOCTYPE" not in shown and "<body" not in shown and '<table class="count stages">' in shown
