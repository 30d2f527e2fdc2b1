"""Seat constraints inside STV: gender balance and the like, by two recognised mechanisms.

Labour has elected its NEC constituency section by STV since 2020 with the rule that at
least half of the seats go to women (counting-rules.md section 2); no public source gives
the mechanism. Both mechanisms here take the same :class:`~votecount.constraints.Constraint`
objects as the plurality rules ("at least m" / "at most M" seats for candidates with an
attribute, several at once, overlapping or not), and both are chosen by
:attr:`STVOptions.constraint_method <votecount.rules.stv.options.STVOptions.constraint_method>`.
Either way the constraints are checked before counting: constraints no choice of
candidates can meet raise :class:`~votecount.errors.ConstraintError` naming them.

``"exclusion"`` (the default): constrained STV by exclusion
    The count runs as its rule says, with three changes, each decided exactly by
    :class:`~votecount.constraints.ConstraintSet` (can the seats still empty be filled from
    the continuing candidates so that every constraint holds?):

    1. *A candidate who cannot be elected is excluded.* At the start of every stage, before
       any surplus is transferred, each continuing candidate whose election would leave
       the constraints impossible to meet is excluded (all such candidates together, in
       one stage), and their papers pass to the next continuing preference at the value
       they carry, as for any excluded candidate. This covers a group that has reached
       its maximum (the rest of the group is excluded) and a minimum owed every seat left
       (every continuing candidate outside the group is excluded).
    2. *A candidate at the quota who cannot be elected is not elected.* They are recorded
       as "not elected" with the reason at that stage, and excluded as in 1 at the next;
       *all* their papers then transfer at their current values. They never had a seat,
       so they have no surplus to keep back: a candidate who may not take a seat is
       treated as a withdrawn or excluded candidate is, and the papers that chose them go
       on to the voters' next preferences in full, which is what a transfer on exclusion
       does (SSI 2007/42 Sch. 1 r. 50; ERS97 5.4). Keeping a quota back for a candidate who never
       sits would waste those voters' ballots.
    3. *A candidate the constraints need is never excluded as lowest.* The lowest
       continuing candidate the constraints can spare is excluded instead. A bulk
       exclusion that the constraints could not survive (say it would take the last two
       women when one more is owed, though either alone could go) becomes a single
       exclusion.

    Every constraint-driven exclusion is an event whose reason begins ``seat
    constraints:`` and names the constraint. Where the constraints never force a decision
    the count is the unconstrained count, stage for stage.

``"further-counts"``: the Liberal Democrats' rule
    "If the Specified Proportions of men and women are not elected by the operation of
    the rules, the Returning Officer shall conduct such further counts as appear ... to be
    necessary and declare elected those members of the under-represented sex and declare
    not elected those members of the over-represented sex who would or would not have
    been elected to committees with such larger and smaller numbers of members as would
    cause the correct number of that sex to be elected" (party election regulations,
    quoted at rosenstiel.co.uk/stv/ordstvdt.htm). Read exactly, with ``N`` seats and a
    group ``G`` owed ``m`` seats of which the ``N``-seat count elected fewer:

    1. Count for ``N + 1``, ``N + 2``, ... seats until a count elects at least ``m`` of
       ``G``; its first ``m`` of ``G`` in order of election are elected.
    2. Count for ``N - 1``, ``N - 2``, ... seats until a count elects at most ``N - m``
       candidates outside ``G``; those are elected, and if they are fewer than ``N - m``
       the rest come from the count one seat larger, in its order of election.

    A maximum of ``M`` for ``G`` is read as a minimum of ``N - M`` for the candidates
    outside it. The rule speaks of two sexes, so this mechanism takes constraints on one
    attribute, and settles one unmet constraint; what it cannot settle it refuses with
    :class:`~votecount.errors.RuleError`. The result holds the ``N``-seat count's stages
    and a last stage recording the further counts' decisions.

``docs/constrained-stv.md`` works the Labour NEC example through and shows where the two
mechanisms give different seats.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from votecount.ballots import Candidate
from votecount.constraints import Constraint, ConstraintSet
from votecount.errors import ConstraintError
from votecount.profile import Profile
from votecount.result import Event, Result
from votecount.rules.stv.count import Count
from votecount.rules.stv.engine import run, start_count
from votecount.rules.stv.options import STVOptions
from votecount.ties import TiePolicy

REASON_PREFIX = "seat constraints: "
"""Every event a constraint forces has a reason that says so (from there on)."""


def _constraint_list(constraints: Sequence[Any]) -> tuple[Constraint, ...]:
    out: list[Constraint] = []
    for k in constraints:
        if not isinstance(k, Constraint):
            raise ConstraintError(f"a seat constraint must be a votecount.constraints.Constraint, not {k!r}")
        out.append(k)
    return tuple(out)


def standing(profile: Profile) -> list[int]:
    """The candidates (indices) not withdrawn: those the count may elect."""
    return [c for c in range(len(profile.candidates)) if c not in profile.withdrawn]


def check_before_counting(profile: Profile, seats: int, constraints: Sequence[Any]) -> ConstraintSet:
    """The constraints over ``profile``'s candidates, checked feasible for the seats the count
    will fill (``min(seats, candidates standing)``); raises :class:`ConstraintError` naming
    the constraints that cannot be met."""
    cset = ConstraintSet(_constraint_list(constraints), profile.candidates)
    pool = standing(profile)
    cset.check_feasible(min(seats, len(pool)), pool)
    return cset


class ExclusionHook:
    """Constrained STV by exclusion: the decisions of :mod:`votecount.rules.constrained`
    (mechanism ``"exclusion"``), as the engine's :class:`~votecount.rules.stv.count.ConstraintHook`."""

    def __init__(self, cset: ConstraintSet, seats: int) -> None:
        self.cset = cset
        self.seats = seats
        self._announced: set[int] = set()

    def before_decision(self, count: Count) -> bool:
        elected, pool = count.elected, count.continuing()
        blocked = sorted(self.cset.blocked(elected, pool, self.seats))
        if not blocked:
            return False
        cands = count.profile.candidates
        reasons = {c: self.cset.why_blocked(c, elected, pool, self.seats) for c in blocked}
        names = ", ".join(cands[c].name for c in blocked)
        count.begin_stage(f"Exclusion of {names} (seat constraints)", "exclusion")
        for c in blocked:
            count.exclude([c], REASON_PREFIX + reasons[c])
        count.transfer_excluded(blocked)
        count.end_stage()
        return True

    def may_elect(self, count: Count, c: int) -> bool:
        elected, pool = count.elected, count.continuing()
        if self.cset.electable(c, elected, pool, self.seats):
            return True
        if c not in self._announced and count.stage is not None:
            self._announced.add(c)
            why = self.cset.why_blocked(c, elected, pool, self.seats)
            had = "reached the quota" if count.has_quota(c) else "would be elected here"
            count.record_event(
                Event(
                    "not elected",
                    count.profile.candidates[c],
                    f"{REASON_PREFIX}{had}, but {why}; excluded at the next stage",
                )
            )
        return False

    def may_exclude_together(self, count: Count, group: Sequence[int]) -> bool:
        rest = set(count.continuing()) - set(group)
        return self.cset.can_complete(count.elected, rest, self.seats)

    def excludable(self, count: Count, cands: Sequence[int]) -> tuple[list[int], str]:
        needed = self.cset.required(count.elected, count.continuing(), self.seats)
        spare = [c for c in cands if c not in needed]
        kept = [c for c in cands if c in needed]
        if not kept or not spare:
            return spare, ""
        lowest = min(count.votes[c] for c in spare)
        saved = [c for c in kept if count.votes[c] <= lowest]
        if not saved:
            return spare, ""
        names = ", ".join(count.profile.candidates[c].name for c in saved)
        groups = "; ".join(
            f"'{k}'"
            for j, k in enumerate(self.cset.constraints)
            if any(c in self.cset.members(j) for c in saved)
        )
        return spare, f" of the candidates not needed; {REASON_PREFIX}{names} spared, needed to meet {groups}"


def count_by_exclusion(
    profile: Profile,
    *,
    seats: int,
    ties: TiePolicy,
    cset: ConstraintSet,
    options: STVOptions,
    rule: str,
) -> Result:
    """Count ``profile`` by STV under ``options`` so that every seat constraint of ``cset``
    holds, by exclusion (mechanism ``"exclusion"``, the module's docstring)."""
    fill = min(seats, len(standing(profile)))
    described = "; ".join(str(k) for k in cset.constraints)
    count = start_count(
        profile, seats, ties, options, rule,
        constraint_hook=ExclusionHook(cset, fill),
        notes=[f"seat constraints (met by exclusion): {described}"],
    )
    return run(count)


def constraint_events(result: Result) -> list[tuple[int, Event]]:
    """Every decision the seat constraints forced, with its stage number."""
    return [(r.number, e) for r in result.rounds for e in r.events if REASON_PREFIX in e.reason]


def elected_by_group(result: Result, constraint: Constraint) -> list[Candidate]:
    """The elected candidates ``constraint`` selects, in order of election."""
    return [c for c in result.elected if constraint.selects(c)]


__all__ = [
    "REASON_PREFIX",
    "ExclusionHook",
    "check_before_counting",
    "constraint_events",
    "count_by_exclusion",
    "elected_by_group",
    "standing",
]
