"""The command line with absurd values and odd arguments: a warning, or one located line and
status 2, never a traceback; and no progress line where no terminal watches."""

from __future__ import annotations

from pathlib import Path

import pytest

from votecount.cli import main

# Ann 3 papers, Bob 2, Cat 1 (second preferences to Cat); the title line follows the names.
BLT = '3 1\n3 1 3 0\n2 2 3 0\n1 3 0\n0\n"Ann"\n"Bob"\n"Cat"\n"Ward 1"\n'


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def ward(tmp_path: Path) -> Path:
    path = tmp_path / "ward.blt"
    path.write_text(BLT, encoding="utf-8")
    return path


def test_seats_far_above_the_candidates_elect_everyone_with_a_warning(
    capsys: pytest.CaptureFixture[str], ward: Path
) -> None:
    status, out, err = run(capsys, "count", str(ward), "--rule", "scottish-stv", "--seats", "99999999999")
    assert status == 0, err
    assert "Warning: 99,999,999,999 seats to fill but only 3 candidates stand" in out
    assert "Elected, in order: Ann, Bob, Cat" in out


def test_a_tie_order_naming_nobody_who_stands_is_refused(
    capsys: pytest.CaptureFixture[str], ward: Path
) -> None:
    status, out, err = run(capsys, "count", str(ward), "--rule", "irv", "--tie-order", "Zed,Ann,Yve")
    assert status == 2 and out == ""
    assert err.startswith("votecount: error: ")
    assert "'Zed', 'Yve'" in err and "the candidates are: Ann, Bob, Cat" in err


def test_a_forty_digit_weight_is_warned_of_and_counted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    heavy = tmp_path / "heavy.blt"
    weight = 10**39
    heavy.write_text(f'3 1\n{weight} 1 2 0\n1 2 0\n0\n"A"\n"B"\n"C"\n"T"\n', encoding="utf-8")
    status, out, err = run(capsys, "validate", str(heavy))
    assert status == 0, err
    assert "warning: a ballot weighs about 10^39 papers" in out
    assert "warning: about 10^39 papers in all" in out
    status, out, err = run(capsys, "count", str(heavy), "--rule", "scottish-stv")
    assert status == 0, err
    assert f"valid poll {weight + 1:,}.00000" in out
    assert "Warning: a ballot weighs about 10^39 papers" in out


@pytest.mark.parametrize(
    "arguments, reason",
    [
        (["--format", "bogus"], "invalid choice: 'bogus'"),
        (["-o", "places"], "rule options are KEY=VALUE"),
        (["-o", "=5"], "rule options are KEY=VALUE"),
        (["--seats", "-1"], "is not a whole number"),
        (["--seats", "0"], "seats must be at least 1"),
        (["--rule", ""], "choose a counting rule"),
        (["--rule", "stv", "-o", "places=99999999999"], "places must be at most 30"),
        (["--tie-order", ",,"], "the tie order names ''"),
        (["--policy", "bogus"], "unknown validity policy"),
        (["--encoding", "bogus"], "unknown encoding"),
    ],
)
def test_odd_arguments_give_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str], ward: Path, arguments: list[str], reason: str
) -> None:
    argv = ["count", str(ward), "--rule", "scottish-stv", *arguments]
    try:
        status, out, err = run(capsys, *argv)
    except SystemExit as stop:  # argparse's own usage errors exit with 2 as well
        status, (out, err) = int(str(stop.code)), capsys.readouterr()
    assert status == 2
    assert reason in err and "Traceback" not in err and out == ""


def test_a_negative_seed_draws_lots(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tied = tmp_path / "tied.blt"
    tied.write_text('2 1\n1 1 0\n1 2 0\n0\n"A"\n"B"\n"T"\n', encoding="utf-8")
    status, out, err = run(capsys, "count", str(tied), "--rule", "irv", "--seed=-5")
    assert status == 0, err
    assert "lot (seed -5)" in out


def test_no_progress_line_when_stderr_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str], ward: Path
) -> None:
    status, _, err = run(capsys, "count", str(ward), "--rule", "scottish-stv", "-f", "json")
    assert status == 0 and err == ""


def test_validate_warns_of_seats_in_the_file_above_its_candidates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    crowded = tmp_path / "crowded.blt"
    crowded.write_text(BLT.replace("3 1\n", "3 5\n", 1), encoding="utf-8")
    status, out, err = run(capsys, "validate", str(crowded))
    assert status == 0, err
    assert "warning: 5 seats to fill but only 3 candidates stand" in out
    assert "2 seats stay vacant" in out
