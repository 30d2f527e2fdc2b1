import pickle
import re
from fractions import Fraction
from typing import Any

import attrs
import pytest

from votecount import Candidate, PluralityBallot, Profile, RankedBallot
from votecount.errors import BallotError, CandidateError, VotecountError


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
    with pytest.raises(BallotError, match="exact"):
        RankedBallot((0,), 0.5)
    with pytest.raises(BallotError, match="negative"):
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
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        alice.attributes["gender"] = "M"  # type: ignore[index]
    assert alice.attributes["gender"] == "F"


def test_profile_from_names_and_totals():
    profile = Profile.from_rankings("ABC", [("AB", 3), "C"])
    assert profile.total_weight == 4
    totals = Profile.from_totals({"A": 10, "B": 7})
    assert totals.kind == "plurality"
    assert totals.total_weight == 17
    with pytest.raises(CandidateError, match="unknown candidate 'Z'"):
        Profile.from_rankings("ABC", ["AZ"])


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda: RankedBallot((0,), True), "not a bool"),
        (lambda: RankedBallot((0,), 0.5), "exact"),
        (lambda: RankedBallot((0,), "half"), "must be a number, not 'half'"),
        (lambda: RankedBallot((0,), object()), "must be a number"),
        (lambda: RankedBallot((0,), -1), "cannot be negative"),
        (lambda: RankedBallot(5), "a ranking must be a sequence"),
        (lambda: RankedBallot((True,)), "not a bool"),
        (lambda: RankedBallot((0, 1.5)), "a preference must be a candidate index or a set of them"),
        (lambda: RankedBallot((0, {1.5, 2})), "a preference must be a candidate index, not 1.5"),
        (lambda: RankedBallot((0, set())), "must name at least one candidate"),
        (lambda: PluralityBallot(3), "marks must be candidate indices"),
        (lambda: PluralityBallot({"x"}), "a mark must be a candidate index, not 'x'"),
        (lambda: Candidate("A", attributes="gender"), "must map names to values"),
        (lambda: Profile(3, []), "candidates must be a sequence"),
        (lambda: Profile("AB", 7), "ballots must be a sequence"),
        (lambda: Profile("AB", ["not a ballot"]), "RankedBallot or PluralityBallot"),
        (lambda: Profile("AB", [RankedBallot((0,)), PluralityBallot({1})]), "not both"),
        (lambda: Profile("AB", [RankedBallot((2,))]), "names candidate 2, but there are 2"),
        (lambda: Profile(["A", Candidate("B", id="A")], []), "ids must be unique; repeated: A"),
        (lambda: Profile("AB", [], withdrawn={2}), "withdrawn candidate 2 out of range"),
        (lambda: Profile("AB", [], withdrawn={"B"}), "must be a candidate index, not 'B'"),
        (lambda: Profile("AB", [], withdrawn=1), "expected candidate indices"),
        (lambda: Profile("AB", [], tie_order=[0, 5]), "tie-order candidate 5 out of range"),
        (lambda: Profile("AB", [], seats=0), "at least 1, not 0"),
        (lambda: Profile("AB", [], seats="2"), "at least 1, not '2'"),
    ],
)
def test_bad_values_make_no_ballot_and_raise_the_librarys_error(make: Any, says: str) -> None:
    with pytest.raises(BallotError, match=re.escape(says)) as raised:
        make()
    assert isinstance(raised.value, VotecountError)


def test_asking_a_profile_for_a_candidate_it_does_not_have_names_them() -> None:
    profile = Profile.from_rankings("ABC", ["AB"])
    assert profile.candidate("B") == profile.candidate(1) == profile.candidate(Candidate("B")) == 1
    for key, says in [
        ("Z", "unknown candidate 'Z'"),
        (3, "no candidate number 3"),
        (Candidate("Z"), "not a candidate of this election: Candidate('Z')"),
    ]:
        with pytest.raises(CandidateError, match=re.escape(says)) as raised:
            profile.candidate(key)
        assert raised.value.candidate == key
    with pytest.raises(CandidateError, match="unknown candidate 'Z'"):
        Profile.from_marks("ABC", [("AZ", 2)])


def test_a_candidate_with_attributes_pickles() -> None:
    alice = Candidate("Alice", id="a1", attributes={"gender": "F", "region": "North"})
    again = pickle.loads(pickle.dumps(alice))
    assert again == alice and hash(again) == hash(alice)
    assert list(again.attributes.items()) == [("gender", "F"), ("region", "North")]
