"""RCTab's own regression suite (``../shared/data/rctab``): every case whose configuration,
cast-vote records and expected report are present is counted with ``count --rctab``'s
machinery, and each round is compared with RCTab's expected report
(``*_expected_detailed_report.json``, one per pass of a multi-pass count): the tally, the
threshold, every category of inactive ballots, who is elected and eliminated, and then the
whole JSON summary votecount writes (transfers, residual surplus, the summary block).

The expected figures are RCTab's own output, committed beside its test configurations.
Reading the spreadsheets dominates the time (the Minneapolis workbooks take seconds each),
so the whole sweep is ``slow``; one small case runs by default.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from helpers import SHARED_DATA, shared_path
from votecount.cli.rctab_contest import count_rctab_config
from votecount.report.urcvt import urcvt_report
from votecount.result import Result

SUITE = SHARED_DATA / "rctab"
KEYS = {
    "overvotes": "overvotes",
    "skippedRankings": "skipped rankings",
    "exhaustedChoices": "exhausted choices",
    "repeatedRankings": "repeated rankings",
    "finalRoundSurplus": "final round surplus",
}


def _cases() -> list[str]:
    if not SUITE.is_dir():
        return []
    return sorted(
        d.name for d in SUITE.iterdir()
        if d.is_dir() and any(d.glob("*_config.json")) and any(d.glob("*_expected_detailed_report.json"))
    )


def _missing() -> set[str]:
    listed = SUITE / "MISSING.txt"
    if not listed.exists():
        return set()
    return {line.split("/")[0] for line in listed.read_text().split() if "/" in line}


def _numbers(value: Any) -> Any:
    """A report with every number as a Decimal and the actions of a round in a fixed order
    (RCTab lists winners of one round in its hash order)."""
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items() if k != "generatedBy"}
    if isinstance(value, list):
        items = [_numbers(v) for v in value]
        if items and isinstance(items[0], dict) and "transfers" in items[0]:
            items.sort(key=lambda a: json.dumps(a, sort_keys=True, default=str))
        return items
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            return value
    return value


def _check_rounds(result: Result, expected: dict[str, Any]) -> None:
    rounds = expected["results"]
    assert len(result.rounds) == len(rounds)
    out: set[str] = set()
    for mine, theirs in zip(result.rounds, rounds, strict=True):
        n = mine.number
        tally = {c.name: v for c, v in mine.votes.items() if c.name not in out}
        assert tally == {k: Decimal(v) for k, v in theirs["tally"].items()}, f"round {n} tally"
        assert mine.quota == Decimal(theirs["threshold"]), f"round {n} threshold"
        inactive = mine.inactive or {}
        for key, value in theirs["inactiveBallots"].items():
            assert inactive.get(KEYS[key], 0) == Decimal(value), f"round {n} {key}"
        elected = {a["elected"] for a in theirs["tallyResults"] if "elected" in a}
        eliminated = {a["eliminated"] for a in theirs["tallyResults"] if "eliminated" in a}
        assert {c.name for c in mine.elected} == elected, f"round {n} elected"
        assert {c.name for c in mine.excluded} == eliminated, f"round {n} eliminated"
        out |= eliminated


def _check_case(case: str) -> None:
    folder = shared_path("rctab", case)
    if case in _missing():
        pytest.skip(f"{case}: its cast-vote records are absent from the snapshot (MISSING.txt)")
    config = next(folder.glob("*_config.json"))
    expected_files = sorted(folder.glob("*_expected_detailed_report.json"))
    results, contest = count_rctab_config(str(config))
    assert len(results) == len(expected_files)
    for result, path in zip(results, expected_files, strict=True):
        expected = json.loads(Path(path).read_text(encoding="utf-8"))
        _check_rounds(result, expected)
        assert _numbers(urcvt_report(result, contest)) == _numbers(expected)


def test_portland_2015_every_round_as_rctab_counts_it() -> None:
    """Portland, Maine, mayor 2015 (RCTab's generic CSV; batch elimination, 15 candidates)."""
    _check_case("2015_portland_mayor")


@pytest.mark.slow
@pytest.mark.parametrize("case", _cases())
def test_every_case_of_rctabs_suite(case: str) -> None:
    pytest.importorskip("ijson")  # the cvr extra (Dominion and CDF JSON)
    _check_case(case)
