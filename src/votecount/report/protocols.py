"""What a count sheet reads from a result, as structural protocols that name only what it
prints. A :class:`votecount.result.Result` meets them as it stands, and the report never
imports it: results sit above the report and ask it for their own ``str()``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from votecount.candidates import Candidate
from votecount.numbers import Number, Weight
from votecount.validation import ValidationReport


class SheetEvent(Protocol):
    """An election, exclusion or withdrawal: its ``str()`` is the sheet's note of it."""

    @property
    def action(self) -> str: ...

    @property
    def candidate(self) -> Candidate: ...

    @property
    def reason(self) -> str: ...


class SheetTransfer(Protocol):
    """Papers moved from one source at one value, as the sheet notes them (and where they
    went, as an explanation tells it)."""

    @property
    def source(self) -> Candidate: ...

    @property
    def kind(self) -> str: ...

    @property
    def papers(self) -> Number: ...

    @property
    def votes(self) -> Mapping[Candidate, Number]: ...

    @property
    def exhausted(self) -> Number: ...

    @property
    def lost(self) -> Number: ...

    @property
    def transfer_value(self) -> Number | None: ...


class SheetRound(Protocol):
    """One round (stage): a column pair of the sheet and its note."""

    @property
    def number(self) -> int: ...

    @property
    def description(self) -> str: ...

    @property
    def votes(self) -> Mapping[Candidate, Number]: ...

    @property
    def changes(self) -> Mapping[Candidate, Number]: ...

    @property
    def exhausted(self) -> Number: ...

    @property
    def exhausted_change(self) -> Number: ...

    @property
    def lost_to_fractions(self) -> Number: ...

    @property
    def lost_change(self) -> Number: ...

    @property
    def total(self) -> Number: ...

    @property
    def quota(self) -> Number | None: ...

    @property
    def sections(self) -> Mapping[str, Mapping[Candidate, Number]] | None: ...

    @property
    def transfers(self) -> Sequence[SheetTransfer]: ...

    @property
    def events(self) -> Sequence[SheetEvent]: ...


class SheetBallot(Protocol):
    @property
    def weight(self) -> Weight: ...


class SheetProfile(Protocol):
    @property
    def ballots(self) -> Sequence[SheetBallot]: ...

    @property
    def total_weight(self) -> Weight: ...

    @property
    def validation(self) -> ValidationReport | None: ...


class SheetResult(Protocol):
    """What a count sheet reads from a result (see :class:`votecount.result.Result`)."""

    @property
    def title(self) -> str: ...

    @property
    def rule(self) -> str: ...

    @property
    def seats(self) -> int: ...

    @property
    def candidates(self) -> Sequence[Candidate]: ...

    @property
    def elected(self) -> Sequence[Candidate]: ...

    @property
    def withdrawn(self) -> Sequence[Candidate]: ...

    @property
    def rounds(self) -> Sequence[SheetRound]: ...

    @property
    def valid_poll(self) -> Number: ...

    @property
    def quota(self) -> Number | None: ...

    @property
    def places(self) -> int | None: ...

    @property
    def ties(self) -> Sequence[object]: ...

    @property
    def notes(self) -> Sequence[str]: ...

    @property
    def options(self) -> Mapping[str, Any]: ...

    @property
    def profile(self) -> SheetProfile | None: ...


__all__: Sequence[str] = [
    "SheetBallot",
    "SheetEvent",
    "SheetProfile",
    "SheetResult",
    "SheetRound",
    "SheetTransfer",
]
