"""The votecount command, as a newcomer and another program would use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from votecount import examples
from votecount.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_count_example_prints_the_count_sheet(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "count", "--example")
    assert status == 0, err
    assert out.startswith("Riverside Ward (example)")
    assert "Candidate" in out and "Stage 5" in out
    assert "Elected, in order: Ailsa Grant (Lab), Callum Reid (Lab), Morag Stewart (SNP)" in out


def test_json_result_names_the_elected_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "count", str(examples.path()), "--rule", "scottish-stv", "-f", "json")
    assert status == 0
    document = json.loads(out)
    assert document["elected"] == ["Ailsa Grant (Lab)", "Callum Reid (Lab)", "Morag Stewart (SNP)"]
    assert document["rule"] == "scottish-stv"
    assert len(document["rounds"]) == 5


@pytest.mark.parametrize(
    "fmt, marker", [("markdown", "| Candidate"), ("html", "<table"), ("csv", "Candidate,")]
)
def test_other_sheet_formats(capsys: pytest.CaptureFixture[str], fmt: str, marker: str) -> None:
    status, out, _ = run(capsys, "count", "--example", "--format", fmt)
    assert status == 0
    assert marker in out


def test_seats_and_rule_options_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(
        capsys, "count", str(examples.path()), "--rule", "stv", "--seats", "1", "-o", "places=5", "-f", "json"
    )
    assert status == 0, err
    document = json.loads(out)
    assert document["seats"] == 1
    assert len(document["elected"]) == 1


def test_validate_reports_every_paper(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ballots = tmp_path / "small.blt"
    ballots.write_text('3 1\n4 1 2 0\n2 3 3 0\n1 0\n0\n"A"\n"B"\n"C"\n"Small"\n', encoding="utf-8")
    status, out, err = run(capsys, "validate", str(ballots))
    assert status == 0, err
    assert "papers read:        7" in out


def test_convert_between_formats_round_trips(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "riverside.json"
    status, out, _ = run(capsys, "convert", str(examples.path()), str(target))
    assert status == 0
    assert "2283 papers (17 unique)" in out
    status, out, _ = run(capsys, "count", str(target), "--rule", "scottish-stv", "-f", "json")
    assert json.loads(out)["elected"][0] == "Ailsa Grant (Lab)"


def test_rules_lists_every_registered_rule(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "rules")
    assert status == 0
    for rule in ("fptp", "block", "irv", "scottish-stv"):
        assert rule in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["count", "missing.blt", "--rule", "fptp"], "missing.blt"),
        (["count", "--example", "--rule", "no-such-rule"], "unknown rule 'no-such-rule'"),
        (["count", "--example"], None),
        (["count", "x.blt"], "choose a counting rule with --rule"),
    ],
)
def test_errors_are_one_line_with_status_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str | None
) -> None:
    status, _, err = run(capsys, *argv)
    if message is None:
        assert status == 0
        return
    assert status == 2
    assert err.startswith("votecount: error:")
    assert message in err
    assert "Traceback" not in err


def test_malformed_file_names_file_and_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.blt"
    bad.write_text("3 1\n4 1 2 0\nx 3 0\n0\n", encoding="utf-8")
    status, _, err = run(capsys, "count", str(bad), "--rule", "irv")
    assert status == 2
    assert "bad.blt" in err and "line 3" in err


def test_the_installed_command_runs_as_a_module() -> None:
    src = Path(__file__).resolve().parent.parent / "src"
    done = subprocess.run(
        [sys.executable, "-m", "votecount", "count", "--example", "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(src)},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["seats"] == 3


def test_a_blt_tie_line_breaks_ties_as_droop_does(tmp_path: Path) -> None:
    """Droop's 42t.blt: with ``[tie 3 2 1]`` Helen (listed first) loses the tie with Pollux."""
    import votecount

    text = '3 2\n[tie 3 2 1]\n4 1 2 0\n2 3 0\n0\n"Castor"\n"Pollux"\n"Helen"\n"tie"\n'
    path = tmp_path / "42t.blt"
    path.write_text(text, encoding="utf-8")
    profile = votecount.read(path)
    result = votecount.count(profile, "meek")
    assert [c.name for c in result.elected] == ["Castor", "Pollux"]
    assert result.ties and "explicit order" in result.ties[0].method
    untied = votecount.read(path).replace(tie_order=())
    with pytest.raises(votecount.TieError):
        votecount.count(untied, "meek")


def test_a_tie_needing_lot_says_how_to_settle_it_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tied = tmp_path / "tied.blt"
    tied.write_text('2 1\n5 1 0\n5 2 0\n0\n"Ann"\n"Bob"\n"Tied"\n', encoding="utf-8")
    status, _, err = run(capsys, "count", str(tied), "--rule", "fptp")
    assert status == 2
    assert "Ann, Bob" in err and "--seed" in err and "--tie-order" in err
    status, out, _ = run(capsys, "count", str(tied), "--rule", "fptp", "--tie-order", "Bob,Ann")
    assert status == 0 and "Elected, in order: Bob" in out
