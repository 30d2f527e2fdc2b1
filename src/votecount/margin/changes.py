"""Changing papers in a profile, so that every margin's witness can be checked by a recount."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from votecount.ballots import Ballot, PluralityBallot, RankedBallot
from votecount.errors import RuleError
from votecount.profile import Profile


def apply_changes(
    profile: Profile,
    changes: Sequence[tuple[Hashable, Hashable, int]],
    key: Callable[[Ballot], Hashable],
    make: Callable[[Hashable, int], Ballot],
) -> Profile:
    """``profile`` with, for each ``(old, new, n)``, ``n`` papers whose ``key`` is ``old``
    made into papers ``make(new, n)``."""
    ballots = list(profile.ballots)
    left = [int(b.weight) for b in ballots]
    added: list[Ballot] = []
    for old, new, n in changes:
        wanted = n
        for i, ballot in enumerate(ballots):
            if wanted and left[i] and key(ballot) == old:
                take = min(wanted, left[i])
                left[i] -= take
                wanted -= take
        if wanted:
            raise RuleError(f"the witness changes {n} papers {old!r}, but there are fewer")
        added.append(make(new, n))
    kept: list[Ballot] = []
    for ballot, n in zip(ballots, left, strict=True):
        if n:
            kept.append(ballot if n == ballot.weight else _with_weight(ballot, n))
    return profile.replace(ballots=(*kept, *added))


def _with_weight(ballot: Ballot, n: int) -> Ballot:
    if isinstance(ballot, RankedBallot):
        return RankedBallot(ballot.ranking, n, ballot.id)
    return PluralityBallot(ballot.marks, n, ballot.id)


def ranking_key(ballot: Ballot) -> Hashable:
    """A ranked paper's preferences up to the first equal ones (as IRV counts them)."""
    out = []
    for item in getattr(ballot, "ranking", ()):
        if not isinstance(item, int):
            break
        out.append(item)
    return tuple(out)


def ranked(new: Hashable, n: int) -> Ballot:
    assert isinstance(new, tuple)
    return RankedBallot(new, n)


def marked(new: Hashable, n: int) -> Ballot:
    assert isinstance(new, frozenset)
    return PluralityBallot(new, n)
