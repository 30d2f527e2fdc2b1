"""The other Python counters, each given the same ballot files as votecount.

Each peer runs in the peers' own environment (see docs/benchmarks.md: never a dependency
of votecount), reads the file with the small BLT reader below (the peers read no BLT of
their own, so each is given its ballots as it takes them, and that reading is part of its
whole process) and counts with the rule nearest votecount's. Imports are inside each
adapter: a peer that is not installed is reported as absent, and the others still run.

``RULES`` says which peer counts which rule, and how its rule differs.
"""

from __future__ import annotations

import importlib
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Ballots = list[tuple[list[str], int]]
"""Rankings by candidate name, each with its number of papers."""

IRV_NOTE = "IRV; ties and exhaustion as the peer handles them"
STV_FLOAT = "STV in floats (another transfer rule)"
RULES: dict[tuple[str, str], str] = {
    ("pyrankvote", "irv"): IRV_NOTE + "; one ballot object per paper",
    ("pyrankvote", "scottish-stv"): STV_FLOAT + ": Droop quota, fractional transfers, no statute",
    ("pyrankvote", "ers97"): STV_FLOAT + ": Droop quota, fractional transfers, no statute",
    ("stvpoll", "irv"): "IRV (stvpoll's IRV class); floats",
    ("stvpoll", "scottish-stv"): "Scottish STV (stvpoll's ScottishSTV): decimals, its own tie rules",
    ("stvpoll", "ers97"): "Scottish STV (stvpoll's ScottishSTV), not ERS97",
    ("pref_voting", "irv"): IRV_NOTE + "; truncated ballots as linear orders with ties",
    ("votelib", "irv"): "IRV as votelib's transferable vote selector (1 seat)",
    ("votelib", "scottish-stv"): "STV as votelib's transferable vote selector (Gregory), not the statute",
    ("votekit", "irv"): IRV_NOTE,
    ("votekit", "scottish-stv"): "votekit's STV (fractional transfer), not the statute",
    ("pyrcv", "irv"): IRV_NOTE,
}
"""(peer, votecount rule) → how the peer's rule differs from votecount's. Constraints
(gender minimums), block vote and Meek are counted by no peer but Droop."""

PEERS = ("pyrankvote", "stvpoll", "pref_voting", "votelib", "votekit", "pyrcv")


def read_blt(path: Path) -> tuple[list[str], int, Ballots]:
    """A BLT file's candidate names, seats and ballots (weights, ``=`` ranks read as the
    first of the equals; withdrawn candidates dropped)."""
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    n, seats = (int(x) for x in lines[0].split()[:2])
    i = 1
    withdrawn: set[int] = set()
    if lines[i].strip().startswith("-"):
        withdrawn = {-int(x) for x in lines[i].split()}
        i += 1
    raw: list[tuple[list[int], int]] = []
    while True:
        parts = lines[i].split()
        i += 1
        if not parts:
            continue
        if parts[0] == "0":
            break
        if parts[0].startswith("("):
            parts = parts[1:]
        weight = int(parts[0])
        ranking = [int(p.split("=")[0]) for p in parts[1:-1]]
        raw.append(([c for c in ranking if c not in withdrawn], weight))
    names: list[str] = []
    for line in lines[i : i + n]:
        name = shlex.split(line)[0]
        names.append(name if name not in names else f"{name} ({len(names) + 1})")  # peers need them unique
    ballots = [([names[c - 1] for c in r], w) for r, w in raw]
    return names, seats, ballots


def run(tool: str, rule: str, files: list[Path], seats: int) -> dict[str, Any]:
    """Count each file with ``tool``: CPU time of the counts and the winners."""
    adapter = ADAPTERS[tool]
    for module in MODULES[tool]:  # imported before the clock starts: not part of the count
        importlib.import_module(module)
    count_cpu = read_cpu = 0.0
    winners = []
    failures: list[str] = []
    for path in files:
        start = time.process_time()
        names, file_seats, ballots = read_blt(path)
        read_cpu += time.process_time() - start
        k = seats or file_seats
        start = time.process_time()
        try:
            elected = adapter(rule, names, ballots, k)
        except Exception as error:  # a peer that cannot count one ward still counts the rest
            failures.append(f"{path.name}: {type(error).__name__}")
            elected = ["(failed)"]
        count_cpu += time.process_time() - start
        winners.append(sorted(elected))
    if failures and len(failures) == len(files):
        raise RuntimeError(f"every count failed: {failures[0]}")
    return {"count": count_cpu, "floor": None, "read": read_cpu, "winners": winners, "failed": len(failures)}


def _pyrankvote(rule: str, names: list[str], ballots: Ballots, seats: int) -> list[str]:
    import pyrankvote

    cands = {n: pyrankvote.Candidate(n) for n in names}
    papers = []
    for ranking, weight in ballots:
        if ranking:
            ballot = pyrankvote.Ballot(ranked_candidates=[cands[n] for n in ranking])
            papers.extend([ballot] * weight)
    people = list(cands.values())
    if rule == "irv":
        result = pyrankvote.instant_runoff_voting(people, papers)
    else:
        result = pyrankvote.single_transferable_vote(people, papers, number_of_seats=seats)
    return [c.name for c in result.get_winners()]


def _stvpoll(rule: str, names: list[str], ballots: Ballots, seats: int) -> list[str]:
    import random

    from stvpoll.irv import IRV
    from stvpoll.scottish_stv import ScottishSTV

    random.seed(1)  # stvpoll shuffles the candidates and breaks ties by lot
    poll = IRV(seats=1, candidates=names) if rule == "irv" else ScottishSTV(seats=seats, candidates=names)
    for ranking, weight in ballots:
        if ranking:
            poll.add_ballot(ranking, weight)
    return [str(c) for c in poll.calculate()]


def _votelib(rule: str, names: list[str], ballots: Ballots, seats: int) -> list[str]:
    from votelib.evaluate.sequential import TransferableVoteSelector

    votes: dict[tuple[str, ...], int] = {}
    for ranking, weight in ballots:
        if ranking:
            key = tuple(ranking)
            votes[key] = votes.get(key, 0) + weight
    return [str(c) for c in TransferableVoteSelector().evaluate(votes, seats)]


def _pref_voting(rule: str, names: list[str], ballots: Ballots, seats: int) -> list[str]:
    from pref_voting.iterative_methods import instant_runoff_for_truncated_linear_orders
    from pref_voting.profiles_with_ties import ProfileWithTies

    kept = [(r, w) for r, w in ballots if r]
    rankings = [{name: place for place, name in enumerate(r, 1)} for r, _ in kept]
    profile = ProfileWithTies(rankings, rcounts=[w for _, w in kept], candidates=names)
    return [str(c) for c in instant_runoff_for_truncated_linear_orders(profile)]


def _votekit(rule: str, names: list[str], ballots: Ballots, seats: int) -> list[str]:
    from votekit.ballot import RankBallot
    from votekit.elections import IRV, STV
    from votekit.pref_profile import RankProfile

    papers = [RankBallot(ranking=[{n} for n in r], weight=w) for r, w in ballots if r]
    profile = RankProfile(ballots=papers, candidates=names)
    election = IRV(profile) if rule == "irv" else STV(profile, n_seats=seats)
    return [str(c) for group in election.get_elected() for c in group]


def _pyrcv(rule: str, names: list[str], ballots: Ballots, seats: int) -> list[str]:
    from pyrcv.pyrcv import run_rcv
    from pyrcv.types import RaceData, RaceMetadata

    index = {n: i for i, n in enumerate(names, 1)}
    kept = [(r, w) for r, w in ballots if r]
    longest = max(len(r) for r, _ in kept)
    rows = [[index[n] for n in r] + [0] * (longest - len(r)) for r, _ in kept]
    race = RaceData(RaceMetadata("bench", 1, names), rows, [w for _, w in kept])
    result = run_rcv(race)
    return [names[i - 1] for i in result.rounds[-1].elected]


DROOP_RULES = {
    "meek": {"rule": "meek", "arithmetic": "rational"},
    "warren": {"rule": "warren", "arithmetic": "rational"},
    "scottish-stv": {"rule": "scotland"},
}
"""votecount's rule → Droop's options (Droop reads the ballot file itself)."""


def run_droop(checkout: Path, rule: str, files: list[Path]) -> dict[str, Any]:
    """Count each file with Droop from ``checkout``: its own reading, then its count."""
    sys.path.insert(0, str(checkout))
    from droop.election import Election
    from droop.profile import ElectionProfile

    count_cpu = read_cpu = 0.0
    winners = []
    for path in files:
        start = time.process_time()
        profile = ElectionProfile(path=str(path))
        read_cpu += time.process_time() - start
        election = Election(profile, dict(DROOP_RULES[rule], path=str(path)))
        start = time.process_time()
        election.count()
        count_cpu += time.process_time() - start
        election.report()
        winners.append(sorted(str(c.name) for c in election.elected))
    return {"count": count_cpu, "floor": None, "read": read_cpu, "winners": winners}


ADAPTERS: dict[str, Callable[[str, list[str], Ballots, int], list[str]]] = {
    "pyrankvote": _pyrankvote,
    "stvpoll": _stvpoll,
    "votelib": _votelib,
    "pref_voting": _pref_voting,
    "votekit": _votekit,
    "pyrcv": _pyrcv,
}

MODULES: dict[str, tuple[str, ...]] = {
    "pyrankvote": ("pyrankvote",),
    "stvpoll": ("stvpoll.irv", "stvpoll.scottish_stv"),
    "votelib": ("votelib.evaluate.sequential",),
    "pref_voting": ("pref_voting.iterative_methods", "pref_voting.profiles_with_ties"),
    "votekit": ("votekit.ballot", "votekit.elections", "votekit.pref_profile"),
    "pyrcv": ("pyrcv.pyrcv", "pyrcv.types"),
}

__all__ = ["ADAPTERS", "DROOP_RULES", "MODULES", "PEERS", "RULES", "read_blt", "run", "run_droop"]
