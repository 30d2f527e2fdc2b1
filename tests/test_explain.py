"""``result.explain(name)``: one candidate's way through the count, in words.

The figures are checked against the bundled Riverside example, worked by hand from its BLT
file (src/votecount/examples/riverside.blt): 2,283 papers, 3 seats, so the Droop quota is
floor(2283 / 4) + 1 = 571. Fergus Kerr's first preferences are the lines ``85 6 4 5 0`` and
``41 6 0``: 126. Excluded at stage 3, his 85 papers go to Duncan Fraser (4) and 41 have no
further preference. Iona MacLeod (5) has 152 + 97 + 33 = 282; excluded at stage 4, 152 go to
Morag Stewart (3), 97 to Duncan Fraser (their next, 6, is already excluded), 33 exhaust.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

import votecount
from votecount import Candidate, examples
from votecount.constraints import Constraint
from votecount.errors import CandidateError
from votecount.explain import Explanation, explain
from votecount.result import Event, Result, Round, Transfer


@pytest.fixture(scope="module")
def riverside() -> votecount.Result:
    return votecount.count(votecount.read(examples.path()), "scottish-stv")


def test_an_excluded_candidate_is_told_the_margin_and_where_the_papers_went(
    riverside: votecount.Result,
) -> None:
    said = riverside.explain("fergus")
    assert isinstance(said, Explanation) and said.outcome == "excluded"
    assert said.summary == "Fergus Kerr (Ind) was excluded at stage 3: lowest votes."
    # stage 1: 126 votes, 571 - 126 = 445 short, lowest, 282 - 126 = 156 behind Iona MacLeod
    assert said.details[0] == (
        "Stage 1 (First preferences): 126.00000 votes; 445.00000 short of the quota 571.00000; "
        "lowest of 6 standing, 156.00000 behind Iona MacLeod (Grn)"
    )
    assert said.details[-1] == (
        "Stage 3: their papers (126 papers at transfer value 1.00000) went to "
        "Duncan Fraser (Con) 85.00000, non-transferable 41.00000"
    )
    iona = str(riverside.explain("MACLEOD"))
    went = "Morag Stewart (SNP) 152.00000, Duncan Fraser (Con) 97.00000, non-transferable 33.00000"
    assert f"went to {went}" in iona


def test_an_elected_candidate_is_told_the_quota_and_their_place(riverside: votecount.Result) -> None:
    said = riverside.explain("Ailsa Grant (Lab)")
    assert said.outcome == "elected"
    assert said.summary.startswith("Ailsa Grant (Lab) was elected at stage 1, 1st of the 3 seats")
    # 412 + 178 + 96 = 686 first preferences: 686 - 571 = 115 over the quota
    assert "686.00000 votes; the quota 571.00000 reached, 115.00000 over" in said.details[0]
    assert said.details[-1].startswith("Stage 2: their surplus (686 papers at transfer value 0.16763)")
    callum = riverside.explain("callum")
    assert "(+69.06356 from Ailsa Grant (Lab)'s surplus)" in callum.details[1]
    assert repr(callum) == str(callum) and str(callum).startswith(callum.summary)


def test_a_plurality_candidate_skipped_by_a_constraint_is_told_so() -> None:
    # the National Policy Forum 2012 East Midlands totals of docs/quickstart.md
    field = [("Furlong", "M", 2399), ("Glover", "M", 2096), ("Brookfield", "F", 2010),
             ("Mohammed", "M", 1931), ("Elliott", "F", 1473), ("Lowe", "F", 1382)]  # fmt: skip
    totals = {Candidate(n, attributes={"gender": g}): v for n, g, v in field}
    result = votecount.count(
        votecount.Profile.from_totals(totals), "block", seats=4,
        constraints=[Constraint("gender", "F", at_least=2)],
    )  # fmt: skip
    said = result.explain("mohammed")
    # 1,931 - 1,473 = 458 ahead of Elliott, who took the last seat
    assert said.outcome == "not elected"
    assert said.summary.startswith(
        "Mohammed was not elected: 1,931 votes at the end of the count, "
        "458 ahead of Elliott, the last elected; "
    )
    assert "skipped" in said.summary
    lowe = result.explain("Lowe")
    assert lowe.summary == (
        "Lowe was not elected: 1,382 votes at the end of the count, 91 behind Elliott, the last elected."
    )


def test_an_unknown_name_suggests_and_an_ambiguous_one_lists(riverside: votecount.Result) -> None:
    with pytest.raises(CandidateError, match=r"unknown candidate 'Morag Stewrt'; did you mean"):
        riverside.explain("Morag Stewrt")
    with pytest.raises(CandidateError) as info:
        riverside.candidate("(lab)")
    assert info.value.matches == ("Ailsa Grant (Lab)", "Callum Reid (Lab)")
    assert riverside.candidate("ailsa GRANT").name == "Ailsa Grant (Lab)"


def test_the_parcels_of_one_exclusion_are_added_together() -> None:
    # Two parcels of one exclusion at different values (A's own papers at 1, and papers
    # that came to A from a surplus); the explanation reports them as one transfer.
    a, b, c = Candidate("A"), Candidate("B"), Candidate("C")
    parcels = (
        Transfer(a, "exclusion", 10, {b: 6}, exhausted=4, transfer_value=1),
        Transfer(a, "exclusion", 8, {b: 1, c: 2}, exhausted=1, transfer_value=Fraction(1, 2)),
    )
    rounds = (
        Round(1, "First preferences", {a: 14, b: 20, c: 16}),
        Round(2, "Exclusion of A", {a: 0, b: 27, c: 18}, transfers=parcels,
              events=(Event("excluded", a, "lowest votes"),), exhausted=5),
    )  # fmt: skip
    result = Result("test", (a, b, c), 1, (), rounds, 50)
    said = explain(result, "a")
    # 6 + 1 to B, 0 + 2 to C, 4 + 1 non-transferable, from 10 + 8 papers
    assert said.details[-1] == (
        "Stage 2: their papers (18 papers at transfer values 1, 0.50000) went to B 7, C 2, non-transferable 5"
    )


def test_a_single_seat_is_told_without_places() -> None:
    # Ann 40, Bob 35, Cat 25: Cat is excluded, her 25 go to Bob (60 of 100), who wins
    profile = votecount.Profile.from_rankings(
        ["Ann", "Bob", "Cat"], [(["Ann", "Bob"], 40), (["Bob", "Cat"], 35), (["Cat", "Bob"], 25)]
    )
    result = votecount.count(profile, "irv")
    assert result.explain("bob").summary.startswith("Bob was elected at stage 2: ")
    assert result.explain("ann").summary == (
        "Ann was not elected: 40 votes at the end of the count, 20 behind Bob, who was elected."
    )
