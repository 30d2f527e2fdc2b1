"""The table of counting rules, by name, that :func:`votecount.count` and the command line
look up. Every rule is listed here, explicitly, with its facts (:class:`~votecount.rules.spec.RuleSpec`);
to add a rule, write its count function in a module of its own and add a line below.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from votecount.errors import RuleError
from votecount.rules.preferential import count_contingent, count_irv, count_supplementary
from votecount.rules.presets import PRESETS, count_with_options
from votecount.rules.presets.preset import PresetRule
from votecount.rules.rctab.options import RCTabOptions
from votecount.rules.spec import CountFunction, OptionSpec, RuleSpec
from votecount.rules.stv import TRANSFER_METHODS, STVOptions

if TYPE_CHECKING:
    from votecount.profile import Profile
    from votecount.result import Result
    from votecount.ties import TiePolicy

_LOOK_BACK = OptionSpec(
    "look_back",
    ("most-recent", "earliest", "none"),
    summary="how a tie is broken before lot: the most recent earlier stage, the earliest, or none",
    sample=("most-recent", "earliest", "none"),
)
_EQUAL_RANKINGS = OptionSpec(
    "equal_rankings",
    ("exhaust", "refuse"),
    summary="a paper ranking candidates equal: ends there, or is refused",
)


def _stv_option(field: attrs.Attribute[object]) -> OptionSpec:
    """An option of the configurable ``stv`` rule: a field of :class:`STVOptions`."""
    validator = field.validator
    choices = getattr(validator, "options", None)
    if field.name == "surplus":
        choices = tuple(TRANSFER_METHODS)
    samples = {
        "surplus": ("wigm", "uig", "last-parcel"),
        "places": (2, 3, 5),
        "quota": ("droop", "hare"),
    }
    return OptionSpec(
        field.name,
        tuple(choices) if choices is not None else None,
        sample=samples.get(field.name, ()),
    )


def _rctab_option(field: attrs.Attribute[object]) -> OptionSpec:
    """An option of the ``rctab`` rule: a field of :class:`RCTabOptions`."""
    samples: dict[str, tuple[object, ...]] = {
        "overvote_rule": ("exhaust-immediately", "always-skip", "exhaust-if-multiple-continuing"),
        "election_mode": ("multi-winner", "one-winner-per-round", "bottoms-up", "multi-pass"),
        "places": (0, 4),
        "non_integer_threshold": (False, True),
        "hare_quota": (False, True),
    }
    return OptionSpec(field.name, sample=samples.get(field.name, ()))


def _loaded_when_counted(module: str, name: str) -> CountFunction:
    """The count function ``name`` of ``module``, imported when a count first calls it: a
    count under one family of rules does not load the others (the plurality rules and the
    seat constraints they check, RCTab's round loop)."""

    def count(
        profile: Profile, *, seats: int, ties: TiePolicy, constraints: Sequence[Any] = (), **options: Any
    ) -> Result:
        function = getattr(importlib.import_module(module), name)
        counted: Result = function(profile, seats=seats, ties=ties, constraints=constraints, **options)
        return counted

    count.__name__ = count.__qualname__ = name
    count.__doc__ = f":func:`{module}.{name}`, imported when first counted."
    return count


_PLURALITY = "votecount.rules.plurality"

_STV_OPTIONS = (
    OptionSpec("preset", tuple(PRESETS), summary="start from this preset's options"),
    *(_stv_option(f) for f in attrs.fields(STVOptions)),
)

_RULES: tuple[RuleSpec, ...] = (
    RuleSpec(
        "fptp",
        _loaded_when_counted(_PLURALITY, "fptp"),
        "either",
        "first-past-the-post: one seat, one mark (a ranked paper counts its first preference)",
        aliases=("first-past-the-post",),
        seats="one",
        marks="one",
    ),
    RuleSpec(
        "block",
        _loaded_when_counted(_PLURALITY, "block"),
        "either",
        "block vote (multi-seat plurality): up to N marks (a ranked paper: each candidate it ranks), "
        "the N with most votes win",
        aliases=("mntv", "block-vote", "multi-seat-plurality"),
        marks="seats",
    ),
    RuleSpec(
        "limited",
        _loaded_when_counted(_PLURALITY, "limited"),
        "either",
        "limited vote: up to k marks (option marks=k, k < N; a ranked paper: each candidate it ranks), "
        "the N with most votes win",
        aliases=("limited-vote",),
        min_seats=2,
        marks="option",
        options=(
            OptionSpec("marks", None, required=True, summary="marks a paper may carry, 1 to seats - 1"),
        ),
    ),
    RuleSpec(
        "sntv",
        _loaded_when_counted(_PLURALITY, "sntv"),
        "either",
        "single non-transferable vote: one mark (a ranked paper: its first preference), "
        "the N with most votes win",
        aliases=("single-non-transferable-vote",),
        marks="one",
    ),
    RuleSpec(
        "irv",
        count_irv,
        "ranked",
        "alternative vote / instant runoff: exclude the lowest until someone has more than half",
        aliases=("av", "alternative-vote", "instant-runoff"),
        seats="one",
        options=(
            OptionSpec(
                "majority_of",
                ("continuing", "valid"),
                summary="a majority of the votes still in the count, or of the valid poll",
                sample=("continuing", "valid"),
            ),
            OptionSpec(
                "stop",
                ("majority", "last-two"),
                summary="stop at a majority, or count down to the last two",
                sample=("majority", "last-two"),
            ),
            OptionSpec(
                "exclusion",
                ("one", "batch"),
                summary="exclude one candidate at a time, or a batch",
                sample=("one", "batch"),
            ),
            _LOOK_BACK,
            _EQUAL_RANKINGS,
        ),
    ),
    RuleSpec(
        "supplementary",
        count_supplementary,
        "ranked",
        "supplementary vote (GLA Act 1999 Sch. 2 para. 4): top two, second choices added",
        aliases=("sv",),
        seats="one",
        options=(attrs.evolve(_LOOK_BACK, sample=()), _EQUAL_RANKINGS),
    ),
    RuleSpec(
        "contingent",
        count_contingent,
        "ranked",
        "contingent vote: top two after the first round, papers go to the higher-ranked",
        seats="one",
        options=(attrs.evolve(_LOOK_BACK, sample=()), _EQUAL_RANKINGS),
    ),
    RuleSpec(
        "stv",
        count_with_options,
        "ranked",
        "single transferable vote with options chosen by the caller (default: exact WIGM, Droop quota)",
        options=_STV_OPTIONS,
    ),
    RuleSpec(
        "rctab",
        _loaded_when_counted("votecount.rules.rctab.rule", "count_rctab"),
        "ranked",
        "RCTab's count, the US tabulator's rule options (docs/rules/rctab.md)",
        aliases=("rcv",),
        options=tuple(_rctab_option(f) for f in attrs.fields(RCTabOptions)),
    ),
    *(
        RuleSpec(preset.name, PresetRule(preset), "ranked", preset.summary, aliases=preset.aliases)
        for preset in PRESETS.values()
    ),
)

RULES: Mapping[str, RuleSpec] = {spec.name: spec for spec in _RULES}
"""Every rule by name."""

_ALIASES: Mapping[str, str] = {alias: spec.name for spec in _RULES for alias in spec.aliases}


def get_rule(name: str) -> RuleSpec:
    """The rule called ``name`` (or one of its aliases); RuleError lists the known ones."""
    key = name.strip().lower().replace("_", "-")
    key = _ALIASES.get(key, key)
    try:
        return RULES[key]
    except KeyError:
        known = ", ".join(sorted(RULES))
        raise RuleError(f"unknown rule {name!r}; known rules: {known}") from None


__all__ = ["RULES", "get_rule"]
