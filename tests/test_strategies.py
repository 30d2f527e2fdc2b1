"""The hypothesis strategies: they generate what they say, shrink to readable examples, and
stay an optional dependency."""

from __future__ import annotations

import os
import subprocess
import sys
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import PROJECT_ROOT
from votecount import PluralityBallot, Profile, RankedBallot
from votecount.constraints import ConstraintSet, check_feasible
from votecount.errors import ConstraintError
from votecount.strategies import (
    GENDER,
    Election,
    candidates,
    constraint_sets,
    elections,
    marks_allowed,
    plurality_ballots,
    plurality_papers,
    profiles,
    ranked_ballots,
    ranked_papers,
    weights,
)
from votecount.validity import (
    EQUAL,
    GAP,
    REPEATED,
    RETURNING_OFFICER,
    STRICT,
    TOO_MANY,
    UNKNOWN,
    judge_marks,
    judge_papers,
    judge_ranking,
)


def minimal(strategy, condition=lambda _: True):
    """The smallest example hypothesis finds (what a failing test would print)."""
    from hypothesis import find, settings

    return find(strategy, condition, settings=settings(max_examples=500, database=None, derandomize=True))


def test_strategies_need_hypothesis_and_the_library_does_not():
    code = (
        "import sys\n"
        "sys.modules['hypothesis'] = None\n"
        "import votecount, votecount.generate, votecount.rules\n"
        "try:\n"
        "    import votecount.strategies\n"
        "except ImportError as e:\n"
        "    print('refused:', e)\n"
    )
    src = str(PROJECT_ROOT / "src")
    env = {**os.environ, "PYTHONPATH": src}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert "refused: votecount.strategies needs hypothesis" in out.stdout
    assert "pip install hypothesis" in out.stdout


@given(candidates(attributes=GENDER, max_size=8))
def test_candidates_are_lettered_and_carry_attributes(cands):
    assert [c.name for c in cands] == [chr(ord("A") + i) for i in range(len(cands))]
    assert all(c.attributes["gender"] in ("F", "M") for c in cands)


@given(st.integers(1, 7).flatmap(lambda n: st.tuples(st.just(n), ranked_ballots(n))))
def test_ranked_ballots_are_valid_by_default(drawn):
    n, ballot = drawn
    assert 1 <= len(ballot.ranking) <= n
    assert len(set(ballot.ranking)) == len(ballot.ranking)
    assert all(isinstance(p, int) and 0 <= p < n for p in ballot.ranking)


def test_ranked_ballots_can_repeat_and_rank_equal_when_asked():
    repeated = minimal(ranked_ballots(4, repeats=True), lambda b: len(set(b.ranking)) < len(b.ranking))
    assert repeated == RankedBallot((0, 0))
    equal = minimal(ranked_ballots(4, equal_rankings=True), lambda b: b.has_equal_rankings)
    assert equal == RankedBallot((frozenset({0, 1}),))


@given(plurality_ballots(5, max_marks=3))
def test_plurality_ballots_mark_one_to_max_marks(ballot):
    assert 1 <= len(ballot.marks) <= 3
    assert ballot.marks <= set(range(5))


def test_weights_shrink_to_one_and_fractions_stay_exact():
    assert minimal(weights("int")) == 1
    assert minimal(weights("fraction"), lambda w: w.denominator > 1) == Fraction(1, 2)
    with pytest.raises(ValueError):
        weights("float")  # type: ignore[arg-type]


def test_profiles_shrink_to_small_readable_counterexamples():
    assert [c.name for c in minimal(candidates(), lambda cs: len(cs) >= 3)] == ["A", "B", "C"]
    profile = minimal(profiles(), lambda p: p.total_weight >= 4)
    assert [c.name for c in profile.candidates] == ["A"]
    assert profile.ballots == (RankedBallot((0,), 4),)
    plural = minimal(profiles("plurality", max_marks=2), lambda p: p.unique_ballots >= 2)
    assert [c.name for c in plural.candidates] == ["A", "B"]
    assert plural.total_weight == 2 and plural.unique_ballots == 2


@given(profiles("plurality", max_marks=2, weight=weights("fraction")))
def test_plurality_profiles(profile):
    assert profile.kind == "plurality"
    assert all(isinstance(b, PluralityBallot) and 1 <= len(b.marks) <= 2 for b in profile.ballots)


@given(st.data())
def test_clean_ranked_papers_are_counted_as_cast(data):
    paper = data.draw(ranked_papers(5, problems=()))
    verdict = judge_ranking(paper, STRICT)
    assert verdict.reason is None and verdict.ballot is not None
    assert verdict.ballot.weight == paper.weight


@pytest.mark.parametrize(
    ("problem", "reason"),
    [("repeat", REPEATED), ("skip", GAP), ("overvote", EQUAL), ("unknown", UNKNOWN)],
)
def test_each_kind_of_spoilt_paper_is_generated_and_reported(problem, reason):
    def spoilt_this_way(paper):
        verdict = judge_ranking(paper, STRICT)
        return verdict.ballot is None and verdict.reason == reason

    paper = minimal(ranked_papers(4, problems=(problem,)), spoilt_this_way)
    assert paper.weight == 1
    assert len(paper.positions) <= 3


@given(st.lists(ranked_papers(4), min_size=1, max_size=10))
def test_validity_report_balances_on_any_papers(papers):
    for policy in (RETURNING_OFFICER, STRICT):
        ballots, report = judge_papers(papers, policy)
        assert report.balances
        assert sum(b.weight for b in ballots) == report.counted


def test_plurality_papers_include_overvotes_and_blanks():
    over = minimal(
        plurality_papers(4, max_marks=2), lambda p: judge_marks(p, STRICT, max_marks=2).reason == TOO_MANY
    )
    assert len(set(over.marks)) == 3
    blank = minimal(plurality_papers(4), lambda p: not p.marks)
    assert blank.marks == ()


@given(st.data())
def test_feasible_constraint_sets_are_feasible(data):
    cands = data.draw(candidates(attributes={"gender": ("F", "M"), "region": ("N", "S")}))
    seats = data.draw(st.integers(1, 7))
    chosen = data.draw(constraint_sets(cands, seats, feasible=True))
    check_feasible(chosen, cands, seats)  # raises if not
    assert ConstraintSet(chosen, cands).can_complete((), range(len(cands)), min(seats, len(cands)))


@given(st.data())
def test_infeasible_constraint_sets_are_refused(data):
    cands = data.draw(candidates(attributes=GENDER))
    seats = data.draw(st.integers(1, 7))
    chosen = data.draw(constraint_sets(cands, seats, feasible=False))
    assert chosen
    with pytest.raises(ConstraintError):
        check_feasible(chosen, cands, seats)


def test_no_attributes_no_constraints():
    assert minimal(constraint_sets(tuple(Profile("AB", []).candidates), 1)) == ()


@given(elections(rules=["limited", "block", "sntv", "fptp"]))
def test_elections_fit_their_rule(election):
    assert isinstance(election, Election)
    n = len(election.profile.candidates)
    assert 1 <= election.seats <= n
    if election.rule == "fptp":
        assert election.seats == 1
    if election.profile.kind == "plurality":
        limit = marks_allowed(election.rule, election.seats, election.options)
        assert all(len(b.marks) <= limit for b in election.profile.ballots)
    result = election.count()
    assert result.valid_poll == election.profile.total_weight  # no paper set aside: all valid


@given(elections(rules=["block"], constraints=True))
def test_elections_with_constraints_are_countable(election):
    result = election.count()
    assert len(result.elected) == min(election.seats, len(election.profile.candidates))


def test_election_repr_lists_the_ballots():
    election = minimal(elections(rules=["fptp"], kind="ranked"), lambda e: e.profile.unique_ballots >= 2)
    text = repr(election)
    assert text.startswith("Election(rule='fptp', seats=1, seed=0")
    assert text.endswith("  1 x A\n  1 x A > B")
