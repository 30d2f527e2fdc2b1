"""The calls most users need: :func:`count` an election with any registered rule, and
:func:`recount` it as it was counted.

Results are plain values that never count again themselves; repeating a count is a call
here, which reads how the count was asked for from the result's :class:`CountCall`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from votecount.collector import collector_paused
from votecount.errors import BallotError, RuleError, TieOrderError
from votecount.numbers import MAX_DIGITS, digits, exact_decimals
from votecount.profile import Profile
from votecount.progress import Progress, active, reporting
from votecount.result import CountCall, Result
from votecount.rules import get_rule
from votecount.ties import ExplicitOrder, TiePolicy, policy_from


def count(
    profile: Profile,
    rule: str,
    *,
    seats: int | None = None,
    seed: int | str | None = None,
    tie_order: Sequence[str] | None = None,
    tie_break: TiePolicy | None = None,
    constraints: Sequence[Any] = (),
    progress: Progress | None = None,
    **options: Any,
) -> Result:
    """Count ``profile`` under ``rule`` (see ``votecount.rules.RULES`` for the names).

    ``seats`` defaults to the profile's own (from its ballot file), else 1. Ties that the
    rule cannot break by its own look-back go to ``tie_break``; short of that, to
    ``tie_order`` (names, favoured first), then to lot drawn from ``seed``; with none of
    these, to the ballot file's own tie order (BLT ``[tie ...]``: a candidate listed earlier
    loses a tie, as Droop reads it) if it has one; else a tie raises
    :class:`~votecount.errors.TieError`. ``tie_order`` must name only candidates who stand
    (by name or id), or :class:`~votecount.errors.TieOrderError` says which it does not
    know. ``progress`` (see :mod:`votecount.progress`) is told of each stage as the rule
    counts it. ``options`` are the rule's own (see each rule's docstring).

    More seats than standing candidates is counted as a returning officer would an
    uncontested election: every candidate is elected and the other seats stay vacant (the
    sheet and ``votecount validate`` warn of it); nothing is sized by ``seats``.
    """
    spec = get_rule(rule)
    if spec.ballots != "either" and profile.kind not in (spec.ballots, "empty"):
        raise RuleError(
            f"rule {spec.name!r} counts {spec.ballots} ballots, but this profile holds "
            f"{profile.kind} ballots"
        )
    n_seats = seats if seats is not None else (profile.seats or 1)
    if n_seats < 1:
        raise RuleError(f"seats must be at least 1, not {n_seats}")
    if tie_break is None and seed is None and not tie_order and profile.tie_order:
        # The ballot file's own tie-break line (BLT ``[tie ...]``), as Droop reads it: a
        # candidate listed earlier loses a tie to one listed later.
        favoured_first = [profile.candidates[i].id for i in reversed(profile.tie_order)]
        tie_break = ExplicitOrder(favoured_first)
    papers = profile.total_weight
    if digits(papers) > MAX_DIGITS:
        raise BallotError(
            f"the papers of this profile run to about {digits(papers):,} digits; "
            f"votecount counts at most {MAX_DIGITS:,} (see votecount.numbers.MAX_DIGITS)"
        )
    if tie_order:
        _check_tie_order(profile, tie_order)
    policy = tie_break if tie_break is not None else policy_from(seed, tie_order)
    reporter = progress if progress is not None else active()
    with exact_decimals(papers), reporting(reporter), collector_paused():
        result: Result = spec.function(
            profile, seats=n_seats, ties=policy, constraints=tuple(constraints), **options
        )
    call = CountCall(spec.name, n_seats, policy, tuple(constraints), dict(options))
    return attrs.evolve(result, profile=profile, call=call)


def _check_tie_order(profile: Profile, tie_order: Sequence[str]) -> None:
    """Refuse a tie order naming anyone who does not stand: a misspelt name would otherwise
    be ignored until a tie needs it, and then the count would stop (or, worse, a returning
    officer would believe the order had been applied)."""
    known = {c.name for c in profile.candidates} | {c.id for c in profile.candidates}
    unknown = [str(name) for name in tie_order if str(name) not in known]
    if unknown:
        raise TieOrderError(unknown, [c.name for c in profile.candidates])


def recount(result: Result, profile: Profile | None = None, **changes: Any) -> Result:
    """Count again as ``result`` was counted (same rule, seats, options, tie policy).

    ``profile`` replaces the ballots (by default, those ``result`` was counted from);
    ``changes`` override arguments of :func:`count` (``seats=``, ``constraints=``, a rule
    option...). Only a result from :func:`count` records how it was counted.
    """
    call = result.call
    target = profile if profile is not None else result.profile
    if call is None or target is None:
        raise RuleError("this result does not record how it was counted; use votecount.count")
    arguments: dict[str, Any] = {
        "seats": call.seats,
        "tie_break": call.tie_break,
        "constraints": call.constraints,
        **call.options,
    }
    arguments.update(changes)
    return count(target, call.rule, **arguments)
