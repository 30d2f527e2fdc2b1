"""What a REPL and a notebook show: a ``repr`` that says what a value is, and small HTML tables."""

from __future__ import annotations

import html.parser

import pytest

import votecount
from votecount import examples
from votecount.validation import BallotProblem, ValidationReport, ValidationWarning


@pytest.fixture(scope="module")
def riverside() -> votecount.Result:
    return votecount.count(votecount.read(examples.path()), "scottish-stv")


def test_transfers_events_and_calls_print_what_they_are(riverside: votecount.Result) -> None:
    transfer = riverside.rounds[1].transfers[0]
    assert repr(transfer) == (
        "<Transfer surplus of Ailsa Grant (Lab), 686 papers at 0.16763: Callum Reid (Lab) +69.06356, "
        "Morag Stewart (SNP) +29.83814; non-transferable 16.09248; lost 0.00582>"
    )
    assert repr(riverside.rounds[2].events[0]) == "<Event Fergus Kerr (Ind) excluded: lowest votes>"
    assert repr(riverside.call) == "<CountCall 'scottish-stv', seats=3, ties: refuse (raise TieError)>"


def test_validation_values_print_as_a_summary() -> None:
    problem = BallotProblem("duplicate preference", "repaired", 2, line=7, detail="candidate 3 twice")
    assert repr(problem) == (
        "<BallotProblem line 7: repaired, duplicate preference (candidate 3 twice), weight 2>"
    )
    report = ValidationReport("w.blt", 10, 7, {"duplicate preference": 2}, {"blank": 1}, (problem,))
    assert repr(report) == (
        "<ValidationReport of w.blt: 10 papers read, 7 counted as cast, 2 repaired, 1 set aside, 1 problem>"
    )
    warning = ValidationWarning("implausible-weight", "a ballot weighs a lot", line=3)
    assert repr(warning) == "<ValidationWarning implausible-weight: line 3: a ballot weighs a lot>"


class _Cells(html.parser.HTMLParser):
    """The text of every table cell, row by row; fails on a tag left open."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self.rows[-1].append("")
        if tag not in ("br",):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] in ("td", "th"):
            self.rows[-1][-1] += data


def cells(markup: str) -> list[list[str]]:
    parser = _Cells()
    parser.feed(markup)
    assert not parser.open
    return parser.rows


def test_a_round_in_a_notebook_is_a_table_that_adds_up(riverside: votecount.Result) -> None:
    rows = cells(riverside.rounds[1]._repr_html_())
    assert rows[0] == ["Candidate", "votes", "change", "decision"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Callum Reid (Lab)"][1:3] == ["549.06356", "+69.06356"]  # 480 + 69.06356
    assert by_name["Total"][1] == "2,283.00000"


def test_a_profile_and_a_report_in_a_notebook(riverside: votecount.Result) -> None:
    profile = votecount.read(examples.path())
    rows = cells(profile._repr_html_())
    # first preferences by hand from riverside.blt: Ailsa 412 + 178 + 96, Fergus 85 + 41
    assert dict(rows[1:]) == {
        "Ailsa Grant (Lab)": "686", "Callum Reid (Lab)": "480", "Morag Stewart (SNP)": "379",
        "Duncan Fraser (Con)": "330", "Iona MacLeod (Grn)": "282", "Fergus Kerr (Ind)": "126",
    }  # fmt: skip
    assert profile.validation is not None
    report = cells(profile.validation._repr_html_())
    assert ["papers read", "2283"] in report and ["counted as cast", "2283"] in report
    escaped = votecount.Profile.from_marks(["<b>A</b>", "B"], [(["<b>A</b>"], 2), (["B"], 1)])
    assert "<b>A</b>" not in escaped._repr_html_() and cells(escaped._repr_html_())[1] == ["<b>A</b>", "2"]
    assert "<table" in riverside._repr_html_()
