"""What a counting rule is, as the rule table holds it: its function and its own facts.

Every rule is a function ``count(profile, *, seats, ties, constraints, **options) -> Result``.
``ties`` is a :class:`~votecount.ties.TiePolicy`; ``constraints`` a sequence of seat
constraints (:mod:`votecount.constraints`), which a rule that cannot honour them refuses
with :class:`~votecount.errors.RuleError`. Beside the function, a :class:`RuleSpec` states
the facts a caller (or a test generating elections, :mod:`votecount.strategies`) needs:
which ballots it counts, one seat or many, how many marks a plurality paper carries, and
the options it takes with the values each may have.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeAlias

import attrs

CountFunction: TypeAlias = Callable[..., Any]
BallotKind: TypeAlias = Literal["ranked", "plurality", "either"]


@attrs.frozen
class OptionSpec:
    """One option a rule takes: its name, the values it may have, and whether it must be given.

    ``choices`` lists the values (``None`` where the rule states the range itself, as the
    limited vote's ``marks``, 1 to seats − 1). An optional option's default is the rule's.
    ``sample`` lists values that make a valid count of any ballots whatever the other
    options, for generated elections (:func:`votecount.strategies.elections`); an option
    with no sample is left at its default there.
    """

    name: str
    choices: tuple[Any, ...] | None = None
    required: bool = False
    summary: str = ""
    sample: tuple[Any, ...] = ()


@attrs.frozen
class RuleSpec:
    """A rule in the table: its name, function, and facts.

    ``ballots``: the ballots it counts (``"either"``: plurality papers, and ranked papers
    read as marks: under a rule of one mark their first preference, under a rule of several
    marks every candidate they rank; :mod:`votecount.rules.plurality`). ``seats``: ``"one"``
    or ``"many"``; ``min_seats`` the fewest it fills.
    ``marks``: for plurality rules, how many candidates a paper may mark: as many as the
    seats, ``"one"``, or the ``marks`` option (``None`` for ranked rules). ``options``: the
    options it takes (``fixed_options``: none, as a statutory preset fixes every one).
    """

    name: str
    function: CountFunction
    ballots: BallotKind
    summary: str
    aliases: tuple[str, ...] = ()
    seats: Literal["one", "many"] = "many"
    min_seats: int = 1
    marks: Literal["seats", "one", "option"] | None = None
    options: tuple[OptionSpec, ...] = ()

    @property
    def fixed_options(self) -> bool:
        """True when the rule takes no options at all (a statutory preset)."""
        return not self.options

    def option(self, name: str) -> OptionSpec | None:
        """The option called ``name``, if the rule takes it."""
        return next((o for o in self.options if o.name == name), None)


__all__ = ["BallotKind", "CountFunction", "OptionSpec", "RuleSpec"]
