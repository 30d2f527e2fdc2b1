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

import attrs

from votecount.margin.ilp import Row, solve_ilp, solve_lp
from votecount.margin.program import Builder, TailProgram, addition_effects, effects

NAME = "exact"
__all__ = ["NAME", "Attempt", "Builder", "attempt", "lower_bound", "solve"]


@attrs.frozen
class Attempt:
    """A first try at a program: a proved lower bound over solutions cheaper than the limit
    given, a whole solution if one was found (checked exactly), and whether that solution
    is proved least (or, with none found, that there is none under the limit)."""

    lower: int
    found: tuple[int, tuple[int, ...]] | None
    proved: bool


def _rows(program: TailProgram) -> list[Row]:
    m, k = len(program.removal), len(program.order)
    coefficients: list[dict[int, int]] = [{} for _ in range(program.rows)]
    for i, path in enumerate(program.removal):
        lead = program.leads[i] if program.leads else -1
        for row, g in effects(path, lead, program.ahead[i] if program.ahead else (), k):
            coefficients[row][i] = coefficients[row].get(i, 0) - g
    for a, moved in enumerate(addition_effects(k)):
        for row, g in moved:
            coefficients[row][m + a] = coefficients[row].get(m + a, 0) + g
        for d in range(len(program.outside)):
            row = len(program.pairs) + d * k + program.additions[a][0]
            coefficients[row][m + a] = coefficients[row].get(m + a, 0) + 1
    rows = [
        Row({j: v for j, v in line.items() if v}, ">=", program.rhs(row))
        for row, line in enumerate(coefficients)
    ]
    balance = {i: 1 for i in range(m)} | {m + a: -1 for a in range(len(program.additions))}
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


def attempt(program: TailProgram, below: int | None) -> Attempt:
    """:func:`solve`, which proves what it finds (the pure solver has no quicker first try)."""
    solved = solve(program, below)
    return Attempt(solved[0] if solved else below or 0, solved, True)
