"""The ``rules`` section of an RCTab configuration: one typed field per RCTab option.

:mod:`votecount.formats.rctab_config` reads the whole configuration; this module holds the
rules' value (:class:`RctabRules`, RCTab's option names kept as fields, each documented), the
names RCTab gives its modes, and the reading of JSON values as RCTab's configuration writes
them (numbers often as text, ``"3"``; ``"max"`` and ``"unlimited"`` for no limit).
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from fractions import Fraction

import attrs

from votecount.formats._jsondoc import Node

OVERVOTE_RULES = ("alwaysSkipToNextRank", "exhaustImmediately", "exhaustIfMultipleContinuing")
TIEBREAK_MODES = (
    "random",
    "stopCountingAndAsk",
    "previousRoundCountsThenRandom",
    "previousRoundCountsThenAsk",
    "useCandidateOrder",
    "generatePermutation",
)
WINNER_ELECTION_MODES = (
    "singleWinnerMajority",
    "multiWinnerAllowOnlyOneWinnerPerRound",
    "multiWinnerAllowMultipleWinnersPerRound",
    "bottomsUp",
    "bottomsUpUsingPercentageThreshold",
    "multiPassIrv",
)
_OLD_TIEBREAK_MODES = {"interactive": "stopCountingAndAsk", "usePermutationInConfig": "useCandidateOrder"}
_OLD_WINNER_MODES = {
    "singleSeatContinueUntilTwoCandidatesRemain": "singleWinnerMajority",
    "multiSeatAllowOnlyOneWinnerPerRound": "multiWinnerAllowOnlyOneWinnerPerRound",
    "multiSeatSequentialWinnerTakesAll": "multiPassIrv",
}
RULE_KEYS = frozenset(
    {
        "tiebreakMode",
        "overvoteRule",
        "winnerElectionMode",
        "randomSeed",
        "numberOfWinners",
        "multiSeatBottomsUpPercentageThreshold",
        "decimalPlacesForVoteArithmetic",
        "minimumVoteThreshold",
        "maxSkippedRanksAllowed",
        "maxRankingsAllowed",
        "nonIntegerWinningThreshold",
        "doesFirstRoundDetermineThreshold",
        "hareQuota",
        "batchElimination",
        "cutoffElimination",
        "continueUntilTwoCandidatesRemain",
        "stopTabulationEarlyAfterRound",
        "exhaustOnDuplicateCandidate",
        "rulesDescription",
        # moved to each source by RCTab's migration (see _migrate_labels)
        "treatBlankAsUndeclaredWriteIn",
        "overvoteLabel",
        "undervoteLabel",
        "undeclaredWriteInLabel",
    }
)


@attrs.frozen
class RctabRules:
    """The ``rules`` section, one field per RCTab option (RCTab's name in each docstring).

    Counts are whole numbers; ``None`` stands for RCTab's blank (``""``) or, where said, for
    its word for "no limit". Mode names are kept as RCTab writes them (see the module's
    ``*_MODES`` and :data:`OVERVOTE_RULES`).
    """

    tiebreak_mode: str
    """``tiebreakMode``: one of :data:`TIEBREAK_MODES`."""
    overvote_rule: str
    """``overvoteRule``: one of :data:`OVERVOTE_RULES`."""
    winner_election_mode: str
    """``winnerElectionMode``: one of :data:`WINNER_ELECTION_MODES`."""
    number_of_winners: int | None
    """``numberOfWinners``: seats (0 with a bottoms-up percentage threshold)."""
    random_seed: int | None = None
    """``randomSeed``: the seed of RCTab's random tie-breaks (Java's ``java.util.Random``)."""
    multi_seat_bottoms_up_percentage_threshold: Fraction | None = None
    """``multiSeatBottomsUpPercentageThreshold``: percentage a candidate must reach to be
    elected by ``bottomsUpUsingPercentageThreshold``."""
    decimal_places_for_vote_arithmetic: int | None = None
    """``decimalPlacesForVoteArithmetic``: vote values are truncated to this many places."""
    minimum_vote_threshold: int | None = None
    """``minimumVoteThreshold``: candidates below this many first-round votes are eliminated
    together first (older RCTab versions; the current RCTab no longer reads it)."""
    max_skipped_ranks_allowed: int | None = None
    """``maxSkippedRanksAllowed``: consecutive skipped ranks a ballot may have before it is
    exhausted; ``None`` is RCTab's ``"unlimited"``."""
    max_rankings_allowed: int | None = None
    """``maxRankingsAllowed``: rankings a voter may give; ``None`` is RCTab's ``"max"`` (as many
    as there are candidates)."""
    non_integer_winning_threshold: bool = False
    """``nonIntegerWinningThreshold``: threshold votes/(seats+1) + 10^-places, not whole."""
    does_first_round_determine_threshold: bool = False
    """``doesFirstRoundDetermineThreshold``: the threshold is fixed from the first round."""
    hare_quota: bool = False
    """``hareQuota``: threshold votes/seats instead of the Droop form."""
    batch_elimination: bool = False
    """``batchElimination``: eliminate together all candidates who cannot overtake the next."""
    cutoff_elimination: bool = False
    """``cutoffElimination`` (bottoms-up): eliminate all below the percentage at once."""
    continue_until_two_candidates_remain: bool = False
    """``continueUntilTwoCandidatesRemain``: go on eliminating after a majority until two remain."""
    stop_tabulation_early_after_round: int | None = None
    """``stopTabulationEarlyAfterRound``: stop after this round; ``None`` is no early stop."""
    exhaust_on_duplicate_candidate: bool = False
    """``exhaustOnDuplicateCandidate``: a candidate ranked twice exhausts the ballot (else the
    repeated ranking is skipped)."""
    rules_description: str = ""
    """``rulesDescription``: free text."""

    def problems(self) -> list[str]:
        """What RCTab's validation would refuse in these rules, one sentence each."""
        found: list[str] = []
        for value, known, key in (
            (self.tiebreak_mode, TIEBREAK_MODES, "tiebreakMode"),
            (self.overvote_rule, OVERVOTE_RULES, "overvoteRule"),
            (self.winner_election_mode, WINNER_ELECTION_MODES, "winnerElectionMode"),
        ):
            if value not in known:
                found.append(f"rules.{key}: {value!r} is not one of {', '.join(known)}")
        for count, key, least in (
            (self.number_of_winners, "numberOfWinners", 0),
            (self.decimal_places_for_vote_arithmetic, "decimalPlacesForVoteArithmetic", 1),
            (self.max_skipped_ranks_allowed, "maxSkippedRanksAllowed", 0),
            (self.max_rankings_allowed, "maxRankingsAllowed", 1),
            (self.minimum_vote_threshold, "minimumVoteThreshold", 0),
            (self.stop_tabulation_early_after_round, "stopTabulationEarlyAfterRound", 1),
        ):
            if count is not None and count < least:
                found.append(f"rules.{key}: {count} is below {least}")
        if self.number_of_winners is None:
            found.append("rules.numberOfWinners: missing")
        if self.tiebreak_mode in ("random", "previousRoundCountsThenRandom", "generatePermutation") and (
            self.random_seed is None
        ):
            found.append(f"rules.randomSeed: tiebreakMode {self.tiebreak_mode!r} needs a seed")
        return found


def get(node: Node, key: str) -> Node:
    """The value at ``key``, JSON null where it is absent."""
    return node.field(key, None)


def text(node: Node) -> str:
    """Text, or a number written where RCTab expects text (``"firstVoteColumnIndex": 2``)."""
    return "" if node.value is None else node.label()


def flag(node: Node) -> bool:
    """A boolean, or the text ``"true"``/``"false"`` in any case (as RCTab's JSON library takes it)."""
    value = node.value
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise node.error(f"expected true or false, found {json.dumps(value)[:40]}")


def count(node: Node, *, unlimited: str | None = None) -> int | None:
    """A whole number written as a number or as text; ``None`` for blank or ``unlimited``."""
    value = node.value
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if value is None or (isinstance(value, str) and value.strip() in ("", unlimited)):
        return None
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise node.error(f"expected a whole number, found {json.dumps(value)[:40]}")


def percentage(node: Node) -> Fraction | None:
    value = node.value
    if value is None or value == "":
        return None
    try:
        return Fraction(Decimal(str(value).strip()))
    except (InvalidOperation, ValueError):
        raise node.error(f"expected a percentage, found {json.dumps(value)[:40]}") from None


def column(node: Node) -> int | None:
    return count(node)


def read_rules(node: Node) -> RctabRules:
    seats = count(get(node, "numberOfWinners"))
    winner_mode = text(get(node, "winnerElectionMode"))
    continue_until_two = flag(get(node, "continueUntilTwoCandidatesRemain"))
    if winner_mode == "singleSeatContinueUntilTwoCandidatesRemain":
        continue_until_two = True
    threshold = percentage(get(node, "multiSeatBottomsUpPercentageThreshold"))
    if winner_mode == "standard":
        winner_mode = (
            "multiWinnerAllowMultipleWinnersPerRound" if (seats or 0) > 1 else "singleWinnerMajority"
        )
    elif winner_mode == "multiSeatBottomsUp":
        by_percentage = seats == 0 or threshold is not None
        winner_mode = "bottomsUpUsingPercentageThreshold" if by_percentage else "bottomsUp"
    winner_mode = _OLD_WINNER_MODES.get(winner_mode, winner_mode)
    tiebreak = text(get(node, "tiebreakMode"))
    return RctabRules(
        tiebreak_mode=_OLD_TIEBREAK_MODES.get(tiebreak, tiebreak),
        overvote_rule=text(get(node, "overvoteRule")),
        winner_election_mode=winner_mode,
        number_of_winners=seats,
        random_seed=count(get(node, "randomSeed")),
        multi_seat_bottoms_up_percentage_threshold=threshold,
        decimal_places_for_vote_arithmetic=count(get(node, "decimalPlacesForVoteArithmetic")),
        minimum_vote_threshold=count(get(node, "minimumVoteThreshold")),
        max_skipped_ranks_allowed=count(get(node, "maxSkippedRanksAllowed"), unlimited="unlimited"),
        max_rankings_allowed=count(get(node, "maxRankingsAllowed"), unlimited="max"),
        non_integer_winning_threshold=flag(get(node, "nonIntegerWinningThreshold")),
        does_first_round_determine_threshold=flag(get(node, "doesFirstRoundDetermineThreshold")),
        hare_quota=flag(get(node, "hareQuota")),
        batch_elimination=flag(get(node, "batchElimination")),
        cutoff_elimination=flag(get(node, "cutoffElimination")),
        continue_until_two_candidates_remain=continue_until_two,
        stop_tabulation_early_after_round=count(get(node, "stopTabulationEarlyAfterRound")),
        exhaust_on_duplicate_candidate=flag(get(node, "exhaustOnDuplicateCandidate")),
        rules_description=text(get(node, "rulesDescription")),
    )
