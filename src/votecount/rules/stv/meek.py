"""Meek's and Warren's methods: iterative surplus methods of the one STV engine.

Under both methods every paper is counted afresh at each iteration. A paper starts at a
value of one and is offered to the candidates it ranks, in order:

- an *excluded* candidate takes nothing and passes the whole value on;
- a *continuing* (hopeful) candidate takes the whole value, and the paper stops there;
- an *elected* candidate takes part of it and passes the rest on. Under **Meek** the part
  is a proportion, the candidate's *keep factor* ``k``: the candidate keeps ``value × k``
  and passes on ``value × (1 − k)``. Under **Warren** the part is an amount, the
  candidate's *keep value* ``k``: the candidate keeps ``min(k, value)`` and passes on the
  rest.

What no candidate takes is non-transferable. The quota is ascertained afresh after every
iteration from the votes candidates hold (so it falls as papers exhaust), and every
elected candidate's keep factor is then scaled towards the quota,
``k ← k × quota ÷ votes``. The iteration stops when

1. a continuing candidate reaches the quota (the engine elects them at the end of the
   stage, and the next stage iterates again with them elected); or
2. the total surplus of the elected candidates is within the method's tolerance; or
3. the surplus no longer falls (a stable state, reached only in fixed decimals); or
4. some candidates are *sure losers*: together with the whole surplus they still have
   fewer votes than the next candidate, so no further iteration can save them. They are
   excluded at once, in a stage of their own, and the iteration goes on.

In cases 2 and 3 the engine excludes the lowest candidate (or group, as the preset says)
and hands the exclusion back to the method, which iterates again: under Meek an
exclusion is simply a keep factor of zero.

Each engine stage in the :class:`~votecount.result.Result` shows every candidate's votes
as they stand when the iteration stopped, the non-transferable votes, and what rounding
left unallocated as lost to fractions, so that votes + non-transferable + lost equals the
valid poll at every stage. The stage description gives the number of iterations and the
elected candidates' keep factors (shown to 9 decimal places).

Each iteration's counting of the papers is :class:`~votecount.rules.stv.sharing.PaperSharing`'s
(by path, and in exact arithmetic in whole numbers over a common denominator).

The methods are in the engine's table (:data:`votecount.rules.stv.methods.TRANSFER_METHODS`)
as ``"meek"`` and ``"warren"`` (exact; Droop's "Meek/Warren parametric" rules) and
``"meek-nz"`` (the New Zealand rule). The presets are the rules ``meek``, ``nz-meek`` and
``warren`` (:mod:`votecount.rules.presets.meek`); docs/rules/meek.md gives their settings
and sources.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from fractions import Fraction
from typing import Literal

import attrs

from votecount.numbers import Value
from votecount.rules.stv.count import Count
from votecount.rules.stv.sharing import PaperSharing

Keeping = Literal["proportion", "amount"]
SureLosers = Literal["batch", "lowest"]


@attrs.define
class _Iteration:
    """One count's keep factors (by candidate index; hopefuls keep 1, the excluded 0)."""

    sharing: PaperSharing
    """How the papers are shared out at each iteration."""
    keep: dict[int, Value] = attrs.field(factory=dict)
    iterations: int = 0


ZERO_VOTES = "no votes: candidates with no votes are excluded together"


class IterativeTransfers:
    """Meek's or Warren's method (see the module docstring), with the settings a rule fixes.

    ``keeping``: ``"proportion"`` (Meek: keep factors) or ``"amount"`` (Warren: keep values).
    ``tolerance``: the iteration has converged when the total surplus is at most this
    (``strict``: less than this). ``sure_losers``: ``"batch"`` excludes the largest group of
    lowest candidates whose votes together, plus the total surplus, are less than the next
    candidate's (never splitting candidates within the surplus of each other, and leaving
    enough candidates to fill the vacancies); ``"lowest"`` excludes only the lowest
    candidate, when their votes plus the surplus are less than the next lowest's.
    ``zero_votes_together``: on convergence, candidates with no votes at all are excluded
    together (NZ) rather than one at a time.

    Arithmetic is the count's (:attr:`STVOptions.places`, :attr:`STVOptions.rounding`):
    what a candidate keeps of a paper, and each step of a keep factor's update
    (``k × quota``, then ``÷ votes``), is rounded as the count rounds; what the candidate
    passes on is the paper's value less what they kept, so nothing is lost on a paper.
    """

    simultaneous = True

    def __init__(
        self,
        name: str,
        *,
        keeping: Keeping,
        tolerance: Fraction,
        strict: bool = False,
        sure_losers: SureLosers = "batch",
        zero_votes_together: bool = False,
        keep_places: int | None = None,
    ) -> None:
        self.name = name
        self.keeping = keeping
        self.tolerance = tolerance
        self.strict = strict
        self.sure_losers = sure_losers
        self.zero_votes_together = zero_votes_together
        self.keep_places = keep_places
        self._state: weakref.WeakKeyDictionary[Count, _Iteration] = weakref.WeakKeyDictionary()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"

    # -- the engine's hooks -----------------------------------------------------------

    def transfer_surplus(self, count: Count, sources: Sequence[int]) -> None:
        self._iterate(count)

    def transfer_excluded(self, count: Count, excluded: Sequence[int]) -> None:
        self._iterate(count)

    # -- the iteration ------------------------------------------------------------------

    def _state_of(self, count: Count) -> _Iteration:
        state = self._state.get(count)
        if state is None:
            state = self._state[count] = _Iteration(PaperSharing(count))
            count.release_papers()  # every paper is recounted at each iteration
        one = count.arith.whole(1)
        for c in count.elected:
            state.keep.setdefault(c, one)
        return state

    def _iterate(self, count: Count) -> None:
        state = self._state_of(count)
        started = state.iterations
        last_surplus: Value | None = None
        stable = False
        while True:
            self._distribute(count, state)
            if any(self._may_elect(count, c) for c in count.continuing()):
                break  # case 1: the engine elects at the end of the stage
            surplus = self._total_surplus(count)
            converged = surplus < self._tolerance(count) if self.strict else surplus <= self._tolerance(count)
            if converged or (last_surplus is not None and surplus >= last_surplus):
                stable = not converged
                if self.zero_votes_together and self._exclude_zero_votes(count, state, started, stable):
                    started = state.iterations
                    last_surplus = None
                    continue
                self._settle(count)  # cases 2, 3: the engine excludes the lowest
                break
            losers = self._sure_losers(count, surplus)
            if losers:
                self._describe(count, state, started)
                self._exclude_now(
                    count, losers, "sure loser: with the whole surplus still below the next candidate"
                )
                started = state.iterations
                last_surplus = None
                if len(count.continuing()) <= count.vacancies:
                    self._distribute(count, state)
                    self._settle(count)
                    break
                continue
            last_surplus = surplus
            self._update_keep(count, state)
            state.iterations += 1
        self._describe(count, state, started, stable)

    @staticmethod
    def _may_elect(count: Count, c: int) -> bool:
        """``c`` has the quota and (in a seat-constrained count) may be elected now."""
        hook = count.constraint_hook
        return count.has_quota(c) and (hook is None or hook.may_elect(count, c))

    def _tolerance(self, count: Count) -> Value:
        return count.arith.fraction(self.tolerance)

    def _distribute(self, count: Count, state: _Iteration) -> None:
        """Count every paper afresh with the current keep factors; set votes, the
        non-transferable total and what rounding lost, and ascertain the quota."""
        votes, exhausted = state.sharing.share(count, state.keep, self.keeping == "proportion")
        for c in range(count.n):
            if votes[c] != count.votes[c]:
                count.take(c, count.votes[c] - votes[c])
        count.make_non_transferable(exhausted - count.exhausted)
        count.lose(count.valid_poll - sum(votes, 0) - exhausted - count.lost)
        count.reascertain_quota()

    def _total_surplus(self, count: Count) -> Value:
        return sum((count.votes[c] - count.quota for c in count.elected), 0)

    def _update_keep(self, count: Count, state: _Iteration) -> None:
        a = count.arith
        one = a.whole(1)
        for c in count.elected:
            if count.votes[c] > 0:
                scaled = a.ratio(state.keep[c], count.quota, one)
                k = a.ratio(scaled, one, count.votes[c])
                if self.keep_places is not None and a.exact(k).denominator > 10**self.keep_places:
                    k = _round_up(a.exact(k), self.keep_places)
                state.keep[c] = min(k, one)

    def _sure_losers(self, count: Count, surplus: Value) -> list[int]:
        """Sure losers (see the class docstring); in a seat-constrained count, only those
        the constraints can spare (any part of a batch of sure losers is one too)."""
        losers = self._sure_loser_batch(count, surplus)
        hook = count.constraint_hook
        if losers and hook is not None:
            losers = hook.excludable(count, losers)[0]
        return losers

    def _sure_loser_batch(self, count: Count, surplus: Value) -> list[int]:
        hopeful = sorted(count.continuing(), key=lambda c: count.votes[c])
        can_exclude = len(hopeful) - count.vacancies
        if can_exclude <= 0 or len(hopeful) < 2:
            return []
        votes = count.votes
        if self.sure_losers == "lowest":
            lowest, second = hopeful[0], hopeful[1]
            return [lowest] if votes[lowest] + surplus < votes[second] else []
        # Groups of candidates within the surplus of the group's lowest are never split.
        groups: list[list[int]] = []
        for c in hopeful:
            if groups and votes[groups[-1][0]] + surplus >= votes[c]:
                groups[-1].append(c)
            else:
                groups.append([c])
        batch: list[int] = []
        taken: list[int] = []
        total: Value = 0
        for g in range(len(groups) - 1):
            taken = taken + groups[g]
            if len(taken) > can_exclude:
                break
            total += sum((votes[c] for c in groups[g]), 0)
            if total + surplus < votes[groups[g + 1][0]]:
                batch = list(taken)
        return batch

    def exclusion_group(self, count: Count) -> tuple[list[int], str]:
        """The engine's optional hook: with ``zero_votes_together``, every continuing
        candidate with no votes, when there are two or more and excluding them all leaves
        enough candidates for the vacancies (and, in a seat-constrained count, the
        constraints can spare them all); else none."""
        if not self.zero_votes_together:
            return [], ""
        zero = [c for c in count.continuing() if count.votes[c] == 0]
        hook = count.constraint_hook
        if hook is not None and zero and hook.excludable(count, zero)[0] != zero:
            return [], ""
        if len(zero) < 2 or len(count.continuing()) - len(zero) < count.vacancies:
            return [], ""
        return zero, ZERO_VOTES

    def _exclude_zero_votes(self, count: Count, state: _Iteration, started: int, stable: bool) -> bool:
        zero, reason = self.exclusion_group(count)
        if not zero:
            return False
        self._describe(count, state, started, stable)
        self._exclude_now(count, zero, reason)
        return True

    def _exclude_now(self, count: Count, losers: Sequence[int], reason: str) -> None:
        names = ", ".join(count.profile.candidates[c].name for c in losers)
        count.next_stage(f"Exclusion of {names}", "exclusion")
        count.exclude(sorted(losers), reason)

    def _settle(self, count: Count) -> None:
        for c in count.elected:
            count.settle(c)

    def _describe(self, count: Count, state: _Iteration, started: int, stable: bool = False) -> None:
        """Add the iterations (and whether they stopped at a stable surplus rather than
        within the tolerance) and the keep factors to the open stage's description."""
        if count.stage is None:
            return
        a = count.arith
        word = "keep factors" if self.keeping == "proportion" else "keep values"
        shown = ", ".join(
            f"{count.profile.candidates[c].name} {_nine_places(a.exact(state.keep[c]))}"
            for c in count.elected
            if c in state.keep
        )
        n = state.iterations - started
        what = f"{n} iteration{'s' if n != 1 else ''}" + (", surplus stable" if stable else "")
        count.describe_stage(f" ({what}; {word}: {shown})" if shown else f" ({what})")


def _round_up(q: Fraction, places: int) -> Fraction:
    """``q`` rounded up to ``places`` decimal places."""
    scale = 10**places
    return Fraction(-((-q.numerator * scale) // q.denominator), scale)


def _nine_places(q: Fraction) -> str:
    """A keep factor for display: rounded up to 9 decimal places (exact if it has fewer)."""
    whole, frac = divmod(int(_round_up(q, 9) * 10**9), 10**9)
    return f"{whole}.{frac:09d}"


MEEK_METHOD = IterativeTransfers("meek", keeping="proportion", tolerance=Fraction(1, 10**10), keep_places=18)
"""Exact Meek: keep factors in exact fractions; converged when the total surplus is at most
10⁻¹⁰; sure losers excluded in batches (as Droop's ``meek`` rule, omega 10)."""

WARREN_METHOD = IterativeTransfers("warren", keeping="amount", tolerance=Fraction(1, 10**10), keep_places=18)
"""Exact Warren: keep values in exact fractions; otherwise as :data:`MEEK_METHOD`."""

NZ_MEEK_METHOD = IterativeTransfers(
    "meek-nz",
    keeping="proportion",
    tolerance=Fraction(1, 10**4),
    strict=True,
    sure_losers="lowest",
    zero_votes_together=True,
)
"""New Zealand Meek (Local Electoral Regulations 2001, Sch. 1A): converged when the total
surplus is less than 0.0001 (cl. 13); one sure loser at a time; candidates with no votes
excluded together. Counted at 9 decimal places rounded up (the preset's arithmetic)."""


__all__ = ["MEEK_METHOD", "NZ_MEEK_METHOD", "WARREN_METHOD", "IterativeTransfers"]
