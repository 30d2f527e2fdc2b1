"""Warnings for values a format allows but no election has: seats above candidates, enormous
weights and totals. They set nothing aside, and each is reported once."""

from __future__ import annotations

import votecount
from votecount.ballots import RankedBallot
from votecount.profile import Profile
from votecount.report.sheet import render
from votecount.validation import (
    PLAUSIBLE_TOTAL,
    PLAUSIBLE_WEIGHT,
    ValidationReport,
    ValidationWarning,
    plausibility_warnings,
)


def codes(warnings: tuple[ValidationWarning, ...]) -> list[str]:
    return [w.code for w in warnings]


def test_plausible_values_give_no_warning() -> None:
    found = plausibility_warnings(candidates=3, seats=3, weights=[PLAUSIBLE_WEIGHT, 1], total=PLAUSIBLE_TOTAL)
    assert found == ()


def test_each_implausible_value_has_its_warning() -> None:
    assert codes(plausibility_warnings(candidates=3, seats=4, weights=[1], total=1)) == [
        "seats-above-candidates"
    ]
    assert codes(plausibility_warnings(candidates=3, seats=None, weights=[10**23], total=10**23)) == [
        "implausible-weight",
        "implausible-total",
    ]
    many_lines = plausibility_warnings(candidates=3, seats=1, weights=[10], total=PLAUSIBLE_TOTAL + 1)
    assert codes(many_lines) == ["implausible-total"]


def test_a_weight_of_ten_to_the_twenty_third_is_named_by_its_size() -> None:
    (weight, _total) = plausibility_warnings(candidates=2, seats=1, weights=[10**23], total=10**23)
    assert "about 10^23 papers" in weight.message


def test_warnings_are_kept_once_and_listed_in_the_summary() -> None:
    found = plausibility_warnings(candidates=1, seats=2, weights=[], total=0)
    report = ValidationReport("x.blt", 1, 1).with_warnings(found).with_warnings(found)
    assert report.warnings == found
    assert f"  warning: {found[0]}" in report.summary()
    assert report.balances


def test_the_sheet_shows_a_reader_warning_once() -> None:
    from_reader = ValidationWarning("declared-total", "the file declares 49,266 voters but holds 3", 2)
    report = ValidationReport("x.soi", 3, 3, warnings=(from_reader,))
    profile = Profile(["A", "B"], [RankedBallot((0,), 2), RankedBallot((1,), 1)], validation=report)
    sheet = render(votecount.count(profile, "irv"), "text")
    assert sheet.count("Warning: line 2: the file declares 49,266 voters but holds 3") == 1


def test_one_vacant_seat_is_said_in_the_singular() -> None:
    (warning,) = plausibility_warnings(candidates=2, seats=3, weights=[1], total=1)
    assert warning.message.endswith("every candidate is elected and 1 seat stays vacant")
