"""Voters who rank independently: impartial culture and Plackett–Luce, and their strengths.

- :func:`impartial_culture`: every ordering of the candidates equally likely.
- :func:`plackett_luce`: candidates have strengths; a voter picks a first preference in
  proportion to strength, then a second among the rest in proportion to strength, and so on.
  :func:`popularity` gives strengths with a few strong candidates and a long tail.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from random import Random

from votecount.ballots import Candidate
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
from votecount.generate.sampling import impartial_counts, plackett_luce_counts
from votecount.profile import Profile


def plackett_luce(
    candidates: CandidatesLike,
    voters: int,
    strengths: Sequence[float] | Mapping[str, float],
    *,
    seed: Seed,
    lengths: Lengths | None = None,
    ballots: BallotKind = "ranked",
    seats: int | None = None,
    title: str = "",
) -> Profile:
    """Plackett–Luce: each preference chosen among the rest in proportion to strength.

    ``strengths`` is one positive number per candidate (in order, or by name or id); a
    candidate of strength 0 is never ranked. :func:`popularity` gives strengths in which
    some candidates are far more popular than others.
    """
    cands = as_candidates(candidates)
    check_voters(voters)
    s = strengths_for(cands, strengths)
    chosen = lengths_for(lengths, ballots)
    rng = Random(seed)
    rankings = plackett_luce_counts(rng, s, voters, chosen.weights(sum(1 for x in s if x > 0)))
    return profile_from_counts(cands, rankings, ballots, seats, title or f"Plackett–Luce, {chosen}")


def impartial_culture(
    candidates: CandidatesLike,
    voters: int,
    *,
    seed: Seed,
    lengths: Lengths | None = None,
    ballots: BallotKind = "ranked",
    seats: int | None = None,
    title: str = "",
) -> Profile:
    """Impartial culture: every ordering of the candidates equally likely.

    Truncated by ``lengths`` (default: full rankings; one cross on plurality papers).
    """
    cands = as_candidates(candidates)
    check_voters(voters)
    chosen = lengths_for(lengths, ballots)
    n = len(cands)
    rankings = impartial_counts(Random(seed), n, voters, chosen.weights(n))
    return profile_from_counts(cands, rankings, ballots, seats, title or f"impartial culture, {chosen}")


def popularity(n: int, skew: float = 1.0) -> tuple[float, ...]:
    """Strengths ``1, 1/2**skew, 1/3**skew, ...``: a few strong candidates and a long tail.

    ``skew=0`` makes every candidate equal; ``skew=1`` is Zipf's law.
    """
    if n < 1:
        raise ValueError(f"need at least one candidate, not {n}")
    return tuple(1.0 / (k**skew) for k in range(1, n + 1))


def strengths_for(
    cands: Sequence[Candidate], strengths: Sequence[float] | Mapping[str, float]
) -> list[float]:
    """One strength per candidate, in order, from a sequence or a mapping by name or id."""
    if isinstance(strengths, Mapping):
        index = {c.id: i for i, c in enumerate(cands)} | {c.name: i for i, c in enumerate(cands)}
        out = [0.0] * len(cands)
        for key, value in strengths.items():
            if key not in index:
                raise KeyError(f"strength given for unknown candidate {key!r}")
            out[index[key]] = float(value)
    else:
        out = [float(x) for x in strengths]
        if len(out) != len(cands):
            raise ValueError(f"{len(out)} strengths for {len(cands)} candidates")
    if any(not x >= 0 or math.isinf(x) for x in out):
        raise ValueError("strengths must be finite numbers >= 0")
    if not any(out):
        raise ValueError("at least one candidate needs a positive strength")
    return out


__all__ = ["impartial_culture", "plackett_luce", "popularity", "strengths_for"]
