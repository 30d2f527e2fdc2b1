"""Seat constraints inside STV (votecount.rules.stv.constrained): the Labour NEC example worked
through, small counts checkable by hand, the check before counting, and properties over
every STV-family rule registered (hypothesis)."""

from __future__ import annotations

import doctest
from collections.abc import Sequence
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import votecount
from helpers import DOCS
from nec_example import STV_MULTI, STV_SINGLE, WOMEN_5, nec_profile
from votecount import Candidate, Profile, RankedBallot
from votecount.constraints import Constraint
from votecount.errors import ConstraintError, RuleError
from votecount.result import Result
from votecount.rules.stv.constrained import REASON_PREFIX, constraint_events
from votecount.strategies import Election, elections


def test_the_family_holds_the_stv_presets() -> None:
    assert {"stv", "scottish-stv"} <= set(STV_MULTI)


def women(result: Result) -> set[str]:
    return {c.name for c in result.elected if c.attributes["gender"] == "F"}


def men(result: Result) -> set[str]:
    return {c.name for c in result.elected if c.attributes["gender"] == "M"}


def check_forced_by_women_minimum(result: Result, minimum: int) -> None:
    """Each constraint-driven exclusion was forced at its stage, checked from the count
    sheet alone: a man is excluded as unelectable only when the seats left equal the women
    still owed; a woman is spared only when the women continuing are no more than owed."""
    seats = result.seats
    elected: list[Candidate] = []
    continuing = set(result.candidates)
    for r in result.rounds:
        left = seats - len(elected)
        owed = minimum - sum(1 for c in elected if c.attributes["gender"] == "F")
        women_in = [c for c in continuing if c.attributes["gender"] == "F"]
        for e in r.events:
            if e.action == "excluded" and e.reason.startswith(REASON_PREFIX):
                assert e.candidate.attributes["gender"] == "M"
                assert owed == left, f"stage {r.number}: {e} with {left} seats left, {owed} women owed"
                assert f"'{WOMEN_5}'" in e.reason
            elif e.action == "excluded" and REASON_PREFIX in e.reason:
                assert len(women_in) <= owed, f"stage {r.number}: {e}"
        for e in r.events:
            continuing.discard(e.candidate)
            if e.action == "elected":
                elected.append(e.candidate)


def test_nec_unconstrained_count_elects_three_women() -> None:
    result = votecount.count(nec_profile(), "scottish-stv", seed=1)
    assert women(result) == {"Khan", "Lewis", "Morgan"}
    assert men(result) == {"Adams", "Baker", "Clark", "Davies", "Evans", "Fisher"}


def test_nec_constrained_count_elects_five_women_and_says_which_men_were_excluded() -> None:
    profile = nec_profile()
    plain = votecount.count(profile, "scottish-stv", seed=1)
    result = votecount.count(profile, "stv", preset="scottish-stv", seed=1, constraints=[WOMEN_5])
    assert women(result) == {"Khan", "Lewis", "Morgan", "Norris", "Owen"}
    assert men(result) == {"Adams", "Baker", "Clark", "Davies"}
    events = constraint_events(result)
    # Stage 12 and 14: Norris then Owen are lowest, but are two of the four women left when four
    # more are owed; the lowest men go instead. Stage 15: 4 seats left, 4 women owed.
    assert [(n, e.action, e.candidate.name) for n, e in events] == [
        (12, "excluded", "Green"),
        (14, "excluded", "Hughes"),
        (15, "excluded", "Evans"),
        (15, "excluded", "Fisher"),
    ]
    first = events[0][0]
    assert result.rounds[: first - 1] == plain.rounds[: first - 1]
    check_forced_by_women_minimum(result, 5)
    sheet = str(result)
    assert "Evans excluded: seat constraints: electing Evans would leave 3 seats" in sheet
    assert "'at least 5 of gender=F'" in sheet
    for r in result.rounds:
        assert r.total == result.valid_poll


# The exact iterative presets take seconds on this 9-seat example; they run with -m slow
# (their constrained counts are checked on small elections in every run, below).
EXACT_ITERATIVE = {"meek", "warren"}


@pytest.mark.parametrize(
    "rule",
    [pytest.param(r, marks=pytest.mark.slow) if r in EXACT_ITERATIVE else r for r in STV_MULTI],
)
def test_nec_under_every_preset(rule: str) -> None:
    kwargs: dict[str, Any] = {} if rule == "stv" else {"preset": rule}
    result = votecount.count(nec_profile(), "stv", seed=1, constraints=[WOMEN_5], **kwargs)
    assert len(women(result)) >= 5 and len(result.elected) == 9
    check_forced_by_women_minimum(result, 5)


def test_further_counts_mechanism_on_the_nec_example() -> None:
    result = votecount.count(
        nec_profile(),
        "stv",
        preset="scottish-stv",
        seed=1,
        constraints=[WOMEN_5],
        constraint_method="further-counts",
    )
    assert women(result) == {"Khan", "Lewis", "Morgan", "Norris", "Owen"}
    last = result.rounds[-1]
    assert {e.candidate.name for e in last.events if e.action == "not elected"} == {"Evans", "Fisher"}
    assert all(e.reason.startswith(REASON_PREFIX) for e in last.events)


# -- small counts, checked by hand --------------------------------------------------------------


def gendered(names: str, women_: str) -> list[Candidate]:
    return [Candidate(n, attributes={"gender": "F" if n in women_ else "M"}) for n in names]


def test_a_blocked_candidate_at_the_quota_passes_on_every_paper() -> None:
    # 100 votes, 3 seats, quota 26. A (M) is elected; B (M) reaches the quota too, but at
    # most one man may sit: B is not elected, then excluded with C, and all 30 of B's papers
    # (not a surplus of 4) go to D: 6 + 30 = 36.
    cands = gendered("ABCDE", "DE")
    ballots = [RankedBallot((0,), 40), RankedBallot((1, 3), 30), RankedBallot((2,), 20)]
    ballots += [RankedBallot((3,), 6), RankedBallot((4,), 4)]
    profile = Profile(cands, ballots)
    result = votecount.count(
        profile, "scottish-stv", seats=3, constraints=[Constraint("gender", "M", at_most=1)]
    )
    assert [c.name for c in result.elected] == ["A", "D", "E"]
    first, second = result.rounds[0], result.rounds[1]
    assert [(e.action, e.candidate.name) for e in first.events] == [("elected", "A"), ("not elected", "B")]
    assert {e.candidate.name for e in second.events if e.action == "excluded"} == {"B", "C"}
    assert second.votes[result.candidate("D")] == 36
    assert second.changes[result.candidate("B")] == -30
    assert "above 'at most 1 of gender=M'" in first.events[1].reason


def test_a_needed_candidate_is_spared_and_the_lowest_other_excluded() -> None:
    # 3 seats, at least one woman, E the only woman and always lowest. Unconstrained: A, B, C.
    cands = gendered("ABCDE", "E")
    votes = {"A": 30, "B": 25, "C": 20, "D": 15, "E": 10}
    profile = Profile(cands, [RankedBallot((i,), votes[c.name]) for i, c in enumerate(cands)])
    plain = votecount.count(profile, "scottish-stv", seats=3)
    assert [c.name for c in plain.elected] == ["A", "B", "C"]
    result = votecount.count(
        profile, "scottish-stv", seats=3, constraints=[Constraint("gender", "F", at_least=1)]
    )
    assert sorted(c.name for c in result.elected) == ["A", "B", "E"]
    excluded = [(r.number, e) for r in result.rounds for e in r.events if e.action == "excluded"]
    assert [e.candidate.name for _, e in excluded] == ["D", "C"]
    assert all("E spared" in e.reason for _, e in excluded)


def test_a_bulk_exclusion_the_constraints_could_not_survive_becomes_single() -> None:
    # Northern Ireland rules (bulk exclusion), 4 seats, at least 2 women. A (F) and C (M) are
    # elected at once; D and F, the two women left, have no votes and would be excluded
    # together, though one more woman is owed. Either alone may go; both may not.
    cands = gendered("ABCDEF", "ADF")
    profile = Profile.from_rankings(cands, [("A", 7), ("B", 1), ("CE", 4)])
    result = votecount.count(
        profile, "northern-ireland", seats=4, seed=0, constraints=[Constraint("gender", "F", 2)]
    )
    assert len(result.elected) == 4 and len(women(result)) == 2
    assert all(len(r.excluded) == 1 for r in result.rounds if r.excluded)


def test_single_seat_alternative_vote_with_a_minimum() -> None:
    cands = gendered("ABC", "C")
    profile = Profile(cands, [RankedBallot((0, 2), 5), RankedBallot((1, 2), 4), RankedBallot((2,), 1)])
    result = votecount.count(
        profile,
        "stv",
        seats=1,
        quota="majority",
        elect_on="exceed",
        constraints=[Constraint("gender", "F", 1)],
    )
    assert [c.name for c in result.elected] == ["C"]
    assert result.rounds[1].votes[result.candidate("C")] == 10


def test_maximum_reached_excludes_the_rest_of_the_group_at_once() -> None:
    cands = gendered("ABCDEF", "EF")
    profile = Profile.from_rankings(
        cands, [("A", 30), ("B", 28), ("CE", 12), ("DF", 11), ("E", 10), ("F", 9)]
    )
    result = votecount.count(
        profile, "scottish-stv", seats=3, constraints=[Constraint("gender", "M", at_most=2)]
    )
    assert men(result) == {"A", "B"}
    assert [c.name for c in result.elected][2] in {"E", "F"}
    forced = [e for _, e in constraint_events(result) if e.action == "excluded"]
    assert {e.candidate.name for e in forced} == {"C", "D"}
    assert all("above 'at most 2 of gender=M'" in e.reason for e in forced)


# -- before counting ----------------------------------------------------------------------------


def test_more_women_required_than_stand_is_reported_before_counting() -> None:
    profile = Profile(gendered("ABCD", "AB"), [RankedBallot((0, 1, 2, 3))])
    with pytest.raises(ConstraintError, match="at least 3 of gender=F, but only 2 candidates with gender=F"):
        votecount.count(profile, "scottish-stv", seats=3, constraints=[Constraint("gender", "F", 3)])


def test_contradictory_constraints_are_named() -> None:
    profile = Profile(gendered("ABCDE", "AB"), [RankedBallot((0, 1, 2, 3))])
    with pytest.raises(ConstraintError, match="minimum is above the maximum") as info:
        votecount.count(profile, "scottish-stv", seats=2, constraints=[Constraint("gender", "F", 2, 1)])
    assert info.value.constraints == (Constraint("gender", "F", 2, 1),)
    both = [Constraint("gender", "F", 2), Constraint("gender", "M", 2)]
    with pytest.raises(ConstraintError, match="cannot all be met") as info:
        votecount.count(profile, "scottish-stv", seats=3, constraints=both)
    assert info.value.constraints == tuple(both)


def test_withdrawn_candidates_do_not_count_towards_a_minimum() -> None:
    profile = Profile(gendered("ABCD", "AB"), [RankedBallot((0, 1, 2, 3))], withdrawn=[0])
    with pytest.raises(ConstraintError, match="only 1 candidate with gender=F"):
        votecount.count(profile, "scottish-stv", seats=2, constraints=[Constraint("gender", "F", 2)])


def test_top_after_first_counts_refuse_constraints() -> None:
    profile = Profile(gendered("ABC", "C"), [RankedBallot((0, 2), 5)])
    with pytest.raises(RuleError, match="top_after_first"):
        votecount.count(
            profile, "stv", seats=1, top_after_first=2, constraints=[Constraint("gender", "F", 1)]
        )


# -- properties ---------------------------------------------------------------------------------

ATTRIBUTES = {"gender": ("F", "M"), "region": ("N", "S")}


def holds(result: Result, constraints: Sequence[Constraint]) -> bool:
    for k in constraints:
        n = sum(1 for c in result.elected if k.selects(c))
        if n < k.at_least or (k.at_most is not None and n > k.at_most):
            return False
    return True


def check_count(election: Election, result: Result) -> None:
    standing = len(election.profile.candidates) - len(election.profile.withdrawn)
    assert len(result.elected) == min(election.seats, standing)
    assert len(set(result.elected)) == len(result.elected)
    assert holds(result, election.constraints), (result.elected, election.constraints)
    for r in result.rounds:
        assert r.total == result.valid_poll, f"stage {r.number}"


def stv_elections(rules: Sequence[str], max_candidates: int = 7) -> st.SearchStrategy[Election]:
    return elections(rules=rules, constraints=True, attributes=ATTRIBUTES, max_candidates=max_candidates)


@settings(max_examples=120, deadline=None)
@given(election=stv_elections(STV_MULTI))
def test_every_feasible_constraint_set_holds_under_every_preset(election: Election) -> None:
    check_count(election, election.count())


IRV_OPTIONS = {
    "quota": "majority",
    "quota_base": "continuing",
    "recompute_quota": True,
    "elect_on": "exceed",
    "elect_highest_at_last": True,
}
"""The alternative vote's engine options (as the rule ``irv`` counts), for the rule ``stv``."""


@settings(max_examples=40, deadline=None)
@given(
    election=elections(
        rules=STV_SINGLE + STV_MULTI, max_seats=1, constraints=True, attributes=ATTRIBUTES, max_candidates=5
    )
)
def test_single_seat_counts_meet_constraints(election: Election) -> None:
    check_count(election, election.count())


@settings(max_examples=40, deadline=None)
@given(
    election=elections(rules=["stv"], max_seats=1, constraints=True, attributes=ATTRIBUTES, max_candidates=6)
)
def test_alternative_vote_counts_meet_constraints(election: Election) -> None:
    check_count(election, election.count(**IRV_OPTIONS))


def test_the_page_runs_as_written() -> None:
    page = DOCS / "constrained-stv.md"
    failures, tried = doctest.testfile(
        str(page), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    assert tried > 20 and failures == 0


@st.composite
def binding_elections(draw: Any) -> Election:
    """Elections with constraints drawn to bind often: a women's minimum up to the seats,
    and perhaps a regional maximum and a men's minimum (feasible or not).

    The election is the public strategy's; only the constraints are drawn here, because
    ``constraint_sets`` aims at feasibility, not at binding: over 400 examples its sets
    changed the count in 13% (feasible) or 6% (feasible or not) of them, these in 22%."""
    election = draw(elections(rules=STV_MULTI, attributes=ATTRIBUTES, max_candidates=8, max_ballots=20))
    cands, seats = election.profile.candidates, election.seats
    women_standing = sum(1 for c in cands if c.attributes["gender"] == "F")
    ks = [Constraint("gender", "F", draw(st.integers(0, min(seats, women_standing))))]
    if draw(st.booleans()):
        ks.append(Constraint("region", "N", 0, draw(st.integers(0, seats))))
    if draw(st.booleans()):
        ks.append(Constraint("gender", "M", draw(st.integers(0, seats))))
    return attrs.evolve(election, constraints=tuple(ks))


@settings(max_examples=150, deadline=None)
@given(election=binding_elections())
def test_binding_constraints_hold_or_are_refused_before_counting(election: Election) -> None:
    try:
        result = election.count()
    except ConstraintError as error:
        assert error.constraints  # named, before counting
        return
    check_count(election, result)


@settings(max_examples=60, deadline=None)
@given(election=stv_elections(STV_MULTI), data=st.data())
def test_result_does_not_depend_on_ballot_order(election: Election, data: st.DataObject) -> None:
    ballots = list(election.profile.ballots)
    shuffled = data.draw(st.permutations(ballots))
    other = Profile(election.profile.candidates, shuffled)
    a = election.count()
    b = votecount.count(
        other, election.rule, seats=election.seats, seed=election.seed, constraints=election.constraints
    )
    assert a.elected == b.elected
    assert a.rounds == b.rounds


@settings(max_examples=80, deadline=None)
@given(election=stv_elections(STV_MULTI))
def test_where_the_constraints_do_not_bind_the_count_is_unchanged(election: Election) -> None:
    result = election.count()
    plain = votecount.count(election.profile, election.rule, seats=election.seats, seed=election.seed)
    if not constraint_events(result):
        assert result.rounds == plain.rounds
        assert result.elected == plain.elected


@settings(max_examples=40, deadline=None)
@given(election=elections(rules=STV_MULTI, attributes=ATTRIBUTES, constraints=False))
def test_constraints_that_cannot_bind_change_nothing(election: Election) -> None:
    seats = election.seats
    loose = [Constraint("gender", "F", at_least=0, at_most=seats), Constraint("region", "N", at_most=seats)]
    plain = election.count()
    result = votecount.count(
        election.profile, election.rule, seats=seats, seed=election.seed, constraints=loose
    )
    assert result.rounds == plain.rounds
    assert not constraint_events(result)


@settings(max_examples=60, deadline=None)
@given(election=elections(rules=["stv"], attributes={"gender": ("F", "M")}, constraints=True))
def test_further_counts_meet_a_gender_constraint(election: Election) -> None:
    try:
        result = election.count(constraint_method="further-counts")
    except RuleError as error:  # it refuses only what it cannot settle, and says so
        assert "further counts" in str(error)
        return
    check_count(election, result)


def test_a_needed_candidate_in_a_tie_for_lowest_does_not_change_the_lot() -> None:
    """Found by hypothesis (ers97, 5 seats, one paper for B): A, needed for the North, was
    tied for lowest; the tie must be drawn among all tied candidates, as without the
    constraint, and only then A passed over. Here the draw never fell on A, so nothing
    may change."""
    def cand(name: str, gender: str, region: str) -> Candidate:
        return Candidate(name, attributes={"gender": gender, "region": region})

    cands = [
        cand("A", "F", "N"), cand("B", "F", "S"), cand("C", "F", "S"), cand("D", "F", "N"),
        cand("E", "F", "S"), cand("F", "F", "S"), cand("G", "M", "S"),
    ]
    profile = Profile(cands, [RankedBallot((1,), 1)])
    loose = [Constraint("region", "N", at_least=1), Constraint("gender", "F", at_least=0)]
    constrained = votecount.count(profile, "ers97", seats=5, seed=1, constraints=loose)
    plain = votecount.count(profile, "ers97", seats=5, seed=1)
    assert constrained.rounds == plain.rounds
    assert constrained.elected == plain.elected
