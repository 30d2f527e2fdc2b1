"""The record every rule writes: a :class:`Result` of :class:`Round` s of :class:`Transfer` s.

A round (a *stage* in STV's words) records each candidate's votes at its end, what moved
and where, the votes that became non-transferable or were lost to fractions, and every
election and exclusion with its reason. That is enough to print a returning officer's count
sheet, and to check by hand that the votes add up:

    sum(round.votes.values()) + round.exhausted + round.lost_to_fractions == result.valid_poll

Values are exact: ``int``, ``fractions.Fraction`` or ``decimal.Decimal`` (for rules that
count in fixed decimal places), never floats.

Everything here is a frozen value: nothing in this module counts. A result records how it
was asked for (:class:`CountCall`) so that :func:`votecount.recount` and
:func:`votecount.countback` can repeat the count; ``str(result)`` is its count sheet, laid
out by :mod:`votecount.report.sheet`, which reads a result without importing this module.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs

from votecount.candidates import Candidate
from votecount.display import html_list, html_table
from votecount.names import find_candidate
from votecount.numbers import Number, format_number
from votecount.profile import Profile
from votecount.ties import TiePolicy, TieRecord
from votecount.validation import ValidationReport

if TYPE_CHECKING:
    from votecount.explain import Explanation
    from votecount.report.sheet import CountSheet

TransferKind: TypeAlias = Literal["surplus", "exclusion", "redistribution"]
Action: TypeAlias = Literal["elected", "excluded", "withdrawn", "deferred", "not elected"]


class FrozenVotes(Mapping[Candidate, Number]):
    """Votes by candidate, read-only, in the order the rule recorded them.

    A frozen :class:`Round` or :class:`Transfer` holds its figures in one of these, so that
    nobody can alter a count's record after the fact. It compares equal to a ``dict`` of the
    same items (as ``Mapping`` s do), keeps the rule's order, and pickles (results cross
    process pools).
    """

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[Candidate, Number] | None = None) -> None:
        self._items: dict[Candidate, Number] = dict(items or {})

    def __getitem__(self, candidate: Candidate) -> Number:
        return self._items[candidate]

    def __iter__(self) -> Iterator[Candidate]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, candidate: object) -> bool:
        return candidate in self._items

    def __reduce__(self) -> tuple[type[FrozenVotes], tuple[dict[Candidate, Number]]]:
        return (FrozenVotes, (self._items,))

    def __repr__(self) -> str:
        return repr(self._items)


def _frozen_mapping(value: Mapping[Candidate, Number] | None) -> Mapping[Candidate, Number]:
    return value if isinstance(value, FrozenVotes) else FrozenVotes(value)


@attrs.frozen(repr=False)
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

    def __repr__(self) -> str:
        value = "" if self.transfer_value is None else f" at {format_number(self.transfer_value)}"
        gains = ", ".join(f"{c.name} {format_number(v, signed=True)}" for c, v in self.votes.items())
        rest = [f"non-transferable {format_number(self.exhausted)}"] if self.exhausted else []
        rest += [f"lost {format_number(self.lost)}"] if self.lost else []
        papers = f"{format_number(self.papers)} paper{'s' if self.papers != 1 else ''}"
        what = "; ".join([gains or "nothing moved", *rest])
        return f"<Transfer {self.kind} of {self.source.name}, {papers}{value}: {what}>"


@attrs.frozen(repr=False)
class Event:
    """An election, exclusion or other decision, with the rule's reason for it."""

    action: Action
    candidate: Candidate
    reason: str

    def __str__(self) -> str:
        return f"{self.candidate.name} {self.action}: {self.reason}"

    def __repr__(self) -> str:
        return f"<Event {self}>"


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
    inactive: Mapping[str, Number] | None = None
    """Where a rule reports why papers are out of the count (RCTab: overvotes, skipped
    rankings, exhausted choices, repeated rankings), the value of the papers in each
    category at the end of the round; ``None`` where it does not."""

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

    def _repr_html_(self) -> str:
        """The round as a table for notebooks: votes, change and decision by candidate, then
        non-transferable, lost and total, and the transfers under it."""
        decided = {e.candidate: f"{e.action}: {e.reason}" for e in self.events}
        rows: list[tuple[str, ...]] = [
            (c.name, format_number(v), format_number(self.changes.get(c), signed=True), decided.get(c, ""))
            for c, v in self.votes.items()
        ]
        rows.append(("Non-transferable", format_number(self.exhausted), format_number(
            self.exhausted_change or None, signed=True), ""))
        if self.lost_to_fractions:
            rows.append(("Lost to fractions", format_number(self.lost_to_fractions), format_number(
                self.lost_change or None, signed=True), ""))
        rows.append(("Total", format_number(self.total), "", ""))
        quota = f"; quota {format_number(self.quota)}" if self.quota is not None else ""
        table = html_table(
            ("Candidate", "votes", "change", "decision"),
            rows,
            caption=f"Stage {self.number}: {self.description}{quota}",
            numeric=(False, True, True, False),
        )
        return table + html_list(repr(t)[1:-1] for t in self.transfers)


@attrs.frozen(repr=False)
class CountCall:
    """How a count was asked for, so that it can be repeated exactly (recount, countback)."""

    rule: str
    seats: int
    tie_break: TiePolicy
    constraints: tuple[Any, ...] = ()
    options: Mapping[str, Any] = attrs.field(factory=dict)

    def __repr__(self) -> str:
        parts = [repr(self.rule), f"seats={self.seats}", f"ties: {self.tie_break.describe()}"]
        parts += [f"{len(self.constraints)} constraint{'s' if len(self.constraints) != 1 else ''}"] * bool(
            self.constraints
        )
        parts += [f"{k}={v!r}" for k, v in self.options.items()]
        return f"<CountCall {', '.join(parts)}>"


@attrs.frozen(repr=False)
class Result:
    """The result of a count: who is elected, in order, and the record of every round.

    ``rule`` is the rule's name and ``options`` every option it counted with (so the count
    can be repeated exactly); ``ties`` every tie met and how it was broken; ``validation``
    the report of papers counted, repaired and set aside. ``places`` is the number of
    decimal places the rule counts in (``None`` for exact or whole-number counts), used
    when printing. ``profile`` and ``call`` keep the ballots and how the count was asked for,
    so that :func:`votecount.recount` and :func:`votecount.countback` can repeat it; they
    are not part of equality.
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
        """The candidate with this name or id, or any unambiguous part of it in any case
        (``"fryer"`` finds ``David FRYER (Ind)``); see :func:`votecount.names.find_candidate`.

        Raises :class:`~votecount.errors.CandidateError` listing the matches of an ambiguous
        part, or the closest names when nothing matches.
        """
        return find_candidate(self.candidates, name)

    def explain(self, name: str | Candidate) -> Explanation:
        """Why ``name`` was elected or not, stage by stage (:func:`votecount.explain.explain`)."""
        explained: Explanation = importlib.import_module("votecount.explain").explain(self, name)
        return explained

    def __str__(self) -> str:
        """The count sheet as text, so that ``print(result)`` shows the count."""
        return _sheet(self).text()

    def _repr_markdown_(self) -> str:
        """The count sheet as Markdown, for notebooks."""
        return _sheet(self).markdown()

    def _repr_html_(self) -> str:
        """The count sheet's table, for notebooks (preferred to the Markdown): a fragment
        whose style touches only the table, not the whole page ``render(result, "html")``."""
        return _sheet(self).html_table()

    def __repr__(self) -> str:
        names = ", ".join(c.name for c in self.elected) or "nobody"
        return (
            f"<Result {self.rule}: {self.seats} seat{'s' if self.seats != 1 else ''}, "
            f"elected {names}; {len(self.rounds)} round{'s' if len(self.rounds) != 1 else ''}>"
        )


def _sheet(result: Result) -> CountSheet:
    """``result``'s count sheet (:mod:`votecount.report.sheet`). The report and the
    explanations are imported when a result is first shown, not with the result: a count
    written as JSON, or one never printed, does not load them."""
    sheet: CountSheet = importlib.import_module("votecount.report.sheet").CountSheet.from_result(result)
    return sheet
