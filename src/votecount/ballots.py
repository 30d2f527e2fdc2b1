"""Ballots: a ranked paper (candidates in order of preference) and a plurality paper (the
candidates marked), each with its weight, made exact and checked once when made.

Ballots refer to candidates by their 0-based position in the profile's candidates
(:class:`~votecount.profile.Profile`), which groups identical ballots once
(:mod:`votecount.grouping`).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator
from fractions import Fraction
from typing import Any, TypeAlias

import attrs

from votecount.candidates import Candidate
from votecount.errors import BallotError
from votecount.numbers import Weight

Preference: TypeAlias = int | frozenset[int]
"""One place on a ranked ballot: a candidate, or several ranked equal (where a format allows)."""

Ranking: TypeAlias = tuple[Preference, ...]


def _normal_weight(value: Any) -> Weight:
    """Accept an int, a Fraction, or a decimal string, and keep it exact."""
    if isinstance(value, bool):
        raise BallotError("a ballot weight must be a number, not a bool")
    if isinstance(value, int):
        weight: Weight = value
    elif isinstance(value, Fraction):
        weight = int(value) if value.denominator == 1 else value
    elif isinstance(value, float):
        raise BallotError("a ballot weight must be exact (int, Fraction or decimal string), not float")
    else:
        try:
            weight = _normal_weight(Fraction(value))
        except (TypeError, ValueError, ZeroDivisionError):
            raise BallotError(f"a ballot weight must be a number, not {value!r}") from None
    if weight < 0:
        raise BallotError(f"a ballot weight cannot be negative: {value!r}")
    return weight


def candidate_index(value: Any, what: str) -> int:
    """A candidate index: an integer, or a string of digits (never a float, never a bool)."""
    try:
        if isinstance(value, bool):
            raise TypeError
        return int(value) if isinstance(value, str) else operator.index(value)
    except (TypeError, ValueError):
        raise BallotError(f"{what} must be a candidate index, not {value!r}") from None


def as_iterable(value: Any, message: str) -> Iterable[Any]:
    if not isinstance(value, Iterable):
        raise BallotError(f"{message}, not {value!r}")
    return value


def _normal_ranking(value: Iterable[Any]) -> Ranking:
    if type(value) is tuple and all(type(p) is int for p in value):
        return value  # fast path: already a tuple of plain candidate indices
    out: list[Preference] = []
    for pref in as_iterable(value, "a ranking must be a sequence of preferences"):
        if isinstance(pref, bool):
            raise BallotError("a preference must be a candidate index, not a bool")
        if isinstance(pref, int):
            out.append(pref)
        else:
            places = as_iterable(pref, "a preference must be a candidate index or a set of them")
            group = frozenset(candidate_index(c, "a preference") for c in places)
            if not group:
                raise BallotError("an equal ranking must name at least one candidate")
            out.append(next(iter(group)) if len(group) == 1 else group)
    return tuple(out)


@attrs.frozen
class RankedBallot:
    """A preferential ballot: candidates in order of preference, with a weight.

    Each entry of ``ranking`` is a candidate index, or a frozenset of indices ranked equal
    (BLT ``1=2``, PrefLib ``{1,2}``). ``id`` is the ballot's identifier where the file gives
    one (BLT ``(id)``); ballots with different ids are never merged.
    """

    ranking: Ranking = attrs.field(converter=_normal_ranking)
    weight: Weight = attrs.field(default=1, converter=_normal_weight)
    id: str | None = None

    @property
    def has_equal_rankings(self) -> bool:
        return any(not isinstance(p, int) for p in self.ranking)

    def candidates(self) -> Iterator[int]:
        """Every candidate the ballot mentions, in order."""
        for pref in self.ranking:
            if isinstance(pref, int):
                yield pref
            else:
                yield from sorted(pref)


def _normal_marks(value: Iterable[Any]) -> frozenset[int]:
    marks = as_iterable(value, "marks must be candidate indices")
    return frozenset(candidate_index(c, "a mark") for c in marks)


@attrs.frozen
class PluralityBallot:
    """A "cross in a box" ballot: a set of marked candidates (up to N), with a weight."""

    marks: frozenset[int] = attrs.field(converter=_normal_marks)
    weight: Weight = attrs.field(default=1, converter=_normal_weight)
    id: str | None = None

    def candidates(self) -> Iterator[int]:
        yield from sorted(self.marks)


Ballot: TypeAlias = RankedBallot | PluralityBallot


# Candidate and Weight live below (candidates, numbers); a ballot's users find them here too.
__all__ = [
    "Ballot",
    "Candidate",
    "PluralityBallot",
    "Preference",
    "RankedBallot",
    "Ranking",
    "Weight",
]
