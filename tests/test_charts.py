"""The charts (matplotlib, the ``plot`` extra): reproducible SVG, PNG and PDF files, from
Python and from ``votecount chart``."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import votecount
from votecount import examples
from votecount.cli import main
from votecount.constraints import Constraint
from votecount.errors import OptionError, RuleError

charts = pytest.importorskip("votecount.charts", reason="the charts need matplotlib (the plot extra)")


@pytest.fixture(scope="module")
def riverside() -> votecount.Result:
    return votecount.count(votecount.read(examples.path()), "scottish-stv")


@pytest.fixture(scope="module")
def flow_svg(riverside: votecount.Result) -> str:
    return str(charts.svg(riverside, "flow"))


def test_an_svg_names_every_candidate_and_has_no_date(riverside: votecount.Result, flow_svg: str) -> None:
    # the same bytes every time: test_the_chart_command draws it again and compares
    assert "<dc:date>" not in flow_svg  # no date: a chart of the same count is the same file
    for cand in riverside.candidates:
        assert cand.name in flow_svg  # text is kept as text
    stages = charts.svg(riverside, "stages")
    assert "quota" in stages and "votes at each stage" in stages


def test_a_plurality_count_has_bars_and_no_flow(tmp_path: Path) -> None:
    men_first = {
        votecount.Candidate("A", attributes={"g": "M"}): 5,
        votecount.Candidate("B", attributes={"g": "M"}): 3,
        votecount.Candidate("C", attributes={"g": "F"}): 2,
    }
    woman = Constraint("g", "F", at_least=1)
    result = votecount.count(votecount.Profile.from_totals(men_first), "block", seats=2, constraints=[woman])
    assert [c.name for c in result.elected] == ["A", "C"]  # B, second, passed over for the minimum
    drawn = charts.svg(result, "bars")
    assert "5  elected" in drawn and "3  passed over" in drawn and "2  elected" in drawn
    with pytest.raises(RuleError, match="no transfers to draw"):
        charts.flow(result)
    charts.save(result, "bars", tmp_path / "b.png")
    assert (tmp_path / "b.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(OptionError, match=r"end it in \.svg, \.png or \.pdf"):
        charts.save(result, "bars", tmp_path / "b.txt")
    with pytest.raises(OptionError, match="unknown chart 'pie'"):
        charts.chart(result, "pie")


def test_the_chart_command(flow_svg: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "flow.svg"
    assert main(["chart", "--example", "--kind", "flow", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == flow_svg
    assert main(["chart", "--example", "--output", str(tmp_path / "x.gif")]) == 2
    assert "end it in .svg, .png or .pdf" in capsys.readouterr().err
    # a saved result is drawn as it was counted, without counting again (bars: the quickest)
    saved = tmp_path / "riverside.json"
    assert main(["count", "--example", "-f", "json", "--output", str(saved)]) == 0
    again = tmp_path / "again.svg"
    assert main(["chart", "--result", str(saved), "--kind", "bars", "--output", str(again)]) == 0
    drawn = again.read_text(encoding="utf-8")
    assert "Riverside Ward (example): votes" in drawn and "686.00000  elected" in drawn
    assert main(["chart", "--result", str(tmp_path / "none.json"), "--output", str(again)]) == 2
    assert "none.json: cannot read the result" in capsys.readouterr().err


def test_without_matplotlib_the_command_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = importlib.import_module

    def missing(name: str, package: str | None = None) -> object:
        if name == "votecount.charts":
            raise ModuleNotFoundError("No module named 'matplotlib'", name="matplotlib")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", missing)
    assert main(["chart", "--example", "--output", str(tmp_path / "f.svg")]) == 2
    assert "pip install 'votecount[plot]'" in capsys.readouterr().err
