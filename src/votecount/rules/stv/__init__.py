"""The single transferable vote: ONE counting engine, every rulebook difference an option.

:func:`count_stv` counts a ranked :class:`~votecount.profile.Profile` under an
:class:`STVOptions` record. The named statutory rules (``scottish-stv``, ``ers97``, ...) are
presets of those options in :mod:`votecount.rules.presets`; the preferential rules (the
alternative vote, the supplementary and contingent vote) are presets too. None of them has
a loop of its own.

The package, one subject a module (docs/architecture.md draws it):

- :mod:`~votecount.rules.stv.options`: :class:`STVOptions`, the fields in the order of the count;
- :mod:`~votecount.rules.stv.papers`: rankings as counted, parcels of papers;
- :mod:`~votecount.rules.stv.quota`: the quota formulas;
- :mod:`~votecount.rules.stv.count`: the count's state, the primitives a plug-in may call, and
  the :class:`TransferMethod` and :class:`ConstraintHook` protocols;
- :mod:`~votecount.rules.stv.lookback`: ties, by earlier stages and then the tie policy;
- :mod:`~votecount.rules.stv.decide`: election, deferral, exclusion;
- :mod:`~votecount.rules.stv.engine`: the round loop;
- :mod:`~votecount.rules.stv.gregory`, :mod:`~votecount.rules.stv.meek`: transfer methods,
  listed in :mod:`~votecount.rules.stv.methods`;
- :mod:`~votecount.rules.stv.constrained`, :mod:`~votecount.rules.stv.further_counts`: the two
  mechanisms for seat constraints.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from votecount.errors import RuleError
from votecount.profile import Profile
from votecount.result import Result
from votecount.rules.stv.count import ConstraintHook, Count, TransferMethod
from votecount.rules.stv.engine import count_unconstrained
from votecount.rules.stv.gregory import PileTransfers, UnweightedGregory, WeightedInclusiveGregory
from votecount.rules.stv.methods import TRANSFER_METHODS
from votecount.rules.stv.options import LookBack, QuotaRule, STVOptions
from votecount.rules.stv.papers import Parcel
from votecount.ties import TiePolicy

_CONSTRAINED = "votecount.rules.stv.constrained"
_FURTHER_COUNTS = "votecount.rules.stv.further_counts"
"""The two mechanisms for seat constraints, each loaded when a count first has constraints
to meet (a count without any does not load them, nor the constraints they check)."""


def count_stv(
    profile: Profile,
    *,
    seats: int,
    ties: TiePolicy,
    constraints: Sequence[Any] = (),
    options: STVOptions,
    rule: str = "stv",
) -> Result:
    """Count ``profile`` by STV for ``seats`` seats under ``options``.

    ``ties`` breaks what the look-back leaves tied. ``constraints`` (seat constraints,
    :class:`~votecount.constraints.Constraint`) are met as :attr:`STVOptions.constraint_method`
    says: by exclusion (:mod:`votecount.rules.stv.constrained`) or by further counts
    (:mod:`votecount.rules.stv.further_counts`).
    """
    if seats < 1:
        raise RuleError(f"seats must be at least 1, not {seats}")
    if profile.kind == "plurality":
        raise RuleError("STV counts ranked ballots, but this profile holds plurality ballots")
    if options.exclude_down_to is not None and seats != 1:
        raise RuleError("exclude_down_to is for single-seat counts")
    if not constraints:
        return count_unconstrained(profile, seats, ties, options, rule)
    constrained = importlib.import_module(_CONSTRAINED)
    cset = constrained.check_before_counting(profile, seats, constraints)
    if options.top_after_first is not None:
        raise RuleError(
            "seat constraints cannot be applied to a count that keeps only the top candidates "
            "after the first stage (top_after_first: the supplementary or contingent vote)"
        )
    if options.constraint_method == "further-counts":
        mechanism = importlib.import_module(_FURTHER_COUNTS).count_by_further_counts
    else:
        mechanism = constrained.count_by_exclusion
    result: Result = mechanism(profile, seats=seats, ties=ties, cset=cset, options=options, rule=rule)
    return result


__all__ = [
    "TRANSFER_METHODS",
    "ConstraintHook",
    "Count",
    "LookBack",
    "Parcel",
    "PileTransfers",
    "QuotaRule",
    "STVOptions",
    "TransferMethod",
    "UnweightedGregory",
    "WeightedInclusiveGregory",
    "count_stv",
]
