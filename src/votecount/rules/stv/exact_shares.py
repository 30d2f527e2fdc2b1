"""Meek and Warren shares in whole numbers: over a common denominator, or scaled integers.

:func:`~votecount.rules.stv.paths.share_out` shares the papers out along their paths in the
count's own values: in exact arithmetic each node's share is a ``Fraction``, and every
product and sum reduces its result by a greatest common divisor. The exact rules' keep
factors have few denominators (``meek`` and ``warren`` round each keep factor up to 18
decimal places once it needs more, :mod:`votecount.rules.stv.meek`), so the same sums can be
done in whole numbers and made into one fraction per candidate at the end:

- **Meek** (a keep factor ``k = K ÷ D``, with ``D`` the least common multiple of the elected
  candidates' denominators): a paper that has passed ``d`` elected candidates is worth a
  whole number over ``D^d``; candidate ``c`` keeps ``value × K_c`` and passes on
  ``value × (D − K_c)``, both over ``D^(d+1)``. Each candidate's votes are summed depth by
  depth and brought over ``D^depth`` (the deepest path) once.
- **Warren** (a keep value ``k = K ÷ D``): every value along a path is one less another, so
  all of them are whole numbers over ``D``: the candidate keeps ``min(K_c, value)``.

The results are the same rationals :func:`~votecount.rules.stv.paths.share_out` gives (a
``Fraction`` is held in lowest terms, so equal values are equal objects); whole numbers of
papers only (a fractional weight is left to the general sharing out).

In fixed decimals (``nz-meek``: 9 places, rounded up) every value already is a scaled
integer; :func:`fixed_shares` does the same sums as ``share_out``, rounding each share as
the arithmetic does, without a call through the arithmetic for each node.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import cast

from votecount.numbers import FixedDecimal, Value, Weight
from votecount.rules.stv.paths import NOWHERE, Paths


def _lowest(numerator: int, denominator: int) -> Value:
    """``numerator ÷ denominator`` as the exact arithmetic holds it: an int where whole."""
    if numerator % denominator == 0:
        return numerator // denominator
    return Fraction(numerator, denominator)


def _scaled(paths: Paths, keep: Mapping[int, Value]) -> tuple[int, dict[int, int]]:
    """The common denominator ``D`` of the keep factors of the candidates on the paths, and
    each one's keep factor as a whole number over ``D``."""
    on_paths = set(paths.candidate[1:])
    common = math.lcm(1, *(keep[c].denominator for c in on_paths))
    return common, {c: keep[c].numerator * (common // keep[c].denominator) for c in on_paths}


def _whole(papers: list[Weight]) -> list[int]:
    """The papers through each node, whole numbers (the caller's condition)."""
    return cast("list[int]", papers)


def _whole_ends(paths: Paths) -> list[tuple[int, int, int]]:
    """Where papers leave the tree, whole numbers of papers (the caller's condition)."""
    return cast("list[tuple[int, int, int]]", paths.ends)


def meek_shares(paths: Paths, keep: Mapping[int, Value], n: int) -> tuple[list[Value], Value]:
    """Meek's shares (keep factors ``keep``) of papers grouped by ``paths``, whose weights
    are whole: each candidate's votes and the non-transferable total, exactly."""
    common, scaled = _scaled(paths, keep)
    parent, candidate = paths.parent, paths.candidate
    through, ends = _whole(paths.through), _whole_ends(paths)
    value = [1] * len(parent)  # each node's value, a whole number over common ** depth[node]
    depth = [0] * len(parent)
    deepest = 0
    votes: dict[tuple[int, int], int] = {}  # (candidate, depth): a whole number over common ** depth
    get = votes.get
    for node in range(1, len(parent)):
        up = parent[node]
        arriving = value[up]
        d = depth[node] = depth[up] + 1
        if d > deepest:
            deepest = d
        if arriving == 0:
            value[node] = 0
            continue
        c = candidate[node]
        k = scaled[c]
        key = (c, d)
        votes[key] = get(key, 0) + arriving * k * through[node]
        value[node] = arriving * (common - k)
    for node, end, papers in ends:
        left = value[node]
        if left:
            key = (end, depth[node])
            votes[key] = get(key, 0) + left * papers
    totals = [0] * (n + 1)  # the last: non-transferable (NOWHERE is -1)
    for (c, d), v in votes.items():
        totals[c] += v * common ** (deepest - d)
    whole = common**deepest
    return [_lowest(t, whole) for t in totals[:n]], _lowest(totals[NOWHERE], whole)


def warren_shares(paths: Paths, keep: Mapping[int, Value], n: int) -> tuple[list[Value], Value]:
    """Warren's shares (keep values ``keep``) of papers grouped by ``paths``, whose weights
    are whole: each candidate's votes and the non-transferable total, exactly."""
    common, scaled = _scaled(paths, keep)
    parent, candidate = paths.parent, paths.candidate
    through, ends = _whole(paths.through), _whole_ends(paths)
    value = [common] * len(parent)  # each node's value, a whole number over common
    totals = [0] * (n + 1)  # the last: non-transferable (NOWHERE is -1)
    for node in range(1, len(parent)):
        arriving = value[parent[node]]
        if arriving == 0:
            value[node] = 0
            continue
        c = candidate[node]
        kept = min(scaled[c], arriving)
        totals[c] += kept * through[node]
        value[node] = arriving - kept
    for node, end, papers in ends:
        totals[end] += value[node] * papers
    return [_lowest(t, common) for t in totals[:n]], _lowest(totals[NOWHERE], common)


def fixed_shares(
    paths: Paths, keep: Mapping[int, Value], n: int, arith: FixedDecimal, proportion: bool
) -> tuple[list[Value], Value]:
    """The shares of papers grouped by ``paths``, whose weights are whole, in fixed decimals
    (``arith``: values are scaled integers): under Meek (``proportion``) a candidate keeps
    ``value × k``, rounded as ``arith`` rounds (:meth:`FixedDecimal.ratio`), under Warren
    ``min(k, value)``; the paper passes on the rest. Each candidate's votes and the
    non-transferable total, as :func:`~votecount.rules.stv.paths.share_out` gives them,
    without a call through the arithmetic for each node."""
    scale, rounding = arith.scale, arith.rounding
    units = cast("Mapping[int, int]", keep)  # a fixed-decimal value is a scaled integer
    parent, candidate = paths.parent, paths.candidate
    through, ends = _whole(paths.through), _whole_ends(paths)
    value = [scale] * len(parent)
    totals: list[Value] = [0] * (n + 1)  # the last: non-transferable (NOWHERE is -1)
    for node in range(1, len(parent)):
        arriving = value[parent[node]]
        if arriving <= 0:
            value[node] = arriving
            continue
        c = candidate[node]
        k = units[c]
        if not proportion:
            kept = min(k, arriving)
        elif rounding == "truncate":
            kept = arriving * k // scale
        elif rounding == "up":
            kept = -(-arriving * k // scale)
        else:  # half-up
            kept, rest = divmod(arriving * k, scale)
            kept += 2 * rest >= scale
        totals[c] += kept * through[node]
        value[node] = arriving - kept
    for node, end, papers in ends:
        left = value[node]
        if left > 0:
            totals[end] += left * papers
    return totals[:n], totals[NOWHERE]


__all__ = ["fixed_shares", "meek_shares", "warren_shares"]
