"""RCTab's rule options, one field each, named as votecount names options and documented
with the name RCTab gives the same setting in its configuration file (``rules`` section)
and on its screens.

RCTab is the certified open tabulator most US ranked-choice counts use; its semantics are
those of its ``Tabulator`` (the round loop), ``Tiebreak`` and ``ContestConfig`` (arithmetic)
as of the revision the shared test suite came from (``../shared/data/rctab/SOURCE.txt``).
:func:`from_rctab_rules` maps a configuration's ``rules`` onto these options.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any, Literal, TypeAlias

import attrs

from votecount.errors import OptionError

OvervoteRule: TypeAlias = Literal["exhaust-immediately", "always-skip", "exhaust-if-multiple-continuing"]
ElectionMode: TypeAlias = Literal[
    "single-winner",
    "multi-winner",
    "one-winner-per-round",
    "bottoms-up",
    "bottoms-up-threshold",
    "multi-pass",
]
TieBreak: TypeAlias = Literal[
    "policy",
    "candidate-order",
    "random",
    "generate-permutation",
    "previous-round-counts-then-random",
    "previous-round-counts-then-ask",
    "ask",
]

OVERVOTE_RULES: dict[str, OvervoteRule] = {
    "exhaustImmediately": "exhaust-immediately",
    "alwaysSkipToNextRank": "always-skip",
    "exhaustIfMultipleContinuing": "exhaust-if-multiple-continuing",
}
"""RCTab's ``overvoteRule`` values and votecount's names for them."""

ELECTION_MODES: dict[str, ElectionMode] = {
    "singleWinnerMajority": "single-winner",
    "multiWinnerAllowMultipleWinnersPerRound": "multi-winner",
    "multiWinnerAllowOnlyOneWinnerPerRound": "one-winner-per-round",
    "bottomsUp": "bottoms-up",
    "bottomsUpUsingPercentageThreshold": "bottoms-up-threshold",
    "multiPassIrv": "multi-pass",
}
"""RCTab's ``winnerElectionMode`` values and votecount's names for them."""

TIE_BREAKS: dict[str, TieBreak] = {
    "useCandidateOrder": "candidate-order",
    "random": "random",
    "generatePermutation": "generate-permutation",
    "previousRoundCountsThenRandom": "previous-round-counts-then-random",
    "previousRoundCountsThenAsk": "previous-round-counts-then-ask",
    "stopCountingAndAsk": "ask",
}
"""RCTab's ``tiebreakMode`` values and votecount's names for them."""


def _one_of(*values: str) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value not in values:
            raise OptionError(
                f"RCTab option {attribute.name} is one of {', '.join(values)}, not {value!r}",
                option=attribute.name, value=value, choices=values,
            )
    return check


def _whole(minimum: int) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise OptionError(
                f"RCTab option {attribute.name} is a whole number of at least {minimum}, not {value!r}",
                option=attribute.name, value=value,
            )
    return check


def _flag(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, bool):
        raise OptionError(f"RCTab option {attribute.name} is true or false, not {value!r}",
                          option=attribute.name, value=value)


MULTI_SEAT_MODES = ("multi-winner", "one-winner-per-round")
"""The election modes in which RCTab allows ``hare_quota`` and ``non_integer_threshold``."""


@attrs.frozen
class RCTabOptions:
    """Every RCTab rule setting, one field each (RCTab's configuration key in brackets).

    Ballot reading (applied to each paper as written, round by round, as RCTab does):
    ``overvote_rule``, ``max_skipped_ranks``, ``exhaust_on_duplicate``, ``max_rankings``.
    Counting: the rest.
    """

    # -- reading the papers ------------------------------------------------------------------

    overvote_rule: OvervoteRule = attrs.field(
        default="exhaust-immediately",
        validator=_one_of("exhaust-immediately", "always-skip", "exhaust-if-multiple-continuing"),
    )
    """[``overvoteRule``] A rank marked for several candidates (or with the explicit overvote
    label): the paper becomes inactive there ("Exhaust immediately", counted in the
    *overvotes* category); the rank is passed over ("Always skip to next rank"); or the
    paper becomes inactive only when two or more of the candidates at that rank are still
    continuing, and otherwise counts for the one that is ("Exhaust if multiple continuing";
    not allowed with an explicit overvote label)."""

    max_skipped_ranks: int | None = attrs.field(default=1, validator=_whole(0))
    """[``maxSkippedRanksAllowed``] How many ranks in a row a voter may leave blank before a
    later choice and still have it count; ``None`` is RCTab's ``"unlimited"``. More than
    this makes the paper inactive there (*skipped rankings* category). Blanks before the
    first choice count too; blanks after the last choice never do."""

    exhaust_on_duplicate: bool = attrs.field(default=False, validator=_flag)
    """[``exhaustOnDuplicateCandidate``] A candidate ranked a second time makes the paper
    inactive there (*repeated rankings*); otherwise the repeat is simply passed over (the
    candidate is no longer continuing when it is reached)."""

    max_rankings: int | None = attrs.field(default=None, validator=_whole(1))
    """[``maxRankingsAllowed``] The most ranks a paper may use; ``None`` is RCTab's
    ``"max"`` (as many as there are candidates). RCTab refuses a cast-vote record that
    ranks beyond it, and so does votecount (:class:`~votecount.errors.BallotError`)."""

    # -- the threshold -----------------------------------------------------------------------

    places: int = attrs.field(default=4, validator=_whole(0))
    """[``decimalPlacesForVoteArithmetic``] Decimal places of every fractional value
    (surplus fractions, each paper's transferred value); RCTab truncates (rounds down)."""

    non_integer_threshold: bool = attrs.field(default=False, validator=_flag)
    """[``nonIntegerWinningThreshold``] The threshold is worked to :attr:`places` places
    (floor(votes / (seats + 1)) + 10^-places) rather than in whole votes
    (floor(votes / (seats + 1)) + 1)."""

    hare_quota: bool = attrs.field(default=False, validator=_flag)
    """[``hareQuota``] The threshold is votes / seats rounded up (to :attr:`places` places when
    :attr:`non_integer_threshold`), reached at or above, rather than the Droop-like
    floor(votes / (seats + 1)) plus one unit."""

    first_round_threshold: bool = attrs.field(default=False, validator=_flag)
    """[``doesFirstRoundDetermineThreshold``] Single-winner: the threshold is fixed from the
    first round's active votes instead of recomputed each round; when one more candidate
    continues than there are seats and nobody reaches it, the highest is elected."""

    # -- elections and eliminations ----------------------------------------------------------

    election_mode: ElectionMode = attrs.field(
        default="single-winner",
        validator=_one_of(
            "single-winner", "multi-winner", "one-winner-per-round", "bottoms-up",
            "bottoms-up-threshold", "multi-pass",
        ),
    )
    """[``winnerElectionMode``] ``"single-winner"`` ("Single-winner majority determines
    winner"); ``"multi-winner"`` ("Multi-winner allow multiple winners per round": everyone
    at the threshold is elected in the same round, surpluses transferred fractionally);
    ``"one-winner-per-round"`` ("Multi-winner allow only one winner per round": the highest
    only, the others in later rounds); ``"bottoms-up"`` (eliminate until only as many
    continue as seats, no threshold, no surpluses); ``"bottoms-up-threshold"`` ("Bottoms-up
    using percentage threshold": eliminate until every continuing candidate has at least
    :attr:`bottoms_up_percentage` of the active votes; seats = 0); ``"multi-pass"`` ("Multi-pass
    IRV": one single-winner count per seat, each winner excluded from the later passes)."""

    bottoms_up_percentage: Fraction | None = attrs.field(default=None)
    """[``multiSeatBottomsUpPercentageThreshold``] The share of active votes, in per cent, every
    winner must have in ``"bottoms-up-threshold"`` mode."""

    batch_elimination: bool = attrs.field(default=False, validator=_flag)
    """[``batchElimination``] Eliminate together every candidate of the lowest group whose
    votes together are fewer than the next-higher candidate's (in single-winner counts)."""

    cutoff_elimination: bool = attrs.field(default=False, validator=_flag)
    """[``cutoffElimination``] In ``"bottoms-up-threshold"`` mode, eliminate at once every
    candidate below the threshold."""

    continue_until_two: bool = attrs.field(default=False, validator=_flag)
    """[``continueUntilTwoCandidatesRemain``] Keep eliminating after the winner is found,
    until two candidates remain (the winner stays in the count; the threshold is frozen)."""

    stop_after_round: int | None = attrs.field(default=None, validator=_whole(1))
    """[``stopTabulationEarlyAfterRound``] Stop after this round, winners or not."""

    minimum_vote_threshold: int = attrs.field(default=0, validator=_whole(0))
    """[``minimumVoteThreshold``] Kept for older configurations: RCTab (at the revision of
    the suite) reads it but no longer applies it; votecount refuses a value other than 0
    rather than silently ignore it."""

    # -- ties --------------------------------------------------------------------------------

    tiebreak_mode: TieBreak = attrs.field(
        default="candidate-order",
        validator=_one_of(
            "policy", "candidate-order", "random", "generate-permutation",
            "previous-round-counts-then-random", "previous-round-counts-then-ask", "ask",
        ),
    )
    """[``tiebreakMode``] ``"candidate-order"`` ("Use candidate order in the config file":
    the winner of a tie is the earliest listed, the loser the latest); ``"random"``
    (RCTab's draw from :attr:`random_seed`, reproduced exactly); ``"generate-permutation"``
    (candidate order shuffled once from the seed); ``"previous-round-counts-then-random"``
    / ``"-then-ask"`` (the candidate lowest — or, for a winner, highest — in the most recent
    earlier round where the tied candidates differ, else the fallback); ``"ask"`` ("Stop
    counting and ask": votecount raises :class:`~votecount.errors.TieError`); and, votecount's
    own, ``"policy"``: the count's tie policy (``seed=``, ``tie_order=``), as the ``rctab`` rule
    of the table uses by default."""

    random_seed: int | None = attrs.field(default=None)
    """[``randomSeed``] The seed of Java's ``java.util.Random`` that RCTab draws from (needed
    only when a tie is left to chance)."""

    def __attrs_post_init__(self) -> None:
        if self.minimum_vote_threshold:
            raise OptionError(
                "minimumVoteThreshold is no longer applied by RCTab; give 0",
                option="minimum_vote_threshold", value=self.minimum_vote_threshold,
            )
        if self.election_mode == "bottoms-up-threshold" and self.bottoms_up_percentage is None:
            raise OptionError("bottoms-up-threshold needs bottoms_up_percentage",
                              option="bottoms_up_percentage", value=None)
        # RCTab's ContestConfig refuses both outside its two multi-seat modes, and together
        for name in ("hare_quota", "non_integer_threshold"):
            if getattr(self, name) and self.election_mode not in MULTI_SEAT_MODES:
                raise OptionError(
                    f"RCTab allows {name} only with election_mode multi-winner or "
                    f"one-winner-per-round, not {self.election_mode}",
                    option=name, value=True,
                )
        if self.hare_quota and self.non_integer_threshold:
            raise OptionError("RCTab allows hare_quota or non_integer_threshold, not both",
                              option="hare_quota", value=True)

    def as_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def _rule(rules: Any, name: str, default: Any = None) -> Any:
    if isinstance(rules, dict):
        return rules.get(name, default)
    return getattr(rules, name, default)


def _choice(table: dict[str, Any], key: str, value: Any) -> Any:
    try:
        return table[value]
    except (KeyError, TypeError):
        raise OptionError(f"unknown RCTab {key} {value!r}", option=key, value=value,
                          choices=tuple(table)) from None


def from_rctab_rules(rules: Any) -> tuple[RCTabOptions, int]:
    """The options and the number of seats an RCTab configuration's parsed ``rules`` give
    (an object or mapping with RCTab's keys in snake_case, as the configuration reader
    returns them)."""
    percentage = _rule(rules, "multi_seat_bottoms_up_percentage_threshold")
    seed = _rule(rules, "random_seed")
    options = RCTabOptions(
        overvote_rule=_choice(OVERVOTE_RULES, "overvoteRule", _rule(rules, "overvote_rule")),
        max_skipped_ranks=_rule(rules, "max_skipped_ranks_allowed"),
        exhaust_on_duplicate=bool(_rule(rules, "exhaust_on_duplicate_candidate", False)),
        max_rankings=_rule(rules, "max_rankings_allowed"),
        places=_rule(rules, "decimal_places_for_vote_arithmetic", 4),
        non_integer_threshold=bool(_rule(rules, "non_integer_winning_threshold", False)),
        hare_quota=bool(_rule(rules, "hare_quota", False)),
        first_round_threshold=bool(_rule(rules, "does_first_round_determine_threshold", False)),
        election_mode=_choice(ELECTION_MODES, "winnerElectionMode", _rule(rules, "winner_election_mode")),
        bottoms_up_percentage=None if percentage is None else Fraction(percentage),
        batch_elimination=bool(_rule(rules, "batch_elimination", False)),
        cutoff_elimination=bool(_rule(rules, "cutoff_elimination", False)),
        continue_until_two=bool(_rule(rules, "continue_until_two_candidates_remain", False)),
        stop_after_round=_rule(rules, "stop_tabulation_early_after_round"),
        minimum_vote_threshold=_rule(rules, "minimum_vote_threshold", 0) or 0,
        tiebreak_mode=_choice(TIE_BREAKS, "tiebreakMode", _rule(rules, "tiebreak_mode")),
        random_seed=None if seed is None else int(seed),
    )
    return options, int(_rule(rules, "number_of_winners", 1))


__all__ = [
    "ELECTION_MODES",
    "OVERVOTE_RULES",
    "TIE_BREAKS",
    "ElectionMode",
    "OvervoteRule",
    "RCTabOptions",
    "TieBreak",
    "from_rctab_rules",
]
