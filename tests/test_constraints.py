"""Seat constraints: the feasibility check and the exact completion search (votecount.constraints)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from votecount import Candidate, ConstraintError
from votecount import strategies as vs
from votecount.constraints import Constraint, ConstraintSet, check_feasible

WOMEN_3 = Constraint("gender", "F", at_least=3)


def people(spec: str) -> list[Candidate]:
    """Candidates A, B, C... with genders from ``spec`` ("MMF" -> A:M, B:M, C:F)."""
    return [Candidate(chr(65 + i), attributes={"gender": g}) for i, g in enumerate(spec)]


# -- the constraint value ---------------------------------------------------------------


def test_constraints_read_as_a_returning_officer_would_say_them():
    assert str(WOMEN_3) == "at least 3 of gender=F"
    assert str(Constraint("gender", "M", at_most=3)) == "at most 3 of gender=M"
    assert str(Constraint("region", "Scotland", 1, 2)) == "at least 1 and at most 2 of region=Scotland"
    assert str(Constraint("region", "Wales", 2, 2)) == "exactly 2 of region=Wales"


def test_a_candidate_without_the_attribute_is_not_selected():
    assert WOMEN_3.selects(Candidate("A", attributes={"gender": "F"}))
    assert not WOMEN_3.selects(Candidate("B", attributes={"gender": "M"}))
    assert not WOMEN_3.selects(Candidate("C"))


@pytest.mark.parametrize("bad", [-1, 1.5, True, "3"])
def test_constraint_numbers_must_be_whole_and_not_negative(bad):
    with pytest.raises(ConstraintError):
        Constraint("gender", "F", at_least=bad)


# -- before counting: is there any way at all? -----------------------------------------


def test_feasible_constraints_pass_and_return_the_set():
    cset = check_feasible([WOMEN_3], people("MMMMFFF"), 6)
    assert isinstance(cset, ConstraintSet)


@pytest.mark.parametrize(
    ("constraints", "seats", "spec", "message"),
    [
        ([Constraint("gender", "F", 3, 2)], 6, "MMMFFF", "the minimum is above the maximum"),
        ([Constraint("gender", "F", at_least=7)], 6, "MMFFFFFFF", "only 6 seats to fill"),
        ([WOMEN_3], 6, "MMMMMFF", "only 2 candidates with gender=F standing"),
        ([Constraint("gender", "M", at_most=2)], 6, "MMMMMFFF", "only 3 candidates without gender=M"),
    ],
)
def test_a_constraint_that_cannot_be_met_on_its_own_is_named(constraints, seats, spec, message):
    with pytest.raises(ConstraintError, match=message) as info:
        check_feasible(constraints, people(spec), seats)
    assert info.value.constraints == tuple(constraints)
    assert str(constraints[0]) in str(info.value)


def test_constraints_that_fail_only_together_are_named_and_no_others():
    cands = people("MMMMFFFF")
    scots = Constraint("region", "Scotland", at_most=3)
    constraints = [Constraint("gender", "F", at_least=4), Constraint("gender", "M", at_least=3), scots]
    with pytest.raises(ConstraintError) as info:
        check_feasible(constraints, cands, 6)
    assert info.value.constraints == tuple(constraints[:2])
    assert "at least 4 of gender=F; at least 3 of gender=M" in str(info.value)
    assert "Scotland" not in str(info.value)


def test_overlapping_groups_are_judged_exactly():
    # Two seats. The only Scot is a man, and both seats must go to women.
    cands = [
        Candidate("A", attributes={"gender": "M", "region": "Scotland"}),
        Candidate("B", attributes={"gender": "F", "region": "Wales"}),
        Candidate("C", attributes={"gender": "F", "region": "Wales"}),
    ]
    women = Constraint("gender", "F", at_least=2)
    scot = Constraint("region", "Scotland", at_least=1)
    check_feasible([women], cands, 2)
    check_feasible([scot], cands, 2)
    with pytest.raises(ConstraintError, match="at least 2 of gender=F; at least 1 of region=Scotland"):
        check_feasible([women, scot], cands, 2)


def test_more_seats_than_candidates_fills_what_it_can():
    check_feasible([Constraint("gender", "F", at_least=2)], people("MFF"), 5)
    cset = ConstraintSet([WOMEN_3], people("MFF"))
    with pytest.raises(ConstraintError, match="only 3 candidates standing"):
        cset.check_feasible(5)


# -- during a count ---------------------------------------------------------------------


def test_six_seats_at_least_three_women_closes_the_men_after_three():
    cands = people("MMMMFFFF")
    cset = ConstraintSet([WOMEN_3], cands)
    men_elected = [0, 1, 2]
    hopefuls = [3, 4, 5, 6, 7]
    assert cset.can_complete(men_elected, hopefuls, 6)
    assert not cset.electable(3, men_elected, hopefuls, 6)
    assert cset.blocked(men_elected, hopefuls, 6) == {3}
    assert cset.owed_all_seats(men_elected, 6) == (WOMEN_3,)
    assert cset.shortfall(men_elected) == {WOMEN_3: 3}
    assert "leave 2 seats for the 3 more of gender=F required by 'at least 3 of gender=F'" in (
        cset.why_blocked(3, men_elected, hopefuls, 6)
    )


def test_required_finds_candidates_every_completion_must_elect():
    cset = ConstraintSet([WOMEN_3], people("MMMMFFFF"))
    # two women left standing and two needed: both must be elected
    assert cset.required([0, 4], [1, 2, 3, 5, 6], 6) == {5, 6}
    assert cset.required([0, 1, 2], [3, 4, 5, 6], 6) == {4, 5, 6}
    assert cset.required([0, 1, 2, 3], [4, 5, 6], 6) == frozenset()  # it cannot be done at all


def test_a_maximum_reached_closes_its_group():
    cset = ConstraintSet([Constraint("gender", "M", at_most=2)], people("MMMMFFFF"))
    assert cset.at_maximum([0, 1]) == (Constraint("gender", "M", at_most=2),)
    assert cset.blocked([0, 1], [2, 3, 4, 5, 6, 7], 4) == {2, 3}
    assert "would make 3 of gender=M, above 'at most 2 of gender=M'" in cset.why_blocked(
        2, [0, 1], [2, 3, 4, 5, 6, 7], 4
    )


def brute_force(cset: ConstraintSet, elected, hopefuls, seats) -> bool:
    left = seats - len(elected)
    if left < 0 or left > len(hopefuls):
        return False
    for extra in itertools.combinations(sorted(hopefuls), left):
        chosen = [*elected, *extra]
        counts = cset.elected_in(chosen)
        if all(
            k.at_least <= counts[k] and (k.at_most is None or counts[k] <= k.at_most)
            for k in cset.constraints
        ):
            return True
    return False


ATTRIBUTES = {"gender": ("F", "M"), "region": ("N", "S", "W"), "slate": ("x", "y")}
# one candidate in each group, to draw constraints on groups that may have no candidates
EVERY_GROUP = tuple(Candidate(f"{a}={v}", attributes={a: v}) for a, vals in ATTRIBUTES.items() for v in vals)


@st.composite
def constrained_elections(
    draw: st.DrawFn,
) -> tuple[ConstraintSet, list[int], set[int], int]:
    """Up to 9 candidates with three attributes, constraints, and a state of a count.

    The constraints are up to three sets that could each be met, each for its own number of
    seats, so together they may fail, alone or only in combination, plus perhaps one set that
    cannot be met on purpose, possibly on a group in which nobody stands.
    """
    cands = draw(vs.candidates(max_size=9, attributes=ATTRIBUTES))
    n = len(cands)
    seats = draw(st.integers(1, n))
    some_seats = st.integers(1, n).flatmap(lambda s: vs.constraint_sets(cands, s, max_size=2))
    parts = draw(st.lists(some_seats, max_size=3))
    field = st.sampled_from([cands, (*cands, *EVERY_GROUP)])
    impossible = field.flatmap(lambda f: vs.constraint_sets(f, seats, feasible=False))
    parts.append(draw(st.just(()) | impossible))
    constraints = [k for part in parts for k in part]
    order = draw(st.permutations(range(n)))
    n_elected = draw(st.integers(0, seats))
    n_out = draw(st.integers(0, n - n_elected))
    elected = list(order[:n_elected])
    hopefuls = set(order[n_elected + n_out :])
    return ConstraintSet(constraints, cands), elected, hopefuls, seats


@settings(max_examples=300, deadline=None)
@given(constrained_elections())
def test_can_complete_agrees_with_trying_every_choice(case):
    cset, elected, hopefuls, seats = case
    assert cset.can_complete(elected, hopefuls, seats) == brute_force(cset, elected, hopefuls, seats)


@settings(max_examples=150, deadline=None)
@given(constrained_elections())
def test_blocked_and_required_agree_with_trying_every_choice(case):
    cset, elected, hopefuls, seats = case
    for c in hopefuls:
        assert (c in cset.blocked(elected, hopefuls, seats)) == (
            not brute_force(cset, [*elected, c], hopefuls - {c}, seats)
        )
    if brute_force(cset, elected, hopefuls, seats):
        for c in hopefuls:
            assert (c in cset.required(elected, hopefuls, seats)) == (
                not brute_force(cset, elected, hopefuls - {c}, seats)
            )


@settings(max_examples=100, deadline=None)
@given(constrained_elections())
def test_the_feasibility_check_agrees_with_trying_every_choice(case):
    cset, _, _, seats = case
    everyone = set(range(len(cset.candidates)))
    possible = brute_force(cset, [], everyone, seats)
    if possible:
        cset.check_feasible(seats)
    else:
        with pytest.raises(ConstraintError) as info:
            cset.check_feasible(seats)
        named = info.value.constraints
        assert named and set(named) <= set(cset.constraints)
        # the constraints named cannot be met together, whatever the others say
        assert not brute_force(ConstraintSet(named, cset.candidates), [], everyone, seats)
        if "cannot all be met" in str(info.value):
            # ... and they are a minimal such set: leave any one out and the rest can be met
            for k in named:
                rest = [x for x in named if x is not k]
                assert brute_force(ConstraintSet(rest, cset.candidates), [], everyone, seats)


def test_thirty_candidates_and_overlapping_constraints_are_decided_quickly():
    cands = [
        Candidate(
            f"C{i}",
            attributes={"gender": "FM"[i % 2], "region": "NSEW"[i % 4], "slate": "xyz"[i % 3]},
        )
        for i in range(30)
    ]
    constraints = [
        Constraint("gender", "F", at_least=6),
        Constraint("gender", "M", at_most=6),
        Constraint("region", "N", at_least=3),
        Constraint("region", "S", 2, 4),
        Constraint("slate", "x", at_most=3),
        Constraint("slate", "z", at_least=4),
    ]
    cset = ConstraintSet(constraints, cands)
    cset.check_feasible(12)
    elected: list[int] = []
    hopefuls = set(range(30))
    for c in range(30):  # the greedy walk a plurality count makes
        if len(elected) == 12:
            break
        if cset.electable(c, elected, hopefuls, 12):
            elected.append(c)
        hopefuls.discard(c)
    assert len(elected) == 12
    counts = cset.elected_in(elected)
    assert all(k.at_least <= counts[k] <= (k.at_most or 12) for k in constraints)
