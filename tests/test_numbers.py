"""Arithmetic policies: exact fractions and fixed decimals with each rounding."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from votecount.errors import RuleError
from votecount.numbers import MAX_PLACES, Exact, FixedDecimal, arithmetic, digits, format_number


def test_fixed_values_are_scaled_integers_and_public_decimals() -> None:
    five = FixedDecimal(5)
    assert five.whole(1408) == 140800000
    assert five.public(140835000) == Decimal("1408.35000")
    assert str(five.public(140835000)) == "1408.35000"
    assert five.exact(140835000) == Fraction(140835, 100)


def test_transfer_value_is_truncated_at_five_places() -> None:
    # Scottish rule 48(3): surplus 2 x value 1 / total 6 = 0.333333... -> 0.33333
    five = FixedDecimal(5, "truncate")
    assert five.public(five.ratio(five.whole(2), five.whole(1), five.whole(6))) == Decimal("0.33333")
    # 2/3 truncates to 0.66666, rounds half up to 0.66667, rounds up to 0.66667
    assert FixedDecimal(5, "truncate").divide(200000, 3) == 66666
    assert FixedDecimal(5, "half-up").divide(200000, 3) == 66667
    assert FixedDecimal(5, "up").divide(100000, 3) == 33334
    # an exact half: half-up goes up, truncation goes down
    assert FixedDecimal(0, "half-up").divide(5, 2) == 3
    assert FixedDecimal(0, "truncate").divide(5, 2) == 2
    assert FixedDecimal(0, "up").divide(4, 2) == 2


def test_fixed_products_by_papers() -> None:
    two = FixedDecimal(2)
    assert two.times(33, 3) == 99  # 0.33 x 3 papers = 0.99, exact
    assert two.times(100, Fraction(1, 3)) == 33  # 1.00 x 1/3 paper, truncated
    assert two.weight(Fraction(5, 2)) == 250
    assert two.fraction(Fraction(1, 8)) == 12


def test_exact_keeps_every_digit() -> None:
    exact = Exact()
    assert exact.ratio(2, 1, 6) == Fraction(1, 3)
    assert exact.times(Fraction(1, 3), 3) == 1
    assert isinstance(exact.times(Fraction(1, 3), 3), int)
    assert exact.public(Fraction(4, 2)) == 2 and isinstance(exact.public(Fraction(4, 2)), int)
    assert exact.places is None and exact.unit == 0


def test_arithmetic_factory() -> None:
    assert arithmetic() == Exact()
    assert arithmetic(5) == FixedDecimal(5, "truncate")
    assert arithmetic(2, "half-up").describe() == "fixed decimal, 2 places, rounded half up"
    with pytest.raises(ValueError):
        FixedDecimal(-1)


def test_unrounded_values_stay_exact_until_they_credit_votes() -> None:
    six = FixedDecimal(6)
    third = six.unrounded(Fraction(1, 3))
    assert six.exact(third) == Fraction(1, 3)
    assert six.public(third) == Fraction(1, 3)
    assert six.times(third, 3) == 1_000_000  # exactly one vote
    assert six.times(third, 2) == 666_666  # 0.666666, rounded down
    assert six.unrounded(Fraction(1, 2)) == 500_000
    assert Exact().unrounded(Fraction(1, 3)) == Fraction(1, 3)


def test_format_number_shows_exact_values_exactly_and_marks_cut_digits() -> None:
    assert format_number(1234) == "1,234"
    assert format_number(1234, 2) == "1,234.00"  # a whole number in a count kept to places
    assert format_number(Decimal("1408.35")) == "1,408.35"
    assert format_number(Decimal("1408.35"), 5) == "1,408.35000"
    assert format_number(Fraction(1, 4)) == "0.25000"  # exact: nothing cut
    assert format_number(Fraction(2, 3)) == "0.66666~"  # truncated, never rounded up
    assert format_number(Fraction(-1, 3), 2) == "-0.33~"
    assert format_number(5, signed=True) == "+5" and format_number(-5, signed=True) == "-5"
    assert format_number(None) == ""


def test_fixed_decimal_values_keep_every_digit_past_the_context_precision() -> None:
    # 46 digits: the default decimal context (28) would round them, or raise when quantized
    units = 10**45 + 7
    value = FixedDecimal(5).public(units)
    assert Fraction(value) == Fraction(units, 10**5)
    assert format_number(value, 5) == f"{units // 10**5:,}.00007"


def test_places_beyond_the_documented_bound_are_a_rule_error() -> None:
    FixedDecimal(MAX_PLACES)
    with pytest.raises(RuleError, match="at most 30"):
        FixedDecimal(MAX_PLACES + 1)


@pytest.mark.parametrize(
    "n, length",
    [(0, 1), (1, 1), (9, 1), (10, 2), (99, 2), (10**39 - 1, 39), (10**39, 40), (10**5000, 5001)],
    ids=lambda value: str(value) if isinstance(value, int) and value < 10**50 else "huge",
)
def test_digits_measures_a_number_without_printing_it(n: int, length: int) -> None:
    assert digits(n) in (length, length + 1)
