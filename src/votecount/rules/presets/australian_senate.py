"""The Australian Senate count: Commonwealth Electoral Act 1918, section 273.

Clauses are subsections of s 273 as amended in December 2021 for computer counts.
"""

from __future__ import annotations

from votecount.rules.presets.preset import EQUAL_RANKINGS, NO_CONSTRAINTS, PREFERENTIAL_ONLY, Preset

NOT_SENATE = "not in s 273"

AUSTRALIAN_SENATE = Preset(
    name="australian-senate",
    statute=(
        "Commonwealth Electoral Act 1918 (Cth), s 273 as applied to computer counts by s 273A(5), "
        "since the Electoral Legislation Amendment (Assurance of Senate Counting) Act 2021"
    ),
    summary="Australian Senate STV (Commonwealth Electoral Act 1918 s 273): unweighted inclusive Gregory",
    aliases=("senate",),
    description=(
        "Every paper the elected candidate holds passes on at one transfer value, the surplus "
        "over the number of papers (unweighted inclusive Gregory); each candidate is credited "
        "with the whole votes the papers are worth, any fraction disregarded; exclusion one at a "
        "time, papers in bundles by transfer value."
    ),
    deviations=(
        "s 273(23): a surplus arising at an earlier count is transferred before one arising at a "
        "later count, however large; the count takes the largest surplus first.",
        "s 273(9)(b), (12): fractions are disregarded once per candidate receiving papers; the "
        "count disregards them per group of papers of one value, so it can credit a candidate up "
        "to a vote less for each further group.",
        "s 273(17): equal votes for the last vacancy are decided by lot; the count looks back at "
        "earlier counts first. It applies (17) once no surplus is left to transfer (the statute "
        "is silent on when).",
    ),
    settings={
        # the quota
        "quota": ("droop", "s 273(8): first preferences ÷ (vacancies + 1), remainder disregarded, plus 1"),
        "quota_base": ("valid", "s 273(8): the first preference votes"),
        "recompute_quota": (False, "s 273(8): set once"),
        "reduce_quota_before_election": (False, NOT_SENATE),
        # election
        "elect_on": ("reach", "s 273(8), (9), (10), (14): equal to or greater than the quota"),
        "elect_on_active_quota": (False, NOT_SENATE),
        "unbroken_election_tie": ("tie-policy", "s 273(20)(b): the order of election, by lot where equal"),
        # arithmetic
        "places": (None, "s 273(9)(a): the resulting fraction is the transfer value, exact"),
        "rounding": ("truncate", "s 273(9)(b): any fraction disregarded"),
        # surpluses
        "surplus": ("uig", "s 273(9)(a), (10), (12): all the candidate's papers at surplus ÷ their number"),
        "surplus_order": ("largest", "s 273(21): the largest surplus first (but see deviations: s 273(23))"),
        "defer_surplus": ("never", "s 273(9), (10), (14): a surplus shall be transferred; no deferral"),
        # transfer values
        "transfer_value_papers": ("all", "s 273(9)(a): every paper, transferable or not"),
        "cap_transfer_value": (False, "s 273(9): no cap"),
        "capped_excess": ("non-transferable", "no cap, so nothing capped"),
        "round_transfer_values": (True, "exact transfer values: nothing to round"),
        "whole_vote_credits": (True, "s 273(9)(b), (13AA)(b)(ii): whole votes, any fraction disregarded"),
        "fraction_loss": ("lost", "silent on where the fraction goes; shown as lost to fractions"),
        # exclusion
        "exclusion": ("one", "s 273(13)(a), (15)(a); bulk exclusion, (13A)-(13C), off for computer counts"),
        "bulk_limit": ("below-next", "no bulk exclusion in computer counts (s 273A(5))"),
        "exclusion_transfer": ("by-value", "s 273(13AA), (28): bundles by transfer value, highest first"),
        "elect_before_last_exclusion": (False, NOT_SENATE),
        # ties
        "look_back": (
            "most-recent",
            "s 273(22), (31), (31A): the last count at which they differed; lot (29A)",
        ),
        # stopping
        "elect_remaining": (True, "s 273(18): continuing candidates equal to the vacancies are elected"),
        "elect_unassailable": (False, NOT_SENATE),
        "elect_higher_of_last_two": (
            True,
            "s 273(17): last vacancy, two continuing: the one with more votes",
        ),
        # preferential counts only
        "top_after_first": (None, PREFERENTIAL_ONLY),
        "exclude_down_to": (None, PREFERENTIAL_ONLY),
        "elect_highest_at_last": (False, PREFERENTIAL_ONLY),
        # papers and constraints
        "equal_rankings": ("exhaust", EQUAL_RANKINGS),
        "constraint_method": ("exclusion", NO_CONSTRAINTS),
    },
)

__all__ = ["AUSTRALIAN_SENATE"]
