"""The papers an STV count holds: each ballot's ranking as counted, and parcels of papers.

A count reads each unique ballot once into a ranking of candidate indices
(:func:`rankings_as_counted`, or for the piles :func:`papers_in_order`); a candidate's pile
is a list of :class:`Parcel` s, each the papers that arrived together at one value, in runs
of ballots alike up to the candidate's place (:mod:`votecount.rules.stv.sorting`);
:class:`StageRecord` is what the open stage has done so far.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from itertools import chain
from typing import Literal, cast

import attrs

from votecount.ballots import RankedBallot, Ranking, Weight
from votecount.errors import RuleError
from votecount.numbers import Value
from votecount.profile import Profile
from votecount.result import Event, Transfer
from votecount.rules.stv.sorting import Run


def rankings_as_counted(
    profile: Profile, equal_rankings: Literal["exhaust", "refuse"]
) -> tuple[list[tuple[int, ...]], list[Weight]]:
    """Each unique ballot's ranking as the count reads it, and its number of papers.

    Withdrawn candidates are passed over; a place ranking two or more candidates equal
    ends the paper just before it (``"exhaust"``) or is refused (``"refuse"``, a
    :class:`~votecount.errors.RuleError`).

    The usual profile (distinct candidates on every paper, none withdrawn, no equal
    rankings) has its rankings used as they are. Whether a profile is usual is decided once
    per profile (a profile never changes), in a few passes at C speed, and remembered while
    the profile lives: a recount, a countback or the further counts of a constrained count
    do not check its papers again. Only a profile with an unusual paper is read paper by
    paper (:func:`_read_unusual`).
    """
    ballots = profile.ballots
    columns = getattr(ballots, "rankings", None) is not None  # grouped from rankings: all ranked
    if not columns and not all(issubclass(kind, RankedBallot) for kind in set(map(type, ballots))):
        raise RuleError("STV counts ranked ballots")
    plain, weights = _columns(profile)
    if is_usual(profile, plain):
        return plain, weights  # type: ignore[return-value]
    withdrawn = profile.withdrawn
    rankings = [
        r if frozenset not in map(type, r) and len(set(r)) == len(r) and withdrawn.isdisjoint(r)
        else _read_unusual(profile, r, equal_rankings)
        for r in plain
    ]
    return rankings, weights  # type: ignore[return-value]


def papers_in_order(
    profile: Profile, equal_rankings: Literal["exhaust", "refuse"]
) -> tuple[list[tuple[int, ...]], list[Weight], bool]:
    """Each unique ballot's ranking as the piles read it, in lexicographic order
    (:mod:`votecount.rules.stv.sorting` relies on it), its number of papers, and whether
    these are also the rankings as counted (:func:`rankings_as_counted`).

    A profile whose ballots were grouped from plain rankings (candidate indices 0 to 255,
    no equal rankings, no ids: ``GroupedBallots.highest`` is set, as every reader's
    grouping sets it), with no candidate withdrawn, vouches for its own rankings without a
    pass over its papers: they are in its canonical order, which for them is lexicographic
    (:mod:`votecount.grouping`). Such a ranking may still name a candidate twice, which
    changes nothing for the piles: a paper is scanned forward past candidates no longer
    continuing, and it reaches a candidate's second place only after leaving (or passing
    over) the first, when that candidate had already been elected, excluded or passed over
    for that reason, never to continue again. (Meek and Warren, which offer every paper to
    elected candidates again, read :func:`rankings_as_counted`.) Any other profile is read
    by :func:`rankings_as_counted` and its rankings sorted.
    """
    rankings, weights = _columns(profile)
    if getattr(profile.ballots, "highest", None) is not None and not profile.withdrawn:
        return rankings, weights, False  # type: ignore[return-value]
    counted = rankings_as_counted(profile, equal_rankings)[0]
    order = sorted(range(len(counted)), key=counted.__getitem__)
    return [counted[i] for i in order], [weights[i] for i in order], True


def _columns(profile: Profile) -> tuple[list[Ranking], list[Weight]]:
    """Each ballot's ranking and weight: the columns the grouping kept where it kept them
    (``GroupedBallots.rankings`` and ``weights``), else read off the ballots.

    The grouping's columns are used as they are, never copied: a count only reads them (as
    a profile never changes), and a copy would touch every ranking twice, once to count a
    reference to it and once, when the count ends, to let it go: about a tenth of a
    Scottish count of 45,000 distinct ballots, in memory traffic rather than steps."""
    ballots = cast("tuple[RankedBallot, ...]", profile.ballots)
    rankings: list[Ranking] | None = getattr(ballots, "rankings", None)
    weights: list[Weight] | None = getattr(ballots, "weights", None)
    if rankings is not None and weights is not None:
        return rankings, weights
    return [b.ranking for b in ballots], [b.weight for b in ballots]


_USUAL: dict[int, bool] = {}
"""Whether each live profile (by ``id``) is usual; an entry goes when its profile does."""


def is_usual(profile: Profile, plain: Sequence[Ranking]) -> bool:
    """Whether every paper of ``profile`` (``plain``: its rankings) ranks distinct,
    non-withdrawn candidates one to a place. Decided once per profile (see
    :func:`rankings_as_counted`)."""
    key = id(profile)
    known = _USUAL.get(key)
    if known is not None:
        return known
    used = set(chain.from_iterable(plain))
    usual = (
        all(type(c) is int for c in used)
        and profile.withdrawn.isdisjoint(used)
        and list(map(len, map(set, plain))) == list(map(len, plain))
    )
    _USUAL[key] = usual
    weakref.finalize(profile, _USUAL.pop, key, None)
    return usual


def _read_unusual(
    profile: Profile, ranking: Ranking, equal_rankings: Literal["exhaust", "refuse"]
) -> tuple[int, ...]:
    """One paper's ranking as counted, passing over withdrawn candidates, repeats and
    (see :func:`rankings_as_counted`) equal rankings."""
    withdrawn = profile.withdrawn
    out: list[int] = []
    seen: set[int] = set()
    for pref in ranking:
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
            out.append(group[0])
            seen.add(group[0])
    return tuple(out)


@attrs.define(slots=True)
class Parcel:
    """Papers a candidate holds that arrived together at one value.

    ``runs`` and ``singles`` are the papers' unique ballots: runs as
    :data:`~votecount.rules.stv.sorting.Run` s (ballots ``lo`` to ``hi - 1`` of the count's
    rankings, alike up to place ``pos``, where this candidate stands), singles as ballot
    indices, each held at the first place where its ranking names this candidate (see
    :data:`~votecount.rules.stv.sorting.Sorted`); every paper of the parcel is worth
    ``value``; ``papers`` is the number of papers (the sum of the ballots' weights);
    ``stage`` the stage they arrived at.
    """

    value: Value
    stage: int
    runs: list[Run]
    papers: Weight
    first_preferences: bool = False
    singles: list[int] = attrs.field(factory=list)


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


__all__ = ["Parcel", "StageRecord", "papers_in_order", "rankings_as_counted"]
