"""The exact margin of each seat in a plurality count (first-past-the-post, block vote),
with or without seat constraints.

A seat held by ``e`` is lost outright when ``e`` ends strictly below enough rivals: in a
plain count, ``seats`` of them; under constraints, whichever set ``S`` of rivals the
constrained count then elects in its place. For one such set ``S`` the fewest changes are a
small integer program: take papers (grouped by which of ``e`` and ``S`` they mark; at most
as many as there are of each) and mark each of them for exactly ``S`` (a new paper marking
anyone else only helps fewer rivals), so that every member of ``S`` ends at least one vote
above ``e``. The margin is the least over the sets ``S`` that unseat ``e``; sets are tried in
the order of a lower bound (one changed paper moves a gap by at most two) and the search
stops when the bound reaches the best found. Each witness is checked by a recount.

With constraints, whether ``e`` is elected is decided by the candidates above it (the count
takes candidates in order of votes, skipping one whose election the constraints forbid), so
the sets tried are every set of rivals of up to ``seats`` members, each judged by a recount.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations
from math import ceil

import attrs

from votecount.ballots import PluralityBallot, RankedBallot
from votecount.margin.ilp import Row, solve_ilp
from votecount.profile import Profile

Marks = frozenset[int]


@attrs.frozen
class SeatChange:
    """The fewest papers to change to unseat one elected candidate, and how."""

    candidate: int
    margin: int
    rivals: tuple[int, ...]
    """The rivals the changed papers put above the candidate (the witness marks them)."""
    changes: tuple[tuple[Marks, Marks, int], ...]
    """``(marks now, marks after, how many)``."""
    sets_tried: int


def marks_of(profile: Profile, allowed: int) -> list[tuple[Marks, int]]:
    """Each distinct paper's marks and its number; a ranked paper marks its first
    ``allowed`` preferences (fptp: its first)."""
    found: dict[Marks, int] = {}
    for ballot in profile.ballots:
        if isinstance(ballot, PluralityBallot):
            marks = ballot.marks
        else:
            assert isinstance(ballot, RankedBallot)
            marks = frozenset(c for c in ballot.ranking[:allowed] if isinstance(c, int))
        if marks and len(marks) <= allowed:
            found[marks] = found.get(marks, 0) + int(ballot.weight)
    return sorted(found.items(), key=lambda item: sorted(item[0]))


def _cheapest(
    papers: Sequence[tuple[Marks, int]],
    votes: Sequence[int],
    e: int,
    rivals: tuple[int, ...],
    below: int | None,
) -> tuple[int, tuple[tuple[Marks, Marks, int], ...]] | None:
    relevant = frozenset(rivals) | {e}
    classes: dict[Marks, list[tuple[Marks, int]]] = {}
    for marks, n in papers:
        classes.setdefault(marks & relevant, []).append((marks, n))
    keys = list(classes)
    rows = []
    for s in rivals:
        coefficients = {k: 1 - (s in key) + (e in key) for k, key in enumerate(keys)}
        rows.append(Row({k: v for k, v in coefficients.items() if v}, ">=", votes[e] - votes[s] + 1))
    upper = {k: sum(n for _, n in classes[key]) for k, key in enumerate(keys)}
    solved = solve_ilp(len(keys), [1] * len(keys), rows, upper, below=below)
    if solved is None:
        return None
    value, x = solved
    new = frozenset(rivals)
    changes = []
    for k, key in enumerate(keys):
        wanted = x[k]
        for marks, n in classes[key]:
            if wanted <= 0:
                break
            take = min(n, wanted)
            changes.append((marks, new, take))
            wanted -= take
    return value, tuple(changes)


def seat_margin(
    papers: Sequence[tuple[Marks, int]],
    votes: Sequence[int],
    e: int,
    seats: int,
    unseats: Callable[[tuple[tuple[Marks, Marks, int], ...]], bool],
    constrained: bool,
) -> SeatChange | None:
    """The exact margin of ``e``'s seat (``None`` if no change of papers can unseat it)."""
    others = [c for c in range(len(votes)) if c != e]
    sizes = range(1, seats + 1) if constrained else (seats,)
    sets = [s for size in sizes for s in combinations(others, size)]

    def bound(rivals: tuple[int, ...]) -> int:
        return max((ceil((votes[e] - votes[s] + 1) / 2) for s in rivals), default=0)

    best: SeatChange | None = None
    tried = 0
    for rivals in sorted(sets, key=lambda s: (bound(s), s)):
        if best is not None and bound(rivals) >= best.margin:
            break
        found = _cheapest(papers, votes, e, rivals, best.margin if best else None)
        tried += 1
        if found is not None and found[0] > 0 and unseats(found[1]):
            best = SeatChange(e, found[0], rivals, found[1], tried)
    return None if best is None else attrs.evolve(best, sets_tried=tried)
