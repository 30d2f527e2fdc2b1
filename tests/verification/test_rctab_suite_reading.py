"""RCTab's own regression suite (../shared/data/rctab), read: every ballot of every case.

For each case with a configuration, its cast-vote records and RCTab's expected report, the
number of records read must be RCTab's: the report's ``totalNumBallots``, which is also the
first round's tallies plus its inactive ballots plus the ``undervotes`` (ballots ranking no
one); and the papers read with no mark at all must be exactly those undervotes. All three
figures come from RCTab's report, none is written here. The whole suite is slow (Minneapolis
has 80,101 and 105,928 ballots), so the default run reads a few small cases, one per kind of
file, and the rest run with ``-m slow``.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from helpers import SHARED_DATA, shared_path
from votecount.formats.cvr import read_rctab_config
from votecount.formats.rctab_config import load_rctab_config

SUITE = SHARED_DATA / "rctab"
SMALL = (
    "test_set_overvote_delimiter",  # ES&S, overvote delimiter
    "generic_csv_test",  # RCTab's generic CSV
    "unisyn_xml_cdf_city_mayor",  # CDF XML from Unisyn
)


def _cases() -> list[str]:
    if not SUITE.is_dir():
        return []
    return sorted(p.parent.name for p in SUITE.glob("*/*_config.json"))


def _missing() -> set[str]:
    """The cases whose data the suite's MISSING.txt says is absent (a blob not fetched)."""
    listed = SUITE / "MISSING.txt"
    if not listed.is_file():
        return set()
    return {line.split("/")[0] for line in listed.read_text(encoding="utf-8").split() if "/" in line}


def expected_figures(case: Path) -> tuple[int, int, int] | None:
    """(totalNumBallots, round 1 tallies + inactive + undervotes, undervotes) of the case's
    expected report (the first pass of a sequential count), or None without a report."""
    reports = sorted(case.glob("*_expected_detailed_report.json"))
    if not reports:
        return None
    report = json.loads(reports[0].read_text(encoding="utf-8"))
    first = report["results"][0]
    summary = report["summary"]
    undervotes = int(summary.get("undervotes", 0))
    in_round = sum(Fraction(v) for v in first["tally"].values())
    in_round += sum(Fraction(v) for v in first.get("inactiveBallots", {}).values())
    assert in_round.denominator == 1, "first-round figures are whole ballots"
    return int(Fraction(summary["totalNumBallots"])), int(in_round) + undervotes, undervotes


def check_case(name: str) -> None:
    case = shared_path("rctab", name)
    if name in _missing():
        pytest.skip(f"{name}: its cast-vote records are listed in MISSING.txt")
    figures = expected_figures(case)
    if figures is None:
        pytest.skip(f"{name}: no expected report (a configuration RCTab is meant to refuse, or a GUI sample)")
    total, first_round, undervotes = figures
    (config,) = case.glob("*_config.json")
    if any(
        s.provider == "dominion" or s.file_path.endswith(".json") for s in load_rctab_config(config).sources
    ):
        pytest.importorskip("ijson", reason="Dominion and CDF JSON records need the cvr extra")
    contest = read_rctab_config(config)
    papers = contest.election.papers
    assert total == first_round, "the report's own figures agree"
    assert len(papers) == total
    assert sum(1 for p in papers if not any(p.positions)) == undervotes
    assert len({p.id for p in papers}) == len(papers), "every record has its own id"
    profile = contest.election.to_profile()
    assert profile.validation.read == total  # each ballot accounted for in the report


@pytest.mark.parametrize("name", SMALL)
def test_small_cases_read_every_ballot(name: str) -> None:
    check_case(name)


@pytest.mark.slow
@pytest.mark.parametrize("name", [c for c in _cases() if c not in SMALL] or ["(suite absent)"])
def test_every_case_reads_every_ballot(name: str) -> None:
    check_case(name)


def test_every_configuration_of_the_suite_is_read() -> None:
    configs = sorted(shared_path("rctab").glob("*/*_config.json"))
    assert configs
    unknown = {}
    for path in configs:
        config = load_rctab_config(path)
        assert config.candidates or config.problems()
        if config.unknown_keys:
            unknown[path] = config.unknown_keys
    assert unknown, "the suite has keys RCTab does not read (invalid_sources_test: 'random Seed')"
    for path, keys in unknown.items():  # each reported key is in its file, as written
        written = path.read_text(encoding="utf-8")
        assert all(f'"{key.rpartition(".")[2]}"' in written for key in keys)
