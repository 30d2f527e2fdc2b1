"""``votecount count --format html --charts``: the page with the count's charts in it."""

from __future__ import annotations

import pytest

from sheet_reading import read_page
from votecount import Result
from votecount.cli import count as count_command
from votecount.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.slow  # matplotlib drawing two charts: about 2.5 s
def test_the_page_holds_the_charts_of_the_count(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("matplotlib", reason="the charts need the plot extra")
    status, out, err = run(capsys, "count", "--example", "--format", "html", "--charts")
    assert status == 0, err
    page = read_page(out)
    assert page.svgs == 2
    assert page.figure_captions == ("Votes at each stage", "The flow of votes, stage by stage")
    status, plain, _ = run(capsys, "count", "--example", "--format", "html")
    assert read_page(plain).table == page.table and read_page(plain).svgs == 0


class Drawn:
    """A stand-in for votecount.charts: each chart an SVG naming its kind and stage count."""

    @staticmethod
    def svg(result: Result, kind: str) -> str:
        return f'<svg xmlns="http://www.w3.org/2000/svg"><text>{kind} {len(result.rounds)}</text></svg>'


@pytest.mark.parametrize(
    "arguments, kinds",
    [
        ((), ["stages 5", "flow 5"]),  # the example: five stages
        (("--rule", "fptp", "--seats", "1"), ["bars 1"]),  # one round of votes
    ],
)
def test_the_page_asks_for_the_charts_that_fit_the_count(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    arguments: tuple[str, ...],
    kinds: list[str],
) -> None:
    monkeypatch.setattr(count_command, "charts_module", lambda: Drawn)
    status, out, err = run(capsys, "count", "--example", *arguments, "--format", "html", "--charts")
    assert status == 0, err
    assert read_page(out).svgs == len(kinds)
    assert [part.split("</text>")[0] for part in out.split("<text>")[1:]] == kinds


def test_charts_go_only_in_the_html_page(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "count", "--example", "--charts")
    assert status == 2 and out == ""
    assert "--charts goes with --format html" in err
