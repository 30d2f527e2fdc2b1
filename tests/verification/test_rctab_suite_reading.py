"""RCTab's own regression suite (../shared/data/rctab), read: every ballot of every case.

For each case with a configuration, its cast-vote records and RCTab's expected report, the
number of records read must be RCTab's: the report's ``totalNumBallots``, which is also the
first round's tallies plus its inactive ballots plus the ``undervotes`` (ballots ranking no
one); and the papers read with no mark at all must be exactly those undervotes. All three
figures come from RCTab's report, none is written here. And the first round, counted here
from the papers read by RCTab's first-round rules (written out in :func:`first_round`, apart
from votecount's engine), must give RCTab's first-round tally of every candidate and its
inactive ballots by category: so every mark of every record was read as RCTab read it. The
whole suite is slow (Minneapolis
has 80,101 and 105,928 ballots), so the default run reads a few small cases, one per kind of
file, and the rest run with ``-m slow``.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from helpers import SHARED_DATA, shared_path
from votecount.formats.cvr import OVERVOTE, RctabContest, read_rctab_config
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


def first_round(contest: RctabContest) -> tuple[dict[str, int], dict[str, int]]:
    """Each candidate's first-round votes and the inactive ballots by RCTab's category, counted
    from the papers as RCTab's tabulator counts its first round (``Tabulator.computeTally``):
    walk the ranks that hold marks; a gap of more than ``maxSkippedRanksAllowed`` ranks is a
    skipped-rankings exhaustion; with ``exhaustOnDuplicateCandidate`` a candidate met again
    exhausts the ballot; an overvote (an explicit label, or several marks at a rank) exhausts
    it or skips the rank as ``overvoteRule`` says (``exhaustIfMultipleContinuing``: exhausts
    only if two or more are continuing); else the first continuing candidate at the rank gets
    the vote; a ballot whose last rank passes without one is exhausted. Blank ballots are
    neither (RCTab's undervotes)."""
    rules = contest.config.rules
    excluded = contest.election.withdrawn
    names = [c.name for c in contest.election.candidates]
    tally: dict[str, int] = {}
    inactive: dict[str, int] = {}
    for paper in contest.election.papers:
        last = 0
        seen: set[object] = set()
        outcome = None
        for k, place in enumerate(paper.positions):
            if not place:
                continue
            rank = k + 1
            skipped_too_far = rules.max_skipped_ranks_allowed is not None and (
                rank - last > rules.max_skipped_ranks_allowed + 1
            )
            last = rank
            continuing = [m for m in place if isinstance(m, int) and m not in excluded]
            several = OVERVOTE in place or len(place) > 1
            if skipped_too_far:
                outcome = "skippedRankings"
            elif rules.exhaust_on_duplicate_candidate and (seen & set(place) or len(set(place)) < len(place)):
                outcome = "repeatedRankings"
            elif several and (
                rules.overvote_rule == "exhaustImmediately"
                or (
                    OVERVOTE not in place
                    and rules.overvote_rule == "exhaustIfMultipleContinuing"
                    and len(continuing) > 1
                )
            ):
                outcome = "overvotes"
            elif continuing and not (several and rules.overvote_rule == "alwaysSkipToNextRank"):
                outcome = names[continuing[0]]
            elif rank == len(paper.positions):
                outcome = "exhaustedChoices"
            seen.update(place)
            if outcome is not None:
                break
        if outcome in names:
            tally[outcome] = tally.get(outcome, 0) + 1
        elif outcome is not None:
            inactive[outcome] = inactive.get(outcome, 0) + 1
    return tally, inactive


def check_case(name: str) -> None:
    case = shared_path("rctab", name)
    if name in _missing():
        pytest.skip(f"{name}: its cast-vote records are listed in MISSING.txt")
    figures = expected_figures(case)
    if figures is None:
        pytest.skip(f"{name}: no expected report (a configuration RCTab is meant to refuse, or a GUI sample)")
    total, in_first_round, undervotes = figures
    (config,) = case.glob("*_config.json")
    if any(
        s.provider == "dominion" or s.file_path.endswith(".json") for s in load_rctab_config(config).sources
    ):
        pytest.importorskip("ijson", reason="Dominion and CDF JSON records need the cvr extra")
    contest = read_rctab_config(config)
    papers = contest.election.papers
    assert total == in_first_round, "the report's own figures agree"
    assert len(papers) == total
    assert sum(1 for p in papers if not any(p.positions)) == undervotes
    assert len({p.id for p in papers}) == len(papers), "every record has its own id"
    profile = contest.election.to_profile()
    assert profile.validation.read == total  # each ballot accounted for in the report
    report = json.loads(sorted(case.glob("*_expected_detailed_report.json"))[0].read_text(encoding="utf-8"))
    first = report["results"][0]
    tally, inactive = first_round(contest)
    assert tally == {k: int(Fraction(v)) for k, v in first["tally"].items() if Fraction(v)}
    assert inactive == {k: int(Fraction(v)) for k, v in first["inactiveBallots"].items() if Fraction(v)}


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
