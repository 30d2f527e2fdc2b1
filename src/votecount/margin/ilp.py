"""A small exact integer linear program solver: simplex and branch and bound, in whole numbers.

The margins need the fewest whole ballots that satisfy a handful of linear inequalities
(:mod:`votecount.margin.irv`). The programs are small (tens of rows, at most a few
thousand columns), so a dense tableau kept in whole numbers over one common denominator
(fraction-free pivoting, each division exact), Dantzig's rule falling back to Bland's (which
cannot cycle), a dive for a first whole solution and depth-first branch and bound are
enough, and need no third-party solver. Every answer is exact: there is no tolerance
anywhere.

A program is ``minimise c.x`` subject to rows ``a.x >= b`` (or ``<=``, ``==``), ``x >= 0``,
``x <= upper`` where an upper bound is given, and ``x`` whole.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from math import ceil, floor
from typing import Literal

import attrs

Sense = Literal[">=", "<=", "=="]


@attrs.frozen
class Row:
    coefficients: Mapping[int, int | Fraction]
    sense: Sense
    rhs: int | Fraction


@attrs.frozen
class Solution:
    value: Fraction
    x: tuple[Fraction, ...]


def solve_lp(n: int, cost: Sequence[int | Fraction], rows: Sequence[Row]) -> Solution | None:
    """The optimum of the linear relaxation (``None`` if infeasible; the programs here are
    bounded below, since costs are non-negative).

    The tableau is kept in whole numbers over one common denominator (fraction-free
    pivoting, as Bareiss eliminates): each pivot's divisions are exact, and no greatest
    common divisor is ever taken, which makes it several times faster than Fractions."""
    if any(not isinstance(v, int) for row in rows for v in (*row.coefficients.values(), row.rhs)):
        raise TypeError("solve_lp takes whole coefficients")
    width = n
    layout: list[tuple[int, int | None, int | None]] = []  # (sign, slack, artificial)
    for row in rows:
        sign = -1 if row.rhs < 0 else 1
        sense = row.sense
        if sign < 0 and sense != "==":
            sense = "<=" if sense == ">=" else ">="
        if sense == "<=":
            layout.append((sign, width, None))
            width += 1
        elif sense == ">=":
            layout.append((sign, width, width + 1))
            width += 2
        else:
            layout.append((sign, None, width))
            width += 1
    table: list[list[int]] = []
    basis: list[int] = []
    for row, (sign, slack, art) in zip(rows, layout, strict=True):
        line = [0] * (width + 1)
        for j, a in row.coefficients.items():
            line[j] = int(a) * sign
        line[width] = int(row.rhs) * sign
        if art is None:
            assert slack is not None
            line[slack] = 1
            basis.append(slack)
        else:
            if slack is not None:
                line[slack] = -1
            line[art] = 1
            basis.append(art)
        table.append(line)
    state = _Tableau(table, basis, width)
    artificial = {art for _, _, art in layout if art is not None}
    if artificial:
        phase1 = [1 if j in artificial else 0 for j in range(width)]
        state.simplex(phase1, set())
        if state.objective(phase1) != 0:
            return None
        state.drive_out(artificial)
    phase2 = [int(cost[j]) if j < n else 0 for j in range(width)]
    state.simplex(phase2, artificial)
    x = [Fraction(0)] * n
    for i, b in enumerate(state.basis):
        if b < n:
            x[b] = Fraction(state.table[i][width], state.d)
    return Solution(sum((Fraction(cost[j]) * x[j] for j in range(n)), Fraction(0)), tuple(x))


class _Tableau:
    """Whole-number tableau: entry ``t`` stands for ``t / d``."""

    def __init__(self, table: list[list[int]], basis: list[int], width: int) -> None:
        self.table, self.basis, self.width, self.d = table, basis, width, 1

    def objective(self, cost: list[int]) -> Fraction:
        return Fraction(sum(cost[b] * self.table[i][-1] for i, b in enumerate(self.basis)), self.d)

    def simplex(self, cost: list[int], banned: set[int]) -> None:
        """Minimise ``cost``: the entering column of most negative reduced cost (Dantzig)
        until a run of degenerate pivots, then the lowest-numbered (Bland, which cannot
        cycle). The programs here are bounded, so there is no unbounded exit."""
        width, table = self.width, self.table
        # the reduced-cost row, over the same denominator as the tableau
        reduced = [self.d * c for c in cost] + [0]
        for i, b in enumerate(self.basis):
            if cost[b]:
                line = table[i]
                for j in range(width + 1):
                    if line[j]:
                        reduced[j] -= cost[b] * line[j]
        self.rows = [*table, reduced]
        degenerate = 0
        while True:
            sign = 1 if self.d > 0 else -1
            in_basis = set(self.basis)
            entering_cols = [
                j for j in range(width) if reduced[j] * sign < 0 and j not in banned and j not in in_basis
            ]
            if not entering_cols:
                return
            bland = degenerate >= 20
            c = (
                entering_cols[0]
                if bland
                else min(entering_cols, key=lambda j: (Fraction(reduced[j] * sign), j))
            )
            leaving, best, leaving_var = None, None, width
            for i, line in enumerate(table):
                if line[c] * sign > 0:
                    ratio = Fraction(line[width], line[c])
                    if best is None or ratio < best or (ratio == best and self.basis[i] < leaving_var):
                        leaving, best, leaving_var = i, ratio, self.basis[i]
            if leaving is None:
                raise ArithmeticError("unbounded linear program")
            degenerate = degenerate + 1 if best == 0 else (degenerate if bland else 0)
            self.pivot(leaving, c)
            reduced = self.rows[-1]

    def pivot(self, r: int, c: int) -> None:
        rows = getattr(self, "rows", self.table)
        pivot_row = rows[r]
        p, d = pivot_row[c], self.d
        for i, line in enumerate(rows):
            if i == r:
                continue
            f = line[c]
            if f:
                for j, (mine, theirs) in enumerate(zip(line, pivot_row, strict=True)):
                    if mine or theirs:
                        line[j] = (mine * p - f * theirs) // d
            elif p != d:
                for j in range(len(line)):
                    if line[j]:
                        line[j] = line[j] * p // d
        self.basis[r] = c
        self.d = p

    def drive_out(self, artificial: set[int]) -> None:
        """Pivot artificials left in the basis (at zero) out where a real column can replace them."""
        self.rows = self.table
        for i, b in enumerate(self.basis):
            if b in artificial:
                c = next((j for j in range(self.width) if j not in artificial and self.table[i][j]), None)
                if c is not None:
                    self.pivot(i, c)


def solve_ilp(
    n: int,
    cost: Sequence[int],
    rows: Sequence[Row],
    upper: Mapping[int, int],
    *,
    below: int | None = None,
) -> tuple[int, tuple[int, ...]] | None:
    """The least whole cost and a whole solution, or ``None`` when none costs less than
    ``below`` (when given). Costs must be whole, so a node whose relaxation costs more
    than ``best - 1`` is pruned."""
    base = list(rows) + [Row({j: 1}, "<=", u) for j, u in upper.items()]
    best: list[tuple[int, tuple[int, ...]] | None] = [None]
    limit = [below]

    def accept(solution: Solution) -> bool:
        """Record an integral solution; whether it was one."""
        if any(v.denominator != 1 for v in solution.x):
            return False
        value = ceil(solution.value)
        if limit[0] is None or value < limit[0]:
            best[0] = (value, tuple(int(v) for v in solution.x))
            limit[0] = value
        return True

    def dive(solution: Solution, extra: list[Row]) -> None:
        """Round one fractional variable at a time, up where it costs (to stay feasible),
        and re-solve: a quick whole solution, so that the search below can prune."""
        fixed = list(extra)
        for _ in range(4 * n + 10):
            if accept(solution):
                return
            j = max((k for k, v in enumerate(solution.x) if v.denominator != 1), key=lambda k: solution.x[k])
            v = solution.x[j]
            first, second = (ceil(v), floor(v)) if cost[j] else (floor(v), ceil(v))
            for target in (first, second):
                trial = solve_lp(n, cost, [*base, *fixed, Row({j: 1}, "==", target)])
                if trial is not None:
                    fixed.append(Row({j: 1}, "==", target))
                    solution = trial
                    break
            else:
                return

    def branch(extra: list[Row], depth: int) -> None:
        solution = solve_lp(n, cost, base + extra)
        if solution is None:
            return
        bound = ceil(solution.value)
        if limit[0] is not None and bound >= limit[0]:
            return
        if accept(solution):
            return
        if depth == 0:
            dive(solution, extra)
            if limit[0] is not None and bound >= limit[0]:
                return
        fractional = max(
            (j for j, v in enumerate(solution.x) if v.denominator != 1), key=lambda k: solution.x[k]
        )
        v = solution.x[fractional]
        up, down = Row({fractional: 1}, ">=", ceil(v)), Row({fractional: 1}, "<=", floor(v))
        for row in (up, down) if cost[fractional] else (down, up):
            branch([*extra, row], depth + 1)

    branch([], 0)
    return best[0]
