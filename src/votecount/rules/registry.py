"""The table of counting rules, by name, that :func:`votecount.count` and the CLI look up.

Every rule is a function ``count(profile, *, seats, ties, constraints, **options) -> Result``
registered under a name with :func:`register`. ``ties`` is a
:class:`~votecount.ties.TiePolicy`; ``constraints`` a sequence of seat constraints
(:mod:`votecount.constraints`), which a rule that cannot honour them refuses with
:class:`~votecount.errors.RuleError`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import attrs

from votecount.errors import RuleError

CountFunction = Callable[..., Any]


@attrs.frozen
class RuleSpec:
    """A registered rule: its name, the ballots it counts, a one-line summary and its function."""

    name: str
    function: CountFunction
    ballots: Literal["ranked", "plurality", "either"]
    summary: str
    aliases: tuple[str, ...] = ()


RULES: dict[str, RuleSpec] = {}
_ALIASES: dict[str, str] = {}


def register(
    name: str,
    *,
    summary: str,
    ballots: Literal["ranked", "plurality", "either"],
    aliases: tuple[str, ...] = (),
) -> Callable[[CountFunction], CountFunction]:
    """Register a rule's count function under ``name`` (and ``aliases``)."""

    def decorate(function: CountFunction) -> CountFunction:
        if name in RULES or name in _ALIASES:
            raise RuleError(f"rule {name!r} is registered twice")
        RULES[name] = RuleSpec(name, function, ballots, summary, aliases)
        for alias in aliases:
            _ALIASES[alias] = name
        return function

    return decorate


def get_rule(name: str) -> RuleSpec:
    """The rule called ``name`` (or one of its aliases); RuleError lists the known ones."""
    key = name.strip().lower().replace("_", "-")
    key = _ALIASES.get(key, key)
    try:
        return RULES[key]
    except KeyError:
        known = ", ".join(sorted(RULES))
        raise RuleError(f"unknown rule {name!r}; known rules: {known}") from None
