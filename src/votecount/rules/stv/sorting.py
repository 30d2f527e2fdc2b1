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
is cheaper there, and each of its papers then lies in its destination's pile on its own, as
a *single* ballot (:data:`Sorted`).

The first stage's runs are found the same way (:func:`first_preference_runs`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from operator import itemgetter

from votecount.numbers import Weight

Run = tuple[int, int, int]
"""``(lo, hi, pos)``: unique ballots ``lo`` to ``hi - 1``, alike up to place ``pos``, held there."""

Sorted = tuple[list[Run], list[int], Weight]
"""What :func:`sort_runs` hands a destination: runs, single ballots, and their papers.

A *single* is a unique ballot held on its own, written as its index alone: its holder
stands at the first place where its ranking names them. A paper reaches a candidate only
while that candidate is continuing, and every place it passed on the way was a candidate
who, then, was not (or who held it and has since been elected or excluded): none of them
continues again, so the candidate holding it cannot stand at an earlier place too. The
place is found again, when the paper moves on, by one search of its ranking; writing a
single as an index rather than as a run of one saves the run's tuple and a number each
time a paper is read on its own, and letting them go when the count ends."""

SHORT = 96
"""Runs of at most this many ballots are read paper by paper (a bisection costs more there).
Measured in machine instructions on a Scottish count of 45,000 distinct ballots (nec):
64 ballots 98.4 million a count, 96 96.1, 128 95.3, 256 96.5, 1,024 106.5; IRV on 41,671
distinct ballots (irv-200k) 21.5, 21.8, 23.2 million at 64, 96 and 128: 96 serves both."""


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
    singles: Iterable[int] = (),
    holder: int = -1,
) -> tuple[dict[int, Sorted], Weight]:
    """Sort the papers of ``runs`` and ``singles`` by their next preference for a
    continuing candidate (``status`` 0; any other status is passed over).

    ``singles`` are ballots held one by one by ``holder``, each at the first place where
    its ranking names ``holder`` (see :data:`Sorted`). Returns, per destination, its runs
    (each now held at the destination's place), its single ballots and its number of
    papers; and the number of papers with no such preference (non-transferable).

    Short runs are read paper by paper, each paper becoming a single ballot of its
    destination (late in a count most of a pile); long ones wait for the bisection, which
    hands back, for reading one place further on, the sub-runs whose next candidate is no
    longer continuing.
    """
    n = len(status)
    to_runs: list[list[Run]] = [[] for _ in range(n)]
    to_singles: list[list[int]] = [[] for _ in range(n)]
    papers: list[Weight] = [0] * n  # of the runs; the singles' are added up at the end
    exhausted: Weight = 0
    for b in singles:
        ranking = rankings[b]
        end = len(ranking)
        p = ranking.index(holder) + 1
        while p < end:
            d = ranking[p]
            if not status[d]:
                to_singles[d].append(b)
                break
            p += 1
        else:
            exhausted += weights[b]
    long_runs: list[Run] = []
    short: Iterable[Run] = runs
    while True:
        for lo, hi, pos in short:
            if hi - lo > SHORT:
                long_runs.append((lo, hi, pos))
                continue
            q = pos + 1
            for b in range(lo, hi):  # the scan above, written out again: a call per paper
                ranking = rankings[b]  # here would cost more than the scan itself
                end = len(ranking)
                p = q
                while p < end:
                    d = ranking[p]
                    if not status[d]:
                        to_singles[d].append(b)
                        break
                    p += 1
                else:
                    exhausted += weights[b]
        if not long_runs:
            break
        short, none_left = _bisect_runs(rankings, weights, status, long_runs, to_runs, papers)
        exhausted += none_left
    weight_of = weights.__getitem__
    sorted_papers: dict[int, Sorted] = {}
    for d in range(n):
        dest_singles = to_singles[d]
        if dest_singles:
            sorted_papers[d] = (to_runs[d], dest_singles, papers[d] + sum(map(weight_of, dest_singles), 0))
        elif to_runs[d]:
            sorted_papers[d] = (to_runs[d], dest_singles, papers[d])
    return sorted_papers, exhausted


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
    preference, each a sub-run found by one bisection over the rankings themselves (keyed
    by the next place: a few look-ups per sub-run, where a column of next preferences would
    read every ballot). A sub-run whose next candidate is no longer continuing is sorted
    again one place further on.
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
        key = itemgetter(q)  # the next preference: non-decreasing over the rest of the run
        while i < hi:
            d = rankings[i][q]
            end = bisect_right(rankings, d, i + 1, hi, key=key)
            if status[d]:
                (long_runs if end - i > SHORT else short).append((i, end, q))
            else:
                to_runs[d].append((i, end, q))
                papers[d] += sum(weights[i:end], 0)
            i = end
    return short, exhausted


__all__ = ["SHORT", "Run", "Sorted", "first_preference_runs", "sort_runs"]
