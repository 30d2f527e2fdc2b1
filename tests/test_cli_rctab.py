"""``votecount count --rctab CONFIG.json``: a contest counted as its RCTab configuration says,
its records found relative to the configuration, and ``--format urcvt`` writing RCTab's
own report (compared with the expected report RCTab's suite ships for the case)."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from helpers import shared_path
from votecount.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _numbers(tally: dict[str, str]) -> dict[str, Decimal]:
    return {name: Decimal(votes) for name, votes in tally.items()}


def _config(case: str) -> Path:
    return next(shared_path("rctab", case).glob("*_config.json"))


def test_urcvt_report_is_rctabs(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                tmp_path: Path) -> None:
    config = _config("2015_portland_mayor")
    monkeypatch.chdir(tmp_path)  # the records are found beside the configuration, not here
    status, out, err = _run(capsys, "count", "--rctab", os.path.relpath(config), "--format", "urcvt")
    assert status == 0, err
    mine = json.loads(out)
    expected = json.loads(next(config.parent.glob("*_expected_detailed_report.json")).read_text())
    assert len(mine["results"]) == len(expected["results"])
    for a, b in zip(mine["results"], expected["results"], strict=True):
        assert _numbers(a["tally"]) == _numbers(b["tally"])
    assert mine["summary"]["totalNumBallots"] == expected["summary"]["totalNumBallots"]


def test_sheet_of_an_rctab_contest(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "count", "--rctab", str(_config("2015_portland_mayor")))
    assert status == 0, err
    assert "Rule: rctab" in out and "of which exhausted choices" in out


def test_rctab_takes_no_ballot_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(capsys, "count", "x.blt", "--rctab", str(_config("2015_portland_mayor")))
    assert status == 2
    assert "--rctab" in err
