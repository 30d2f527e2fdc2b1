"""Papers sorted a run at a time (rules/stv/sorting.py) against sorting them one by one."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

import votecount
from votecount import Profile
from votecount.rules.stv import sorting
from votecount.rules.stv.papers import papers_in_order
from votecount.rules.stv.sorting import Run, first_preference_runs, sort_runs


def one_by_one(
    rankings: list[tuple[int, ...]], weights: list[int], status: list[int], runs: list[Run]
) -> tuple[dict[int, tuple[set[tuple[int, int]], int]], int]:
    """Each paper scanned forward on its own: destination -> (ballot, place) pairs, papers."""
    out: dict[int, tuple[set[tuple[int, int]], int]] = {}
    exhausted = 0
    for lo, hi, pos in runs:
        for b in range(lo, hi):
            p = pos + 1
            while p < len(rankings[b]) and status[rankings[b][p]]:
                p += 1
            if p == len(rankings[b]):
                exhausted += weights[b]
                continue
            papers, total = out.get(rankings[b][p], (set(), 0))
            papers.add((b, p))
            out[rankings[b][p]] = (papers, total + weights[b])
    return out, exhausted


def expanded(
    rankings: list[tuple[int, ...]], d: int, runs: list[Run], singles: list[int]
) -> set[tuple[int, int]]:
    """(ballot, place) pairs of a destination ``d``'s runs and singles (held at the first
    place where their ranking names ``d``)."""
    return {(b, pos) for lo, hi, pos in runs for b in range(lo, hi)} | {
        (b, rankings[b].index(d)) for b in singles
    }


def random_rankings(rng: random.Random, n: int, count: int) -> list[tuple[int, ...]]:
    rankings = set()
    while len(rankings) < count:
        rankings.add(tuple(rng.sample(range(n), rng.randint(0, n))))
    return sorted(rankings)


@pytest.mark.parametrize("seed", range(6))
def test_runs_sort_as_papers_one_by_one(seed: int) -> None:
    rng = random.Random(seed)
    n = 6
    rankings = random_rankings(rng, n, 400)
    weights = [rng.randint(1, 5) for _ in rankings]
    blank, firsts = first_preference_runs(rankings, n)
    assert all(not r for r in rankings[:blank]) and all(rankings[blank:])
    for c, run in enumerate(firsts):
        assert [r[0] for r in rankings[run.start : run.stop]] == [c] * len(run)
    status = [rng.choice((0, 0, 1, 2)) for _ in range(n)]
    # every candidate's first-preference run, as a pile would hold it, and single papers
    runs = [(r.start, r.stop, 0) for r in firsts if r]
    runs += [(b, b + 1, 0) for b in rng.sample(range(blank, len(rankings)), 10)]
    sorted_runs, exhausted = sort_runs(rankings, weights, status, runs)
    expected, expected_exhausted = one_by_one(rankings, weights, status, runs)
    assert exhausted == expected_exhausted
    assert set(sorted_runs) == set(expected)
    for d, (dest_runs, singles, papers) in sorted_runs.items():
        assert (expanded(rankings, d, dest_runs, singles), papers) == expected[d]
        for lo, hi, pos in dest_runs:  # each run still alike up to its place
            assert len({rankings[b][: pos + 1] for b in range(lo, hi)}) == 1
    # sorted on again from where they now lie, as a destination's pile holds them
    for d, (dest_runs, singles, _) in sorted_runs.items():
        onward = [*status]
        onward[d] = 2
        again, again_exhausted = sort_runs(rankings, weights, onward, dest_runs, singles, d)
        as_runs = [(b, b + 1, rankings[b].index(d)) for b in singles]
        expected, expected_exhausted = one_by_one(rankings, weights, onward, dest_runs + as_runs)
        assert again_exhausted == expected_exhausted
        assert {e: (expanded(rankings, e, r, s), p) for e, (r, s, p) in again.items()} == expected


@pytest.mark.parametrize("short", [0, 1, 3, 64, 1000])
def test_every_threshold_sorts_alike(short: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether a run is read paper by paper, as a single ballot, or by bisection (the
    threshold ``SHORT``) changes only the work: checked against the papers one by one."""
    monkeypatch.setattr(sorting, "SHORT", short)
    rng = random.Random(short)
    n = 5
    rankings = random_rankings(rng, n, 300)
    weights = [rng.randint(1, 4) for _ in rankings]
    _, firsts = first_preference_runs(rankings, n)
    status = [0, 1, 0, 2, 0]
    runs = [(r.start, r.stop, 0) for r in firsts if r]
    sorted_runs, exhausted = sort_runs(rankings, weights, status, runs)
    expected, expected_exhausted = one_by_one(rankings, weights, status, runs)
    assert exhausted == expected_exhausted
    assert {d: (expanded(rankings, d, r, s), p) for d, (r, s, p) in sorted_runs.items()} == expected


def test_an_unusual_profile_is_read_cleaned_and_in_order() -> None:
    profile = Profile.from_rankings(
        "ABCD", [("DA", 3), ("B", 2), ("CB", 2), ("D", 1)], withdrawn={3}
    )
    rankings, weights, counted = papers_in_order(profile, "exhaust")
    assert counted
    assert rankings == sorted(rankings)
    assert sorted(zip(rankings, weights, strict=True)) == [((), 1), ((0,), 3), ((1,), 2), ((2, 1), 2)]


@pytest.mark.parametrize("rule", ["scottish-stv", "ers97", "irv", "stv"])
def test_a_candidate_ranked_twice_counts_as_ranked_once(rule: str) -> None:
    """A ranking naming a candidate again is counted as if the repeat were not there (the
    piles pass over it, papers_in_order); checked against the rankings with it struck out."""
    rng = random.Random(7)
    papers = []
    for _ in range(60):
        ranking = rng.sample("ABCDE", rng.randint(1, 5))
        papers.append(("".join(ranking), rng.randint(1, 9)))
    repeated = [(r + r[0] + r, w) if len(r) > 1 else (r, w) for r, w in papers]
    seats = 1 if rule == "irv" else 2
    with_repeats = votecount.count(Profile.from_rankings("ABCDE", repeated), rule, seats=seats, seed=1)
    plain = votecount.count(Profile.from_rankings("ABCDE", papers), rule, seats=seats, seed=1)
    assert with_repeats.elected == plain.elected
    assert with_repeats.rounds == plain.rounds


def test_fractional_weights_keep_their_exact_sums() -> None:
    profile = Profile.from_rankings(
        "ABC", [("AB", Fraction(3, 2)), ("AC", Fraction(1, 2)), ("B", 1), ("C", Fraction(5, 2))]
    )
    result = votecount.count(profile, "stv", seats=1)
    # 5.5 papers: A 3/2 + 1/2 = 2, B 1, C 5/2. Whoever is excluded, C keeps the lead: B's
    # paper ranks no one else, and A's pass 3/2 to B (gone) and 1/2 to C.
    assert [c.name for c in result.elected] == ["C"]
    assert result.rounds[0].votes[profile.candidates[0]] == 2
