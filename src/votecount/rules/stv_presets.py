"""The statutory STV rules, each a preset of :class:`~votecount.rules.stv.STVOptions`.

Every preset below is a registered rule whose docstring gives, in our own words, the clauses
it follows and where to read them. The preset fixes every option; to count with other
options, use the rule ``stv`` and pass the options (``votecount.count(p, "stv", places=5)``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs

from votecount.ballots import Profile
from votecount.errors import RuleError
from votecount.result import Result
from votecount.rules.registry import CountFunction, register
from votecount.rules.stv import STVOptions, count_stv
from votecount.ties import TiePolicy

SCOTTISH = STVOptions(
    quota="droop",
    elect_on="reach",
    places=5,
    rounding="truncate",
    surplus="wigm",
    surplus_order="largest",
    defer_surplus=False,
    exclusion="one",
    exclusion_transfer="all-at-once",
    look_back="most-recent",
    elect_remaining=True,
)
"""Scottish Local Government Elections Order 2007 (SSI 2007/42), Sch. 1 rules 45–52."""

ERS97 = STVOptions(
    quota="ers97",
    elect_on="reach",
    reduce_quota_before_election=True,
    elect_on_active_quota=True,
    places=2,
    rounding="truncate",
    surplus="last-parcel",
    transfer_value_papers="transferable",
    cap_transfer_value=True,
    fraction_loss="non-transferable",
    surplus_order="largest",
    defer_surplus="at-most-gap",
    exclusion="bulk",
    bulk_limit="at-most-next",
    exclusion_transfer="by-value",
    look_back="earliest",
    elect_remaining=True,
    elect_before_last_exclusion=True,
    unbroken_election_tie="elect-none",
)
"""Electoral Reform Society, *How to conduct an election by the Single Transferable Vote*,
3rd ed. 1997 (ERS97), section 5."""

NORTHERN_IRELAND = STVOptions(
    quota="droop",
    elect_on="reach",
    places=2,
    rounding="truncate",
    surplus="last-parcel",
    transfer_value_papers="transferable",
    cap_transfer_value=True,
    fraction_loss="non-transferable",
    surplus_order="largest",
    defer_surplus="below-gap",
    exclusion="bulk",
    exclusion_transfer="first-preferences-then-by-value",
    look_back="earliest",
    elect_remaining=True,
    elect_unassailable=True,
)
"""Local Elections (Northern Ireland) Order 1985 (SI 1985/454), Sch. 5 Part IV, rr. 46-52."""

AUSTRALIAN_SENATE = STVOptions(
    quota="droop",
    elect_on="reach",
    places=None,
    surplus="uig",
    transfer_value_papers="all",
    whole_vote_credits=True,
    surplus_order="largest",
    defer_surplus="never",
    exclusion="one",
    exclusion_transfer="by-value",
    look_back="most-recent",
    elect_remaining=True,
    elect_higher_of_last_two=True,
)
"""Commonwealth Electoral Act 1918 s 273, computer counts since the Dec 2021 amendments."""

ACT_HARE_CLARK = STVOptions(
    quota="droop",
    elect_on="reach",
    places=6,
    rounding="truncate",
    round_transfer_values=False,
    surplus="last-parcel",
    transfer_value_papers="transferable",
    cap_transfer_value=True,
    capped_excess="lost",
    surplus_order="largest",
    defer_surplus="never",
    exclusion="one",
    exclusion_transfer="by-value",
    look_back="most-recent",
    elect_remaining=True,
)
"""Electoral Act 1992 (ACT), Sch. 4 (Hare-Clark), as counted since 2020 (6 decimal places)."""

PRESETS: dict[str, STVOptions] = {}
"""Every preset by rule name (filled by :func:`register_preset`): ``PRESETS["scottish-stv"]``
is the options record that rule counts with."""


def _no_options(rule: str, options: dict[str, Any]) -> None:
    if options:
        raise RuleError(
            f"rule {rule!r} fixes every option as its statute says; got {', '.join(sorted(options))}. "
            "Count with rule 'stv' to choose options yourself."
        )


def register_preset(
    name: str, options: STVOptions, *, summary: str, aliases: tuple[str, ...] = ()
) -> Callable[[Callable[[], None]], CountFunction]:
    """Register ``options`` as the rule ``name``.

    The decorated function carries only the preset's docstring (the clauses it follows);
    the count itself is the one engine with these options, and refuses other options (the
    rule ``stv`` takes them).
    """

    def decorate(clauses: Callable[[], None]) -> CountFunction:
        def count(
            profile: Profile,
            *,
            seats: int,
            ties: TiePolicy,
            constraints: Sequence[Any] = (),
            **extra: Any,
        ) -> Result:
            _no_options(name, extra)
            return count_stv(
                profile, seats=seats, ties=ties, constraints=constraints, options=options, rule=name
            )

        count.__name__ = count.__qualname__ = clauses.__name__
        count.__doc__ = clauses.__doc__
        PRESETS[name] = options
        register(name, ballots="ranked", summary=summary, aliases=aliases)(count)
        return count

    return decorate


@register(
    "stv",
    ballots="ranked",
    summary="single transferable vote with options chosen by the caller (default: exact WIGM, Droop quota)",
)
def stv(
    profile: Profile, *, seats: int, ties: TiePolicy, constraints: Sequence[Any] = (), **options: Any
) -> Result:
    """STV with every option given by the caller: any field of
    :class:`~votecount.rules.stv.STVOptions` (``preset="scottish-stv"`` starts from a preset)."""
    base_name = options.pop("preset", None)
    if base_name is not None and str(base_name) not in PRESETS:
        raise RuleError(f"unknown STV preset {base_name!r}; known: {', '.join(sorted(PRESETS))}")
    base = PRESETS[str(base_name)] if base_name is not None else STVOptions()
    fields = {f.name for f in attrs.fields(STVOptions)}
    unknown = sorted(set(options) - fields)
    if unknown:
        raise RuleError(f"unknown STV options: {', '.join(unknown)}; known: {', '.join(sorted(fields))}")
    try:
        chosen = attrs.evolve(base, **options)
    except (ValueError, TypeError) as exc:
        raise RuleError(f"bad STV option: {exc}") from None
    return count_stv(profile, seats=seats, ties=ties, constraints=constraints, options=chosen)


@register_preset(
    "scottish-stv",
    SCOTTISH,
    summary="Scottish local government STV (SSI 2007/42 Sch. 1 rr. 45-52): WIGM, 5 decimal places truncated",
    aliases=("scotland", "scottish"),
)
def scottish_stv() -> None:
    """Scottish local government STV, as the Scottish Local Government Elections Order 2007
    (SSI 2007/42), Schedule 1, rules 45 to 52, lays it down.

    - r. 45, the quota: the valid votes divided by one more than the number of seats, any
      fraction dropped, plus one.
    - r. 46: a candidate whose votes at the end of a stage equal or exceed the quota is
      elected.
    - r. 48, surplus: when an elected candidate's votes exceed the quota, *every* paper they
      hold is sorted by its next available preference (those with none form a
      non-transferable parcel), and each passes on at a transfer value of the surplus times
      the paper's value when received (one for a first preference), divided by the
      candidate's total, worked to five decimal places with any remainder ignored
      (weighted inclusive Gregory, truncated to 5 d.p.).
    - r. 49, order: the largest surplus is transferred first; equal surpluses are taken in
      order of the candidates' votes at the most recent preceding stage at which they were
      unequal, and by lot if they were equal at every stage. Each transfer is a stage; no
      surplus is deferred.
    - r. 50, exclusion: with no surplus to transfer, the candidate with the fewest votes is
      excluded and each of their papers passes on at the value it carried, in one stage;
      a tie for fewest is broken by the most recent preceding stage at which the tied
      candidates were unequal (the lowest there is excluded), else by lot.
    - r. 52: when the continuing candidates are as many as the vacancies left, they are all
      elected and no further transfer is made.

    Values are counted in fixed decimals at 5 places (shown as on the council's count
    sheet, e.g. ``1408.35000``); what truncation drops is shown as lost to fractions.

    Elections from 2012 on are held under the Scottish Local Government Elections Order
    2011 (SSI 2011/399), whose Schedule 1 re-enacts these counting rules (the filling of the
    last vacancies is its rule 53; SSI 2021/437 amended 53(2) only so that an electronic
    count's automatic further transfer is no breach). The 2017 and 2022 official sheets
    agree with this preset stage by stage (see docs/verification.md).
    """


@register_preset(
    "ers97",
    ERS97,
    summary="ERS97 model STV rules: last-batch Gregory to 2 d.p., deferred surpluses, bulk exclusion",
    aliases=("ers-97", "ers"),
)
def ers97() -> None:
    """The Electoral Reform Society's 1997 rules (ERS97): *How to conduct an election by
    the Single Transferable Vote*, 3rd ed., section 5 (the text is reproduced on
    opavote.com/methods/ers97-stv-rules and in OpenSTV's ERS97 plugin).

    - 5.1.6, quota: the total valid vote over one more than the places, to two decimal
      places; if exact that is the quota, otherwise the remainder is ignored and 0.01 added.
      5.4.8: if papers become non-transferable before anyone is elected, the quota is
      worked again ignoring the non-transferable vote.
    - 5.1.7, 5.3.13, 5.4.9: deemed elected on equalling or exceeding the quota, or the
      total active vote (5.6.1: the valid vote less the elected candidates' quotas and the
      non-transferable votes) over one more than the places unfilled.
    - 5.2.2: the largest surplus is transferred, unless all surpluses together do not exceed
      the gap between the two lowest candidates, or between a group that 5.2.5 could
      exclude and the candidate next above; then they are deferred.
    - 5.2.3: equal surpluses go in order of votes at the first stage, or the earliest point
      after a batch at which the candidates were unequal; else lot.
    - 5.3: a first-stage surplus takes all the candidate's papers, a later one only the
      last batch received. If the transferable papers are worth more than the surplus, each
      passes at the surplus over their number, to two places, remainder ignored; otherwise
      each at its present value. What is not passed on is non-transferable (5.3.9).
    - 5.2.5: exclude together as many of the lowest as possible, leaving enough to fill the
      places, whose votes with the deferred surpluses do not exceed the next candidate's;
      ties for lowest by the earliest point of difference, else lot.
    - 5.4: the excluded papers pass in batches by transfer value, highest first, each batch
      a stage; candidates elected meanwhile receive no more.
    - 5.5.1: if a proposed exclusion would leave as many continuing candidates as places,
      they are elected instead.

    - 5.6.2: of candidates with equal votes for too few places, those higher at the
      earliest point of difference are elected; if they were equal throughout, none of them
      is elected at that stage.
    """


@register_preset(
    "northern-ireland",
    NORTHERN_IRELAND,
    summary="Northern Ireland local elections STV (Local Elections (NI) Order 1985): last sub-parcel, 2 d.p.",
    aliases=("ni", "ni-stv"),
)
def northern_ireland() -> None:
    """Northern Ireland local government STV: the Local Elections (Northern Ireland) Order
    1985 (SI 1985/454), Schedule 5, Part IV (counting of votes), rules 46 to 52.

    - r. 48, quota: the valid papers over one more than the members to be elected, any
      fraction disregarded, plus one; a candidate whose votes equal or exceed it is elected.
    - r. 49, surplus: a surplus of first preferences takes all the candidate's papers; a
      surplus arising later only the sub-parcel of transferred papers last received. The
      transferable papers pass on at the surplus divided by their number, worked to two
      decimal places with any remainder ignored, and never at more than the value at which
      they were received (49(4), 49(7)).
    - r. 49(10): surpluses are not transferred while together they are less than the gap
      between the lowest continuing candidate and the next lowest, or between the lowest
      two or more together and the candidate next above them.
    - r. 50: the largest surplus goes first; equal surpluses by the higher votes at the
      earliest preceding stage at which the candidates were unequal, else lot. What a
      surplus transfer does not pass on (the surplus less the value transferred) is
      recorded as non-transferable (50(2)(c)).
    - r. 51, exclusion: the lowest candidate, or in one operation the two or more lowest
      whose votes with any untransferred surpluses are less than the next lowest
      candidate's (51(12)). The excluded candidates' first-preference papers pass on
      first (at full value), then their transferred papers sub-parcel by sub-parcel,
      highest transfer value first, each at the value it was received at. A tie for
      lowest goes against the candidate lower at the earliest stage at which they were
      unequal (51(13)), else lot.
    - r. 52: when the continuing candidates are as many as the vacancies they are elected;
      with one vacancy left, a candidate whose votes equal or exceed all the other
      continuing candidates' votes plus untransferred surpluses is elected; then no
      further transfer is made.

    Not modelled: r. 48(3)'s special procedure when only one member is to be elected, and
    r. 49(11) (no deferral then); count a single vacancy with ``irv`` instead.
    """


@register_preset(
    "australian-senate",
    AUSTRALIAN_SENATE,
    summary="Australian Senate STV (Commonwealth Electoral Act 1918 s 273): unweighted inclusive Gregory",
    aliases=("senate",),
)
def australian_senate() -> None:
    """The Australian Senate count, Commonwealth Electoral Act 1918 s 273, as counted by
    computer since the December 2021 amendments.

    - Quota: the first-preference votes over one more than the vacancies, fraction dropped,
      plus one; elected on reaching it.
    - Surplus: every paper the elected candidate holds, continuing or not, passes on at one
      transfer value, the surplus divided by the number of those papers (unweighted
      inclusive Gregory); each candidate is credited with the whole number of votes that
      the papers they receive are worth, any fraction being lost.
    - Exclusion: one candidate at a time; their papers go in bundles by transfer value,
      highest first, each bundle a separate count (bulk exclusion no longer applies to
      computer counts).
    - Ties for exclusion: the candidate lower at the last count at which the tied candidates
      differed is excluded; else lot.
    - When the continuing candidates are as many as the vacancies left, they are elected
      (s 273(17)); with one vacancy and two continuing candidates, the one with more votes
      is elected (s 273(18)), taken here once no surplus remains to be transferred.
    """


@register_preset(
    "act-hare-clark",
    ACT_HARE_CLARK,
    summary="ACT Hare-Clark (Electoral Act 1992 Sch. 4): last-parcel Gregory, 6 decimal places rounded down",
    aliases=("hare-clark", "act"),
)
def act_hare_clark() -> None:
    """ACT Legislative Assembly Hare-Clark: Electoral Act 1992 (ACT), Schedule 4, as counted
    since 2020.

    - Quota: the formal votes over one more than the vacancies, fraction dropped, plus one;
      elected on reaching it. A surplus is any excess over the quota.
    - Surplus: only the last parcel the elected candidate received is examined; its
      continuing papers pass on at the surplus divided by their number, but never at more
      than the parcel's own transfer value (what that cap leaves is shown, as ElectionsACT
      does, as lost to rounding). Transfer values are kept exact; the votes each parcel
      credits are counted to six decimal places, rounded down (as ConcreteSTV's ACT2021
      rules read the 2020 amendments).
    - Exclusion: the excluded candidate's papers are grouped by transfer value and sent on
      highest value first, each group a count.
    - Ties for exclusion: the candidate lowest at the last count at which the tied
      candidates differed; else lot.
    - When the continuing candidates are as many as the vacancies left, they are elected.
    """
