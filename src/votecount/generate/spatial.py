"""Voters and candidates on a left–right line: each voter ranks from nearest to farthest.

The ballots are single-peaked. The midpoints between candidates cut the line into intervals
whose voters all rank alike, so the model is exact and fast: voters are split among the
intervals by their probabilities, in one multinomial draw.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise
from random import Random
from statistics import NormalDist

from votecount.generate.lengths import Lengths
from votecount.generate.profiles import (
    BallotKind,
    CandidatesLike,
    Seed,
    as_candidates,
    check_voters,
    lengths_for,
    profile_from_counts,
)
from votecount.generate.sampling import Rankings, multinomial
from votecount.profile import Profile

_STANDARD_NORMAL = NormalDist(0.0, 1.0)


def spatial_model(
    candidates: CandidatesLike,
    voters: int,
    positions: Sequence[float],
    *,
    seed: Seed,
    electorate: NormalDist | Sequence[tuple[float, NormalDist]] = _STANDARD_NORMAL,
    lengths: Lengths | None = None,
    ballots: BallotKind = "ranked",
    seats: int | None = None,
    title: str = "",
) -> Profile:
    """A one-dimensional spatial model: voters rank candidates from nearest to farthest.

    Candidates stand at ``positions`` on a left–right line; voters are spread along it by
    ``electorate``, a normal distribution or a mixture of ``(weight, NormalDist)`` pairs (a
    polarised electorate). The ballots are single-peaked. Candidates at the same position
    are ranked in their listed order.

    Exact and fast: the midpoints between candidates cut the line into intervals whose voters
    all rank alike, so voters are split among the intervals by their probabilities.
    """
    cands = as_candidates(candidates)
    check_voters(voters)
    xs = [float(x) for x in positions]
    if len(xs) != len(cands):
        raise ValueError(f"{len(xs)} positions for {len(cands)} candidates")
    if any(not math.isfinite(x) for x in xs):
        raise ValueError("positions must be finite numbers")
    mixture = [(1.0, electorate)] if isinstance(electorate, NormalDist) else list(electorate)
    if not mixture or any(w < 0 for w, _ in mixture) or not sum(w for w, _ in mixture) > 0:
        raise ValueError("the electorate needs at least one part of positive weight")
    chosen = lengths_for(lengths, ballots)
    n = len(cands)
    cuts = sorted({(a + b) / 2 for i, a in enumerate(xs) for b in xs[i + 1 :] if a != b})
    edges = [-math.inf, *cuts, math.inf]
    spread = max(1.0, max(xs) - min(xs))
    masses: list[float] = []
    orders: list[tuple[int, ...]] = []
    for lo, hi in pairwise(edges):
        point = (
            (lo + hi) / 2
            if math.isfinite(lo) and math.isfinite(hi)
            else (hi - spread if math.isfinite(hi) else (lo + spread if math.isfinite(lo) else 0.0))
        )
        orders.append(tuple(sorted(range(n), key=lambda c: (abs(point - xs[c]), c))))
        masses.append(sum(w * (_cdf(d, hi) - _cdf(d, lo)) for w, d in mixture))
    rng = Random(seed)
    split = multinomial(rng, voters, masses)
    length_weights = chosen.weights(n)
    rankings: Rankings = {}
    for order, m in zip(orders, split, strict=True):
        for length, mk in enumerate(multinomial(rng, m, length_weights), 1):
            if mk:
                key = order[:length]
                rankings[key] = rankings.get(key, 0) + mk
    return profile_from_counts(cands, rankings, ballots, seats, title or f"1-D spatial, {chosen}")


def _cdf(dist: NormalDist, x: float) -> float:
    if x == math.inf:
        return 1.0
    if x == -math.inf:
        return 0.0
    return dist.cdf(x)


__all__ = ["spatial_model"]
