"""Scottish local government STV: the Scottish Local Government Elections Order 2007.

Clauses are rules of Schedule 1 to SSI 2007/42 (the Scottish Local Government Elections
Rules), Part IV, counting of votes; the Scottish Local Government Elections Order 2011
(SSI 2011/399) re-enacts them for the elections of 2012 on.
"""

from __future__ import annotations

from votecount.rules.presets.preset import EQUAL_RANKINGS, NO_CONSTRAINTS, PREFERENTIAL_ONLY, Preset

NOT_SCOTTISH = "not in the Scottish rules"
"""Said of an option for another rulebook's practice, left off."""

SCOTTISH = Preset(
    name="scottish-stv",
    statute=(
        "Scottish Local Government Elections Order 2007 (SSI 2007/42), Sch. 1, rr. 45-52; "
        "from 2012 the 2011 Order (SSI 2011/399), Sch. 1, rr. 46-53 (each rule one higher)"
    ),
    summary="Scottish local government STV (SSI 2007/42 Sch. 1): WIGM, 5 decimal places truncated",
    aliases=("scotland", "scottish"),
    description=(
        "Weighted inclusive Gregory: every paper an elected candidate holds passes on at the "
        "surplus times its value over the candidate's total, to five decimal places with the "
        "remainder ignored; the largest surplus first; exclusion one candidate at a time, all "
        "their papers in one stage; ties by the most recent stage at which the candidates "
        "differed, then lot. Clauses are the 2007 rules, the 2011 number in brackets. The 2017 "
        "and 2022 official sheets agree with this preset stage by stage (docs/verification.md)."
    ),
    deviations=(
        "r. 51(2)(a) (52(2)(a)) looks at the most recent stage at which the tied candidates "
        "had unequal votes; with three or more tied, the count splits them at the most recent "
        "stage at which any of them differ, and orders those still equal by earlier stages.",
    ),
    settings={
        # the quota
        "quota": ("droop", "r. 46 (47): valid papers ÷ (councillors + 1), decimals ignored, plus 1"),
        "quota_base": ("valid", "r. 46 (47): the number of valid ballot papers"),
        "recompute_quota": (False, "r. 46 (47): ascertained once, after the first stage"),
        "reduce_quota_before_election": (False, NOT_SCOTTISH),
        # election
        "elect_on": ("reach", "r. 47(1) (48(1)): votes equal to or greater than the quota"),
        "elect_on_active_quota": (False, NOT_SCOTTISH),
        "unbroken_election_tie": (
            "tie-policy",
            "r. 47 (48) elects all at the quota; lot where order decides",
        ),
        # arithmetic
        "places": (5, "r. 48(3) (49(3)): transfer values to five decimal places"),
        "rounding": ("truncate", "r. 48(3) (49(3)): any remainder being ignored"),
        # surpluses
        "surplus": ("wigm", "r. 48(1)-(4) (49): every paper, at surplus × its value ÷ the total"),
        "surplus_order": ("largest", "r. 49(1) (50(1)): the highest surplus first"),
        "defer_surplus": ("never", "r. 48(1) (49(1)): a surplus shall be transferred; no deferral"),
        # transfer values
        "transfer_value_papers": ("all", "r. 48(2) (49(2)): every paper the candidate holds"),
        "cap_transfer_value": (False, "r. 48(3) (49(3)): no cap"),
        "capped_excess": ("non-transferable", "no cap, so nothing capped"),
        "round_transfer_values": (True, "r. 48(3) (49(3)): the transfer value itself to five places"),
        "whole_vote_credits": (False, "r. 48(3) (49(3)): votes in decimals"),
        "fraction_loss": ("lost", "silent on the ignored remainder; shown as lost, as on council sheets"),
        # exclusion
        "exclusion": ("one", "r. 50(1) (51(1)): the candidate with the then lowest votes"),
        "bulk_limit": ("below-next", "no bulk exclusion in the Scottish rules"),
        "exclusion_transfer": ("all-at-once", "r. 50(2)-(4) (51): every paper at its value, at that stage"),
        "elect_before_last_exclusion": (False, NOT_SCOTTISH),
        # ties
        "look_back": ("most-recent", "rr. 49(2), 51(2)(a) (50(2), 52(2)(a)); lot rr. 49(3), 51(2)(b)"),
        # stopping
        "elect_remaining": (True, "r. 52(1) (53(1)): continuing no more than vacancies are elected"),
        "elect_unassailable": (False, NOT_SCOTTISH),
        "elect_higher_of_last_two": (False, NOT_SCOTTISH),
        # preferential counts only
        "top_after_first": (None, PREFERENTIAL_ONLY),
        "exclude_down_to": (None, PREFERENTIAL_ONLY),
        "elect_highest_at_last": (False, PREFERENTIAL_ONLY),
        # papers and constraints
        "equal_rankings": ("exhaust", EQUAL_RANKINGS),
        "constraint_method": ("exclusion", NO_CONSTRAINTS),
    },
)

__all__ = ["SCOTTISH"]
