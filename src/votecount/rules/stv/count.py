"""The working state of one STV count, and the primitives a plug-in may call.

A :class:`Count` holds, for each candidate, a *pile* of :class:`Parcel` s: the
unique ballots that candidate holds (in runs of ballots alike up to that candidate), the
value each paper carries and the stage it arrived. A surplus or an exclusion touches only
that candidate's pile, and papers move to their next continuing preferences a run at a
time (:mod:`votecount.rules.stv.sorting`).

Plug-ins reach the count only through its documented surface:

- a :class:`TransferMethod` (the Gregory methods, Meek, Warren) moves papers with
  :meth:`Count.move`, :meth:`Count.credit`, :meth:`Count.take`, :meth:`Count.settle`,
  :meth:`Count.lose` and the like (:mod:`votecount.rules.stv.moves`), and reads the
  public state listed on :class:`Count`;
- a :class:`ConstraintHook` (seat constraints) decides through :meth:`Count.exclude`,
  :meth:`Count.transfer_excluded`, :meth:`Count.record_event` and the stage calls.

Nothing of the working state leaks into the :class:`~votecount.result.Result`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any, Protocol

import attrs

from votecount.ballots import Weight
from votecount.numbers import Value
from votecount.profile import Profile
from votecount.result import Event, Round
from votecount.rules.stv.moves import PaperMoves
from votecount.rules.stv.options import STVOptions
from votecount.rules.stv.papers import Parcel, StageRecord, papers_in_order, rankings_as_counted
from votecount.rules.stv.quota import ascertain_quota
from votecount.rules.stv.sorting import first_preference_runs
from votecount.ties import TieBreaker, TiePolicy

CONTINUING, ELECTED, EXCLUDED, WITHDRAWN = 0, 1, 2, 3
"""A candidate's status in :attr:`Count.status`."""


def _tuple_of(items: Iterable[Any]) -> Any:
    """A tuple for an attrs field whose converter is ``tuple`` (typed loosely for mypy)."""
    return tuple(items)


class TransferMethod(Protocol):
    """How a surplus (and, if the method needs, an exclusion) is transferred.

    The engine decides *whose* surplus goes when and writes the stage; the method moves
    the papers through :class:`Count` (``count.pile``, ``count.move``, ``count.settle``...).
    """

    name: str
    simultaneous: bool
    """True: every pending surplus in one stage (Meek, Warren); False: one at a time."""

    def transfer_surplus(self, count: Count, sources: Sequence[int]) -> None: ...

    def transfer_excluded(self, count: Count, excluded: Sequence[int]) -> None: ...

    # Optional: ``exclusion_group(count) -> (candidates, reason)``, a group the method's rule
    # excludes together before the engine looks for the lowest (NZ Meek: every candidate
    # with no votes); an empty group leaves the choice to the engine.


class ConstraintHook(Protocol):
    """What a seat-constrained count (:mod:`votecount.rules.constrained`) decides in the
    engine's loop; the unconstrained count has none."""

    def before_decision(self, count: Count) -> bool:
        """Make any exclusion the constraints force, as a stage; True if one was made."""
        ...

    def may_elect(self, count: Count, c: int) -> bool:
        """Whether ``c``, at the quota, may be elected now."""
        ...

    def may_exclude_together(self, count: Count, group: Sequence[int]) -> bool:
        """Whether the constraints can spare every one of ``group`` at once (a bulk exclusion)."""
        ...

    def excludable(self, count: Count, cands: Sequence[int]) -> tuple[list[int], str]:
        """Those of ``cands`` the constraints allow to be excluded (never empty when
        ``cands`` holds more candidates than the vacancies left), and what to add to the
        reason for an exclusion among them ("" if sparing the others changed nothing)."""
        ...



class Count(PaperMoves):
    """The working state of one STV count. Private to the engine and its plug-ins; nothing
    of it leaks into the :class:`~votecount.result.Result`.

    Public state, for plug-ins to read (and change only through the methods below):
    ``profile``, ``options``, ``seats``, ``arith`` (the count's arithmetic), ``n`` (the
    number of candidates), ``rankings`` and ``weights`` (each unique ballot's ranking of
    candidate indices, as counted, and its number of papers), ``pile_rankings`` (the
    rankings as the piles read them, in lexicographic order, see
    :func:`~votecount.rules.stv.papers.papers_in_order`), ``first_runs`` (the ballots
    ranking each candidate first) and ``first_papers`` (their numbers of papers; together
    the valid poll), ``public`` (a value as the result reports it, made once per value),
    ``status`` (each candidate's :data:`CONTINUING`, :data:`ELECTED`, :data:`EXCLUDED` or
    :data:`WITHDRAWN`), ``votes``, ``elected`` (in order of election), ``quota``,
    ``valid_poll``, ``exhausted`` and ``lost`` (running totals), ``history`` (every closed
    stage's votes), ``rounds``, ``stage`` (the open :class:`StageRecord`, or ``None``),
    ``method`` and ``constraint_hook``.
    """

    def __init__(
        self,
        profile: Profile,
        seats: int,
        ties: TiePolicy,
        options: STVOptions,
        rule: str,
        *,
        method: TransferMethod,
        elect_reached: Callable[[Count], None],
        constraint_hook: ConstraintHook | None = None,
    ) -> None:
        self.profile = profile
        self.options = options
        self.rule = rule
        self.seats = seats
        self.arith = options.arithmetic
        # the same values recur from stage to stage: each made public once
        self.public: Callable[[Value], Any] = lru_cache(maxsize=None)(self.arith.public)
        self.ties = TieBreaker(ties)
        self.n = len(profile.candidates)
        self.pile_rankings, self.weights, counted = papers_in_order(profile, options.equal_rankings)
        self._rankings = self.pile_rankings if counted else None
        self.status = [WITHDRAWN if c in profile.withdrawn else CONTINUING for c in range(self.n)]
        self.votes: list[Value] = [0] * self.n
        self.piles: list[list[Parcel]] = [[] for _ in range(self.n)]
        self.surplus_done = [False] * self.n
        self.elected: list[int] = []
        self.exhausted: Value = 0
        self.lost: Value = 0
        n_blank, self.first_runs = first_preference_runs(self.pile_rankings, self.n)
        blank: Weight = sum(self.weights[:n_blank], 0)
        weights = self.weights
        self.first_papers: list[Weight] = [sum(weights[r.start : r.stop], 0) for r in self.first_runs]
        self.valid_poll: Value = self.arith.weight(sum(self.first_papers, 0))
        self.quota: Value = 0
        self.history: list[tuple[Value, ...]] = []
        self.rounds: list[Round] = []
        self.stage: StageRecord | None = None
        self.notes: list[str] = []
        self.constraint_hook = constraint_hook
        if blank:
            self.notes.append(
                f"{blank} paper(s) rank no standing candidate uniquely first: "
                "not part of the valid poll"
            )
        self.method = method
        self._elect_reached = elect_reached

    @property
    def rankings(self) -> list[tuple[int, ...]]:
        """Each unique ballot's ranking as counted (:func:`rankings_as_counted`: no
        candidate twice), in the order of :attr:`weights`, for a method that offers papers
        to elected candidates again (Meek, Warren); the piles read :attr:`pile_rankings`."""
        if self._rankings is None:
            self._rankings = rankings_as_counted(self.profile, self.options.equal_rankings)[0]
        return self._rankings

    # -- what transfer methods use ---------------------------------------------------------

    def is_continuing(self, c: int) -> bool:
        return self.status[c] == CONTINUING

    def pile(self, c: int) -> list[Parcel]:
        return self.piles[c]

    def take_pile(self, c: int) -> list[Parcel]:
        """Take every parcel ``c`` holds off their pile (an excluded candidate's papers)."""
        pile, self.piles[c] = self.piles[c], []
        return pile

    def surplus_of(self, c: int) -> Value:
        return max(self.votes[c] - self.quota, 0)

    def next_stage(self, description: str, kind: str) -> None:
        """Close the current stage (electing who reached the quota) and open another."""
        self.end_stage()
        self.begin_stage(description, kind)

    # -- stages ------------------------------------------------------------------------

    def begin_stage(self, description: str, kind: str) -> None:
        self.stage = StageRecord(description, kind)

    def end_stage(self, *, elect: bool = True) -> None:
        """Close the stage: ascertain the quota if it is due, elect who reached it, record
        the stage. With no stage open it does nothing (a transfer that stops part-way because
        every seat is filled has already closed its last stage)."""
        stage = self.stage
        if stage is None:
            return
        o = self.options
        if o.recompute_quota or not self.rounds:
            self.quota = self.ascertain_quota()
        elif o.reduce_quota_before_election and not self.elected:
            self.quota = min(self.quota, self.ascertain_quota(base="continuing"))
        stage.quota = self.quota
        self.history.append(tuple(self.votes))
        if elect:
            self._elect_reached(self)
        self._close(stage)

    def _close(self, stage: StageRecord) -> None:
        public, cands = self.public, self.profile.candidates
        standing = [c for c in range(self.n) if self.status[c] != WITHDRAWN]
        self.rounds.append(
            Round(
                number=len(self.rounds) + 1,
                description=stage.description,
                votes={cands[c]: public(self.votes[c]) for c in standing},
                changes={cands[c]: public(v) for c, v in stage.changes.items() if v},
                exhausted=public(self.exhausted),
                lost_to_fractions=public(self.lost),
                quota=public(stage.quota),
                transfers=_tuple_of(stage.transfers),
                events=_tuple_of(stage.events),
                exhausted_change=public(stage.exhausted),
                lost_change=public(stage.lost),
            )
        )
        self.stage = None

    def amend_last_round(self, events: Iterable[Event]) -> None:
        last = self.rounds[-1]
        self.rounds[-1] = attrs.evolve(
            last,
            events=_tuple_of([*last.events, *events]),
            votes={self.profile.candidates[c]: self.arith.public(self.votes[c])
                   for c in range(self.n) if self.status[c] != WITHDRAWN},
        )

    def ascertain_quota(self, base: str | None = None) -> Value:
        """The quota as the options say, of the valid poll or (``base="continuing"``, or
        :attr:`STVOptions.quota_base`) of the votes continuing and elected candidates hold."""
        if (base or self.options.quota_base) == "continuing":
            total = sum(
                (self.votes[c] for c in range(self.n) if self.status[c] in (CONTINUING, ELECTED)), 0
            )
        else:
            total = self.valid_poll
        return ascertain_quota(self.options.quota, total, self.seats, self.arith)

    def reascertain_quota(self) -> None:
        """Ascertain the quota afresh now (an iterative method, after each iteration)."""
        self.quota = self.ascertain_quota()

    def release_papers(self) -> None:
        """Set every pile aside: a method that recounts every paper at each iteration (Meek,
        Warren) keeps no parcels."""
        for c in range(self.n):
            self.piles[c] = []

    def transfer_excluded(self, excluded: Sequence[int]) -> None:
        """Pass the papers of ``excluded`` on, as the count's transfer method does."""
        self.method.transfer_excluded(self, excluded)

    def record_event(self, event: Event) -> None:
        """Record a decision at the open stage (a seat constraint's "not elected")."""
        assert self.stage is not None
        self.stage.events.append(event)

    def add_note(self, note: str) -> None:
        """A note for the result (printed under the count sheet)."""
        self.notes.append(note)

    def describe_stage(self, addition: str) -> None:
        """Add to the open stage's description (an iterative method's iterations)."""
        if self.stage is not None:
            self.stage.description += addition

    # -- who is where -------------------------------------------------------------------

    @property
    def vacancies(self) -> int:
        return self.seats - len(self.elected)

    def continuing(self) -> list[int]:
        return [c for c in range(self.n) if self.status[c] == CONTINUING]

    def has_quota(self, c: int) -> bool:
        if self.options.elect_on == "reach":
            return self.votes[c] >= self.quota
        return self.votes[c] > self.quota

    def elect(self, c: int, reason: str, *, record_on_last: bool = False) -> None:
        """Elect ``c``. (The place where constrained STV will check a seat constraint.)"""
        self.status[c] = ELECTED
        self.elected.append(c)
        event = Event("elected", self.profile.candidates[c], reason)
        if record_on_last or self.stage is None:
            self.amend_last_round([event])
        else:
            self.stage.events.append(event)

    def exclude(self, cands: Sequence[int], reason: str) -> None:
        """Exclude ``cands`` (the continuing set changes here: constrained STV's other hook)."""
        assert self.stage is not None
        for c in cands:
            self.status[c] = EXCLUDED
            self.stage.events.append(Event("excluded", self.profile.candidates[c], reason))

