"""Dominion cast-vote records: a folder of JSON exports, one session per ballot.

The layout (Dominion's CVR export, as RCTab's ``DominionCvrReader`` reads it): the source's
``filePath`` is a folder holding ``ContestManifest.json`` (``List`` of contests: ``Id``,
``Description``, ``NumOfRanks``), ``CandidateManifest.json`` and other manifests, and the
records in ``CvrExport.json`` or, split, in ``CvrExport_<n>.json`` files (read in the order of
their names, as RCTab sorts them). Each file's ``Sessions`` are the ballots: ``TabulatorId``,
``BatchId`` and ``RecordId`` (the record's id is the three joined by ``-``), and the ballot as
first read (``Original``) or, where that is no longer current (``IsCurrent`` false), as
adjudicated (``Modified``); a session with neither is passed over, as RCTab passes it over.
A ballot's ``Cards`` (or the ballot itself, for a one-card ballot) list ``Contests``; the
one whose ``Id`` is the source's ``contestId`` is the record, unless it carries outstack
condition 7 (the contest excluded from the count), and its ``Marks`` are the rankings
(``CandidateId``, ``Rank``), ambiguous marks left out. Candidates are Dominion's numeric ids,
matched against the configuration's aliases; the ``undeclaredWriteInLabel`` is the id of the
write-in candidate.

The export files are streamed session by session with ijson (a ``cvr`` extra), so memory does
not grow with the size of a file; the manifests are small and read whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import ijson

from votecount.errors import BallotFileError
from votecount.formats.cvr.common import (
    UNDECLARED_WRITE_IN,
    CastVoteRecord,
    Ranking,
    Skipped,
    damaged,
    files_in,
    positive_rank,
)
from votecount.formats.rctab_config import CvrSource

NAME = "Dominion"
EXCLUDED_CONTEST = 7
"""Dominion's outstack condition that excludes a contest on a ballot from the count."""
_SPLIT_EXPORT = re.compile(r"CvrExport_[0-9]+\.json")


def read(source: CvrSource, *, max_rankings: int | None, skipped: Skipped) -> Iterator[CastVoteRecord]:
    """Every ballot's record of the source's contest (see the module's docstring)."""
    folder = source.path
    assert folder is not None
    max_ranks = _contest_ranks(folder / "ContestManifest.json", source.contest_id)
    single = folder / "CvrExport.json"
    if single.is_file():
        exports = [single]
    else:
        exports = [p for p in files_in(folder, what="Dominion export") if _SPLIT_EXPORT.fullmatch(p.name)]
        exports.sort(key=lambda p: str(p.absolute()))
    if not exports:
        raise BallotFileError("no CvrExport.json or CvrExport_<n>.json in the folder", path=str(folder))
    ordinal = 0  # sessions are numbered across the exports, so that each has its own number
    for export in exports:
        ordinal = yield from _read_export(export, ordinal, source, max_ranks, skipped)


def _contest_ranks(manifest: Path, contest_id: str) -> int | None:
    """The contest's ``NumOfRanks`` from the manifest (``None`` if it gives none)."""
    try:
        document = json.loads(manifest.read_text(encoding="utf-8-sig"))
        contests = document["List"]
        found = [c for c in contests if str(c["Id"]) == contest_id]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise BallotFileError(f"cannot read the contest manifest: {exc}", path=str(manifest)) from None
    if not found:
        raise BallotFileError(f"contest {contest_id!r} is not in the contest manifest", path=str(manifest))
    ranks = found[0].get("NumOfRanks")
    return ranks if isinstance(ranks, int) and not isinstance(ranks, bool) and ranks > 0 else None


def _read_export(
    export: Path, ordinal: int, source: CvrSource, max_ranks: int | None, skipped: Skipped
) -> Generator[CastVoteRecord, None, int]:
    """The records of one export file, its sessions numbered on from ``ordinal``; returns the
    last number given."""
    try:
        with export.open("rb") as handle:
            for session in ijson.items(handle, "Sessions.item"):
                ordinal += 1
                yield from _session(export, session, ordinal, source, max_ranks, skipped)
        return ordinal
    except BallotFileError:
        raise
    except (OSError, ijson.JSONError, ValueError) as exc:
        raise BallotFileError(
            f"not a readable Dominion export: {exc}", path=str(export), line=ordinal or None
        ) from None


def _session(
    export: Path, session: Any, ordinal: int, source: CvrSource, max_ranks: int | None, skipped: Skipped
) -> Iterator[CastVoteRecord]:
    try:
        record_id = "-".join(str(session[key]) for key in ("TabulatorId", "BatchId", "RecordId"))
        ballot = session["Original"]
        if not ballot["IsCurrent"]:
            if "Modified" not in session:
                skipped.add("Dominion session with no current (adjudicated) ballot")
                return
            ballot = session["Modified"]
        cards = ballot.get("Cards", [ballot])
        for card in cards:
            for contest in card["Contests"]:
                if str(contest["Id"]) != source.contest_id:
                    continue
                if EXCLUDED_CONTEST in contest.get("OutstackConditionIds", ()):
                    skipped.add("Dominion contest excluded by outstack condition 7")
                    continue
                yield CastVoteRecord(
                    record_id,
                    ordinal,
                    _marks(export, contest["Marks"], ordinal, record_id, source, max_ranks),
                    export,
                )
    except (KeyError, TypeError) as exc:
        raise damaged(export, f"session {ordinal}: missing or malformed {exc}", line=ordinal) from None


def _marks(
    export: Path, marks: Any, ordinal: int, record_id: str, source: CvrSource, max_ranks: int | None
) -> tuple[Ranking, ...]:
    rankings: list[Ranking] = []
    for mark in marks:
        if mark.get("IsAmbiguous"):
            continue
        code = str(mark["CandidateId"])
        if code == source.undeclared_write_in_label:
            code = UNDECLARED_WRITE_IN
        rank = positive_rank(mark["Rank"], export, line=ordinal, record=record_id)
        if max_ranks is not None and rank > max_ranks:
            raise damaged(
                export, f"rank {rank}, but the contest has {max_ranks} ranks", line=ordinal, record=record_id
            )
        rankings.append((rank, code))
    return tuple(rankings)
