"""What the charts of a count show, as exact values: no plotting library needed.

:mod:`votecount.charts` draws these with matplotlib; here they are worked out from a result
alone, so that they can be checked without drawing anything (and so that another drawing
library could be put in its place).

- :func:`columns`: each stage of the count as a column of *nodes*, each candidate with votes,
  then the non-transferable papers and the votes lost to fractions so far, with their
  values. Every column adds up to the valid poll.
- :func:`links`: the flow of votes from one stage's column to the next: what each candidate
  kept, and what moved where. Moves come from the round's recorded transfers (a surplus, an
  exclusion); a rule that records none (Meek's and Warren's methods, which move every
  elected candidate's votes at once) has its changes shared out in proportion, marked
  ``kind="inferred"``.
- :func:`outcomes`: who was elected or excluded, and at which stage.

Values are :class:`fractions.Fraction` whatever the count's arithmetic: exact, one type.
A result is read through the protocols of :mod:`votecount.explain`; nothing here imports
:mod:`votecount.result`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Literal, Protocol, TypeAlias

import attrs

from votecount.candidates import Candidate
from votecount.explain import ExplainedResult, ExplainedRound
from votecount.numbers import Number

NON_TRANSFERABLE = "Non-transferable"
LOST = "Lost to fractions"

Node: TypeAlias = Candidate | str
"""A candidate, or :data:`NON_TRANSFERABLE` or :data:`LOST`."""

LinkKind: TypeAlias = Literal["kept", "surplus", "exclusion", "redistribution", "inferred"]


@attrs.frozen
class Column:
    """One stage: its number, its description and each node's value at its end."""

    stage: int
    description: str
    values: Mapping[Node, Fraction]


@attrs.frozen
class Link:
    """Votes flowing from ``source`` at stage ``stage - 1`` to ``target`` at ``stage``."""

    stage: int
    source: Node
    target: Node
    votes: Fraction
    kind: LinkKind


_KINDS: dict[str, LinkKind] = {
    "surplus": "surplus",
    "exclusion": "exclusion",
    "redistribution": "redistribution",
}


def _round_values(r: ExplainedRound, exhausted: Number, lost: Number) -> dict[Node, Fraction]:
    values: dict[Node, Fraction] = {c: Fraction(v) for c, v in r.votes.items()}
    values[NON_TRANSFERABLE] = Fraction(exhausted)
    values[LOST] = Fraction(lost)
    return values


def columns(result: ChartedResult) -> tuple[Column, ...]:
    """Every stage as a column of node values (zero values kept, so columns line up)."""
    return tuple(
        Column(r.number, r.description, _round_values(r, r.exhausted, r.lost_to_fractions))
        for r in result.rounds
    )


def links(result: ChartedResult) -> tuple[Link, ...]:
    """The flows between consecutive stages (see the module's description)."""
    cols = columns(result)
    out: list[Link] = []
    for r, before, after in zip(result.rounds[1:], cols, cols[1:], strict=False):
        out.extend(_round_links(r, before.values, after.values))
    return tuple(out)


def _round_links(
    r: ExplainedRound, before: Mapping[Node, Fraction], after: Mapping[Node, Fraction]
) -> list[Link]:
    moved: dict[tuple[Node, Node, LinkKind], Fraction] = {}
    gone: dict[Node, Fraction] = dict.fromkeys(before, Fraction(0))
    came: dict[Node, Fraction] = dict.fromkeys(after, Fraction(0))

    def move(source: Node, target: Node, votes: Fraction, kind: LinkKind) -> None:
        if votes <= 0 or source not in gone or target not in came:
            return
        key = (source, target, kind)
        moved[key] = moved.get(key, Fraction(0)) + votes
        gone[source] += votes
        came[target] += votes

    for t in r.transfers:
        kind = _KINDS.get(t.kind, "inferred")
        for c, v in t.votes.items():
            move(t.source, c, Fraction(v), kind)
        move(t.source, NON_TRANSFERABLE, Fraction(t.exhausted), kind)
        move(t.source, LOST, Fraction(t.lost), kind)
    # what the transfers do not account for: losses shared among gains in proportion
    zero = Fraction(0)
    residual = {n: after.get(n, zero) - (before[n] - gone[n]) - came.get(n, zero) for n in before}
    losses = {n: -v for n, v in residual.items() if v < 0}
    gains = {n: v for n, v in residual.items() if v > 0}
    total_gain = sum(gains.values(), Fraction(0))
    for source, loss in losses.items():
        for target, gain in gains.items():
            move(source, target, loss * gain / total_gain, "inferred")
    kept = [
        Link(r.number, n, n, min(before[n] - gone[n], after.get(n, Fraction(0))), "kept")
        for n in before
        if min(before[n] - gone[n], after.get(n, Fraction(0))) > 0
    ]
    return kept + [Link(r.number, s, t, v, k) for (s, t, k), v in moved.items()]


def outcomes(result: ChartedResult) -> dict[Candidate, tuple[str, int]]:
    """Each elected or excluded candidate's action and the stage it happened at."""
    found: dict[Candidate, tuple[str, int]] = {}
    for r in result.rounds:
        for e in r.events:
            if e.action in ("elected", "excluded"):
                found.setdefault(e.candidate, (e.action, r.number))
    return found


class ChartedRound(ExplainedRound, Protocol):
    """A round as the charts read it: what an explanation reads, and the running totals."""

    @property
    def exhausted(self) -> Number: ...

    @property
    def lost_to_fractions(self) -> Number: ...


class ChartedResult(ExplainedResult, Protocol):
    """A result as the charts read it (see :class:`votecount.result.Result`)."""

    @property
    def rounds(self) -> Sequence[ChartedRound]: ...

    @property
    def title(self) -> str: ...

    @property
    def rule(self) -> str: ...

    @property
    def quota(self) -> Number | None: ...


__all__ = [
    "LOST",
    "NON_TRANSFERABLE",
    "ChartedResult",
    "ChartedRound",
    "Column",
    "Link",
    "Node",
    "columns",
    "links",
    "outcomes",
]
