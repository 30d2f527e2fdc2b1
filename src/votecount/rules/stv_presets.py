"""The statutory STV rules, each a preset of :class:`~votecount.rules.stv.STVOptions`.

Every preset below is a registered rule whose docstring gives, in our own words, the clauses
it follows and where to read them. The preset fixes every option; to count with other
options, use the rule ``stv`` and pass the options (``votecount.count(p, "stv", places=5)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from votecount.ballots import Profile
from votecount.errors import RuleError
from votecount.result import Result
from votecount.rules.registry import register
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

PRESETS: dict[str, STVOptions] = {"scottish-stv": SCOTTISH}
"""Every preset by rule name: ``PRESETS["scottish-stv"]`` is the options record it counts with."""


def _no_options(rule: str, options: dict[str, Any]) -> None:
    if options:
        raise RuleError(
            f"rule {rule!r} fixes every option as its statute says; got {', '.join(sorted(options))}. "
            "Count with rule 'stv' to choose options yourself."
        )


def _preset(
    rule: str,
    profile: Profile,
    seats: int,
    ties: TiePolicy,
    constraints: Sequence[Any],
    options: dict[str, Any],
) -> Result:
    _no_options(rule, options)
    return count_stv(
        profile, seats=seats, ties=ties, constraints=constraints, options=PRESETS[rule], rule=rule
    )


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
    base = PRESETS[str(base_name)] if base_name is not None else STVOptions()
    fields = {f.name for f in attrs.fields(STVOptions)}
    unknown = sorted(set(options) - fields)
    if unknown:
        raise RuleError(f"unknown STV options: {', '.join(unknown)}; known: {', '.join(sorted(fields))}")
    return count_stv(
        profile, seats=seats, ties=ties, constraints=constraints, options=attrs.evolve(base, **options)
    )


@register(
    "scottish-stv",
    ballots="ranked",
    summary="Scottish local government STV (SSI 2007/42 Sch. 1 rr. 45-52): WIGM, 5 decimal places truncated",
    aliases=("scotland", "scottish"),
)
def scottish_stv(
    profile: Profile, *, seats: int, ties: TiePolicy, constraints: Sequence[Any] = (), **options: Any
) -> Result:
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
    """
    return _preset("scottish-stv", profile, seats, ties, constraints, options)
