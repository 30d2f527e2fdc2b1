"""The statutory presets other than Scottish STV: each one's distinctive clauses on small
elections whose figures are worked out in the comments."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

import votecount
from stv_droop import droop_blt
from votecount import Profile
from votecount.rules.presets import PRESETS


def names(cands: object) -> list[str]:
    return [c.name for c in cands]  # type: ignore[attr-defined]


def test_every_preset_is_a_registered_rule_recording_its_options() -> None:
    profile = Profile.from_rankings("ABC", [("AB", 4), ("AC", 2), ("B", 1), ("C", 3)])
    for rule, preset in PRESETS.items():
        result = votecount.count(profile, rule, seats=2)
        assert result.rule == rule
        assert result.options == preset.options.as_dict()


def test_ers97_quota_is_worked_to_two_places_plus_a_hundredth() -> None:
    # 100 votes, 2 seats: 100 / 3 = 33.333... -> 33.33 + 0.01 = 33.34 (ERS97 5.1.6);
    # 99 votes: 99 / 3 = 33 exactly, which is the quota.
    hundred = Profile.from_rankings("AB", [("A", 60), ("B", 40)])
    assert votecount.count(hundred, "ers97", seats=2).quota == Decimal("33.34")
    ninety_nine = Profile.from_rankings("AB", [("A", 60), ("B", 39)])
    assert votecount.count(ninety_nine, "ers97", seats=2).quota == Decimal("33.00")


def test_ers97_defers_a_surplus_too_small_to_matter() -> None:
    # 25 votes, 2 seats: quota 25/3 = 8.333... -> 8.34. A has 10, a surplus of 1.66; the two
    # lowest are D 3 and C 5, a gap of 2 > 1.66, so the surplus is deferred and D is
    # excluded first (ERS97 5.2.3): C 8. Now the gap B 7 / C 8 is 1 < 1.66, so A's surplus
    # goes next. Scottish rules (quota 9, surplus 1) transfer A's surplus at stage 2.
    profile = Profile.from_rankings("ABCD", [("AB", 10), ("B", 7), ("C", 5), ("DC", 3)])
    ers = votecount.count(profile, "ers97", seats=2)
    assert ers.quota == Decimal("8.34")
    assert [r.description for r in ers.rounds][:3] == ["First preferences", "Exclusion of D", "Surplus of A"]
    scottish = votecount.count(profile, "scottish-stv", seats=2)
    assert scottish.rounds[1].description == "Surplus of A"


def test_northern_ireland_elects_the_unassailable_candidate_for_the_last_vacancy() -> None:
    # 36 votes, 2 seats: quota floor(36/3)+1 = 13. A 20 is elected; A's papers go nowhere,
    # so the surplus of 7 is all non-transferable (no transferable papers). Then one
    # vacancy: X 9 is at least Y 4 + Z 3 = 7, so X is elected at once (last vacancy).
    profile = Profile.from_rankings("AXYZ", [("A", 20), ("X", 9), ("Y", 4), ("Z", 3)])
    ni = votecount.count(profile, "northern-ireland", seats=2)
    assert len(ni.rounds) == 2
    assert names(ni.rounds[1].elected) == ["X"]
    assert "last vacancy" in ni.rounds[1].events[0].reason
    assert ni.rounds[1].exhausted == Decimal("7.00")
    scottish = votecount.count(profile, "scottish-stv", seats=2)
    assert len(scottish.rounds) > 2 and names(scottish.elected) == ["A", "X"]


def test_senate_credits_whole_votes_and_loses_fractions() -> None:
    # 12 papers, 2 seats: quota floor(12/3)+1 = 5. A has 7 papers, surplus 2: every one of
    # A's papers passes at 2/7. B's 4 papers are worth 8/7 -> 1 whole vote; C's 3 papers
    # 6/7 -> 0; the other 1 vote is lost to fractions.
    profile = Profile.from_rankings("ABC", [("AB", 4), ("AC", 3), ("B", 2), ("C", 3)])
    result = votecount.count(profile, "australian-senate", seats=2)
    stage2 = {c.name: v for c, v in result.rounds[1].votes.items()}
    assert stage2 == {"A": 5, "B": 3, "C": 3}
    assert result.rounds[1].lost_to_fractions == 1
    assert str(result.rounds[1].transfers[0].transfer_value) == "2/7"
    # s 273(18): one vacancy, two continuing: the higher is elected, no further exclusion.
    # B and C have 3 each; at the first count C had more (3 to 2), so C.
    assert len(result.rounds) == 2
    assert names(result.elected) == ["A", "C"]
    assert result.rounds[1].events[-1].reason == "the higher of the last two continuing candidates"


def test_act_counts_to_six_places_on_the_last_parcel() -> None:
    # 12 votes, 2 seats, quota 5. Stage 1: A 4, B 3, C 3, D 2. D is excluded: both D>A>B
    # papers go to A (6), elected. Only that last parcel is examined: surplus 1 over 2
    # continuing papers = 0.5 each, to B.
    profile = Profile.from_rankings("ABCD", [("AC", 4), ("B", 3), ("C", 3), ("DAB", 2)])
    result = votecount.count(profile, "act-hare-clark", seats=2)
    assert result.places == 6
    stage3 = result.rounds[2]
    assert stage3.description == "Surplus of A"
    assert [str(t.transfer_value) for t in stage3.transfers] == ["0.500000"]
    assert str(stage3.votes[result.candidate("B")]) == "4.000000"


@pytest.mark.parametrize("rule", sorted(PRESETS))
@pytest.mark.parametrize("name", ["SC", "SCw", "M135", "513"])
def test_presets_conserve_votes_on_droops_elections(rule: str, name: str) -> None:
    profile = droop_blt(name)
    result = votecount.count(profile, rule, seed=1)
    assert len(result.elected) == min(profile.seats or 1, len(profile.candidates) - len(profile.withdrawn))
    for r in result.rounds:
        assert r.total == result.valid_poll


def test_northern_ireland_records_what_a_surplus_does_not_pass_on_as_non_transferable() -> None:
    # 19 papers, 2 seats: quota floor(19/3)+1 = 7. A has 11, surplus 4 (not deferred: the
    # gap C 2 / B 3 is 1). 4 / 11 transferable papers = 0.3636... -> 0.36 a paper, so
    # 11 x 0.36 = 3.96 passes on and the other 0.04 is non-transferable (r. 50(2)(c)).
    profile = Profile.from_rankings("ABCD", [("AB", 7), ("AC", 4), ("B", 3), ("C", 2), ("D", 3)])
    result = votecount.count(profile, "northern-ireland", seats=2)
    stage2 = result.rounds[1]
    assert stage2.description == "Surplus of A"
    assert [str(t.transfer_value) for t in stage2.transfers] == ["0.36"]
    assert str(stage2.exhausted_change) == "0.04"
    assert stage2.lost_to_fractions == 0


def test_act_keeps_transfer_values_exact_and_rounds_down_the_votes_credited() -> None:
    # 15 votes, 2 seats, quota 6. A 4, B 4, C 4, D 3: D is excluded, A reaches 7 and is
    # elected. The last parcel is D's 3 papers, all continuing to B: surplus 1 over 3
    # papers is 1/3 a paper exactly, and 3 x 1/3 credits B with 1.000000 (a transfer value
    # rounded to 0.333333 would credit 0.999999).
    profile = Profile.from_rankings("ABCD", [("AC", 4), ("B", 4), ("C", 4), ("DAB", 3)])
    result = votecount.count(profile, "act-hare-clark", seats=2)
    stage3 = result.rounds[2]
    assert stage3.description == "Surplus of A"
    assert [t.transfer_value for t in stage3.transfers] == [Fraction(1, 3)]
    assert str(stage3.votes[result.candidate("B")]) == "5.000000"
    assert stage3.lost_to_fractions == 0
    rounded = votecount.count(profile, "stv", seats=2, preset="act-hare-clark", round_transfer_values=True)
    assert str(rounded.rounds[2].votes[rounded.candidate("B")]) == "4.999999"


def test_ers97_elects_on_the_total_active_vote() -> None:
    # 21 votes, 2 places: quota 7.00. A (10) is elected; the surplus of 3 cannot be deferred
    # (the gap D 2 / C 3 is 1) and A's papers go nowhere, so 3.00 becomes non-transferable.
    # The total active vote is 21 - 7 - 3 = 11, over 1 + 1 places: 5.50; B's 6 reaches it
    # (5.3.13(b)) though it is below the quota.
    profile = Profile.from_rankings("ABCD", [("A", 10), ("B", 6), ("C", 3), ("D", 2)])
    result = votecount.count(profile, "ers97", seats=2)
    assert len(result.rounds) == 2
    assert str(result.rounds[1].exhausted) == "3.00"
    assert names(result.rounds[1].elected) == ["B"]
    assert "votes in the count" in result.rounds[1].events[-1].reason


def test_ers97_elects_none_of_candidates_tied_throughout_for_the_last_places() -> None:
    # 9 votes, 2 places: quota 3.00, and A, B and C all have 3 (5.6.2: none of them is
    # elected at the first stage). Excluding one (lot decides which) would leave two for
    # two places, so those two are elected instead (5.5.1).
    profile = Profile.from_rankings("ABC", [("A", 3), ("B", 3), ("C", 3)])
    result = votecount.count(profile, "ers97", seats=2, seed=4)
    assert len(result.rounds) == 1
    assert any("none of them elected" in note for note in result.notes)
    assert len(result.elected) == 2
    assert all("proposed exclusion" in e.reason for e in result.rounds[0].events)
    assert result.ties[0].purpose == "exclude"
    plain = votecount.count(profile, "stv", seats=2, quota="ers97", places=2, seed=4)
    assert [e.reason for e in plain.rounds[0].events] == ["reached the quota"] * 2
