"""Meek and Warren shares in whole numbers (votecount.rules.stv.exact_shares), over a common
denominator or as scaled integers, are the shares of the general sharing out
(votecount.rules.stv.paths.share_out), value for value."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from votecount.numbers import Exact, FixedDecimal, Rounding, Value
from votecount.rules.stv.count import CONTINUING, ELECTED, EXCLUDED
from votecount.rules.stv.exact_shares import fixed_shares, meek_shares, warren_shares
from votecount.rules.stv.paths import group_paths, share_out

N = 6
EXACT = Exact()

rankings_st = st.lists(
    st.permutations(range(N)).flatmap(lambda p: st.integers(0, N).map(lambda k: tuple(p[:k]))),
    min_size=1, max_size=30,
)
# keep factors as the exact rules hold them: 1, 0, small denominators, 18 places
keep_st = st.one_of(
    st.just(Fraction(1)),
    st.just(Fraction(0)),
    st.fractions(min_value=0, max_value=1, max_denominator=50),
    st.integers(0, 10**18).map(lambda k: Fraction(k, 10**18)),
)


@settings(max_examples=20, deadline=None)
@given(rankings=rankings_st, data=st.data(), proportion=st.booleans())
def test_whole_number_shares_are_the_exact_shares(
    rankings: list[tuple[int, ...]], data: st.DataObject, proportion: bool
) -> None:
    weights = data.draw(st.lists(st.integers(1, 50), min_size=len(rankings), max_size=len(rankings)))
    status = data.draw(st.lists(st.sampled_from([CONTINUING, ELECTED, EXCLUDED]), min_size=N, max_size=N))
    keep: dict[int, Value] = {c: data.draw(keep_st) for c in range(N) if status[c] == ELECTED}
    paths = group_paths(rankings, weights, status)

    def kept_by(value: Value, c: int) -> Value:
        return EXACT.ratio(value, keep[c], 1) if proportion else min(keep[c], value)

    votes, exhausted = share_out(paths, EXACT, kept_by, N)
    shares = meek_shares if proportion else warren_shares
    got_votes, got_exhausted = shares(paths, keep, N)
    assert got_votes == votes and got_exhausted == exhausted
    # whole numbers as int, as the exact arithmetic reports them
    assert all(type(v) is int or v.denominator > 1 for v in [*got_votes, got_exhausted])


@settings(max_examples=20, deadline=None)
@given(
    rankings=rankings_st,
    data=st.data(),
    proportion=st.booleans(),
    places=st.sampled_from([0, 3, 9]),
    rounding=st.sampled_from(["truncate", "half-up", "up"]),
)
def test_scaled_integer_shares_are_the_fixed_decimal_shares(
    rankings: list[tuple[int, ...]], data: st.DataObject, proportion: bool, places: int, rounding: Rounding
) -> None:
    arith = FixedDecimal(places, rounding)
    weights = data.draw(st.lists(st.integers(1, 50), min_size=len(rankings), max_size=len(rankings)))
    status = data.draw(st.lists(st.sampled_from([CONTINUING, ELECTED, EXCLUDED]), min_size=N, max_size=N))
    keep: dict[int, Value] = {
        c: arith.fraction(data.draw(keep_st)) for c in range(N) if status[c] == ELECTED
    }
    paths = group_paths(rankings, weights, status)
    one = arith.whole(1)

    def kept_by(value: Value, c: int) -> Value:
        return arith.ratio(value, keep[c], one) if proportion else min(keep[c], value)

    assert fixed_shares(paths, keep, N, arith, proportion) == share_out(paths, arith, kept_by, N)


@pytest.mark.parametrize(
    ("keep_b", "rounding", "b_keeps"),
    [
        # A keeps 0.33 of 1.00 (exactly 0.33) and passes on 0.67; B keeps 0.67 × k
        (47, "truncate", 31), (47, "up", 32), (47, "half-up", 31),  # 0.67 × 0.47 = 0.3149
        (49, "truncate", 32), (49, "up", 33), (49, "half-up", 33),  # 0.67 × 0.49 = 0.3283
        (50, "truncate", 33), (50, "up", 34), (50, "half-up", 34),  # 0.67 × 0.50 = 0.335
    ],
)
def test_scaled_integer_shares_round_as_the_arithmetic_by_hand(
    keep_b: int, rounding: Rounding, b_keeps: int
) -> None:
    # three papers "ABC" at 2 places (units of 0.01): A and B elected, C continuing
    arith = FixedDecimal(2, rounding)
    paths = group_paths([(0, 1, 2)], [3], [ELECTED, ELECTED, CONTINUING])
    votes, exhausted = fixed_shares(paths, {0: 33, 1: keep_b}, 3, arith, True)
    assert votes == [3 * 33, 3 * b_keeps, 3 * (67 - b_keeps)] and exhausted == 0


def test_meek_by_hand() -> None:
    # A elected keeping 1/3, B elected keeping 1/2, C continuing. Papers: 6 "ABC", 4 "BA",
    # 3 "A". "ABC": A keeps 6 × 1/3 = 2; B keeps 6 × 2/3 × 1/2 = 2; C takes 2.
    # "BA": B keeps 2; A keeps 4 × 1/2 × 1/3 = 2/3; 4/3 is non-transferable.
    # "A": A keeps 1; 2 non-transferable.
    paths = group_paths([(0, 1, 2), (1, 0), (0,)], [6, 4, 3], [ELECTED, ELECTED, CONTINUING])
    votes, exhausted = meek_shares(paths, {0: Fraction(1, 3), 1: Fraction(1, 2)}, 3)
    assert votes == [Fraction(11, 3), 4, 2] and exhausted == Fraction(10, 3)
    assert [type(v) for v in votes] == [Fraction, int, int]


def test_warren_by_hand() -> None:
    # As above with keep values A 1/3, B 1/2: "ABC": A 1/3, B 1/2, C 1/6 of each of 6
    # papers; "BA": B 1/2, A 1/3, 1/6 non-transferable; "A": A 1/3, 2/3 non-transferable.
    paths = group_paths([(0, 1, 2), (1, 0), (0,)], [6, 4, 3], [ELECTED, ELECTED, CONTINUING])
    votes, exhausted = warren_shares(paths, {0: Fraction(1, 3), 1: Fraction(1, 2)}, 3)
    assert votes == [Fraction(13, 3), 5, 1] and exhausted == Fraction(8, 3)
