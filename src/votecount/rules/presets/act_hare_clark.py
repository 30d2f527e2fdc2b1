"""ACT Legislative Assembly Hare-Clark: Electoral Act 1992 (ACT), Schedule 4.

Clauses are of Schedule 4 as counted since the 2020 amendments (six decimal places).
"""

from __future__ import annotations

from votecount.rules.presets.preset import EQUAL_RANKINGS, NO_CONSTRAINTS, PREFERENTIAL_ONLY, Preset

NOT_ACT = "not in Sch. 4"

ACT_HARE_CLARK = Preset(
    name="act-hare-clark",
    statute="Electoral Act 1992 (ACT), Sch. 4 (Hare-Clark), as counted since 2020 (cl. 1A: six places)",
    summary="ACT Hare-Clark (Electoral Act 1992 Sch. 4): last-parcel Gregory, 6 decimal places rounded down",
    aliases=("hare-clark", "act"),
    description=(
        "Only the last parcel the elected candidate received is examined; its continuing papers "
        "pass on at the surplus over their number, never more than the parcel's own value (what "
        "the cap leaves is shown, as ElectionsACT does, as lost to rounding); transfer values are "
        "exact and votes credited to six places, rounded down; exclusion by transfer value."
    ),
    deviations=(
        "cl. 7 takes, of equal surpluses, the one from the earliest count, and appears to take "
        "an earlier count's surplus first as the Senate does; the count takes the largest first.",
        "cl. 4(2) elects the remaining candidates only once no surplus is undealt; the count "
        "elects them at once (the same candidates; their order may differ).",
        "What the cap on a transfer value leaves undistributed is shown as lost to rounding, as "
        "ElectionsACT shows it; the Act is silent.",
    ),
    settings={
        # the quota
        "quota": (
            "droop",
            "Sch. 4 cl. 1B(1),(2): formal papers ÷ (vacancies + 1), fraction disregarded, plus 1",
        ),
        "quota_base": ("valid", "Sch. 4 cl. 1B(1): the formal ballot papers"),
        "recompute_quota": (False, "Sch. 4 cl. 1B: set once"),
        "reduce_quota_before_election": (False, NOT_ACT),
        # election
        "elect_on": ("reach", "Sch. 4 cl. 3(3), 6(4), 9(2)(d): votes reaching the quota"),
        "elect_on_active_quota": (False, NOT_ACT),
        "unbroken_election_tie": ("tie-policy", "lot where the order decides"),
        # arithmetic
        "places": (6, "Sch. 4 cl. 1A(1),(2): votes to six decimal places"),
        "rounding": ("truncate", "Sch. 4 cl. 1A(2): rounded down"),
        # surpluses
        "surplus": (
            "last-parcel",
            "Sch. 4 cl. 1C(5), 6(3): the papers of the count at which they were elected",
        ),
        "surplus_order": ("largest", "Sch. 4 cl. 7: the largest surplus first (see deviations)"),
        "defer_surplus": ("never", "Sch. 4: no deferral"),
        # transfer values
        "transfer_value_papers": ("transferable", "Sch. 4 cl. 1C(2),(5): surplus ÷ the continuing papers"),
        "cap_transfer_value": (True, "Sch. 4 cl. 1C(4): never more than the parcel's transfer value"),
        "capped_excess": ("lost", "silent; shown as lost to rounding, as ElectionsACT shows it"),
        "round_transfer_values": (False, "Sch. 4 cl. 1C(2): the transfer value exact; cl. 1A rounds votes"),
        "whole_vote_credits": (False, "Sch. 4 cl. 1A: votes to six decimal places"),
        "fraction_loss": ("lost", "Sch. 4 cl. 1A(2): what rounding down drops is lost"),
        # exclusion
        "exclusion": ("one", "Sch. 4 cl. 8: the candidate with the fewest votes"),
        "bulk_limit": ("below-next", "no bulk exclusion"),
        "exclusion_transfer": ("by-value", "Sch. 4 cl. 9(2), 1C(3): by transfer value, highest first"),
        "elect_before_last_exclusion": (False, NOT_ACT),
        # ties
        "look_back": ("most-recent", "Sch. 4 cl. 7(3)(c), 8(2): the last count they differed, then lot"),
        # stopping
        "elect_remaining": (True, "Sch. 4 cl. 4(1),(2): continuing equal to the positions left are elected"),
        "elect_unassailable": (False, NOT_ACT),
        "elect_higher_of_last_two": (False, NOT_ACT),
        # preferential counts only
        "top_after_first": (None, PREFERENTIAL_ONLY),
        "exclude_down_to": (None, PREFERENTIAL_ONLY),
        "elect_highest_at_last": (False, PREFERENTIAL_ONLY),
        # papers and constraints
        "equal_rankings": ("exhaust", EQUAL_RANKINGS),
        "constraint_method": ("exclusion", NO_CONSTRAINTS),
    },
)

__all__ = ["ACT_HARE_CLARK"]
