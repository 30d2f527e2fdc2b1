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
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from votecount.ballots import RankedBallot
from votecount.errors import BallotFileError, ResultFileError
from votecount.formats._common import parse_weight, shown
from votecount.formats._jsondoc import (
    Fail,
    Node,
    candidate_to_json,
    kind_of,
    load_json,
    number_to_json,
    parse_number,
)
from votecount.formats.result_json import (
    RESULT_FORMAT,
    result_from_dict,
    result_from_json,
    result_to_dict,
    result_to_json,
)
from votecount.numbers import Number
from votecount.profile import Profile
from votecount.validity import Mark, RawElection, RawMarks, RawPaper, RawRanking

PROFILE_FORMAT = "votecount-profile"
VERSION = 1


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


def parse_json(text: str, *, source: str | None = None) -> RawElection:
    """Parse a profile document into the election as written (the policy applies after)."""

    def fail_at(line: int | None) -> Fail:
        def fail(key: str, reason: str) -> BallotFileError:
            return BallotFileError(f"not a valid profile: {key}: {reason}", path=source, line=line)

        return fail

    doc = load_json(
        text, lambda reason, line: BallotFileError(reason, path=source, line=line), parse_float=Decimal
    )
    if not isinstance(doc, dict):
        raise BallotFileError("a profile document is a JSON object", path=source, line=1)
    root = Node(doc, fail=fail_at(None))
    found = doc.get("format", PROFILE_FORMAT)
    if found != PROFILE_FORMAT:
        what = shown(found) if isinstance(found, str) else kind_of(found)
        raise BallotFileError(f"not a votecount profile (format {what})", path=source)
    cands = tuple(c.candidate() for c in root.field("candidates").each())
    by_key: dict[str, int] = {}
    for i, c in enumerate(cands):
        by_key.setdefault(c.name, i)
    for i, c in enumerate(cands):
        by_key[c.id] = i

    def mark(key: Any) -> Mark:
        index = by_key.get(str(key))
        return str(key) if index is None else index

    def candidates_in(node: Node) -> tuple[int, ...]:
        out = []
        for item in node.each():
            key = item.label()
            if key not in by_key:
                raise item.error(f"{shown(key)} is not a candidate")
            out.append(by_key[key])
        return tuple(out)

    ballots = root.field("ballots", [])
    def places_of(ranking: list[Any]) -> tuple[tuple[Mark, ...], ...]:
        return tuple(tuple(mark(m) for m in p) if isinstance(p, list) else (mark(p),) for p in ranking)

    items = list(ballots.each())
    lines = _ballot_lines(text, ballots.value)
    papers: list[RawPaper] = []
    for b, line in zip(items, lines, strict=True):
        raw = b.value
        if _plain_ranking(raw):
            papers.append(RawRanking(places_of(raw["ranking"]), raw.get("weight", 1), line, raw.get("id")))
            continue
        b = Node(raw, b.key, fail=fail_at(line))
        b.mapping()
        weight_node = b.field("weight", 1)
        raw_weight = weight_node.value
        if isinstance(raw_weight, bool) or not isinstance(raw_weight, int | str | Decimal):
            raise weight_node.error(f"weight {kind_of(raw_weight)} is not a number")
        weight = parse_weight(str(raw_weight), source=source, line=line)
        ballot_id = b.field("id", None)
        ident = None if ballot_id.value is None else ballot_id.label()
        if b.has("marks"):
            marks = tuple(mark(m.value) for m in b.field("marks").each())
            papers.append(RawMarks(marks, weight, line, ident))
        else:
            b.field("ranking").each()  # a list, or an error naming the key
            papers.append(RawRanking(places_of(b.mapping()["ranking"]), weight, line, ident))
    seats = root.field("seats", None).optional_whole()
    if seats is not None and seats < 1:
        raise root.fail("seats", f"at least 1 seat, not {seats}")
    return RawElection(
        cands,
        papers,
        seats=seats,
        title=root.field("title", None).optional_text() or "",
        withdrawn=frozenset(candidates_in(root.field("withdrawn", []))),
        tie_order=candidates_in(root.field("tie_order", [])),
        source=source,
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
    "parse_json",
    "profile_to_dict",
    "result_from_dict",
    "result_from_json",
    "result_to_dict",
    "result_to_json",
]
