"""The IRV margin's programs (:mod:`votecount.margin.program`) solved by HiGHS through
scipy (``scipy.optimize.linprog`` and ``milp``): the optional extra ``margin``
(``pip install 'votecount[margin]'``). Without it :mod:`votecount.margin.exact` does the same
work exactly in pure Python, many times slower.

HiGHS computes in floating point, so nothing it says is taken on trust:

- a **lower bound** is never HiGHS's objective value: it is recomputed exactly from its dual
  values (Neumaier and Shcherbina's safe bound). Any dual values ``y`` (non-negative on the
  ``>=`` rows) prove, by weak duality over the box ``l <= x <= u``, that every solution costs
  at least ``b.y + sum_j min((c_j - a_j.y) l_j, (c_j - a_j.y) u_j)``; the duals are rounded
  to multiples of 2**-20 and the sum taken in whole numbers, so the bound is exact for the
  duals used, however inexact they are;
- a **solution** is accepted only after every row is checked in whole numbers
  (:func:`~votecount.margin.program.satisfied`); its cost is proved least when the safe
  bound reaches it, else by a branch and bound whose every bound is safe in the same way;
- when HiGHS reports a program infeasible it is asked again without the cut-off at the best
  margin so far, and if it still says so the exact pure-Python solver decides.

As in :mod:`votecount.margin.exact`, a program is solved only for solutions cheaper than
``below``, so every column is bounded by ``below - 1`` (or by the papers cast).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from math import floor
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_matrix, csr_matrix, hstack

from votecount.margin import exact
from votecount.margin.program import (
    Ranking,
    TailProgram,
    chain_paths,
    now_of,
    pairs_of,
    satisfied,
)

NAME = "highs"
FIRST_TRY = 10.0
"""Seconds HiGHS's own branch and bound is given for a first whole solution of an order."""
SCALE = 1 << 20
"""Duals are rounded to multiples of ``1 / SCALE`` before the exact bound is taken."""
MOST_DUAL = 1 << 20
"""Duals are clipped to this size (any duals give a valid bound; this keeps sums in int64)."""


class Builder:
    """Builds the programs of one election's ballots with numpy (the same programs as
    :class:`votecount.margin.program.Builder`, many times faster)."""

    def __init__(self, ballots: Sequence[tuple[Ranking, int]], n: int) -> None:
        self.n = n
        width = max((len(r) for r, _ in ballots), default=1)
        self.ranked = np.full((len(ballots), width), self.n, dtype=np.int64)
        for i, (ranking, _) in enumerate(ballots):
            self.ranked[i, : len(ranking)] = ranking
        self.counts = np.array([k for _, k in ballots], dtype=np.int64)
        self.rows = np.arange(len(ballots))

    def tallies(self, remaining: frozenset[int]) -> dict[int, int]:
        """Each remaining candidate's votes when only ``remaining`` continue."""
        standing = np.zeros(self.n + 1, dtype=bool)
        standing[list(remaining)] = True
        on = standing[self.ranked]
        first = self.ranked[self.rows, on.argmax(axis=1)]
        votes = np.bincount(first[on.any(axis=1)], self.counts[on.any(axis=1)], minlength=self.n + 1)
        return {c: int(votes[c]) for c in remaining}

    def program(self, order: Sequence[int], outside: Sequence[int] = ()) -> TailProgram:
        k, width = len(order), self.ranked.shape[1]
        position = np.full(self.n + 1, -1, dtype=np.int64)
        position[list(order)] = np.arange(k)
        places = position[self.ranked]
        paths = np.full((len(self.counts), k - 1), -1, dtype=np.int64)
        for r in range(k - 1):
            ok = places >= r
            paths[:, r] = np.where(ok.any(axis=1), places[self.rows, ok.argmax(axis=1)], -1)
        ok = places >= 0
        has = ok.any(axis=1)
        first = np.where(has, ok.argmax(axis=1), width)
        leads = np.where(has, places[self.rows, ok.argmax(axis=1)], -1)
        ahead = np.zeros((len(self.counts), len(outside)), dtype=np.int64)
        for i, d in enumerate(outside):
            at = self.ranked == d
            where = np.where(at.any(axis=1), at.argmax(axis=1), width)
            ahead[:, i] = np.where(where == 0, 2, (where < first).astype(np.int64))
        table = np.hstack([paths, leads[:, None], ahead])
        radix = max(k + 1, 4)
        if radix ** table.shape[1] < 1 << 62:  # each row as one whole number: a faster unique
            keys = (table + 1) @ (radix ** np.arange(table.shape[1], dtype=np.int64))
            _, first_seen, members = np.unique(keys, return_index=True, return_inverse=True)
            unique = table[first_seen]
        else:
            unique, members = np.unique(table, axis=0, return_inverse=True)
        members = members.reshape(-1)
        sizes = np.bincount(members, self.counts, minlength=len(unique)).astype(np.int64)
        removal = tuple(tuple(p) for p in unique[:, : k - 1].tolist())
        lead_list = tuple(unique[:, k - 1].tolist())
        ahead_list = tuple(tuple(a) for a in unique[:, k:].tolist())
        size_list = tuple(int(v) for v in sizes)
        rows = k * (k - 1) // 2 + len(outside) * k
        now = now_of(k, removal, lead_list, ahead_list, size_list, rows)
        return TailProgram(
            tuple(order),
            removal,
            size_list,
            tuple(members.tolist()),
            pairs_of(k),
            now,
            tuple(outside),
            lead_list,
            ahead_list,
        )


@cache
def _pair_index(k: int) -> Any:
    index = np.full((k, k), -1, dtype=np.int64)
    row = 0
    for r in range(k - 1):
        for j in range(r + 1, k):
            index[r, j] = row
            row += 1
    return index


def _block(paths: Any, k: int, sign: int, offset: int) -> tuple[Any, Any, Any]:
    """The entries of columns on ``paths`` (see :func:`votecount.margin.program.effect`),
    times ``sign``, as (rows, columns, values)."""
    index = _pair_index(k)
    rows, cols, vals = [], [], []
    ids = np.arange(len(paths), dtype=np.int64) + offset
    for r in range(k - 1):
        at = paths[:, r]
        above = at > r
        rows.append(index[r, at[above]])
        cols.append(ids[above])
        vals.append(np.full(int(above.sum()), sign, dtype=np.int64))
        going = ids[at == r]
        for j in range(r + 1, k):
            rows.append(np.full(len(going), index[r, j], dtype=np.int64))
            cols.append(going)
            vals.append(np.full(len(going), -sign, dtype=np.int64))
    if not rows:
        return (np.zeros(0, dtype=np.int64),) * 3
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)


@cache
def _additions_block(k: int) -> tuple[Any, Any, Any]:
    return _block(np.array(chain_paths(k), dtype=np.int64).reshape(len(chain_paths(k)), k - 1), k, 1, 0)


def _outside_block(leads: Any, ahead: Any, k: int, base: int) -> tuple[Any, Any, Any]:
    """The removal columns' entries in the rows of the candidates outside a tail
    (:func:`votecount.margin.program.effects`, times -1)."""
    rows, cols, vals = [], [], []
    ids = np.arange(len(leads), dtype=np.int64)
    for d in range(ahead.shape[1]):
        counted = (ahead[:, d] == 0) & (leads >= 0)
        rows.append(base + d * k + leads[counted])
        cols.append(ids[counted])
        vals.append(-np.ones(int(counted.sum()), dtype=np.int64))
        first = ids[ahead[:, d] == 2]
        for e in range(k):
            rows.append(np.full(len(first), base + d * k + e, dtype=np.int64))
            cols.append(first)
            vals.append(np.ones(len(first), dtype=np.int64))
    if not rows:
        return (np.zeros(0, dtype=np.int64),) * 3
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)


class _Matrix:
    """The rows of a program: the ``>=`` rows, then the balance row (``== 0``)."""

    def __init__(self, program: TailProgram) -> None:
        k = len(program.order)
        m, a = len(program.removal), len(program.additions)
        removal = np.array(program.removal, dtype=np.int64).reshape(m, k - 1)
        r1, c1, v1 = _block(removal, k, -1, 0)
        r2, c2, v2 = _additions_block(k)
        pairs, outside = len(program.pairs), len(program.outside)
        r3, c3, v3 = _outside_block(
            np.array(program.leads, dtype=np.int64).reshape(m),
            np.array(program.ahead, dtype=np.int64).reshape(m, outside),
            k,
            pairs,
        )
        firsts = np.array([chain[0] for chain in program.additions], dtype=np.int64)
        r4 = (pairs + np.arange(outside, dtype=np.int64)[:, None] * k + firsts[None, :]).reshape(-1)
        c4 = np.tile(np.arange(a, dtype=np.int64), outside)
        total = program.rows
        ones = np.ones(len(r4) + m, dtype=np.int64)
        rows = np.concatenate([r1, r2, r3, r4, np.full(m + a, total, dtype=np.int64)])
        cols = np.concatenate([c1, c2 + m, c3, c4 + m, np.arange(m + a, dtype=np.int64)])
        vals = np.concatenate([v1, v2, v3, ones, -np.ones(a, dtype=np.int64)])
        self.a = csr_matrix(coo_matrix((vals, (rows, cols)), shape=(total + 1, m + a)))
        self.rhs = [program.rhs(i) for i in range(total)] + [0]
        self.cost = np.concatenate([np.zeros(m, dtype=np.int64), np.ones(a, dtype=np.int64)])
        self.pairs, self.sizes = total, np.array(program.sizes, dtype=np.int64)
        self.columns = m + a

    def box(self, below: int | None) -> tuple[Any, Any]:
        upper = np.concatenate([self.sizes, np.full(self.columns - len(self.sizes), 1 << 40)])
        if below is not None:
            upper = np.minimum(upper, below - 1)
        return np.zeros(self.columns, dtype=np.int64), upper

    def relax(self, lower: Any, upper: Any) -> tuple[int, Any] | None:
        """A proved lower bound on the program over the box, and HiGHS's optimum; ``None``
        when the box holds no solution (proved too). Raises :class:`Unproved` when HiGHS
        answers but its answer cannot be proved."""
        pairs = self.pairs
        found = linprog(
            self.cost,
            A_ub=-self.a[:pairs],
            b_ub=-np.array(self.rhs[:pairs], dtype=float),
            A_eq=self.a[pairs:],
            b_eq=np.zeros(1),
            bounds=np.stack([lower, upper], axis=1),
            method="highs",
        )
        if found.status == 2:
            if self._infeasible(lower, upper):
                return None
            raise Unproved("HiGHS says infeasible, unproved")
        if found.status != 0:
            raise Unproved(f"HiGHS: {found.message}")
        y = np.concatenate([-found.ineqlin.marginals, found.eqlin.marginals])
        return self._bound(y, self.cost, lower, upper), found.x

    def _bound(self, y: Any, cost: Any, lower: Any, upper: Any) -> int:
        """Weak duality in whole numbers: the least cost over the box, rounded up, that the
        duals ``y`` prove (see the module)."""
        pairs = self.pairs
        y = np.clip(y, -MOST_DUAL, MOST_DUAL)
        y[:pairs] = np.maximum(y[:pairs], 0)
        scaled = np.rint(y * SCALE).astype(np.int64)
        reduced = cost * SCALE - self.a.T.dot(scaled)
        total = sum(int(b) * int(v) for b, v in zip(self.rhs, scaled, strict=True) if v)
        negative, positive = np.flatnonzero(reduced < 0), np.flatnonzero((reduced > 0) & (lower > 0))
        total += sum(int(reduced[j]) * int(upper[j]) for j in negative)
        total += sum(int(reduced[j]) * int(lower[j]) for j in positive)
        return -(-total // SCALE)

    def _infeasible(self, lower: Any, upper: Any) -> bool:
        """Whether the box is proved empty: the least total violation of the rows (each row
        given a slack of cost 1) is proved above zero by the same duals argument. A slack's
        reduced cost stays non-negative because the duals are clipped to [-1, 1]."""
        pairs, columns = self.pairs, self.columns
        dense = np.hstack([np.eye(pairs + 1), np.zeros((pairs + 1, 1))])
        dense[pairs, pairs + 1] = -1
        slack = csr_matrix(dense)
        elastic = hstack([self.a, slack], format="csr")
        cost = np.concatenate([np.zeros(columns), np.ones(pairs + 2)])
        found = linprog(
            cost,
            A_ub=-elastic[:pairs],
            b_ub=-np.array(self.rhs[:pairs], dtype=float),
            A_eq=elastic[pairs:],
            b_eq=np.zeros(1),
            bounds=[*zip(lower, upper, strict=True), *[(0, None)] * (pairs + 2)],
            method="highs",
        )
        if found.status != 0:
            return False
        y = np.concatenate([-found.ineqlin.marginals, found.eqlin.marginals])
        y = np.clip(y, -1, 1)
        y[:pairs] = np.maximum(y[:pairs], 0)
        scaled = np.rint(y * SCALE).astype(np.int64)
        reduced = np.zeros(columns, dtype=np.int64) - self.a.T.dot(scaled)
        total = sum(int(b) * int(v) for b, v in zip(self.rhs, scaled, strict=True) if v)
        total += sum(int(reduced[j]) * int(upper[j]) for j in np.flatnonzero(reduced < 0))
        total += sum(int(reduced[j]) * int(lower[j]) for j in np.flatnonzero((reduced > 0) & (lower > 0)))
        return total > 0


class Unproved(Exception):
    """HiGHS answered something this module cannot prove; the exact solver takes over."""


def lower_bound(program: TailProgram, below: int | None) -> int | None:
    """A proved lower bound on ``program``'s optimum over solutions cheaper than ``below``
    (``None``: there is none)."""
    matrix = _Matrix(program)
    try:
        relaxed = matrix.relax(*matrix.box(below))
    except Unproved:
        return exact.lower_bound(program, below)
    return None if relaxed is None else relaxed[0]


def attempt(program: TailProgram, below: int | None) -> exact.Attempt:
    """A quick first try: the relaxation's proved bound, and HiGHS's integer optimum (within
    :data:`FIRST_TRY` seconds), accepted only if it meets every row exactly; proved least
    only when the bound reaches it (:func:`solve` proves the rest)."""
    matrix = _Matrix(program)
    lower, upper = matrix.box(below)
    try:
        relaxed = matrix.relax(lower, upper)
    except Unproved:
        return exact.attempt(program, below)
    if relaxed is None or (below is not None and relaxed[0] >= below):
        return exact.Attempt(below or 0, None, True)
    best: list[tuple[int, tuple[int, ...]] | None] = [None]
    if not _accept(program, relaxed[1], best, below):
        found = _milp(matrix, lower, upper, FIRST_TRY)
        if found.x is not None:
            _accept(program, found.x, best, below)
    proved = best[0] is not None and best[0][0] <= relaxed[0]
    return exact.Attempt(relaxed[0], best[0], proved)


def _milp(matrix: _Matrix, lower: Any, upper: Any, seconds: float | None = None) -> Any:
    return milp(
        matrix.cost,
        constraints=[
            LinearConstraint(matrix.a[: matrix.pairs], lb=matrix.rhs[: matrix.pairs], ub=np.inf),
            LinearConstraint(matrix.a[matrix.pairs :], lb=0, ub=0),
        ],
        integrality=np.ones(matrix.columns),
        bounds=Bounds(lower, upper),
        options={} if seconds is None else {"time_limit": seconds},
    )


def solve(program: TailProgram, below: int | None) -> tuple[int, tuple[int, ...]] | None:
    """The least number of changes and a whole solution, or ``None`` when none costs less
    than ``below``; proved as the module says."""
    matrix = _Matrix(program)
    lower, upper = matrix.box(below)
    try:
        relaxed = matrix.relax(lower, upper)
        if relaxed is None or (below is not None and relaxed[0] >= below):
            return None
        best: list[tuple[int, tuple[int, ...]] | None] = [None]
        found = _milp(matrix, lower, upper)
        if found.x is not None:
            _accept(program, found.x, best, below)
        if best[0] is not None and relaxed[0] >= best[0][0]:
            return best[0]
        _branch(program, matrix, lower, upper, best, below)
    except Unproved:
        return exact.solve(program, below)
    return best[0]


def _limit(below: int | None, best: list[Any]) -> int | None:
    return min((v for v in (below, best[0][0] if best[0] else None) if v is not None), default=None)


def _accept(program: TailProgram, x: Any, best: list[Any], below: int | None) -> bool:
    """Record ``x`` rounded if it is a whole solution (checked exactly) cheaper than both the
    best so far and ``below``; whether it was whole."""
    whole = tuple(int(v) for v in np.rint(x))
    if np.max(np.abs(x - np.rint(x)), initial=0) > 1e-6 or not satisfied(program, whole):
        return False
    value = sum(whole[len(program.removal) :])
    limit = _limit(below, best)
    if limit is None or value < limit:
        best[0] = (value, whole)
    return True


def _branch(
    program: TailProgram, matrix: _Matrix, lower: Any, upper: Any, best: list[Any], below: int | None
) -> None:
    """Depth-first branch and bound on one fractional column, every bound proved."""
    relaxed = matrix.relax(lower, upper)
    if relaxed is None:
        return
    bound, x = relaxed
    limit = _limit(below, best)
    if limit is not None and bound >= limit:
        return
    if _accept(program, x, best, below):
        return
    fraction = np.abs(x - np.rint(x))
    j = int(np.argmax(fraction))
    if fraction[j] <= 1e-6:
        raise Unproved("a whole HiGHS solution failed the exact check")
    down, up = upper.copy(), lower.copy()
    down[j], up[j] = floor(x[j]), floor(x[j]) + 1
    for box in ((lower, down), (up, upper)) if matrix.cost[j] == 0 else ((up, upper), (lower, down)):
        if np.all(box[0] <= box[1]):
            _branch(program, matrix, box[0], box[1], best, below)
