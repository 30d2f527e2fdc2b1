"""A published stage-by-stage count sheet, as the audit reads it.

Whatever the format (:mod:`votecount.audit.readers`), a sheet is the same thing: each
candidate's total at the end of every stage, as printed (stage 1 is the first preferences),
the transfer column where the sheet has one, who it says was elected, and what it states
about the count (seats, quota, valid poll). Figures are kept as the exact decimals printed,
so that the places each was printed to are known.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

Figure = Decimal | Fraction
"""A figure on a sheet: the decimal as printed, or (from votecount's own JSON) an exact
fraction with no finite decimal."""


@attrs.frozen
class PublishedCandidate:
    """One candidate's row of a sheet.

    ``stages[s]`` is the total at the end of stage ``s + 1`` (``None`` where the sheet
    prints nothing legible); ``transfers[s]`` what the sheet says the candidate gained or lost
    at stage ``s + 1`` (``None`` for stage 1 or where the sheet has no such column).
    """

    name: str
    stages: tuple[Figure | None, ...]
    transfers: tuple[Figure | None, ...] = ()
    elected: bool | None = None
    status: str = ""
    """What the sheet says became of the candidate (``Elected``, ``Excluded``), as printed."""
    decided_at: int | None = None
    """The stage at which the sheet says the candidate was elected or excluded."""
    unreadable: tuple[tuple[int, str], ...] = ()
    """``(stage, text)`` for each printed figure that is not a number."""

    @property
    def first_preferences(self) -> Figure | None:
        return self.stages[0] if self.stages else None

    def total(self, stage: int) -> Figure | None:
        """The total at ``stage`` (1-based), ``None`` if the sheet has none there."""
        return self.stages[stage - 1] if 0 < stage <= len(self.stages) else None

    def transfer(self, stage: int) -> Figure | None:
        return self.transfers[stage - 1] if 0 < stage <= len(self.transfers) else None


@attrs.frozen
class PublishedSheet:
    """A whole published count: every candidate's row, and what the sheet states.

    ``kind`` names the layout it was read from (``scottish-csv``, ``edinburgh-json``,
    ``rctab``, ``votecount``); ``descriptions`` what each stage did, where the sheet says.
    """

    source: str
    kind: str
    title: str
    candidates: tuple[PublishedCandidate, ...]
    seats: int | None = None
    quota: Figure | None = None
    valid_poll: Figure | None = None
    descriptions: tuple[str, ...] = ()
    ward: str = ""
    """The ward or contest's own code where the sheet gives one (``S13002835``)."""

    @property
    def has_stages(self) -> bool:
        """Whether the sheet gives every candidate's figures (some give only who was elected)."""
        return bool(self.candidates) and all(c.stages for c in self.candidates)

    @property
    def n_stages(self) -> int:
        return max((len(c.stages) for c in self.candidates), default=0)

    @property
    def elected(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.candidates if c.elected)
