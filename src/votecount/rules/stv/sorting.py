"""Sorting papers by their next continuing preference, a run of ballots at a time.

A count's rankings are in lexicographic order (:func:`~votecount.rules.stv.papers.pile_rankings`),
so the ballots that share their first few preferences sit next to each other. A pile holds
*runs*: ``(lo, hi, pos)`` stands for the unique ballots ``lo`` to ``hi - 1``, which all rank
the same candidates in the same order up to place ``pos``, where the candidate holding them
stands. Within such a run the ballots are ordered by what they rank after ``pos``: first
those that rank no one more, then, together, those ranking each next candidate in turn. So
a run is sorted by bisection over its next preferences (:func:`sort_runs`): a continuing
candidate takes a whole sub-run at once, and a sub-run whose next candidate is no longer
continuing is sorted again one place further on. The work is one bisection per distinct
next preference rather than one step per paper; a short run is read paper by paper, which
is cheaper there.

The first stage's runs are found the same way (:func:`first_preference_runs`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from operator import itemgetter

from votecount.numbers import Weight

Run = tuple[int, int, int]
"""``(lo, hi, pos)``: unique ballots ``lo`` to ``hi - 1``, alike up to place ``pos``, held there."""

SHORT = 64
"""Runs of at most this many ballots are read paper by paper (a bisection costs more there:
measured on a Scottish count of 45,000 distinct ballots, the threshold that did least work)."""


def first_preference_runs(rankings: Sequence[tuple[int, ...]], n: int) -> tuple[int, list[range]]:
    """For rankings in lexicographic order: how many are blank (they come first), and for
    each of the ``n`` candidates the ballot indices ranking them first, found by bisection
    rather than by reading each ranking."""
    blank = bisect_left(rankings, (0,))
    starts = [blank, *(bisect_left(rankings, (c,), blank) for c in range(1, n)), len(rankings)]
    return blank, [range(starts[c], starts[c + 1]) for c in range(n)]


def sort_runs(
    rankings: Sequence[tuple[int, ...]],
    weights: Sequence[Weight],
    status: Sequence[int],
    runs: Iterable[Run],
) -> tuple[dict[int, tuple[list[Run], Weight]], Weight]:
    """Sort the papers of ``runs`` by their next preference for a continuing candidate
    (``status`` 0; any other status is passed over).

    Returns, per destination, its runs (each now held at the destination's place) and its
    number of papers; and the number of papers with no such preference (non-transferable).

    Short runs are read paper by paper as they come, a single ballot (most of a pile late
    in a count) without a loop of its own; long ones wait for the bisection, which hands
    back, for reading one place further on, the sub-runs whose next candidate is no longer
    continuing.
    """
    n = len(status)
    to_runs: list[list[Run]] = [[] for _ in range(n)]
    papers: list[Weight] = [0] * n
    exhausted: Weight = 0
    long_runs: list[Run] = []
    short: Iterable[Run] = runs
    while True:
        for lo, hi, pos in short:
            q = pos + 1
            if hi - lo == 1:
                ranking = rankings[lo]
                end = len(ranking)
                while q < end and status[ranking[q]]:
                    q += 1
                if q < end:
                    d = ranking[q]
                    to_runs[d].append((lo, hi, q))
                    papers[d] += weights[lo]
                else:
                    exhausted += weights[lo]
                continue
            if hi - lo > SHORT:
                long_runs.append((lo, hi, pos))
                continue
            for b in range(lo, hi):
                ranking = rankings[b]
                end = len(ranking)
                p = q
                while p < end and status[ranking[p]]:
                    p += 1
                if p < end:
                    d = ranking[p]
                    to_runs[d].append((b, b + 1, p))
                    papers[d] += weights[b]
                else:
                    exhausted += weights[b]
        if not long_runs:
            break
        short, none_left = _bisect_runs(rankings, weights, status, long_runs, to_runs, papers)
        exhausted += none_left
    sorted_runs = {d: (to_runs[d], papers[d]) for d in range(n) if to_runs[d]}
    return sorted_runs, exhausted


def _bisect_runs(
    rankings: Sequence[tuple[int, ...]],
    weights: Sequence[Weight],
    status: Sequence[int],
    long_runs: list[Run],
    to_runs: list[list[Run]],
    papers: list[Weight],
) -> tuple[list[Run], Weight]:
    """Sort ``long_runs`` (emptied) by bisection over their next preferences, adding to
    ``to_runs`` and ``papers``; returns the short sub-runs left to read paper by paper, and
    the papers that rank no one further.

    A run's ballots are alike up to ``pos``, so at most its first ranks no one after it
    (several only where rankings as counted repeat); the rest are ordered by their next
    preference, each a sub-run found by one bisection. A sub-run whose next candidate is no
    longer continuing is sorted again one place further on.
    """
    short: list[Run] = []
    exhausted: Weight = 0
    while long_runs:
        lo, hi, pos = long_runs.pop()
        q = pos + 1
        i = lo
        if len(rankings[lo]) <= q:
            i = bisect_right(rankings, q, lo, hi, key=len)
            exhausted += sum(weights[lo:i], 0)
        column = list(map(itemgetter(q), rankings[i:hi]))  # the next preferences, in order
        k, m = 0, hi - i
        while k < m:
            d = column[k]
            end = bisect_right(column, d, k)
            if status[d]:
                (long_runs if end - k > SHORT else short).append((i + k, i + end, q))
            else:
                to_runs[d].append((i + k, i + end, q))
                papers[d] += sum(weights[i + k : i + end], 0)
            k = end
    return short, exhausted


__all__ = ["SHORT", "Run", "first_preference_runs", "sort_runs"]
