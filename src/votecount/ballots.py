"""Ballots and the profile that groups identical ballots once.

A :class:`Profile` is what every rule counts. It holds the candidates in the order the
ballot file lists them, and its ballots *grouped*: identical ballots are merged once, their
weights added, so that every counting loop runs over unique ballots times weights. Ballots
refer to candidates by their 0-based position in ``Profile.candidates``.

The ballots are kept in one canonical order, so two profiles holding the same papers are
equal whatever order the papers were read in.
"""

from __future__ import annotations

import operator
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from typing import Any, Literal, TypeAlias

import attrs

from votecount.candidates import Candidate
from votecount.display import profile_html
from votecount.errors import BallotError, CandidateError
from votecount.numbers import Weight
from votecount.validation import ValidationReport

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


def _index(value: Any, what: str) -> int:
    """A candidate index: an integer, or a string of digits (never a float, never a bool)."""
    try:
        if isinstance(value, bool):
            raise TypeError
        return int(value) if isinstance(value, str) else operator.index(value)
    except (TypeError, ValueError):
        raise BallotError(f"{what} must be a candidate index, not {value!r}") from None


def _iterate(value: Any, message: str) -> Iterable[Any]:
    if not isinstance(value, Iterable):
        raise BallotError(f"{message}, not {value!r}")
    return value


def _normal_ranking(value: Iterable[Any]) -> Ranking:
    if type(value) is tuple and all(type(p) is int for p in value):
        return value  # fast path: already a tuple of plain candidate indices
    out: list[Preference] = []
    for pref in _iterate(value, "a ranking must be a sequence of preferences"):
        if isinstance(pref, bool):
            raise BallotError("a preference must be a candidate index, not a bool")
        if isinstance(pref, int):
            out.append(pref)
        else:
            places = _iterate(pref, "a preference must be a candidate index or a set of them")
            group = frozenset(_index(c, "a preference") for c in places)
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
    return frozenset(_index(c, "a mark") for c in _iterate(value, "marks must be candidate indices"))


@attrs.frozen
class PluralityBallot:
    """A "cross in a box" ballot: a set of marked candidates (up to N), with a weight."""

    marks: frozenset[int] = attrs.field(converter=_normal_marks)
    weight: Weight = attrs.field(default=1, converter=_normal_weight)
    id: str | None = None

    def candidates(self) -> Iterator[int]:
        yield from sorted(self.marks)


Ballot: TypeAlias = RankedBallot | PluralityBallot


def _group_key(ballot: Ballot) -> tuple[Any, ...]:
    if isinstance(ballot, RankedBallot):
        return (ballot.ranking, ballot.id)
    return (ballot.marks, ballot.id)


def _sort_key(key: tuple[Any, ...]) -> tuple[Any, ...]:
    body, ballot_id = key
    if isinstance(body, frozenset):
        return (tuple(sorted(body)), ballot_id or "")
    return (tuple((p,) if isinstance(p, int) else tuple(sorted(p)) for p in body), ballot_id or "")


class GroupedBallots(tuple):  # type: ignore[type-arg]
    """Ballots already grouped and in canonical order, as :func:`group_ballots` returns them.

    A :class:`Profile` given these keeps them as they are instead of grouping them again.
    ``highest`` is the highest candidate index they name, where the grouping found it (no
    index is below 0 then), so that the profile need not walk them again to check it.
    """

    highest: int | None = None


def group_ballots(ballots: Iterable[Ballot]) -> GroupedBallots:
    """Merge identical ballots once, adding their weights, in one canonical order.

    Two ballots are identical when they rank (or mark) the same candidates in the same way
    and carry the same id. Ballots of weight 0 are dropped from the grouping: they carry no
    vote (a file's zero-weight lines are reported by the validity check, not here).
    """
    if isinstance(ballots, GroupedBallots):
        return ballots
    ranked: dict[tuple[Any, ...], Weight] = {}
    plural: dict[tuple[Any, ...], Weight] = {}
    if not isinstance(ballots, Sequence):
        ballots = list(_iterate(ballots, "ballots must be a sequence of ballots"))
    if set(map(type, ballots)) == {RankedBallot} and set(map(_weight_of, ballots)) == {1}:
        ranked.update(Counter(map(_ranking_and_id, ballots)))  # fast path: single papers
    else:
        ranked_get = ranked.get
        for ballot in ballots:
            if type(ballot) is RankedBallot:
                key = (ballot.ranking, ballot.id)
                ranked[key] = ranked_get(key, 0) + ballot.weight
            elif isinstance(ballot, RankedBallot | PluralityBallot):
                table = ranked if isinstance(ballot, RankedBallot) else plural
                key = _group_key(ballot)
                table[key] = table.get(key, 0) + ballot.weight
            else:
                raise BallotError(f"a profile holds RankedBallot or PluralityBallot papers, not {ballot!r}")
    if ranked and plural:
        raise BallotError("a profile holds ranked or plurality ballots, not both")
    table = ranked or plural
    if not table:
        return GroupedBallots()
    keys = [k for k, w in table.items() if w != 0]
    places: set[Any] = set(chain.from_iterable(map(itemgetter(0), keys))) if ranked else {None}
    if all(type(p) is int for p in places) and set(map(itemgetter(1), keys)) <= {None}:
        if min(places, default=0) >= 0 and max(places, default=0) < 256:
            # bytes compare as the tuples of small ints they hold, but in C: same order
            keys = [k for _, k in sorted(zip(map(bytes, map(itemgetter(0), keys)), keys, strict=True))]
        else:
            keys.sort()  # plain rankings compare directly
    else:
        keys.sort(key=_sort_key)
    # The rankings, marks and ids were checked when the ballots were made, and a sum of
    # normal weights needs only its whole-number Fractions made int: build without converters.
    make = _prechecked_ranked if ranked else _prechecked_plurality
    return GroupedBallots([make(k[0], _whole(table[k]), k[1]) for k in keys])


def group_rankings(table: Mapping[tuple[int, ...], Weight], others: Sequence[Ballot] = ()) -> GroupedBallots:
    """The ballots of ``table`` (distinct candidate indices -> summed weight, as a reader's
    :class:`~votecount.tally.CleanTally` gives them) and ``others``, grouped as
    :func:`group_ballots` groups them, without making a ballot per paper first.
    """
    make = _prechecked_ranked
    plain = all(
        type(b) is RankedBallot and b.id is None and all(type(p) is int for p in b.ranking) for b in others
    )
    if not plain:  # ids or equal rankings among the others: the general way
        return group_ballots([*(make(r, w, None) for r, w in table.items()), *others])
    merged = dict(table)
    for ballot in others:
        key: tuple[int, ...] = ballot.ranking  # type: ignore[union-attr,assignment]
        merged[key] = merged.get(key, 0) + ballot.weight
    keys = [k for k, w in merged.items() if w != 0] if 0 in merged.values() else list(merged)
    highest = None
    try:  # bytes compare as the tuples of small ints they hold, in C
        blobs = list(map(bytes, keys))
    except ValueError:  # an index below 0 or above 255
        keys.sort()
    else:
        ranking_of = dict(zip(blobs, keys, strict=True))
        blobs.sort()
        keys = list(map(ranking_of.__getitem__, blobs))
        highest = max(b"".join(blobs), default=None)
    weights = list(map(merged.__getitem__, keys))
    if set(map(type, weights)) - {int}:
        weights = [_whole(w) for w in weights]
    grouped = GroupedBallots(_ranked_in_bulk(keys, weights))
    grouped.highest = highest
    return grouped


def _ranked_in_bulk(rankings: list[tuple[int, ...]], weights: list[Weight]) -> list[RankedBallot]:
    """Ranked ballots without ids, made field by field in C (a large file has many)."""
    ballots = list(map(object.__new__, repeat(RankedBallot, len(rankings))))
    for field, values in (("ranking", rankings), ("weight", weights), ("id", repeat(None))):
        deque(map(_SLOT_SETTERS[field], ballots, values), maxlen=0)
    return ballots


_ranking_and_id = attrgetter("ranking", "id")
_weight_of = attrgetter("weight")


def _whole(weight: Weight) -> Weight:
    if type(weight) is Fraction and weight.denominator == 1:
        return weight.numerator
    return weight


def _prechecked(cls: type[Any]) -> Any:
    new = object.__new__
    set_field = object.__setattr__
    first = attrs.fields(cls)[0].name

    def make(body: Any, weight: Weight, ballot_id: str | None) -> Any:
        ballot = new(cls)
        set_field(ballot, first, body)
        set_field(ballot, "weight", weight)
        set_field(ballot, "id", ballot_id)
        return ballot

    return make


_prechecked_ranked = _prechecked(RankedBallot)
_SLOT_SETTERS = {name: getattr(RankedBallot, name).__set__ for name in ("ranking", "weight", "id")}
_prechecked_plurality = _prechecked(PluralityBallot)


def _candidates_used(ballots: tuple[Ballot, ...]) -> set[int]:
    """Every candidate index the ballots mention (walking each ranking's places once, in C)."""
    if ballots and type(ballots[0]) is PluralityBallot:
        return set(chain.from_iterable(map(attrgetter("marks"), ballots)))
    places: set[Any] = set(chain.from_iterable(map(attrgetter("ranking"), ballots)))
    groups = [p for p in places if type(p) is not int]
    if groups:
        places.difference_update(groups)
        places.update(chain.from_iterable(groups))
    return places


def _index_tuple(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(_index(c, "a candidate listed") for c in _iterate(value, "expected candidate indices"))


def _index_set(value: Iterable[int]) -> frozenset[int]:
    return frozenset(_index_tuple(value))


def _to_candidates(value: Iterable[Candidate | str]) -> tuple[Candidate, ...]:
    cands = _iterate(value, "candidates must be a sequence of candidates or names")
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
        used = {0, highest} if highest is not None else _candidates_used(self.ballots)
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
    def from_totals(
        cls, totals: Mapping[Candidate | str, Weight], **kwargs: Any
    ) -> Profile:
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
        return sum((b.weight for b in self.ballots), 0)

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


# Candidate and Weight live below (candidates, numbers); a profile's users find them here too.
__all__ = [
    "Ballot",
    "Candidate",
    "GroupedBallots",
    "PluralityBallot",
    "Preference",
    "Profile",
    "RankedBallot",
    "Ranking",
    "Weight",
    "group_ballots",
    "group_rankings",
]
