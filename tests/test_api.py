"""votecount.count checks its call: absurd seats, unknown names in a tie order, enormous weights."""

from __future__ import annotations

from decimal import Decimal

import pytest

import votecount
from votecount.ballots import RankedBallot
from votecount.errors import BallotError, RuleError, TieOrderError, VotecountError
from votecount.numbers import MAX_DIGITS
from votecount.profile import Profile
from votecount.report.sheet import render


def three_candidates(weight: int = 1) -> Profile:
    """Ann, Bob and Cat with 3, 2 and 1 papers of ``weight`` each: 6 × ``weight`` in all."""
    return Profile(
        ["Ann", "Bob", "Cat"],
        [RankedBallot((0, 2), 3 * weight), RankedBallot((1, 2), 2 * weight), RankedBallot((2,), weight)],
    )


@pytest.mark.parametrize("rule", ["scottish-stv", "meek", "stv", "ers97"])
def test_more_seats_than_candidates_elects_everyone_and_warns(rule: str) -> None:
    result = votecount.count(three_candidates(), rule, seats=10**11)
    assert sorted(c.name for c in result.elected) == ["Ann", "Bob", "Cat"]
    sheet = render(result, "text")
    assert "Warning: 100,000,000,000 seats to fill but only 3 candidates stand" in sheet
    assert "99,999,999,997 seats stay vacant" in sheet


def test_seats_within_the_candidates_give_no_warning() -> None:
    assert "Warning" not in render(votecount.count(three_candidates(), "scottish-stv", seats=2), "text")


@pytest.mark.parametrize("order", [["Zed"], ["Ann", "Zed", "Bob"], [""]])
def test_a_tie_order_naming_someone_who_does_not_stand_is_refused(order: list[str]) -> None:
    with pytest.raises(TieOrderError) as caught:
        votecount.count(three_candidates(), "irv", tie_order=order)
    unknown = [name for name in order if name not in ("Ann", "Bob")]
    assert caught.value.unknown == tuple(unknown)
    assert caught.value.choices == ("Ann", "Bob", "Cat")
    assert isinstance(caught.value, VotecountError)
    assert "Ann, Bob, Cat" in str(caught.value)


def test_a_tie_order_by_candidate_id_is_accepted() -> None:
    profile = three_candidates()
    ids = [c.id for c in reversed(profile.candidates)]
    result = votecount.count(profile, "scottish-stv", seats=1, tie_order=ids)
    assert len(result.elected) == 1


@pytest.mark.parametrize("rule", ["scottish-stv", "ers97", "northern-ireland", "nz-meek", "act-hare-clark"])
def test_a_forty_digit_weight_is_counted_and_printed_exactly(rule: str) -> None:
    weight = 10**39 + 7
    profile = three_candidates(weight)
    result = votecount.count(profile, rule, seats=1)
    # every paper is in the valid poll, to the last digit, whatever the places
    assert Decimal(result.valid_poll) == 6 * weight
    for fmt in ("text", "markdown", "html", "csv"):
        assert f"{6 * weight:,}" in render(result, fmt)


def test_papers_beyond_the_documented_size_are_refused() -> None:
    with pytest.raises(BallotError, match="at most 1,000"):
        votecount.count(three_candidates(10**MAX_DIGITS), "scottish-stv")


def test_places_beyond_the_documented_size_are_refused_without_building_the_scale() -> None:
    with pytest.raises(RuleError, match="at most 30"):
        votecount.count(three_candidates(), "stv", places=99_999_999_999)
