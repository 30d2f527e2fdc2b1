"""RCTab's contest configuration (``*_config.json``): its CVR sources, candidates and rules.

RCTab, the certified open-source tabulator used for US ranked-choice contests, describes a
contest in one JSON document with five parts: ``tabulatorVersion``, ``outputSettings``,
``cvrFileSources`` (where each file of cast-vote records is and how to read it),
``candidates`` (names, the codes or aliases the records use for them, and whether each is
excluded) and ``rules``. This module reads such a document into plain frozen values that
keep RCTab's option names (as snake_case fields, each documented with RCTab's own name), so
that a count can be set up exactly as the configuration says and an auditor can read the two
side by side. It reads; it does not count, and it does not decide what a rule means.

RCTab's own migrations from older versions of the format are applied as RCTab applies them
(``ContestConfigMigration``): labels once set in ``rules`` move to every source, a source's
``undervoteLabel`` becomes its ``skippedRankLabel``, a candidate's ``code`` becomes an alias,
and old names of the winner-election and tie-break modes take their current names.

Keys the format does not have are not dropped silently: :attr:`RctabConfig.unknown_keys`
lists them by their path (``rules.random Seed``). Values are typed as RCTab types them
(numbers are often written as text, ``"3"``); a value of the wrong shape is a
:class:`~votecount.errors.BallotFileError` naming the configuration file and the key. A value
of the right shape that RCTab would refuse (an unknown tie-break mode, a negative count) is
kept as written and named by :meth:`RctabRules.problems`, so that every configuration in
RCTab's own test suite, including those written to be refused, can be read and examined.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

import attrs

from votecount.errors import BallotFileError
from votecount.formats._jsondoc import Node, load_json

PROVIDERS = ("ess", "dominion", "hart", "clearBallot", "cdf", "genericCsv")
"""RCTab's provider names (``ContestConfig.Provider``): ES&S spreadsheets, Dominion JSON, Hart
XML, Clear Ballot CSV, NIST Common Data Format (JSON or XML, which Unisyn exports), and
RCTab's generic CSV."""

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
_TOP_KEYS = frozenset({"tabulatorVersion", "outputSettings", "cvrFileSources", "candidates", "rules"})
_OUTPUT_KEYS = frozenset(
    {
        "contestName",
        "outputDirectory",
        "contestDate",
        "contestJurisdiction",
        "contestOffice",
        "tabulateByBatch",
        "tabulateByPrecinct",
        "generateCdfJson",
    }
)
_SOURCE_KEYS = frozenset(
    {
        "filePath",
        "contestId",
        "firstVoteColumnIndex",
        "firstVoteRowIndex",
        "idColumnIndex",
        "batchColumnIndex",
        "precinctColumnIndex",
        "overvoteDelimiter",
        "provider",
        "overvoteLabel",
        "skippedRankLabel",
        "undeclaredWriteInLabel",
        "treatBlankAsUndeclaredWriteIn",
        "undervoteLabel",
    }
)
_CANDIDATE_KEYS = frozenset({"name", "excluded", "aliases", "code"})
_RULE_KEYS = frozenset(
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
class CvrSource:
    """One file (or folder) of cast-vote records, as ``cvrFileSources[i]`` describes it.

    Column and row numbers are 1-based, as RCTab writes them; ``None`` where not given.
    Labels are ``""`` where not given.
    """

    provider: str
    """``provider``: one of :data:`PROVIDERS`."""
    path: Path | None
    """``filePath``, resolved against the configuration file's folder as RCTab resolves it;
    ``None`` where the source names no file."""
    file_path: str
    """``filePath`` as written (``""`` where missing)."""
    contest_id: str = ""
    """``contestId``: which contest of a multi-contest export (Dominion's contest number, a CDF
    contest's name, a Clear Ballot contest name, a Hart contest id)."""
    first_vote_column: int | None = None
    """``firstVoteColumnIndex`` (ES&S, generic CSV): the column of the first ranking."""
    first_vote_row: int | None = None
    """``firstVoteRowIndex`` (ES&S, generic CSV): the row of the first record."""
    id_column: int | None = None
    """``idColumnIndex``: the column holding each record's id."""
    batch_column: int | None = None
    """``batchColumnIndex``: the column holding each record's batch."""
    precinct_column: int | None = None
    """``precinctColumnIndex``: the column holding each record's precinct."""
    overvote_delimiter: str = ""
    """``overvoteDelimiter`` (ES&S): splits a cell naming several candidates at one rank."""
    overvote_label: str = ""
    """``overvoteLabel``: the text a record uses for an overvote at a rank."""
    skipped_rank_label: str = ""
    """``skippedRankLabel`` (formerly ``undervoteLabel``): the text for a rank left blank."""
    undeclared_write_in_label: str = ""
    """``undeclaredWriteInLabel``: the text or code for a write-in naming no declared candidate."""
    treat_blank_as_undeclared_write_in: bool = False
    """``treatBlankAsUndeclaredWriteIn`` (ES&S): an empty cell is an undeclared write-in."""


@attrs.frozen
class RctabCandidate:
    """A candidate of ``candidates[i]``: the name reported, the codes records use, excluded."""

    name: str
    aliases: tuple[str, ...] = ()
    """``aliases`` (and the older ``code``): other texts naming this candidate in the records."""
    excluded: bool = False
    """``excluded``: withdrawn before the count; RCTab passes over their rankings."""


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


@attrs.frozen
class RctabOutput:
    """The ``outputSettings`` section: the contest's title and what to tabulate by."""

    contest_name: str = ""
    contest_date: str = ""
    contest_jurisdiction: str = ""
    contest_office: str = ""
    output_directory: str = ""
    tabulate_by_batch: bool = False
    tabulate_by_precinct: bool = False
    generate_cdf_json: bool = False


@attrs.frozen
class RctabConfig:
    """A whole RCTab configuration, read from :attr:`path`."""

    path: Path
    tabulator_version: str | None
    output: RctabOutput
    sources: tuple[CvrSource, ...]
    candidates: tuple[RctabCandidate, ...]
    rules: RctabRules
    unknown_keys: tuple[str, ...] = ()
    """Keys RCTab's format does not have, by their path, e.g. ``("rules.random Seed",)``."""

    @property
    def undeclared_write_ins(self) -> bool:
        """Whether RCTab adds its "Undeclared Write-ins" candidate: some source has an
        ``undeclaredWriteInLabel`` or treats blanks as undeclared write-ins."""
        return any(s.undeclared_write_in_label or s.treat_blank_as_undeclared_write_in for s in self.sources)

    def problems(self) -> list[str]:
        """What RCTab's validation would refuse here, one sentence each (the rules' problems,
        sources without a file or with an unknown provider, no candidate that may win)."""
        found: list[str] = []
        for i, source in enumerate(self.sources):
            if source.path is None:
                found.append(f"cvrFileSources[{i}].filePath: missing")
            if source.provider not in PROVIDERS:
                found.append(
                    f"cvrFileSources[{i}].provider: {source.provider!r} is not one of {', '.join(PROVIDERS)}"
                )
        if not self.sources:
            found.append("cvrFileSources: no source of cast-vote records")
        if all(c.excluded for c in self.candidates):
            found.append("candidates: no candidate who is not excluded")
        names = [c.name for c in self.candidates]
        found.extend(
            f"candidates: {name!r} listed twice" for name in sorted({n for n in names if names.count(n) > 1})
        )
        return found + self.rules.problems()


def load_rctab_config(path: str | Path) -> RctabConfig:
    """Read the RCTab configuration at ``path`` (see the module's docstring)."""
    path = Path(path)
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BallotFileError(f"cannot read the RCTab configuration: {exc}", path=where) from None

    def fail_at_line(reason: str, line: int | None) -> Exception:
        return BallotFileError(reason, path=where, line=line)

    def fail(key: str, reason: str) -> Exception:
        return BallotFileError(f"{key or 'the document'}: {reason}", path=where)

    document = Node(load_json(text, fail_at_line), fail=fail)
    unknown: list[str] = []
    _note_unknown(document, _TOP_KEYS, unknown)
    version = document.field("tabulatorVersion", None)
    output = _read_output(document.field("outputSettings", {}), unknown)
    rules_node = document.field("rules")
    _note_unknown(rules_node, _RULE_KEYS, unknown)
    sources = tuple(
        _read_source(node, path.parent, rules_node, unknown)
        for node in document.field("cvrFileSources").each()
    )
    candidates = tuple(_read_candidate(node, unknown) for node in document.field("candidates").each())
    return RctabConfig(
        path,
        None if version.value is None else version.label(),
        output,
        sources,
        candidates,
        _read_rules(rules_node),
        tuple(unknown),
    )


def _note_unknown(node: Node, known: frozenset[str], unknown: list[str]) -> None:
    unknown.extend(node.child_key(key) for key in node.mapping() if key not in known)


def _get(node: Node, key: str) -> Node:
    """The value at ``key``, JSON null where it is absent."""
    return node.field(key, None)


def _text(node: Node) -> str:
    """Text, or a number written where RCTab expects text (``"firstVoteColumnIndex": 2``)."""
    return "" if node.value is None else node.label()


def _flag(node: Node) -> bool:
    """A boolean, or the text ``"true"``/``"false"`` in any case (as RCTab's JSON library takes it)."""
    value = node.value
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise node.error(f"expected true or false, found {json.dumps(value)[:40]}")


def _count(node: Node, *, unlimited: str | None = None) -> int | None:
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


def _percentage(node: Node) -> Fraction | None:
    value = node.value
    if value is None or value == "":
        return None
    try:
        return Fraction(Decimal(str(value).strip()))
    except (InvalidOperation, ValueError):
        raise node.error(f"expected a percentage, found {json.dumps(value)[:40]}") from None


def _column(node: Node) -> int | None:
    return _count(node)


def _read_output(node: Node, unknown: list[str]) -> RctabOutput:
    _note_unknown(node, _OUTPUT_KEYS, unknown)
    return RctabOutput(
        _text(_get(node, "contestName")),
        _text(_get(node, "contestDate")),
        _text(_get(node, "contestJurisdiction")),
        _text(_get(node, "contestOffice")),
        _text(_get(node, "outputDirectory")),
        _flag(_get(node, "tabulateByBatch")),
        _flag(_get(node, "tabulateByPrecinct")),
        _flag(_get(node, "generateCdfJson")),
    )


def _read_source(node: Node, folder: Path, rules: Node, unknown: list[str]) -> CvrSource:
    _note_unknown(node, _SOURCE_KEYS, unknown)
    file_path = _text(_get(node, "filePath"))
    skipped = _text(_get(node, "skippedRankLabel")) or _text(_get(node, "undervoteLabel"))
    overvote = _text(_get(node, "overvoteLabel"))
    write_in = _text(_get(node, "undeclaredWriteInLabel"))
    blank_is_write_in = _flag(_get(node, "treatBlankAsUndeclaredWriteIn"))
    # RCTab's migration: labels once given for the whole contest apply to every source.
    overvote = _text(_get(rules, "overvoteLabel")) or overvote
    skipped = _text(_get(rules, "undervoteLabel")) or skipped
    write_in = _text(_get(rules, "undeclaredWriteInLabel")) or write_in
    blank_is_write_in = _flag(_get(rules, "treatBlankAsUndeclaredWriteIn")) or blank_is_write_in
    return CvrSource(
        provider=_text(node.field("provider")),
        path=folder / file_path if file_path else None,
        file_path=file_path,
        contest_id=_text(_get(node, "contestId")),
        first_vote_column=_column(_get(node, "firstVoteColumnIndex")),
        first_vote_row=_column(_get(node, "firstVoteRowIndex")),
        id_column=_column(_get(node, "idColumnIndex")),
        batch_column=_column(_get(node, "batchColumnIndex")),
        precinct_column=_column(_get(node, "precinctColumnIndex")),
        overvote_delimiter=_text(_get(node, "overvoteDelimiter")),
        overvote_label=overvote,
        skipped_rank_label=skipped,
        undeclared_write_in_label=write_in,
        treat_blank_as_undeclared_write_in=blank_is_write_in,
    )


def _read_candidate(node: Node, unknown: list[str]) -> RctabCandidate:
    _note_unknown(node, _CANDIDATE_KEYS, unknown)
    name = _text(node.field("name")).strip()
    if not name:
        raise node.field("name").error("a candidate has no name")
    aliases = [a.strip() for a in node.field("aliases", []).texts()]
    code = _text(node.field("code", None)).strip()
    if code and code not in aliases:
        aliases.append(code)
    return RctabCandidate(name, tuple(aliases), _flag(node.field("excluded", None)))


def _read_rules(node: Node) -> RctabRules:
    seats = _count(_get(node, "numberOfWinners"))
    winner_mode = _text(_get(node, "winnerElectionMode"))
    continue_until_two = _flag(_get(node, "continueUntilTwoCandidatesRemain"))
    if winner_mode == "singleSeatContinueUntilTwoCandidatesRemain":
        continue_until_two = True
    threshold = _percentage(_get(node, "multiSeatBottomsUpPercentageThreshold"))
    if winner_mode == "standard":
        winner_mode = (
            "multiWinnerAllowMultipleWinnersPerRound" if (seats or 0) > 1 else "singleWinnerMajority"
        )
    elif winner_mode == "multiSeatBottomsUp":
        by_percentage = seats == 0 or threshold is not None
        winner_mode = "bottomsUpUsingPercentageThreshold" if by_percentage else "bottomsUp"
    winner_mode = _OLD_WINNER_MODES.get(winner_mode, winner_mode)
    tiebreak = _text(_get(node, "tiebreakMode"))
    return RctabRules(
        tiebreak_mode=_OLD_TIEBREAK_MODES.get(tiebreak, tiebreak),
        overvote_rule=_text(_get(node, "overvoteRule")),
        winner_election_mode=winner_mode,
        number_of_winners=seats,
        random_seed=_count(_get(node, "randomSeed")),
        multi_seat_bottoms_up_percentage_threshold=threshold,
        decimal_places_for_vote_arithmetic=_count(_get(node, "decimalPlacesForVoteArithmetic")),
        minimum_vote_threshold=_count(_get(node, "minimumVoteThreshold")),
        max_skipped_ranks_allowed=_count(_get(node, "maxSkippedRanksAllowed"), unlimited="unlimited"),
        max_rankings_allowed=_count(_get(node, "maxRankingsAllowed"), unlimited="max"),
        non_integer_winning_threshold=_flag(_get(node, "nonIntegerWinningThreshold")),
        does_first_round_determine_threshold=_flag(_get(node, "doesFirstRoundDetermineThreshold")),
        hare_quota=_flag(_get(node, "hareQuota")),
        batch_elimination=_flag(_get(node, "batchElimination")),
        cutoff_elimination=_flag(_get(node, "cutoffElimination")),
        continue_until_two_candidates_remain=continue_until_two,
        stop_tabulation_early_after_round=_count(_get(node, "stopTabulationEarlyAfterRound")),
        exhaust_on_duplicate_candidate=_flag(_get(node, "exhaustOnDuplicateCandidate")),
        rules_description=_text(_get(node, "rulesDescription")),
    )
