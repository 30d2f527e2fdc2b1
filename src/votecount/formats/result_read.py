"""Results read back from JSON: :func:`result_from_json`, the inverse of
:func:`votecount.formats.result_json.result_to_json`.

Reading a document checks it as it goes: a damaged or hand-edited record raises
:class:`~votecount.errors.ResultFileError` naming the key (``rounds[2].votes``), never a
``KeyError`` from the middle of the record.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from votecount.ballots import Candidate, Weight
from votecount.errors import ResultFileError
from votecount.formats._jsondoc import Node, kind_of, load_json
from votecount.formats.result_json import RESULT_FORMAT
from votecount.numbers import Number
from votecount.result import Event, Result, Round, Transfer
from votecount.ties import TieRecord
from votecount.validation import BallotProblem, ValidationReport


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


__all__ = ["result_from_dict", "result_from_json"]
