"""The exact margin of victory of an IRV count: the fewest ballots whose rankings, changed,
make another candidate win outright.

"Outright" means every exclusion on the way is decided without a tie (a candidate strictly
lowest at each round, down to the last two): a change that only creates a tie, settled by
lot, is not a change of winner.

The search follows Magrino, Rivest, Shen and Wagner (2011) and Blom, Stuckey and Teague
(2015): the outcome of IRV is fixed by its order of elimination, so the margin is the least,
over every order ending in another winner, of the fewest changes that make the count follow
that order (``distance_to``). Orders are built from the end (the winner, then who goes
last-but-one, ...), and a partial order is dropped as soon as a lower bound on every
completion reaches the best margin found: at the round where the set ``S`` remains, the
candidate to go must have fewer votes than each other one in ``S``, and one changed ballot
moves the gap between two candidates by at most two. A complete order's distance is a small
integer program (:mod:`votecount.margin.ilp`):

- *removed* ballots, by what they do under the order (whom they count for at each round),
  at most as many as there are;
- *added* ballots, one variable for each ranking that lists some candidates in the order's
  order and ends with its winner (a ranking that exhausts instead is never better than the
  same ranking with the winner added, and any other ranking counts as one of these);
- as many added as removed; at each round, every continuing candidate at least one vote
  above the one to go; the fewest added.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from math import ceil

import attrs

from votecount.errors import RuleError
from votecount.margin.ilp import Row, solve_ilp, solve_lp
from votecount.profile import Profile

Ranking = tuple[int, ...]


@attrs.frozen
class IRVMargin:
    """The margin, the winner it would give, and the ballots to change (the witness)."""

    margin: int
    winner: int
    new_winner: int | None
    order: tuple[int, ...]
    """The elimination order the changed ballots produce, first excluded first."""
    changes: tuple[tuple[Ranking, Ranking, int], ...]
    """``(ranking now, ranking after, how many)``: take that many papers ranked so, rank them so."""
    orders_tried: int = 0
    """Complete orders whose distance was computed (the rest were pruned by the bounds)."""


def ballots_of(profile: Profile) -> list[tuple[Ranking, int]]:
    """Each distinct ranking and its number of papers; a ranking stops where equal
    preferences begin (they exhaust there, as IRV counts them)."""
    found: dict[Ranking, int] = {}
    for ballot in profile.ballots:
        ranking = []
        for item in getattr(ballot, "ranking", ()):
            if not isinstance(item, int):
                break
            ranking.append(item)
        weight = ballot.weight
        if int(weight) != weight:
            raise RuleError("a margin counts whole ballots; this profile has fractional weights")
        if ranking:
            found[tuple(ranking)] = found.get(tuple(ranking), 0) + int(weight)
    return sorted(found.items())


def tallies(ballots: Sequence[tuple[Ranking, int]], remaining: frozenset[int]) -> dict[int, int]:
    """Each remaining candidate's votes when only ``remaining`` continue."""
    totals = dict.fromkeys(remaining, 0)
    for ranking, n in ballots:
        top = next((c for c in ranking if c in remaining), None)
        if top is not None:
            totals[top] += n
    return totals


def outright_winner(
    ballots: Sequence[tuple[Ranking, int]], candidates: Sequence[int]
) -> tuple[int | None, tuple[int, ...]]:
    """The IRV winner when every exclusion is strict, and the order; ``None`` on a tie."""
    remaining = frozenset(candidates)
    order: list[int] = []
    while len(remaining) > 1:
        totals = tallies(ballots, remaining)
        low = min(totals.values())
        lowest = [c for c, v in totals.items() if v == low]
        if len(lowest) > 1:
            return None, tuple(order)
        order.append(lowest[0])
        remaining = remaining - {lowest[0]}
    (last,) = remaining
    return last, (*order, last)


def _gap_bound(totals: dict[int, int], going: int) -> int:
    """Changes needed for ``going`` to be strictly lowest, from its largest lead."""
    lead = max((totals[going] - v for c, v in totals.items() if c != going), default=-1)
    return max(0, ceil((lead + 1) / 2))


@attrs.frozen
class _Program:
    columns: int
    cost: list[int]
    rows: list[Row]
    upper: dict[int, int]
    removal: list[tuple[int | None, ...]]
    removable: dict[tuple[int | None, ...], list[tuple[Ranking, int]]]
    additions: list[tuple[int, ...]]


def _program(
    ballots: Sequence[tuple[Ranking, int]], order: Sequence[int], below: int | None = None
) -> _Program:
    """The integer program of :func:`distance_to`. For a suffix of an order (its last
    candidates, winner last) it states only the rounds where those remain: a relaxation
    of every order ending so, whose optimum bounds theirs from below."""
    n = len(order)
    position = {c: i for i, c in enumerate(order)}

    def path(ranking: Ranking) -> tuple[int | None, ...]:
        """Whom the ballot counts for at each round with a decision (rounds 0 .. n-2)."""
        places = [position[c] for c in ranking if c in position]
        return tuple(next((p for p in places if p >= r), None) for r in range(n - 1))

    removable: dict[tuple[int | None, ...], list[tuple[Ranking, int]]] = {}
    for ranking, count in ballots:
        removable.setdefault(path(ranking), []).append((ranking, count))
    removal = list(removable)
    additions = [(*chosen, n - 1) for size in range(n) for chosen in combinations(range(n - 1), size)]
    added_paths = [path(tuple(order[p] for p in chain)) for chain in additions]
    columns = len(removal) + len(additions)
    rows = []
    for r in range(n - 1):
        for j in range(r + 1, n):
            coefficients: dict[int, int] = {}
            for k, key in enumerate(removal):
                g = (key[r] == j) - (key[r] == r)
                if g:
                    coefficients[k] = -g
            for k, trail in enumerate(added_paths):
                g = (trail[r] == j) - (trail[r] == r)
                if g:
                    coefficients[len(removal) + k] = g
            now = sum(
                count * ((key[r] == j) - (key[r] == r)) for key in removal for _, count in removable[key]
            )
            rows.append(Row(coefficients, ">=", 1 - now))
    balance = {k: 1 for k in range(len(removal))} | {len(removal) + k: -1 for k in range(len(additions))}
    rows.append(Row(balance, "==", 0))
    cost = [0] * len(removal) + [1] * len(additions)
    # A class of at least ``below`` papers needs no bound: any solution worth having changes
    # fewer than ``below`` papers in all, and one costing more is pruned anyway.
    sizes = {k: sum(c for _, c in removable[key]) for k, key in enumerate(removal)}
    upper = {k: n for k, n in sizes.items() if below is None or n < below}
    return _Program(columns, cost, rows, upper, removal, removable, additions)


def relaxed_distance(
    ballots: Sequence[tuple[Ranking, int]], suffix: Sequence[int], below: int | None = None
) -> int | None:
    """A lower bound on the distance to every order ending in ``suffix``: the linear
    relaxation of the suffix's program, rounded up (``None``: no such order is reachable)."""
    program = _program(ballots, suffix, below)
    bounds = [Row({j: 1}, "<=", u) for j, u in program.upper.items()]
    solution = solve_lp(program.columns, program.cost, program.rows + bounds)
    return None if solution is None else ceil(solution.value)


def distance_to(
    ballots: Sequence[tuple[Ranking, int]], order: Sequence[int], below: int | None = None
) -> tuple[int, tuple[tuple[Ranking, Ranking, int], ...]] | None:
    """The fewest changes making the count eliminate in ``order`` (winner last), with the
    changes; ``None`` if none needs fewer than ``below``."""
    program = _program(ballots, order, below)
    solved = solve_ilp(program.columns, program.cost, program.rows, program.upper, below=below)
    if solved is None:
        return None
    value, x = solved
    removal, removable, additions = program.removal, program.removable, program.additions
    taken = [
        (ranking, take) for k, key in enumerate(removal) for ranking, take in _take(removable[key], x[k])
    ]
    given = [
        tuple(order[p] for p in chain)
        for k, chain in enumerate(additions)
        for _ in range(x[len(removal) + k])
    ]
    changes: list[tuple[Ranking, Ranking, int]] = []
    for ranking, take in taken:
        for _ in range(take):
            new = given.pop()
            if changes and changes[-1][0] == ranking and changes[-1][1] == new:
                changes[-1] = (ranking, new, changes[-1][2] + 1)
            else:
                changes.append((ranking, new, 1))
    return value, tuple(changes)


def _take(group: list[tuple[Ranking, int]], wanted: int) -> list[tuple[Ranking, int]]:
    out = []
    for ranking, count in group:
        if wanted <= 0:
            break
        take = min(count, wanted)
        out.append((ranking, take))
        wanted -= take
    return out


def irv_margin(profile: Profile, winner: int) -> IRVMargin:
    """The exact margin of ``winner``'s election in an IRV count of ``profile`` (see the
    module's docstring); the caller counts, so that ties the rule breaks are its own."""
    ballots = ballots_of(profile)
    candidates = list(range(len(profile.candidates)))
    if len(candidates) < 2:
        raise RuleError("one candidate: nobody else can win")
    best: list[tuple[int, tuple[int, ...], tuple[tuple[Ranking, Ranking, int], ...]] | None] = [None]
    tried = [0]

    def limit() -> int | None:
        return best[0][0] if best[0] else None

    def extend(suffix: tuple[int, ...], bound: int) -> None:
        if len(suffix) == len(candidates):
            tried[0] += 1
            found = distance_to(ballots, suffix, below=limit())
            if found is not None:
                best[0] = (found[0], suffix, found[1])
            return
        rest = [c for c in candidates if c not in suffix]
        children = []
        for c in rest:
            remaining = frozenset(suffix) | {c}
            child_bound = max(bound, _gap_bound(tallies(ballots, remaining), c))
            children.append((child_bound, c))
        for child_bound, c in sorted(children):
            current = limit()
            if current is not None and child_bound >= current:
                continue
            child = (c, *suffix)
            if 2 < len(child) < len(candidates):
                relaxed = relaxed_distance(ballots, child, current)
                if relaxed is None or (current is not None and relaxed >= current):
                    continue
                child_bound = max(child_bound, relaxed)
            extend(child, child_bound)

    for other in sorted(candidates, key=lambda c: -tallies(ballots, frozenset(candidates))[c]):
        if other != winner:
            extend((other,), 0)
    assert best[0] is not None  # some order always can be reached: change every ballot
    margin, order, changes = best[0]
    return IRVMargin(margin, winner, order[-1], order, changes, tried[0])
