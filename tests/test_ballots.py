from fractions import Fraction

import pytest

from votecount import Candidate, PluralityBallot, Profile, RankedBallot


def test_identical_ballots_are_grouped_once_with_weights_added():
    profile = Profile("ABC", [RankedBallot((0, 1)), RankedBallot((2,), 2), RankedBallot((0, 1), 3)])
    assert profile.unique_ballots == 2
    assert profile.total_weight == 6
    assert dict((b.ranking, b.weight) for b in profile.ballots) == {(0, 1): 4, (2,): 2}


def test_grouping_ignores_ballot_order():
    papers = [RankedBallot((0, 1)), RankedBallot((2, 0), 2), RankedBallot((1,))]
    assert Profile("ABC", papers) == Profile("ABC", list(reversed(papers)))


def test_equal_rankings_and_ids_keep_ballots_apart():
    a = RankedBallot((0, {1, 2}), id="a1")
    b = RankedBallot((0, {1, 2}), id="a2")
    profile = Profile("ABC", [a, b])
    assert profile.unique_ballots == 2
    assert profile.ballots[0].has_equal_rankings


def test_weights_stay_exact():
    profile = Profile("AB", [RankedBallot((0,), Fraction(1, 3)), RankedBallot((0,), Fraction(2, 3))])
    assert profile.total_weight == 1
    assert isinstance(profile.ballots[0].weight, int)
    with pytest.raises(TypeError):
        RankedBallot((0,), 0.5)
    with pytest.raises(ValueError):
        RankedBallot((0,), -1)


def test_unknown_candidate_index_is_refused():
    with pytest.raises(ValueError, match="names candidate 3"):
        Profile("ABC", [RankedBallot((3,))])


def test_ranked_and_plurality_ballots_do_not_mix():
    with pytest.raises(ValueError):
        Profile("AB", [RankedBallot((0,)), PluralityBallot({1})])


def test_candidates_carry_attributes_and_are_hashable():
    alice = Candidate("Alice", attributes={"gender": "F"})
    assert alice.id == "Alice"
    assert alice.attributes["gender"] == "F"
    assert {alice: 1}[Candidate("Alice", attributes={"gender": "F"})] == 1
    with pytest.raises(TypeError):
        alice.attributes["gender"] = "M"  # type: ignore[index]


def test_profile_from_names_and_totals():
    profile = Profile.from_rankings("ABC", [("AB", 3), "C"])
    assert profile.total_weight == 4
    totals = Profile.from_totals({"A": 10, "B": 7})
    assert totals.kind == "plurality"
    assert totals.total_weight == 17
    with pytest.raises(KeyError, match="unknown candidate 'Z'"):
        Profile.from_rankings("ABC", ["AZ"])
