"""The papers an STV count holds: each ballot's ranking as counted, and parcels of papers.

A count reads each unique ballot once into a ranking of candidate indices
(:func:`rankings_as_counted`); a candidate's pile is a list of :class:`Parcel` s, each the
papers that arrived together at one value; :class:`StageRecord` is what the open stage has
done so far.
"""

from __future__ import annotations

from typing import Literal

import attrs

from votecount.ballots import RankedBallot, Weight
from votecount.errors import RuleError
from votecount.numbers import Value
from votecount.profile import Profile
from votecount.result import Event, Transfer


def rankings_as_counted(
    profile: Profile, equal_rankings: Literal["exhaust", "refuse"]
) -> tuple[list[tuple[int, ...]], list[Weight]]:
    """Each unique ballot's ranking as the count reads it, and its number of papers.

    Withdrawn candidates are passed over; a place ranking two or more candidates equal
    ends the paper just before it (``"exhaust"``) or is refused (``"refuse"``, a
    :class:`~votecount.errors.RuleError`).
    """
    withdrawn = profile.withdrawn
    rankings: list[tuple[int, ...]] = []
    weights: list[Weight] = []
    for ballot in profile.ballots:
        if not isinstance(ballot, RankedBallot):
            raise RuleError("STV counts ranked ballots")
        plain = ballot.ranking
        if (
            frozenset not in map(type, plain)
            and len(set(plain)) == len(plain)
            and withdrawn.isdisjoint(plain)
        ):
            # the usual paper: distinct candidates, none withdrawn, no equal rankings
            rankings.append(plain)  # type: ignore[arg-type]
            weights.append(ballot.weight)
            continue
        ranking: list[int] = []
        seen: set[int] = set()
        for pref in ballot.ranking:
            if isinstance(pref, int):
                group = [pref] if pref not in withdrawn else []
            else:
                group = sorted(c for c in pref if c not in withdrawn)
            group = [c for c in group if c not in seen]
            if len(group) > 1:
                if equal_rankings == "refuse":
                    names = ", ".join(profile.candidates[c].name for c in group)
                    raise RuleError(f"a ballot ranks {names} equal, and equal_rankings='refuse'")
                break
            if group:
                ranking.append(group[0])
                seen.add(group[0])
        rankings.append(tuple(ranking))
        weights.append(ballot.weight)
    return rankings, weights


@attrs.define(slots=True)
class Parcel:
    """Papers a candidate holds that arrived together at one value.

    ``ballots[i]`` is a unique-ballot index and ``positions[i]`` the place on it where this
    candidate is ranked; every paper of the parcel is worth ``value``; ``papers`` is the
    number of papers (the sum of the ballots' weights); ``stage`` the stage they arrived at.
    """

    value: Value
    stage: int
    ballots: list[int]
    positions: list[int]
    papers: Weight
    first_preferences: bool = False


@attrs.define
class StageRecord:
    """What the open stage has done so far; closed into a :class:`~votecount.result.Round`."""

    description: str
    kind: str
    changes: dict[int, Value] = attrs.field(factory=dict)
    transfers: list[Transfer] = attrs.field(factory=list)
    events: list[Event] = attrs.field(factory=list)
    exhausted: Value = 0
    lost: Value = 0
    quota: Value = 0


__all__ = ["Parcel", "StageRecord", "rankings_as_counted"]
