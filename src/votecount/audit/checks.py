"""A sheet checked against itself: does each total follow from its own previous total and
its own transfer, and does no stage hold more votes than the first?

These checks need no ballots. A total that does not follow from the sheet's own arithmetic,
where our recount agrees with the arithmetic, is the plainest sign of a typing error on the
sheet (Glasgow 2017 Linn: Alan Digney's stage 3 total printed 393 for 303).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from votecount.audit.figures import exact, places
from votecount.audit.sheet import Figure, PublishedSheet


@attrs.frozen
class Inconsistency:
    """One place where a sheet disagrees with itself."""

    stage: int
    candidate: str | None
    """``None`` for a check of a whole column (its sum)."""
    printed: Figure | None
    arithmetic: Figure | None
    """What the sheet's own figures give: previous total plus transfer, or the valid poll."""
    what: str

    def __str__(self) -> str:
        who = f"{self.candidate}: " if self.candidate else ""
        return f"stage {self.stage}: {who}{self.what}"


def _unit(figure: Figure) -> Fraction:
    """One unit of the last printed place (zero for an exact fraction)."""
    if isinstance(figure, Decimal):
        return Fraction(1, 10 ** places(figure))
    return Fraction(0)


def rounding_slack(*figures: Figure) -> Fraction:
    """Half a unit of each figure's last printed place, summed: what rounding to the places
    printed can account for when figures printed to different places are added."""
    return sum((_unit(f) for f in figures), Fraction(0)) / 2


def own_arithmetic(sheet: PublishedSheet) -> tuple[Inconsistency, ...]:
    """Every total that differs from the sheet's own previous total plus its own transfer by
    more than the places printed can explain, and every stage whose column adds up to more
    than the first preferences (or the stated valid poll differs from their sum)."""
    found: list[Inconsistency] = []
    for c in sheet.candidates:
        for stage in range(2, len(c.stages) + 1):
            before, change, total = c.total(stage - 1), c.transfer(stage), c.total(stage)
            if before is None or change is None or total is None:
                continue
            expected = Fraction(before) + Fraction(change)
            if abs(expected - Fraction(total)) > rounding_slack(before, change, total):
                found.append(
                    Inconsistency(
                        stage,
                        c.name,
                        total,
                        exact(expected),
                        f"printed {total}, but its own stage {stage - 1} total {before} "
                        f"plus its stage {stage} transfer {change:+} is {exact(expected)}",
                    )
                )
    found += _column_sums(sheet)
    return tuple(found)


def _column_sums(sheet: PublishedSheet) -> list[Inconsistency]:
    if not sheet.has_stages:
        return []
    found = []
    firsts = [c.total(1) for c in sheet.candidates]
    if any(f is None for f in firsts):
        return []
    poll = sum((Fraction(f) for f in firsts if f is not None), Fraction(0))
    slack = rounding_slack(*(f for f in firsts if f is not None))
    if sheet.valid_poll is not None and Fraction(sheet.valid_poll) != poll:
        found.append(
            Inconsistency(
                1,
                None,
                sheet.valid_poll,
                exact(poll),
                f"the stated valid poll is {sheet.valid_poll}, the first preferences add up to {exact(poll)}",
            )
        )
    for stage in range(2, sheet.n_stages + 1):
        column = [c.total(stage) for c in sheet.candidates]
        if any(x is None for x in column):
            continue
        total = sum((Fraction(x) for x in column if x is not None), Fraction(0))
        if total > poll + slack + rounding_slack(*(x for x in column if x is not None)):
            found.append(
                Inconsistency(
                    stage,
                    None,
                    exact(total),
                    exact(poll),
                    f"the column adds up to {exact(total)}, more than the {exact(poll)} first preferences",
                )
            )
    return found
