"""The votecount command, as a newcomer and another program would use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import votecount
from helpers import PROJECT_ROOT
from sheet_reading import READERS
from votecount import examples
from votecount.cli import main
from votecount.report.sheet import render


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


@pytest.mark.parametrize("fmt", ["markdown", "html", "csv", "text"])
def test_other_sheet_formats(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    """The command prints the same sheet as the library renders, read back cell by cell."""
    status, out, _ = run(capsys, "count", "--example", "--format", fmt)
    assert status == 0
    result = votecount.count(votecount.read(examples.path()), "scottish-stv")
    printed, rendered = READERS[fmt](out.removesuffix("\n")), READERS[fmt](render(result, fmt))
    rows = tuple(r for r in printed.rows if any(r))
    assert printed.head == rendered.head and rows == rendered.rows
    assert [r[0] for r in rows] == [c.name for c in result.candidates] + [
        "Non-transferable",
        "Lost to fractions",
        "Total",
    ]


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
    src = PROJECT_ROOT / "src"
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


def test_output_into_a_missing_folder_is_an_error_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "no" / "such" / "sheet.txt"
    status, _, err = run(capsys, "count", "--example", "--output", str(target))
    assert status == 2 and str(target) in err and "cannot write" in err
    assert "Traceback" not in err
    status, _, err = run(capsys, "convert", str(examples.path()), str(target.with_suffix(".csv")))
    assert status == 2 and "cannot write" in err


def test_an_unknown_vacated_member_is_an_error_not_a_key_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "count", "--example", "--vacated", "Nobody")
    assert status == 2
    assert err.startswith("votecount: error: unknown candidate 'Nobody'")


def test_a_bug_is_not_swallowed(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the library's own errors are reported in one line; anything else is a bug."""
    import votecount.cli.count

    def broken(args: object) -> str:
        raise KeyError("a bug")

    monkeypatch.setattr(votecount.cli.count, "run", broken)
    with pytest.raises(KeyError, match="a bug"):
        main(["count", "--example"])


def test_a_file_in_another_encoding_says_how_to_read_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    latin = tmp_path / "latin.blt"
    latin.write_bytes('2 1\n3 1 0\n1 2 0\n0\n"Zoë"\n"Ann"\n"T"\n'.encode("latin-1"))
    status, _, err = run(capsys, "count", str(latin), "--rule", "fptp")
    assert status == 2 and "latin.blt, line 5" in err and "--encoding" in err
    status, out, err = run(capsys, "count", str(latin), "--rule", "fptp", "--encoding", "latin-1")
    assert status == 0, err
    assert "Elected, in order: Zoë" in out


@pytest.mark.parametrize(
    "lines, words",
    [
        ('3 1\n2 1 2 0\n1/0 3 0\n0\n"A"\n"B"\n"C"\n"T"\n', "bad.blt, line 3: weight '1/0' divides by zero"),
        ("3 \u00b2\n0\n", "bad.blt, line 1: bad header"),
        ('3 1\n2 1 2 0\n\u0663 3 0\n0\n"A"\n"B"\n"C"\n"T"\n', "bad.blt, line 3: weight '\u0663'"),
    ],
)
def test_hostile_numbers_in_a_file_name_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lines: str, words: str
) -> None:
    bad = tmp_path / "bad.blt"
    bad.write_text(lines, encoding="utf-8")
    for argv in (["count", str(bad), "--rule", "irv"], ["validate", str(bad)]):
        status, _, err = run(capsys, *argv)
        assert status == 2 and words in err and "Traceback" not in err


def test_a_bad_constraint_file_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    toml = tmp_path / "c.toml"
    toml.write_bytes(b"[candidates]\n\xff = {}\n")
    status, _, err = run(capsys, "count", "--example", "--constraints", str(toml))
    assert status == 2 and f"{toml}: not valid TOML" in err


@pytest.mark.parametrize("argv", [["--seats", "\u0663"], ["--seats", "\u00b2"], ["--at-least", "g=F:\u00b2"]])
def test_non_ascii_digits_on_the_command_line_are_refused(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    try:
        status = main(["count", "--example", *argv])
    except SystemExit as done:  # argparse's own refusal
        status = int(done.code or 0)
    assert status == 2


def test_every_flag_a_hint_names_exists(capsys: pytest.CaptureFixture[str]) -> None:
    """The hints the command and the readers print name only flags the command has."""
    import inspect
    import re

    import votecount.cli
    import votecount.cli.common
    from votecount.formats import _common, columns, csv, names, spreadsheet, table

    flag = re.compile(r"(?<![\w-])--[a-z][a-z-]+")
    known = set()
    for command in votecount.cli.COMMANDS:
        with pytest.raises(SystemExit):
            main([command, "--help"])
        known |= set(flag.findall(capsys.readouterr().out))
    named = set()
    for module in (
        *map(votecount.cli.command_module, votecount.cli.COMMANDS),
        votecount.cli.common,
        _common,
        csv,
        columns,
        names,
        table,
        spreadsheet,
    ):
        named |= set(flag.findall(inspect.getsource(module)))
    assert {"--encoding", "--tie-order", "--layout", "--candidates", "--rank-columns"} <= named
    assert named - known == set()
