"""A small exact integer linear program solver: simplex in Fractions, and branch and bound.

The margins need the fewest whole ballots that satisfy a handful of linear inequalities
(:mod:`votecount.margin.irv`). The programs are small (tens of rows, at most a few
hundred columns), so a dense tableau in exact arithmetic, Bland's rule (which cannot
cycle) and depth-first branch and bound are enough, and need no third-party solver. Every
answer is exact: there is no tolerance anywhere.

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
    bounded below, since costs are non-negative)."""
    # Each row becomes an equality with a non-negative right-hand side: a slack for <=, a
    # surplus and an artificial for >=, an artificial for ==.
    len(rows)
    width = n
    slack_of: list[int | None] = []
    art_of: list[int | None] = []
    signs: list[int] = []
    for row in rows:
        sign = -1 if row.rhs < 0 else 1
        sense = row.sense
        if sign < 0 and sense != "==":
            sense = "<=" if sense == ">=" else ">="
        signs.append(sign)
        if sense == "<=":
            slack_of.append(width)
            art_of.append(None)
            width += 1
        elif sense == ">=":
            slack_of.append(width)
            art_of.append(width + 1)
            width += 2
        else:
            slack_of.append(None)
            art_of.append(width)
            width += 1
    table: list[list[Fraction]] = []
    basis: list[int] = []
    for i, row in enumerate(rows):
        line = [Fraction(0)] * (width + 1)
        for j, a in row.coefficients.items():
            line[j] = Fraction(a) * signs[i]
        line[width] = Fraction(row.rhs) * signs[i]
        slack, art = slack_of[i], art_of[i]
        if art is None:
            assert slack is not None
            line[slack] = Fraction(1)
            basis.append(slack)
        else:
            if slack is not None:
                line[slack] = Fraction(-1)
            line[art] = Fraction(1)
            basis.append(art)
        table.append(line)
    artificial = {a for a in art_of if a is not None}
    if artificial:
        phase1 = [Fraction(1) if j in artificial else Fraction(0) for j in range(width)]
        if not _simplex(table, basis, phase1, width, set()) or _objective(table, basis, phase1) != 0:
            return None
        _drive_out(table, basis, artificial, width)
    phase2 = [Fraction(cost[j]) if j < n else Fraction(0) for j in range(width)]
    _simplex(table, basis, phase2, width, artificial)
    x = [Fraction(0)] * n
    for i, b in enumerate(basis):
        if b < n:
            x[b] = table[i][width]
    return Solution(sum((phase2[j] * x[j] for j in range(n)), Fraction(0)), tuple(x))


def _objective(table: list[list[Fraction]], basis: list[int], cost: list[Fraction]) -> Fraction:
    return sum((cost[b] * table[i][-1] for i, b in enumerate(basis)), Fraction(0))


def _simplex(
    table: list[list[Fraction]], basis: list[int], cost: list[Fraction], width: int, banned: set[int]
) -> bool:
    """Minimise ``cost`` from the basis given, by Bland's rule; False if unbounded."""
    while True:
        reduced = list(cost)
        for i, b in enumerate(basis):
            cb = cost[b]
            if cb:
                line = table[i]
                for j in range(width):
                    if line[j]:
                        reduced[j] -= cb * line[j]
        entering = next(
            (j for j in range(width) if reduced[j] < 0 and j not in banned and j not in basis), None
        )
        if entering is None:
            return True
        leaving, best = None, None
        for i, line in enumerate(table):
            a = line[entering]
            if a > 0:
                ratio = line[width] / a
                if best is None or ratio < best or (ratio == best and basis[i] < basis[leaving]):  # type: ignore[index]
                    leaving, best = i, ratio
        if leaving is None:
            return False
        _pivot(table, basis, leaving, entering, width)


def _pivot(table: list[list[Fraction]], basis: list[int], r: int, c: int, width: int) -> None:
    pivot_row = table[r]
    p = pivot_row[c]
    if p != 1:
        table[r] = pivot_row = [v / p for v in pivot_row]
    nonzero = [j for j in range(width + 1) if pivot_row[j]]
    for i, line in enumerate(table):
        if i != r and line[c]:
            f = line[c]
            for j in nonzero:
                line[j] -= f * pivot_row[j]
    basis[r] = c


def _drive_out(table: list[list[Fraction]], basis: list[int], artificial: set[int], width: int) -> None:
    """Pivot artificials left in the basis (at zero) out where a real column can replace them."""
    for i, b in enumerate(basis):
        if b in artificial:
            c = next((j for j in range(width) if j not in artificial and table[i][j]), None)
            if c is not None:
                _pivot(table, basis, i, c, width)


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
