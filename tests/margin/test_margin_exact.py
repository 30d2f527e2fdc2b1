"""The exact margins against brute force: on tiny elections, every way of changing 1, 2, 3
ballots is tried, and the least that changes the result must be the margin found."""

from __future__ import annotations

import importlib.util
import random
from itertools import combinations, permutations

import pytest
from brute import brute_margin

import votecount
from votecount.margin import margin
from votecount.margin.irv import irv_margin, outright_winner
from votecount.margin.plurality import marks_of, seat_margin

NAMES = "ABCD"


def random_ranked(rng: random.Random, n: int, papers: int) -> list[tuple[tuple[int, ...], int]]:
    rankings = [p for size in range(1, n + 1) for p in permutations(range(n), size)]
    found: dict[tuple[int, ...], int] = {}
    for _ in range(papers):
        r = rng.choice(rankings)
        found[r] = found.get(r, 0) + 1
    return sorted(found.items())


def ranked_profile(ballots: list[tuple[tuple[int, ...], int]], n: int) -> votecount.Profile:
    return votecount.Profile.from_rankings(NAMES[:n], [(tuple(NAMES[c] for c in r), k) for r, k in ballots])


def irv_cases(seed: int, count: int, n: int) -> list[tuple[list[tuple[tuple[int, ...], int]], int]]:
    rng = random.Random(seed)
    cases = []
    while len(cases) < count:
        ballots = random_ranked(rng, n, rng.randint(4, 8))
        winner, _ = outright_winner(ballots, list(range(n)))
        if winner is not None:
            cases.append((ballots, winner))
    return cases


def solvers() -> list[str]:
    """The IRV solvers to check: the pure one always, HiGHS when scipy is installed."""
    return ["exact", "highs"] if importlib.util.find_spec("scipy") else ["exact"]


def check_irv(
    ballots: list[tuple[tuple[int, ...], int]], winner: int, n: int, most: int, solver: str = "exact"
) -> None:
    found = irv_margin(ranked_profile(ballots, n), winner, solver)

    def changed(trial: list[tuple[tuple[int, ...], int]]) -> bool:
        new, _ = outright_winner(trial, list(range(n)))
        return new is not None and new != winner

    expected = brute_margin(ballots, n, changed, most=min(found.margin, most))
    if found.margin <= most:
        assert expected == found.margin, (ballots, found)
    else:
        assert expected is None, (ballots, found)  # nothing of up to `most` changes works
    # The witness itself: that many papers, and the count then elects the new winner outright.
    assert sum(k for _, _, k in found.changes) == found.margin
    trial = dict(ballots)
    for old, new, k in found.changes:
        trial[old] -= k
        trial[new] = trial.get(new, 0) + k
    assert (
        outright_winner([(r, k) for r, k in trial.items() if k], list(range(n)))[0]
        == found.new_winner
        != winner
    )


@pytest.mark.parametrize("solver", solvers())
@pytest.mark.parametrize(("ballots", "winner"), irv_cases(seed=16, count=6, n=3))
def test_irv_margin_is_the_least_change_three_candidates(ballots, winner, solver) -> None:  # type: ignore[no-untyped-def]
    check_irv(ballots, winner, 3, most=3, solver=solver)


@pytest.mark.slow
@pytest.mark.parametrize("solver", solvers())
@pytest.mark.parametrize(
    ("ballots", "winner"), irv_cases(seed=17, count=30, n=3) + irv_cases(seed=18, count=12, n=4)
)
def test_irv_margin_is_the_least_change_many(ballots, winner, solver) -> None:  # type: ignore[no-untyped-def]
    check_irv(ballots, winner, max(3, 1 + max(c for r, _ in ballots for c in r)), most=3, solver=solver)


def test_irv_margin_by_hand() -> None:
    # A 4, B 3, C 2 (C's papers go to B): B wins 5 to 4 after C goes. To make A win, one
    # paper B -> A gives A 5, B 2, C 2 (a tie for the exclusion: not outright); C -> A
    # gives A 5, B 3, C 1, and A then has 5 of 9 whoever goes: one paper suffices.
    profile = votecount.Profile.from_rankings("ABC", [("A", 4), ("B", 3), ("CB", 2)])
    found = margin(profile, "irv")
    (seat,) = found.seats
    assert seat.candidate == "B" and seat.exact and seat.lower == 1
    assert seat.new_winners == ("A",)


def plurality_cases(seed: int, count: int) -> list[tuple[list[tuple[frozenset[int], int]], int]]:
    rng = random.Random(seed)
    sets = [frozenset(s) for size in (1, 2) for s in combinations(range(4), size)]
    cases = []
    while len(cases) < count:
        papers: dict[frozenset[int], int] = {}
        for _ in range(rng.randint(4, 8)):
            s = rng.choice(sets)
            papers[s] = papers.get(s, 0) + 1
        votes = sorted((sum(k for s, k in papers.items() if c in s) for c in range(4)), reverse=True)
        if votes[1] != votes[2]:  # the count itself needs no lot for the second seat
            cases.append((sorted(papers.items(), key=lambda x: sorted(x[0])), 2))
    return cases


@pytest.mark.parametrize(("papers", "seats"), plurality_cases(seed=16, count=5))
def test_block_vote_margin_of_each_seat_is_the_least_change(papers, seats) -> None:  # type: ignore[no-untyped-def]
    votes = [sum(k for s, k in papers if c in s) for c in range(4)]
    order = sorted(range(4), key=lambda c: -votes[c])
    sets = [frozenset(s) for size in (1, 2) for s in combinations(range(4), size)]
    for e in order[:seats]:
        found = seat_margin(papers, votes, e, seats, lambda _: True, constrained=False)
        assert found is not None

        def unseated(trial: list[tuple[frozenset[int], int]], e: int = e) -> bool:
            v = [sum(k for s, k in trial if c in s) for c in range(4)]
            return sum(v[c] > v[e] for c in range(4)) >= seats

        expected = brute_margin(papers, 4, unseated, rankings=sets, most=min(found.margin, 3))  # type: ignore[arg-type]
        assert expected == (found.margin if found.margin <= 3 else None)


def test_block_vote_margins_through_the_library() -> None:
    # A 8, B 9, C 7, D 7, E 5; two seats: B and A. A falls below B and C if one (A, B)
    # paper becomes (B, C): A 7, C 8. B needs two rivals above it, C from 7 to 10 at
    # best two a paper: two papers.
    profile = votecount.Profile.from_marks(
        "ABCDE", [("AB", 5), ("AC", 3), ("BD", 4), ("CE", 2), ("DE", 3), ("C", 2)]
    )
    found = margin(profile, "block", seats=2)
    assert {s.candidate: s.lower for s in found.seats} == {"A": 1, "B": 2}
    assert all(s.exact and s.new_winners for s in found.seats)
    assert found.margin == 1
    assert marks_of(profile, 2)[0][1] == 5  # (A, B) x 5
