"""The report of how a profile's papers were judged: counted as cast, repaired, or set aside.

A :class:`ValidationReport` is a plain value that a :class:`~votecount.ballots.Profile` carries
(``profile.validation``) and a rule may extend with its own reasons (a plurality paper marking
only withdrawn candidates, say). It lives below both :mod:`votecount.ballots`, which holds it,
and :mod:`votecount.validity`, which writes it, so that neither has to import the other to
name it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from votecount.numbers import Weight


@attrs.frozen
class BallotProblem:
    """One paper (or group of identical papers) that was repaired or set aside, and why.

    ``reason`` is the class it is reported under; ``action`` is ``"repaired"`` or
    ``"set aside"``; ``detail`` says where on the paper the problem is.
    """

    reason: str
    action: str
    weight: Weight
    line: int | None = None
    detail: str = ""

    def __str__(self) -> str:
        at = f"line {self.line}: " if self.line is not None else ""
        detail = f" ({self.detail})" if self.detail else ""
        return f"{at}{self.action}, {self.reason}{detail}, weight {self.weight}"


def _total(values: Iterable[Weight]) -> Weight:
    return sum(values, 0)


@attrs.frozen
class ValidationReport:
    """How the papers read were treated: counted as cast, repaired, or set aside.

    ``read`` = ``counted_as_cast`` + sum(``repaired``) + sum(``rejected``): nothing is lost.
    All figures are weights (numbers of papers). ``repaired`` and ``rejected`` map each
    reason to the papers it covers; ``problems`` lists every such paper with its file line.
    ``lines`` is the number of ballot lines (or rows) read.
    """

    source: str | None
    read: Weight
    counted_as_cast: Weight
    repaired: Mapping[str, Weight] = attrs.field(factory=dict)
    rejected: Mapping[str, Weight] = attrs.field(factory=dict)
    problems: tuple[BallotProblem, ...] = ()
    policy: str = ""
    lines: int = 0

    @property
    def repaired_total(self) -> Weight:
        return _total(self.repaired.values())

    @property
    def set_aside(self) -> Weight:
        """Papers set aside (rejected), whatever the reason."""
        return _total(self.rejected.values())

    @property
    def counted(self) -> Weight:
        """Papers that go into the count: as cast plus repaired."""
        return self.counted_as_cast + self.repaired_total

    @property
    def balances(self) -> bool:
        """Whether counted as cast + repaired + set aside == read (it always should)."""
        return self.counted_as_cast + self.repaired_total + self.set_aside == self.read

    def summary(self) -> str:
        """A few lines a returning officer can read."""
        out = [
            f"{self.read} papers read ({self.policy} policy): "
            f"{self.counted_as_cast} counted as cast, {self.repaired_total} repaired, "
            f"{self.set_aside} set aside"
        ]
        out += [f"  repaired, {k}: {v}" for k, v in sorted(self.repaired.items())]
        out += [f"  set aside, {k}: {v}" for k, v in sorted(self.rejected.items())]
        return "\n".join(out)


__all__ = ["BallotProblem", "ValidationReport"]
