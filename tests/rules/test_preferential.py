"""Alternative vote, supplementary vote and contingent vote: rules, options and properties.

Small examples are worked out by hand in the comments. The London 2016 mayoral count uses
a constructed ballot file (see :func:`london_2016_profile`) that must give the published
figures.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import votecount
from votecount import Profile, RankedBallot, Result, RuleError, TieError
from votecount import strategies as vs
from votecount.formats import read, write
from votecount.rules.preferential import supplementary_profile, transfer_matrix


def names(cands: object) -> list[str]:
    return [c.name for c in cands]  # type: ignore[attr-defined]


def totals(result: Result) -> list[dict[str, object]]:
    return [{c.name: v for c, v in r.votes.items() if v} for r in result.rounds]


# --- the alternative vote ------------------------------------------------------------------


def test_lowest_is_excluded_and_papers_go_to_next_preference():
    # A 4, B 3, C 2 (of 9): nobody over 4.5. C out; C's papers go to B (2): B 5 > 4.5.
    p = Profile.from_rankings("ABC", [("AB", 4), ("BC", 3), ("CB", 2)])
    r = votecount.count(p, "irv")
    assert totals(r) == [{"A": 4, "B": 3, "C": 2}, {"A": 4, "B": 5}]
    assert names(r.elected) == ["B"]
    assert names(r.rounds[1].excluded) == ["C"]
    assert "half" in r.rounds[1].events[-1].reason


def test_aliases_name_the_same_rule():
    p = Profile.from_rankings("ABC", [("AB", 4), ("BC", 3), ("CB", 2)])
    for alias in ("av", "alternative-vote", "instant-runoff", "instant_runoff"):
        assert votecount.count(p, alias).elected == votecount.count(p, "irv").elected


def test_first_preference_majority_ends_the_count_in_round_one():
    p = Profile.from_rankings("ABC", [("A", 5), ("BC", 3), ("CB", 1)])
    r = votecount.count(p, "irv")
    assert len(r.rounds) == 1
    assert names(r.rounds[0].elected) == ["A"]


def test_transfer_matrix_and_exhausted_papers_are_recorded_each_round():
    # Round 1: A 6, B 5, C 4, D 3 (18). D out: D->C 2, D exhausts 1.
    # Round 2: A 6, B 5, C 6, exhausted 1. B out: B->A 3, B->C 1, B exhausts 1.
    # Round 3: A 9, C 7, exhausted 2: A has 9 of the 16 in play.
    p = Profile.from_rankings(
        "ABCD", [("A", 6), ("BA", 3), ("BC", 1), ("B", 1), ("C", 4), ("DC", 2), ("D", 1)]
    )
    r = votecount.count(p, "irv")
    assert totals(r) == [
        {"A": 6, "B": 5, "C": 4, "D": 3},
        {"A": 6, "B": 5, "C": 6},
        {"A": 9, "C": 7},
    ]
    assert [x.exhausted for x in r.rounds] == [0, 1, 2]
    (moved,) = r.rounds[1].transfers
    assert moved.source.name == "D"
    assert {c.name: v for c, v in moved.votes.items() if v} == {"C": 2}
    assert moved.exhausted == 1
    (moved,) = r.rounds[2].transfers
    assert {c.name: v for c, v in moved.votes.items() if v} == {"A": 3, "C": 1}
    assert moved.exhausted == 1
    sheet = str(r)
    assert "Non-transferable" in sheet and "Exclusion of D" in sheet
    matrix = transfer_matrix(r)
    assert [(n, src.name, {getattr(k, "name", k): v for k, v in moved.items()})
            for n, src, moved in matrix.rows] == [
        (2, "D", {"C": 2, "non-transferable": 1}),
        (3, "B", {"A": 3, "C": 1, "non-transferable": 1}),
    ]
    assert str(matrix).splitlines()[0].split() == ["Round", "From", "A", "B", "C", "D", "non-transferable"]


def test_majority_of_continuing_or_of_valid_votes():
    # Round 2 as above: A 9 of 16 in play (18 valid). Of continuing votes A is elected in
    # round 3; of all valid votes 9 is not more than 9, but A is the higher of the last two.
    p = Profile.from_rankings(
        "ABCD", [("A", 6), ("BA", 3), ("BC", 1), ("B", 1), ("C", 4), ("DC", 2), ("D", 1)]
    )
    continuing = votecount.count(p, "irv")
    valid = votecount.count(p, "irv", majority_of="valid")
    assert continuing.rounds[-1].events[-1].reason != valid.rounds[-1].events[-1].reason
    assert names(valid.elected) == names(continuing.elected) == ["A"]
    assert len(valid.rounds) == 3
    assert valid.options["majority_of"] == "valid"


def test_stop_at_majority_or_continue_to_the_last_two():
    # A 5, B 3, C 2, D 1 (11). D->C: C 3 ... A has 5 of 11 (not over 5.5).
    p = Profile.from_rankings("ABCD", [("A", 5), ("BA", 3), ("CA", 2), ("DA", 1)])
    stopped = votecount.count(p, "irv")
    # D out: A 6 of 11 -> elected in round 2.
    assert len(stopped.rounds) == 2
    last_two = votecount.count(p, "irv", stop="last-two")
    # D out (A 6), C out (A 8), then only A and B: A 8, B 3.
    assert totals(last_two)[-1] == {"A": 8, "B": 3}
    assert len(last_two.rounds) == 3
    assert names(last_two.elected) == ["A"]


def test_batch_exclusion_removes_all_who_together_cannot_catch_the_next():
    # E 1 + D 2 + C 3 = 6 < B 7: all three go at once. C's papers to A (3), D's to B (2),
    # E's paper (E, C) exhausts: A 11, B 9, 1 exhausted. One at a time: E, D, C, same end.
    p = Profile.from_rankings("ABCDE", [("A", 8), ("B", 7), ("CA", 3), ("DB", 2), ("EC", 1)])
    one = votecount.count(p, "irv")
    batch = votecount.count(p, "irv", exclusion="batch")
    assert len(one.rounds) == 4
    assert len(batch.rounds) == 2
    assert set(names(batch.rounds[1].excluded)) == {"C", "D", "E"}
    assert totals(batch)[-1] == totals(one)[-1] == {"A": 11, "B": 9}
    assert batch.rounds[-1].exhausted == 1
    assert batch.elected == one.elected


def tie_profile() -> Profile:
    # Round 1: A 19, X 10, Y 9, Z 2, W 5 (45). Z out -> Y 11.
    # Round 2: A 19, X 10, Y 11, W 5. W out -> X 1, 4 exhaust.
    # Round 3: A 19, X 11, Y 11: X and Y tie for last. Most recent round where they
    # differed: round 2 (X 10 < Y 11) -> X out, X's papers to Y: Y 21 of 40 -> Y elected.
    # Earliest: round 1 (X 10 > Y 9) -> Y out, Y's to X: X 20 of 39 -> X elected.
    return Profile.from_rankings(
        "AXYZW", [("A", 19), ("XY", 10), ("YX", 9), ("ZY", 2), ("WX", 1), ("W", 4)]
    )


def test_exclusion_tie_looks_back_to_the_most_recent_differing_round():
    r = votecount.count(tie_profile(), "irv")
    assert totals(r)[2] == {"A": 19, "X": 11, "Y": 11}
    assert names(r.rounds[3].excluded) == ["X"]
    assert names(r.elected) == ["Y"]
    (tie,) = r.ties
    assert tie.method == "earlier stages"


def test_exclusion_tie_looks_back_to_the_earliest_differing_round():
    r = votecount.count(tie_profile(), "irv", look_back="earliest")
    assert names(r.rounds[3].excluded) == ["Y"]
    assert names(r.elected) == ["X"]


def test_exclusion_tie_without_look_back_goes_to_lot_or_refuses():
    with pytest.raises(TieError) as caught:
        votecount.count(tie_profile(), "irv", look_back="none")
    assert set(caught.value.candidates) == {"X", "Y"}
    drawn = votecount.count(tie_profile(), "irv", look_back="none", seed=2026)
    again = votecount.count(tie_profile(), "irv", look_back="none", seed=2026)
    assert drawn == again
    assert "lot" in drawn.ties[0].method
    ordered = votecount.count(tie_profile(), "irv", look_back="none", tie_order=["A", "X", "Y"])
    assert names(ordered.elected) == ["X"]  # Y is least favoured, so Y is excluded


def test_irv_refuses_more_than_one_seat_and_unknown_options():
    p = Profile.from_rankings("AB", ["A"])
    with pytest.raises(RuleError, match="one candidate"):
        votecount.count(p, "irv", seats=2)
    with pytest.raises(RuleError, match="majority_of"):
        votecount.count(p, "irv", majority_of="members")
    with pytest.raises(RuleError, match="stop"):
        votecount.count(p, "irv", stop="never")
    with pytest.raises(RuleError, match=r"unknown option.*lookback.*look_back"):
        votecount.count(p, "irv", lookback="earliest")
    with pytest.raises(RuleError, match="equal_rankings"):
        votecount.count(p, "sv", equal_rankings="share")


def test_repr_and_sheet_in_a_repl():
    p = Profile.from_rankings("ABC", [("AB", 4), ("BC", 3), ("CB", 2)])
    r = votecount.count(p, "irv")
    assert repr(r) == "<Result irv: 1 seat, elected B; 2 rounds>"
    lines = str(r).splitlines()
    assert any(line.startswith("B ") and "elected" in line for line in lines)


# --- the supplementary vote -----------------------------------------------------------------

LONDON_2016_FIRST = {"Khan": 1_148_716, "Goldsmith": 909_755}
LONDON_2016_FINAL = {"Khan": 1_310_143, "Goldsmith": 994_614}


def london_2016_profile() -> Profile:
    """A ballot file that must give the published first and final figures for Khan and
    Goldsmith (Commons Library CBP-7598). Only those four figures are published in our
    source, so the other candidates are lumped into three constructed ones ("Other 1-3",
    500,000 first preferences between them, so nobody has a first-round majority). Their
    papers' second choices carry exactly the published gains; the rest name another
    eliminated candidate, no one, or repeat the first choice, and so count for nobody. Some
    Khan papers name Goldsmith second and vice versa: under the supplementary vote those
    second choices must not count, since their first choices remain in the count.
    """
    gain_khan = LONDON_2016_FINAL["Khan"] - LONDON_2016_FIRST["Khan"]  # 161,427
    gain_goldsmith = LONDON_2016_FINAL["Goldsmith"] - LONDON_2016_FIRST["Goldsmith"]  # 84,859
    papers: list[tuple[str | None, str | None, int]] = [
        ("Khan", None, LONDON_2016_FIRST["Khan"] - 60_000),
        ("Khan", "Goldsmith", 60_000),
        ("Goldsmith", None, LONDON_2016_FIRST["Goldsmith"] - 40_000),
        ("Goldsmith", "Khan", 40_000),
        ("Other 1", "Khan", 100_000),
        ("Other 1", "Goldsmith", 50_000),
        ("Other 1", "Other 2", 60_000),
        ("Other 1", None, 50_000),
        ("Other 1", "Other 1", 40_000),
        ("Other 2", "Khan", 50_000),
        ("Other 2", "Goldsmith", 30_000),
        ("Other 2", "Other 1", 40_000),
        ("Other 2", None, 30_000),
        ("Other 3", "Khan", gain_khan - 150_000),
        ("Other 3", "Goldsmith", gain_goldsmith - 80_000),
        ("Other 3", None, 50_000 - (gain_khan - 150_000) - (gain_goldsmith - 80_000)),
        (None, "Khan", 7_000),  # void: a second choice with no first
    ]
    assert all(n > 0 for *_, n in papers)
    cands = ["Khan", "Goldsmith", "Other 1", "Other 2", "Other 3"]
    return supplementary_profile(cands, papers, title="London mayor 2016 (constructed)")


def test_london_mayor_2016_supplementary_vote(tmp_path: Path):
    built = london_2016_profile()
    report = built.validation
    assert report is not None
    assert report.rejected == {"no first choice": 7_000}
    assert report.repaired == {"second choice repeats the first": 40_000}
    path = tmp_path / "london-2016.blt"
    write(built, path)
    profile = read(path)
    r = votecount.count(profile, "supplementary")
    first, final = totals(r)
    assert {k: first[k] for k in LONDON_2016_FIRST} == LONDON_2016_FIRST
    assert final == LONDON_2016_FINAL
    assert names(r.elected) == ["Khan"]
    assert len(r.rounds) == 2
    assert set(names(r.rounds[1].excluded)) == {"Other 1", "Other 2", "Other 3"}
    assert sum(r.rounds[1].votes.values()) + r.rounds[1].exhausted == r.valid_poll
    assert votecount.count(profile, "sv") == r


def test_supplementary_vote_keeps_everyone_tied_for_second():
    # A 10, B 6, C 6, D 3 (25): nobody over 12.5; B and C tie for second, so A, B and C
    # all remain. D's second choices: C 2, B 1. Totals A 10, B 7, C 8: A has the most
    # votes (not a majority) and is elected; nobody else is excluded.
    p = Profile.from_rankings("ABCD", [("A", 10), ("B", 6), ("C", 6), ("DC", 2), ("DB", 1)])
    r = votecount.count(p, "supplementary")
    assert totals(r) == [{"A": 10, "B": 6, "C": 6, "D": 3}, {"A": 10, "B": 7, "C": 8}]
    assert names(r.rounds[1].excluded) == ["D"]
    assert names(r.elected) == ["A"]
    assert "most votes" in r.rounds[-1].events[-1].reason


def test_supplementary_vote_reads_only_first_and_second_choices():
    # C's papers rank B only third: under the supplementary vote they exhaust; under the
    # contingent vote they reach B. A 5, B 4, C 3 (12).
    p = Profile.from_rankings("ABCD", [("A", 5), ("B", 4), ("CDB", 3)])
    sv = votecount.count(p, "supplementary")
    assert totals(sv)[-1] == {"A": 5, "B": 4}
    assert sv.rounds[-1].exhausted == 3
    assert any("first and second choices" in note for note in sv.notes)
    cv = votecount.count(p, "contingent")
    assert totals(cv)[-1] == {"A": 5, "B": 7}
    assert names(cv.elected) == ["B"]


def test_supplementary_first_round_majority():
    p = Profile.from_rankings("ABC", [("AB", 7), ("BA", 3), ("CB", 2)])
    r = votecount.count(p, "supplementary")
    assert len(r.rounds) == 1 and names(r.elected) == ["A"]


def test_supplementary_final_tie_is_decided_by_lot():
    # A 4, B 4, C 2 -> C's papers: A 1, B 1 -> A 5, B 5.
    p = Profile.from_rankings("ABC", [("A", 4), ("B", 4), ("CA", 1), ("CB", 1)])
    with pytest.raises(TieError):
        votecount.count(p, "supplementary")
    r = votecount.count(p, "supplementary", seed="draw")
    assert len(r.ties) == 1 and r.ties[0].purpose == "elect"
    assert names(r.elected) == [r.ties[0].order[0].name]


def test_contingent_vote_differs_from_the_alternative_vote():
    # A 40, B 30, C 20, D 10. IRV: D out (D->C), C 30, B 30... here D's papers are D,C,B:
    # IRV: D->C (C 30); then B and C tie at 30; the contingent vote removes C and D at
    # once and D's papers skip C to reach B: A 40, B 30 + 20 + 10 = 60.
    p = Profile.from_rankings("ABCD", [("A", 40), ("B", 30), ("CB", 20), ("DCB", 10)])
    r = votecount.count(p, "contingent")
    assert totals(r) == [{"A": 40, "B": 30, "C": 20, "D": 10}, {"A": 40, "B": 60}]
    assert names(r.elected) == ["B"]


# --- properties --------------------------------------------------------------------------


def ranked_profiles(max_candidates: int = 5) -> st.SearchStrategy[Profile]:
    """Profiles of 2-``max_candidates`` candidates and strict, possibly truncated rankings."""
    return vs.profiles(
        candidates=vs.candidates(min_size=2, max_size=max_candidates), weight=vs.weights("int", max_value=30)
    )


def irv_elections(*rules: str, max_candidates: int = 5) -> st.SearchStrategy[vs.Election]:
    """Elections by ``rules`` (default the alternative vote) of 2-``max_candidates`` candidates,
    with the alternative vote's options drawn in every combination (each option's ``sample``
    in the rule table)."""
    return vs.elections(
        rules=list(rules or ["irv"]),
        variants=True,
        max_candidates=max_candidates,
        weight=vs.weights("int", max_value=30),
    ).filter(lambda e: len(e.profile.candidates) >= 2)


def pairwise_wins(p: Profile, a: int, b: int) -> Fraction:
    """Papers preferring a to b (ranking a, and b lower or not at all) minus the reverse."""
    score = Fraction(0)
    for ballot in p.ballots:
        order = list(ballot.candidates())
        ia = order.index(a) if a in order else len(order)
        ib = order.index(b) if b in order else len(order)
        if ia < ib:
            score += ballot.weight
        elif ib < ia:
            score -= ballot.weight
    return score


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(irv_elections())
def test_first_preference_majority_winner_wins(e: vs.Election):
    p = e.profile
    first: Counter[int] = Counter()
    for ballot in p.ballots:
        first[next(ballot.candidates())] += ballot.weight
    leader, votes = first.most_common(1)[0]
    assume(2 * votes > p.total_weight)
    r = e.count()
    assert r.elected == (p.candidates[leader],)
    assert len(r.rounds) == 1 or e.options.get("stop") == "last-two"


@FAST
@given(irv_elections())
def test_condorcet_loser_never_wins(e: vs.Election):
    p = e.profile
    n = len(p.candidates)
    losers = [a for a in range(n) if all(pairwise_wins(p, a, b) < 0 for b in range(n) if b != a)]
    r = e.count()
    for a in losers:
        assert r.elected != (p.candidates[a],)


@FAST
@given(irv_elections("irv", "supplementary", "contingent"))
def test_every_round_adds_up_to_the_valid_poll(e: vs.Election):
    p = e.profile
    r = e.count()
    assert r.valid_poll == p.total_weight
    for rnd in r.rounds:
        assert sum(rnd.votes.values()) + rnd.exhausted == p.total_weight
        assert rnd.lost_to_fractions == 0
        for t in rnd.transfers:
            assert t.moved + t.exhausted == t.papers
    assert len(r.elected) == 1


@FAST
@given(irv_elections(max_candidates=6))
def test_batch_exclusion_never_changes_the_winner(e: vs.Election):
    # "Never" where neither count had to break a tie: a batch skips rounds, so a later tie
    # can look back over different rounds, or draw a different lot.
    one = e.count(exclusion="one")
    batch = e.count(exclusion="batch")
    assume(not one.ties and not batch.ties)
    assert batch.elected == one.elected
    assert len(batch.rounds) <= len(one.rounds)


@FAST
@given(irv_elections(), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_ballot_order(e: vs.Election, rnd):
    p = e.profile
    papers = [RankedBallot(b.ranking, 1) for b in p.ballots for _ in range(int(b.weight))]
    rnd.shuffle(papers)
    shuffled = Profile(p.candidates, papers)
    assert votecount.count(shuffled, e.rule, seats=e.seats, seed=e.seed, **e.options) == e.count()


@FAST
@given(ranked_profiles(max_candidates=6))
def test_irv_elects_whom_one_seat_scottish_stv_elects(p: Profile):
    """Same winner as one-seat Scottish STV (Droop quota floor(v/2)+1, exclusion one at a
    time, ties by the most recent differing stage), given the same explicit tie order.

    "Equal" means the same candidate elected: the rounds differ (STV stops on reaching the
    quota of all valid votes; IRV here on a majority of the votes in play, which a
    candidate then keeps to the end, so the winner is the same).
    """
    order = [c.name for c in p.candidates]
    irv = votecount.count(p, "irv", tie_order=order)
    stv = votecount.count(p, "scottish-stv", seats=1, tie_order=order)
    assert irv.elected == stv.elected


def test_supplementary_vote_with_everyone_tied_eliminates_nobody():
    # A 5, B 5, C 5: all three qualify as "top two", nobody is eliminated, and the equal
    # totals are decided by lot among all three.
    p = Profile.from_rankings("ABC", [("AB", 5), ("BC", 5), ("CA", 5)])
    r = votecount.count(p, "supplementary", seed=11)
    assert len(r.rounds) == 1
    assert r.excluded == ()
    assert set(names(r.ties[0].candidates)) == {"A", "B", "C"}
    assert r.elected == r.ties[0].order[:1]


def test_batch_exclusion_leaves_the_last_two():
    # A 10, B 3, C 2: B + C = 5 < A 10, but counted to the last two a batch may not remove
    # B and C together and leave A alone: C goes, then A and B are the last two.
    p = Profile.from_rankings("ABC", [("A", 10), ("B", 3), ("C", 2)])
    r = votecount.count(p, "irv", stop="last-two", exclusion="batch")
    assert totals(r) == [{"A": 10, "B": 3, "C": 2}, {"A": 10, "B": 3}]
    assert names(r.elected) == ["A"]


@FAST
@given(ranked_profiles(max_candidates=6))
def test_supplementary_winner_is_among_the_top_two_first_preferences(p: Profile):
    first: Counter[int] = Counter({c: 0 for c in range(len(p.candidates))})
    for ballot in p.ballots:
        first[next(ballot.candidates())] += ballot.weight
    second_best = sorted(first.values(), reverse=True)[1]
    r = votecount.count(p, "supplementary", seed=4)
    (winner,) = r.elected
    assert first[p.candidates.index(winner)] >= second_best


@FAST
@given(ranked_profiles(max_candidates=6))
def test_contingent_equals_supplementary_on_two_choice_papers(p: Profile):
    two = Profile(p.candidates, [RankedBallot(b.ranking[:2], b.weight) for b in p.ballots])
    sv = votecount.count(two, "supplementary", seed=8)
    cv = votecount.count(two, "contingent", seed=8)
    assert sv.elected == cv.elected
    assert [r.votes for r in sv.rounds] == [r.votes for r in cv.rounds]


def test_irv_honours_a_seat_constraint_by_excluding_the_candidates_it_rules_out():
    """A single seat that must go to a woman: the men are excluded (issue 6, IRV-style counts)."""
    from votecount import Candidate, Profile, RankedBallot, count
    from votecount.constraints import Constraint

    cands = [
        Candidate("Adam", attributes={"gender": "M"}),
        Candidate("Beth", attributes={"gender": "F"}),
        Candidate("Cara", attributes={"gender": "F"}),
    ]
    profile = Profile(cands, [RankedBallot((0, 2), 50), RankedBallot((1,), 30), RankedBallot((2, 1), 20)])
    assert [c.name for c in count(profile, "irv").elected] == ["Adam"]
    result = count(profile, "irv", constraints=[Constraint("gender", "F", at_least=1)])
    assert [c.name for c in result.elected] == ["Cara"]
    excluded = [e for r in result.rounds for e in r.events if e.action == "excluded"]
    assert excluded[0].candidate.name == "Adam"
    assert "seat constraints" in excluded[0].reason
    assert all(r.total == result.valid_poll for r in result.rounds)
