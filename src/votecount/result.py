"""The record every rule writes: a :class:`Result` of :class:`Round` s of :class:`Transfer` s.

A round (a *stage* in STV's words) records each candidate's votes at its end, what moved
and where, the votes that became non-transferable or were lost to fractions, and every
election and exclusion with its reason. That is enough to print a returning officer's count
sheet, and to check by hand that the votes add up:

    sum(round.votes.values()) + round.exhausted + round.lost_to_fractions == result.valid_poll

Values are exact: ``int``, ``fractions.Fraction`` or ``decimal.Decimal`` (for rules that
count in fixed decimal places), never floats.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs

from votecount.ballots import Candidate
from votecount.errors import RuleError
from votecount.numbers import Number
from votecount.ties import TiePolicy, TieRecord

if TYPE_CHECKING:
    from votecount.ballots import Profile
    from votecount.report.sheet import CountSheet
    from votecount.validation import ValidationReport

TransferKind: TypeAlias = Literal["surplus", "exclusion", "redistribution"]
Action: TypeAlias = Literal["elected", "excluded", "withdrawn", "deferred", "not elected"]


def _frozen_mapping(value: Mapping[Candidate, Number] | None) -> Mapping[Candidate, Number]:
    return dict(value or {})


@attrs.frozen
class Transfer:
    """Votes moved at one stage from one source.

    ``source`` is the candidate whose surplus or papers move. ``transfer_value`` is the value
    each paper carries (``None`` where papers move at their own values). ``papers`` is the
    number of ballot papers examined; ``votes`` what each candidate gained; ``exhausted``
    what became non-transferable; ``lost`` what was lost to fractions (rounding or truncation).
    """

    source: Candidate
    kind: TransferKind
    papers: Number
    votes: Mapping[Candidate, Number] = attrs.field(converter=_frozen_mapping)
    exhausted: Number = 0
    lost: Number = 0
    transfer_value: Number | None = None

    @property
    def moved(self) -> Number:
        """Votes that reached a candidate."""
        return sum(self.votes.values(), 0)


@attrs.frozen
class Event:
    """An election, exclusion or other decision, with the rule's reason for it."""

    action: Action
    candidate: Candidate
    reason: str

    def __str__(self) -> str:
        return f"{self.candidate.name} {self.action}: {self.reason}"


def _transfer_tuple(value: Iterable[Transfer]) -> tuple[Transfer, ...]:
    return tuple(value)


def _event_tuple(value: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(value)


@attrs.frozen(repr=False)
class Round:
    """One round (stage) of a count.

    ``votes``: each candidate's votes at the end of the round, for every candidate standing
    at the start of the count (elected candidates keep the quota; excluded ones hold 0).
    ``changes``: what each candidate gained or lost in this round (the "transfers" column
    of a count sheet). ``exhausted`` and ``lost_to_fractions`` are running totals.
    ``sections``, where the ballots come from electoral-college sections, gives each
    section's part of ``votes``.
    """

    number: int
    description: str
    votes: Mapping[Candidate, Number] = attrs.field(converter=_frozen_mapping)
    changes: Mapping[Candidate, Number] = attrs.field(converter=_frozen_mapping, factory=dict)
    exhausted: Number = 0
    lost_to_fractions: Number = 0
    quota: Number | None = None
    transfers: tuple[Transfer, ...] = attrs.field(converter=_transfer_tuple, default=())
    events: tuple[Event, ...] = attrs.field(converter=_event_tuple, default=())
    sections: Mapping[str, Mapping[Candidate, Number]] | None = None
    exhausted_change: Number = 0
    lost_change: Number = 0

    @property
    def elected(self) -> tuple[Candidate, ...]:
        return tuple(e.candidate for e in self.events if e.action == "elected")

    @property
    def excluded(self) -> tuple[Candidate, ...]:
        return tuple(e.candidate for e in self.events if e.action == "excluded")

    @property
    def total(self) -> Number:
        """Candidates' votes plus non-transferable plus lost: the valid poll, if conserved."""
        total: Any = sum(self.votes.values(), 0)
        return total + self.exhausted + self.lost_to_fractions  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        what = "; ".join(str(e) for e in self.events) or "no decision"
        return f"<Round {self.number}: {self.description}; {what}>"


@attrs.frozen(repr=False)
class Result:
    """The result of a count: who is elected, in order, and the record of every round.

    ``rule`` is the rule's name and ``options`` every option it counted with (so the count
    can be repeated exactly); ``ties`` every tie met and how it was broken; ``validation``
    the report of papers counted, repaired and set aside. ``places`` is the number of
    decimal places the rule counts in (``None`` for exact or whole-number counts), used
    when printing.
    """

    rule: str
    candidates: tuple[Candidate, ...]
    seats: int
    elected: tuple[Candidate, ...]
    rounds: tuple[Round, ...]
    valid_poll: Number
    options: Mapping[str, Any] = attrs.field(factory=dict)
    quota: Number | None = None
    ties: tuple[TieRecord, ...] = ()
    tie_policy: str = ""
    places: int | None = None
    title: str = ""
    notes: tuple[str, ...] = ()
    withdrawn: tuple[Candidate, ...] = ()
    validation: ValidationReport | None = attrs.field(default=None, eq=False)
    profile: Profile | None = attrs.field(default=None, eq=False)
    call: CountCall | None = attrs.field(default=None, eq=False)

    @property
    def stages(self) -> tuple[Round, ...]:
        """The rounds, by STV's name for them."""
        return self.rounds

    @property
    def excluded(self) -> tuple[Candidate, ...]:
        return tuple(c for r in self.rounds for c in r.excluded)

    @property
    def totals(self) -> Mapping[Candidate, Number]:
        """Each candidate's votes at the end of the count."""
        return self.rounds[-1].votes if self.rounds else {}

    @property
    def first_round(self) -> Mapping[Candidate, Number]:
        return self.rounds[0].votes if self.rounds else {}

    def candidate(self, name: str) -> Candidate:
        for c in self.candidates:
            if name in (c.name, c.id):
                return c
        raise KeyError(f"unknown candidate {name!r}")

    def recount(self, profile: Profile | None = None, **changes: Any) -> Result:
        """Count again as this result was counted (same rule, seats, options, tie policy).

        ``profile`` replaces the ballots; ``changes`` override arguments of
        :func:`votecount.count` (``seats=``, ``constraints=``, a rule option...).
        """
        if self.call is None or (profile is None and self.profile is None):
            raise RuleError("this result does not record how it was counted; use votecount.count")
        from votecount.api import count

        arguments: dict[str, Any] = {
            "seats": self.call.seats,
            "tie_break": self.call.tie_break,
            "constraints": self.call.constraints,
            **self.call.options,
        }
        arguments.update(changes)
        target = profile if profile is not None else self.profile
        assert target is not None
        return count(target, self.call.rule, **arguments)

    def countback(self, vacated: str | Candidate | Sequence[str | Candidate]) -> Countback:
        """Fill a vacancy by re-running this count without the member(s) who left.

        The departed members are treated as withdrawn (their papers pass to the next
        preference) and the count is run again under the same rule, options, seats and tie
        policy (so the same seed draws the same lots). The remaining members keep their
        seats: they hold office, whatever the re-run says. The vacancy goes to the first
        candidate the re-run elects who is not already a member, in order of election; with
        several vacancies, to the first that many. This is the Labour Party's NEC practice
        ("the last contest is re-run excluding votes for the member who has left"). With
        seat constraints, a newcomer whose seating beside the remaining members would break
        them is passed over (:func:`votecount.constraints.fill_vacancies`).
        """
        if self.profile is None:
            raise RuleError("this result does not keep its ballots; count with votecount.count")
        keys = [vacated] if isinstance(vacated, str | Candidate) else list(vacated)
        gone = tuple(dict.fromkeys(c if isinstance(c, Candidate) else self.candidate(c) for c in keys))
        for c in gone:
            if c not in self.elected:
                raise RuleError(f"{c.name} was not elected, so their seat cannot be vacated")
        indices = {self.candidates.index(c) for c in gone}
        rerun = self.recount(self.profile.replace(withdrawn=self.profile.withdrawn | indices))
        members = tuple(c for c in self.elected if c not in gone)
        newcomers = tuple(c for c in rerun.elected if c not in members)
        if len(newcomers) < len(gone):
            raise RuleError(
                f"the re-run elected only {len(newcomers)} new candidate(s) for {len(gone)} vacancies"
            )
        # Seat constraints bind the body, not the re-run alone: pass over a newcomer whose
        # seating beside the sitting members would break them (docs/countback.md).
        from votecount.constraints import fill_vacancies

        return Countback(
            vacated=gone,
            members=members,
            filled_by=fill_vacancies(
                self.call.constraints if self.call else (), members, newcomers, len(gone)
            ),
            rerun=rerun,
        )

    def sheet(self) -> CountSheet:
        """The count sheet: a table of rounds that prints as text, Markdown, HTML or CSV."""
        from votecount.report.sheet import CountSheet

        return CountSheet.from_result(self)

    def __str__(self) -> str:
        return self.sheet().text()

    def _repr_markdown_(self) -> str:
        return self.sheet().markdown()

    def __repr__(self) -> str:
        names = ", ".join(c.name for c in self.elected) or "nobody"
        return (
            f"<Result {self.rule}: {self.seats} seat{'s' if self.seats != 1 else ''}, "
            f"elected {names}; {len(self.rounds)} round{'s' if len(self.rounds) != 1 else ''}>"
        )


@attrs.frozen
class CountCall:
    """How a count was asked for, so that it can be repeated exactly (recount, countback)."""

    rule: str
    seats: int
    tie_break: TiePolicy
    constraints: tuple[Any, ...] = ()
    options: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen(repr=False)
class Countback:
    """Who fills a vacancy: the re-run count and the candidates it seats.

    ``members`` are the members who stay; ``filled_by`` the candidates who fill the
    vacated seats, in order; ``rerun`` the full re-run count, to print or inspect.
    """

    vacated: tuple[Candidate, ...]
    members: tuple[Candidate, ...]
    filled_by: tuple[Candidate, ...]
    rerun: Result

    @property
    def elected(self) -> tuple[Candidate, ...]:
        """The body after the countback: the remaining members, then the newcomers."""
        return self.members + self.filled_by

    def __repr__(self) -> str:
        gone = ", ".join(c.name for c in self.vacated)
        new = ", ".join(c.name for c in self.filled_by)
        return f"<Countback: {new} fill(s) the seat(s) vacated by {gone}>"

    def __str__(self) -> str:
        return f"{self!r}\n\n{self.rerun}"
