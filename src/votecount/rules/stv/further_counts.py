"""Seat constraints met by further counts: the Liberal Democrats' rule.

See :mod:`votecount.rules.stv.constrained` for the rule's words and how it is read: with
``N`` seats and a group owed ``m`` of them that the ``N``-seat count under-represents,
counts for more seats find the group's members to elect, and counts for fewer seats the
others to keep; the result holds the ``N``-seat count's stages and a last stage recording
the further counts' decisions.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from votecount.constraints import ConstraintSet
from votecount.errors import RuleError
from votecount.profile import Profile
from votecount.result import Event, Result, Round
from votecount.rules.stv.constrained import REASON_PREFIX, standing
from votecount.rules.stv.engine import count_unconstrained
from votecount.rules.stv.options import STVOptions
from votecount.ties import TiePolicy


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


def count_by_further_counts(
    profile: Profile,
    *,
    seats: int,
    ties: TiePolicy,
    cset: ConstraintSet,
    options: STVOptions,
    rule: str,
) -> Result:
    """Count ``profile`` by STV and meet the seat constraints of ``cset`` by further counts
    for larger and smaller committees (one attribute only)."""
    described = "; ".join(str(k) for k in cset.constraints)
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
        result = count_unconstrained(profile, n, ties, options, rule)
        return [index[c] for c in result.elected]

    main = count_unconstrained(profile, seats, ties, options, rule)
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


__all__ = ["count_by_further_counts"]
