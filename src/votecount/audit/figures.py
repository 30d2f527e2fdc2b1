"""Figures as a published sheet prints them: exact decimals, and agreement to the places shown.

A count sheet prints each figure to some number of decimal places: Scottish sheets five (the
rules count to five, truncating), Glasgow 2017 and many 2022 councils two, and the 2022
transcription drops trailing zeros (``1408.35``). A figure is kept exactly as printed, as a
:class:`~decimal.Decimal`, so that its places are known; ours agrees with it when it equals it
after rounding half-up or truncating to those places.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction


def parse_figure(text: str) -> Decimal | None:
    """A figure from a sheet's cell; ``None`` for a blank cell or one that is not a number.

    Two cells of the Scottish 2022 file are not numbers (``462.466.26``, ``0.0.00000``): such
    a figure is left out of the comparison and reported, never guessed.
    """
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def places(figure: Decimal) -> int:
    """The decimal places a figure is printed with (0 for ``1533``)."""
    exponent = figure.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def agrees_to_the_sheets_places(ours: Decimal, official: Decimal) -> bool:
    """Whether ``ours`` agrees with ``official`` to the decimal places the sheet prints.

    Some sheets print fewer than five places (Aberdeen 2017 prints ``1324.15`` for
    1324.15070): ours, rounded half-up or truncated to the sheet's places, must then equal
    the sheet's figure. Where the sheet prints five places this is plain equality; a figure
    printed without decimals must be exact.
    """
    if ours == official:
        return True
    exponent = official.as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= 0:
        return False
    unit = Decimal(1).scaleb(exponent)
    return official in (ours.quantize(unit, ROUND_HALF_UP), ours.quantize(unit, ROUND_DOWN))


def within_one_unit(ours: Decimal | Fraction, official: Decimal) -> bool:
    """Whether the two differ by less than one unit of the sheet's last printed place: a
    rounding the sheet shows (rounded up, or to even), not a different figure."""
    return places(official) > 0 and abs(Fraction(ours) - Fraction(official)) < Fraction(
        1, 10 ** places(official)
    )


def exact(value: object) -> Decimal | Fraction:
    """A count's number as a sheet figure: a decimal where it has a finite decimal expansion
    (ints, Decimals, Fractions over 2^a 5^b), else the exact Fraction."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if not isinstance(value, Fraction):
        raise TypeError(f"not an exact number: {value!r}")
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return value
    return Decimal(value.numerator) / Decimal(value.denominator)


def agrees(ours: Decimal | Fraction, official: Decimal | Fraction) -> bool:
    """:func:`agrees_to_the_sheets_places`, for our exact number against a sheet's figure,
    in exact arithmetic (a Fraction against a printed decimal)."""
    mine, theirs = Fraction(ours), Fraction(official)
    if mine == theirs:
        return True
    if not isinstance(official, Decimal) or places(official) == 0:
        return False
    scale = 10 ** places(official)
    half_up = (mine * scale + Fraction(1, 2)).__floor__()
    cut = int(mine * scale)  # toward zero
    return theirs * scale in (half_up, cut)
