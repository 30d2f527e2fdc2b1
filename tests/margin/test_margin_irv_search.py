"""The IRV margin's search at scale and its solvers: hypothesis against brute force, the
HiGHS bounds never above the exact ones, the pure solver when scipy is absent, and (slow)
wards and generated elections of 10 and more candidates."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from itertools import permutations
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from brute import brute_margin
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_margin_exact import irv_cases, ranked_profile

import votecount
from helpers import shared_path
from votecount.cli import main
from votecount.errors import OptionError
from votecount.generate import plackett_luce, popularity, spatial_model
from votecount.margin import exact, margin
from votecount.margin.irv import _Search, ballots_of, first_bound, irv_margin, outright_winner, solver_module
from votecount.margin.program import Builder, chains

HAVE_SCIPY = importlib.util.find_spec("scipy") is not None

RANKINGS3 = [(0,), (1,), (2,), (0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1), (0, 1, 2), (2, 1, 0)]


@st.composite
def small_elections(draw: st.DrawFn) -> list[tuple[tuple[int, ...], int]]:
    counts = draw(st.lists(st.integers(0, 3), min_size=len(RANKINGS3), max_size=len(RANKINGS3)))
    ballots = [(r, k) for r, k in zip(RANKINGS3, counts, strict=True) if k]
    winner, _ = outright_winner(ballots, [0, 1, 2])
    assume(winner is not None and sum(counts) <= 9)
    return ballots


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(small_elections())
def test_irv_margin_matches_brute_force(ballots: list[tuple[tuple[int, ...], int]]) -> None:
    winner, _ = outright_winner(ballots, [0, 1, 2])
    found = irv_margin(ranked_profile(ballots, 3), winner, "exact")  # type: ignore[arg-type]

    def changed(trial: list[tuple[tuple[int, ...], int]]) -> bool:
        new, _ = outright_winner(trial, [0, 1, 2])
        return new is not None and new != winner

    expected = brute_margin(ballots, 3, changed, most=min(found.margin, 2))
    assert expected == (found.margin if found.margin <= 2 else None)


def test_first_bound_is_a_change_that_a_recount_confirms() -> None:
    # A 5, B 4, C 2 (C's papers go to B): C goes, then B 6 beats A 5. Against A the bound
    # starts from half B's lead in their pairing, plus one: 1. One of B's first preferences
    # given to A makes A 6, B 3, C 2; C goes, then A 6 beats B 5: one paper, A wins.
    ballots = [((0,), 5), ((1,), 4), ((2, 1), 2)]
    found = first_bound(ballots, 3, winner=1)
    assert found == (1, (((1,), (0,), 1),), 0)
    assert irv_margin(ranked_profile(ballots, 3), 1, "exact").margin == 1


def generated(n: int, voters: int, seed: int) -> votecount.Profile:
    return plackett_luce([f"C{i}" for i in range(n)], voters, popularity(n, 1.5), seed=seed)


def test_the_two_builders_make_the_same_programs() -> None:
    highs = pytest.importorskip("votecount.margin.highs", reason="the margin extra (scipy) is not installed")
    profile = generated(6, 300, seed=3)
    ballots = ballots_of(profile)
    pure, fast = Builder(ballots, 6), highs.Builder(ballots, 6)
    for tail in [(0, 1), (3, 2, 0), (5, 4, 3, 2, 1, 0), (1, 5, 0, 2), (4,)]:
        outside = tuple(c for c in range(6) if c not in tail)
        a, b = pure.program(tail, outside), fast.program(tail, outside)
        keys = [list(zip(p.removal, p.leads, p.ahead, strict=True)) for p in (a, b)]
        assert dict(zip(keys[0], a.sizes, strict=True)) == dict(zip(keys[1], b.sizes, strict=True))
        assert a.now == b.now and a.pairs == b.pairs and a.rows == len(a.now)
        assert [keys[0][i] for i in a.members] == [keys[1][i] for i in b.members]
        assert pure.tallies(frozenset(tail)) == fast.tallies(frozenset(tail))
    assert len(chains(6)) == 2**5


def test_highs_bounds_are_never_above_the_exact_ones() -> None:
    highs = pytest.importorskip("votecount.margin.highs", reason="the margin extra (scipy) is not installed")
    profile = generated(5, 60, seed=5)
    ballots = ballots_of(profile)
    builder = Builder(ballots, 5)
    for tail in [(0, 1, 2), (4, 3, 1), (2, 1), (4,), (2, 0, 3, 1), (3, 4, 2, 1, 0)]:
        program = builder.program(tail, [c for c in range(5) if c not in tail])
        for below in (None, 30):
            safe, proved = highs.lower_bound(program, below), exact.lower_bound(program, below)
            if proved is None:
                assert safe is None or (below is not None and safe >= below)
            else:
                assert safe is not None and safe <= proved
                # on programs this small HiGHS's duals are exact to far below 2**-20, so the
                # safe bound is the relaxation's optimum rounded up: the same two matrices
                assert safe == proved
        if len(tail) == 5:
            assert highs.solve(program, None)[0] == exact.solve(program, None)[0]  # type: ignore[index]


def test_a_tails_bound_is_never_above_any_order_ending_so() -> None:
    # The rows of the candidates outside a tail must hold for every order ending in the
    # tail: the tail's bound is at most the least distance to each such order, each found
    # by its own integer program (the pure solver, exact throughout).
    profile = generated(4, 16, seed=11)
    ballots = ballots_of(profile)
    builder = Builder(ballots, 4)
    for tail in [(3,), (2, 0), (1, 3)]:
        outside = [c for c in range(4) if c not in tail]
        bound = exact.lower_bound(builder.program(tail, outside), None)
        distances = []
        for before in permutations(outside):
            solved = exact.solve(builder.program((*before, *tail)), None)
            if solved is not None:
                distances.append(solved[0])
        assert bound is not None and distances and bound <= min(distances)
        assert bound >= exact.lower_bound(builder.program(tail), None)  # type: ignore[operator]


def test_an_order_not_proved_at_first_goes_back_into_the_queue() -> None:
    # A solver whose first try at an order never proves anything (as HiGHS's may not, when
    # the relaxation is not tight): every order goes back with its bound and is proved when
    # it comes up again, and the margins are the pure solver's.
    def unproved(program: Any, below: int | None) -> exact.Attempt:
        return exact.Attempt(exact.lower_bound(program, below) or 0, None, False)

    lazy = SimpleNamespace(**{name: getattr(exact, name) for name in exact.__all__})
    lazy.attempt = unproved
    for ballots, winner in irv_cases(seed=21, count=4, n=4):
        search = _Search(ballots, 4, winner, lazy)  # type: ignore[arg-type]
        search.run()
        assert search.best is not None
        assert search.best[0] == irv_margin(ranked_profile(ballots, 4), winner, "exact").margin


def test_without_scipy_the_pure_solver_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "scipy" or m.startswith("scipy.")] or ["scipy"]:
        monkeypatch.setitem(sys.modules, name, None)  # importing scipy now raises ImportError
    monkeypatch.delitem(sys.modules, "votecount.margin.highs", raising=False)
    assert solver_module("auto") is exact
    with pytest.raises(OptionError, match="pip install"):
        solver_module("highs")
    profile = votecount.Profile.from_rankings("ABC", [("A", 4), ("B", 3), ("CB", 2)])
    assert margin(profile, "irv").seats[0].lower == 1  # the hand case of test_margin_exact
    with pytest.raises(OptionError, match="unknown solver"):
        solver_module("gurobi")


SCOTTISH_10_PLUS = [
    ("11_cands", "orkney_2012_ward2"),
    ("11_cands", "glasgow_2012_ward10"),
    ("12_cands", "north_ayrshire_2022_north_coast"),
    # its first order's relaxation (151.9) is below that order's integer optimum (153): the
    # order is left unproved until a cheaper one (146) settles it
    ("11_cands", "south_lanarkshire_2012_ward5"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "ward"), SCOTTISH_10_PLUS)
def test_wards_of_ten_and_more_candidates(folder: str, ward: str) -> None:
    profile = votecount.read(shared_path("scottish", "blt", folder, f"{ward}.blt"))
    found = margin(profile, "irv", seats=1)  # the witness is checked by a recount inside
    (seat,) = found.seats
    assert len(profile.candidates) >= 10 and seat.exact and seat.new_winners
    # the first bound is a real change, so the margin can only be at or under it
    winner = profile.candidates.index(next(c for c in profile.candidates if c.name == seat.candidate))
    first = first_bound(ballots_of(profile), len(profile.candidates), winner)
    assert first is None or seat.lower <= first[0]
    if ward == "orkney_2012_ward2":  # cheap enough for the pure solver: both must agree
        assert margin(profile, "irv", seats=1, solver="exact").margin == found.margin


@pytest.mark.slow
@pytest.mark.skipif(not HAVE_SCIPY, reason="the margin extra (scipy) is not installed")
def test_a_generated_election_of_ten_candidates_both_solvers_agree() -> None:
    rng = random.Random(1)
    names = [f"C{i}" for i in range(10)]
    profile = spatial_model(names, 3000, [rng.uniform(-2, 2) for _ in names], seed=1)
    result = votecount.count(profile, "irv")
    winner = profile.candidates.index(result.elected[0])
    fast = irv_margin(profile, winner, "highs")
    assert fast.margin == irv_margin(profile, winner, "exact").margin
    assert fast.new_winner is not None and fast.new_winner != winner


def test_the_command_takes_the_pure_solver(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The hand case of test_margin_exact (A 4, B 3, C 2 whose papers go to B): one paper.
    path = tmp_path / "e.blt"
    path.write_text('3 1\n4 1 0\n3 2 0\n2 3 2 0\n0\n"A"\n"B"\n"C"\n"hand"\n')
    assert main(["margin", str(path), "--rule", "irv", "--solver", "exact", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["margin"] == 1 and "solver: exact" in document["seats"][0]["how"]
