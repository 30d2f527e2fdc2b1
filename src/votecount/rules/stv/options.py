"""The options record of the one STV engine: every point where rulebooks differ, one field.

Fields are grouped in the order a count meets them: the quota, election, the arithmetic,
surpluses, transfer values, exclusion, ties, when the count stops, the preferential
counts' extras, and papers and seat constraints. The named rules set every field
explicitly, each beside the clause it follows, in :mod:`votecount.rules.presets`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeAlias

import attrs

from votecount.errors import RuleError
from votecount.numbers import Arithmetic, Rounding, arithmetic

QuotaRule: TypeAlias = Literal["droop", "droop-exact", "hare", "ers97", "nz", "majority"]
LookBack: TypeAlias = Literal["most-recent", "earliest", "none"]


def _one_of(*values: object) -> Callable[[Any, Any, Any], None]:
    return attrs.validators.in_(values)


def _yes_or_no(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An option that is on or off takes ``True`` or ``False``, nothing else."""
    if not isinstance(value, bool):
        raise RuleError(f"STV option {attribute.name} is true or false, not {value!r}")


def _whole_or_none(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A count of places or candidates is a whole number (or ``None``), not text or a float."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise RuleError(f"STV option {attribute.name} must be a whole number or None, not {value!r}")


def _deferral(value: object) -> object:
    """``True``/``False`` for :attr:`STVOptions.defer_surplus` mean ERS97's rule / never."""
    if value is True:
        return "at-most-gap"
    if value is False:
        return "never"
    return value


@attrs.frozen
class STVOptions:
    """Every point where STV rulebooks differ, one field each. Presets set them all.

    The defaults are a plain exact-arithmetic weighted inclusive Gregory count with the
    Droop quota; the statutory rules are in :mod:`votecount.rules.presets`.
    """

    # -- the quota ---------------------------------------------------------------------------

    quota: QuotaRule = attrs.field(
        default="droop", validator=_one_of("droop", "droop-exact", "hare", "ers97", "nz", "majority")
    )
    """How the quota is ascertained from the total ``v`` of votes and ``n`` seats.

    ``"droop"``: floor(v / (n + 1)) + 1 (SSI 2007/42 Sch. 1 r. 46, NI r. 48, Senate s 273(8)).
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

    recompute_quota: bool = attrs.field(default=False, validator=_yes_or_no)
    """Ascertain the quota afresh at every stage (the alternative vote's "more than half of
    the votes still in the count"), rather than once at the first stage."""

    reduce_quota_before_election: bool = attrs.field(default=False, validator=_yes_or_no)
    """Until somebody is elected, ascertain the quota afresh at the end of every stage from
    the votes still in the count (the valid poll less non-transferable and lost votes), as
    counting-rules.md reads ERS97 5.4.8."""

    # -- election ----------------------------------------------------------------------------

    elect_on: Literal["reach", "exceed"] = attrs.field(default="reach", validator=_one_of("reach", "exceed"))
    """Elected on reaching the quota (votes ≥ quota: SSI 2007/42 Sch. 1 r. 47(1)) or exceeding it."""

    elect_on_active_quota: bool = attrs.field(default=False, validator=_yes_or_no)
    """Also elect a continuing candidate whose votes reach the votes still in play (held by
    candidates not elected, plus surpluses not yet transferred) divided by one more than
    the vacancies left (ERS97, as counting-rules.md summarises it)."""

    unbroken_election_tie: Literal["tie-policy", "elect-none"] = attrs.field(
        default="tie-policy", validator=_one_of("tie-policy", "elect-none")
    )
    """More candidates at the quota than places, some equal at every stage across the last
    place: the tie policy (lot) decides, or none of those tied is elected at that stage
    (ERS97 5.6.2)."""

    # -- arithmetic --------------------------------------------------------------------------

    places: int | None = attrs.field(default=None, validator=_whole_or_none)
    """Decimal places the count is done in; ``None`` for exact fractions."""

    rounding: Rounding = attrs.field(default="truncate", validator=_one_of("truncate", "half-up", "up"))
    """How a value is brought to :attr:`places` (transfer values, fractional weights):
    ``"truncate"`` (any remainder ignored), ``"half-up"`` or ``"up"``."""

    # -- surpluses ---------------------------------------------------------------------------

    surplus: str = "wigm"
    """The surplus transfer method, by name
    (:data:`votecount.rules.stv.methods.TRANSFER_METHODS`): ``"wigm"`` (weighted inclusive
    Gregory: every paper, at surplus × its value ÷ the candidate's total), ``"uig"``
    (unweighted inclusive Gregory: every paper, at surplus ÷ number of papers),
    ``"last-parcel"`` (Gregory on the last parcel received only), ``"meek"``, ``"warren"``
    or ``"meek-nz"`` (the iterative methods)."""

    surplus_order: Literal["largest", "election"] = attrs.field(
        default="largest", validator=_one_of("largest", "election")
    )
    """Which pending surplus goes first: the largest (SSI 2007/42 Sch. 1 r. 49(1)), or in order of
    election."""

    defer_surplus: Literal["never", "at-most-gap", "below-gap"] = attrs.field(
        default="never", converter=_deferral, validator=_one_of("never", "at-most-gap", "below-gap")
    )
    """Defer transferring surpluses while all of them together could not lift the lowest
    continuing candidate past the next (nor a bulk-exclusion group past the candidate above
    it): ``"at-most-gap"`` defers when the surpluses do not exceed the gap (ERS97 5.2.2),
    ``"below-gap"`` only when they are less than it (Northern Ireland r. 49(10))."""

    # -- transfer values ---------------------------------------------------------------------

    transfer_value_papers: Literal["all", "transferable"] = attrs.field(
        default="all", validator=_one_of("all", "transferable")
    )
    """For the unweighted methods: the papers a surplus is divided over, all of them or only
    those with a next available preference (ERS97 5.3.7, ACT Sch. 4 cl. 1C(2),(5))."""

    cap_transfer_value: bool = attrs.field(default=False, validator=_yes_or_no)
    """A paper never passes on at more than the value it arrived with (ERS97, NI, ACT)."""

    capped_excess: Literal["non-transferable", "lost"] = attrs.field(
        default="non-transferable", validator=_one_of("non-transferable", "lost")
    )
    """Where a capped transfer value leaves part of a surplus undistributed, show it as
    non-transferable, or as lost to fractions (as ElectionsACT shows it)."""

    round_transfer_values: bool = attrs.field(default=True, validator=_yes_or_no)
    """Work transfer values to :attr:`places` as the statute says (SSI 2007/42 Sch. 1 r. 48(3), ERS97
    5.3.7, NI r. 49(4)); ``False`` keeps them exact and rounds only the votes each parcel
    credits (ACT since 2020: votes to six places, rounded down)."""

    whole_vote_credits: bool = attrs.field(default=False, validator=_yes_or_no)
    """Votes credited to each candidate from one parcel are whole numbers, the fraction
    lost (Commonwealth Electoral Act 1918 s 273(9)(b), (13AA)(b)(ii))."""

    fraction_loss: Literal["lost", "non-transferable"] = attrs.field(
        default="lost", validator=_one_of("lost", "non-transferable")
    )
    """Where what rounding drops from a transfer is recorded: as lost to fractions, or with
    the non-transferable votes (Northern Ireland r. 50(2)(c): the surplus less the value
    transferred is non-transferable)."""

    # -- exclusion ---------------------------------------------------------------------------

    exclusion: Literal["one", "bulk"] = attrs.field(default="one", validator=_one_of("one", "bulk"))
    """Exclude one candidate at a time, or in bulk all the lowest candidates whose votes
    together (with any deferred surpluses) are less than the next candidate's, leaving at
    least as many continuing candidates as vacancies."""

    bulk_limit: Literal["below-next", "at-most-next"] = attrs.field(
        default="below-next", validator=_one_of("below-next", "at-most-next")
    )
    """For bulk exclusion: the group's votes (with deferred surpluses) must be less than the
    next candidate's (NI r. 51(12)), or may equal it ("does not exceed", ERS97 5.2.5(b))."""

    exclusion_transfer: Literal["all-at-once", "by-value", "first-preferences-then-by-value"] = attrs.field(
        default="all-at-once", validator=_one_of("all-at-once", "by-value", "first-preferences-then-by-value")
    )
    """How an excluded candidate's papers move: all in one stage (SSI 2007/42 Sch. 1 r. 50), or in
    one stage per transfer value, highest first (ERS97 5.4.1, 5.4.11, Senate, ACT), or first
    preferences first then by value (Northern Ireland r. 50)."""

    elect_before_last_exclusion: bool = attrs.field(default=False, validator=_yes_or_no)
    """When an exclusion would leave only as many continuing candidates as places unfilled,
    elect those candidates instead of making it (ERS97 5.5.1)."""

    # -- ties --------------------------------------------------------------------------------

    look_back: LookBack = attrs.field(
        default="most-recent", validator=_one_of("most-recent", "earliest", "none")
    )
    """How a tie is broken before lot: by the most recent preceding stage at which the tied
    candidates had unequal votes (SSI 2007/42 Sch. 1 rr. 49(2), 51(2)(a)), the earliest such stage
    (ERS97 5.2.5, NI), or not at all."""

    # -- stopping ----------------------------------------------------------------------------

    elect_remaining: bool = attrs.field(default=True, validator=_yes_or_no)
    """When the continuing candidates are no more than the vacancies left, deem them all
    elected and stop (SSI 2007/42 Sch. 1 r. 52(1))."""

    elect_unassailable: bool = attrs.field(default=False, validator=_yes_or_no)
    """With one vacancy left, elect the highest continuing candidate once their votes are at
    least all the other continuing candidates' votes plus any untransferred surpluses
    (Northern Ireland, the last vacancy)."""

    elect_higher_of_last_two: bool = attrs.field(default=False, validator=_yes_or_no)
    """With one vacancy and two continuing candidates, once no surplus is to be transferred,
    elect the one with more votes rather than exclude the other (Commonwealth Electoral
    Act 1918 s 273(17))."""

    # -- preferential counts -----------------------------------------------------------------

    top_after_first: int | None = attrs.field(default=None, validator=_whole_or_none)
    """After the first stage, if nobody is elected, exclude at once every candidate but
    the top ``k`` (more where candidates tie for ``k``-th place): the supplementary and
    contingent vote."""

    exclude_down_to: int | None = attrs.field(default=None, validator=_whole_or_none)
    """Elect nobody until only this many candidates are continuing (a preferential count
    shown down to the last two); single-seat counts only."""

    elect_highest_at_last: bool = attrs.field(default=False, validator=_yes_or_no)
    """Single-seat preferential counts (added for :mod:`votecount.rules.preferential`):
    when the count can go no further by exclusion, elect the continuing candidate with the
    most votes, majority or not, rather than exclude the runner-up. That point is when two
    candidates continue (the alternative vote's final round), or, with
    :attr:`top_after_first`, once that exclusion is made or when it would exclude nobody
    (everyone tied into the top ``k``), however many remain: GLA Act 1999 Sch. 2 para. 4(6)
    returns the remaining candidate with the most votes. A bulk exclusion then never leaves
    fewer than two continuing."""

    # -- papers and constraints --------------------------------------------------------------

    equal_rankings: Literal["exhaust", "refuse"] = attrs.field(
        default="exhaust", validator=_one_of("exhaust", "refuse")
    )
    """A paper ranking two or more candidates equal at some place: ``"exhaust"`` treats it
    as ending just before that place (no unique next preference, so non-transferable
    there), ``"refuse"`` raises :class:`~votecount.errors.RuleError`."""

    constraint_method: Literal["exclusion", "further-counts"] = attrs.field(
        default="exclusion", validator=_one_of("exclusion", "further-counts")
    )
    """How seat constraints (``constraints=``) are met; see :mod:`votecount.rules.stv.constrained`.
    ``"exclusion"``: a candidate who cannot be elected without breaking a constraint is
    excluded, even at the quota. ``"further-counts"``: the Liberal Democrats' rule, further
    counts for larger and smaller committees. Ignored when there are no constraints."""

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


__all__ = ["LookBack", "QuotaRule", "STVOptions"]
