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

from pathlib import Path

import attrs

from votecount.errors import BallotFileError
from votecount.formats._jsondoc import Node, load_json
from votecount.formats.rctab_rules import (
    OVERVOTE_RULES,
    RULE_KEYS,
    TIEBREAK_MODES,
    WINNER_ELECTION_MODES,
    RctabRules,
    column,
    flag,
    get,
    read_rules,
    text,
)

__all__ = [
    "OVERVOTE_RULES",
    "PROVIDERS",
    "TIEBREAK_MODES",
    "WINNER_ELECTION_MODES",
    "CvrSource",
    "RctabCandidate",
    "RctabConfig",
    "RctabOutput",
    "RctabRules",
    "load_rctab_config",
]

PROVIDERS = ("ess", "dominion", "hart", "clearBallot", "cdf", "genericCsv")
"""RCTab's provider names (``ContestConfig.Provider``): ES&S spreadsheets, Dominion JSON, Hart
XML, Clear Ballot CSV, NIST Common Data Format (JSON or XML, which Unisyn exports), and
RCTab's generic CSV."""

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
        written = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BallotFileError(f"cannot read the RCTab configuration: {exc}", path=where) from None

    def fail_at_line(reason: str, line: int | None) -> Exception:
        return BallotFileError(reason, path=where, line=line)

    def fail(key: str, reason: str) -> Exception:
        return BallotFileError(f"{key or 'the document'}: {reason}", path=where)

    document = Node(load_json(written, fail_at_line), fail=fail)
    unknown: list[str] = []
    _note_unknown(document, _TOP_KEYS, unknown)
    version = document.field("tabulatorVersion", None)
    output = _read_output(document.field("outputSettings", {}), unknown)
    rules_node = document.field("rules")
    _note_unknown(rules_node, RULE_KEYS, unknown)
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
        read_rules(rules_node),
        tuple(unknown),
    )


def _note_unknown(node: Node, known: frozenset[str], unknown: list[str]) -> None:
    unknown.extend(node.child_key(key) for key in node.mapping() if key not in known)


def _read_output(node: Node, unknown: list[str]) -> RctabOutput:
    _note_unknown(node, _OUTPUT_KEYS, unknown)
    return RctabOutput(
        text(get(node, "contestName")),
        text(get(node, "contestDate")),
        text(get(node, "contestJurisdiction")),
        text(get(node, "contestOffice")),
        text(get(node, "outputDirectory")),
        flag(get(node, "tabulateByBatch")),
        flag(get(node, "tabulateByPrecinct")),
        flag(get(node, "generateCdfJson")),
    )


def _read_source(node: Node, folder: Path, rules: Node, unknown: list[str]) -> CvrSource:
    _note_unknown(node, _SOURCE_KEYS, unknown)
    file_path = text(get(node, "filePath"))
    skipped = text(get(node, "skippedRankLabel")) or text(get(node, "undervoteLabel"))
    overvote = text(get(node, "overvoteLabel"))
    write_in = text(get(node, "undeclaredWriteInLabel"))
    blank_is_write_in = flag(get(node, "treatBlankAsUndeclaredWriteIn"))
    # RCTab's migration: labels once given for the whole contest apply to every source.
    overvote = text(get(rules, "overvoteLabel")) or overvote
    skipped = text(get(rules, "undervoteLabel")) or skipped
    write_in = text(get(rules, "undeclaredWriteInLabel")) or write_in
    blank_is_write_in = flag(get(rules, "treatBlankAsUndeclaredWriteIn")) or blank_is_write_in
    return CvrSource(
        provider=text(node.field("provider")),
        path=folder / file_path if file_path else None,
        file_path=file_path,
        contest_id=text(get(node, "contestId")),
        first_vote_column=column(get(node, "firstVoteColumnIndex")),
        first_vote_row=column(get(node, "firstVoteRowIndex")),
        id_column=column(get(node, "idColumnIndex")),
        batch_column=column(get(node, "batchColumnIndex")),
        precinct_column=column(get(node, "precinctColumnIndex")),
        overvote_delimiter=text(get(node, "overvoteDelimiter")),
        overvote_label=overvote,
        skipped_rank_label=skipped,
        undeclared_write_in_label=write_in,
        treat_blank_as_undeclared_write_in=blank_is_write_in,
    )


def _read_candidate(node: Node, unknown: list[str]) -> RctabCandidate:
    _note_unknown(node, _CANDIDATE_KEYS, unknown)
    name = text(node.field("name")).strip()
    if not name:
        raise node.field("name").error("a candidate has no name")
    aliases = [a.strip() for a in node.field("aliases", []).texts()]
    code = text(node.field("code", None)).strip()
    if code and code not in aliases:
        aliases.append(code)
    return RctabCandidate(name, tuple(aliases), flag(node.field("excluded", None)))
