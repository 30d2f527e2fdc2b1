"""What a generated profile looks like, in the two figures compared with real elections:
how long the ballots are, and how the first preferences fall."""

from __future__ import annotations

from collections.abc import Iterable

from votecount.ballots import PluralityBallot, Weight
from votecount.profile import Profile


def ballot_lengths(profile: Profile) -> dict[int, Weight]:
    """How many papers (by weight) give each number of preferences (or crosses)."""
    out: dict[int, Weight] = {}
    for b in profile.ballots:
        size = len(b.marks) if isinstance(b, PluralityBallot) else len(b.ranking)
        out[size] = out.get(size, 0) + b.weight
    return dict(sorted(out.items()))


def first_preferences(profile: Profile) -> dict[int, Weight]:
    """Each candidate's first preferences (plurality: crosses) by index, zero included."""
    out: dict[int, Weight] = dict.fromkeys(range(len(profile.candidates)), 0)
    for b in profile.ballots:
        firsts: Iterable[int]
        if isinstance(b, PluralityBallot):
            firsts = b.marks
        elif b.ranking:
            top = b.ranking[0]
            firsts = (top,) if isinstance(top, int) else sorted(top)
        else:
            firsts = ()
        for c in firsts:
            out[c] += b.weight
    return out


__all__ = ["ballot_lengths", "first_preferences"]
