"""What every generator shares: the arguments it takes and the profile it returns.

A model takes the candidates (names, :class:`~votecount.ballots.Candidate` s, or a number),
the number of voters, a seed and the kind of ballot, and turns counts of rankings into a
grouped :class:`~votecount.profile.Profile`; the checks and conversions of those arguments,
and that last step, are the same for every model and live here.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from typing import Literal, TypeAlias

from votecount.ballots import Candidate, PluralityBallot
from votecount.generate.lengths import Lengths
from votecount.grouping import group_rankings
from votecount.profile import Profile

Seed: TypeAlias = int | str
"""A generator's seed: the same seed and arguments always give the same profile."""

BallotKind: TypeAlias = Literal["ranked", "plurality"]
CandidatesLike: TypeAlias = int | Sequence[Candidate | str]


def candidate_names(n: int) -> tuple[str, ...]:
    """``n`` short names in spreadsheet order: A, B, ..., Z, AA, AB, ..."""
    names = []
    for i in range(n):
        name = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            name = string.ascii_uppercase[r] + name
        names.append(name)
    return tuple(names)


def as_candidates(candidates: CandidatesLike) -> tuple[Candidate, ...]:
    """The candidates a model was given, as :class:`~votecount.ballots.Candidate` s."""
    if isinstance(candidates, int):
        if candidates < 1:
            raise ValueError(f"an election needs at least one candidate, not {candidates}")
        candidates = candidate_names(candidates)
    out = tuple(c if isinstance(c, Candidate) else Candidate(c) for c in candidates)
    if not out:
        raise ValueError("an election needs at least one candidate")
    return out


def check_voters(voters: int) -> None:
    """Refuse a number of voters that is not a whole number >= 0."""
    if isinstance(voters, bool) or not isinstance(voters, int) or voters < 0:
        raise ValueError(f"voters must be a whole number >= 0, not {voters!r}")


def lengths_for(lengths: Lengths | None, ballots: BallotKind) -> Lengths:
    """The lengths given, or the default: full rankings, or one cross on plurality papers."""
    if lengths is not None:
        return lengths
    return Lengths.full() if ballots == "ranked" else Lengths.exactly(1)


def profile_from_counts(
    candidates: tuple[Candidate, ...],
    rankings: Mapping[tuple[int, ...], int],
    ballots: BallotKind,
    seats: int | None,
    title: str,
) -> Profile:
    """The profile of ``rankings``: ranked ballots, or crosses for each ranking's candidates."""
    if ballots == "ranked":
        # the samplers make tuples of distinct candidate indices and whole weights: the
        # ballots are made once each, grouped, without being checked again
        return Profile(candidates, group_rankings(rankings), seats=seats, title=title)
    elif ballots == "plurality":
        marks: dict[frozenset[int], int] = {}
        for r, w in rankings.items():
            key = frozenset(r)
            marks[key] = marks.get(key, 0) + w
        papers = [PluralityBallot(k, w) for k, w in marks.items()]
    else:
        raise ValueError(f"ballots must be 'ranked' or 'plurality', not {ballots!r}")
    return Profile(candidates, papers, seats=seats, title=title)


__all__ = [
    "BallotKind",
    "CandidatesLike",
    "Seed",
    "as_candidates",
    "candidate_names",
    "check_voters",
    "lengths_for",
    "profile_from_counts",
]
