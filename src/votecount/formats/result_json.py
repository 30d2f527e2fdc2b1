"""Results written as JSON, exactly: :func:`result_to_json` (read back by
:mod:`votecount.formats.result_read`).

A result document holds ``rule``, ``options``, ``seats``, ``elected`` (names, in order of
election), ``quota``, ``valid_poll`` and every round with its votes, transfers and events,
the ties met, and the validation report. Options that are not JSON values are written as
strings, and ``option_types`` says which ones can be restored (``Fraction``, ``Decimal``,
``tuple``, ``set``, ``Candidate``) and which were only described (``repr``: they come back
as their string).

Reading a document back (:func:`votecount.formats.result_read.result_from_json`) is a module
of its own, so that writing a result does not load the checks a damaged document needs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from votecount.ballots import Candidate
from votecount.formats.json_values import candidate_to_json, number_to_json
from votecount.numbers import Number
from votecount.result import Result
from votecount.validation import ValidationReport

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


__all__ = ["RESULT_FORMAT", "VERSION", "result_to_dict", "result_to_json"]
