"""Grouping identical ballots once, in one canonical order, as a profile keeps them.

Two profiles holding the same papers are equal whatever order the papers were read in,
because their ballots are grouped and sorted the same way here.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from typing import Any

import attrs

from votecount.ballots import Ballot, PluralityBallot, RankedBallot, as_iterable
from votecount.errors import BallotError
from votecount.numbers import Weight
from votecount.tally import Ranking


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

    Ballots grouped from plain rankings (:func:`group_rankings`) also keep the columns they
    were made from: ``rankings`` and ``weights``, each ballot's in the ballots' order, and
    ``total``, the weights' sum. A count reads these instead of walking the ballots to make
    them again (the lists are the grouping's own: a reader copies before changing one).
    """

    highest: int | None = None
    rankings: list[tuple[int, ...]] | None = None
    weights: list[Weight] | None = None
    total: Weight | None = None


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
        ballots = list(as_iterable(ballots, "ballots must be a sequence of ballots"))
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
    if ranked and set(map(itemgetter(1), ranked)) <= {None}:
        rankings = {ranking: w for (ranking, _), w in ranked.items()}
        if all(type(p) is int for p in chain.from_iterable(rankings)):
            return _grouped_rankings(rankings)  # plain rankings, no ids: sorted as the readers sort
    keys = [k for k, w in table.items() if w != 0]
    keys.sort(key=_sort_key)
    # The rankings, marks and ids were checked when the ballots were made, and a sum of
    # normal weights needs only its whole-number Fractions made int: build without converters.
    make = _prechecked_ranked if ranked else _prechecked_plurality
    return GroupedBallots([make(k[0], _whole(table[k]), k[1]) for k in keys])


def group_rankings(table: Mapping[Any, Weight], others: Sequence[Ballot] = ()) -> GroupedBallots:
    """The ballots of ``table`` (distinct candidate indices, as a tuple or coded as bytes ->
    summed weight, as a reader's :class:`~votecount.tally.CleanTally` gives them) and
    ``others``, grouped as :func:`group_ballots` groups them, without making a ballot per
    paper first.
    """
    make = _prechecked_ranked
    plain = all(
        type(b) is RankedBallot and b.id is None and all(type(p) is int for p in b.ranking) for b in others
    )
    if not plain:  # ids or equal rankings among the others: the general way
        return group_ballots([*(make(tuple(r), w, None) for r, w in table.items()), *others])
    if not others:
        return _grouped_rankings(table)  # read only: no copy of a large table
    merged = dict(table)
    for ballot in others:
        key: tuple[int, ...] = ballot.ranking  # type: ignore[union-attr,assignment]
        merged[key] = merged.get(key, 0) + ballot.weight
    return _grouped_rankings(merged)


def group_marks(table: Mapping[Any, Weight], others: Sequence[Ballot] = ()) -> GroupedBallots:
    """The plurality ballots of ``table`` (the candidates marked, distinct, in index order ->
    summed weight, as a reader's :class:`~votecount.tally.CleanTally` of marks gives them) and
    ``others``, grouped as :func:`group_ballots` groups them."""
    make = _prechecked_plurality
    return group_ballots([*(make(frozenset(m), w, None) for m, w in table.items()), *others])


def _grouped_rankings(merged: Mapping[Ranking, Weight]) -> GroupedBallots:
    """Plain rankings (candidate indices, no ids; tuples or coded as bytes) and their summed
    weights as grouped ballots, in the canonical order, each made once; zero weights dropped.

    Rankings are sorted as bytes where every index fits in one (bytes compare as the tuples
    of small ints they hold, in C), which also finds the highest index at once.
    """
    coded = _coded(merged)
    highest = None
    table: Mapping[Any, Weight]
    if coded is None:  # an index below 0 or above 255: sorted as tuples
        table = _merged(merged, tuple)
        keys = _weighed(table)
        keys.sort()
        rankings = keys
    else:
        table = coded
        keys = _weighed(table)
        keys.sort()
        highest = _highest(keys)
        rankings = list(map(tuple, keys))
    weights = list(map(table.__getitem__, keys))
    total = sum(weights, 0)
    if type(total) is not int:  # a Fraction among the weights (an int sum means none)
        weights = [_whole(w) for w in weights]
        total = _whole(total)
    grouped = GroupedBallots(_ranked_in_bulk(rankings, weights))
    grouped.highest = highest
    grouped.rankings, grouped.weights, grouped.total = rankings, weights, total
    return grouped


def _highest(keys: list[bytes]) -> int | None:
    """The highest byte of any of ``keys``, sorted: at least the last key's first byte, the
    highest first preference; any byte above it is found in one pass that keeps only those."""
    if not keys:
        return None
    joined = b"".join(keys)
    if not keys[-1]:  # only the empty ranking
        return max(joined, default=None)
    first = keys[-1][0]
    return max(joined.translate(None, bytes(range(first + 1))), default=first)


def _coded(merged: Mapping[Ranking, Weight]) -> Mapping[bytes, Weight] | None:
    """``merged`` with every ranking coded as bytes (a ranking held both ways merged), or
    None if an index does not fit in a byte."""
    try:
        b"".join(merged)  # type: ignore[arg-type]
        return merged  # type: ignore[return-value]  # every ranking bytes already
    except TypeError:  # some are tuples
        pass
    kinds = set(map(type, merged))
    try:
        if kinds == {tuple}:  # distinct tuples of ints make distinct bytes
            return dict(zip(map(bytes, merged), merged.values(), strict=True))
        return _merged(merged, bytes)
    except ValueError:
        return None


def _merged(merged: Mapping[Ranking, Weight], form: Any) -> dict[Any, Weight]:
    """``merged`` with each ranking in ``form`` (``bytes`` or ``tuple``), weights added where
    two keys become one."""
    table: dict[Any, Weight] = {}
    get = table.get
    for ranking, weight in merged.items():
        key = ranking if type(ranking) is form else form(ranking)
        table[key] = get(key, 0) + weight
    return table


def _weighed(table: Mapping[Any, Weight]) -> list[Any]:
    """The rankings of ``table`` whose weight is not zero."""
    return [k for k, w in table.items() if w != 0] if 0 in table.values() else list(table)


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


def candidates_used(ballots: tuple[Ballot, ...]) -> set[int]:
    """Every candidate index the ballots mention (walking each ranking's places once, in C)."""
    if ballots and type(ballots[0]) is PluralityBallot:
        return set(chain.from_iterable(map(attrgetter("marks"), ballots)))
    places: set[Any] = set(chain.from_iterable(map(attrgetter("ranking"), ballots)))
    groups = [p for p in places if type(p) is not int]
    if groups:
        places.difference_update(groups)
        places.update(chain.from_iterable(groups))
    return places


__all__ = ["GroupedBallots", "group_ballots", "group_marks", "group_rankings"]
