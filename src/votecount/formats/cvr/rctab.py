"""A contest as an RCTab configuration describes it: every CVR source read into one election.

:func:`read_rctab_config` reads the configuration (:mod:`votecount.formats.rctab_config`),
reads each of its cast-vote-record sources with its provider's reader, and turns every record
into a paper as written (:class:`~votecount.validity.RawRanking`), so that the validity policy
and the validation report account for each ballot by its record id. The candidates are the
configuration's, in its order, each record's text (a name, code or alias) mapped to its
candidate as RCTab maps it; when a source has an undeclared write-in label, or treats blanks as
undeclared write-ins, RCTab's own "Undeclared Write-ins" candidate comes last.

A paper's places follow the record's ranks: ``positions[k]`` holds every mark at rank
``k + 1`` (none for a skipped rank; several for an overvote), each a candidate's index, the
``str`` mark :data:`~votecount.formats.cvr.common.OVERVOTE` for a rank the record marks as an
overvote without naming candidates, or the record's text where it names no candidate of the
configuration. Excluded candidates are the election's ``withdrawn``; its ``seats`` are the
``numberOfWinners`` (none for 0, which RCTab's bottoms-up count by percentage threshold uses).
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType

import attrs

from votecount.ballots import Candidate
from votecount.errors import BallotFileError
from votecount.formats.cvr.common import OVERVOTE, UNDECLARED_WRITE_IN, CastVoteRecord, Skipped, damaged
from votecount.formats.rctab_config import CvrSource, RctabConfig, load_rctab_config
from votecount.validity import Mark, RawElection, RawRanking

READERS: Mapping[str, str] = {
    "ess": "votecount.formats.cvr.ess",
    "genericCsv": "votecount.formats.cvr.generic_csv",
    "clearBallot": "votecount.formats.cvr.clear_ballot",
    "dominion": "votecount.formats.cvr.dominion",
    "hart": "votecount.formats.cvr.hart",
    "cdf.json": "votecount.formats.cvr.cdf_json",
    "cdf.xml": "votecount.formats.cvr.cdf_xml",
}
"""The reader of each provider (CDF by the file's extension). The table names modules, which
are imported when a source needs them: each needs an optional library (openpyxl, ijson,
defusedxml; ``pip install votecount[cvr]``) that the rest of votecount does without."""

MAX_RANK = 10_000
"""The highest rank read where the configuration sets no limit (``"max"``): a paper holds a
place for every rank up to its last, so a damaged rank must not claim memory."""


@attrs.frozen
class RctabContest:
    """A contest read from an RCTab configuration: the configuration and the papers as written."""

    config: RctabConfig
    election: RawElection
    undeclared_write_in: int | None = None
    """The index of RCTab's "Undeclared Write-ins" candidate, where the configuration has one."""
    skipped: tuple[tuple[str, int], ...] = ()
    """Records the readers passed over as RCTab does (not ballots of this contest), by reason."""
    unknown: tuple[tuple[str, int], ...] = ()
    """Texts in the records naming no candidate of the configuration, with how many marks
    each (RCTab refuses to count until they are added as candidates or aliases)."""


def read_rctab_config(path: str | Path) -> RctabContest:
    """Read the RCTab configuration at ``path`` and every cast-vote record it names."""
    return read_contest(load_rctab_config(path))


def reader_for(source: CvrSource) -> ModuleType:
    """The module reading ``source``'s provider; a clear error when its library is missing."""
    key = source.provider
    if key == "cdf" and source.path is not None:
        key = f"cdf{source.path.suffix.lower()}"
    if key not in READERS:
        raise BallotFileError(
            f"cannot read provider {source.provider!r} (file {source.file_path!r}); "
            "known: ess, genericCsv, clearBallot, dominion, hart, cdf (.json or .xml)",
            path=str(source.path),
        )
    try:
        return importlib.import_module(READERS[key])
    except ImportError as exc:
        raise BallotFileError(
            f"reading {source.provider} cast-vote records needs {exc.name}: pip install 'votecount[cvr]'",
            path=str(source.path),
        ) from None


def read_contest(config: RctabConfig) -> RctabContest:
    """Every source of ``config`` read into one election (see the module's docstring)."""
    candidates = [Candidate(c.name) for c in config.candidates]
    lookup: dict[str, int] = {}
    for index, candidate in enumerate(config.candidates):
        for text in (*candidate.aliases, candidate.name):
            lookup[text] = index
    write_in: int | None = None
    if config.undeclared_write_ins:
        write_in = len(candidates)
        candidates.append(Candidate(UNDECLARED_WRITE_IN))
        lookup[UNDECLARED_WRITE_IN] = write_in
    skipped = Skipped()
    unknown: Counter[str] = Counter()
    papers: list[RawRanking] = []
    several = len(config.sources) > 1
    for source in config.sources:
        if source.path is None:
            raise BallotFileError("a CVR source names no file (filePath)", path=str(config.path))
        reader = reader_for(source)
        limit = config.rules.max_rankings_allowed
        for record in reader.read(source, max_rankings=limit, skipped=skipped):
            papers.append(_paper(record, source, lookup, unknown, limit, several))
    seats = config.rules.number_of_winners
    election = RawElection(
        tuple(candidates),
        papers,
        seats=seats if seats is not None and seats > 0 else None,  # 0: bottoms-up by percentage
        title=config.output.contest_name,
        withdrawn=frozenset(i for i, c in enumerate(config.candidates) if c.excluded),
        source=str(config.path),
    )
    return RctabContest(
        config,
        election,
        write_in,
        tuple(sorted(skipped.counts.items())),
        tuple(sorted(unknown.items())),
    )


def _paper(
    record: CastVoteRecord,
    source: CvrSource,
    lookup: Mapping[str, int],
    unknown: Counter[str],
    limit: int | None,
    several: bool,
) -> RawRanking:
    """The record as a paper as written: its marks grouped by rank, texts mapped to candidates."""
    places: dict[int, list[Mark]] = {}
    for rank, text in record.rankings:
        mark: Mark
        if text in lookup:
            mark = lookup[text]
        elif text == OVERVOTE:
            mark = OVERVOTE
        else:
            mark = text
            unknown[text] += 1
        places.setdefault(rank, []).append(mark)
    last = max(places, default=0)
    if (limit is not None and last > limit and source.provider != "ess") or last > MAX_RANK:
        allowed = (
            f"the contest allows {limit} (maxRankingsAllowed)" if limit is not None else f"at most {MAX_RANK}"
        )
        raise damaged(
            record.file or source.path or "",
            f"a ranking at rank {last}, but {allowed}",
            line=record.line,
            record=record.id,
        )
    positions = tuple(tuple(places.get(rank, ())) for rank in range(1, last + 1))
    file_name = (record.file or source.path or Path("")).name
    record_id = f"{file_name}:{record.id}" if several else record.id
    return RawRanking(positions, 1, record.line, record_id)


def iter_records(source: CvrSource, *, max_rankings: int | None = None) -> Iterator[CastVoteRecord]:
    """The records of one source as its provider's reader gives them (for inspection)."""
    return iter(reader_for(source).read(source, max_rankings=max_rankings, skipped=Skipped()))
