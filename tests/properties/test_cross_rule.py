"""Properties every counting rule must have, run on every registered rule.

Each property is parametrised over ``votecount.rules.RULES`` as it stands when the tests are
collected, so a rule that registers itself is tested here without being listed. Elections
come from :func:`votecount.strategies.elections`, which fits seats, marks and options to the
rule. Properties that belong to one family of rules (STV's quota, the block vote's marks)
live in that rule's own test file.
"""

from __future__ import annotations

import random
from fractions import Fraction
from itertools import pairwise

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from votecount import Profile, RankedBallot, Result, count
from votecount.constraints import Constraint
from votecount.errors import ConstraintError, RuleError
from votecount.rules import RULES
from votecount.strategies import GENDER, constraint_sets, elections, weights

ALL_RULES = sorted(RULES)

# The properties below run once for each registered rule (16 of them), so a third of the
# profile's examples per rule still counts some 200 elections per property on every run,
# within the default run's time; HYPOTHESIS_PROFILE=thorough scales it up like the rest.
PER_RULE = settings(max_examples=max(10, settings().max_examples // 3))


def _takes_constraints(rule: str) -> bool:
    """Whether a rule counts with seat constraints (some refuse them with RuleError)."""
    profile = Profile.from_rankings("AB", ["A", "B"]) if RULES[rule].ballots != "plurality" else None
    profile = profile or Profile.from_marks("AB", ["A", "B"])
    try:
        count(profile, rule, seats=1, seed=1, constraints=[Constraint("gender", "F", 0)], **_options(rule))
    except RuleError:
        return False
    return True


def _options(rule: str) -> dict[str, int]:
    return {"marks": 1} if rule == "limited" else {}


CONSTRAINED_RULES = [r for r in ALL_RULES if _takes_constraints(r)]


def _papers_marks(profile: Profile) -> int:
    """Votes a profile gives when each paper's marks (a ranked paper's: every candidate it
    ranks, as block and limited read it) are votes: one per mark on each paper."""
    return sum(int(b.weight) * len(set(b.candidates())) for b in profile.ballots)


@pytest.mark.parametrize("rule", ALL_RULES)
@given(data=st.data())
@PER_RULE
def test_same_election_same_seed_same_result(rule: str, data: st.DataObject) -> None:
    election = data.draw(elections(rules=[rule], variants=True))
    first = election.count()
    again = election.count()
    assert first == again
    assert first.ties == again.ties
    assert [str(e) for r in first.rounds for e in r.events] == [
        str(e) for r in again.rounds for e in r.events
    ]


@pytest.mark.parametrize("rule", ALL_RULES)
@given(data=st.data())
@PER_RULE
def test_any_order_of_the_papers_gives_the_same_result(rule: str, data: st.DataObject) -> None:
    election = data.draw(elections(rules=[rule], variants=True))
    papers = [
        type(b)(b.ranking if isinstance(b, RankedBallot) else b.marks)  # one paper, weight 1
        for b in election.profile.ballots
        for _ in range(int(b.weight))
    ]
    random.Random(data.draw(st.integers(0, 2**32))).shuffle(papers)
    shuffled = Profile(election.profile.candidates, papers)
    assert shuffled == election.profile
    other = attrs.evolve(election, profile=shuffled)
    assert other.count() == election.count()


@pytest.mark.parametrize("rule", ALL_RULES)
@given(data=st.data())
@PER_RULE
def test_votes_are_conserved_at_every_stage(rule: str, data: st.DataObject) -> None:
    election = data.draw(elections(rules=[rule], variants=True))
    profile = election.profile
    result = election.count()
    # every generated paper is valid: none is set aside, and the report balances
    assert result.valid_poll == profile.total_weight
    if result.validation is not None:
        assert result.validation.balances
        assert result.validation.read == profile.total_weight
    # one vote per cross on a plurality paper, and per candidate a ranked paper ranks where
    # the rule allows several marks (block, limited); else one per ranked paper, wherever it is
    spec = RULES[election.rule]
    as_marks = profile.kind == "plurality" or spec.marks in ("seats", "option")
    expected = _papers_marks(profile) if as_marks else profile.total_weight
    for r in result.rounds:
        assert r.total == expected, f"stage {r.number}: {r.total} votes, not {expected}"


@pytest.mark.parametrize("rule", ALL_RULES)
@given(data=st.data())
@PER_RULE
def test_exactly_min_seats_candidates_are_elected(rule: str, data: st.DataObject) -> None:
    election = data.draw(elections(rules=[rule], variants=True))
    result = election.count()
    assert len(result.elected) == min(election.seats, len(election.profile.candidates))
    assert len(set(result.elected)) == len(result.elected)
    assert set(result.elected) <= set(election.profile.candidates)
    events = [e.candidate for r in result.rounds for e in r.events if e.action == "elected"]
    assert sorted(c.name for c in events) == sorted(c.name for c in result.elected)


@pytest.mark.parametrize("rule", CONSTRAINED_RULES)
@given(data=st.data())
@PER_RULE
def test_feasible_constraints_hold_in_the_result(rule: str, data: st.DataObject) -> None:
    election = data.draw(elections(rules=[rule], variants=True, constraints=True))
    result = election.count()
    assert len(result.elected) == min(election.seats, len(election.profile.candidates))
    for k in election.constraints:
        chosen = sum(1 for c in result.elected if k.selects(c))
        assert k.at_least <= chosen, f"{k}: {chosen} elected"
        assert k.at_most is None or chosen <= k.at_most, f"{k}: {chosen} elected"


@pytest.mark.parametrize("rule", CONSTRAINED_RULES)
@given(data=st.data())
@PER_RULE
def test_infeasible_constraints_are_refused_before_counting(rule: str, data: st.DataObject) -> None:
    election = data.draw(elections(rules=[rule], variants=True, attributes=GENDER))
    impossible = data.draw(constraint_sets(election.profile.candidates, election.seats, feasible=False))
    with pytest.raises(ConstraintError) as refused:
        attrs.evolve(election, constraints=impossible).count()
    assert refused.value.constraints  # it names what cannot be met


@pytest.mark.parametrize("rule", ALL_RULES)
@given(data=st.data())
@PER_RULE
def test_the_json_result_round_trips(rule: str, data: st.DataObject) -> None:
    from votecount.formats.jsonio import result_from_json, result_to_json

    # exact fractional weights (electoral colleges) for the ranked rules; the plurality rules
    # cannot yet count them (their notes format weights with "{:,}", which Fraction refuses)
    fractional = RULES[rule].ballots == "ranked"
    election = data.draw(
        elections(rules=[rule], variants=True, weight=weights("fraction") if fractional else None)
    )
    result = election.count()
    text = result_to_json(result)
    back = result_from_json(text)
    assert back == result
    assert result_to_json(back) == text


# Rules that must agree where no tie has to be broken (ties may be broken by different
# look-backs): the alternative vote is one-seat STV, in any of its statutory forms.
AGREEING = [("irv", stv) for stv in ("stv", "scottish-stv", "ers97") if {"irv", stv} <= set(RULES)]


@pytest.mark.parametrize(("irv", "stv"), AGREEING)
@given(data=st.data())
def test_irv_elects_whom_one_seat_stv_elects(irv: str, stv: str, data: st.DataObject) -> None:
    drawn = data.draw(elections(rules=[irv], weight=st.integers(1, 60), max_candidates=5))
    election = attrs.evolve(drawn, options={})  # the alternative vote as usually defined
    by_irv = election.count()
    by_stv = attrs.evolve(election, rule=stv).count()
    assume(not by_irv.ties and not by_stv.ties)
    assert by_irv.elected == by_stv.elected
    assert by_irv.first_round == by_stv.first_round


# Exact Meek and New Zealand Meek (9 decimal places, rounded up) differ only by rounding, so
# they must elect the same candidates wherever no decision turns on a near-tie.
MEEK_PAIRS = [("meek", "nz-meek")] if {"meek", "nz-meek"} <= set(RULES) else []
NEAR = Fraction(1, 100)


def _closest_call(result: Result) -> Fraction:
    """The smallest gap, at any stage, between two continuing candidates' votes, or between a
    continuing candidate's votes and the quota."""
    closest = Fraction(10**9)
    done: set[object] = set()
    for r in result.rounds:
        live = [Fraction(v) for c, v in r.votes.items() if c not in done]
        quota = Fraction(r.quota) if r.quota is not None else None
        live.sort()
        for a, b in pairwise(live):
            closest = min(closest, b - a)
        if quota is not None:
            closest = min([closest, *(abs(v - quota) for v in live)])
        done |= set(r.elected) | set(r.excluded)
    return closest


@pytest.mark.parametrize(("exact", "rounded"), MEEK_PAIRS)
@given(data=st.data())
def test_exact_meek_and_nz_meek_agree_without_near_ties(
    exact: str, rounded: str, data: st.DataObject
) -> None:
    election = data.draw(elections(rules=[exact], weight=st.integers(1, 60), max_candidates=5))
    by_exact = election.count()
    by_rounded = attrs.evolve(election, rule=rounded).count()
    assume(not by_exact.ties and not by_rounded.ties)
    assume(_closest_call(by_exact) > NEAR and _closest_call(by_rounded) > NEAR)
    assert set(by_exact.elected) == set(by_rounded.elected)
