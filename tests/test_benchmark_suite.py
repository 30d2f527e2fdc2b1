"""A smoke run of the benchmark suite's pieces (benchmarks/): a workload written to a file,
read back by votecount and by the peers' small BLT reader alike, counted by the worker, the
floor added up. No timing is asserted; the suite itself is run by hand (docs/benchmarks.md)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

import votecount
from helpers import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))

import peers
import worker
from workloads import WORKLOADS, write_workload

BY_KEY = {w.key: w for w in WORKLOADS}


def test_every_workload_the_issue_lists_is_there() -> None:
    assert [w.key for w in WORKLOADS] == [
        "irv-200k", "irv-1m", "leader", "nec", "block", "meek", "scottish", "senate",
    ]
    senate = BY_KEY["senate"]
    assert (senate.voters, senate.candidates, senate.seats) == (5_000_000, 150, 12)
    assert BY_KEY["nec"].both_ways and BY_KEY["nec"].rules == ("scottish-stv", "ers97")


@pytest.fixture(scope="module")
def nec_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("nec")
    path, papers, *_ = write_workload(replace(BY_KEY["nec"], voters=1000), folder, 1.0)
    assert papers == 1000
    return path


def test_a_workload_file_is_read_alike_by_votecount_and_the_peers_reader(nec_file: Path) -> None:
    path = nec_file
    profile = votecount.read(path)
    names, seats, ballots = peers.read_blt(path)
    assert seats == 9 and names == [c.name for c in profile.candidates]
    theirs = sorted((tuple(r), w) for r, w in ballots)
    mine = sorted((tuple(profile.candidates[c].name for c in b.ranking), b.weight)  # type: ignore[union-attr]
                  for b in profile.ballots)
    assert theirs == mine


def test_the_worker_counts_and_adds_up_the_floor(nec_file: Path) -> None:
    path = nec_file
    plain = worker.run_votecount("scottish-stv", [path], 9, [])
    women = worker.run_votecount("scottish-stv", [path], 9, ["gender=F:5"])
    profile = votecount.read(path)
    assert plain["winners"] == [[c.name for c in votecount.count(profile, "scottish-stv").elected]]
    genders = {c.name: c.attributes["gender"] for c in worker.with_genders(profile.candidates)}
    assert sum(genders[name] == "F" for name in women["winners"][0]) >= 5
    firsts = worker.floor(profile)
    assert sum(firsts) == profile.total_weight  # every paper here ranks someone first
