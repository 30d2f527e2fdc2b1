"""The round loop of the one STV engine, short enough to read beside a statute.

How the count runs, stage by stage (the words are the statutes'):

1. *First stage.* Each paper is credited to the first continuing candidate it ranks, at a
   value of one. The quota is ascertained (:attr:`STVOptions.quota`).
2. After every stage, each continuing candidate whose votes reach (or exceed,
   :attr:`STVOptions.elect_on`) the quota is elected, highest first
   (:func:`~votecount.rules.stv.decide.elect_reached`).
3. The count stops when every vacancy is filled, or, when the continuing candidates are no
   more than the vacancies left, they are all deemed elected
   (:attr:`STVOptions.elect_remaining`).
4. Otherwise the largest surplus not yet transferred is transferred, one stage per
   surplus (:attr:`STVOptions.surplus`, :attr:`STVOptions.surplus_order`), unless the
   rule defers it (:attr:`STVOptions.defer_surplus`).
5. With no surplus to transfer, the lowest continuing candidate is excluded (or a group
   of them, :attr:`STVOptions.exclusion`) and their papers pass on at their values, all at
   once or parcel by parcel (:attr:`STVOptions.exclusion_transfer`).

Ties are broken first by looking back at earlier stages, then by the count's tie policy
(:mod:`votecount.rules.stv.lookback`). The single-seat preferential counts' extras
(:attr:`STVOptions.top_after_first`, :attr:`STVOptions.elect_highest_at_last`) and the
Australian Senate's last two (:attr:`STVOptions.elect_higher_of_last_two`) are steps of
this one loop, each taken only when its option is set.
"""

from __future__ import annotations

from collections.abc import Sequence

from votecount.errors import RuleError
from votecount.numbers import Value
from votecount.profile import Profile
from votecount.progress import active
from votecount.result import Result
from votecount.rules.stv.count import ConstraintHook, Count, TransferMethod
from votecount.rules.stv.decide import (
    at_last_round,
    can_defer,
    elect_all_remaining,
    elect_highest,
    elect_reached,
    exclude_all_but_top,
    exclude_lowest,
    pending_surpluses,
    transfer_surpluses,
)
from votecount.rules.stv.lookback import order_by_votes
from votecount.rules.stv.methods import TRANSFER_METHODS
from votecount.rules.stv.options import STVOptions
from votecount.rules.stv.papers import Parcel
from votecount.ties import TiePolicy


def start_count(
    profile: Profile,
    seats: int,
    ties: TiePolicy,
    options: STVOptions,
    rule: str,
    *,
    constraint_hook: ConstraintHook | None = None,
    notes: Sequence[str] = (),
    method: TransferMethod | None = None,
) -> Count:
    """A count ready to :func:`run`, with the transfer method its options name (or
    ``method``, one of the caller's own that follows the
    :class:`~votecount.rules.stv.count.TransferMethod` protocol)."""
    if method is None:
        try:
            method = TRANSFER_METHODS[options.surplus]
        except KeyError:
            known = ", ".join(sorted(TRANSFER_METHODS))
            raise RuleError(f"unknown surplus method {options.surplus!r}; known: {known}") from None
    count = Count(
        profile, seats, ties, options, rule, method=method, elect_reached=elect_reached,
        constraint_hook=constraint_hook,
    )
    for note in notes:
        count.add_note(note)
    return count


def count_unconstrained(
    profile: Profile, seats: int, ties: TiePolicy, options: STVOptions, rule: str
) -> Result:
    """Count ``profile`` under ``options``, with no seat constraints."""
    return run(start_count(profile, seats, ties, options, rule))


def run(count: Count) -> Result:
    """The round loop, stage by stage, as the module docstring sets it out."""
    o = count.options
    progress = active()
    first_stage(count)
    while True:
        progress.update(f"counting, stage {len(count.rounds)}")
        if count.vacancies == 0:
            break
        # seat constraints (votecount.rules.stv.constrained): forced exclusions first
        if count.constraint_hook is not None and count.constraint_hook.before_decision(count):
            continue
        remaining = count.continuing()
        if o.elect_remaining and len(remaining) <= count.vacancies:
            elect_all_remaining(count, remaining)
            break
        if not remaining:
            break
        if o.elect_highest_at_last and at_last_round(count, remaining):
            elect_highest(count, remaining)
            break
        if o.top_after_first is not None and len(count.rounds) == 1 and not count.elected:
            exclude_all_but_top(count, o.top_after_first)
            continue
        pending = pending_surpluses(count)
        deferring = o.defer_surplus != "never"
        if pending and not (deferring and can_defer(count, pending)):
            transfer_surpluses(count, pending)
            continue
        if o.elect_higher_of_last_two and count.vacancies == 1 and len(remaining) == 2:
            c = order_by_votes(count, remaining, purpose="elect")[0]
            count.elect(c, "the higher of the last two continuing candidates", record_on_last=True)
            break
        exclude_lowest(count, pending if deferring else [])
    return to_result(count)


def first_stage(count: Count) -> None:
    """Credit each paper to its first continuing preference at a value of one (stage 1)."""
    count.begin_stage("First preferences", "first")
    one = count.arith.whole(1)
    credited: Value = 0
    for c, run in enumerate(count.first_runs):
        if not run:
            continue
        papers = count.first_papers[c]
        gain = count.credit_value(one, papers)
        count.piles[c].append(Parcel(one, 1, [(run.start, run.stop, 0)], papers, first_preferences=True))
        count.votes[c] = gain
        credited += gain
    assert count.stage is not None
    count.lost = count.valid_poll - credited
    count.stage.lost = count.lost
    count.end_stage()


def to_result(count: Count) -> Result:
    """The finished count as a :class:`~votecount.result.Result`: nothing of the working
    state goes with it."""
    cands = count.profile.candidates
    a = count.arith
    return Result(
        rule=count.rule,
        candidates=tuple(c for i, c in enumerate(cands) if i not in count.profile.withdrawn),
        seats=count.seats,
        elected=tuple(cands[c] for c in count.elected),
        rounds=tuple(count.rounds),
        valid_poll=a.public(count.valid_poll),
        options=count.options.as_dict(),
        quota=count.rounds[0].quota if count.rounds else None,
        ties=tuple(count.ties.records),
        tie_policy=count.ties.policy.describe(),
        places=a.places,
        title=count.profile.title,
        notes=tuple(count.notes),
        withdrawn=tuple(cands[c] for c in sorted(count.profile.withdrawn)),
        validation=count.profile.validation,
        profile=count.profile,
    )


__all__ = ["count_unconstrained", "first_stage", "run", "start_count", "to_result"]
