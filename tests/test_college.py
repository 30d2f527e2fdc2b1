"""Electoral colleges: exact weights by section, and each section's part of every total.

Expected values are worked out by hand in the comments (share / turnout per paper).
"""

from fractions import Fraction

import pytest

from votecount import Candidate, Profile, Result, Round, RuleError
from votecount.college import College, Section

CANDS = (Candidate("Abbott", id="A"), Candidate("Balls", id="B"), Candidate("Miliband", id="M"))


def leadership_college_profiles() -> dict[str, Profile]:
    mps = Profile.from_rankings(CANDS, [("MB", 2), "AB"])
    members = Profile.from_rankings(CANDS, [("BM", 3), ("A", 2)])
    affiliates = Profile.from_rankings(CANDS, ["AM", "M"])
    return {"MPs": mps, "Members": members, "Affiliates": affiliates}


def leadership_college() -> College:
    # Three sections worth a third each (Labour's college until 2014):
    #   MPs:        3 papers -> each weighs (1/3)/3 = 1/9
    #   Members:    5 papers -> each weighs (1/3)/5 = 1/15
    #   Affiliates: 2 papers -> each weighs (1/3)/2 = 1/6
    return College.of(leadership_college_profiles())


def test_each_paper_weighs_its_sections_share_over_its_turnout():
    college = leadership_college()
    weights = {s.name: s.paper_weight for s in college.sections}
    assert weights == {
        "MPs": Fraction(1, 9),
        "Members": Fraction(1, 15),
        "Affiliates": Fraction(1, 6),
    }
    assert college.profile().total_weight == 1


def test_identical_papers_of_different_sections_merge_with_exact_weights():
    profile = leadership_college().profile()
    by_ranking = {b.ranking: b.weight for b in profile.ballots}
    # "M" alone comes only from one affiliate; "AB" from one MP.
    assert by_ranking[(2,)] == Fraction(1, 6)
    assert by_ranking[(0, 1)] == Fraction(1, 9)
    assert by_ranking[(1, 2)] == Fraction(3, 15)


def test_tally_gives_each_sections_part_with_all_standing():
    tally = leadership_college().tally({0, 1, 2})
    # MPs: Miliband 2/9, Abbott 1/9. Members: Balls 3/15, Abbott 2/15.
    # Affiliates: Abbott 1/6, Miliband 1/6.
    assert tally.votes["MPs"] == {0: Fraction(1, 9), 1: 0, 2: Fraction(2, 9)}
    assert tally.votes["Members"] == {0: Fraction(2, 15), 1: Fraction(1, 5), 2: 0}
    assert tally.votes["Affiliates"] == {0: Fraction(1, 6), 1: 0, 2: Fraction(1, 6)}
    assert all(v == 0 for v in tally.exhausted.values())


def test_tally_moves_papers_to_next_continuing_preference_or_exhausts_them():
    tally = leadership_college().tally({1, 2})  # Abbott out
    # MP "AB" goes to Balls; members' "A" papers exhaust (2/15); affiliate "AM" to Miliband.
    assert tally.votes["MPs"] == {0: 0, 1: Fraction(1, 9), 2: Fraction(2, 9)}
    assert tally.exhausted == {"MPs": 0, "Members": Fraction(2, 15), "Affiliates": 0}
    assert tally.votes["Affiliates"][2] == Fraction(1, 3)


def test_half_and_half_plurality_college():
    # NEC places elected half by members, half by affiliates; plurality papers count
    # for every candidate they mark. Members: 4 papers (1/8 each); affiliates: 1 (1/2).
    members = Profile.from_marks("XYZ", [("XY", 3), ("Z", 1)])
    affiliates = Profile.from_marks("XYZ", ["YZ"])
    college = College.of({"Members": members, "Affiliates": affiliates}, total=100)
    tally = college.tally({0, 1, 2})
    assert tally.votes["Members"] == {0: Fraction(150, 4), 1: Fraction(150, 4), 2: Fraction(50, 4)}
    assert tally.votes["Affiliates"] == {0: 0, 1: 50, 2: 50}


def test_unequal_shares_are_kept_exact():
    a = Profile.from_rankings("AB", [("A", 2), "B"])
    college = College.of({"one": a, "two": a}, {"one": "0.7", "two": Fraction(3, 10)})
    assert [s.paper_weight for s in college.sections] == [Fraction(7, 30), Fraction(1, 10)]


def test_sections_must_ballot_on_the_same_candidates():
    with pytest.raises(RuleError, match="different candidates"):
        College.of(
            {"a": Profile.from_rankings("AB", ["A"]), "b": Profile.from_rankings("AC", ["A"])}
        )


def test_a_section_without_papers_cannot_be_weighted():
    with pytest.raises(RuleError, match="no valid papers"):
        Section("empty", 1, Profile("AB", []))


def test_shares_must_be_exact_and_positive():
    p = Profile.from_rankings("AB", ["A"])
    with pytest.raises(TypeError, match="exact"):
        Section("s", 0.5, p)
    with pytest.raises(ValueError, match="positive"):
        Section("s", 0, p)
    with pytest.raises(RuleError, match="share for every section"):
        College.of({"a": p, "b": p}, {"a": 1})


def first_round_result(college: College, votes: dict[str, Fraction]) -> Result:
    cands = {c.id: c for c in college.candidates}
    rnd = Round(1, "first preferences", {cands[k]: v for k, v in votes.items()})
    return Result("hand count", college.candidates, 1, (), (rnd,), valid_poll=1)


def test_annotate_records_sections_and_the_sheet_shows_them():
    college = leadership_college()
    # Totals by hand from the papers above: Abbott 1/9 + 2/15 + 1/6, Balls 3/15,
    # Miliband 2/9 + 1/6.
    votes = {
        "A": Fraction(1, 9) + Fraction(2, 15) + Fraction(1, 6),
        "B": Fraction(1, 5),
        "M": Fraction(2, 9) + Fraction(1, 6),
    }
    result = college.annotate(first_round_result(college, votes))
    sections = result.rounds[0].sections
    assert sections is not None
    assert sections["Affiliates"][college.candidates[2]] == Fraction(1, 6)
    lines = str(result).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Miliband"))
    assert [line.split()[0] for line in lines[at + 1 : at + 4]] == ["MPs", "Members", "Affiliates"]
    assert lines[at + 3].split()[1] == "0.16666~"


def test_annotate_refuses_totals_the_sections_do_not_add_up_to():
    college = leadership_college()
    votes = {"A": Fraction(1, 3), "B": Fraction(1, 3), "M": Fraction(1, 3)}
    with pytest.raises(RuleError, match="does not move papers whole"):
        college.annotate(first_round_result(college, votes))


def test_college_counted_by_alternative_vote_round_by_round():
    college = leadership_college()
    result = college.count("irv")
    a, b, m = college.candidates
    # Round 1, in ninetieths: Abbott 10 + 12 + 15 = 37, Balls 18, Miliband 20 + 15 = 35.
    assert result.rounds[0].votes == {
        a: Fraction(37, 90), b: Fraction(18, 90), m: Fraction(35, 90)
    }
    # Balls out: the members' three "BM" papers (1/15 each) go to Miliband: 53/90 > 1/2.
    assert result.rounds[1].votes == {a: Fraction(37, 90), b: 0, m: Fraction(53, 90)}
    assert result.elected == (m,)
    sections = result.rounds[1].sections
    assert sections is not None
    assert sections["Members"] == {a: Fraction(2, 15), b: 0, m: Fraction(1, 5)}
    assert sections["MPs"] == {a: Fraction(1, 9), b: 0, m: Fraction(2, 9)}
    assert sections["Affiliates"] == {a: Fraction(1, 6), b: 0, m: Fraction(1, 6)}
    assert "Members" in str(result)


def test_college_in_percentage_points():
    college = College.of(leadership_college_profiles(), total=100)
    result = college.count("irv")
    m = college.candidates[2]
    assert result.rounds[1].votes[m] == Fraction(5300, 90)
    sections = result.rounds[1].sections
    assert sections is not None
    assert sum(part[m] for part in sections.values()) == Fraction(5300, 90)
