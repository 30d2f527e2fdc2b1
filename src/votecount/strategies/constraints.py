"""Seat constraints on the candidates' attributes, feasible or infeasible on purpose."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from votecount.ballots import Candidate
from votecount.constraints import Constraint


def _attribute_groups(cands: Sequence[Candidate]) -> list[tuple[str, str]]:
    return sorted({(k, v) for c in cands for k, v in c.attributes.items()})


@st.composite
def constraint_sets(
    draw: DrawFn,
    cands: Sequence[Candidate],
    seats: int,
    *,
    feasible: bool | None = True,
    max_size: int = 3,
) -> tuple[Constraint, ...]:
    """Seat constraints on the candidates' attributes, for an election of ``seats`` seats.

    ``feasible=True``: some ``min(seats, len(cands))`` candidates meet them all (they are
    built around such a choice, drawn first). ``feasible=False``: no choice can, on
    purpose, in one of the ways a rulebook or a typing error goes wrong (a minimum above
    the maximum, above the seats, above the candidates who have the attribute, or minimums
    that add up to more than the seats). ``None``: either. Shrinks towards no constraints.
    """
    groups = _attribute_groups(cands)
    if feasible is None:
        feasible = draw(st.booleans())
    to_fill = min(seats, len(cands))
    if feasible:
        if not groups:
            return ()
        chosen = set(draw(st.permutations(range(len(cands))))[:to_fill])
        out = []
        for attribute, value in draw(st.lists(st.sampled_from(groups), max_size=max_size, unique=True)):
            have = sum(1 for i in chosen if cands[i].attributes.get(attribute) == value)
            at_least = draw(st.integers(0, have))
            at_most = draw(st.one_of(st.none(), st.integers(have, to_fill)))
            out.append(Constraint(attribute, value, at_least, at_most))
        return tuple(out)
    attribute, value = draw(st.sampled_from(groups)) if groups else ("gender", "F")
    members = sum(1 for c in cands if c.attributes.get(attribute) == value)
    ways = ["above maximum", "above seats", "above members"]
    others = [g for g in groups if g[0] == attribute and g[1] != value]
    if others:
        ways.append("sum above seats")  # two groups of one attribute never overlap
    way = draw(st.sampled_from(ways))
    if way == "above maximum":
        at_most = draw(st.integers(0, max(0, to_fill - 1)))
        return (Constraint(attribute, value, at_most + 1, at_most),)
    if way == "above seats":
        return (Constraint(attribute, value, to_fill + 1),)
    if way == "above members":
        return (Constraint(attribute, value, members + 1),)
    first = draw(st.integers(0, to_fill))
    return (
        Constraint(attribute, value, first),
        Constraint(attribute, others[0][1], to_fill - first + 1),
    )


__all__ = ["constraint_sets"]
