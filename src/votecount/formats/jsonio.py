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

A **result** document (:func:`result_to_dict`) holds ``rule``, ``options``, ``seats``,
``elected`` (names, in order of election), ``quota``, ``valid_poll`` and every round with
its votes, transfers and events, the ties met, and the validation report. Options that are not
JSON values are written as strings, and ``option_types`` says which ones can be restored
(``Fraction``, ``Decimal``, ``tuple``, ``set``, ``Candidate``) and which were only described
(``repr``: they come back as their string).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from votecount.ballots import Candidate, Profile, RankedBallot
from votecount.errors import BallotFileError
from votecount.formats._common import parse_weight
from votecount.result import Event, Number, Result, Round, Transfer
from votecount.ties import TieRecord
from votecount.validity import (
    BallotProblem,
    Mark,
    RawElection,
    RawMarks,
    RawPaper,
    RawRanking,
    ValidationReport,
)

PROFILE_FORMAT = "votecount-profile"
RESULT_FORMAT = "votecount-result"
VERSION = 1


# Numbers


def number_to_json(value: Number | None) -> int | str | None:
    """``int`` as is, ``Fraction`` as ``"n/d"``, ``Decimal`` as its string."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("a count figure cannot be a bool")
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not an exact number: {value!r} ({type(value).__name__})")


def number_from_json(value: Any) -> Number | None:
    """The inverse of :func:`number_to_json`."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("a count figure cannot be a bool")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        if "/" in value:
            num, _, den = value.partition("/")
            return Fraction(int(num), int(den))
        return Decimal(value)
    if isinstance(value, Decimal):  # a JSON number with a fraction part, read exactly
        return value
    raise ValueError(f"not an exact number: {value!r}")


def _candidate_to_json(c: Candidate) -> dict[str, Any]:
    out: dict[str, Any] = {"name": c.name, "id": c.id}
    if c.attributes:
        out["attributes"] = dict(c.attributes)
    return out


def _candidate_from_json(value: Any) -> Candidate:
    if isinstance(value, str):
        return Candidate(value)
    return Candidate(value["name"], value.get("id", value["name"]), value.get("attributes") or {})


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
        "candidates": [_candidate_to_json(c) for c in cands],
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
    try:
        doc = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise BallotFileError(
            f"not valid JSON: {exc.msg} (column {exc.colno})", path=source, line=exc.lineno
        ) from None
    if not isinstance(doc, dict):
        raise BallotFileError("a profile document is a JSON object", path=source, line=1)
    if doc.get("format", PROFILE_FORMAT) != PROFILE_FORMAT:
        raise BallotFileError(f"not a votecount profile (format {doc.get('format')!r})", path=source)
    try:
        cands = tuple(_candidate_from_json(c) for c in doc["candidates"])
        by_key: dict[str, int] = {}
        for i, c in enumerate(cands):
            by_key.setdefault(c.name, i)
        for i, c in enumerate(cands):
            by_key[c.id] = i

        def mark(key: Any) -> Mark:
            index = by_key.get(str(key))
            return str(key) if index is None else index

        papers: list[RawPaper] = []
        lines = _ballot_lines(text, doc.get("ballots", ()))
        for k, b in enumerate(doc.get("ballots", ())):
            raw_weight = b.get("weight", 1)
            if isinstance(raw_weight, bool) or not isinstance(raw_weight, int | str | Decimal):
                raise BallotFileError(f"ballot {k + 1}: weight {raw_weight!r} is not a number", path=source)
            weight = parse_weight(str(raw_weight), source=source, line=lines[k])
            ballot_id = b.get("id")
            if "marks" in b:
                papers.append(RawMarks(tuple(mark(m) for m in b["marks"]), weight, lines[k], ballot_id))
            else:
                places = tuple(
                    tuple(mark(m) for m in p) if isinstance(p, list) else (mark(p),) for p in b["ranking"]
                )
                papers.append(RawRanking(places, weight, lines[k], ballot_id))
        return RawElection(
            cands,
            papers,
            seats=doc.get("seats"),
            title=doc.get("title", ""),
            withdrawn=frozenset(by_key[str(w)] for w in doc.get("withdrawn", ())),
            tie_order=tuple(by_key[str(w)] for w in doc.get("tie_order", ())),
            source=source,
        )
    except BallotFileError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BallotFileError(f"not a valid profile document: {exc!r}", path=source) from None


def _ballot_lines(text: str, ballots: Sequence[Any]) -> list[int | None]:
    """The line each ballot starts on, found by decoding the ballots array again from its
    own position; ``None`` for each when that cannot be done surely."""
    unknown: list[int | None] = [None] * len(ballots)
    key = text.find('"ballots"')
    start = text.find("[", key) if key >= 0 else -1
    if start < 0:
        return unknown
    decoder = json.JSONDecoder(parse_float=Decimal)
    found: list[int | None] = []
    pos = start + 1
    try:
        while len(found) < len(ballots):
            while text[pos] in " \t\r\n,":
                pos += 1
            value, end = decoder.raw_decode(text, pos)
            if value != ballots[len(found)]:
                return unknown
            found.append(text.count("\n", 0, pos) + 1)
            pos = end
    except (ValueError, IndexError):
        return unknown
    return found


# Results


def _ids(cands: Sequence[Candidate]) -> list[str]:
    return [c.id for c in cands]


def _votes_to_json(votes: Mapping[Candidate, Number]) -> dict[str, Any]:
    return {c.id: number_to_json(v) for c, v in votes.items()}


def _option_to_json(value: Any) -> tuple[Any, str | None]:
    if value is None or isinstance(value, bool | str | float):
        return value, None
    if isinstance(value, int):
        return value, None
    if isinstance(value, Fraction | Decimal):
        return number_to_json(value), type(value).__name__
    if isinstance(value, Candidate):
        return value.id, "Candidate"
    if isinstance(value, tuple | list | set | frozenset):
        items = [
            _option_to_json(v)
            for v in (sorted(value, key=repr) if isinstance(value, set | frozenset) else value)
        ]
        if all(t is None for _, t in items):
            kind = "list" if isinstance(value, list) else "tuple" if isinstance(value, tuple) else "set"
            return [v for v, _ in items], (None if kind == "list" else kind)
    if isinstance(value, Mapping) and all(isinstance(k, str) for k in value):
        items_m = {k: _option_to_json(v) for k, v in sorted(value.items())}
        if all(t is None for _, t in items_m.values()):
            return {k: v for k, (v, _) in items_m.items()}, None
    describe = getattr(value, "describe", None)
    return (describe() if callable(describe) else repr(value)), "repr"


def _option_from_json(value: Any, kind: str | None, by_id: Mapping[str, Candidate]) -> Any:
    if kind in ("Fraction", "Decimal"):
        return number_from_json(value)
    if kind == "Candidate":
        return by_id[value]
    if kind == "tuple":
        return tuple(value)
    if kind == "set":
        return frozenset(value)
    return value


def _report_to_json(report: ValidationReport) -> dict[str, Any]:
    return {
        "source": report.source,
        "policy": report.policy,
        "read": number_to_json(report.read),
        "counted_as_cast": number_to_json(report.counted_as_cast),
        "repaired": {k: number_to_json(v) for k, v in report.repaired.items()},
        "rejected": {k: number_to_json(v) for k, v in report.rejected.items()},
        "lines": report.lines,
        "problems": [
            {
                "reason": p.reason,
                "action": p.action,
                "weight": number_to_json(p.weight),
                "line": p.line,
                "detail": p.detail,
            }
            for p in report.problems
        ],
    }


def _weight(value: Any) -> int | Fraction:
    number = number_from_json(value)
    if isinstance(number, int | Fraction):
        return number
    raise ValueError(f"a weight is an int or a fraction, not {value!r}")


def _report_from_json(doc: Mapping[str, Any]) -> ValidationReport:
    return ValidationReport(
        doc.get("source"),
        _weight(doc["read"]),
        _weight(doc["counted_as_cast"]),
        {k: _weight(v) for k, v in doc.get("repaired", {}).items()},
        {k: _weight(v) for k, v in doc.get("rejected", {}).items()},
        tuple(
            BallotProblem(p["reason"], p["action"], _weight(p["weight"]), p.get("line"), p.get("detail", ""))
            for p in doc.get("problems", ())
        ),
        doc.get("policy", ""),
        doc.get("lines", 0),
    )


def result_to_dict(result: Result) -> dict[str, Any]:
    """A result as a JSON-ready dict; :func:`result_from_dict` gives back an equal Result."""
    options: dict[str, Any] = {}
    option_types: dict[str, str] = {}
    for key, value in sorted(result.options.items(), key=lambda kv: str(kv[0])):
        encoded, kind = _option_to_json(value)
        options[str(key)] = encoded
        if kind is not None:
            option_types[str(key)] = kind
    rounds = []
    for r in result.rounds:
        rounds.append(
            {
                "number": r.number,
                "description": r.description,
                "votes": _votes_to_json(r.votes),
                "changes": _votes_to_json(r.changes),
                "exhausted": number_to_json(r.exhausted),
                "lost_to_fractions": number_to_json(r.lost_to_fractions),
                "exhausted_change": number_to_json(r.exhausted_change),
                "lost_change": number_to_json(r.lost_change),
                "quota": number_to_json(r.quota),
                "transfers": [
                    {
                        "source": t.source.id,
                        "kind": t.kind,
                        "papers": number_to_json(t.papers),
                        "votes": _votes_to_json(t.votes),
                        "exhausted": number_to_json(t.exhausted),
                        "lost": number_to_json(t.lost),
                        "transfer_value": number_to_json(t.transfer_value),
                    }
                    for t in r.transfers
                ],
                "events": [
                    {"action": e.action, "candidate": e.candidate.id, "reason": e.reason} for e in r.events
                ],
                "sections": None
                if r.sections is None
                else {name: _votes_to_json(v) for name, v in r.sections.items()},
                "elected": [c.name for c in r.elected],
                "excluded": [c.name for c in r.excluded],
            }
        )
    doc: dict[str, Any] = {
        "format": RESULT_FORMAT,
        "version": VERSION,
        "rule": result.rule,
        "title": result.title,
        "seats": result.seats,
        "elected": [c.name for c in result.elected],
        "elected_ids": _ids(result.elected),
        "candidates": [_candidate_to_json(c) for c in result.candidates],
        "withdrawn": _ids(result.withdrawn),
        "quota": number_to_json(result.quota),
        "valid_poll": number_to_json(result.valid_poll),
        "places": result.places,
        "options": options,
        "option_types": option_types,
        "tie_policy": result.tie_policy,
        "ties": [
            {
                "stage": t.stage,
                "purpose": t.purpose,
                "candidates": _ids(t.candidates),
                "method": t.method,
                "order": _ids(t.order),
            }
            for t in result.ties
        ],
        "notes": list(result.notes),
        "rounds": rounds,
    }
    if result.validation is not None:
        doc["validation"] = _report_to_json(result.validation)
    return doc


def result_to_json(result: Result, *, indent: int | None = 1) -> str:
    """A result as JSON text (see :func:`result_to_dict`)."""
    return json.dumps(result_to_dict(result), ensure_ascii=False, indent=indent) + "\n"


def result_from_dict(doc: Mapping[str, Any]) -> Result:
    """The Result a :func:`result_to_dict` document describes."""
    if doc.get("format") != RESULT_FORMAT:
        raise ValueError(f"not a votecount result (format {doc.get('format')!r})")
    cands = tuple(_candidate_from_json(c) for c in doc["candidates"])
    by_id = {c.id: c for c in cands}

    def votes(m: Mapping[str, Any]) -> dict[Candidate, Number]:
        out: dict[Candidate, Number] = {}
        for k, v in m.items():
            n = number_from_json(v)
            assert n is not None
            out[by_id[k]] = n
        return out

    def num(v: Any) -> Number:
        n = number_from_json(v)
        if n is None:
            raise ValueError("a count figure is missing")
        return n

    rounds = []
    for r in doc["rounds"]:
        rounds.append(
            Round(
                number=r["number"],
                description=r["description"],
                votes=votes(r["votes"]),
                changes=votes(r.get("changes", {})),
                exhausted=num(r.get("exhausted", 0)),
                lost_to_fractions=num(r.get("lost_to_fractions", 0)),
                quota=number_from_json(r.get("quota")),
                transfers=tuple(
                    Transfer(
                        source=by_id[t["source"]],
                        kind=t["kind"],
                        papers=num(t["papers"]),
                        votes=votes(t["votes"]),
                        exhausted=num(t.get("exhausted", 0)),
                        lost=num(t.get("lost", 0)),
                        transfer_value=number_from_json(t.get("transfer_value")),
                    )
                    for t in r.get("transfers", ())
                ),
                events=tuple(
                    Event(e["action"], by_id[e["candidate"]], e["reason"]) for e in r.get("events", ())
                ),
                sections=None
                if r.get("sections") is None
                else {name: votes(v) for name, v in r["sections"].items()},
                exhausted_change=num(r.get("exhausted_change", 0)),
                lost_change=num(r.get("lost_change", 0)),
            )
        )
    types = doc.get("option_types", {})
    options = {k: _option_from_json(v, types.get(k), by_id) for k, v in doc.get("options", {}).items()}
    elected_ids = doc.get("elected_ids")
    if elected_ids is not None:
        elected = tuple(by_id[i] for i in elected_ids)
    else:
        by_name = {c.name: c for c in cands}
        elected = tuple(by_name[n] for n in doc["elected"])
    validation = doc.get("validation")
    return Result(
        rule=doc["rule"],
        candidates=cands,
        seats=doc["seats"],
        elected=elected,
        rounds=tuple(rounds),
        valid_poll=num(doc["valid_poll"]),
        options=options,
        quota=number_from_json(doc.get("quota")),
        ties=tuple(
            TieRecord(
                t["stage"],
                t["purpose"],
                tuple(by_id[i] for i in t["candidates"]),
                t["method"],
                tuple(by_id[i] for i in t["order"]),
            )
            for t in doc.get("ties", ())
        ),
        tie_policy=doc.get("tie_policy", ""),
        places=doc.get("places"),
        title=doc.get("title", ""),
        notes=tuple(doc.get("notes", ())),
        withdrawn=tuple(by_id[i] for i in doc.get("withdrawn", ())),
        validation=None if validation is None else _report_from_json(validation),
    )


def result_from_json(text: str) -> Result:
    """The Result a :func:`result_to_json` text describes."""
    return result_from_dict(json.loads(text))


__all__ = [
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
