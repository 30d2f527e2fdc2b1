"""Reading JSON documents that may be damaged: every problem names its key.

A profile, a result, a CSV ``# votecount:`` comment and a PrefLib ``# VOTECOUNT:`` header
are all JSON that a person may have edited by hand. :class:`Node` walks such a document
and checks each value's type as it is taken, so that a list where an object belongs, text
where a number belongs, or a missing key raises the reader's own error naming the key
(``rounds[2].votes``), never a ``KeyError`` or ``TypeError`` from deep inside a loop.

Exact numbers are written as :func:`votecount.formats.json_values.number_to_json` writes
them and read back by :func:`parse_number`: an ``int``, ``"n/d"`` for a :class:`~fractions.Fraction`, or a
decimal string for a :class:`~decimal.Decimal`; anything else is refused with a reason.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from itertools import accumulate
from typing import Any

import attrs

from votecount.ballots import Candidate
from votecount.errors import BallotFileError
from votecount.formats._common import MAX_DIGITS, shown
from votecount.numbers import Number

Fail = Callable[[str, str], Exception]
"""Makes the reader's error from a key (``""`` for the whole document) and a reason."""

_FRACTION = re.compile(r"-?[0-9]+/[0-9]+")
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
_MISSING: Any = object()
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}

MAX_DEPTH = 64
"""The deepest a document's lists and objects may nest. A profile is four deep and a result
about six; a bound far below Python's recursion limit keeps every later step (comparing,
printing a bad value in a message) safe from a document built to be deep."""


def load_json(text: str, fail: Callable[[str, int | None], Exception], **options: Any) -> Any:
    """``json.loads(text, **options)``, whose every failure becomes ``fail(reason, line)``.

    Besides bad syntax, :func:`json.loads` raises a plain ``ValueError`` for an integer of
    more digits than Python converts, ``RecursionError`` for arrays nested too deep, and
    (reading numbers as ``Decimal``) ``InvalidOperation`` for an exponent beyond its range.
    """
    deep = _too_deep(text)
    if deep is not None:
        line = text.count("\n", 0, deep) + 1
        raise fail(f"nested too deeply: lists and objects more than {MAX_DEPTH} deep", line)
    try:
        return json.loads(text, **options)
    except json.JSONDecodeError as exc:
        raise fail(f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except RecursionError:
        raise fail("not valid JSON: nested too deeply", None) from None
    except InvalidOperation:
        raise fail("not valid JSON: a number's exponent is out of range", None) from None
    except ValueError as exc:  # an integer beyond sys.get_int_max_str_digits()
        raise fail(f"not valid JSON: {exc}", None) from None


def _too_deep(text: str) -> int | None:
    """Where ``text`` first opens a list or object more than :data:`MAX_DEPTH` deep, or None.

    The brackets are found with regular expressions (text in strings set aside), so that
    the check costs little beside the parse; the offset is looked for only when too deep.
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if not brackets or max(accumulate(_DEPTH_STEP[b] for b in brackets)) <= MAX_DEPTH:
        return None
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif token in "]}":
            depth -= 1
    return None


def kind_of(value: Any) -> str:
    """What a JSON value is, in a message's words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float | Decimal):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def parse_number(value: Any) -> Number | str | None:
    """``value`` as an exact number (``None`` for JSON null), or else the reason it is not one.

    The reason is returned, not raised, so that each caller raises its own error type.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "a count figure cannot be true/false"
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):  # a JSON number with a fraction part, read exactly
        return value if value.is_finite() else f"{value} is not a finite number"
    if not isinstance(value, str):
        return f"not an exact number: {shown(str(value))} ({kind_of(value)})"
    if len(value) > 2 * MAX_DIGITS:
        return f"a number of {len(value)} characters is too long"
    if _FRACTION.fullmatch(value):
        num, _, den = value.partition("/")
        if len(num) > MAX_DIGITS or len(den) > MAX_DIGITS:
            return f"a number of more than {MAX_DIGITS} digits is too long"
        if int(den) == 0:
            return f"{shown(value)} divides by zero"
        return Fraction(int(num), int(den))
    if _DECIMAL.fullmatch(value):
        try:
            return Decimal(value)
        except InvalidOperation:
            return f"{shown(value)} is not a number"
    return f"{shown(value)} is not an exact number (write 12, \"1/3\" or \"1.25\")"


@attrs.frozen
class Node:
    """A value in a JSON document, with its key, to take apart with checked types."""

    value: Any
    key: str = ""
    fail: Fail = attrs.field(kw_only=True)

    def error(self, reason: str) -> Exception:
        return self.fail(self.key, reason)

    def _wrong(self, expected: str) -> Exception:
        return self.error(f"expected {expected}, found {kind_of(self.value)}")

    def child_key(self, name: str | int) -> str:
        if isinstance(name, int):
            return f"{self.key}[{name}]"
        return f"{self.key}.{name}" if self.key else name

    def _child(self, name: str | int, value: Any) -> Node:
        return Node(value, self.child_key(name), fail=self.fail)

    def mapping(self) -> dict[str, Any]:
        if not isinstance(self.value, dict):
            raise self._wrong("an object")
        return self.value

    def has(self, name: str) -> bool:
        return name in self.mapping()

    def field(self, name: str, default: Any = _MISSING) -> Node:
        """The value at ``name``; ``default`` where it is absent, else an error saying so."""
        found = self.mapping()
        if name in found:
            return self._child(name, found[name])
        if default is _MISSING:
            raise self.fail(self.child_key(name), "missing")
        return self._child(name, default)

    def each(self) -> Iterator[Node]:
        """The items of a list."""
        if not isinstance(self.value, list):
            raise self._wrong("a list")
        return (self._child(i, v) for i, v in enumerate(self.value))

    def items(self) -> Iterator[tuple[str, Node]]:
        """The keys and values of an object."""
        return ((k, self._child(k, v)) for k, v in self.mapping().items())

    def text(self) -> str:
        if not isinstance(self.value, str):
            raise self._wrong("text")
        return self.value

    def optional_text(self) -> str | None:
        return None if self.value is None else self.text()

    def whole(self) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise self._wrong("a whole number")
        return self.value

    def optional_whole(self) -> int | None:
        return None if self.value is None else self.whole()

    def texts(self) -> tuple[str, ...]:
        """A list of text."""
        return tuple(item.text() for item in self.each())

    def number(self) -> Number:
        found = self.optional_number()
        if found is None:
            raise self.error("a count figure is missing (null)")
        return found

    def optional_number(self) -> Number | None:
        found = parse_number(self.value)
        if isinstance(found, str):
            raise self.error(found)
        return found

    def candidate(self) -> Candidate:
        """A candidate as :func:`candidate_to_json` writes it, or a bare name."""
        if isinstance(self.value, str):
            return Candidate(self.value)
        name = self.field("name").label()
        ident = self.field("id", name).label()
        attributes = self.field("attributes", None)
        if attributes.value is None:
            return Candidate(name, ident)
        return Candidate(name, ident, {k: v.label() for k, v in attributes.items()})

    def label(self) -> str:
        """A name, id or attribute: text, or a number taken as it is written."""
        if isinstance(self.value, int | Decimal) and not isinstance(self.value, bool):
            return str(self.value)
        return self.text()


@attrs.frozen
class Particulars:
    """What a CSV ``# votecount:`` comment or a PrefLib ``# VOTECOUNT:`` header says: the
    particulars a format's own columns cannot hold, checked, with the line they are on."""

    line: int
    source: str | None
    candidates: tuple[Candidate, ...] | None = None
    seats: int | None = None
    title: str | None = None
    layout: str | None = None
    withdrawn: tuple[str, ...] = ()
    tie_order: tuple[str, ...] = ()

    def indices(self, keys: tuple[str, ...], cands: tuple[Candidate, ...], what: str) -> tuple[int, ...]:
        """The candidates ``keys`` name (by id, else by name), or an error on this line."""
        out = []
        for key in keys:
            found = next((i for i, c in enumerate(cands) if key in (c.id, c.name)), None)
            if found is None:
                raise BallotFileError(
                    f"{shown(key)} in {what} is not a candidate", path=self.source, line=self.line
                )
            out.append(found)
        return tuple(out)


def read_particulars(text: str, *, label: str, source: str | None, line: int) -> Particulars:
    """The particulars in ``text`` (a JSON object), read from ``line`` of ``source``.

    ``label`` names the comment in messages (``"votecount comment"``). Keys other than those
    read here are ignored, so that a later version's files still read.
    """

    def fail(key: str, reason: str) -> BallotFileError:
        where = f"{key}: " if key else ""
        return BallotFileError(f"bad {label}: {where}{reason}", path=source, line=line)

    doc = Node(load_json(text, lambda reason, _: fail("", reason)), fail=fail)
    doc.mapping()
    candidates = doc.field("candidates", None)
    seats = doc.field("seats", None).optional_whole()
    if seats is not None and seats < 1:
        raise fail("seats", f"at least 1 seat, not {seats}")
    return Particulars(
        line,
        source,
        candidates=None if candidates.value is None else tuple(c.candidate() for c in candidates.each()),
        seats=seats,
        title=doc.field("title", None).optional_text(),
        layout=doc.field("layout", None).optional_text(),
        withdrawn=doc.field("withdrawn", []).texts(),
        tie_order=doc.field("tie_order", []).texts(),
    )
