"""Tie-break policies shared by every rule.

A rule first breaks a tie the way its rulebook says (for STV and preferential counts, by
looking back at earlier stages; see each rule). What is still tied after that goes to a
*policy*, one of:

- :class:`ExplicitOrder`: an order of candidates given in advance (for instance the result
  of lots drawn by the returning officer), earlier means favoured;
- :class:`Lot`: lots drawn by a pseudo-random generator from a seed the user gives, so the
  draw is reproducible and recorded in the result;
- :class:`Refuse`: raise :class:`~votecount.errors.TieError` naming the tied candidates, so
  that a returning officer can draw lots by hand and give the decision back.

Every decision is written to the result as a :class:`TieRecord`.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Literal, Protocol, TypeAlias

import attrs

from votecount.ballots import Candidate
from votecount.errors import TieError

Purpose: TypeAlias = Literal["elect", "exclude", "surplus", "order"]
"""What a tie decides: whom to elect, whom to exclude, whose surplus goes first, or an order."""


class TiePolicy(Protocol):
    """Orders tied candidates, most favoured first, when the rules cannot."""

    @property
    def name(self) -> str: ...

    def order(
        self, tied: Sequence[Candidate], *, purpose: Purpose, draw: int, stage: int | None
    ) -> tuple[Candidate, ...]: ...

    def describe(self) -> str: ...


def _names(value: Sequence[str]) -> tuple[str, ...]:
    return tuple(str(v) for v in value)


@attrs.frozen
class ExplicitOrder:
    """Break ties by a fixed order of candidate names or ids: earlier is favoured.

    Favoured means elected first, excluded last and its surplus transferred first. Every
    tied candidate must appear in the order, or the policy raises :class:`TieError`.
    """

    order_of: tuple[str, ...] = attrs.field(converter=_names)
    name: str = "explicit order"

    def order(
        self, tied: Sequence[Candidate], *, purpose: Purpose, draw: int, stage: int | None
    ) -> tuple[Candidate, ...]:
        rank: dict[str, int] = {}
        for i, key in enumerate(self.order_of):
            rank.setdefault(key, i)
        missing = [c.name for c in tied if c.id not in rank and c.name not in rank]
        if missing:
            raise TieError([c.name for c in tied], purpose=purpose, stage=stage)
        return tuple(sorted(tied, key=lambda c: rank.get(c.id, rank.get(c.name, 0))))

    def describe(self) -> str:
        return f"explicit order ({', '.join(self.order_of)})"


@attrs.frozen
class Lot:
    """Draw lots with a pseudo-random generator seeded by ``seed``.

    The draw for the n-th tie of a count depends only on the seed, n and the tied
    candidates' ids, so the same election counted with the same seed draws the same lots.
    """

    seed: int | str
    name: str = "lot"

    def order(
        self, tied: Sequence[Candidate], *, purpose: Purpose, draw: int, stage: int | None
    ) -> tuple[Candidate, ...]:
        ordered = sorted(tied, key=lambda c: c.id)
        material = f"{self.seed}|{draw}|{'|'.join(c.id for c in ordered)}".encode()
        # hashlib and random are loaded at the first lot drawn: most counts draw none
        sha256 = importlib.import_module("hashlib").sha256
        generator = importlib.import_module("random").Random
        rng = generator(int.from_bytes(sha256(material).digest()[:8], "big"))
        rng.shuffle(ordered)
        return tuple(ordered)

    def describe(self) -> str:
        return f"lot (seed {self.seed})"


@attrs.frozen
class Refuse:
    """Do not draw lots: raise :class:`TieError` listing the tied candidates."""

    name: str = "refuse"

    def order(
        self, tied: Sequence[Candidate], *, purpose: Purpose, draw: int, stage: int | None
    ) -> tuple[Candidate, ...]:
        raise TieError([c.name for c in tied], purpose=purpose, stage=stage)

    def describe(self) -> str:
        return "refuse (raise TieError)"


def policy_from(seed: int | str | None = None, order: Sequence[str] | None = None) -> TiePolicy:
    """The policy a caller asked for: an explicit order, lot from a seed, or refusal."""
    if order:
        return ExplicitOrder(tuple(order))
    if seed is not None:
        return Lot(seed)
    return Refuse()


@attrs.frozen(repr=False)
class TieRecord:
    """A tie as the count met it and how it was broken.

    ``method`` says what decided it: ``"earlier stages"`` (a look-back), or the policy's
    description. ``order`` is the decided order, most favoured first; for an exclusion the
    last of it is excluded, for an election the first is elected.
    """

    stage: int | None
    purpose: Purpose
    candidates: tuple[Candidate, ...]
    method: str
    order: tuple[Candidate, ...]

    def __str__(self) -> str:
        at = f"stage {self.stage}: " if self.stage is not None else ""
        names = ", ".join(c.name for c in self.candidates)
        decided = " > ".join(c.name for c in self.order)
        return f"{at}tie ({self.purpose}) between {names}, broken by {self.method}: {decided}"

    def __repr__(self) -> str:
        return f"<TieRecord {self}>"


@attrs.define
class TieBreaker:
    """A count's tie-breaking session: applies the policy and keeps the record.

    Rules create one per count. ``draws`` counts the ties sent to the policy so far, which
    is what makes :class:`Lot` reproducible.
    """

    policy: TiePolicy
    records: list[TieRecord] = attrs.field(factory=list)
    draws: int = 0

    def order(
        self, tied: Sequence[Candidate], *, purpose: Purpose, stage: int | None = None
    ) -> tuple[Candidate, ...]:
        """Order candidates the rules left tied, most favoured first, and record it."""
        self.draws += 1
        decided = self.policy.order(tied, purpose=purpose, draw=self.draws, stage=stage)
        self.records.append(
            TieRecord(stage, purpose, tuple(tied), self.policy.describe(), tuple(decided))
        )
        return tuple(decided)

    def record(
        self,
        tied: Sequence[Candidate],
        decided: Sequence[Candidate],
        *,
        purpose: Purpose,
        stage: int | None,
        method: str,
    ) -> None:
        """Record a tie that the rule itself broke (by looking back at earlier stages)."""
        self.records.append(TieRecord(stage, purpose, tuple(tied), method, tuple(decided)))
