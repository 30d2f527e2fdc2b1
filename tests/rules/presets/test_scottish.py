"""Scottish STV (SSI 2007/42 Sch. 1 rr. 45-52) on hand-checkable elections and Droop's
test elections, against the figures in Droop's reference reports."""

from __future__ import annotations

from decimal import Decimal

import pytest

import votecount
from stv_droop import droop_blt, droop_final
from votecount import Profile
from votecount.errors import ConstraintError, RuleError, TieError
from votecount.rules.presets import PRESETS


def by_name(result: votecount.Result, round_number: int) -> dict[str, str]:
    return {c.name: str(v) for c, v in result.rounds[round_number - 1].votes.items()}


def test_surplus_is_weighted_inclusive_gregory_truncated_to_five_places() -> None:
    # 10 valid papers, 2 seats: quota = floor(10 / 3) + 1 = 4 (rule 45).
    profile = Profile.from_rankings("ABC", [("AB", 4), ("AC", 2), ("B", 1), ("C", 3)])
    result = votecount.count(profile, "scottish-stv", seats=2)
    assert result.quota == Decimal("4.00000")
    assert result.places == 5
    # Stage 1: A has 6 >= 4 and is elected (rule 46).
    assert by_name(result, 1) == {"A": "6.00000", "B": "1.00000", "C": "3.00000"}
    assert [c.name for c in result.rounds[0].elected] == ["A"]
    # Stage 2: surplus 2; each of A's papers passes at 2 x 1 / 6 = 0.33333 (remainder ignored):
    # B gets 4 x 0.33333 = 1.33332, C gets 2 x 0.33333 = 0.66666, 0.00002 is lost.
    stage2 = result.rounds[1]
    assert stage2.description == "Surplus of A"
    assert by_name(result, 2) == {"A": "4.00000", "B": "2.33332", "C": "3.66666"}
    assert {str(t.transfer_value) for t in stage2.transfers} == {"0.33333"}
    assert stage2.lost_to_fractions == Decimal("0.00002")
    # Stage 3: B is lowest and excluded; none of B's papers has a further preference, so
    # 1 + 1.33332 becomes non-transferable; C is then the only continuing candidate for the
    # one vacancy left and is elected (rule 52).
    assert result.rounds[2].excluded[0].name == "B"
    assert result.rounds[2].exhausted == Decimal("2.33332")
    assert [c.name for c in result.elected] == ["A", "C"]
    for r in result.rounds:
        assert r.total == result.valid_poll == 10


def test_exclusion_tie_looks_back_to_the_most_recent_differing_stage() -> None:
    # 26 papers, 1 seat, quota 14. Stage 1: F 10, B 6, C 5, E 3, D 2.
    # Stage 2: D excluded, both papers to C: C 7, B 6.
    # Stage 3: E excluded, one paper to B: B 7, C 7 - tied.
    # Most recent stage where they differed is stage 2 (C 7 > B 6), so B is excluded (r. 50);
    # looking back to the earliest stage instead (B 6 > C 5) would exclude C.
    profile = Profile.from_rankings(
        "FBCED", [("F", 10), ("B", 6), ("C", 5), ("EB", 1), ("E", 2), ("DC", 2)]
    )
    result = votecount.count(profile, "scottish-stv", seats=1)
    assert by_name(result, 3)["B"] == by_name(result, 3)["C"] == "7.00000"
    assert result.rounds[3].excluded[0].name == "B"
    assert result.ties[0].method == "earlier stages"
    assert [c.name for c in result.ties[0].order] == ["C", "B"]
    earliest = votecount.count(profile, "stv", seats=1, preset="scottish-stv", look_back="earliest")
    assert earliest.rounds[3].excluded[0].name == "C"
    assert [c.name for c in result.elected] == ["F"]


def test_a_tie_at_every_stage_goes_to_lot_and_is_recorded() -> None:
    profile = Profile.from_rankings("ABC", [("A", 4), ("B", 2), ("C", 2)])
    with pytest.raises(TieError):
        votecount.count(profile, "scottish-stv", seats=1)
    result = votecount.count(profile, "scottish-stv", seats=1, seed=7)
    again = votecount.count(profile, "scottish-stv", seats=1, seed=7)
    assert result.rounds[1].excluded == again.rounds[1].excluded
    assert result.ties[0].method == "lot (seed 7)"


def test_preset_refuses_options_and_constraints() -> None:
    profile = Profile.from_rankings("AB", [("A", 2), ("B", 1)])
    with pytest.raises(RuleError, match="fixes every option"):
        votecount.count(profile, "scottish-stv", places=3)
    with pytest.raises(ConstraintError, match="seat constraint must be a"):
        votecount.count(profile, "scottish-stv", constraints=[object()])


def test_result_records_options_to_repeat_the_count() -> None:
    profile = Profile.from_rankings("ABC", [("AB", 4), ("AC", 2), ("B", 1), ("C", 3)])
    result = votecount.count(profile, "scottish-stv", seats=2)
    assert result.options == PRESETS["scottish-stv"].options.as_dict()
    again = votecount.count(profile, "stv", seats=2, **result.options)
    assert again.rounds == result.rounds


DROOP_SCOTTISH = ["42", "513", "SC", "SCw", "M135", "SC-Vm-12"]
# SC-Vm-12 has X, Y and Z tied at every stage; Droop's lots excluded X, then Y.
DROOP_LOTS = {"SC-Vm-12": ["A", "B", "Z", "Y", "X"]}


@pytest.mark.parametrize("name", DROOP_SCOTTISH)
def test_droop_reference_reports(name: str) -> None:
    profile = droop_blt(name)
    result = votecount.count(profile, "scottish-stv", seed=1, tie_order=DROOP_LOTS.get(name))
    elected, nontransferable, residual = droop_final(name, "scotland-fixed-p5-d5")
    final = result.rounds[-1]
    assert {c.name: str(final.votes[c]) for c in result.elected} == elected
    assert str(final.exhausted) == nontransferable
    assert str(final.lost_to_fractions) == residual
    for r in result.rounds:
        assert r.total == result.valid_poll


def test_droop_sc_stage_figures() -> None:
    # Figures read from Droop's SC-scotland-fixed-p5-d5 report (quota 19, 4 seats).
    result = votecount.count(droop_blt("SC"), "scottish-stv", seed=1)
    assert result.quota == Decimal("19.00000")
    stage2 = by_name(result, 2)  # Rotzler's surplus of 14
    assert (stage2["Budd Dickinson"], stage2["Kristen Olsen"]) == ("6.84848", "12.45448")
    stage3 = by_name(result, 3)  # LaMarche's surplus of 3
    assert (stage3["Budd Dickinson"], stage3["Steve Kramer"]) == ("7.80300", "18.54544")
    kramer_elected = next(r for r in result.rounds if any(c.name == "Steve Kramer" for c in r.elected))
    assert str(kramer_elected.votes[result.candidate("Steve Kramer")]) == "19.68180"
    after_kramer = result.rounds[kramer_elected.number]
    assert after_kramer.description == "Surplus of Steve Kramer"
    assert str(after_kramer.exhausted) == "0.00472"
    assert [c.name for c in result.elected] == [
        "Rebecca Rotzler", "Pat LaMarche", "Steve Kramer", "Tom Sevigny"
    ]
