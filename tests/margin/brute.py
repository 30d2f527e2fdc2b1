"""Brute force for the margin tests: try every way of changing k ballots, k = 1, 2, ..."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations_with_replacement, permutations

Ranking = tuple[int, ...]
Ballots = list[tuple[Ranking, int]]


def every_ranking(n: int) -> list[Ranking]:
    """Every ranking of some of ``n`` candidates, without equal preferences."""
    return [p for size in range(1, n + 1) for p in permutations(range(n), size)]


def removals(ballots: Ballots, k: int) -> list[tuple[int, ...]]:
    """Every multiset of k ballot indices that the counts allow."""
    out = []
    for choice in combinations_with_replacement(range(len(ballots)), k):
        if all(choice.count(i) <= ballots[i][1] for i in set(choice)):
            out.append(choice)
    return out


def brute_margin(
    ballots: Ballots,
    n: int,
    changed: Callable[[Ballots], bool],
    rankings: Sequence[Ranking] | None = None,
    most: int = 4,
) -> int | None:
    """The least k for which some change of k ballots makes ``changed`` true (up to ``most``)."""
    rankings = list(rankings if rankings is not None else every_ranking(n))
    for k in range(1, most + 1):
        for removed in removals(ballots, k):
            base = dict(ballots)
            for i in removed:
                base[ballots[i][0]] -= 1
            for added in combinations_with_replacement(rankings, k):
                trial = dict(base)
                for r in added:
                    trial[r] = trial.get(r, 0) + 1
                if changed([(r, c) for r, c in trial.items() if c]):
                    return k
    return None
