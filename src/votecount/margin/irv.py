"""The exact margin of victory of an IRV count: the fewest ballots whose rankings, changed,
make another candidate win outright.

"Outright" means every exclusion on the way is decided without a tie (a candidate strictly
lowest at each round, down to the last two): a change that only creates a tie, settled by
lot, is not a change of winner.

The outcome of IRV is fixed by its order of elimination, so the margin is the least, over
every order ending in another winner, of the fewest changes that make the count follow that
order (``distance_to``, an integer program: :mod:`votecount.margin.program`). The search
follows Magrino, Rivest, Shen and Wagner (2011) and Blom, Stuckey and Teague (2016): orders
are built from the end (the new winner, then who goes last-but-one, ...), and a partial
order (a *tail*) is dropped once a lower bound on every order ending so reaches the best
margin found. Here:

- **a first upper bound** before any program: for each rival, the fewest of the winner's
  first preferences that, given to the rival, make the rival (or anyone but the winner) win
  outright, checked by a recount;
- **best first**: the tail of least bound is taken next, so the search stops as soon as the
  least bound left reaches the best margin found (which is then proved);
- **bounds without a program**, each a count of votes that one changed ballot moves by at
  most two: the candidate the tail adds must be strictly lowest when the tail's candidates
  remain; and every candidate ``d`` outside the tail goes earlier, while the tail's
  candidates all remain, when ``d`` has at least its first preferences and each tail
  candidate ``e`` at most its votes among the tail and ``d`` alone, so ``d``'s first
  preferences must fall below those votes of ``e``. A tail's bound is never below its
  parent's;
- **the tail's program** (its linear relaxation, over the tail's candidates, with a row for
  each candidate outside it and each of the tail: :func:`votecount.margin.program.effects`)
  is solved only when a tail comes up for expansion; a complete order's program is settled
  in stages (relaxation, a quick try, the proof), each only when the order comes up again
  with the least bound (:meth:`_Search.complete`).

The programs are solved by HiGHS when the optional extra is installed
(:mod:`votecount.margin.highs`, every answer proved exactly), else by the exact pure-Python
solver (:mod:`votecount.margin.exact`).
"""

from __future__ import annotations

import heapq
import importlib
from collections.abc import Sequence
from math import ceil
from types import ModuleType

import attrs

from votecount.errors import OptionError, RuleError
from votecount.margin import exact
from votecount.margin.program import Change, Ranking, witness
from votecount.profile import Profile

SOLVERS = ("auto", "highs", "exact")
MIN_SOLVED = 2
"""Tails shorter than this are bounded without a program."""


@attrs.frozen
class IRVMargin:
    """The margin, the winner it would give, and the ballots to change (the witness)."""

    margin: int
    winner: int
    new_winner: int | None
    order: tuple[int, ...]
    """The elimination order the changed ballots produce, first excluded first."""
    changes: tuple[Change, ...]
    """``(ranking now, ranking after, how many)``: take that many papers ranked so, rank them so."""
    orders_tried: int = 0
    """Complete orders whose integer program was solved (the rest were pruned by bounds)."""
    tails_solved: int = 0
    """Tails whose linear relaxation was solved."""
    solver: str = exact.NAME


def ballots_of(profile: Profile) -> list[tuple[Ranking, int]]:
    """Each distinct ranking and its number of papers; a ranking stops where equal
    preferences begin (they exhaust there, as IRV counts them)."""
    found: dict[Ranking, int] = {}
    for ballot in profile.ballots:
        ranking = []
        for item in getattr(ballot, "ranking", ()):
            if not isinstance(item, int):
                break
            ranking.append(item)
        weight = ballot.weight
        if int(weight) != weight:
            raise RuleError("a margin counts whole ballots; this profile has fractional weights")
        if ranking:
            found[tuple(ranking)] = found.get(tuple(ranking), 0) + int(weight)
    return sorted(found.items())


def tallies(ballots: Sequence[tuple[Ranking, int]], remaining: frozenset[int]) -> dict[int, int]:
    """Each remaining candidate's votes when only ``remaining`` continue."""
    totals = dict.fromkeys(remaining, 0)
    for ranking, n in ballots:
        for c in ranking:
            if c in remaining:
                totals[c] += n
                break
    return totals


def outright_winner(
    ballots: Sequence[tuple[Ranking, int]], candidates: Sequence[int]
) -> tuple[int | None, tuple[int, ...]]:
    """The IRV winner when every exclusion is strict, and the order; ``None`` on a tie."""
    remaining = frozenset(candidates)
    order: list[int] = []
    while len(remaining) > 1:
        totals = tallies(ballots, remaining)
        low = min(totals.values())
        lowest = [c for c, v in totals.items() if v == low]
        if len(lowest) > 1:
            return None, tuple(order)
        order.append(lowest[0])
        remaining = remaining - {lowest[0]}
    (last,) = remaining
    return last, (*order, last)


def solver_module(name: str | None) -> ModuleType:
    """The solver called ``name`` (``auto``: HiGHS when scipy is installed, else exact)."""
    if name in (None, "auto", "highs"):
        try:
            return importlib.import_module("votecount.margin.highs")
        except ImportError:
            if name == "highs":
                raise OptionError(
                    "the highs solver needs scipy: pip install 'votecount[margin]'",
                    option="solver",
                    value=name,
                    choices=SOLVERS,
                ) from None
            return exact
    if name == "exact":
        return exact
    raise OptionError(
        f"unknown solver {name!r}; choose from {', '.join(SOLVERS)}",
        option="solver",
        value=name,
        choices=SOLVERS,
    )


def applied(ballots: Sequence[tuple[Ranking, int]], changes: Sequence[Change]) -> list[tuple[Ranking, int]]:
    """``ballots`` with ``changes`` made."""
    trial = dict(ballots)
    for old, new, k in changes:
        trial[old] -= k
        trial[new] = trial.get(new, 0) + k
    return [(r, k) for r, k in trial.items() if k]


def first_bound(
    ballots: Sequence[tuple[Ranking, int]], n: int, winner: int
) -> tuple[int, tuple[Change, ...], int] | None:
    """A margin to beat, checked by a recount: for each rival, the fewest of the winner's
    first preferences that, ranked for that rival alone, elect someone else outright
    (searched from half the winner's lead in their final pairing, a few steps up)."""
    everyone = list(range(n))
    firsts = sorted(((r, k) for r, k in ballots if r[0] == winner), key=lambda item: -item[1])
    best: tuple[int, tuple[Change, ...], int] | None = None
    for rival in range(n):
        if rival == winner:
            continue
        pair = tallies(ballots, frozenset((winner, rival)))
        start = max(1, ceil((pair[winner] - pair[rival] + 1) / 2))
        for k in range(start, start + 4):
            if best is not None and k >= best[0]:
                break
            changes, left = [], k
            for ranking, count in firsts:
                take = min(count, left)
                changes.append((ranking, (rival,), take))
                left -= take
                if not left:
                    break
            if left:
                break
            new, _ = outright_winner(applied(ballots, changes), everyone)
            if new is not None and new != winner:
                best = (k, tuple(changes), new)
                break
    return best


def irv_margin(profile: Profile, winner: int, solver: str | None = None) -> IRVMargin:
    """The exact margin of ``winner``'s election in an IRV count of ``profile`` (see the
    module's docstring); the caller counts, so that ties the rule breaks are its own."""
    ballots = ballots_of(profile)
    n = len(profile.candidates)
    if n < 2:
        raise RuleError("one candidate: nobody else can win")
    module = solver_module(solver)
    search = _Search(ballots, n, winner, module)
    search.run()
    assert search.best is not None  # some order always can be reached: change every ballot
    margin, order, changes = search.best
    new, _ = outright_winner(applied(ballots, changes), list(range(n)))
    if new is None or new == winner:
        raise RuleError("internal: the IRV margin's witness does not change the winner")
    return IRVMargin(margin, winner, new, order, changes, search.orders, search.tails, module.NAME)


class _Search:
    """Best-first branch and bound over tails of elimination orders (see the module)."""

    def __init__(self, ballots: list[tuple[Ranking, int]], n: int, winner: int, module: ModuleType) -> None:
        self.ballots, self.n, self.winner, self.module = ballots, n, winner, module
        self.best: tuple[int, tuple[int, ...], tuple[Change, ...]] | None = None
        self.orders = self.tails = self.current = self.serial = 0
        self.builder = module.Builder(ballots, n)
        self._tallies: dict[frozenset[int], dict[int, int]] = {}
        self.first = self.tally(frozenset(range(n)))

    def tally(self, remaining: frozenset[int]) -> dict[int, int]:
        found = self._tallies.get(remaining)
        if found is None:
            found = self._tallies[remaining] = self.builder.tallies(remaining)
        return found

    def proved(self) -> int:
        """The margin proved so far from below: tails come off the queue in the order of
        their bounds, so every tail not yet settled has at least the bound of the one in
        hand (a search stopped early leaves the margin between this and the best found)."""
        return self.current

    def limit(self) -> int | None:
        return None if self.best is None else self.best[0]

    def cheap(self, tail: tuple[int, ...]) -> int:
        """The bounds without a program (see the module) for orders ending in ``tail``."""
        inside = frozenset(tail)
        votes = self.tally(inside)
        going = tail[0]
        lead = max((votes[going] - votes[e] for e in tail[1:]), default=-1)
        bound = max(0, ceil((lead + 1) / 2))
        for d in range(self.n):
            if d not in inside:
                with_d = self.tally(inside | {d})
                worst = self.first[d] - min(with_d[e] for e in tail)
                bound = max(bound, ceil((worst + 1) / 2))
        return bound

    def run(self) -> None:
        found = first_bound(self.ballots, self.n, self.winner)
        if found is not None:
            k, changes, _ = found
            _, order = outright_winner(applied(self.ballots, changes), list(range(self.n)))
            self.best = (k, order, changes)
        self.queue: list[tuple[int, int, int, tuple[int, ...], int]] = []
        queue = self.queue
        for other in range(self.n):
            if other != self.winner:
                self.push(self.cheap((other,)), (other,), 0)
        while queue:
            bound, _, _, tail, stage = heapq.heappop(queue)
            self.current = bound  # bounds come off the queue in order: none left is less
            limit = self.limit()
            if limit is not None and bound >= limit:
                break
            if len(tail) == self.n:
                self.complete(tail, bound, stage)
                continue
            if not stage and len(tail) >= MIN_SOLVED:
                self.tails += 1
                outside = tuple(c for c in range(self.n) if c not in tail)
                relaxed = self.module.lower_bound(self.builder.program(tail, outside), limit)
                if relaxed is None or (limit is not None and relaxed >= limit):
                    continue
                if relaxed > bound:
                    self.push(relaxed, tail, 1)
                    continue
            for c in range(self.n):
                if c in tail:
                    continue
                child = (c, *tail)
                child_bound = max(bound, self.cheap(child))
                if len(child) == self.n - 1:  # the one left goes first
                    child = (next(d for d in range(self.n) if d not in child), *child)
                    child_bound = max(child_bound, self.cheap(child))
                if limit is None or child_bound < limit:
                    self.push(child_bound, child, 0)

    def complete(self, order: tuple[int, ...], bound: int, stage: int) -> None:
        """Settle ``order``'s integer program in stages, each only when the order comes up
        (again) with the least bound: first its relaxation, whose proved bound, if above the
        order's, sends it back into the queue; then a quick attempt, whose whole solution
        (checked exactly) improves the best margin and which, if it does not prove that
        solution least, sends the order back with its proved bound; last the full proof.
        Often a cheaper order found meanwhile settles it without the later stages."""
        program = self.builder.program(order)
        limit = self.limit()
        if stage == 0:
            relaxed = self.module.lower_bound(program, limit)
            if relaxed is None or (limit is not None and relaxed >= limit):
                self.orders += 1
                return
            if relaxed > bound:
                self.push(relaxed, order, 1)
                return
        if stage <= 1:
            attempt = self.module.attempt(program, limit)
            if attempt.found is not None:
                value, x = attempt.found
                self.best = (value, order, witness(program, self.ballots, x))
            if not attempt.proved:
                self.push(max(bound, attempt.lower), order, 2)
                return
            self.orders += 1
            return
        self.orders += 1
        solved = self.module.solve(program, limit)
        if solved is not None:
            value, x = solved
            self.best = (value, order, witness(program, self.ballots, x))

    def push(self, bound: int, tail: tuple[int, ...], stage: int) -> None:
        heapq.heappush(self.queue, (bound, -len(tail), self.serial, tail, stage))
        self.serial += 1
