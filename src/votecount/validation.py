"""The report of how a profile's papers were judged: counted as cast, repaired, or set aside.

A :class:`ValidationReport` is a plain value that a :class:`~votecount.profile.Profile` carries
(``profile.validation``) and a rule may extend with its own reasons (a plurality paper marking
only withdrawn candidates, say). It lives below both :mod:`votecount.ballots`, which holds it,
and :mod:`votecount.validity`, which writes it, so that neither has to import the other to
name it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction

import attrs

from votecount.display import html_list, html_table
from votecount.numbers import Weight, digits


@attrs.frozen(repr=False)
class BallotProblem:
    """One paper (or group of identical papers) that was repaired or set aside, and why.

    ``reason`` is the class it is reported under; ``action`` is ``"repaired"`` or
    ``"set aside"``; ``detail`` says where on the paper the problem is; ``ballot_id`` is the
    paper's own identifier where the file gives one (a form's voter or response number).
    """

    reason: str
    action: str
    weight: Weight
    line: int | None = None
    detail: str = ""
    ballot_id: str | None = None

    def __str__(self) -> str:
        at = f"line {self.line}" if self.line is not None else ""
        if self.ballot_id is not None:
            at = f"{at} (ballot {self.ballot_id})" if at else f"ballot {self.ballot_id}"
        at = f"{at}: " if at else ""
        detail = f" ({self.detail})" if self.detail else ""
        return f"{at}{self.action}, {self.reason}{detail}, weight {self.weight}"

    def __repr__(self) -> str:
        return f"<BallotProblem {self}>"


PLAUSIBLE_WEIGHT = 10**9
"""The most papers one ballot line may plausibly stand for: the largest electorates on
earth are under a billion voters. A heavier weight is counted as written, with a warning."""

PLAUSIBLE_TOTAL = 10**10
"""The most papers a whole election may plausibly hold: more than everyone alive."""


@attrs.frozen(repr=False)
class ValidationWarning:
    """Something a file or a call allows but a returning officer would want to look at.

    Nothing is set aside for a warning: the count goes on as asked. ``code`` names the kind
    (``"seats-above-candidates"``, ``"implausible-weight"``, ``"implausible-total"``, or a
    reader's own), so that a program can test for it; ``message`` says it in words; ``line``
    is the file line where there is one.
    """

    code: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        at = f"line {self.line}: " if self.line is not None else ""
        return f"{at}{self.message}"

    def __repr__(self) -> str:
        return f"<ValidationWarning {self.code}: {self}>"


def _papers(weight: Weight) -> str:
    """A number of papers as a reader takes it in: exact up to 15 digits, else its size."""
    if digits(weight) > 16:
        return f"about 10^{digits(weight) - 1}"
    value = Fraction(weight)
    return f"{value.numerator:,}" if value.denominator == 1 else str(weight)


def plausibility_warnings(
    *, candidates: int, seats: int | None, weights: Iterable[Weight], total: Weight
) -> tuple[ValidationWarning, ...]:
    """The warnings for values a ballot format allows but no real election has.

    ``weights`` are the weights of the ballots (one per distinct ballot is enough: the
    heaviest is reported); ``total`` is the papers read. Seats above the candidates standing
    are counted as an uncontested election (every candidate elected, the other seats vacant).
    A reader calls this once it knows the profile, and adds the result with
    :meth:`ValidationReport.with_warnings`; the sheet and ``votecount validate`` do the same,
    and identical warnings are kept once.
    """
    found: list[ValidationWarning] = []
    if seats is not None and seats > candidates:
        vacant = seats - candidates
        found.append(
            ValidationWarning(
                "seats-above-candidates",
                f"{seats:,} seats to fill but only {candidates:,} candidates stand: every "
                f"candidate is elected and {vacant:,} {'seat stays' if vacant == 1 else 'seats stay'} vacant",
            )
        )
    heaviest = max(weights, default=0)
    if heaviest > PLAUSIBLE_WEIGHT:
        found.append(
            ValidationWarning(
                "implausible-weight",
                f"a ballot weighs {_papers(heaviest)} papers, above the plausible "
                f"{PLAUSIBLE_WEIGHT:,} for one ballot line; counted as written",
            )
        )
    if total > PLAUSIBLE_TOTAL:
        found.append(
            ValidationWarning(
                "implausible-total",
                f"{_papers(total)} papers in all, more than the {PLAUSIBLE_TOTAL:,} any "
                "election could hold; counted as written",
            )
        )
    return tuple(found)


def _total(values: Iterable[Weight]) -> Weight:
    return sum(values, 0)


@attrs.frozen(repr=False)
class ValidationReport:
    """How the papers read were treated: counted as cast, repaired, or set aside.

    ``read`` = ``counted_as_cast`` + sum(``repaired``) + sum(``rejected``): nothing is lost.
    All figures are weights (numbers of papers). ``repaired`` and ``rejected`` map each
    reason to the papers it covers; ``problems`` lists every such paper with its file line.
    ``lines`` is the number of ballot lines (or rows) read. ``warnings`` are values the
    format allows but a returning officer should look at (:class:`ValidationWarning`); they
    set nothing aside.
    """

    source: str | None
    read: Weight
    counted_as_cast: Weight
    repaired: Mapping[str, Weight] = attrs.field(factory=dict)
    rejected: Mapping[str, Weight] = attrs.field(factory=dict)
    problems: tuple[BallotProblem, ...] = ()
    policy: str = ""
    lines: int = 0
    warnings: tuple[ValidationWarning, ...] = ()

    def with_warnings(self, warnings: Iterable[ValidationWarning]) -> ValidationReport:
        """A copy with ``warnings`` added after its own, each distinct warning kept once."""
        kept = list(self.warnings)
        kept += [w for w in dict.fromkeys(warnings) if w not in kept]
        return attrs.evolve(self, warnings=tuple(kept))

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
        out += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(out)

    def __repr__(self) -> str:
        source = f" of {self.source}" if self.source else ""
        problems = f", {len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
        warned = f", {len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}"
        return (
            f"<ValidationReport{source}: {self.read} papers read, {self.counted_as_cast} counted "
            f"as cast, {self.repaired_total} repaired, {self.set_aside} set aside"
            f"{problems * bool(self.problems)}{warned * bool(self.warnings)}>"
        )

    def _repr_html_(self) -> str:
        """The summary as a table: papers by what was done with them, then the warnings."""
        rows: list[tuple[str, object]] = [("papers read", self.read)]
        rows.append(("counted as cast", self.counted_as_cast))
        rows += [(f"repaired: {k}", v) for k, v in sorted(self.repaired.items())]
        rows += [(f"set aside: {k}", v) for k, v in sorted(self.rejected.items())]
        policy = f" ({self.policy} policy)" if self.policy else ""
        caption = f"{self.source or 'Ballots'}{policy}"
        problems = [str(p) for p in self.problems[:20]]
        if len(self.problems) > 20:
            problems.append(f"... and {len(self.problems) - 20} more")
        warnings = [f"warning: {w}" for w in self.warnings]
        return html_table(("", "papers"), rows, caption=caption) + html_list([*warnings, *problems])


__all__ = [
    "PLAUSIBLE_TOTAL",
    "PLAUSIBLE_WEIGHT",
    "BallotProblem",
    "ValidationReport",
    "ValidationWarning",
    "plausibility_warnings",
]
