"""The integer program behind ``distance_to`` in an IRV margin (Magrino, Rivest, Shen and
Wagner 2011; Blom, Stuckey and Teague 2016): the fewest ballots to change so that the count
eliminates the candidates of ``order`` in that order, the last one winning.

For an ``order`` of ``k`` candidates (positions ``0 .. k-1``, the winner at ``k-1``), round
``r`` is the one where positions ``r .. k-1`` remain and position ``r`` goes. A ballot's
*path* says whom it counts for at each round (the first of its candidates still standing),
and is all the program needs to know of it:

- one *removal* column for each distinct path of the ballots cast, at most as many as there
  are ballots with that path;
- one *addition* column for each ranking that lists some positions in increasing order and
  ends with the winner (a ranking that exhausts instead is never better than the same ranking
  with the winner added, and any other ranking counts as one of these);
- a row for each round ``r`` and each candidate ``j`` still standing after it: ``j`` must end
  at least one vote above ``r``; one row for as many added as removed; cost: the added.

When ``order`` is only the end of an elimination order (a *tail*), the program states only
the rounds where the tail's candidates remain, and the ballots are read as if only they
stood. Every elimination order ending so must satisfy those rounds, so the optimum of the
tail's program (or of its linear relaxation) bounds the distance of each from below.
A tail's program also has a row for each candidate outside it and each of the tail
(:func:`effects`): the outside candidate goes while the whole tail remains, whatever the
order before it.

The columns and rows are built here once, in whole numbers, for every solver to read.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import combinations

import attrs

Ranking = tuple[int, ...]
Path = tuple[int, ...]
"""Whom a ballot counts for at each round, as positions in the order; ``-1``: exhausted."""
Change = tuple[Ranking, Ranking, int]


@cache
def chains(k: int) -> tuple[tuple[int, ...], ...]:
    """The additions for an order of ``k`` candidates: every increasing run of positions
    ending with the winner's, ``k - 1``."""
    return tuple((*chosen, k - 1) for size in range(k) for chosen in combinations(range(k - 1), size))


@cache
def chain_paths(k: int) -> tuple[Path, ...]:
    return tuple(_path(chain, k) for chain in chains(k))


def _path(places: Sequence[int], k: int) -> Path:
    """Whom a ballot listing ``places`` (positions, in its order of preference) counts for at
    each of the ``k - 1`` rounds that decide something."""
    return tuple(next((p for p in places if p >= r), -1) for r in range(k - 1))


@attrs.frozen
class TailProgram:
    """The program for ``order`` (a whole elimination order, or only its end, with the
    candidates ``outside`` it)."""

    order: tuple[int, ...]
    removal: tuple[Path, ...]
    """The distinct paths of the ballots cast (one removal column each)."""
    sizes: tuple[int, ...]
    """The papers on each path."""
    members: tuple[int, ...]
    """For each distinct ballot (as the search lists them), the index of its path."""
    pairs: tuple[tuple[int, int], ...]
    """The rows of the rounds, ``(r, j)``: at round ``r``, position ``j`` must end above
    position ``r``."""
    now: tuple[int, ...]
    """For each row, its gap before any change (for a round's row, ``j``'s votes less
    ``r``'s at round ``r``)."""
    outside: tuple[int, ...] = ()
    """The candidates outside a tail, each excluded before any of the tail (see
    :func:`effects`); empty for a whole order."""
    leads: tuple[int, ...] = ()
    """For each removal column, the first of the order's positions its ballots rank (-1: none)."""
    ahead: tuple[tuple[int, ...], ...] = ()
    """For each removal column and each candidate ``d`` outside: 2 if its ballots rank ``d``
    first, 1 if above every candidate of the order, else 0."""

    @property
    def additions(self) -> tuple[tuple[int, ...], ...]:
        return chains(len(self.order))

    @property
    def columns(self) -> int:
        return len(self.removal) + len(self.additions)

    @property
    def rows(self) -> int:
        return len(self.pairs) + len(self.outside) * len(self.order)

    def rhs(self, row: int) -> int:
        """What the changes must add to row ``row``'s gap: ``1 - now``."""
        return 1 - self.now[row]


def effect(path: Path, r: int, j: int) -> int:
    """A ballot on ``path``'s effect on the gap ``j`` less ``r`` at round ``r``."""
    return (path[r] == j) - (path[r] == r)


def effects(path: Path, lead: int, ahead: Sequence[int], k: int) -> list[tuple[int, int]]:
    """The rows a ballot moves, and by how much, as ``(row, effect)``.

    The rows of the rounds come first (:func:`effect`). Then, for a tail, a row for each
    candidate ``d`` outside it and each position ``e`` of the tail: whatever the order before
    the tail, ``d`` is excluded while every candidate of the tail remains, at some round
    whose candidates include the tail and ``d``. There ``d`` has at least its first
    preferences, and ``e`` at most its votes when only the tail and ``d`` remain; since ``d``
    must be strictly lowest, ``e``'s votes among the tail and ``d`` less ``d``'s first
    preferences must end at least one. A ballot adds one to that gap when it counts for
    ``e`` among the tail and ``d`` (``e`` is its first of the tail, ranked above ``d``) and
    takes one when it ranks ``d`` first."""
    moved: list[tuple[int, int]] = []
    for r in range(k - 1):
        p = path[r]
        if p == r:
            moved.extend((_pair_row(k, r, j), -1) for j in range(r + 1, k))
        elif p > r:
            moved.append((_pair_row(k, r, p), 1))
    base = k * (k - 1) // 2
    for i, a in enumerate(ahead):
        if a == 2:
            moved.extend((base + i * k + e, -1) for e in range(k))
        elif a == 0 and lead >= 0:
            moved.append((base + i * k + lead, 1))
    return moved


def _pair_row(k: int, r: int, j: int) -> int:
    """The index of row ``(r, j)`` in :func:`pairs_of` ``(k)``."""
    return r * (2 * k - r - 1) // 2 + (j - r - 1)


def pairs_of(k: int) -> tuple[tuple[int, int], ...]:
    return tuple((r, j) for r in range(k - 1) for j in range(r + 1, k))


@cache
def addition_effects(k: int) -> tuple[list[tuple[int, int]], ...]:
    """:func:`effects` of each addition, for a tail with no candidate outside (an added
    ranking lists only the tail's candidates: it moves the rows of a candidate ``d`` outside
    as it moves the row of its first choice, so each adds one to row ``(d, first)``)."""
    return tuple(effects(path, -1, (), k) for path in chain_paths(k))


def now_of(
    k: int,
    removal: Sequence[Path],
    leads: Sequence[int],
    ahead: Sequence[Sequence[int]],
    sizes: Sequence[int],
    rows: int,
) -> tuple[int, ...]:
    """Each row's gap before any change, from the papers in each removal column."""
    gap = [0] * rows
    for i, size in enumerate(sizes):
        for row, g in effects(removal[i], leads[i] if leads else -1, ahead[i] if ahead else (), k):
            gap[row] += g * size
    return tuple(gap)


class Builder:
    """Builds the programs of one election's ballots, in pure Python (the HiGHS module has a
    faster one in numpy)."""

    def __init__(self, ballots: Sequence[tuple[Ranking, int]], n: int) -> None:
        self.ballots, self.n = ballots, n

    def tallies(self, remaining: frozenset[int]) -> dict[int, int]:
        """Each remaining candidate's votes when only ``remaining`` continue."""
        totals = dict.fromkeys(remaining, 0)
        for ranking, n in self.ballots:
            for c in ranking:
                if c in remaining:
                    totals[c] += n
                    break
        return totals

    def program(self, order: Sequence[int], outside: Sequence[int] = ()) -> TailProgram:
        """The program of ``order`` (see the module), with the rows of the candidates
        ``outside`` a tail (:func:`effects`)."""
        k = len(order)
        position = {c: i for i, c in enumerate(order)}
        index: dict[tuple[Path, int, tuple[int, ...]], int] = {}
        sizes: list[int] = []
        members = []
        for ranking, count in self.ballots:
            path = [-1] * (k - 1)
            for c in reversed(ranking):  # an earlier preference overwrites a later one
                p = position.get(c)
                if p is not None:
                    path[: min(p + 1, k - 1)] = [p] * min(p + 1, k - 1)
            first = next((i for i, c in enumerate(ranking) if c in position), len(ranking))
            lead = position[ranking[first]] if first < len(ranking) else -1
            seen = {c: i for i, c in reversed(list(enumerate(ranking)))}
            ahead = tuple(2 if seen.get(d) == 0 else int(seen.get(d, first) < first) for d in outside)
            key = (tuple(path), lead, ahead)
            i = index.setdefault(key, len(index))
            if i == len(sizes):
                sizes.append(0)
            sizes[i] += count
            members.append(i)
        removal = tuple(key[0] for key in index)
        leads = tuple(key[1] for key in index)
        aheads = tuple(key[2] for key in index)
        rows = k * (k - 1) // 2 + len(outside) * k
        now = now_of(k, removal, leads, aheads, sizes, rows)
        return TailProgram(
            tuple(order),
            removal,
            tuple(sizes),
            tuple(members),
            pairs_of(k),
            now,
            tuple(outside),
            leads,
            aheads,
        )


def satisfied(program: TailProgram, x: Sequence[int]) -> bool:
    """Whether whole ``x`` meets every row of ``program`` exactly (a float solver's answer
    is accepted only after this check)."""
    m = len(program.removal)
    if any(v < 0 for v in x) or any(x[i] > program.sizes[i] for i in range(m)):
        return False
    if sum(x[:m]) != sum(x[m:]):
        return False
    k = len(program.order)
    change = [0] * program.rows
    for i in range(m):
        if x[i]:
            lead = program.leads[i] if program.leads else -1
            for row, g in effects(program.removal[i], lead, program.ahead[i] if program.ahead else (), k):
                change[row] -= g * x[i]
    for a, moved in enumerate(addition_effects(k)):
        if x[m + a]:
            for row, g in moved:
                change[row] += g * x[m + a]
            for i in range(len(program.outside)):
                change[len(program.pairs) + i * k + program.additions[a][0]] += x[m + a]
    return all(change[row] >= program.rhs(row) for row in range(program.rows))


def witness(
    program: TailProgram, ballots: Sequence[tuple[Ranking, int]], x: Sequence[int]
) -> tuple[Change, ...]:
    """The changes a whole solution ``x`` stands for: which papers to take (the first of each
    path's ballots), and the rankings to give them."""
    m = len(program.removal)
    wanted = list(x[:m])
    taken: list[Ranking] = []
    for (ranking, count), i in zip(ballots, program.members, strict=True):
        take = min(count, wanted[i])
        taken.extend([ranking] * take)
        wanted[i] -= take
    order = program.order
    given = [
        tuple(order[p] for p in chain) for a, chain in enumerate(program.additions) for _ in range(x[m + a])
    ]
    changes: list[Change] = []
    for ranking, new in zip(taken, given, strict=True):
        if changes and changes[-1][0] == ranking and changes[-1][1] == new:
            changes[-1] = (ranking, new, changes[-1][2] + 1)
        else:
            changes.append((ranking, new, 1))
    return tuple(changes)
