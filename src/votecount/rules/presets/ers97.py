"""The Electoral Reform Society's model rules of 1997 (ERS97).

Clauses are paragraphs of section 5 of *How to conduct an election by the Single
Transferable Vote*, 3rd edition (Electoral Reform Society, 1997).
"""

from __future__ import annotations

from votecount.rules.presets.preset import EQUAL_RANKINGS, NO_CONSTRAINTS, PREFERENTIAL_ONLY, Preset

NOT_ERS97 = "not in ERS97"

ERS97 = Preset(
    name="ers97",
    statute="Electoral Reform Society, How to conduct an election by STV, 3rd ed. 1997, section 5",
    summary="ERS97 model STV rules: last-batch Gregory to 2 d.p., deferred surpluses, bulk exclusion",
    aliases=("ers-97", "ers"),
    description=(
        "A first-stage surplus takes all the candidate's papers, a later one only the last batch "
        "received, at the surplus over the transferable papers to two decimal places (never more "
        "than their present value); surpluses are deferred while they could not change the "
        "lowest; the lowest candidates are excluded together where their votes allow, their "
        "papers in batches by value."
    ),
    deviations=(
        "An exclusion's batches are shown as stages of their own; ERS97 makes the whole exclusion "
        "one stage (5.2.7, 6.16) with the batches as sub-stages. Ties look back batch by batch, "
        "as 5.2.3 does, so the result is the same; only the stage numbering differs from an "
        "ERS result sheet.",
    ),
    settings={
        # the quota
        "quota": ("ers97", "5.1.6: total ÷ (places + 1) to 2 d.p.; if inexact, remainder ignored, plus 0.01"),
        "quota_base": ("valid", "5.1.6: the total valid vote"),
        "recompute_quota": (False, "5.1.6: set at the first stage"),
        "reduce_quota_before_election": (
            True,
            "5.4.8: before anyone is elected, recalculated less non-transferable",
        ),
        # election
        "elect_on": ("reach", "5.1.7(a), 5.3.13(a), 5.4.9(a): equals or exceeds the quota"),
        "elect_on_active_quota": (
            True,
            "5.1.7(b), 5.3.13(b), 5.4.9(b), 6.20: or active vote ÷ (unfilled + 1)",
        ),
        "unbroken_election_tie": ("elect-none", "5.6.2: equal at every point, none elected at that stage"),
        # arithmetic
        "places": (2, "5.3.7: transfer values to two decimal places"),
        "rounding": ("truncate", "5.3.7: ignoring any remainder"),
        # surpluses
        "surplus": ("last-parcel", "5.3.1 (first stage: all papers), 5.3.2 (later: the last batch received)"),
        "surplus_order": ("largest", "5.2.2, 5.2.3: the largest surplus first"),
        "defer_surplus": ("at-most-gap", "5.2.2(a),(b): deferred while the surpluses do not exceed the gap"),
        # transfer values
        "transfer_value_papers": ("transferable", "5.3.7, 6.23: over the number of transferable papers"),
        "cap_transfer_value": (True, "5.3.7: no paper at more than its present value"),
        "capped_excess": ("non-transferable", "5.3.9, 6.11: the non-transferable difference"),
        "round_transfer_values": (True, "5.3.7: the transfer value itself to two places"),
        "whole_vote_credits": (False, "5.3.7: votes to two decimal places"),
        "fraction_loss": (
            "non-transferable",
            "5.3.9, 5.3.10, 6.11: what is not passed on is non-transferable",
        ),
        # exclusion
        "exclusion": ("bulk", "5.2.5(a): as many of the lowest as possible, leaving enough for the places"),
        "bulk_limit": ("at-most-next", "5.2.5(b): with deferred surpluses, not exceeding the next candidate"),
        "exclusion_transfer": (
            "by-value",
            "5.4.1, 5.4.2, 5.4.11: in batches by transfer value, highest first",
        ),
        "elect_before_last_exclusion": (True, "5.5.1: those left are elected instead of that exclusion"),
        # ties
        "look_back": (
            "earliest",
            "5.2.3, 5.2.5, 5.6.2: the first stage or earliest point they differed, then lot",
        ),
        # stopping
        "elect_remaining": (True, "5.5.1, 5.5.2: continuing no more than places unfilled are elected"),
        "elect_unassailable": (False, NOT_ERS97),
        "elect_higher_of_last_two": (False, NOT_ERS97),
        # preferential counts only
        "top_after_first": (None, PREFERENTIAL_ONLY),
        "exclude_down_to": (None, PREFERENTIAL_ONLY),
        "elect_highest_at_last": (False, PREFERENTIAL_ONLY),
        # papers and constraints
        "equal_rankings": ("exhaust", EQUAL_RANKINGS),
        "constraint_method": ("exclusion", NO_CONSTRAINTS),
    },
)

__all__ = ["ERS97"]
