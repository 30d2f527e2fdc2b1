"""The primitives that move papers and votes in an STV count (mixed into
:class:`~votecount.rules.stv.count.Count`).

A transfer method sorts papers by their next continuing preference (:meth:`PaperMoves.sort_papers`,
a run of ballots at a time, :mod:`votecount.rules.stv.sorting`), credits each destination
with a new parcel (:meth:`PaperMoves.credit`) and records the :class:`~votecount.result.Transfer`;
what a transfer takes from its source, makes non-transferable or loses to fractions is
recorded here too, against the open stage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

import attrs

from votecount.ballots import Weight
from votecount.candidates import Candidate
from votecount.numbers import Arithmetic, Value
from votecount.profile import Profile
from votecount.result import Round, Transfer
from votecount.rules.stv.options import STVOptions
from votecount.rules.stv.papers import Parcel, StageRecord
from votecount.rules.stv.sorting import Run, Sorted, sort_runs


class PaperMoves:
    """Moving papers and votes: the part of :class:`~votecount.rules.stv.count.Count` that
    transfer methods call. The state it works on is the count's (declared here for the
    type checker; :class:`~votecount.rules.stv.count.Count` sets it)."""

    options: STVOptions
    arith: Arithmetic
    profile: Profile
    pile_rankings: list[tuple[int, ...]]
    weights: list[Weight]
    status: list[int]
    votes: list[Value]
    piles: list[list[Parcel]]
    surplus_done: list[bool]
    exhausted: Value
    lost: Value
    rounds: list[Round]
    stage: StageRecord | None
    public: Callable[[Value], Any]

    @property
    def stage_number(self) -> int:
        return len(self.rounds) + (1 if self.stage is not None else 0)

    def sort_papers(
        self, runs: Iterable[Run], singles: Iterable[int] = (), holder: int = -1
    ) -> tuple[dict[int, Sorted], Weight]:
        """Sort papers (``runs``, and ``singles`` that ``holder`` holds, as a
        :class:`~votecount.rules.stv.papers.Parcel` keeps them) by their next available
        preference for a continuing candidate (:func:`~votecount.rules.stv.sorting.sort_runs`).

        Returns, per destination, its runs, its single ballots and the number of papers; and
        the number of papers with no such preference (non-transferable).
        """
        return sort_runs(self.pile_rankings, self.weights, self.status, runs, singles, holder)

    def credit_value(self, value: Value, papers: Weight) -> Value:
        """Votes that ``papers`` papers at ``value`` credit to a candidate."""
        credit = self.arith.times(value, papers)
        if self.options.whole_vote_credits:
            whole = self.arith.whole(int(self.arith.exact(credit)))
            return whole
        return credit

    def move(
        self,
        source: int,
        kind: Literal["surplus", "exclusion"],
        runs: Iterable[Run],
        value: Value,
        *,
        singles: Iterable[int] = (),
        outflow: Value | None = None,
    ) -> tuple[Value, Value]:
        """Move papers (``runs``, and ``singles`` held by ``source``) at ``value`` each to
        their next continuing preferences.

        Credits each destination (a new parcel in its pile), records a
        :class:`~votecount.result.Transfer`, and returns (votes credited to candidates,
        value of the non-transferable papers). ``outflow``, if given, is what the source
        loses by this move; what of it is neither credited nor non-transferable is lost to
        fractions.
        """
        sorted_papers, exhausted_papers = self.sort_papers(runs, singles, source)
        return self.credit(source, kind, sorted_papers, exhausted_papers, value, outflow=outflow)

    def credit(
        self,
        source: int,
        kind: Literal["surplus", "exclusion"],
        sorted_papers: dict[int, Sorted],
        exhausted_papers: Weight,
        value: Value,
        *,
        outflow: Value | None = None,
    ) -> tuple[Value, Value]:
        """Credit papers already sorted by :meth:`sort_papers` (see :meth:`move`)."""
        stage = self.stage
        assert stage is not None
        n_stage = self.stage_number
        credited: Value = 0
        papers_total: Weight = exhausted_papers
        piles, votes, changes = self.piles, self.votes, stage.changes
        public, cands = self.public, self.profile.candidates
        shown: dict[Candidate, Any] = {}  # each destination's gain, as the record shows it
        # a whole number of papers at a value held as a whole number (fixed decimals, or a
        # whole value in exact fractions): the product, as both arithmetics' times() give it
        plain = type(value) is int and not self.options.whole_vote_credits
        for dest in sorted(sorted_papers):
            runs, singles, papers = sorted_papers[dest]
            gain = value * papers if plain and type(papers) is int else self.credit_value(value, papers)
            piles[dest].append(Parcel(value, n_stage, runs, papers, False, singles))
            votes[dest] += gain
            changes[dest] = changes.get(dest, 0) + gain
            shown[cands[dest]] = public(gain)
            credited += gain
            papers_total += papers
        exhausted_value = self.credit_value(value, exhausted_papers) if exhausted_papers else 0
        self.exhausted += exhausted_value
        stage.exhausted += exhausted_value
        lost: Value = 0
        if outflow is not None:
            lost = outflow - credited - exhausted_value
            self.lose(lost)
        stage.transfers.append(
            Transfer(
                source=cands[source],
                kind=kind,
                papers=papers_total,
                votes=shown,
                exhausted=public(exhausted_value),
                lost=public(lost),
                transfer_value=public(value),
            )
        )
        return credited, exhausted_value

    def make_non_transferable(self, amount: Value) -> None:
        """Record votes that become non-transferable without papers moving (a capped
        transfer value leaves part of a surplus behind)."""
        assert self.stage is not None
        self.exhausted += amount
        self.stage.exhausted += amount

    def take(self, source: int, amount: Value) -> None:
        """Take ``amount`` of votes from ``source`` (what its transfer sends on)."""
        assert self.stage is not None
        self.votes[source] -= amount
        self.stage.changes[source] = self.stage.changes.get(source, 0) - amount

    def settle(self, c: int) -> None:
        """An elected candidate whose surplus is transferred keeps the quota; papers set aside."""
        self.piles[c] = []
        self.surplus_done[c] = True

    def lose_on_surplus(self, source: int, amount: Value) -> None:
        """Record what a surplus transferred in several parcels lost to fractions as a whole,
        and show it on the source's last parcel, so that each source's transfers add up to
        what it sent."""
        self.lose(amount)
        if self.options.fraction_loss == "non-transferable":
            self._amend_last_transfer(source, "exhausted", amount)
        else:
            self._amend_last_transfer(source, "lost", amount)

    def leave_behind(self, source: int, amount: Value) -> None:
        """Make non-transferable the part of a surplus that no paper carries on (a capped or
        transferable-papers-only transfer value), shown on the source's last parcel."""
        self.make_non_transferable(amount)
        self._amend_last_transfer(source, "exhausted", amount)

    def _amend_last_transfer(self, source: int, field: Literal["lost", "exhausted"], amount: Value) -> None:
        stage = self.stage
        assert stage is not None
        if not amount:
            return
        for i in range(len(stage.transfers) - 1, -1, -1):
            transfer = stage.transfers[i]
            if transfer.source == self.profile.candidates[source]:
                added: Any = self.arith.public(amount)
                stage.transfers[i] = attrs.evolve(transfer, **{field: added + getattr(transfer, field)})
                return

    def lose(self, amount: Value) -> None:
        """Record votes lost to fractions (or, where :attr:`STVOptions.fraction_loss` says,
        count them with the non-transferable votes)."""
        assert self.stage is not None
        if self.options.fraction_loss == "non-transferable":
            self.make_non_transferable(amount)
            return
        self.lost += amount
        self.stage.lost += amount



__all__ = ["PaperMoves"]
