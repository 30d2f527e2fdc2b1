"""The pure-Python solver of the IRV margin's programs (:mod:`votecount.margin.program`):
the exact simplex and branch and bound of :mod:`votecount.margin.ilp`, no third-party
library. It is what runs when the optional HiGHS solver (:mod:`votecount.margin.highs`) is
not installed, and it is exact throughout.

A program is solved only for solutions cheaper than ``below`` (the best margin found so
far), so every column can be bounded by ``below - 1``: the total added is under ``below``,
and as many are removed as added.
"""

from __future__ import annotations

from math import ceil

from votecount.margin.ilp import Row, solve_ilp, solve_lp
from votecount.margin.program import Builder, TailProgram, chain_paths, effect

NAME = "exact"
__all__ = ["NAME", "Builder", "lower_bound", "solve"]


def _rows(program: TailProgram) -> list[Row]:
    m = len(program.removal)
    added = chain_paths(len(program.order))
    rows = []
    for row, (r, j) in enumerate(program.pairs):
        coefficients: dict[int, int] = {}
        for i, path in enumerate(program.removal):
            g = effect(path, r, j)
            if g:
                coefficients[i] = -g
        for a, path in enumerate(added):
            g = effect(path, r, j)
            if g:
                coefficients[m + a] = g
        rows.append(Row(coefficients, ">=", program.rhs(row)))
    balance = {i: 1 for i in range(m)} | {m + a: -1 for a in range(len(added))}
    rows.append(Row(balance, "==", 0))
    return rows


def _upper(program: TailProgram, below: int | None) -> dict[int, int]:
    """Column bounds: each path's ballots, and nothing over ``below - 1``."""
    m = len(program.removal)
    upper = {i: n for i, n in enumerate(program.sizes) if below is None or n < below}
    if below is not None:
        upper.update({i: below - 1 for i in range(program.columns) if i >= m or i not in upper})
    return upper


def lower_bound(program: TailProgram, below: int | None) -> int | None:
    """The linear relaxation's optimum rounded up; ``None`` when nothing cheaper than
    ``below`` is feasible."""
    bounds = [Row({j: 1}, "<=", u) for j, u in _upper(program, below).items()]
    solution = solve_lp(
        program.columns, [0] * len(program.removal) + [1] * len(program.additions), _rows(program) + bounds
    )
    return None if solution is None else ceil(solution.value)


def solve(program: TailProgram, below: int | None) -> tuple[int, tuple[int, ...]] | None:
    """The least number of changes and a whole solution, or ``None`` when none costs less
    than ``below``."""
    cost = [0] * len(program.removal) + [1] * len(program.additions)
    return solve_ilp(program.columns, cost, _rows(program), _upper(program, below), below=below)
