"""The single transferable vote: ONE counting engine, every rulebook difference an option.

:func:`count_stv` counts a ranked :class:`~votecount.ballots.Profile` under an
:class:`STVOptions` record. The named statutory rules (``scottish-stv``, ``ers97``, ...) are
presets of those options in :mod:`votecount.rules.stv_presets`; the preferential rules (the
alternative vote, the supplementary and contingent vote) are presets too. None of them has
a loop of its own.

How the count runs, stage by stage (the words are the statutes'):

1. *First stage.* Each paper is credited to the first continuing candidate it ranks, at a
   value of one. The quota is ascertained (:attr:`STVOptions.quota`).
2. After every stage, each continuing candidate whose votes reach (or exceed,
   :attr:`STVOptions.elect_on`) the quota is elected, highest first.
3. The count stops when every vacancy is filled, or, when the continuing candidates are no
   more than the vacancies left, they are all deemed elected
   (:attr:`STVOptions.elect_remaining`).
4. Otherwise the largest surplus not yet transferred is transferred, one stage per
   surplus (:attr:`STVOptions.surplus`, :attr:`STVOptions.surplus_order`), unless the
   rule defers it (:attr:`STVOptions.defer_surplus`).
5. With no surplus to transfer, the lowest continuing candidate is excluded (or a group
   of them, :attr:`STVOptions.exclusion`) and their papers pass on at their values, all at
   once or parcel by parcel (:attr:`STVOptions.exclusion_transfer`).

Ties are broken first by looking back at earlier stages (:attr:`STVOptions.look_back`),
then by the count's tie policy (lot from a seed, an explicit order, or refusal); every tie
is recorded in :attr:`Result.ties <votecount.result.Result.ties>`.

The engine keeps, for each candidate, a *pile* of parcels: the unique-ballot indices that
candidate holds, the value each paper carries and the stage it arrived. A surplus or an
exclusion touches only that candidate's pile, and papers move by scanning each ballot
forward from where it sits to its next continuing preference.

Adding a surplus method (Meek, Warren, ...): subclass :class:`PileTransfers` (or write any
object that follows :class:`TransferMethod`) and register it with
:func:`register_transfer_method`; then ``STVOptions(surplus="meek")`` uses it. A method
marked ``simultaneous`` is handed every pending surplus in one stage, and may override
:meth:`TransferMethod.transfer_excluded` as well (Meek redistributes every ballot when a
candidate is excluded).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any, Literal, Protocol, TypeAlias

import attrs

from votecount.ballots import Profile, RankedBallot, Weight
from votecount.errors import RuleError
from votecount.numbers import Arithmetic, Rounding, Value, arithmetic
from votecount.result import Event, Result, Round, Transfer
from votecount.ties import Purpose, TieBreaker, TiePolicy

QuotaRule: TypeAlias = Literal["droop", "droop-exact", "hare", "ers97", "nz", "majority"]
LookBack: TypeAlias = Literal["most-recent", "earliest", "none"]

CONTINUING, ELECTED, EXCLUDED, WITHDRAWN = 0, 1, 2, 3


def _one_of(*values: object) -> Callable[[Any, Any, Any], None]:
    return attrs.validators.in_(values)


def _deferral(value: object) -> object:
    """``True``/``False`` for :attr:`STVOptions.defer_surplus` mean ERS97's rule / never."""
    if value is True:
        return "at-most-gap"
    if value is False:
        return "never"
    return value


@attrs.frozen
class STVOptions:
    """Every point where STV rulebooks differ, one field each. Presets fill them all.

    The defaults are a plain exact-arithmetic weighted inclusive Gregory count with the
    Droop quota; statutory rules are in :mod:`votecount.rules.stv_presets`.
    """

    quota: QuotaRule = attrs.field(
        default="droop", validator=_one_of("droop", "droop-exact", "hare", "ers97", "nz", "majority")
    )
    """How the quota is ascertained from the total ``v`` of votes and ``n`` seats.

    ``"droop"``: floor(v / (n + 1)) + 1 (Scotland rule 45, Northern Ireland, Senate).
    ``"droop-exact"``: v / (n + 1) unrounded (use with ``elect_on="exceed"``).
    ``"hare"``: v / n. ``"ers97"``: v / (n + 1) to two decimal places; if not exact,
    truncated and increased by 0.01 (ERS97 5.1.6). ``"nz"``: v / (n + 1) truncated to the
    count's places plus one unit (New Zealand Meek). ``"majority"``: half of the votes,
    elected on exceeding it: the alternative vote (see :attr:`quota_base`).
    """

    quota_base: Literal["valid", "continuing"] = attrs.field(
        default="valid", validator=_one_of("valid", "continuing")
    )
    """Votes the quota is taken of: the valid poll, or the votes still held by continuing and
    elected candidates (those not non-transferable or lost), as at each stage."""

    recompute_quota: bool = False
    """Ascertain the quota afresh at every stage (the alternative vote's "more than half of
    the votes still in the count"), rather than once at the first stage."""

    elect_on: Literal["reach", "exceed"] = attrs.field(default="reach", validator=_one_of("reach", "exceed"))
    """Elected on reaching the quota (votes ≥ quota: Scotland rule 46) or exceeding it."""

    places: int | None = None
    """Decimal places the count is done in; ``None`` for exact fractions."""

    rounding: Rounding = attrs.field(default="truncate", validator=_one_of("truncate", "half-up", "up"))
    """How a value is brought to :attr:`places` (transfer values, fractional weights):
    ``"truncate"`` (any remainder ignored), ``"half-up"`` or ``"up"``."""

    surplus: str = "wigm"
    """The surplus transfer method, by name (see :data:`TRANSFER_METHODS`): ``"wigm"``
    (weighted inclusive Gregory: every paper, at surplus × its value ÷ the candidate's
    total), ``"uig"`` (unweighted inclusive Gregory: every paper, at surplus ÷ number of
    papers), ``"last-parcel"`` (Gregory on the last parcel received only), or a method
    another module registers (``"meek"``, ``"warren"``)."""

    transfer_value_papers: Literal["all", "transferable"] = attrs.field(
        default="all", validator=_one_of("all", "transferable")
    )
    """For the unweighted methods: the papers a surplus is divided over, all of them or only
    those with a next available preference (ERS97 5.2.4, ACT Sch 4 cl. 1)."""

    cap_transfer_value: bool = False
    """A paper never passes on at more than the value it arrived with (ERS97, NI, ACT)."""

    round_transfer_values: bool = True
    """Work transfer values to :attr:`places` as the statute says (Scotland r. 48(3), ERS97
    5.3.7, NI r. 49(4)); ``False`` keeps them exact and rounds only the votes each parcel
    credits (ACT since 2020: votes to six places, rounded down)."""

    whole_vote_credits: bool = False
    """Votes credited to each candidate from one parcel are whole numbers, the fraction
    lost (Commonwealth Electoral Act 1918 s 273(9)(c))."""

    fraction_loss: Literal["lost", "non-transferable"] = attrs.field(
        default="lost", validator=_one_of("lost", "non-transferable")
    )
    """Where what rounding drops from a transfer is recorded: as lost to fractions, or with
    the non-transferable votes (Northern Ireland r. 50(2)(c): the surplus less the value
    transferred is non-transferable)."""

    surplus_order: Literal["largest", "election"] = attrs.field(
        default="largest", validator=_one_of("largest", "election")
    )
    """Which pending surplus goes first: the largest (Scotland rule 49), or in order of
    election."""

    defer_surplus: Literal["never", "at-most-gap", "below-gap"] = attrs.field(
        default="never", converter=_deferral, validator=_one_of("never", "at-most-gap", "below-gap")
    )
    """Defer transferring surpluses while all of them together could not lift the lowest
    continuing candidate past the next (nor a bulk-exclusion group past the candidate above
    it): ``"at-most-gap"`` defers when the surpluses do not exceed the gap (ERS97 5.2.3),
    ``"below-gap"`` only when they are less than it (Northern Ireland r. 48)."""

    reduce_quota_before_election: bool = False
    """Until somebody is elected, ascertain the quota afresh at the end of every stage from
    the votes still in the count (the valid poll less non-transferable and lost votes), as
    counting-rules.md reads ERS97 5.4.8."""

    elect_on_active_quota: bool = False
    """Also elect a continuing candidate whose votes reach the votes still in play (held by
    candidates not elected, plus surpluses not yet transferred) divided by one more than
    the vacancies left (ERS97, as counting-rules.md summarises it)."""

    elect_unassailable: bool = False
    """With one vacancy left, elect the highest continuing candidate once their votes are at
    least all the other continuing candidates' votes plus any untransferred surpluses
    (Northern Ireland, the last vacancy)."""

    capped_excess: Literal["non-transferable", "lost"] = attrs.field(
        default="non-transferable", validator=_one_of("non-transferable", "lost")
    )
    """Where a capped transfer value leaves part of a surplus undistributed, show it as
    non-transferable, or as lost to fractions (as ElectionsACT shows it)."""

    exclusion: Literal["one", "bulk"] = attrs.field(default="one", validator=_one_of("one", "bulk"))
    """Exclude one candidate at a time, or in bulk all the lowest candidates whose votes
    together (with any deferred surpluses) are less than the next candidate's, leaving at
    least as many continuing candidates as vacancies."""

    unbroken_election_tie: Literal["tie-policy", "elect-none"] = attrs.field(
        default="tie-policy", validator=_one_of("tie-policy", "elect-none")
    )
    """More candidates at the quota than places, some equal at every stage across the last
    place: the tie policy (lot) decides, or none of those tied is elected at that stage
    (ERS97 5.6.2)."""

    elect_higher_of_last_two: bool = False
    """With one vacancy and two continuing candidates, once no surplus is to be transferred,
    elect the one with more votes rather than exclude the other (Commonwealth Electoral
    Act 1918 s 273(18))."""

    bulk_limit: Literal["below-next", "at-most-next"] = attrs.field(
        default="below-next", validator=_one_of("below-next", "at-most-next")
    )
    """For bulk exclusion: the group's votes (with deferred surpluses) must be less than the
    next candidate's (NI r. 51(12)), or may equal it ("does not exceed", ERS97 5.2.5(b))."""

    elect_before_last_exclusion: bool = False
    """When an exclusion would leave only as many continuing candidates as places unfilled,
    elect those candidates instead of making it (ERS97 5.5.1)."""

    exclusion_transfer: Literal["all-at-once", "by-value", "first-preferences-then-by-value"] = attrs.field(
        default="all-at-once", validator=_one_of("all-at-once", "by-value", "first-preferences-then-by-value")
    )
    """How an excluded candidate's papers move: all in one stage (Scotland rule 50), or in
    one stage per transfer value, highest first (ERS97 5.3.4, Senate, ACT), or first
    preferences first then by value (Northern Ireland r. 50)."""

    look_back: LookBack = attrs.field(
        default="most-recent", validator=_one_of("most-recent", "earliest", "none")
    )
    """How a tie is broken before lot: by the most recent preceding stage at which the tied
    candidates had unequal votes (Scotland rules 49(3), 50(2)), the earliest such stage
    (ERS97 5.2.5, NI), or not at all."""

    elect_remaining: bool = True
    """When the continuing candidates are no more than the vacancies left, deem them all
    elected and stop (Scotland rule 52(1))."""

    top_after_first: int | None = None
    """After the first stage, if nobody is elected, exclude at once every candidate but
    the top ``k`` (more where candidates tie for ``k``-th place): the supplementary and
    contingent vote."""

    exclude_down_to: int | None = None
    """Elect nobody until only this many candidates are continuing (a preferential count
    shown down to the last two); single-seat counts only."""

    elect_highest_at_last: bool = False
    """Single-seat preferential counts (added for :mod:`votecount.rules.preferential`):
    when the count can go no further by exclusion, elect the continuing candidate with the
    most votes, majority or not, rather than exclude the runner-up. That point is when two
    candidates continue (the alternative vote's final round), or, with
    :attr:`top_after_first`, once that exclusion is made or when it would exclude nobody
    (everyone tied into the top ``k``), however many remain: GLA Act 1999 Sch. 2 para. 4(6)
    returns the remaining candidate with the most votes. A bulk exclusion then never leaves
    fewer than two continuing."""

    constraint_method: Literal["exclusion", "further-counts"] = attrs.field(
        default="exclusion", validator=_one_of("exclusion", "further-counts")
    )
    """How seat constraints (``constraints=``) are met; see :mod:`votecount.rules.constrained`.
    ``"exclusion"``: a candidate who cannot be elected without breaking a constraint is
    excluded, even at the quota. ``"further-counts"``: the Liberal Democrats' rule, further
    counts for larger and smaller committees. Ignored when there are no constraints."""

    equal_rankings: Literal["exhaust", "refuse"] = attrs.field(
        default="exhaust", validator=_one_of("exhaust", "refuse")
    )
    """A paper ranking two or more candidates equal at some place: ``"exhaust"`` treats it
    as ending just before that place (no unique next preference, so non-transferable
    there), ``"refuse"`` raises :class:`~votecount.errors.RuleError`."""

    def __attrs_post_init__(self) -> None:
        if self.places is not None and self.places < 0:
            raise RuleError(f"places must be at least 0, not {self.places}")
        if self.top_after_first is not None and self.top_after_first < 1:
            raise RuleError("top_after_first must be at least 1")
        if self.exclude_down_to is not None and self.exclude_down_to < 1:
            raise RuleError("exclude_down_to must be at least 1")

    def as_dict(self) -> dict[str, Any]:
        """The options as a plain dict: ``STVOptions(**options.as_dict())`` repeats a count."""
        return attrs.asdict(self)

    @property
    def arithmetic(self) -> Arithmetic:
        return arithmetic(self.places, self.rounding)


# ---------------------------------------------------------------------------------------
# The count's working state


def _tuple_of(items: Iterable[Any]) -> Any:
    """A tuple for an attrs field whose converter is ``tuple`` (typed loosely for mypy)."""
    return tuple(items)


@attrs.define(slots=True)
class Parcel:
    """Papers a candidate holds that arrived together at one value.

    ``ballots[i]`` is a unique-ballot index and ``positions[i]`` the place on it where this
    candidate is ranked; every paper of the parcel is worth ``value``; ``papers`` is the
    number of papers (the sum of the ballots' weights); ``stage`` the stage they arrived at.
    """

    value: Value
    stage: int
    ballots: list[int]
    positions: list[int]
    papers: Weight
    first_preferences: bool = False


@attrs.define
class _StageRecord:
    description: str
    kind: str
    changes: dict[int, Value] = attrs.field(factory=dict)
    transfers: list[Transfer] = attrs.field(factory=list)
    events: list[Event] = attrs.field(factory=list)
    exhausted: Value = 0
    lost: Value = 0
    quota: Value = 0


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


TRANSFER_METHODS: dict[str, TransferMethod] = {}


def register_transfer_method(method: TransferMethod) -> TransferMethod:
    """Make ``method`` available as ``STVOptions(surplus=method.name)``."""
    if method.name in TRANSFER_METHODS:
        raise RuleError(f"surplus method {method.name!r} is registered twice")
    TRANSFER_METHODS[method.name] = method
    return method


class Count:
    """The working state of one STV count. Private to the engine and its transfer methods;
    nothing of it leaks into the :class:`~votecount.result.Result`."""

    def __init__(
        self, profile: Profile, seats: int, ties: TiePolicy, options: STVOptions, rule: str
    ) -> None:
        self.profile = profile
        self.options = options
        self.rule = rule
        self.seats = seats
        self.arith = options.arithmetic
        self.ties = TieBreaker(ties)
        self.n = len(profile.candidates)
        self.rankings: list[tuple[int, ...]] = []
        self.weights: list[Weight] = []
        self._read_ballots()
        self.status = [WITHDRAWN if c in profile.withdrawn else CONTINUING for c in range(self.n)]
        self.votes: list[Value] = [0] * self.n
        self.piles: list[list[Parcel]] = [[] for _ in range(self.n)]
        self.surplus_done = [False] * self.n
        self.elected: list[int] = []
        self.exhausted: Value = 0
        self.lost: Value = 0
        blank = sum((w for r, w in zip(self.rankings, self.weights, strict=True) if not r), 0)
        self.valid_poll: Value = self.arith.weight(sum(self.weights, 0) - blank)
        self.quota: Value = 0
        self.history: list[tuple[Value, ...]] = []
        self.rounds: list[Round] = []
        self.stage: _StageRecord | None = None
        self.notes: list[str] = []
        self.constraint_hook: ConstraintHook | None = None
        if blank:
            self.notes.append(
                f"{blank} paper(s) rank no standing candidate uniquely first: "
                "not part of the valid poll"
            )
        try:
            self.method = TRANSFER_METHODS[options.surplus]
        except KeyError:
            known = ", ".join(sorted(TRANSFER_METHODS))
            raise RuleError(f"unknown surplus method {options.surplus!r}; known: {known}") from None

    # -- ballots ---------------------------------------------------------------------

    def _read_ballots(self) -> None:
        withdrawn = self.profile.withdrawn
        for ballot in self.profile.ballots:
            if not isinstance(ballot, RankedBallot):
                raise RuleError("STV counts ranked ballots")
            plain = ballot.ranking
            if (
                frozenset not in map(type, plain)
                and len(set(plain)) == len(plain)
                and withdrawn.isdisjoint(plain)
            ):
                # the usual paper: distinct candidates, none withdrawn, no equal rankings
                self.rankings.append(plain)  # type: ignore[arg-type]
                self.weights.append(ballot.weight)
                continue
            ranking: list[int] = []
            seen: set[int] = set()
            for pref in ballot.ranking:
                if isinstance(pref, int):
                    group = [pref] if pref not in withdrawn else []
                else:
                    group = sorted(c for c in pref if c not in withdrawn)
                group = [c for c in group if c not in seen]
                if len(group) > 1:
                    if self.options.equal_rankings == "refuse":
                        names = ", ".join(self.profile.candidates[c].name for c in group)
                        raise RuleError(f"a ballot ranks {names} equal, and equal_rankings='refuse'")
                    break
                if group:
                    ranking.append(group[0])
                    seen.add(group[0])
            self.rankings.append(tuple(ranking))
            self.weights.append(ballot.weight)

    # -- what transfer methods use ---------------------------------------------------------

    def is_continuing(self, c: int) -> bool:
        return self.status[c] == CONTINUING

    def pile(self, c: int) -> list[Parcel]:
        return self.piles[c]

    def surplus_of(self, c: int) -> Value:
        return max(self.votes[c] - self.quota, 0)

    @property
    def stage_number(self) -> int:
        return len(self.rounds) + (1 if self.stage is not None else 0)

    def sort_papers(
        self, ballots: Sequence[int], positions: Sequence[int]
    ) -> tuple[dict[int, tuple[list[int], list[int], Weight]], Weight]:
        """Sort papers by their next available preference for a continuing candidate.

        Returns, per destination, its ballots, their new positions and the number of papers;
        and the number of papers with no such preference (non-transferable).
        """
        to_ballots: dict[int, list[int]] = {}
        to_positions: dict[int, list[int]] = {}
        to_papers: dict[int, Weight] = {}
        exhausted: Weight = 0
        rankings, weights, status = self.rankings, self.weights, self.status
        for b, pos in zip(ballots, positions, strict=True):
            ranking = rankings[b]
            p = pos + 1
            end = len(ranking)
            while p < end and status[ranking[p]] != CONTINUING:
                p += 1
            if p == end:
                exhausted += weights[b]
                continue
            dest = ranking[p]
            held = to_ballots.get(dest)
            if held is None:
                to_ballots[dest] = [b]
                to_positions[dest] = [p]
                to_papers[dest] = weights[b]
            else:
                held.append(b)
                to_positions[dest].append(p)
                to_papers[dest] += weights[b]
        out = {d: (to_ballots[d], to_positions[d], to_papers[d]) for d in to_ballots}
        return out, exhausted

    def credit_value(self, value: Value, papers: Weight) -> Value:
        """Votes that ``papers`` papers at ``value`` credit to a candidate."""
        credit = self.arith.times(value, papers)
        if self.options.whole_vote_credits:
            whole = self.arith.whole(int(self.arith.exact(credit)))
            return whole
        return credit

    def move(
        self,
        source: int,
        kind: Literal["surplus", "exclusion"],
        ballots: Sequence[int],
        positions: Sequence[int],
        value: Value,
        *,
        outflow: Value | None = None,
    ) -> tuple[Value, Value]:
        """Move papers at ``value`` each to their next continuing preferences.

        Credits each destination (a new parcel in its pile), records a
        :class:`~votecount.result.Transfer`, and returns (votes credited to candidates,
        value of the non-transferable papers). ``outflow``, if given, is what the source
        loses by this move; what of it is neither credited nor non-transferable is lost to
        fractions.
        """
        sorted_papers, exhausted_papers = self.sort_papers(ballots, positions)
        return self.credit(source, kind, sorted_papers, exhausted_papers, value, outflow=outflow)

    def credit(
        self,
        source: int,
        kind: Literal["surplus", "exclusion"],
        sorted_papers: dict[int, tuple[list[int], list[int], Weight]],
        exhausted_papers: Weight,
        value: Value,
        *,
        outflow: Value | None = None,
    ) -> tuple[Value, Value]:
        """Credit papers already sorted by :meth:`sort_papers` (see :meth:`move`)."""
        stage = self.stage
        assert stage is not None
        n_stage = self.stage_number
        credited: Value = 0
        gains: dict[int, Value] = {}
        papers_total: Weight = exhausted_papers
        for dest in sorted(sorted_papers):
            bl, pl, papers = sorted_papers[dest]
            gain = self.credit_value(value, papers)
            self.piles[dest].append(Parcel(value, n_stage, bl, pl, papers))
            self.votes[dest] += gain
            stage.changes[dest] = stage.changes.get(dest, 0) + gain
            gains[dest] = gain
            credited += gain
            papers_total += papers
        exhausted_value = self.credit_value(value, exhausted_papers) if exhausted_papers else 0
        self.exhausted += exhausted_value
        stage.exhausted += exhausted_value
        lost: Value = 0
        if outflow is not None:
            lost = outflow - credited - exhausted_value
            self.lose(lost)
        cands = self.profile.candidates
        stage.transfers.append(
            Transfer(
                source=cands[source],
                kind=kind,
                papers=papers_total,
                votes={cands[d]: self.arith.public(g) for d, g in gains.items()},
                exhausted=self.arith.public(exhausted_value),
                lost=self.arith.public(lost),
                transfer_value=self.arith.public(value),
            )
        )
        return credited, exhausted_value

    def make_non_transferable(self, amount: Value) -> None:
        """Record votes that become non-transferable without papers moving (a capped
        transfer value leaves part of a surplus behind)."""
        assert self.stage is not None
        self.exhausted += amount
        self.stage.exhausted += amount

    def take(self, source: int, amount: Value) -> None:
        """Take ``amount`` of votes from ``source`` (what its transfer sends on)."""
        assert self.stage is not None
        self.votes[source] -= amount
        self.stage.changes[source] = self.stage.changes.get(source, 0) - amount

    def settle(self, c: int) -> None:
        """An elected candidate whose surplus is transferred keeps the quota; papers set aside."""
        self.piles[c] = []
        self.surplus_done[c] = True

    def lose_on_surplus(self, source: int, amount: Value) -> None:
        """Record what a surplus transferred in several parcels lost to fractions as a whole,
        and show it on the source's last parcel, so that each source's transfers add up to
        what it sent."""
        self.lose(amount)
        if self.options.fraction_loss == "non-transferable":
            self._amend_last_transfer(source, "exhausted", amount)
        else:
            self._amend_last_transfer(source, "lost", amount)

    def leave_behind(self, source: int, amount: Value) -> None:
        """Make non-transferable the part of a surplus that no paper carries on (a capped or
        transferable-papers-only transfer value), shown on the source's last parcel."""
        self.make_non_transferable(amount)
        self._amend_last_transfer(source, "exhausted", amount)

    def _amend_last_transfer(self, source: int, field: Literal["lost", "exhausted"], amount: Value) -> None:
        stage = self.stage
        assert stage is not None
        if not amount:
            return
        for i in range(len(stage.transfers) - 1, -1, -1):
            transfer = stage.transfers[i]
            if transfer.source == self.profile.candidates[source]:
                added: Any = self.arith.public(amount)
                stage.transfers[i] = attrs.evolve(transfer, **{field: added + getattr(transfer, field)})
                return

    def lose(self, amount: Value) -> None:
        """Record votes lost to fractions (or, where :attr:`STVOptions.fraction_loss` says,
        count them with the non-transferable votes)."""
        assert self.stage is not None
        if self.options.fraction_loss == "non-transferable":
            self.make_non_transferable(amount)
            return
        self.lost += amount
        self.stage.lost += amount

    def next_stage(self, description: str, kind: str) -> None:
        """Close the current stage (electing who reached the quota) and open another."""
        self.end_stage()
        self.begin_stage(description, kind)

    # -- stages ------------------------------------------------------------------------

    def begin_stage(self, description: str, kind: str) -> None:
        self.stage = _StageRecord(description, kind)

    def end_stage(self, *, elect: bool = True) -> None:
        """Close the stage: ascertain the quota if it is due, elect who reached it, record
        the stage. With no stage open it does nothing (a transfer that stops part-way because
        every seat is filled has already closed its last stage)."""
        stage = self.stage
        if stage is None:
            return
        o = self.options
        if o.recompute_quota or not self.rounds:
            self.quota = self._ascertain_quota()
        elif o.reduce_quota_before_election and not self.elected:
            self.quota = min(self.quota, self._ascertain_quota(base="continuing"))
        stage.quota = self.quota
        self.history.append(tuple(self.votes))
        if elect:
            self.elect_reached()
        self._close(stage)

    def _close(self, stage: _StageRecord) -> None:
        a, cands = self.arith, self.profile.candidates
        standing = [c for c in range(self.n) if self.status[c] != WITHDRAWN]
        self.rounds.append(
            Round(
                number=len(self.rounds) + 1,
                description=stage.description,
                votes={cands[c]: a.public(self.votes[c]) for c in standing},
                changes={cands[c]: a.public(v) for c, v in stage.changes.items() if v},
                exhausted=a.public(self.exhausted),
                lost_to_fractions=a.public(self.lost),
                quota=a.public(stage.quota),
                transfers=_tuple_of(stage.transfers),
                events=_tuple_of(stage.events),
                exhausted_change=a.public(stage.exhausted),
                lost_change=a.public(stage.lost),
            )
        )
        self.stage = None

    def _amend_last_round(self, events: Iterable[Event]) -> None:
        last = self.rounds[-1]
        self.rounds[-1] = attrs.evolve(
            last,
            events=_tuple_of([*last.events, *events]),
            votes={self.profile.candidates[c]: self.arith.public(self.votes[c])
                   for c in range(self.n) if self.status[c] != WITHDRAWN},
        )

    def _ascertain_quota(self, base: str | None = None) -> Value:
        o, a = self.options, self.arith
        if (base or o.quota_base) == "continuing":
            total = sum((self.votes[c] for c in range(self.n) if self.status[c] in (CONTINUING, ELECTED)), 0)
        else:
            total = self.valid_poll
        exact_total = a.exact(total)
        n = self.seats
        if o.quota == "droop":
            return a.whole(int(exact_total // (n + 1)) + 1)
        if o.quota == "droop-exact":
            return a.fraction(exact_total / (n + 1))
        if o.quota == "hare":
            return a.fraction(exact_total / n)
        if o.quota == "majority":
            return a.fraction(exact_total / 2)
        if o.quota == "ers97":
            q = exact_total / (n + 1)
            hundredths = q * 100
            if hundredths.denominator == 1:
                return a.fraction(q)
            return a.fraction(Fraction(int(hundredths) + 1, 100))
        # "nz": truncated to the count's places, plus one unit of the last place
        places = a.places if a.places is not None else 9
        scale = 10**places
        return a.fraction(Fraction(int(exact_total * scale / (n + 1)) + 1, scale))

    # -- decisions -------------------------------------------------------------------------

    @property
    def vacancies(self) -> int:
        return self.seats - len(self.elected)

    def continuing(self) -> list[int]:
        return [c for c in range(self.n) if self.status[c] == CONTINUING]

    def has_quota(self, c: int) -> bool:
        if self.options.elect_on == "reach":
            return self.votes[c] >= self.quota
        return self.votes[c] > self.quota

    def active_quota(self) -> Value:
        """The votes still in play (held by candidates not elected, including an excluded
        candidate's papers not yet passed on, plus untransferred surpluses) over one more
        than the vacancies left (see :attr:`STVOptions.elect_on_active_quota`)."""
        active = sum((self.votes[c] for c in range(self.n) if self.status[c] in (CONTINUING, EXCLUDED)), 0)
        active += sum((self.surplus_of(c) for c in self.elected if not self.surplus_done[c]), 0)
        return self.arith.fraction(self.arith.exact(active) / (self.vacancies + 1))

    def unassailable(self) -> int | None:
        """The last vacancy's candidate whom nobody can now overtake, if any."""
        remaining = self.continuing()
        if self.vacancies != 1 or len(remaining) < 2:
            return None
        top = max(remaining, key=lambda c: self.votes[c])
        others = sum((self.votes[c] for c in remaining if c != top), 0)
        others += sum((self.surplus_of(c) for c in self.elected if not self.surplus_done[c]), 0)
        return top if self.votes[top] >= others else None

    def elect_reached(self) -> None:
        """Elect every continuing candidate at (or over) the quota, highest first (rule 46)."""
        o = self.options
        if o.exclude_down_to is not None and len(self.continuing()) > o.exclude_down_to:
            return
        reached = [c for c in self.continuing() if self.has_quota(c)]
        reason = "reached the quota" if o.elect_on == "reach" else "exceeded the quota"
        if o.quota == "majority":
            reason = "more than half of the votes"
        if o.elect_on_active_quota and self.vacancies:
            active = self.active_quota()
            more = [c for c in self.continuing() if c not in reached and self.votes[c] >= active]
            if more:
                reached += more
                reason += " (or the votes in the count over vacancies left plus one)"
        if reached and len(reached) > self.vacancies and o.unbroken_election_tie == "elect-none":
            reached = self.electable_without_lot(reached)
        if reached:
            decides = len(reached) > self.vacancies
            for c in self.order_by_votes(reached, purpose="elect", decides=decides):
                if self.vacancies == 0:
                    break
                # seat constraints: a candidate who cannot be elected stays for exclusion
                if self.constraint_hook is not None and not self.constraint_hook.may_elect(self, c):
                    continue
                self.elect(c, reason)
        if o.elect_unassailable and self.vacancies == 1:
            top = self.unassailable()
            hook = self.constraint_hook
            if top is not None and (hook is None or hook.may_elect(self, top)):
                self.elect(top, "at least all other continuing votes and surpluses together (last vacancy)")

    def electable_without_lot(self, reached: Sequence[int]) -> list[int]:
        """ERS97 5.6.2: of more candidates at the quota than places, those who can be chosen
        by votes and then earlier stages; candidates tied at every stage across the last
        places are not elected at this stage."""
        by_votes: dict[Value, list[int]] = {}
        for c in reached:
            by_votes.setdefault(self.votes[c], []).append(c)
        chosen: list[int] = []
        for v in sorted(by_votes, reverse=True):
            group = by_votes[v]
            room = self.vacancies - len(chosen)
            if len(group) <= room:
                chosen.extend(group)
                continue
            groups = self.look_back(group)
            if len(groups) > 1:
                self._record_look_back(group, groups, "elect", "earlier stages")
            for sub in groups:
                if len(sub) > self.vacancies - len(chosen):
                    if len(sub) > 1:
                        names = ", ".join(self.profile.candidates[c].name for c in sub)
                        self.notes.append(
                            f"stage {self._tie_stage('elect')}: {names} equal at every stage for the last "
                            "places; none of them elected at this stage"
                        )
                    break
                chosen.extend(sub)
            break
        return chosen

    def elect(self, c: int, reason: str, *, record_on_last: bool = False) -> None:
        """Elect ``c``. (The place where constrained STV will check a seat constraint.)"""
        self.status[c] = ELECTED
        self.elected.append(c)
        event = Event("elected", self.profile.candidates[c], reason)
        if record_on_last or self.stage is None:
            self._amend_last_round([event])
        else:
            self.stage.events.append(event)

    def exclude(self, cands: Sequence[int], reason: str) -> None:
        """Exclude ``cands`` (the continuing set changes here: constrained STV's other hook)."""
        assert self.stage is not None
        for c in cands:
            self.status[c] = EXCLUDED
            self.stage.events.append(Event("excluded", self.profile.candidates[c], reason))

    def order_by_votes(
        self,
        cands: Sequence[int],
        *,
        purpose: Purpose,
        key: Sequence[Value] | None = None,
        decides: bool = True,
    ) -> list[int]:
        """``cands`` most favoured (most votes) first; ties by look-back, then the policy.

        ``decides=False``: the order decides nothing (all of them are elected at once), so
        equal candidates keep ballot-paper order and no tie is recorded or drawn.
        """
        values = key if key is not None else self.votes
        groups: dict[Value, list[int]] = {}
        for c in cands:
            groups.setdefault(values[c], []).append(c)
        out: list[int] = []
        for v in sorted(groups, reverse=True):
            group = groups[v]
            if len(group) == 1 or not decides:
                out.extend(group)
            else:
                out.extend(self.break_tie(group, purpose=purpose))
        return out

    def look_back(self, tied: Sequence[int]) -> list[list[int]]:
        """Order tied candidates by the earlier stages (:attr:`STVOptions.look_back`), most
        favoured first, as groups: a group of more than one is still tied at every stage."""
        earlier = self.history[:-1] if self.history else []
        if self.options.look_back == "most-recent":
            stages = list(reversed(earlier))
        elif self.options.look_back == "earliest":
            stages = list(earlier)
        else:
            stages = []

        def refine(group: list[int], start: int) -> list[list[int]]:
            for i in range(start, len(stages)):
                votes = stages[i]
                if len({votes[c] for c in group}) > 1:
                    sub: dict[Value, list[int]] = {}
                    for c in group:
                        sub.setdefault(votes[c], []).append(c)
                    out: list[list[int]] = []
                    for v in sorted(sub, reverse=True):
                        out.extend(refine(sub[v], i + 1) if len(sub[v]) > 1 else [sub[v]])
                    return out
            return [group]

        return refine(sorted(tied), 0)

    def _tie_stage(self, purpose: Purpose) -> int:
        return len(self.rounds) + (1 if self.stage is not None or purpose != "elect" else 0)

    def _record_look_back(self, tied: Sequence[int], groups: Sequence[Sequence[int]], purpose: Purpose,
                          method: str) -> None:
        cands = self.profile.candidates
        self.ties.record(
            [cands[c] for c in sorted(tied)], [cands[c] for g in groups for c in g],
            purpose=purpose, stage=self._tie_stage(purpose), method=method,
        )

    def break_tie(self, tied: Sequence[int], *, purpose: Purpose) -> list[int]:
        """Order tied candidates, most favoured first: look back, then the tie policy."""
        cands = self.profile.candidates
        groups = self.look_back(tied)
        ordered: list[int] = []
        used_policy = False
        for group in groups:
            if len(group) == 1:
                ordered.extend(group)
                continue
            used_policy = True
            at = self._tie_stage(purpose)
            decided = self.ties.order([cands[c] for c in group], purpose=purpose, stage=at)
            index = {cands[c]: c for c in group}
            ordered.extend(index[d] for d in decided)
        if len(groups) > 1:
            method = "earlier stages" if not used_policy else "earlier stages, then the tie policy"
            self._record_look_back(tied, [ordered], purpose, method)
        return ordered

    # -- the loop -------------------------------------------------------------------------

    def run(self) -> Result:
        o = self.options
        self.first_stage()
        while True:
            if self.vacancies == 0:
                break
            # seat constraints (votecount.rules.constrained): forced exclusions first
            if self.constraint_hook is not None and self.constraint_hook.before_decision(self):
                continue
            remaining = self.continuing()
            if o.elect_remaining and len(remaining) <= self.vacancies:
                self.elect_all_remaining(remaining)
                break
            if not remaining:
                break
            if o.elect_highest_at_last and self.at_last_round(remaining):
                self.elect_highest(remaining)
                break
            if o.top_after_first is not None and len(self.rounds) == 1 and not self.elected:
                self.exclude_all_but_top(o.top_after_first)
                continue
            pending = self.pending_surpluses()
            deferring = o.defer_surplus != "never"
            if pending and not (deferring and self.can_defer(pending)):
                self.transfer_surpluses(pending)
                continue
            if o.elect_higher_of_last_two and self.vacancies == 1 and len(remaining) == 2:
                c = self.order_by_votes(remaining, purpose="elect")[0]
                self.elect(c, "the higher of the last two continuing candidates", record_on_last=True)
                break
            self.exclude_lowest(pending if deferring else [])
        return self.result()

    def first_stage(self) -> None:
        """Credit each paper to its first continuing preference at a value of one (stage 1)."""
        self.begin_stage("First preferences", "first")
        one = self.arith.whole(1)
        firsts: dict[int, list[int]] = {}
        for b, ranking in enumerate(self.rankings):
            if ranking:
                held = firsts.get(ranking[0])
                if held is None:
                    firsts[ranking[0]] = [b]
                else:
                    held.append(b)
        credited: Value = 0
        weights = self.weights
        for c in sorted(firsts):
            bl = firsts[c]
            pl = [0] * len(bl)
            papers = sum((weights[b] for b in bl), 0)
            gain = self.credit_value(one, papers)
            self.piles[c].append(Parcel(one, 1, bl, pl, papers, first_preferences=True))
            self.votes[c] = gain
            credited += gain
        assert self.stage is not None
        self.lost = self.valid_poll - credited
        self.stage.lost = self.lost
        self.end_stage()

    def elect_all_remaining(self, remaining: list[int]) -> None:
        """Rule 52(1): continuing candidates no more than vacancies are deemed elected."""
        for c in self.order_by_votes(remaining, purpose="elect", decides=False):
            self.elect(c, "continuing candidates no more than vacancies left", record_on_last=True)

    # -- elect_highest_at_last (single-seat preferential counts) ----------------------------

    def at_last_round(self, remaining: Sequence[int]) -> bool:
        """Has a single-seat preferential count gone as far as exclusions take it?"""
        if self.vacancies != 1 or len(remaining) < 2:
            return False
        k = self.options.top_after_first
        if k is None:
            return len(remaining) == 2
        if len(self.rounds) > 1:
            return True
        votes = sorted((self.votes[c] for c in remaining), reverse=True)
        return len(votes) <= k or votes[-1] >= votes[k - 1]

    def elect_highest(self, remaining: Sequence[int]) -> None:
        """Elect the continuing candidate with the most votes (ties: look back, then policy)."""
        c = self.order_by_votes(remaining, purpose="elect")[0]
        self.elect(c, "most votes in the final round", record_on_last=True)

    # ------------------------------------------------------------------------------------

    def pending_surpluses(self) -> list[int]:
        pending = [c for c in self.elected if not self.surplus_done[c] and self.votes[c] > self.quota]
        if self.options.surplus_order == "largest" and not self.method.simultaneous:
            surplus = [self.surplus_of(c) if c in pending else 0 for c in range(self.n)]
            return self.order_by_votes(pending, purpose="surplus", key=surplus)
        return pending

    def can_defer(self, pending: Sequence[int]) -> bool:
        """ERS97 5.2.3 / NI r. 48: defer while all the surpluses together could not lift the
        lowest continuing candidate past the next, nor a bulk-exclusion group past the
        candidate above it."""
        total = sum((self.surplus_of(c) for c in pending), 0)
        remaining = sorted(self.continuing(), key=lambda c: self.votes[c])
        if len(remaining) < 2:
            return False
        gap = self.votes[remaining[1]] - self.votes[remaining[0]]
        if total < gap or (total == gap and self.options.defer_surplus == "at-most-gap"):
            return True
        return len(self.bulk_group(total)) > 1

    def transfer_surpluses(self, pending: list[int]) -> None:
        cands = self.profile.candidates
        if self.method.simultaneous:
            names = ", ".join(cands[c].name for c in pending)
            self.begin_stage(f"Surpluses of {names}", "surplus")
            self.method.transfer_surplus(self, pending)
        else:
            c = pending[0]
            self.begin_stage(f"Surplus of {cands[c].name}", "surplus")
            self.method.transfer_surplus(self, [c])
        self.end_stage()

    def bulk_group(self, extra: Value = 0) -> list[int]:
        """The largest group of lowest candidates whose votes together (plus ``extra``) are
        less than (or, per :attr:`STVOptions.bulk_limit`, at most) the next candidate's,
        leaving enough continuing to fill the vacancies."""
        remaining = sorted(self.continuing(), key=lambda c: self.votes[c])
        best: list[int] = []
        running: Value = extra
        keep = self.vacancies + (1 if self.options.elect_highest_at_last else 0)
        for i in range(len(remaining) - 1):
            running += self.votes[remaining[i]]
            if len(remaining) - (i + 1) < keep:
                break
            below = running < self.votes[remaining[i + 1]] or (
                self.options.bulk_limit == "at-most-next" and running == self.votes[remaining[i + 1]]
            )
            # never split candidates with equal votes between the group and the rest
            if below and self.votes[remaining[i]] < self.votes[remaining[i + 1]]:
                best = remaining[: i + 1]
        return best

    def exclude_lowest(self, deferred: Sequence[int]) -> None:
        cands = self.profile.candidates
        group: list[int] = []
        together = "together fewer votes than the next candidate (bulk exclusion)"
        chooser = getattr(self.method, "exclusion_group", None)
        if chooser is not None:  # a method's own group (NZ Meek: candidates with no votes)
            group, together = chooser(self)
        if not group and self.options.exclusion == "bulk":
            together = "together fewer votes than the next candidate (bulk exclusion)"
            extra = sum((self.surplus_of(c) for c in deferred), 0)
            group = self.bulk_group(extra)
        hook = self.constraint_hook
        if hook is not None and group and not hook.may_exclude_together(self, group):
            group = []  # seat constraints: never bulk-exclude a candidate the constraints need
        if len(group) > 1:
            if self.elect_instead_of_excluding(group):
                return
            names = ", ".join(cands[c].name for c in group)
            self.begin_stage(f"Exclusion of {names}", "exclusion")
            self.exclude(group, together)
        else:
            c, reason = self._lowest(self.continuing())
            if hook is not None:  # seat constraints: the lowest the constraints can spare
                allowed, spared = hook.excludable(self, self.continuing())
                if c not in allowed:
                    c, reason = self._lowest(allowed)
                    reason += spared
            group = [c]
            if self.elect_instead_of_excluding(group):
                return
            self.begin_stage(f"Exclusion of {cands[c].name}", "exclusion")
            self.exclude(group, reason)
        self.method.transfer_excluded(self, group)
        self.end_stage()

    def _lowest(self, candidates: Sequence[int]) -> tuple[int, str]:
        """The candidate with fewest votes among ``candidates``, a tie broken as the rule
        says (look-back, then the tie policy), and the reason to record.

        A seat-constrained count first asks this of every continuing candidate, exactly as
        an unconstrained count does, and only if the answer is a candidate the constraints
        need asks again among those they can spare; so a constraint that does not bind
        draws the same lots and changes nothing."""
        lowest_votes = min(self.votes[c] for c in candidates)
        lowest = [c for c in candidates if self.votes[c] == lowest_votes]
        if len(lowest) > 1:
            return self.order_by_votes(lowest, purpose="exclude")[-1], "lowest votes (tied; see ties)"
        return lowest[0], "lowest votes"

    def elect_instead_of_excluding(self, group: Sequence[int]) -> bool:
        """ERS97 5.5.1: if the proposed exclusion would leave only as many continuing
        candidates as places unfilled, those candidates are elected (and nothing moves)."""
        if not self.options.elect_before_last_exclusion:
            return False
        rest = [c for c in self.continuing() if c not in group]
        if len(rest) > self.vacancies:
            return False
        for c in self.order_by_votes(rest, purpose="elect", decides=False):
            reason = "the proposed exclusion would leave as many continuing as places"
            self.elect(c, reason, record_on_last=True)
        return True

    def exclude_all_but_top(self, k: int) -> None:
        """Supplementary/contingent vote: all but the top ``k`` (and any tied with the
        ``k``-th) are excluded together after the first stage."""
        remaining = sorted(self.continuing(), key=lambda c: self.votes[c], reverse=True)
        if len(remaining) <= k:
            self.exclude_lowest([])
            return
        cutoff = self.votes[remaining[k - 1]]
        out = [c for c in remaining if self.votes[c] < cutoff]
        if not out:
            self.exclude_lowest([])
            return
        names = ", ".join(self.profile.candidates[c].name for c in sorted(out))
        self.begin_stage(f"Exclusion of {names}", "exclusion")
        self.exclude(sorted(out), f"not among the top {k} after the first stage")
        self.method.transfer_excluded(self, sorted(out))
        self.end_stage()

    def result(self) -> Result:
        cands = self.profile.candidates
        a = self.arith
        return Result(
            rule=self.rule,
            candidates=tuple(c for i, c in enumerate(cands) if i not in self.profile.withdrawn),
            seats=self.seats,
            elected=tuple(cands[c] for c in self.elected),
            rounds=tuple(self.rounds),
            valid_poll=a.public(self.valid_poll),
            options=self.options.as_dict(),
            quota=self.rounds[0].quota if self.rounds else None,
            ties=tuple(self.ties.records),
            tie_policy=self.ties.policy.describe(),
            places=a.places,
            title=self.profile.title,
            notes=tuple(self.notes),
            withdrawn=tuple(cands[c] for c in sorted(self.profile.withdrawn)),
            validation=self.profile.validation,
            profile=self.profile,
        )


# ---------------------------------------------------------------------------------------
# Transfer methods on piles


class PileTransfers:
    """Exclusion common to the Gregory methods: each excluded paper passes on at the value
    it carries, all at once or parcel by parcel (:attr:`STVOptions.exclusion_transfer`)."""

    name = "piles"
    simultaneous = False

    def transfer_surplus(self, count: Count, sources: Sequence[int]) -> None:
        raise NotImplementedError

    def transfer_excluded(self, count: Count, excluded: Sequence[int]) -> None:
        how = count.options.exclusion_transfer
        batches: list[list[tuple[int, Parcel]]]
        parcels = [(c, p) for c in excluded for p in count.piles[c]]
        for c in excluded:
            count.piles[c] = []
        if how == "all-at-once":
            batches = [parcels]
        else:
            keyed: dict[tuple[bool, Value], list[tuple[int, Parcel]]] = {}
            for c, p in parcels:
                firsts = how == "first-preferences-then-by-value" and p.first_preferences
                keyed.setdefault((firsts, p.value), []).append((c, p))
            batches = [keyed[k] for k in sorted(keyed, key=lambda k: (k[0], k[1]), reverse=True)]
        cands = count.profile.candidates
        for i, batch in enumerate(batches):
            if i > 0:
                count.end_stage()
                if count.vacancies == 0:
                    break  # every seat filled: no further transfer (the stage stays closed)
                value = count.arith.public(batch[0][1].value)
                names = ", ".join(cands[c].name for c in excluded)
                count.begin_stage(f"Exclusion of {names} (papers at {value})", "exclusion")
            self._move_parcels(count, batch)

    @staticmethod
    def _move_parcels(count: Count, batch: Sequence[tuple[int, Parcel]]) -> None:
        grouped: dict[tuple[int, Value], tuple[list[int], list[int]]] = {}
        for c, p in batch:
            bl, pl = grouped.setdefault((c, p.value), ([], []))
            bl.extend(p.ballots)
            pl.extend(p.positions)
        for (c, value), (bl, pl) in sorted(grouped.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
            papers = sum((count.weights[b] for b in bl), 0)
            held = count.credit_value(value, papers)
            count.take(c, held)
            count.move(c, "exclusion", bl, pl, value, outflow=held)


class WeightedInclusiveGregory(PileTransfers):
    """Weighted inclusive Gregory (Scotland rule 48): every paper the candidate holds passes
    on at *surplus × its value ÷ the candidate's total*, rounded by the count's
    arithmetic (truncated to 5 places in Scotland)."""

    name = "wigm"

    def transfer_surplus(self, count: Count, sources: Sequence[int]) -> None:
        for c in sources:
            total = count.votes[c]
            surplus = count.surplus_of(c)
            by_value: dict[Value, tuple[list[int], list[int]]] = {}
            for p in count.pile(c):
                bl, pl = by_value.setdefault(p.value, ([], []))
                bl.extend(p.ballots)
                pl.extend(p.positions)
            count.take(c, surplus)
            sent: Value = 0
            for value in sorted(by_value, reverse=True):
                bl, pl = by_value[value]
                if count.options.round_transfer_values:
                    tv = count.arith.ratio(surplus, value, total)
                else:
                    a = count.arith
                    tv = a.unrounded(a.exact(surplus) * a.exact(value) / a.exact(total))
                credited, exhausted = count.move(c, "surplus", bl, pl, tv)
                sent += credited + exhausted
            count.lose_on_surplus(c, surplus - sent)
            count.settle(c)


class UnweightedGregory(PileTransfers):
    """Unweighted Gregory: the surplus is shared over a number of papers, each passing on at
    *surplus ÷ papers* whatever it was worth, or at its own value where that is less and
    the rule caps it (:attr:`STVOptions.cap_transfer_value`).

    ``last_parcel``: only the parcel last received is examined (ACT Hare-Clark; ERS97 for
    a candidate elected after the first stage); otherwise every paper (inclusive Gregory).
    The papers divided over are all those examined, or only the transferable ones
    (:attr:`STVOptions.transfer_value_papers`); in the second case what a capped value
    leaves undistributed is non-transferable.
    """

    def __init__(self, name: str, *, last_parcel: bool) -> None:
        self.name = name
        self.last_parcel = last_parcel

    def transfer_surplus(self, count: Count, sources: Sequence[int]) -> None:
        o = count.options
        for c in sources:
            surplus = count.surplus_of(c)
            pile = count.pile(c)
            if self.last_parcel and pile:
                last = max(p.stage for p in pile)
                pile = [p for p in pile if p.stage == last]
            count.take(c, surplus)
            groups: dict[Value, tuple[list[int], list[int]]] = {}
            for p in pile:
                bl, pl = groups.setdefault(p.value, ([], []))
                bl.extend(p.ballots)
                pl.extend(p.positions)
            sorted_groups = []
            all_papers: Weight = 0
            transferable: Weight = 0
            for value in sorted(groups, reverse=True):
                dests, exhausted = count.sort_papers(*groups[value])
                moving = sum((d[2] for d in dests.values()), 0)
                sorted_groups.append((value, dests, exhausted))
                all_papers += moving + exhausted
                transferable += moving
            only_transferable = o.transfer_value_papers == "transferable"
            denominator = transferable if only_transferable else all_papers
            sent: Value = 0
            left_behind: Value = 0
            if denominator:
                if o.round_transfer_values:
                    tv = count.arith.divide(surplus, denominator)
                else:
                    tv = count.arith.unrounded(count.arith.exact(surplus) / denominator)
                for value, dests, exhausted in sorted_groups:
                    paper_tv = tv
                    if o.cap_transfer_value and value < tv:
                        paper_tv = value
                        moving = sum((d[2] for d in dests.values()), 0)
                        if not only_transferable:
                            moving += exhausted
                        left_behind += count.arith.times(tv, moving) - count.arith.times(value, moving)
                    credited, exhausted_value = count.credit(
                        c, "surplus", dests, 0 if only_transferable else exhausted, paper_tv
                    )
                    sent += credited + exhausted_value
            else:
                left_behind = surplus
            if left_behind and o.capped_excess == "lost":
                left_behind = 0
            if left_behind:
                count.leave_behind(c, left_behind)
            count.lose_on_surplus(c, surplus - sent - left_behind)
            count.settle(c)


register_transfer_method(WeightedInclusiveGregory())
register_transfer_method(UnweightedGregory("uig", last_parcel=False))
register_transfer_method(UnweightedGregory("last-parcel", last_parcel=True))


def count_stv(
    profile: Profile,
    *,
    seats: int,
    ties: TiePolicy,
    constraints: Sequence[Any] = (),
    options: STVOptions,
    rule: str = "stv",
) -> Result:
    """Count ``profile`` by STV for ``seats`` seats under ``options``.

    ``ties`` breaks what the look-back leaves tied. ``constraints`` (seat constraints,
    :class:`~votecount.constraints.Constraint`) are met as :attr:`STVOptions.constraint_method`
    says, by :mod:`votecount.rules.constrained`.
    """
    if seats < 1:
        raise RuleError(f"seats must be at least 1, not {seats}")
    if profile.kind == "plurality":
        raise RuleError("STV counts ranked ballots, but this profile holds plurality ballots")
    if options.exclude_down_to is not None and seats != 1:
        raise RuleError("exclude_down_to is for single-seat counts")
    if constraints:
        from votecount.rules.constrained import count_constrained

        return count_constrained(
            profile, seats=seats, ties=ties, constraints=constraints, options=options, rule=rule
        )
    return Count(profile, seats, ties, options, rule).run()


__all__ = [
    "TRANSFER_METHODS",
    "ConstraintHook",
    "Count",
    "Parcel",
    "PileTransfers",
    "STVOptions",
    "TransferMethod",
    "UnweightedGregory",
    "WeightedInclusiveGregory",
    "count_stv",
    "register_transfer_method",
]
