"""Validity policies: what is counted, repaired or set aside, and that the totals always add up."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from votecount import Candidate, InvalidBallotError, OptionError, PluralityBallot, RankedBallot
from votecount import strategies as vs
from votecount.validity import (
    AS_CAST,
    RETURNING_OFFICER,
    STRICT,
    RawElection,
    RawMarks,
    RawRanking,
    ValidityPolicy,
    get_policy,
    judge_marks,
    judge_papers,
    judge_ranking,
)


def paper(*places: object, weight: int = 1, line: int = 7) -> RawRanking:
    """A ranked paper: each place an int, a str (unknown mark), a tuple (several) or ()."""
    out = []
    for p in places:
        out.append(p if isinstance(p, tuple) else (p,))
    return RawRanking(tuple(out), weight, line)


CASES = [
    # places, returning-officer ranking (None: set aside), its reason
    ((0, 1, 2), (0, 1, 2), None),
    ((), None, "blank paper"),
    ((0, (1, 2), 3), (0,), "equal rankings"),
    (((0, 1), 2), None, "no valid first preference"),
    ((0, 1, 0, 2), (0, 1), "repeated candidate"),
    ((0, (), 2), (0,), "skipped preference"),
    (((), 2), None, "no valid first preference"),
    ((0, "9", 2), (0,), "unknown candidate"),
    (("x",), None, "no valid first preference"),
    ((0, 1, (), ()), (0, 1), None),  # unmarked places after the last are no gap
]


@pytest.mark.parametrize(("places", "expected", "reason"), CASES)
def test_returning_officer_reads_up_to_the_first_break(
    places: tuple[object, ...], expected: tuple[int, ...] | None, reason: str | None
) -> None:
    verdict = judge_ranking(paper(*places), RETURNING_OFFICER)
    assert verdict.reason == reason
    if expected is None:
        assert verdict.ballot is None
    else:
        assert verdict.ballot == RankedBallot(expected)


@pytest.mark.parametrize(("places", "expected", "reason"), CASES)
def test_strict_sets_aside_every_paper_with_a_problem(
    places: tuple[object, ...], expected: tuple[int, ...] | None, reason: str | None
) -> None:
    verdict = judge_ranking(paper(*places), STRICT)
    if reason is None:
        assert verdict.ballot == RankedBallot(expected or ())
    else:
        assert verdict.ballot is None


def test_as_cast_keeps_equal_rankings_but_still_stops_at_other_breaks() -> None:
    verdict = judge_ranking(paper((0, 1), 2, (), 3), AS_CAST)
    assert verdict.ballot == RankedBallot((frozenset({0, 1}), 2))
    assert verdict.reason == "skipped preference"
    assert judge_ranking(paper((0, 1), 2), AS_CAST).reason is None


def test_max_preferences_reads_only_the_allowed_preferences() -> None:
    verdict = judge_ranking(paper(0, 1, 2), RETURNING_OFFICER, max_preferences=2)
    assert verdict.ballot == RankedBallot((0, 1))
    assert verdict.reason == "more marks than allowed"
    assert judge_ranking(paper(0, 1, 2), STRICT, max_preferences=2).ballot is None


def test_plurality_papers() -> None:
    def marks(*m: int | str) -> RawMarks:
        return RawMarks(tuple(m), 2, 3)

    assert judge_marks(marks(0, 1), RETURNING_OFFICER, max_marks=2).ballot == PluralityBallot({0, 1}, 2)
    too_many = judge_marks(marks(0, 1, 2), RETURNING_OFFICER, max_marks=2)
    assert too_many.ballot is None and too_many.reason == "more marks than allowed"
    assert judge_marks(marks(), RETURNING_OFFICER).reason == "blank paper"
    unknown = judge_marks(marks(0, "Z"), RETURNING_OFFICER, max_marks=1)
    assert unknown.ballot == PluralityBallot({0}, 2) and unknown.reason == "unknown candidate"
    assert judge_marks(marks(0, "Z"), STRICT, max_marks=1).ballot is None
    assert judge_marks(marks("Z"), RETURNING_OFFICER).reason == "no valid first preference"
    assert judge_marks(marks(1, 1), RETURNING_OFFICER).reason == "repeated candidate"


def test_report_counts_each_class_and_lists_lines() -> None:
    papers = [
        paper(0, 1, weight=5, line=2),
        paper(0, (1, 2), weight=3, line=3),
        paper((0, 1), weight=2, line=4),
        paper(weight=1, line=5),
    ]
    ballots, report = judge_papers(papers, "returning-officer", source="f.blt")
    assert report.read == 11 and report.counted_as_cast == 5
    assert report.repaired == {"equal rankings": 3}
    assert report.rejected == {"no valid first preference": 2, "blank paper": 1}
    assert report.balances and report.counted == 8 and report.set_aside == 3
    assert [(p.line, p.action) for p in report.problems] == [
        (3, "repaired"),
        (4, "set aside"),
        (5, "set aside"),
    ]
    assert report.lines == 4 and report.policy == "returning-officer"
    assert "11 papers read" in report.summary()
    assert len(ballots) == 2


def test_raise_names_the_file_line_and_reason() -> None:
    with pytest.raises(InvalidBallotError) as info:
        judge_papers([paper(0), paper((), 1, line=9)], on_invalid="raise", source="f.blt")
    assert (info.value.path, info.value.line) == ("f.blt", 9)
    assert "no valid first preference" in info.value.reason


def test_policies_by_name() -> None:
    assert get_policy("default") is RETURNING_OFFICER
    assert get_policy("strict") is STRICT and get_policy("as-cast") is AS_CAST
    custom = ValidityPolicy("mine", "reject repeats only", repeated="reject")
    assert get_policy(custom) is custom
    with pytest.raises(OptionError, match="unknown validity policy 'lenient'; known: ret") as raised:
        get_policy("lenient")
    assert raised.value.value == "lenient" and "strict" in raised.value.choices
    with pytest.raises(OptionError, match="unknown validity policy"):
        get_policy(["strict"])  # type: ignore[arg-type]
    with pytest.raises(OptionError, match="on_invalid must be 'report' or 'raise', not 'ignore'"):
        judge_papers([paper(0)], on_invalid="ignore")  # type: ignore[arg-type]


def test_raw_election_builds_a_profile_with_the_report() -> None:
    raw = RawElection(
        (Candidate("A"), Candidate("B")),
        [paper(0, 1, weight=2), paper(1, 1)],
        seats=1,
        title="T",
        withdrawn=frozenset({1}),
        tie_order=(1, 0),
    )
    profile = raw.to_profile()
    assert profile.total_weight == 3 and profile.tie_order == (1, 0)
    assert profile.validation is not None and profile.validation.repaired == {"repeated candidate": 1}


# Papers scribbled any way (blank places, two marks at a place, the same candidate twice,
# unknown marks, blank papers, any number of each), weighing 0 to 50 or an exact fraction.
raw_papers = vs.ranked_papers(
    5,
    scribbled=True,
    max_places=6,
    weight=st.one_of(
        vs.weights("int", max_value=50, zero=True),
        vs.weights("fraction", max_value=10, max_denominator=7, zero=True),
    ),
)


@settings(max_examples=150)
@given(st.lists(raw_papers, max_size=25), st.sampled_from(["returning-officer", "strict", "as-cast"]))
def test_counted_repaired_and_set_aside_always_add_up_to_read(papers: list[RawRanking], policy: str) -> None:
    ballots, report = judge_papers(papers, policy)
    assert report.balances
    assert report.read == sum((p.weight for p in papers), Fraction(0))
    assert report.counted == sum((b.weight for b in ballots), Fraction(0))
    assert report.lines == len(papers)
    for b in ballots:
        assert isinstance(b, RankedBallot) and b.ranking
        mentioned = list(b.candidates())
        assert len(mentioned) == len(set(mentioned))  # no candidate twice
        if policy != "as-cast":
            assert not b.has_equal_rankings


@settings(max_examples=100)
@given(st.lists(raw_papers, max_size=15))
def test_strict_never_counts_more_than_the_returning_officer(papers: list[RawRanking]) -> None:
    _, strict = judge_papers(papers, "strict")
    _, officer = judge_papers(papers, "returning-officer")
    assert strict.counted <= officer.counted
    assert strict.counted_as_cast == officer.counted_as_cast
