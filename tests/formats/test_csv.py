"""CSV ballot files: the three layouts, detection, validity and errors."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from helpers import reading_error
from votecount import BallotFileError, Candidate, PluralityBallot, Profile, RankedBallot, read, write
from votecount.errors import FormatError
from votecount.formats import dumps, loads


def csv(text: str, **kw: object) -> Profile:
    return loads(text, "csv", **kw)  # type: ignore[arg-type]


def test_preferences_layout_with_weights_gaps_and_equal_rankings() -> None:
    p = csv("weight,1,2,3\n3,Ann,Bob\n2,Bob,,Cat\n1,Cat=Ann,Bob\n1.5,Cat,Ann,Bob\n")
    assert [c.name for c in p.candidates] == ["Ann", "Bob", "Cat"]  # in order of appearance
    assert {(b.ranking, b.weight) for b in p.ballots} == {
        ((0, 1), 3),
        ((1,), 2),
        ((2, 0, 1), Fraction(3, 2)),
    }
    report = p.validation
    assert report is not None
    assert report.repaired == {"skipped preference": 2}
    assert report.rejected == {"no valid first preference": 1}
    assert [pr.line for pr in report.problems] == [3, 4]


def test_preferences_layout_with_given_candidates_reports_unknown_names() -> None:
    p = csv("id,pref 1,pref 2\nb1,Ann,Zed\nb2,Zed,Ann\n", candidates=["Ann", "Bob"])
    assert p.ballots == (RankedBallot((0,), 1, "b1"),)
    assert p.validation is not None
    assert p.validation.repaired == {"unknown candidate": 1}
    assert p.validation.rejected == {"no valid first preference": 1}
    assert "'Zed'" in p.validation.problems[0].detail


def test_ranks_layout_with_equal_ranks_and_gaps() -> None:
    text = "Ann,Bob,Cat,count\n1,2,3,4\n2,1,,3\n1,1,2,2\n1,,3,1\n,,,5\n"
    p = csv(text)
    assert {(b.ranking, b.weight) for b in p.ballots} == {((0, 1, 2), 4), ((1, 0), 3), ((0,), 1)}
    assert p.validation is not None
    assert p.validation.rejected == {"no valid first preference": 2, "blank paper": 5}
    assert p.validation.repaired == {"skipped preference": 1}
    as_cast = csv(text, policy="as-cast")
    assert RankedBallot((frozenset({0, 1}), 2), 2) in as_cast.ballots


def test_marks_layout_reads_crosses_and_sets_aside_overvotes() -> None:
    p = csv("weight,Ann,Bob,Cat\n10,X,,\n4,,x,\n2,X,X,\n1,,,\n3,,,1\n", seats=1)
    assert p.kind == "plurality"
    assert {(b.marks, b.weight) for b in p.ballots} == {
        (frozenset({0}), 10),
        (frozenset({1}), 4),
        (frozenset({2}), 3),
    }
    assert p.validation is not None
    assert p.validation.rejected == {"more marks than allowed": 2, "blank paper": 1}
    block = csv("weight,Ann,Bob,Cat\n2,X,X,\n", seats=2)
    assert block.ballots == (PluralityBallot({0, 1}, 2),)


def test_layout_detection_and_explicit_layout() -> None:
    with pytest.raises(BallotFileError, match="layout="):
        csv("Ann,Bob\n1,\n,1\n")
    assert csv("Ann,Bob\n1,\n,1\n", layout="ranks").kind == "ranked"
    assert csv("Ann,Bob\n1,\n,1\n", layout="marks").kind == "plurality"
    assert csv("Ann;Bob\n1;2\n").ballots == (RankedBallot((0, 1)),)  # semicolons too


def test_written_files_keep_everything(tmp_path: Path) -> None:
    cands = [Candidate("Ann", "a", {"gender": "F"}), Candidate('Bob "B", Jr', "b"), Candidate("Cat=Kit", "c")]
    profile = Profile(
        cands,
        [RankedBallot((0, frozenset({1, 2})), 2, "p1"), RankedBallot((2, 1), Fraction(1, 3))],
        seats=2,
        title="Test, with comma",
        withdrawn={1},
        tie_order=(2, 1, 0),
    )
    for layout in ("preferences", "ranks"):
        text = dumps(profile, "csv", layout=layout)
        assert loads(text, "csv", policy="as-cast") == profile
    path = tmp_path / "e.csv"
    write(profile, path)
    assert read(path, policy="as-cast") == profile
    plain = dumps(profile, "csv", metadata=False)
    assert not plain.startswith("#")
    assert "1/3" in plain


def test_writer_refuses_a_layout_that_cannot_hold_the_ballots() -> None:
    with pytest.raises(FormatError, match="marks"):
        dumps(Profile.from_marks("AB", ["A"]), "csv", layout="ranks")
    with pytest.raises(FormatError, match="ranked"):
        dumps(Profile.from_rankings("AB", ["AB"]), "csv", layout="marks")


error_of = reading_error("csv")


def test_errors_name_the_line() -> None:
    err = error_of("")
    assert err.line == 1 and "empty" in err.reason
    err = error_of("weight,1,2\n3,A,B\nx,B,A\n")
    assert err.line == 3 and "weight 'x' is not a number" in err.reason
    err = error_of("weight,1,2\n3,A,B\n-2,B,A\n")
    assert err.line == 3 and "negative weight" in err.reason
    err = error_of("A,B\n1,2\n1,two\n")
    assert err.line == 3 and "rank 'two'" in err.reason
    err = error_of("A,B\nX,\nX,maybe\n")
    assert err.line == 3 and "'maybe'" in err.reason
    err = error_of("weight,1\n1,A,B\n")
    assert err.line == 2 and "header has 2" in err.reason
    err = error_of("# votecount: {oops\nA,B\n1,2\n")
    assert err.line == 1 and "votecount comment" in err.reason
    err = error_of("weight\n1\n")
    assert err.line == 1 and "no candidate" in err.reason


@pytest.mark.parametrize(
    "names, ballot, layout",
    [
        (["BALLOT"], PluralityBallot({0}), "marks"),
        (["0", "BALLOTID"], RankedBallot((0, 1)), "ranks"),
        (["weight", "A"], RankedBallot((0, 1)), "ranks"),
        (["id", "weight"], RankedBallot((0, 1), id="x"), "ranks"),
        (["id", "weight"], PluralityBallot({0, 1}, id="x"), "marks"),
    ],
)
def test_candidates_named_like_special_columns_round_trip(names, ballot, layout):
    """Found by hypothesis: a candidate called 'BALLOT' was read as the ballot-id column."""
    profile = Profile(names, [ballot])
    assert loads(dumps(profile, "csv", layout=layout), "csv") == profile


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("A,B\n1,2\n1,\u00b2\n", 3, "rank '\u00b2'"),  # superscript two: isdigit(), but not int()
        ("A,B\n1,2\n1,\u0663\n", 3, "rank '\u0663'"),  # Arabic-Indic three: int() would take it
        ("A,B\n1,2\n1," + "9" * 5000 + "\n", 3, "is not a whole number"),
        ("weight,1\n1/0,A\n", 2, "divides by zero"),
        ("weight,1\nNaN,A\n", 2, "'NaN' is not a number"),
        ('# votecount: ["candidates"]\nA,B\n1,2\n', 1, "expected an object, found a list"),
        ('# votecount: {"candidates": 3}\nA,B\n1,2\n', 1, "candidates: expected a list"),
        ('# votecount: {"candidates": [{"id": "a"}]}\nA\n1\n', 1, "candidates[0].name: missing"),
        ('# votecount: {"candidates": [["A"]]}\nA\n1\n', 1, "candidates[0]: expected an object"),
        ('# votecount: {"seats": "2"}\nA,B\n1,2\n', 1, "seats: expected a whole number"),
        ('# votecount: {"seats": 0}\nA,B\n1,2\n', 1, "seats: at least 1 seat"),
        ('# votecount: {"layout": "rows"}\nA,B\n1,2\n', 1, "unknown CSV layout 'rows'"),
        ('# votecount: {"withdrawn": ["Z"]}\nA,B\n1,2\n', 1, "'Z' in withdrawn is not a candidate"),
        ('# votecount: {"tie_order": "AB"}\nA,B\n1,2\n', 1, "tie_order: expected a list"),
        ("# votecount: " + "[" * 1000 + "]" * 1000 + "\nA,B\n1,2\n", 1, "nested too deeply"),
        ('# votecount: {"seats": ' + "9" * 5000 + "}\nA,B\n1,2\n", 1, "not valid JSON"),
    ],
)
def test_hostile_cells_and_comments_are_located_errors(text: str, line: int, words: str) -> None:
    err = error_of(text)
    assert err.line == line and words in err.reason


def test_a_rank_far_above_the_candidates_is_a_skipped_preference_read_at_once() -> None:
    huge = "1" + "0" * 4000
    p = csv(f"A,B,C\n1,2,{huge}\n1,2,5\n2,1,\n")
    assert p.validation is not None and p.validation.repaired == {"skipped preference": 2}
    assert {(b.ranking, b.weight) for b in p.ballots} == {((0, 1), 2), ((1, 0), 1)}


def test_the_layout_hint_works_as_given() -> None:
    text = "A,B\n1,\n,1\n"
    assert "layout" in error_of(text).reason
    p = csv('# votecount: {"layout": "ranks"}\n' + text)
    assert [b.ranking for b in p.ballots] == [(0,), (1,)]
