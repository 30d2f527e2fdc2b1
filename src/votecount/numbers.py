"""Arithmetic policies: the numbers a count is done in, as values the engine passes around.

A counting rule never says ``Fraction`` or ``Decimal`` itself. It asks its arithmetic policy
for whole numbers of votes, products, and the one rounded step every statute has (a
transfer value such as *surplus × value ÷ total*), and the policy does that step exactly as
the rulebook says:

- :class:`Exact`: exact rational arithmetic (``fractions.Fraction``); nothing is ever lost
  to fractions. Public values are ``int`` where whole, else ``Fraction``.
- :class:`FixedDecimal`: a fixed number of decimal ``places`` with a stated ``rounding``:
  ``"truncate"`` (any remainder ignored: SSI 2007/42 Sch. 1 r. 48(3), ERS97 5.3.7, ACT since 2020),
  ``"half-up"`` (rounded to the nearest, halves up) or ``"up"`` (rounded up: NZ keep
  factors). Internally a value is a *scaled integer* (``1408.35`` at 5 places is
  ``140835000``), so the hot loop runs on plain ``int`` s; public values are
  ``decimal.Decimal`` quantized to ``places``, so a sheet shows ``1408.35000`` exactly as a
  council's does.

Internal values are opaque to the engine: it adds and compares them (both kinds are plain
Python numbers for that), and goes through the policy for everything else. A rule that
keeps transfer values exact but rounds the votes they credit (ACT since 2020) asks for
:meth:`~Arithmetic.unrounded` values, which a fixed-decimal policy holds as exact fractions
of its unit. Floats never appear.

This module also names the number types everything else uses (:data:`Weight` for papers,
:data:`Number` for votes in a result) and prints them (:func:`format_number`), so that
ballots, results and sheets all take their numbers from the ground floor and none of them
has to import another for a type.
"""

from __future__ import annotations

import decimal
from contextlib import AbstractContextManager
from decimal import Context, Decimal
from fractions import Fraction
from typing import Literal, Protocol, TypeAlias

import attrs

from votecount.errors import RuleError

Weight: TypeAlias = int | Fraction
"""A ballot's weight: a whole number of papers, or an exact fraction (electoral colleges)."""

Number: TypeAlias = int | Fraction | Decimal
"""A number of votes as a result reports it: exact (int, Fraction) or fixed decimal (Decimal)."""

Rounding: TypeAlias = Literal["truncate", "half-up", "up"]
Value: TypeAlias = int | Fraction
"""A value in a policy's internal form: a scaled int (fixed) or an int/Fraction (exact)."""


_UNROUNDED = Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
"""A :mod:`decimal` context that never rounds (the most digits and widest exponents the
module allows), for moving a whole number's decimal point exactly."""

_scaleb = Decimal.scaleb

MAX_PLACES = 30
"""The most decimal places a fixed-decimal count may keep. Statutes use two to nine;
beyond thirty a count is better done exactly (``places=None``), and a scale of ``10**places``
must not be built from a typing slip such as ``places=99999999999``."""

MAX_DIGITS = 1000
"""The most digits a count's papers may run to (``votecount.count`` refuses more). Weights
of 10^23 and more are already implausible (see :mod:`votecount.validation`) but are
counted exactly; a thousand digits is far past any ballot file and still prints."""


class Arithmetic(Protocol):
    """What a counting engine asks of its numbers. See :class:`Exact` and :class:`FixedDecimal`."""

    @property
    def places(self) -> int | None:
        """Decimal places counted in, or ``None`` for exact arithmetic."""
        ...

    def describe(self) -> str: ...

    def whole(self, n: int) -> Value:
        """``n`` whole votes."""
        ...

    def weight(self, w: Weight) -> Value:
        """A weight (number of papers) as votes, rounded by the policy if it has to be."""
        ...

    def times(self, value: Value, papers: Weight) -> Value:
        """``papers`` papers each worth ``value`` (rounded by the policy if ``papers`` is fractional)."""
        ...

    def ratio(self, a: Value, b: Value, c: Value) -> Value:
        """``a × b ÷ c`` with a single rounding, as a statute's transfer value is calculated."""
        ...

    def divide(self, a: Value, papers: Weight) -> Value:
        """``a ÷ papers`` (a value shared over a number of papers), rounded by the policy."""
        ...

    def fraction(self, q: Fraction) -> Value:
        """An exact rational, rounded by the policy."""
        ...

    def exact(self, value: Value) -> Fraction:
        """The exact rational a value stands for."""
        ...

    def unrounded(self, q: Fraction) -> Value:
        """An exact rational kept exact (a transfer value a rule does not round); products
        of it by papers are rounded by :meth:`times` as usual."""
        ...

    def public(self, value: Value) -> Number:
        """The value as the result reports it: int/Fraction (exact) or Decimal (fixed)."""
        ...

    @property
    def unit(self) -> Value:
        """The smallest positive value (0 for exact arithmetic, which has none)."""
        ...


def _exact_public(q: Fraction | int) -> int | Fraction:
    if isinstance(q, Fraction) and q.denominator == 1:
        return int(q)
    return q


@attrs.frozen
class Exact:
    """Exact rational arithmetic: nothing is rounded, nothing is lost to fractions."""

    @property
    def places(self) -> int | None:
        return None

    @property
    def unit(self) -> Value:
        return 0

    def describe(self) -> str:
        return "exact fractions"

    def whole(self, n: int) -> Value:
        return n

    def weight(self, w: Weight) -> Value:
        return w

    def times(self, value: Value, papers: Weight) -> Value:
        if isinstance(value, int) and isinstance(papers, int):
            return value * papers
        return _exact_public(Fraction(value) * papers)

    def ratio(self, a: Value, b: Value, c: Value) -> Value:
        return _exact_public(Fraction(a) * b / c)

    def divide(self, a: Value, papers: Weight) -> Value:
        return _exact_public(Fraction(a) / papers)

    def fraction(self, q: Fraction) -> Value:
        return _exact_public(q)

    def exact(self, value: Value) -> Fraction:
        return Fraction(value)

    def unrounded(self, q: Fraction) -> Value:
        return _exact_public(q)

    def public(self, value: Value) -> Number:
        return _exact_public(value)


def _divide_rounded(num: int, den: int, rounding: Rounding) -> int:
    """``num ÷ den`` as an integer, rounded as stated (``den`` > 0; values are never negative
    in a count, but negative numerators round symmetrically, towards or away from zero)."""
    if den <= 0:
        raise ZeroDivisionError("division by a non-positive number in a count")
    negative = num < 0
    q, r = divmod(abs(num), den)
    if r and (rounding == "up" or (rounding == "half-up" and 2 * r >= den)):
        q += 1
    return -q if negative else q


@attrs.frozen
class FixedDecimal:
    """Fixed-point decimal arithmetic at ``places`` decimal places, rounding as stated.

    Every value is held as an integer count of units of ``10 ** -places``. Sums and
    products by whole numbers of papers are exact; the rounding applies where a statute
    divides (a transfer value) or multiplies by a fraction.
    """

    places: int = attrs.field(validator=attrs.validators.ge(0))
    rounding: Rounding = attrs.field(
        default="truncate", validator=attrs.validators.in_(("truncate", "half-up", "up"))
    )

    def __attrs_post_init__(self) -> None:
        if self.places > MAX_PLACES:
            raise RuleError(
                f"places must be at most {MAX_PLACES}, not {self.places}; "
                "count with places=None for exact fractions"
            )

    @property
    def scale(self) -> int:
        return int(10**self.places)

    @property
    def unit(self) -> Value:
        return 1

    def describe(self) -> str:
        how = {"truncate": "truncated", "half-up": "rounded half up", "up": "rounded up"}[self.rounding]
        return f"fixed decimal, {self.places} places, {how}"

    def whole(self, n: int) -> Value:
        return n * self.scale

    def weight(self, w: Weight) -> Value:
        if isinstance(w, int):
            return w * self.scale
        return _divide_rounded(w.numerator * self.scale, w.denominator, self.rounding)

    def times(self, value: Value, papers: Weight) -> Value:
        if isinstance(value, int) and isinstance(papers, int):
            return value * papers
        product = Fraction(value) * papers
        return _divide_rounded(product.numerator, product.denominator, self.rounding)

    def ratio(self, a: Value, b: Value, c: Value) -> Value:
        # (a/S)(b/S)/(c/S) in units of 1/S is a*b/c.
        return _divide_rounded(int(a) * int(b), int(c), self.rounding)

    def divide(self, a: Value, papers: Weight) -> Value:
        p = Fraction(papers)
        return _divide_rounded(int(a) * p.denominator, p.numerator, self.rounding)

    def fraction(self, q: Fraction) -> Value:
        return _divide_rounded(q.numerator * self.scale, q.denominator, self.rounding)

    def exact(self, value: Value) -> Fraction:
        return Fraction(value) / self.scale

    def unrounded(self, q: Fraction) -> Value:
        scaled = q * self.scale
        return int(scaled) if scaled.denominator == 1 else scaled

    def public(self, value: Value) -> Number:
        """A Decimal at ``places``; an unrounded value (see :meth:`unrounded`) that is not a
        whole number of units is reported exactly, as a Fraction."""
        if type(value) is not int and isinstance(value, Fraction):  # int first: the usual, cheaper
            if value.denominator != 1:
                return value / self.scale
            value = int(value)
        # The integer made a Decimal exactly, then its exponent moved in a context that
        # rounds nothing (the current one rounds to its precision, 28 digits by default: a
        # 40-digit weight must be reported as counted); about twice as fast as parsing text.
        return _scaleb(Decimal(value), -self.places, _UNROUNDED)


def arithmetic(places: int | None = None, rounding: Rounding = "truncate") -> Arithmetic:
    """The policy for ``places`` decimal places (``None``: exact) rounding as stated."""
    if places is None:
        return Exact()
    return FixedDecimal(places, rounding)


def exact_decimals(largest: Number) -> AbstractContextManager[Context]:
    """A :mod:`decimal` context in which sums of a count's ``Decimal`` figures are exact.

    The default context holds 28 digits and rounds past them without a word: a weight of
    10^23 papers at 5 places would be summed wrongly. No figure of a count exceeds the papers
    read (``largest``); :data:`MAX_PLACES` more digits, and a few to spare, cover every
    count's places. A count (``votecount.count``) and a sheet (``report.sheet``) each run
    inside one.
    """
    return decimal.localcontext(prec=max(28, digits(largest) + MAX_PLACES + 4))


def digits(value: Number) -> int:
    """How many digits the whole part of ``value`` has, at most one too many; from its bits,
    so that even a number too long for ``str`` (over 4,300 digits) can be measured."""
    whole = abs(int(value)) + 1
    return whole.bit_length() * 30103 // 100000 + 1


def _quantize(value: Decimal, places: int) -> Decimal:
    """``value`` at exactly ``places`` decimal places, however many digits it has.

    The default context holds 28 digits and raises ``InvalidOperation`` past them (a weight
    of 40 digits at 5 places); a context sized to the value keeps every digit, so no count
    is limited by the width of a ``Decimal`` context.
    """
    exponent = value.as_tuple().exponent
    if exponent == -places:
        return value
    digits = len(value.as_tuple().digits) + abs(int(exponent)) + places + 1
    return value.quantize(Decimal(1).scaleb(-places), context=Context(prec=max(28, digits)))


def format_number(value: Number | None, places: int | None = None, *, signed: bool = False) -> str:
    """Show a count's number exactly where it is exact, else to ``places`` (default 5).

    ``Decimal`` values print as counted; a ``Fraction`` prints truncated to ``places``
    decimal places, with ``~`` where digits were cut, so no digit shown is rounded up.
    """
    if value is None:
        return ""
    sign = "+" if signed and value > 0 else ""
    if isinstance(value, int):
        body = f"{value:,}"
        if places:
            body += "." + "0" * places
        return sign + body
    if isinstance(value, Decimal):
        if places is not None:
            value = _quantize(value, places)
        text = f"{value:,f}"
        return sign + text
    frac = Fraction(value)
    digits = places if places is not None else 5
    scaled = abs(frac) * 10**digits
    whole = int(scaled)
    negative = "-" if frac < 0 else ""
    head, tail = divmod(whole, 10**digits)
    text = f"{negative}{head:,}"
    if digits:
        text += "." + str(tail).rjust(digits, "0")
    if scaled != whole:
        text += "~"
    return sign + text


__all__ = [
    "MAX_DIGITS",
    "MAX_PLACES",
    "Arithmetic",
    "Exact",
    "FixedDecimal",
    "Number",
    "Rounding",
    "Value",
    "Weight",
    "arithmetic",
    "digits",
    "exact_decimals",
    "format_number",
]
