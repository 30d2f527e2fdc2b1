"""Meek's method, New Zealand's Meek and Warren's method: presets of the iterative methods.

Meek: B. L. Meek (1969); Hill, Wichmann and Woodall, "Algorithm 123: Single Transferable
Vote by Meek's method", The Computer Journal 30(3), 1987 (the keep-factor iteration).
Meek's method is no statute: ``meek`` and ``warren`` follow Droop's rational ``meek`` and
``warren`` rules, which fix the quota, the tolerance and the ties. New Zealand: Local
Electoral Regulations 2001, Schedule 1A, Part 1. Warren: C. H. E. Warren, Voting matters 1
(1994). The iteration itself is :mod:`votecount.rules.stv.meek`.
"""

from __future__ import annotations

from votecount.rules.presets.preset import EQUAL_RANKINGS, NO_CONSTRAINTS, PREFERENTIAL_ONLY, Preset

EXACT = "exact fractions: keep factors and votes held exactly (Droop's rational arithmetic)"
NO_PARCELS = "every paper is recounted at each iteration: no parcels, no transfer value to round"
NOT_MEEK = "not part of the iterative method"
DROOP = "Droop's rational meek/warren rule"

_EXACT_SETTINGS = {
    # the quota
    "quota": ("droop-exact", f"{DROOP}: votes held ÷ (seats + 1), unrounded"),
    "quota_base": ("continuing", f"{DROOP}: the votes candidates hold (less the excess)"),
    "recompute_quota": (False, "the method ascertains it afresh at every iteration itself"),
    "reduce_quota_before_election": (False, NOT_MEEK),
    # election
    "elect_on": ("exceed", f"{DROOP}: with an unrounded quota, reaching it could elect one too many"),
    "elect_on_active_quota": (False, NOT_MEEK),
    "unbroken_election_tie": ("tie-policy", f"{DROOP}: the tie order"),
    # arithmetic
    "places": (None, EXACT),
    "rounding": ("truncate", "no rounding in exact arithmetic"),
    # surpluses: "surplus" is the method's own (below)
    "surplus_order": ("largest", "every surplus in each iteration: the order has no effect"),
    "defer_surplus": ("never", "no deferral: every surplus is in every iteration"),
    # transfer values
    "transfer_value_papers": ("all", NO_PARCELS),
    "cap_transfer_value": (False, NO_PARCELS),
    "capped_excess": ("non-transferable", NO_PARCELS),
    "round_transfer_values": (True, NO_PARCELS),
    "whole_vote_credits": (False, EXACT),
    "fraction_loss": ("lost", EXACT),
    # exclusion
    "exclusion": ("bulk", f"{DROOP}: a batch of sure losers; at convergence the lowest or a group"),
    "bulk_limit": ("below-next", f"{DROOP}: together with the surplus, below the next candidate"),
    "exclusion_transfer": ("all-at-once", NO_PARCELS),
    "elect_before_last_exclusion": (False, NOT_MEEK),
    # ties
    "look_back": ("none", f"{DROOP}: ties straight to the tie order, no look-back"),
    # stopping
    "elect_remaining": (True, f"{DROOP}: continuing no more than the seats left are elected"),
    "elect_unassailable": (False, NOT_MEEK),
    "elect_higher_of_last_two": (False, NOT_MEEK),
    # preferential counts only
    "top_after_first": (None, PREFERENTIAL_ONLY),
    "exclude_down_to": (None, PREFERENTIAL_ONLY),
    "elect_highest_at_last": (False, PREFERENTIAL_ONLY),
    # papers and constraints
    "equal_rankings": ("exhaust", EQUAL_RANKINGS),
    "constraint_method": ("exclusion", NO_CONSTRAINTS),
}

_BULK_AT_CONVERGENCE = (
    "At convergence the count excludes the lowest group whose votes together are below the next "
    "candidate's; Droop's rule excludes one lowest candidate there (its batch of sure losers "
    "usually takes the same group first). Not shown to change a result."
)

MEEK = Preset(
    name="meek",
    statute="Meek's method (Hill, Wichmann & Woodall, Algorithm 123, 1987), as Droop's rational meek rule",
    summary="Meek STV, exact fractions, tolerance 10^-10 (Droop's meek rule)",
    description=(
        "Every elected candidate keeps a proportion (keep factor) of each paper reaching them, "
        "scaled k ← k × quota ÷ votes until the total surplus is at most 10⁻¹⁰; sure losers are "
        "excluded in a batch as soon as the iteration shows them."
    ),
    deviations=(_BULK_AT_CONVERGENCE,),
    settings={**_EXACT_SETTINGS, "surplus": ("meek", f"{DROOP}: keep factors, tolerance 10⁻¹⁰ (omega 10)")},
)

WARREN = Preset(
    name="warren",
    statute="Warren's method (C. H. E. Warren, Voting matters 1, 1994), as Droop's rational warren rule",
    summary="Warren STV, exact fractions, tolerance 10^-10 (Droop's warren rule)",
    description=(
        "As Meek, except that an elected candidate keeps a fixed amount (keep value) of each "
        "paper reaching them, or all that is left of it if less, and passes on the rest."
    ),
    deviations=(_BULK_AT_CONVERGENCE,),
    settings={**_EXACT_SETTINGS, "surplus": ("warren", f"{DROOP}: keep values, tolerance 10⁻¹⁰ (omega 10)")},
)

NZ_MEEK = Preset(
    name="nz-meek",
    statute="Local Electoral Regulations 2001 (NZ), Sch. 1A, Part 1",
    summary="Meek STV as NZ Local Electoral Regulations 2001 Sch. 1A: 9 decimal places, rounded up",
    aliases=("meek-nz", "new-zealand-meek"),
    description=(
        "Meek's method worked to nine decimal places, rounded up; converged when the total "
        "surplus is less than 0.0001; one sure loser at a time; candidates with no votes "
        "excluded together."
    ),
    deviations=(
        "cl. 41-48, the schedule's own pseudo-random tie-break, is not implemented: a tie the "
        "earliest difference (cl. 40) leaves goes to the count's tie policy.",
        "cl. 40 compares the tied candidates at every step (each iteration is a step, cl. 15); "
        "the count keeps one record per stage.",
        "cl. 20-21 withdraw at the start the candidates on no paper at all; the count instead "
        "excludes together, at convergence, every candidate with no votes.",
        "Part 2 (cl. 24-36, a single vacancy) is not implemented: one seat is counted by Part 1, "
        "which differs only when a candidate has exactly half the votes.",
        "cl. 10 is read as: what an elected candidate keeps of a paper is rounded up, and the "
        "paper passes on the rest (docs/rules/meek.md).",
    ),
    settings={
        # the quota
        "quota": ("nz", "Sch. 1A cl. 5, 11: votes held ÷ (seats + 1) + 10⁻⁹, truncated to 9 places"),
        "quota_base": ("continuing", "Sch. 1A cl. 5: the votes less the non-transferable (v − vnt)"),
        "recompute_quota": (False, "the method ascertains it afresh at every iteration itself (cl. 11)"),
        "reduce_quota_before_election": (False, NOT_MEEK),
        # election
        "elect_on": ("reach", "Sch. 1A cl. 6, 12: equal to or greater than the quota"),
        "elect_on_active_quota": (False, NOT_MEEK),
        "unbroken_election_tie": ("tie-policy", "the count's tie policy (see deviations)"),
        # arithmetic
        "places": (9, "Sch. 1A cl. 7, 10, 17: to nine decimal places"),
        "rounding": ("up", "Sch. 1A cl. 7, 10, 17: rounded up"),
        # surpluses
        "surplus": ("meek-nz", "Sch. 1A cl. 7-10, 13-17: keep factors; converged below 0.0001"),
        "surplus_order": ("largest", "every surplus in each iteration: the order has no effect"),
        "defer_surplus": ("never", "no deferral: every surplus is in every iteration"),
        # transfer values
        "transfer_value_papers": ("all", NO_PARCELS),
        "cap_transfer_value": (False, NO_PARCELS),
        "capped_excess": ("non-transferable", NO_PARCELS),
        "round_transfer_values": (True, NO_PARCELS),
        "whole_vote_credits": (False, "Sch. 1A cl. 10: votes to nine decimal places"),
        "fraction_loss": ("lost", "what rounding leaves over is shown as lost to fractions"),
        # exclusion
        "exclusion": ("one", "Sch. 1A cl. 13, 23: the lowest hopeful, one at a time"),
        "bulk_limit": ("below-next", "no bulk exclusion"),
        "exclusion_transfer": ("all-at-once", NO_PARCELS),
        "elect_before_last_exclusion": (False, NOT_MEEK),
        # ties
        "look_back": ("earliest", "Sch. 1A cl. 19, 40: ahead at the first difference"),
        # stopping
        "elect_remaining": (True, "Sch. 1A cl. 3: elected and hopeful as many as the vacancies"),
        "elect_unassailable": (False, NOT_MEEK),
        "elect_higher_of_last_two": (False, NOT_MEEK),
        # preferential counts only
        "top_after_first": (None, PREFERENTIAL_ONLY),
        "exclude_down_to": (None, PREFERENTIAL_ONLY),
        "elect_highest_at_last": (False, PREFERENTIAL_ONLY),
        # papers and constraints
        "equal_rankings": ("exhaust", EQUAL_RANKINGS),
        "constraint_method": ("exclusion", NO_CONSTRAINTS),
    },
)

__all__ = ["MEEK", "NZ_MEEK", "WARREN"]
