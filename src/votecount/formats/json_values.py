"""Exact numbers and candidates written as JSON values, for the profile and result writers.

A number is written so that it reads back as the same number
(:func:`votecount.formats._jsondoc.parse_number`): an ``int`` as it is, a
:class:`~fractions.Fraction` as ``"n/d"``, a :class:`~decimal.Decimal` as its string.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from votecount.ballots import Candidate
from votecount.numbers import Number


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


def candidate_to_json(c: Candidate) -> dict[str, Any]:
    out: dict[str, Any] = {"name": c.name, "id": c.id}
    if c.attributes:
        out["attributes"] = dict(c.attributes)
    return out


__all__ = ["candidate_to_json", "number_to_json"]
