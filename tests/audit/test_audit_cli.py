"""``votecount audit``: its exit status says whether the sheet agrees (0), differs (1) or
could not be audited (2); ``--format json`` gives the same findings as data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import votecount
from votecount.cli import main
from votecount.examples import path as example_path
from votecount.formats.result_json import result_to_json


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    result = votecount.count(votecount.read(example_path("riverside.blt")), "scottish-stv")
    path = tmp_path / "sheet.json"
    path.write_text(result_to_json(result), encoding="utf-8")
    return path


def test_exit_0_when_the_sheet_agrees(sheet: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(example_path("riverside.blt")), str(sheet), "--rule", "scottish-stv"]) == 0
    assert "the sheet follows from the ballots" in capsys.readouterr().out


def test_exit_1_and_json_when_it_differs(sheet: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Counted by Meek's method the same ballots give other figures from stage 2 on; the elected set
    # is the same.
    status = main(
        ["audit", str(example_path("riverside.blt")), str(sheet), "--rule", "meek", "--format", "json"]
    )
    document = json.loads(capsys.readouterr().out)
    assert status == 1
    assert document["verdict"] == "differ" and document["agree"] is False
    assert document["differences"] and all(d["stage"] >= 2 for d in document["differences"])
    assert document["elected"]["changes"] is False


def test_exit_2_for_a_sheet_that_cannot_be_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["audit", str(example_path("riverside.blt")), str(bad), "--rule", "scottish-stv"]) == 2
    assert "bad.json" in capsys.readouterr().err
