"""JSON for profiles and for results, exact both ways.

Numbers keep their type: an ``int`` is a JSON integer; a ``Fraction`` is the string
``"n/d"`` (always with its denominator, ``"4/1"`` included, so it comes back a Fraction); a
``Decimal`` is its own string (``"123.45000"``, places kept). Candidates are referred to by
id, and each list of elected candidates is also given by name.

A **profile** document::

    {"format": "votecount-profile", "version": 1, "title": "...", "seats": 3,
     "candidates": [{"name": "Alice", "id": "A", "attributes": {"gender": "F"}}, ...],
     "withdrawn": ["C"], "tie_order": [],
     "ballots": [{"ranking": ["A", ["B", "C"]], "weight": 3},
                 {"marks": ["A", "B"], "weight": "1/3", "id": "p7"}]}

A **result** document is written and read by :mod:`votecount.formats.result_json`; its
functions are named here too (:func:`result_to_json`, :func:`result_from_json`...).

A profile that is not what this says raises :class:`~votecount.errors.BallotFileError`
naming the key (``ballots[3].ranking``) and, for a ballot, the line it starts on.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Sequence
from decimal import Decimal
from operator import itemgetter
from typing import Any

import attrs

from votecount.ballots import RankedBallot
from votecount.errors import BallotFileError, ResultFileError
from votecount.formats._common import parse_weight, shown
from votecount.formats._jsondoc import Fail, Node, kind_of, load_json, parse_number
from votecount.formats._jsonstream import Blocks, NotStreamed, Scanned, scan_profile
from votecount.formats.json_values import candidate_to_json, number_to_json
from votecount.formats.result_json import RESULT_FORMAT, result_to_dict, result_to_json
from votecount.formats.result_read import result_from_dict, result_from_json
from votecount.numbers import Number
from votecount.profile import Profile
from votecount.tally import CleanTally, clean_ranking
from votecount.validity import Mark, RawElection, RawMarks, RawPaper, RawRanking

PROFILE_FORMAT = "votecount-profile"
VERSION = 1
_DECODER = json.JSONDecoder(parse_float=Decimal)


def number_from_json(value: Any) -> Number | None:
    """The inverse of :func:`number_to_json`; :class:`~votecount.errors.ResultFileError`
    (a ``ValueError``) for anything it does not write."""
    found = parse_number(value)
    if isinstance(found, str):
        raise ResultFileError(found)
    return found


# Profiles


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    """A profile as a JSON-ready dict (ballots name candidates by id)."""
    cands = profile.candidates
    ids = [c.id for c in cands]
    ballots: list[dict[str, Any]] = []
    for b in profile.ballots:
        entry: dict[str, Any]
        if isinstance(b, RankedBallot):
            entry = {
                "ranking": [ids[p] if isinstance(p, int) else [ids[i] for i in sorted(p)] for p in b.ranking]
            }
        else:
            entry = {"marks": [ids[i] for i in sorted(b.marks)]}
        entry["weight"] = number_to_json(b.weight)
        if b.id is not None:
            entry["id"] = b.id
        ballots.append(entry)
    return {
        "format": PROFILE_FORMAT,
        "version": VERSION,
        "title": profile.title,
        "seats": profile.seats,
        "candidates": [candidate_to_json(c) for c in cands],
        "withdrawn": [ids[i] for i in sorted(profile.withdrawn)],
        "tie_order": [ids[i] for i in profile.tie_order],
        "ballots": ballots,
    }


def dumps_json(profile: Profile) -> str:
    """A profile as JSON text, one candidate and one ballot per line."""
    doc = profile_to_dict(profile)
    out = []
    for key, value in doc.items():
        if key in ("candidates", "ballots"):
            items = ",\n".join("  " + json.dumps(v, ensure_ascii=False) for v in value)
            out.append(f" {json.dumps(key)}: [" + (f"\n{items}\n ]" if items else "]"))
        else:
            out.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(out) + "\n}\n"


def parse_json(text: str | Blocks, *, source: str | None = None) -> RawElection:
    """Parse a profile document (its text, or a file's :class:`~votecount.formats._jsonstream.Blocks`)
    into the election as written (the policy applies after).

    The document is read a block at a time (:mod:`votecount.formats._jsonstream`): each
    distinct ballot record is decoded once, and a clean one (a ranking of known candidates,
    none twice, a whole weight, no id) goes to the tally, so that memory grows with the
    distinct records, not with the file. A document the scanner cannot vouch for, or one
    whose values are wrong, is read again whole by :func:`parse_document`, which raises the
    error, naming the key and the ballot's line.
    """
    blocks = text if isinstance(text, Blocks) else Blocks.of_text(text, source)
    try:
        scanned = scan_profile(blocks)
    except NotStreamed:
        return parse_document(blocks.whole(), source=source)
    try:
        return _streamed(scanned, source)
    except BallotFileError:  # told again from the whole document, its key named
        return parse_document(blocks.whole(), source=source)


def _streamed(scanned: Scanned, source: str | None) -> RawElection:
    """The election from a scanned document: each distinct record decoded once, clean ones
    tallied with their lines, any other one a paper for each record with its text, in the
    order of the file."""
    reading = _Reading(scanned.head, source)
    line_of = scanned.lines
    tally = CleanTally()
    papers: list[tuple[int, RawPaper]] = []
    decode = _DECODER.decode
    for text, held in scanned.records.items():
        raw = decode(text)
        ranking = reading.clean(raw)
        if ranking is not None:
            tally.rankings[text] = (ranking, raw.get("weight", 1))
            on = line_of.__getitem__
            tally.lines[text] = on(held) if isinstance(held, int) else array("I", map(on, held))
            continue
        ordinals = (held,) if isinstance(held, int) else held
        paper = reading.paper(raw, "ballots", line_of[ordinals[0]])
        papers.append((ordinals[0], paper))
        papers += [(n, attrs.evolve(paper, line=line_of[n])) for n in ordinals[1:]]
    papers.sort(key=itemgetter(0))
    return reading.election([paper for _, paper in papers], tally)


def parse_document(text: str, *, source: str | None = None) -> RawElection:
    """Parse a profile document held whole: every check made in the order the file gives it,
    so that any error is named by its key (``ballots[3].ranking``) and line."""
    doc = load_json(
        text, lambda reason, line: BallotFileError(reason, path=source, line=line), parse_float=Decimal
    )
    if not isinstance(doc, dict):
        raise BallotFileError("a profile document is a JSON object", path=source, line=1)
    reading = _Reading(doc, source)
    ballots = reading.root.field("ballots", [])
    items = list(ballots.each())
    lines = _ballot_lines(text, ballots.value)
    papers = [reading.paper(b.value, b.key, line) for b, line in zip(items, lines, strict=True)]
    return reading.election(papers)


class _Reading:
    """A profile document's values other than its ballots, checked in the order the old
    reader checked them, and what turns a ballot record into a paper."""

    def __init__(self, doc: dict[str, Any], source: str | None) -> None:
        self.source = source
        self.root = Node(doc, fail=self.fail_at(None))
        found = doc.get("format", PROFILE_FORMAT)
        if found != PROFILE_FORMAT:
            what = shown(found) if isinstance(found, str) else kind_of(found)
            raise BallotFileError(f"not a votecount profile (format {what})", path=source)
        self.cands = tuple(c.candidate() for c in self.root.field("candidates").each())
        by_key: dict[str, int] = {}
        for i, c in enumerate(self.cands):
            by_key.setdefault(c.name, i)
        for i, c in enumerate(self.cands):
            by_key[c.id] = i
        self.by_key = by_key

    def fail_at(self, line: int | None) -> Fail:
        def fail(key: str, reason: str) -> BallotFileError:
            return BallotFileError(f"not a valid profile: {key}: {reason}", path=self.source, line=line)

        return fail

    def mark(self, key: Any) -> Mark:
        index = self.by_key.get(str(key))
        return str(key) if index is None else index

    def places_of(self, ranking: list[Any]) -> tuple[tuple[Mark, ...], ...]:
        mark = self.mark
        return tuple(tuple(mark(m) for m in p) if isinstance(p, list) else (mark(p),) for p in ranking)

    def clean(self, raw: Any) -> tuple[int, ...] | None:
        """The ranking of a clean record (see :mod:`votecount.tally`), else None."""
        if not _plain_ranking(raw) or raw.get("id") is not None:
            return None
        return clean_ranking(self.places_of(raw["ranking"]))

    def paper(self, raw: Any, key: str, line: int | None) -> RawPaper:
        """The paper a ballot record (at ``key``, on ``line``) writes."""
        if _plain_ranking(raw):
            return RawRanking(self.places_of(raw["ranking"]), raw.get("weight", 1), line, raw.get("id"))
        b = Node(raw, key, fail=self.fail_at(line))
        b.mapping()
        weight_node = b.field("weight", 1)
        raw_weight = weight_node.value
        if isinstance(raw_weight, bool) or not isinstance(raw_weight, int | str | Decimal):
            raise weight_node.error(f"weight {kind_of(raw_weight)} is not a number")
        weight = parse_weight(str(raw_weight), source=self.source, line=line)
        ballot_id = b.field("id", None)
        ident = None if ballot_id.value is None else ballot_id.label()
        if b.has("marks"):
            return RawMarks(tuple(self.mark(m.value) for m in b.field("marks").each()), weight, line, ident)
        b.field("ranking").each()  # a list, or an error naming the key
        return RawRanking(self.places_of(b.mapping()["ranking"]), weight, line, ident)

    def candidates_in(self, node: Node) -> tuple[int, ...]:
        out = []
        for item in node.each():
            key = item.label()
            if key not in self.by_key:
                raise item.error(f"{shown(key)} is not a candidate")
            out.append(self.by_key[key])
        return tuple(out)

    def election(self, papers: list[RawPaper], clean: CleanTally | None = None) -> RawElection:
        root = self.root
        seats = root.field("seats", None).optional_whole()
        if seats is not None and seats < 1:
            raise root.fail("seats", f"at least 1 seat, not {seats}")
        return RawElection(
            self.cands,
            papers,
            seats=seats,
            title=root.field("title", None).optional_text() or "",
            withdrawn=frozenset(self.candidates_in(root.field("withdrawn", []))),
            tie_order=self.candidates_in(root.field("tie_order", [])),
            source=self.source,
            clean=clean,
        )


def _plain_ranking(raw: Any) -> bool:
    """Whether ``raw`` is a ranked ballot as :func:`dumps_json` writes it: a ranking list, a
    whole weight from 0 up (or none), text or no id. Such a ballot is taken as it is; any
    other goes the careful way, key by key, so that its error names the key."""
    if type(raw) is not dict or "marks" in raw or type(raw.get("ranking")) is not list:
        return False
    weight = raw.get("weight", 1)
    ident = raw.get("id")
    return type(weight) is int and weight >= 0 and (ident is None or type(ident) is str)


def _ballot_lines(text: str, ballots: Sequence[Any]) -> list[int | None]:
    """The line each ballot starts on, found by decoding the ballots array again from its
    own position; ``None`` for each when that cannot be done surely.

    Lines are counted from one ballot to the next, never again from the start of the text,
    so that the work grows with the file, not with its square (40,000 ballots took 22 s).
    """
    unknown: list[int | None] = [None] * len(ballots)
    key = text.find('"ballots"')
    start = text.find("[", key) if key >= 0 else -1
    if start < 0:
        return unknown
    decoder = json.JSONDecoder(parse_float=Decimal)
    found: list[int | None] = []
    pos = start + 1
    counted, line = 0, 1
    try:
        while len(found) < len(ballots):
            while text[pos] in " \t\r\n,":
                pos += 1
            value, end = decoder.raw_decode(text, pos)
            if value != ballots[len(found)]:
                return unknown
            line += text.count("\n", counted, pos)
            counted = pos
            found.append(line)
            pos = end
    except (ValueError, IndexError, RecursionError):
        return unknown
    return found


__all__ = [
    "PROFILE_FORMAT",
    "RESULT_FORMAT",
    "dumps_json",
    "number_from_json",
    "number_to_json",
    "parse_document",
    "parse_json",
    "profile_to_dict",
    "result_from_dict",
    "result_from_json",
    "result_to_dict",
    "result_to_json",
]
