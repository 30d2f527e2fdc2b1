"""NIST Common Data Format cast-vote records (NIST SP 1500-103), in JSON.

The layout (the CDF's ``CastVoteRecordReport``, as RCTab's ``CommonDataFormatReader`` reads
it): ``Election`` lists the ``Candidate``s (``@id``, ``Name``) and the ``Contest``s; the
source's ``contestId`` is a contest's ``Name``, and that contest's ``ContestSelection``s
(``@id``) point at a candidate (``CandidateIds``, the first one counts) or are a write-in
(``IsWriteIn``). Each ``CVR`` is a ballot: of its ``CVRSnapshot``s the one named by
``CurrentSnapshotId`` holds a ``CVRContest`` per contest on the ballot; the one for this
contest lists ``CVRContestSelection``s, each a selection (``ContestSelectionId``) with its
``Rank``, or with ``SelectionPosition``s each holding a ``Rank`` (a position with
``HasIndication`` or ``IsAllocable`` ``"no"`` is not a mark; one with a ``CVRWriteIn`` is an
undeclared write-in). A candidate whose ``Name`` is the source's ``overvoteLabel`` marks an
overvote. The record's id is ``BallotPrePrintedId``, else RCTab's ``file.json(n)``; the
candidate is matched by its ``Name`` against the configuration's names and aliases.

A ballot without this contest holds no ballot of it and is passed over (RCTab stops there
with an error). The file is streamed twice with ijson (a ``cvr`` extra): once for the
election's candidates and contests, once record by record, as the CDF puts the records
before the election in key order; memory does not grow with the number of records.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ijson

from votecount.errors import BallotFileError
from votecount.formats.cvr.common import (
    OVERVOTE,
    UNDECLARED_WRITE_IN,
    CastVoteRecord,
    Ranking,
    Skipped,
    damaged,
    positive_rank,
)
from votecount.formats.rctab_config import CvrSource

NAME = "CDF (JSON)"


def _is_yes(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def read(source: CvrSource, *, max_rankings: int | None, skipped: Skipped) -> Iterator[CastVoteRecord]:
    """Every ballot's record of the source's contest (see the module's docstring)."""
    path = source.path
    assert path is not None
    contest_id, selections = _election(path, source)
    ordinal = 0
    try:
        with path.open("rb") as handle:
            for cvr in ijson.items(handle, "CVR.item"):
                ordinal += 1
                try:
                    record = _record(path, cvr, ordinal, contest_id, selections)
                except (KeyError, TypeError, AttributeError) as exc:
                    raise damaged(path, f"malformed record: {exc!r}", line=ordinal) from None
                if record is None:
                    skipped.add("CDF record without this contest")
                else:
                    yield record
    except BallotFileError:
        raise
    except (OSError, ijson.JSONError, ValueError) as exc:
        raise BallotFileError(
            f"not a readable CDF JSON file: {exc}", path=str(path), line=ordinal or None
        ) from None


def _election(path: Path, source: CvrSource) -> tuple[str, dict[str, str]]:
    """The contest's ``@id`` and its selections' candidate texts (names, or RCTab's labels)."""
    names: dict[str, str] = {}
    contest: Any = None
    try:
        with path.open("rb") as handle:
            for election in ijson.items(handle, "Election.item"):
                for candidate in election.get("Candidate", ()):
                    names[str(candidate["@id"])] = str(candidate.get("Name", ""))
                for found in election.get("Contest", ()):
                    if contest is None and found.get("Name") == source.contest_id:
                        contest = found
    except (OSError, ijson.JSONError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BallotFileError(f"not a readable CDF JSON file: {exc}", path=str(path)) from None
    if contest is None:
        raise BallotFileError(f"contest {source.contest_id!r} is not in the file's Election", path=str(path))
    selections: dict[str, str] = {}
    listed = contest.get("ContestSelection", [])
    if not isinstance(listed, list) or not all(isinstance(s, dict) for s in listed):
        raise BallotFileError(
            f"contest {source.contest_id!r}: its ContestSelection is not a list of objects", path=str(path)
        )
    for selection in listed:
        key = str(selection.get("@id"))
        if key in selections:
            raise BallotFileError(f"contest selection {key!r} appears twice", path=str(path))
        if _is_yes(selection.get("IsWriteIn")):
            selections[key] = UNDECLARED_WRITE_IN
            continue
        ids = selection.get("CandidateIds") or ()
        if not isinstance(ids, list | tuple) or not ids or str(ids[0]) not in names:
            raise BallotFileError(
                f"contest selection {key!r} names no candidate of the election", path=str(path)
            )
        name = names[str(ids[0])]
        selections[key] = OVERVOTE if source.overvote_label and name == source.overvote_label else name
    return str(contest.get("@id")), selections


def _record(
    path: Path, cvr: Any, ordinal: int, contest_id: str, selections: dict[str, str]
) -> CastVoteRecord | None:
    record_id = str(cvr.get("BallotPrePrintedId") or f"{path.name}({ordinal})")
    try:
        current = cvr["CurrentSnapshotId"]
        snapshot = next(s for s in cvr["CVRSnapshot"] if s.get("@id") == current)
    except (KeyError, TypeError, StopIteration, AttributeError):
        raise damaged(
            path, "no current snapshot (CurrentSnapshotId)", line=ordinal, record=record_id
        ) from None
    contest = next((c for c in snapshot.get("CVRContest", ()) if c.get("ContestId") == contest_id), None)
    if contest is None:
        return None
    rankings: list[Ranking] = []
    for chosen in contest.get("CVRContestSelection", ()):
        key = chosen.get("ContestSelectionId")
        if key not in selections:
            raise damaged(
                path, f"contest selection {key!r} is not in the contest", line=ordinal, record=record_id
            )
        text = selections[key]
        if "Rank" in chosen:
            rankings.append((positive_rank(chosen["Rank"], path, line=ordinal, record=record_id), text))
            continue
        for position in chosen.get("SelectionPosition", ()):
            if "CVRWriteIn" in position:
                text = UNDECLARED_WRITE_IN
            if position.get("HasIndication") == "no" or position.get("IsAllocable") == "no":
                continue
            if "Rank" not in position:
                raise damaged(
                    path, f"selection {key!r} has a position with no Rank", line=ordinal, record=record_id
                )
            rankings.append((positive_rank(position["Rank"], path, line=ordinal, record=record_id), text))
    return CastVoteRecord(record_id, ordinal, tuple(rankings))
