"""NIST Common Data Format cast-vote records in XML, as NIST's examples and Unisyn export them.

The same ``CastVoteRecordReport`` as :mod:`votecount.formats.cvr.cdf_json`, written as XML
(RCTab reads both with ``CommonDataFormatReader``): ids are ``ObjectId`` attributes, a
selection's candidates are repeated ``CandidateIds`` elements, and element names may carry a
namespace prefix (NIST's examples write ``cdf:CVR``; Unisyn's OVCS writes a default
namespace), which is ignored. The contest is found by its ``Name``; a ballot without it is
passed over, as RCTab passes it over; a selection whose ``Status`` is
``needs-adjudication`` is not a mark; the record's id is ``UniqueId``, else RCTab's
``file.xml(n)``.

The file is streamed twice: once for the election's candidates and contests (which come
after the records), once record by record, each record's elements cleared when it has been
read, so memory does not grow with the file. A document type declaration is refused
(:mod:`votecount.formats.cvr._xml`), so a hostile file cannot declare an entity to expand
(billion laughs) or an external one to fetch.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from votecount.errors import BallotFileError
from votecount.formats.cvr._xml import XML_ERRORS, child, child_text, children, events, local
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

NAME = "CDF (XML)"


def _top_level(path: Path, name: str) -> Iterator[Element]:
    """The elements called ``name`` directly under the document's root, each whole, then
    cleared with everything read before it."""
    try:
        with path.open("rb") as handle:
            yield from _direct_children(events(handle, ("start", "end")), name)
    except (*XML_ERRORS, OSError) as exc:
        raise BallotFileError(f"not a readable CDF XML file: {exc}", path=str(path)) from None


def _direct_children(stream: Iterator[tuple[str, Element]], name: str) -> Iterator[Element]:
    depth = 0
    root: Element | None = None
    for event, element in stream:
        if event == "start":
            depth += 1
            if root is None:
                root = element
            continue
        depth -= 1
        if depth == 1:
            if local(element.tag) == name:
                yield element
            assert root is not None
            root.clear()


def read(source: CvrSource, *, max_rankings: int | None, skipped: Skipped) -> Iterator[CastVoteRecord]:
    """Every ballot's record of the source's contest (see the module's docstring)."""
    path = source.path
    assert path is not None
    contest_id, selections = _election(path, source)
    for ordinal, cvr in enumerate(_top_level(path, "CVR"), start=1):
        record = _record(path, cvr, ordinal, contest_id, selections)
        if record is None:
            skipped.add("CDF record without this contest")
        else:
            yield record


def _election(path: Path, source: CvrSource) -> tuple[str, dict[str, str]]:
    """The contest's ``ObjectId`` and its selections' candidate texts."""
    names: dict[str, str] = {}
    contest: Element | None = None
    for election in _top_level(path, "Election"):
        for candidate in children(election, "Candidate"):
            names[candidate.get("ObjectId", "")] = child_text(candidate, "Name")
        for found in children(election, "Contest"):
            if contest is None and child_text(found, "Name") == source.contest_id:
                contest = found
    if contest is None:
        raise BallotFileError(f"contest {source.contest_id!r} is not in the file's Election", path=str(path))
    selections: dict[str, str] = {}
    for selection in children(contest, "ContestSelection"):
        key = selection.get("ObjectId", "")
        if key in selections:
            raise BallotFileError(f"contest selection {key!r} appears twice", path=str(path))
        if child_text(selection, "IsWriteIn").lower() == "true":
            selections[key] = UNDECLARED_WRITE_IN
            continue
        ids = [(c.text or "").strip() for c in children(selection, "CandidateIds")]
        if not ids or ids[0] not in names:
            raise BallotFileError(
                f"contest selection {key!r} names no candidate of the election", path=str(path)
            )
        name = names[ids[0]]
        selections[key] = OVERVOTE if source.overvote_label and name == source.overvote_label else name
    return contest.get("ObjectId", ""), selections


def _record(
    path: Path, cvr: Element, ordinal: int, contest_id: str, selections: dict[str, str]
) -> CastVoteRecord | None:
    record_id = child_text(cvr, "UniqueId") or f"{path.name}({ordinal})"
    current = child_text(cvr, "CurrentSnapshotId")
    snapshot = next((s for s in children(cvr, "CVRSnapshot") if s.get("ObjectId") == current), None)
    if snapshot is None:
        return None
    contest = next(
        (c for c in children(snapshot, "CVRContest") if child_text(c, "ContestId") == contest_id), None
    )
    if contest is None:
        return None
    rankings: list[Ranking] = []
    for chosen in children(contest, "CVRContestSelection"):
        if child_text(chosen, "Status") == "needs-adjudication":
            continue
        key = child_text(chosen, "ContestSelectionId")
        if key not in selections:
            raise damaged(
                path, f"contest selection {key!r} is not in the contest", line=ordinal, record=record_id
            )
        text = selections[key]
        if child(chosen, "Rank") is not None:
            rank = positive_rank(child_text(chosen, "Rank"), path, line=ordinal, record=record_id)
            rankings.append((rank, text))
            continue
        for position in children(chosen, "SelectionPosition"):
            if child(position, "CVRWriteIn") is not None:
                text = UNDECLARED_WRITE_IN
            if child_text(position, "HasIndication") == "no" or child_text(position, "IsAllocable") == "no":
                continue
            if child(position, "Rank") is None:
                raise damaged(
                    path, f"selection {key!r} has a position with no Rank", line=ordinal, record=record_id
                )
            rank = positive_rank(child_text(position, "Rank"), path, line=ordinal, record=record_id)
            rankings.append((rank, text))
    return CastVoteRecord(record_id, ordinal, tuple(rankings))
