"""The BLT reader and writer: layout, Droop's options, quirks of real files, and errors."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

import votecount
from helpers import reading_error
from votecount import BallotFileError, Candidate, InvalidBallotError, Profile, RankedBallot, examples
from votecount.errors import FormatError, OptionError, OutputError
from votecount.formats import dumps, loads, read, write

SIMPLE = """3 2
4 1 2 0
2 3 0
0
"Castor"
"Pollux"
"Helen"
"Pollux and Helen should tie"
"""


def blt(text: str, **kw: object) -> Profile:
    return loads(text, "blt", **kw)  # type: ignore[arg-type]


def test_reads_header_ballots_names_and_title() -> None:
    p = blt(SIMPLE)
    assert [c.name for c in p.candidates] == ["Castor", "Pollux", "Helen"]
    assert p.seats == 2
    assert p.title == "Pollux and Helen should tie"
    assert {(b.ranking, b.weight) for b in p.ballots} == {((0, 1), 4), ((2,), 2)}
    assert p.validation is not None
    assert p.validation.read == 6 and p.validation.counted_as_cast == 6


def test_unquoted_names_and_doubled_quotes() -> None:
    text = '2 1\n1 1 2 0\n0\nJane SMITH\n"Ind ""Andy LOVIE"""\nWard 1\n'
    p = blt(text)
    assert [c.name for c in p.candidates] == ["Jane SMITH", 'Ind "Andy LOVIE"']
    assert p.title == "Ward 1"


def test_withdrawn_line_and_droop_options() -> None:
    p = blt("4 2\n-4 -2\n1 1 2 3 0\n0\nA\nB\nC\nD\nT\n")
    assert p.withdrawn == frozenset({1, 3})
    q = blt('3 2\n[withdrawn 3]\n[tie 3 2 1 ]\n[droop precision=5]\n[madeup]\n1 1 0\n0\n"A"\n"B"\n"C"\n"T"\n')
    assert q.withdrawn == frozenset({2})
    assert q.tie_order == (2, 1, 0)


def test_nicknames_become_ids_and_equal_rankings_stay_as_cast() -> None:
    text = '3 2\n[nick a b c]\n5 a b 0\n1 b=c 0\n3 c 0\n0\n"A"\n"B"\n"C"\n"eq"\n'
    p = blt(text, policy="as-cast")
    assert p.candidates[0] == Candidate("A", "a")
    assert RankedBallot((frozenset({1, 2}),), 1) in p.ballots
    assert p.validation is not None and p.validation.counted_as_cast == 9


def test_equal_rankings_under_the_default_policy_are_read_up_to_the_break() -> None:
    p = blt("3 1\n2 1 2=3 0\n1 2=3 1 0\n0\nA\nB\nC\nT\n")
    assert p.validation is not None
    assert {(b.ranking, b.weight) for b in p.ballots} == {((0,), 2)}
    assert p.validation.repaired == {"equal rankings": 2}
    assert p.validation.rejected == {"no valid first preference": 1}
    assert [pr.line for pr in p.validation.problems] == [2, 3]


def test_ballot_ids_and_exact_decimal_and_fraction_weights() -> None:
    p = blt("2 1\n(b1) 1.5 1 2 0\n(b2) 1/3 2 0\n0.25 2 0\n0\nA\nB\nT\n")
    weights = {b.id: b.weight for b in p.ballots}
    assert weights == {"b1": Fraction(3, 2), "b2": Fraction(1, 3), None: Fraction(1, 4)}
    assert p.total_weight == Fraction(3, 2) + Fraction(1, 3) + Fraction(1, 4)


def test_byte_order_mark_and_trailing_comment_lines() -> None:
    text = "\ufeff" + SIMPLE + "\nA: 4 votes\nsome comment\n"
    assert blt(text) == blt(SIMPLE)
    assert loads(("\ufeff" + SIMPLE).encode(), "blt") == blt(SIMPLE)


def test_comma_separated_variant() -> None:
    text = "3 1,\n786 1 0,\n87 1 2 0,\n0,\nKathleen BAIRD,\nWilma,LUMSDEN\nDave X,\nWard 9 - Almond,9\n"
    p = blt(text)
    assert [c.name for c in p.candidates] == ["Kathleen BAIRD", "Wilma LUMSDEN", "Dave X"]
    assert p.title == "Ward 9 - Almond"
    assert p.total_weight == 873


def test_a_second_string_on_a_name_line_is_the_description_and_repeated_names_get_ids() -> None:
    p = blt('3 1\n1 1 0\n0\n"A" "Scottish Green Party"\n"B"\n"A"\n"T"387\n')
    assert [c.name for c in p.candidates] == ["A", "B", "A"]
    assert [c.id for c in p.candidates] == ["A", "B", "A (3)"]
    assert p.candidates[0].attributes == {"description": "Scottish Green Party"}
    assert p.title == "T"
    assert loads(dumps(p, "blt"), "blt") == p


def test_write_then_read_gives_an_equal_profile(tmp_path: Path) -> None:
    cands = [Candidate("A"), Candidate('Ind "Andy"'), Candidate("Ç ñ"), Candidate("D")]
    profile = Profile(
        cands,
        [
            RankedBallot((0, 1), 3),
            RankedBallot((1, frozenset({2, 3})), Fraction(7, 3), id="x 1"),
            RankedBallot((3,), Fraction(1, 8)),
        ],
        seats=2,
        title='A "quoted" title',
        withdrawn={2},
        tie_order=(3, 0, 1, 2),
    )
    text = dumps(profile, "blt")
    assert "-3" in text and "3=4" in text and "(x 1) 7/3" in text and "0.125" in text
    assert loads(text, "blt", policy="as-cast") == profile
    path = tmp_path / "e.blt"
    write(profile, path)
    assert votecount.read(path, policy="as-cast") == profile


def test_nickname_ids_survive_a_round_trip() -> None:
    profile = Profile([Candidate("Alice", "al"), Candidate("Bob", "bo")], [RankedBallot((1, 0))], seats=1)
    text = dumps(profile, "blt")
    assert "[nick al bo]" in text and "bo al 0" in text
    assert loads(text, "blt") == profile


def test_writer_refuses_plurality_profiles() -> None:
    with pytest.raises(FormatError, match="ranked"):
        dumps(Profile.from_marks("AB", ["A"]), "blt")
    with pytest.raises(FormatError, match="line break"):
        dumps(Profile(["A\nB"], [RankedBallot((0,))]), "blt")


# Errors: each names the line and says what is wrong.


error_of = reading_error("blt")


def test_empty_file() -> None:
    err = error_of("")
    assert err.line == 1 and "empty" in err.reason
    assert error_of("\n  \n").line == 1


def test_bad_header() -> None:
    err = error_of("three 2\n0\n")
    assert err.line == 1 and "header" in err.reason
    err = error_of("\n3\n0\n")
    assert err.line == 2 and "candidates seats" in err.reason


def test_truncated_file() -> None:
    err = error_of('3 1\n1 1 0\n0\n"A"\n"B"\n')
    assert err.line == 5 and "2 of 3 candidate names" in err.reason
    err = error_of("3 1\n1 1 0\n2 2 0\n")
    assert err.line == 3 and "ends before the line '0'" in err.reason


def test_non_numeric_and_negative_weights() -> None:
    err = error_of("2 1\n1 1 0\nx 2 0\n0\nA\nB\nT\n")
    assert err.line == 3 and "weight 'x' is not a number" in err.reason
    err = error_of("2 1\n1 1 0\n-1 2 0\n0\nA\nB\nT\n")
    assert err.line == 3 and "negative weight" in err.reason


def test_missing_zero_terminators() -> None:
    err = error_of("2 1\n1 1 0\n2 2 1\n0\nA\nB\nT\n")
    assert err.line == 3 and "does not end with 0" in err.reason
    err = error_of('2 1\n1 1 0\n"A"\n"B"\n"T"\n')
    assert err.line == 3 and "'0' that ends the ballots missing" in err.reason


def test_undecodable_bytes_name_the_byte_and_line() -> None:
    err = error_of(b'2 1\n1 1 0\n0\n"A"\n"B\xff"\n"T"\n')
    assert err.line == 5 and "0xff" in err.reason and "column 3" in err.reason
    assert loads(b'2 1\n1 1 0\n0\n"A"\n"B\xff"\n"T"\n', "blt", encoding="latin-1").candidates[1].name == "Bÿ"


def test_candidate_number_out_of_range_is_reported_or_raised() -> None:
    text = "3 1\n2 1 2 0\n1 7 1 0\n1 2 9 0\n0\nA\nB\nC\nT\n"
    p = blt(text)
    assert p.validation is not None
    assert p.validation.rejected == {"no valid first preference": 1}
    assert p.validation.repaired == {"unknown candidate": 1}
    problems = {pr.line: pr for pr in p.validation.problems}
    assert problems[3].action == "set aside" and "'7'" in problems[3].detail
    assert problems[4].action == "repaired"
    with pytest.raises(InvalidBallotError) as info:
        blt(text, on_invalid="raise", source="e.blt")
    assert info.value.line == 3 and info.value.path == "e.blt"
    assert "unknown candidate" in info.value.reason and "'7'" in info.value.reason


def test_bad_option_arguments_are_errors_not_tracebacks() -> None:
    err = error_of("2 1\n[withdrawn 5]\n1 1 0\n0\nA\nB\nT\n")
    assert err.line == 2 and "'5' is not a candidate" in err.reason
    err = error_of("2 1\n[nick a]\n1 a 0\n0\nA\nB\nT\n")
    assert err.line == 2 and "nicknames" in err.reason


def test_missing_file_and_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(BallotFileError, match="cannot open"):
        read(tmp_path / "nope.blt")
    with pytest.raises(BallotFileError, match="extension"):
        read(tmp_path / "nope.xyz")
    with pytest.raises(OptionError, match="unknown ballot format 'xyz'"):
        loads(SIMPLE, "xyz")
    with pytest.raises(OptionError, match="unknown validity policy 'lenient'"):
        loads(SIMPLE, "blt", policy="lenient")
    with pytest.raises(BallotFileError, match="unknown encoding 'klingon'"):
        read(examples.path(), encoding="klingon")


def test_writing_into_a_missing_folder_names_the_file(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "out.blt"
    with pytest.raises(OutputError) as info:
        write(blt(SIMPLE), target)
    assert info.value.path == str(target) and "cannot write" in str(info.value)
    assert isinstance(info.value, OSError)


def test_seats_and_title_of_none_mean_the_files_own() -> None:
    assert blt(SIMPLE, seats=None, title=None) == blt(SIMPLE)


def test_seats_and_title_can_be_given_and_unknown_options_are_named() -> None:
    p = blt(SIMPLE, seats=1, title="Override")
    assert (p.seats, p.title) == (1, "Override")
    with pytest.raises(TypeError, match="'layout'"):
        blt(SIMPLE, layout="ranks")


# Hostile numbers: each is a located BallotFileError, never a ValueError from int().


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("2 1\n1/0 1 0\n0\nA\nB\nT\n", 2, "divides by zero"),
        ("2 1\nnan 1 0\n0\nA\nB\nT\n", 2, "'nan' is not a number"),
        ("2 1\ninf 1 0\n0\nA\nB\nT\n", 2, "'inf' is not a number"),
        ("2 1\n" + "9" * 5000 + " 1 0\n0\nA\nB\nT\n", 2, "5000 characters"),
        ("2 1\n\u00b2 1 0\n0\nA\nB\nT\n", 2, "is not a number"),  # superscript two
        ("2 1\n\u0663 1 0\n0\nA\nB\nT\n", 2, "is not a number"),  # Arabic-Indic three
        ("2 1\n1 1/\u0663 0\n0\nA\nB\nT\n", None, None),  # a mark, reported by the policy
        ("\u0663 1\n0\nA\nB\nC\nT\n", 1, "bad header"),
        ("3 \u00b2\n0\nA\nB\nC\nT\n", 1, "bad header"),
        ("9" * 5000 + " 1\n0\n", 1, "5000 digits"),
        ("2 1\n[withdrawn \u00b2]\n0\nA\nB\nT\n", 2, "is not a candidate"),
        ("2 1\n[tie " + "9" * 5000 + "]\n0\nA\nB\nT\n", 2, "is not a candidate"),
    ],
)
def test_hostile_numbers_are_located_errors(text: str, line: int | None, words: str | None) -> None:
    if words is None:
        assert blt(text).validation is not None
        return
    err = error_of(text)
    assert err.line == line and words in err.reason


def test_a_huge_candidate_count_in_the_header_allocates_nothing() -> None:
    err = error_of("999999999 1\n1 1 0\n0\nA\n")
    assert "1 of 999999999 candidate names" in err.reason


def test_a_line_of_other_spaces_among_the_ballots_is_blank() -> None:
    assert blt(SIMPLE.replace("2 3 0\n", "2 3 0\n\u2003\n")) == blt(SIMPLE)
