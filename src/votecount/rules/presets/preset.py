"""A statutory STV rule as a preset: every option of the engine set, each beside its clause.

A :class:`Preset` is written as the statute reads: for each field of
:class:`~votecount.rules.stv.options.STVOptions`, the value and the clause that fixes it
(or why the statute is silent and what is chosen). It refuses to exist with a field left
to the engine's default, so nothing is relied on silently; ``deviations`` says where the
code knowingly departs from the statute. The count is the one engine with these options
(:class:`PresetRule`), and it refuses options of the caller's: the rule ``stv`` takes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from votecount.errors import RuleError
from votecount.profile import Profile
from votecount.result import Result
from votecount.rules.stv import STVOptions, count_stv
from votecount.ties import TiePolicy

FIELDS = tuple(f.name for f in attrs.fields(STVOptions))
"""Every option of the engine, in the order of the count."""

PREFERENTIAL_ONLY = "an option of the single-seat preferential counts only; not STV"
EQUAL_RANKINGS = (
    "silent: a paper is read up to the place where its preferences stop being unique "
    "(the validity policy has already judged it; docs/validity.md)"
)
NO_CONSTRAINTS = "the rules know no seat constraints; used only where the caller gives some"


def _settings(value: Mapping[str, tuple[Any, str]]) -> Mapping[str, tuple[Any, str]]:
    """The settings in the order of the count's fields (any unknown name last, refused)."""
    ordered = {name: value[name] for name in FIELDS if name in value}
    ordered.update((name, v) for name, v in value.items() if name not in ordered)
    return ordered


@attrs.frozen
class Preset:
    """A named rule: the statute, every option with its clause, and any deviation.

    ``settings`` maps each field of ``STVOptions`` to ``(value, clause)``; every field must
    be there. ``statute`` names the instrument (and the part of it the clauses are in);
    ``description`` says in a paragraph what the rule is.
    """

    name: str
    statute: str
    summary: str
    settings: Mapping[str, tuple[Any, str]] = attrs.field(converter=_settings)
    description: str = ""
    deviations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    options: STVOptions = attrs.field(init=False)

    @settings.validator
    def _every_field(self, attribute: attrs.Attribute[Any], value: Mapping[str, tuple[Any, str]]) -> None:
        missing = [f for f in FIELDS if f not in value]
        if missing:
            raise RuleError(f"preset {self.name!r} leaves unset: {', '.join(missing)}")
        unknown = [f for f in value if f not in FIELDS]
        if unknown:
            raise RuleError(f"preset {self.name!r} sets no such option: {', '.join(unknown)}")

    @options.default
    def _options(self) -> STVOptions:
        # built from the known fields only; the validator then refuses what is missing or unknown
        return STVOptions(**{name: self.settings[name][0] for name in FIELDS if name in self.settings})

    @property
    def clauses(self) -> Mapping[str, str]:
        """Each field's clause (or the reason it is chosen where the statute is silent)."""
        return {name: clause for name, (_, clause) in self.settings.items()}

    def __repr__(self) -> str:
        return f"<Preset {self.name}: {self.statute}>"


@attrs.frozen
class PresetRule:
    """The count function of a preset: the one engine, with the preset's options only."""

    preset: Preset

    def __call__(
        self,
        profile: Profile,
        *,
        seats: int,
        ties: TiePolicy,
        constraints: Sequence[Any] = (),
        **extra: Any,
    ) -> Result:
        if extra:
            raise RuleError(
                f"rule {self.preset.name!r} fixes every option as its statute says; got "
                f"{', '.join(sorted(extra))}. Count with rule 'stv' to choose options yourself."
            )
        return count_stv(
            profile,
            seats=seats,
            ties=ties,
            constraints=constraints,
            options=self.preset.options,
            rule=self.preset.name,
        )


__all__ = ["EQUAL_RANKINGS", "FIELDS", "NO_CONSTRAINTS", "PREFERENTIAL_ONLY", "Preset", "PresetRule"]
