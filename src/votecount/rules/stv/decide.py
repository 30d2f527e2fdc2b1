"""The decisions of an STV count: who is elected, whose surplus goes, who is excluded.

Each function takes the :class:`~votecount.rules.stv.count.Count` and decides one thing as
its options say, recording every election and exclusion with the reason the rule gives.
The round loop (:mod:`votecount.rules.stv.engine`) calls them in the statute's order.
"""

from __future__ import annotations

from collections.abc import Sequence

from votecount.numbers import Value
from votecount.rules.stv.count import CONTINUING, EXCLUDED, Count
from votecount.rules.stv.lookback import look_back, order_by_votes, record_look_back, tie_stage


def active_quota(count: Count) -> Value:
    """The votes still in play (held by candidates not elected, including an excluded
    candidate's papers not yet passed on, plus untransferred surpluses) over one more
    than the vacancies left (see :attr:`STVOptions.elect_on_active_quota`)."""
    active = sum((count.votes[c] for c in range(count.n) if count.status[c] in (CONTINUING, EXCLUDED)), 0)
    active += sum((count.surplus_of(c) for c in count.elected if not count.surplus_done[c]), 0)
    return count.arith.fraction(count.arith.exact(active) / (count.vacancies + 1))


def unassailable(count: Count) -> int | None:
    """The last vacancy's candidate whom nobody can now overtake, if any."""
    remaining = count.continuing()
    if count.vacancies != 1 or len(remaining) < 2:
        return None
    top = max(remaining, key=lambda c: count.votes[c])
    others = sum((count.votes[c] for c in remaining if c != top), 0)
    others += sum((count.surplus_of(c) for c in count.elected if not count.surplus_done[c]), 0)
    return top if count.votes[top] >= others else None


def elect_reached(count: Count) -> None:
    """Elect every continuing candidate at (or over) the quota, highest first (SSI 2007/42
    Sch. 1 r. 47(1))."""
    o = count.options
    if o.exclude_down_to is not None and len(count.continuing()) > o.exclude_down_to:
        return
    reached = [c for c in count.continuing() if count.has_quota(c)]
    reason = "reached the quota" if o.elect_on == "reach" else "exceeded the quota"
    if o.quota == "majority":
        reason = "more than half of the votes"
    if o.elect_on_active_quota and count.vacancies:
        active = active_quota(count)
        more = [c for c in count.continuing() if c not in reached and count.votes[c] >= active]
        if more:
            reached += more
            reason += " (or the votes in the count over vacancies left plus one)"
    if reached and len(reached) > count.vacancies and o.unbroken_election_tie == "elect-none":
        reached = electable_without_lot(count, reached)
    if reached:
        decides = len(reached) > count.vacancies
        for c in order_by_votes(count, reached, purpose="elect", decides=decides):
            if count.vacancies == 0:
                break
            # seat constraints: a candidate who cannot be elected stays for exclusion
            if count.constraint_hook is not None and not count.constraint_hook.may_elect(count, c):
                continue
            count.elect(c, reason)
    if o.elect_unassailable and count.vacancies == 1:
        top = unassailable(count)
        hook = count.constraint_hook
        if top is not None and (hook is None or hook.may_elect(count, top)):
            count.elect(top, "at least all other continuing votes and surpluses together (last vacancy)")


def electable_without_lot(count: Count, reached: Sequence[int]) -> list[int]:
    """ERS97 5.6.2: of more candidates at the quota than places, those who can be chosen
    by votes and then earlier stages; candidates tied at every stage across the last
    places are not elected at this stage."""
    by_votes: dict[Value, list[int]] = {}
    for c in reached:
        by_votes.setdefault(count.votes[c], []).append(c)
    chosen: list[int] = []
    for v in sorted(by_votes, reverse=True):
        group = by_votes[v]
        room = count.vacancies - len(chosen)
        if len(group) <= room:
            chosen.extend(group)
            continue
        groups = look_back(count, group)
        if len(groups) > 1:
            record_look_back(count, group, groups, "elect", "earlier stages")
        for sub in groups:
            if len(sub) > count.vacancies - len(chosen):
                if len(sub) > 1:
                    names = ", ".join(count.profile.candidates[c].name for c in sub)
                    count.add_note(
                        f"stage {tie_stage(count, 'elect')}: {names} equal at every stage for the last "
                        "places; none of them elected at this stage"
                    )
                break
            chosen.extend(sub)
        break
    return chosen


def pending_surpluses(count: Count) -> list[int]:
    """Elected candidates with a surplus not yet transferred, in the order they go (the
    largest first, SSI 2007/42 Sch. 1 r. 49(2), unless the rule takes them in order of election)."""
    pending = [c for c in count.elected if not count.surplus_done[c] and count.votes[c] > count.quota]
    if count.options.surplus_order == "largest" and not count.method.simultaneous:
        surplus = [count.surplus_of(c) if c in pending else 0 for c in range(count.n)]
        return order_by_votes(count, pending, purpose="surplus", key=surplus)
    return pending


def can_defer(count: Count, pending: Sequence[int]) -> bool:
    """ERS97 5.2.2 / NI r. 49(10): defer while all the surpluses together could not lift the
    lowest continuing candidate past the next, nor a bulk-exclusion group past the
    candidate above it."""
    total = sum((count.surplus_of(c) for c in pending), 0)
    remaining = sorted(count.continuing(), key=lambda c: count.votes[c])
    if len(remaining) < 2:
        return False
    gap = count.votes[remaining[1]] - count.votes[remaining[0]]
    if total < gap or (total == gap and count.options.defer_surplus == "at-most-gap"):
        return True
    return len(bulk_group(count, total)) > 1


def transfer_surpluses(count: Count, pending: list[int]) -> None:
    """Transfer the first pending surplus as a stage (or, for a simultaneous method, all)."""
    cands = count.profile.candidates
    if count.method.simultaneous:
        names = ", ".join(cands[c].name for c in pending)
        count.begin_stage(f"Surpluses of {names}", "surplus")
        count.method.transfer_surplus(count, pending)
    else:
        c = pending[0]
        count.begin_stage(f"Surplus of {cands[c].name}", "surplus")
        count.method.transfer_surplus(count, [c])
    count.end_stage()


def bulk_group(count: Count, extra: Value = 0) -> list[int]:
    """The largest group of lowest candidates whose votes together (plus ``extra``) are
    less than (or, per :attr:`STVOptions.bulk_limit`, at most) the next candidate's,
    leaving enough continuing to fill the vacancies."""
    remaining = sorted(count.continuing(), key=lambda c: count.votes[c])
    best: list[int] = []
    running: Value = extra
    keep = count.vacancies + (1 if count.options.elect_highest_at_last else 0)
    for i in range(len(remaining) - 1):
        running += count.votes[remaining[i]]
        if len(remaining) - (i + 1) < keep:
            break
        below = running < count.votes[remaining[i + 1]] or (
            count.options.bulk_limit == "at-most-next" and running == count.votes[remaining[i + 1]]
        )
        # never split candidates with equal votes between the group and the rest
        if below and count.votes[remaining[i]] < count.votes[remaining[i + 1]]:
            best = remaining[: i + 1]
    return best


def exclude_lowest(count: Count, deferred: Sequence[int]) -> None:
    """Exclude the lowest continuing candidate (or a bulk group, or a method's own group)
    and pass their papers on, as a stage; ``deferred`` are the surpluses held back."""
    cands = count.profile.candidates
    group: list[int] = []
    together = "together fewer votes than the next candidate (bulk exclusion)"
    chooser = getattr(count.method, "exclusion_group", None)
    if chooser is not None:  # a method's own group (NZ Meek: candidates with no votes)
        group, together = chooser(count)
    if not group and count.options.exclusion == "bulk":
        together = "together fewer votes than the next candidate (bulk exclusion)"
        extra = sum((count.surplus_of(c) for c in deferred), 0)
        group = bulk_group(count, extra)
    hook = count.constraint_hook
    if hook is not None and group and not hook.may_exclude_together(count, group):
        group = []  # seat constraints: never bulk-exclude a candidate the constraints need
    if len(group) > 1:
        if elect_instead_of_excluding(count, group):
            return
        names = ", ".join(cands[c].name for c in group)
        count.begin_stage(f"Exclusion of {names}", "exclusion")
        count.exclude(group, together)
    else:
        c, reason = lowest(count, count.continuing())
        if hook is not None:  # seat constraints: the lowest the constraints can spare
            allowed, spared = hook.excludable(count, count.continuing())
            if c not in allowed:
                c, reason = lowest(count, allowed)
                reason += spared
        group = [c]
        if elect_instead_of_excluding(count, group):
            return
        count.begin_stage(f"Exclusion of {cands[c].name}", "exclusion")
        count.exclude(group, reason)
    count.method.transfer_excluded(count, group)
    count.end_stage()


def lowest(count: Count, candidates: Sequence[int]) -> tuple[int, str]:
    """The candidate with fewest votes among ``candidates``, a tie broken as the rule
    says (look-back, then the tie policy), and the reason to record.

    A seat-constrained count first asks this of every continuing candidate, exactly as
    an unconstrained count does, and only if the answer is a candidate the constraints
    need asks again among those they can spare; so a constraint that does not bind
    draws the same lots and changes nothing."""
    lowest_votes = min(count.votes[c] for c in candidates)
    lowest = [c for c in candidates if count.votes[c] == lowest_votes]
    if len(lowest) > 1:
        return order_by_votes(count, lowest, purpose="exclude")[-1], "lowest votes (tied; see ties)"
    return lowest[0], "lowest votes"


def elect_instead_of_excluding(count: Count, group: Sequence[int]) -> bool:
    """ERS97 5.5.1: if the proposed exclusion would leave only as many continuing
    candidates as places unfilled, those candidates are elected (and nothing moves)."""
    if not count.options.elect_before_last_exclusion:
        return False
    rest = [c for c in count.continuing() if c not in group]
    if len(rest) > count.vacancies:
        return False
    for c in order_by_votes(count, rest, purpose="elect", decides=False):
        reason = "the proposed exclusion would leave as many continuing as places"
        count.elect(c, reason, record_on_last=True)
    return True


def exclude_all_but_top(count: Count, k: int) -> None:
    """Supplementary/contingent vote: all but the top ``k`` (and any tied with the
    ``k``-th) are excluded together after the first stage."""
    remaining = sorted(count.continuing(), key=lambda c: count.votes[c], reverse=True)
    if len(remaining) <= k:
        exclude_lowest(count, [])
        return
    cutoff = count.votes[remaining[k - 1]]
    out = [c for c in remaining if count.votes[c] < cutoff]
    if not out:
        exclude_lowest(count, [])
        return
    names = ", ".join(count.profile.candidates[c].name for c in sorted(out))
    count.begin_stage(f"Exclusion of {names}", "exclusion")
    count.exclude(sorted(out), f"not among the top {k} after the first stage")
    count.method.transfer_excluded(count, sorted(out))
    count.end_stage()


def elect_all_remaining(count: Count, remaining: list[int]) -> None:
    """Rule 52(1): continuing candidates no more than vacancies are deemed elected."""
    for c in order_by_votes(count, remaining, purpose="elect", decides=False):
        count.elect(c, "continuing candidates no more than vacancies left", record_on_last=True)


def at_last_round(count: Count, remaining: Sequence[int]) -> bool:
    """Has a single-seat preferential count gone as far as exclusions take it?"""
    if count.vacancies != 1 or len(remaining) < 2:
        return False
    k = count.options.top_after_first
    if k is None:
        return len(remaining) == 2
    if len(count.rounds) > 1:
        return True
    votes = sorted((count.votes[c] for c in remaining), reverse=True)
    return len(votes) <= k or votes[-1] >= votes[k - 1]


def elect_highest(count: Count, remaining: Sequence[int]) -> None:
    """Elect the continuing candidate with the most votes (ties: look back, then policy)."""
    c = order_by_votes(count, remaining, purpose="elect")[0]
    count.elect(c, "most votes in the final round", record_on_last=True)


__all__ = [
    "active_quota",
    "at_last_round",
    "bulk_group",
    "can_defer",
    "elect_all_remaining",
    "elect_highest",
    "elect_instead_of_excluding",
    "elect_reached",
    "electable_without_lot",
    "exclude_all_but_top",
    "exclude_lowest",
    "lowest",
    "pending_surpluses",
    "transfer_surpluses",
    "unassailable",
]
