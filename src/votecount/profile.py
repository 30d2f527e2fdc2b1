"""The profile: the ballots of one election, grouped once, with the election's particulars.

A :class:`Profile` is what every rule counts. It holds the candidates in the order the
ballot file lists them, and its ballots *grouped*: identical ballots are merged once, their
weights added, so that every counting loop runs over unique ballots times weights. Ballots
refer to candidates by their 0-based position in ``Profile.candidates``.

The ballots are kept in one canonical order (:mod:`votecount.grouping`), so two profiles
holding the same papers are equal whatever order the papers were read in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from operator import attrgetter
from typing import Any, Literal

import attrs

from votecount.ballots import Ballot, PluralityBallot, RankedBallot, as_iterable, candidate_index
from votecount.candidates import Candidate
from votecount.display import profile_html
from votecount.errors import BallotError, CandidateError
from votecount.grouping import candidates_used, group_ballots
from votecount.numbers import Weight
from votecount.validation import ValidationReport


def _index_tuple(value: Iterable[int]) -> tuple[int, ...]:
    listed = as_iterable(value, "expected candidate indices")
    return tuple(candidate_index(c, "a candidate listed") for c in listed)


def _index_set(value: Iterable[int]) -> frozenset[int]:
    return frozenset(_index_tuple(value))


def _to_candidates(value: Iterable[Candidate | str]) -> tuple[Candidate, ...]:
    cands = as_iterable(value, "candidates must be a sequence of candidates or names")
    return tuple(c if isinstance(c, Candidate) else Candidate(str(c)) for c in cands)


@attrs.frozen(repr=False)
class Profile:
    """The ballots of one election, grouped once, with the election's particulars.

    ``candidates``: in the order of the ballot file; ballots refer to them by 0-based index.
    ``ballots``: grouped (see :func:`group_ballots`) and in canonical order.
    ``seats``, ``title`` and ``withdrawn`` (indices of withdrawn candidates) come from the
    ballot file where it gives them. ``validation`` is the report of how the papers read were
    counted, repaired or set aside; it is not part of equality. ``tie_order`` is a tie-break
    order the ballot file gives (BLT ``[tie ...]``), as candidate indices in the file's order.
    """

    candidates: tuple[Candidate, ...] = attrs.field(converter=_to_candidates)
    ballots: tuple[Ballot, ...] = attrs.field(converter=group_ballots)
    seats: int | None = None
    title: str = ""
    withdrawn: frozenset[int] = attrs.field(default=frozenset(), converter=_index_set)
    validation: ValidationReport | None = attrs.field(default=None, eq=False)
    tie_order: tuple[int, ...] = attrs.field(default=(), converter=_index_tuple)

    def __attrs_post_init__(self) -> None:
        n = len(self.candidates)
        ids = [c.id for c in self.candidates]
        if len(set(ids)) != n:
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            raise BallotError(f"candidate ids must be unique; repeated: {', '.join(dupes)}")
        highest = getattr(self.ballots, "highest", None)  # where the grouping found all in 0..highest
        used = {0, highest} if highest is not None else candidates_used(self.ballots)
        if used and not (min(used) >= 0 and max(used) < n):
            for ballot in self.ballots:  # name the first ballot that is out of range
                for c in ballot.candidates():
                    if not 0 <= c < n:
                        raise BallotError(f"ballot {ballot!r} names candidate {c}, but there are {n}")
        for c in self.withdrawn:
            if not 0 <= c < n:
                raise BallotError(f"withdrawn candidate {c} out of range (there are {n})")
        for c in self.tie_order:
            if not 0 <= c < n:
                raise BallotError(f"tie-order candidate {c} out of range (there are {n})")
        if self.seats is not None and (not isinstance(self.seats, int) or self.seats < 1):
            raise BallotError(f"seats must be a whole number, at least 1, not {self.seats!r}")

    @classmethod
    def from_rankings(
        cls,
        candidates: Sequence[Candidate | str],
        rankings: Iterable[Sequence[str] | tuple[Sequence[str], Weight]],
        **kwargs: Any,
    ) -> Profile:
        """Build a profile from rankings of candidate names (or ids), for quick REPL use.

        Each item is a sequence of names, or a ``(names, weight)`` pair::

            Profile.from_rankings("ABC", [("AB", 3), ("C", 2), "BA"])
        """
        cands = _to_candidates(candidates)
        index = _name_index(cands)
        ballots = []
        for item in rankings:
            names, weight = _split_weight(item)
            ballots.append(RankedBallot(tuple(_lookup(index, n) for n in names), weight))
        return cls(cands, ballots, **kwargs)

    @classmethod
    def from_marks(
        cls,
        candidates: Sequence[Candidate | str],
        marks: Iterable[Iterable[str] | tuple[Iterable[str], Weight]],
        **kwargs: Any,
    ) -> Profile:
        """Build a plurality profile from sets of marked candidate names (or ids)."""
        cands = _to_candidates(candidates)
        index = _name_index(cands)
        ballots = []
        for item in marks:
            names, weight = _split_weight(item)
            ballots.append(PluralityBallot({_lookup(index, n) for n in names}, weight))
        return cls(cands, ballots, **kwargs)

    @classmethod
    def from_totals(cls, totals: Mapping[Candidate | str, Weight], **kwargs: Any) -> Profile:
        """A plurality profile from vote totals: one single-mark ballot per candidate, weighted.

        Enough to count any plurality rule from published figures.
        """
        cands = _to_candidates(totals)
        ballots = [PluralityBallot({i}, w) for i, w in enumerate(totals.values()) if w]
        return cls(cands, ballots, **kwargs)

    @property
    def kind(self) -> Literal["ranked", "plurality", "empty"]:
        if not self.ballots:
            return "empty"
        return "ranked" if isinstance(self.ballots[0], RankedBallot) else "plurality"

    @property
    def total_weight(self) -> Weight:
        """The number of papers (the sum of weights)."""
        total: Weight | None = getattr(self.ballots, "total", None)  # summed by the grouping
        if total is None:
            total = sum(map(_weight_of, self.ballots), 0)
        return total

    @property
    def unique_ballots(self) -> int:
        return len(self.ballots)

    def candidate(self, key: str | int | Candidate) -> int:
        """The index of a candidate given by index, id, name or Candidate."""
        if isinstance(key, int) and not isinstance(key, bool):
            if not 0 <= key < len(self.candidates):
                raise CandidateError(key, "no candidate number")
            return key
        if isinstance(key, Candidate):
            if key not in self.candidates:
                raise CandidateError(key, "not a candidate of this election:")
            return self.candidates.index(key)
        return _lookup(_name_index(self.candidates), str(key))

    def replace(self, **changes: Any) -> Profile:
        """A copy with some particulars changed (``seats``, ``withdrawn``, ``title``...)."""
        return attrs.evolve(self, **changes)

    def _repr_html_(self) -> str:
        """For notebooks: the particulars and each candidate's first preferences (or marks)."""
        return profile_html(self)

    def __repr__(self) -> str:
        seats = f", seats={self.seats}" if self.seats is not None else ""
        title = f", title={self.title!r}" if self.title else ""
        return (
            f"<Profile {len(self.candidates)} candidates, {self.total_weight} ballots "
            f"({self.unique_ballots} unique){seats}{title}>"
        )


def _split_weight(item: Any) -> tuple[Any, Weight]:
    if (
        isinstance(item, tuple)
        and len(item) == 2
        and not isinstance(item[1], str)
        and isinstance(item[1], int | Fraction)
    ):
        return item[0], item[1]
    return item, 1


def _name_index(cands: Sequence[Candidate]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, c in enumerate(cands):
        index.setdefault(c.name, i)
    for i, c in enumerate(cands):
        index[c.id] = i
    return index


def _lookup(index: Mapping[str, int], key: str) -> int:
    try:
        return index[key]
    except KeyError:
        raise CandidateError(key) from None


_weight_of = attrgetter("weight")

__all__ = ["Profile"]
