"""Results as JSON, exact both ways: :func:`result_to_json` and :func:`result_from_json`.

A result document holds ``rule``, ``options``, ``seats``, ``elected`` (names, in order of
election), ``quota``, ``valid_poll`` and every round with its votes, transfers and events,
the ties met, and the validation report. Options that are not JSON values are written as
strings, and ``option_types`` says which ones can be restored (``Fraction``, ``Decimal``,
``tuple``, ``set``, ``Candidate``) and which were only described (``repr``: they come back
as their string).

Reading a document back checks it as it goes: a damaged or hand-edited record raises
:class:`~votecount.errors.ResultFileError` naming the key (``rounds[2].votes``), never a
``KeyError`` from the middle of the record.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from votecount.ballots import Candidate, Weight
from votecount.errors import ResultFileError
from votecount.formats._jsondoc import Node, candidate_to_json, kind_of, load_json, number_to_json
from votecount.numbers import Number
from votecount.result import Event, Result, Round, Transfer
from votecount.ties import TieRecord
from votecount.validation import BallotProblem, ValidationReport

RESULT_FORMAT = "votecount-result"
VERSION = 1


# Writing

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
                "inactive": None
                if r.inactive is None
                else {name: number_to_json(v) for name, v in r.inactive.items()},
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
        "candidates": [candidate_to_json(c) for c in result.candidates],
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


# Reading


class _Reader:
    """Takes a result document apart, checking each value against the candidates it names."""

    def __init__(self, root: Node) -> None:
        self.candidates = tuple(c.candidate() for c in root.field("candidates").each())
        self.by_id = {c.id: c for c in self.candidates}

    def candidate(self, node: Node) -> Candidate:
        key = node.text()
        if key not in self.by_id:
            raise node.error(f"{key!r} is not a candidate")
        return self.by_id[key]

    def candidates_in(self, node: Node) -> tuple[Candidate, ...]:
        return tuple(self.candidate(item) for item in node.each())

    def votes(self, node: Node) -> dict[Candidate, Number]:
        out: dict[Candidate, Number] = {}
        for key, value in node.items():
            if key not in self.by_id:
                raise node.fail(node.child_key(key), "not a candidate")
            out[self.by_id[key]] = value.number()
        return out

    def round(self, r: Node) -> Round:
        sections = r.field("sections", None)
        inactive = r.field("inactive", None)
        return Round(
            number=r.field("number").whole(),
            description=r.field("description").text(),
            votes=self.votes(r.field("votes")),
            changes=self.votes(r.field("changes", {})),
            exhausted=r.field("exhausted", 0).number(),
            lost_to_fractions=r.field("lost_to_fractions", 0).number(),
            quota=r.field("quota", None).optional_number(),
            transfers=tuple(self.transfer(t) for t in r.field("transfers", []).each()),
            events=tuple(
                Event(
                    e.field("action").text(),  # type: ignore[arg-type]
                    self.candidate(e.field("candidate")),
                    e.field("reason").text(),
                )
                for e in r.field("events", []).each()
            ),
            sections=None
            if sections.value is None
            else {name: self.votes(v) for name, v in sections.items()},
            exhausted_change=r.field("exhausted_change", 0).number(),
            lost_change=r.field("lost_change", 0).number(),
            inactive=None
            if inactive.value is None
            else {name: value.number() for name, value in inactive.items()},
        )

    def transfer(self, t: Node) -> Transfer:
        return Transfer(
            source=self.candidate(t.field("source")),
            kind=t.field("kind").text(),  # type: ignore[arg-type]
            papers=t.field("papers").number(),
            votes=self.votes(t.field("votes")),
            exhausted=t.field("exhausted", 0).number(),
            lost=t.field("lost", 0).number(),
            transfer_value=t.field("transfer_value", None).optional_number(),
        )

    def option(self, value: Node, kind: str | None) -> Any:
        if kind in ("Fraction", "Decimal"):
            return value.number()
        if kind == "Candidate":
            return self.candidate(value)
        if kind in ("tuple", "set"):
            items = [item.value for item in value.each()]
            if kind == "tuple":
                return tuple(items)
            if any(isinstance(item, list | dict) for item in items):
                raise value.error("a set holds text, numbers, true/false or null")
            return frozenset(items)
        return value.value

    def tie(self, t: Node) -> TieRecord:
        return TieRecord(
            t.field("stage").optional_whole(),
            t.field("purpose").text(),  # type: ignore[arg-type]
            self.candidates_in(t.field("candidates")),
            t.field("method").text(),
            self.candidates_in(t.field("order")),
        )


def _weight(node: Node) -> Weight:
    number = node.number()
    if isinstance(number, int | Fraction):
        return number
    raise node.error(f"a weight is a whole number or a fraction, not {number}")


def _report_from_json(doc: Node) -> ValidationReport:
    return ValidationReport(
        doc.field("source", None).optional_text(),
        _weight(doc.field("read")),
        _weight(doc.field("counted_as_cast")),
        {k: _weight(v) for k, v in doc.field("repaired", {}).items()},
        {k: _weight(v) for k, v in doc.field("rejected", {}).items()},
        tuple(
            BallotProblem(
                p.field("reason").text(),
                p.field("action").text(),
                _weight(p.field("weight")),
                p.field("line", None).optional_whole(),
                p.field("detail", "").text(),
            )
            for p in doc.field("problems", []).each()
        ),
        doc.field("policy", "").text(),
        doc.field("lines", 0).whole(),
    )


def result_from_dict(doc: Mapping[str, Any], *, source: str | None = None) -> Result:
    """The Result a :func:`result_to_dict` document describes.

    Raises :class:`~votecount.errors.ResultFileError` naming the key of the first value
    that is missing or not what the document format says (and ``source``, where given).
    """

    def fail(key: str, reason: str) -> ResultFileError:
        return ResultFileError(reason, key=key or None, path=source)

    root = Node(doc, fail=fail)
    root.mapping()
    found = root.field("format", None).value
    if found != RESULT_FORMAT:
        shown = repr(found) if isinstance(found, str | None) else kind_of(found)
        raise fail("format", f"not a votecount result (format {shown[:60]})")
    read = _Reader(root)
    types = root.field("option_types", {})
    options = {
        key: read.option(value, types.field(key, None).optional_text())
        for key, value in root.field("options", {}).items()
    }
    elected_ids = root.field("elected_ids", None)
    if elected_ids.value is not None:
        elected = read.candidates_in(elected_ids)
    else:
        by_name = {c.name: c for c in read.candidates}
        names = root.field("elected")
        elected = tuple(by_name[n] for n in names.texts() if n in by_name)
        if len(elected) != len(names.texts()):
            raise names.error("names someone who is not a candidate")
    validation = root.field("validation", None)
    return Result(
        rule=root.field("rule").text(),
        candidates=read.candidates,
        seats=root.field("seats").whole(),
        elected=elected,
        rounds=tuple(read.round(r) for r in root.field("rounds").each()),
        valid_poll=root.field("valid_poll").number(),
        options=options,
        quota=root.field("quota", None).optional_number(),
        ties=tuple(read.tie(t) for t in root.field("ties", []).each()),
        tie_policy=root.field("tie_policy", "").text(),
        places=root.field("places", None).optional_whole(),
        title=root.field("title", "").text(),
        notes=root.field("notes", []).texts(),
        withdrawn=read.candidates_in(root.field("withdrawn", [])),
        validation=None if validation.value is None else _report_from_json(validation),
    )


def result_from_json(text: str, *, source: str | None = None) -> Result:
    """The Result a :func:`result_to_json` text describes (see :func:`result_from_dict`)."""

    def fail(reason: str, line: int | None) -> ResultFileError:
        return ResultFileError(reason, path=source, line=line)

    return result_from_dict(load_json(text, fail), source=source)


__all__ = ["RESULT_FORMAT", "result_from_dict", "result_from_json", "result_to_dict", "result_to_json"]
