import pytest

from votecount import Candidate, ExplicitOrder, Lot, Refuse, TieError
from votecount.ties import TieBreaker

A, B, C = Candidate("A"), Candidate("B"), Candidate("C")


def test_explicit_order_favours_earlier_names():
    breaker = TieBreaker(ExplicitOrder(["C", "A", "B"]))
    assert breaker.order([A, B, C], purpose="exclude", stage=2) == (C, A, B)
    assert breaker.records[0].method.startswith("explicit order")


def test_lot_is_reproducible_from_its_seed_and_varies_with_it():
    draws = {Lot(seed).order([A, B, C], purpose="elect", draw=1, stage=1) for seed in range(40)}
    assert len(draws) > 1
    assert Lot(7).order([C, B, A], purpose="elect", draw=1, stage=1) == Lot(7).order(
        [A, B, C], purpose="elect", draw=1, stage=1
    )


def test_refuse_raises_tie_error_naming_the_candidates():
    with pytest.raises(TieError) as info:
        TieBreaker(Refuse()).order([A, B], purpose="exclude", stage=3)
    assert info.value.candidates == ("A", "B")
    assert "stage 3" in str(info.value)


def test_explicit_order_missing_a_tied_candidate_refuses():
    with pytest.raises(TieError):
        ExplicitOrder(["A"]).order([A, B], purpose="elect", draw=1, stage=None)
