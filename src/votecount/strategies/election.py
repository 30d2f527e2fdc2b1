"""Complete elections, ready to count: a profile, a rule, seats, a seed and constraints.

The seats, marks and options fit the rule as its :class:`~votecount.rules.spec.RuleSpec`
states them, so every election drawn is one the rule can count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from votecount.api import count
from votecount.ballots import RankedBallot, Weight
from votecount.constraints import Constraint
from votecount.profile import Profile
from votecount.result import Result
from votecount.rules import RULES, OptionSpec, RuleSpec, get_rule
from votecount.rules.rctab.options import MULTI_SEAT_MODES
from votecount.strategies.ballots import profiles
from votecount.strategies.constraints import constraint_sets
from votecount.strategies.values import GENDER, candidates


@attrs.frozen(repr=False)
class Election:
    """Everything a count needs: the profile, the rule, seats, tie-break seed, constraints.

    ``count()`` runs :func:`votecount.count` on it; the repr is what hypothesis prints for a
    failing example, so it lists the ballots in full, one per line.
    """

    profile: Profile
    rule: str
    seats: int
    seed: int = 0
    constraints: tuple[Constraint, ...] = ()
    options: Mapping[str, Any] = attrs.field(factory=dict)

    def count(self, **changes: Any) -> Result:
        """Count the election (``changes`` override or add options)."""
        return count(
            self.profile,
            self.rule,
            seats=self.seats,
            seed=self.seed,
            constraints=self.constraints,
            **{**self.options, **changes},
        )

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """How hypothesis prints a falsifying example: as :meth:`__repr__`."""
        printer.text(repr(self))

    def __repr__(self) -> str:
        names = [c.name for c in self.profile.candidates]
        lines = [
            f"Election(rule={self.rule!r}, seats={self.seats}, seed={self.seed}, "
            f"options={dict(self.options)!r}, constraints={self.constraints!r})",
            f"  candidates: {', '.join(repr(c) for c in self.profile.candidates)}",
        ]
        for b in self.profile.ballots:
            if isinstance(b, RankedBallot):
                body = " > ".join(
                    names[p] if isinstance(p, int) else "=".join(names[c] for c in sorted(p))
                    for p in b.ranking
                )
            else:
                body = ", ".join(names[c] for c in sorted(b.marks))
            lines.append(f"  {b.weight} x {body}")
        return "\n".join(lines)


def _as_rctab_allows(options: dict[str, Any], seats: int) -> dict[str, Any]:
    """``options`` less what RCTab refuses with the rest: a Hare quota or a non-whole
    threshold outside its multi-seat modes, or both at once (:class:`RCTabOptions`)."""
    mode = options.get("election_mode", "single-winner" if seats == 1 else "multi-winner")
    fitted = dict(options)
    if mode not in MULTI_SEAT_MODES or fitted.get("hare_quota"):
        fitted.pop("non_integer_threshold", None)
    if mode not in MULTI_SEAT_MODES:
        fitted.pop("hare_quota", None)
    return fitted


def marks_allowed(rule: str, seats: int, options: Mapping[str, Any]) -> int:
    """How many candidates a plurality paper may mark under ``rule`` (its
    :attr:`~votecount.rules.spec.RuleSpec.marks`): one, as many as the seats, or the
    ``marks`` option; a ranked rule's papers are not limited here (the seats)."""
    spec = get_rule(rule)
    if spec.marks == "one":
        return 1
    if spec.marks == "option":
        return int(options["marks"])
    return seats


def _required_option(spec: RuleSpec, option: OptionSpec, seats: int) -> SearchStrategy[Any]:
    """A value for an option the rule cannot count without."""
    if option.name == "marks" and spec.marks == "option":
        return st.integers(1, seats - 1)
    if option.choices:
        return st.sampled_from(option.choices)
    raise ValueError(f"rule {spec.name!r} needs option {option.name!r}, whose values its spec does not list")


def _rule_names(kind: str | None, rules: Sequence[str] | None) -> list[str]:
    if rules is not None:
        return [get_rule(r).name for r in rules]
    return sorted(name for name, spec in RULES.items() if kind is None or spec.ballots in (kind, "either"))


@st.composite
def elections(
    draw: DrawFn,
    *,
    rules: Sequence[str] | None = None,
    kind: Literal["ranked", "plurality"] | None = None,
    max_candidates: int = 6,
    max_ballots: int = 12,
    max_seats: int | None = None,
    weight: SearchStrategy[Weight] | None = None,
    attributes: Mapping[str, Sequence[str]] | None = None,
    constraints: bool | None = False,
    variants: bool = False,
) -> Election:
    """A complete, valid election, ready to :meth:`~Election.count`.

    ``rules``: the rule names to choose from (default: every rule in the table that counts
    ``kind`` ballots; both kinds when ``kind`` is ``None``). The seats, marks and options fit
    the rule as its :class:`~votecount.rules.spec.RuleSpec` states them: single-seat rules get
    one seat, plurality papers carry no more crosses than the rule allows, an option the rule
    needs is drawn from its values. ``constraints``: ``False`` none, ``True`` feasible
    seat constraints on ``attributes`` (default :data:`GENDER`), ``None`` feasible or not.
    ``variants=True`` also draws each rule's optional choices, from each option's
    :attr:`~votecount.rules.spec.OptionSpec.sample` (STV's surplus method, places and quota;
    the alternative vote's majority, stop and exclusion); otherwise the rule's defaults.
    """
    names = _rule_names(kind, rules)
    if not names:
        raise ValueError(f"no registered rule counts {kind} ballots")
    rule = draw(st.sampled_from(names))
    spec = get_rule(rule)
    if spec.ballots == "either":
        ballot_kind = kind or draw(st.sampled_from(["ranked", "plurality"]))
    else:
        ballot_kind = spec.ballots
    wanted = attributes if attributes is not None else (GENDER if constraints is not False else None)
    cands = draw(candidates(min_size=max(1, spec.min_seats), max_size=max_candidates, attributes=wanted))
    n = len(cands)
    if spec.seats == "one":
        seats = 1
    else:
        top = n if max_seats is None else max(spec.min_seats, min(max_seats, n))
        seats = draw(st.integers(spec.min_seats, top))
    options = {o.name: draw(_required_option(spec, o, seats)) for o in spec.options if o.required}
    if variants:
        optional = {o.name: st.sampled_from(o.sample) for o in spec.options if o.sample and not o.required}
        options.update(draw(st.fixed_dictionaries({}, optional=optional)))
        if rule == "rctab":
            options = _as_rctab_allows(options, seats)
    marks = marks_allowed(rule, seats, options)
    prof = draw(
        profiles(
            "ranked" if ballot_kind == "ranked" else "plurality",
            candidates=st.just(cands),
            max_ballots=max_ballots,
            weight=weight,
            max_marks=marks,
            # a ranked paper under block or limited marks every candidate it ranks
            max_length=marks if ballot_kind == "ranked" and spec.marks in ("seats", "option") else None,
        )
    )
    chosen: tuple[Constraint, ...] = ()
    if constraints is not False:
        chosen = draw(constraint_sets(cands, seats, feasible=constraints))
    seed = draw(st.integers(0, 1000))
    return Election(prof, rule, seats, seed, chosen, options)


__all__ = ["Election", "elections", "marks_allowed"]
