"""The engine's options for the alternative vote and its relatives (the `prefer` helper
registers the rules; these tests pin the options down on hand-checkable counts)."""

from __future__ import annotations

import votecount
from votecount import Profile
from votecount.rules.stv import STVOptions, count_stv
from votecount.ties import Refuse

AV = STVOptions(quota="majority", quota_base="continuing", recompute_quota=True, elect_on="exceed")


def names(cands: object) -> list[str]:
    return [c.name for c in cands]  # type: ignore[attr-defined]


def test_majority_of_continuing_votes_recomputed_every_stage() -> None:
    # Stage 1: A 4, B 3, C 2 of 9: half is 4.5, nobody has more. C is excluded, both C>B
    # papers go to B: B 5 of 9 > 4.5, elected.
    profile = Profile.from_rankings("ABC", [("A", 4), ("B", 3), ("CB", 2)])
    result = count_stv(profile, seats=1, ties=Refuse(), options=AV)
    assert [r.quota for r in result.rounds] == [4.5, 4.5]
    assert names(result.elected) == ["B"]
    assert result.rounds[1].events[-1].reason == "more than half of the votes"


def test_quota_shrinks_as_papers_exhaust() -> None:
    # Stage 1: A 4, B 3, C 2 (C's papers go nowhere) of 9. After C's exclusion 7 votes are
    # left in the count: half is 3.5 and A's 4 is more than that.
    profile = Profile.from_rankings("ABC", [("A", 4), ("B", 3), ("C", 2)])
    result = count_stv(profile, seats=1, ties=Refuse(), options=AV)
    assert result.rounds[1].quota == 3.5
    assert names(result.elected) == ["A"]
    valid = STVOptions(quota="majority", recompute_quota=True, elect_on="exceed", elect_remaining=False)
    # against all valid votes (4.5), A never has a majority; with elect_remaining off B is
    # excluded next, and A, alone, still has only 4 of 9 - nobody is elected.
    result = count_stv(profile, seats=1, ties=Refuse(), options=valid)
    assert names(result.elected) == []


def test_batch_exclusion_of_candidates_who_cannot_catch_the_next() -> None:
    # A 10, B 8, C 2, D 1: C and D together (3) cannot catch B (8); D, C and B (11) could
    # pass A, so the batch is {C, D}. Their papers go to B: 11 of 21 > 10.5.
    profile = Profile.from_rankings("ABCD", [("A", 10), ("B", 8), ("CB", 2), ("DB", 1)])
    options = STVOptions(
        quota="majority", quota_base="continuing", recompute_quota=True, elect_on="exceed", exclusion="bulk"
    )
    result = count_stv(profile, seats=1, ties=Refuse(), options=options)
    assert names(result.rounds[1].excluded) == ["D", "C"]  # lowest first
    assert names(result.elected) == ["B"]
    assert len(result.rounds) == 2


def test_contingent_vote_keeps_only_the_top_two() -> None:
    # A 10, B 8, C 5 (C>B), D 3 (2 D>A, 1 D only). Nobody has more than 13 of 26, so C and D
    # go at once; B gets 5 and A 2: B 13, A 12, 1 exhausted; 13 > 25/2.
    profile = Profile.from_rankings("ABCD", [("A", 10), ("B", 8), ("CB", 5), ("DA", 2), ("D", 1)])
    options = STVOptions(
        quota="majority", quota_base="continuing", recompute_quota=True, elect_on="exceed", top_after_first=2
    )
    result = count_stv(profile, seats=1, ties=Refuse(), options=options)
    assert names(result.rounds[1].excluded) == ["C", "D"]
    assert result.rounds[1].votes == {
        result.candidate("A"): 12, result.candidate("B"): 13,
        result.candidate("C"): 0, result.candidate("D"): 0,
    }
    assert result.rounds[1].exhausted == 1
    assert names(result.elected) == ["B"]


def test_top_two_keeps_everyone_tied_for_second() -> None:
    profile = Profile.from_rankings("ABCD", [("A", 10), ("B", 5), ("CA", 5), ("DB", 1)])
    options = STVOptions(
        quota="majority", quota_base="continuing", recompute_quota=True, elect_on="exceed", top_after_first=2
    )
    result = count_stv(profile, seats=1, ties=Refuse(), options=options)
    assert names(result.rounds[1].excluded) == ["D"]


def test_exclude_down_to_the_last_two() -> None:
    # A has 7 of 13 at once, but the count is shown down to the last two: D (1) and then
    # C (2) are excluded first; A 8, B 5 at the end, and only then is A elected.
    profile = Profile.from_rankings("ABCD", [("A", 7), ("B", 3), ("CB", 2), ("DA", 1)])
    options = STVOptions(
        quota="majority", quota_base="continuing", recompute_quota=True, elect_on="exceed", exclude_down_to=2
    )
    result = count_stv(profile, seats=1, ties=Refuse(), options=options)
    assert [r.description for r in result.rounds] == ["First preferences", "Exclusion of D", "Exclusion of C"]
    assert names(result.elected) == ["A"]
    assert names(result.rounds[2].elected) == ["A"]
    final = {c.name: v for c, v in result.rounds[-1].votes.items()}
    assert (final["A"], final["B"]) == (8, 5)
    # counted normally, A is elected at the first stage
    plain = votecount.count(profile, "stv", seats=1, **{**AV.as_dict()})
    assert len(plain.rounds) == 1 and names(plain.elected) == ["A"]
