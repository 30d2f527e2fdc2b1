"""Seat constraints inside STV: gender balance and the like, by two recognised mechanisms.

Labour has elected its NEC constituency section by STV since 2020 with the rule that at
least half of the seats go to women (counting-rules.md section 2); no public source gives
the mechanism. Both mechanisms here take the same :class:`~votecount.constraints.Constraint`
objects as the plurality rules ("at least m" / "at most M" seats for candidates with an
attribute, several at once, overlapping or not), and both are chosen by
:attr:`STVOptions.constraint_method <votecount.rules.stv.STVOptions.constraint_method>`.
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
       does (Scotland rule 50; ERS97 5.3). Keeping a quota back for a candidate who never
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

import attrs

from votecount.ballots import Candidate, Profile
from votecount.constraints import Constraint, ConstraintSet
from votecount.errors import ConstraintError, RuleError
from votecount.result import Event, Result, Round
from votecount.rules.stv import Count, STVOptions, count_stv
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
    (mechanism ``"exclusion"``), as the engine's :class:`~votecount.rules.stv.ConstraintHook`."""

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
        count.method.transfer_excluded(count, blocked)
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
            count.stage.events.append(
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


def count_constrained(
    profile: Profile,
    *,
    seats: int,
    ties: TiePolicy,
    constraints: Sequence[Any],
    options: STVOptions,
    rule: str,
) -> Result:
    """Count ``profile`` by STV under ``options`` so that every seat constraint holds.

    The mechanism is ``options.constraint_method`` (see the module's docstring).
    """
    cset = check_before_counting(profile, seats, constraints)
    if options.top_after_first is not None:
        raise RuleError(
            "seat constraints cannot be applied to a count that keeps only the top candidates "
            "after the first stage (top_after_first: the supplementary or contingent vote)"
        )
    fill = min(seats, len(standing(profile)))
    described = "; ".join(str(k) for k in cset.constraints)
    if options.constraint_method == "further-counts":
        return _further_counts(profile, seats, ties, cset, options, rule, described)
    count = Count(profile, seats, ties, options, rule)
    count.constraint_hook = ExclusionHook(cset, fill)
    count.notes.append(f"seat constraints (met by exclusion): {described}")
    return count.run()


# ---------------------------------------------------------------------------------------
# The Liberal Democrats' further counts


@attrs.frozen
class _Need:
    """A minimum to meet: ``at_least`` seats for the candidates ``group``."""

    group: frozenset[int]
    at_least: int
    label: str


def _unmet(cset: ConstraintSet, elected: Sequence[int], seats: int) -> list[_Need]:
    counts = cset.elected_in(elected)
    everyone = frozenset(range(len(cset.candidates)))
    needs: list[_Need] = []
    for j, k in enumerate(cset.constraints):
        members = cset.members(j)
        if counts[k] < k.at_least:
            needs.append(_Need(members, k.at_least, f"'{k}'"))
        elif k.at_most is not None and counts[k] > k.at_most:
            others = everyone - members
            needs.append(_Need(others, seats - k.at_most, f"'{k}' (so the others are owed seats)"))
    return needs


def _further_counts(
    profile: Profile,
    seats: int,
    ties: TiePolicy,
    cset: ConstraintSet,
    options: STVOptions,
    rule: str,
    described: str,
) -> Result:
    if len({k.attribute for k in cset.constraints}) > 1:
        raise RuleError(
            "the further-counts (Liberal Democrat) mechanism takes constraints on one attribute "
            f"only (it balances two sexes); got: {described}. Use constraint_method='exclusion'."
        )
    pool = standing(profile)
    fill = min(seats, len(pool))
    index = {c: i for i, c in enumerate(profile.candidates)}

    def elected_in(n: int) -> list[int]:
        if n <= 0:
            return []
        if n >= len(pool):
            return list(pool)
        result = count_stv(profile, seats=n, ties=ties, options=options, rule=rule)
        return [index[c] for c in result.elected]

    main = count_stv(profile, seats=seats, ties=ties, options=options, rule=rule)
    first = [index[c] for c in main.elected]
    needs = _unmet(cset, first, fill)
    note = f"seat constraints (met by further counts, the Liberal Democrats' rule): {described}"
    if not needs:
        return attrs.evolve(main, notes=(*main.notes, note))
    need = needs[0]
    m = need.at_least
    larger = fill
    chosen_in: list[int] = first
    while sum(1 for c in chosen_in if c in need.group) < m:
        larger += 1
        chosen_in = elected_in(larger)
    under = [c for c in chosen_in if c in need.group][:m]
    smaller = fill
    others_in = first
    previous = first
    while sum(1 for c in others_in if c not in need.group) > fill - m:
        smaller -= 1
        previous = others_in
        others_in = elected_in(smaller)
    over = [c for c in others_in if c not in need.group]
    for c in previous:
        if len(over) >= fill - m:
            break
        if c not in need.group and c not in over:
            over.append(c)
    final = [c for c in first if c in under or c in over]
    final += [c for c in under + over if c not in final]
    if len(final) != fill or _unmet(cset, final, fill) or not cset.can_complete(final, (), fill):
        raise RuleError(
            f"the further counts met {need.label} but not every constraint ({described}); "
            "use constraint_method='exclusion'"
        )
    cands = profile.candidates
    events: list[Event] = []
    for c in final:
        if c not in first:
            why = f"of the under-represented group, elected in the count for {larger} seats"
            events.append(Event("elected", cands[c], f"{REASON_PREFIX}{why} (to meet {need.label})"))
    for c in first:
        if c not in final:
            why = f"not elected in the count for {smaller} seats"
            events.append(Event("not elected", cands[c], f"{REASON_PREFIX}{why} (to meet {need.label})"))
    last = main.rounds[-1]
    further = Round(
        number=last.number + 1,
        description=f"Further counts for {larger} and {smaller} seats (seat constraints)",
        votes=last.votes,
        exhausted=last.exhausted,
        lost_to_fractions=last.lost_to_fractions,
        quota=last.quota,
        events=events,
    )
    return attrs.evolve(
        main,
        elected=tuple(cands[c] for c in final),
        rounds=(*main.rounds, further),
        notes=(*main.notes, note),
    )


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
    "count_constrained",
    "elected_by_group",
]
