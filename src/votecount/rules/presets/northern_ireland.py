"""Northern Ireland local government STV: the Local Elections (Northern Ireland) Order 1985.

Clauses are rules of Schedule 5 to SI 1985/454 (the local elections rules), Part IV,
counting of votes.
"""

from __future__ import annotations

from votecount.rules.presets.preset import EQUAL_RANKINGS, NO_CONSTRAINTS, PREFERENTIAL_ONLY, Preset

NOT_NI = "not in the Northern Ireland rules"

NORTHERN_IRELAND = Preset(
    name="northern-ireland",
    statute=(
        "Electoral Law Act (Northern Ireland) 1962, Sch. 5 (the local elections rules, as "
        "substituted by the Local Elections (Northern Ireland) Order 1985, SI 1985/454), rr. 41, 47-52"
    ),
    summary="Northern Ireland local elections STV (Local Elections (NI) Order 1985): last sub-parcel, 2 d.p.",
    aliases=("ni", "ni-stv"),
    description=(
        "A first-preference surplus takes all the candidate's first-preference papers, a later "
        "one only the sub-parcel last received, at the surplus over the transferable papers to two "
        "decimal places (never more than the value received); surpluses are deferred while less "
        "than the gap; the lowest are excluded together where their votes allow, first "
        "preferences first, then sub-parcels by value."
    ),
    deviations=(
        "A single vacancy is not modelled: r. 48(3) (nobody deemed elected until r. 51(1)-(3) has "
        "been complied with) and r. 49(11) (the whole of r. 49 does not apply). Count a single "
        "vacancy with 'irv'.",
        "r. 41 makes a whole exclusion one stage; the count shows each sub-parcel as a stage, so "
        "an earliest-stage look-back can (rarely) settle a tie at a point inside an exclusion.",
        "r. 51(12) has no proviso that enough candidates be left to fill the vacancies; the count "
        "adds it, as r. 52(1) would elect them anyway.",
    ),
    settings={
        # the quota
        "quota": ("droop", "r. 48(1),(2): valid papers ÷ (members + 1), fraction disregarded, plus 1"),
        "quota_base": ("valid", "r. 48(1): the number of valid papers"),
        "recompute_quota": (False, "r. 48: set once"),
        "reduce_quota_before_election": (False, NOT_NI),
        # election
        "elect_on": ("reach", "r. 48(3): equals or exceeds the quota"),
        "elect_on_active_quota": (False, NOT_NI),
        "unbroken_election_tie": ("tie-policy", "lot where the order decides"),
        # arithmetic
        "places": (2, "r. 49(4)(b): transfer values to two decimal places"),
        "rounding": ("truncate", "r. 49(4)(b): ignoring the remainder if any"),
        # surpluses
        "surplus": (
            "last-parcel",
            "r. 49(1) (first preferences: all), 49(5) (later: sub-parcel last received)",
        ),
        "surplus_order": ("largest", "r. 50: the largest surplus first"),
        "defer_surplus": ("below-gap", "r. 49(10)(a),(b): deferred while less than the gap"),
        # transfer values
        "transfer_value_papers": ("transferable", "r. 49(4)(b), r. 41: over the transferable papers"),
        "cap_transfer_value": (True, "r. 49(4)(a), 49(7): never more than the value received"),
        "capped_excess": ("non-transferable", "r. 50(2)(c): the surplus less the value transferred"),
        "round_transfer_values": (True, "r. 49(4)(b): the transfer value itself to two places"),
        "whole_vote_credits": (False, "r. 49(4)(b): votes to two decimal places"),
        "fraction_loss": ("non-transferable", "r. 50(2)(c): the surplus less the value transferred"),
        # exclusion
        "exclusion": ("bulk", "r. 51(1), 51(12): the two or more lowest together where their votes allow"),
        "bulk_limit": ("below-next", "r. 51(12): less than the next lowest candidate's votes"),
        "exclusion_transfer": (
            "first-preferences-then-by-value",
            "r. 51(2),(3) first preferences, 51(5)-(9) sub-parcels by value",
        ),
        "elect_before_last_exclusion": (False, NOT_NI),
        # ties
        "look_back": (
            "earliest",
            "rr. 50(a), 51(13)(a): the earliest stage they were unequal; lot 50(b), 51(13)(b)",
        ),
        # stopping
        "elect_remaining": (True, "r. 52(1), 52(3): continuing as many as vacancies are elected"),
        "elect_unassailable": (True, "r. 52(2): the last vacancy to one no other can overtake"),
        "elect_higher_of_last_two": (False, NOT_NI),
        # preferential counts only
        "top_after_first": (None, PREFERENTIAL_ONLY),
        "exclude_down_to": (None, PREFERENTIAL_ONLY),
        "elect_highest_at_last": (False, PREFERENTIAL_ONLY),
        # papers and constraints
        "equal_rankings": ("exhaust", EQUAL_RANKINGS),
        "constraint_method": ("exclusion", NO_CONSTRAINTS),
    },
)

__all__ = ["NORTHERN_IRELAND"]
