"""PrefLib .soi/.toi files: reading, writing, ties, and errors."""

from __future__ import annotations

import pytest

from helpers import reading_error
from votecount import Candidate, Profile, RankedBallot
from votecount.errors import FormatError
from votecount.formats import dumps, loads

TOI = """# FILE NAME: 00019-00000099.toi
# TITLE: Example City Council
# DATA TYPE: toi
# NUMBER ALTERNATIVES: 3
# NUMBER VOTERS: 12
# NUMBER UNIQUE ORDERS: 4
# ALTERNATIVE NAME 1: Ann: the first
# ALTERNATIVE NAME 2: Bob
# ALTERNATIVE NAME 3: Cat
6: 1,2
3: {1,2},3
2: 3
1: 2,{1,3}
"""


def test_reads_names_title_counts_and_tied_ranks() -> None:
    p = loads(TOI, "toi", policy="as-cast")
    assert [c.name for c in p.candidates] == ["Ann: the first", "Bob", "Cat"]
    assert p.title == "Example City Council" and p.seats is None
    assert p.total_weight == 12
    assert RankedBallot((frozenset({0, 1}), 2), 3) in p.ballots
    assert RankedBallot((1, frozenset({0, 2})), 1) in p.ballots


def test_tied_ranks_under_the_returning_officer_policy() -> None:
    p = loads(TOI, "toi", seats=1)
    assert p.seats == 1
    assert p.validation is not None and p.validation.balances
    assert p.validation.rejected == {"no valid first preference": 3}
    assert p.validation.repaired == {"equal rankings": 1}
    assert [pr.line for pr in p.validation.problems] == [11, 13]


def test_write_soi_and_toi_and_read_back() -> None:
    profile = Profile(
        [Candidate("Ann", "a", {"gender": "F"}), Candidate("Bob")],
        [RankedBallot((0, 1), 5), RankedBallot((1,), 2)],
        seats=1,
        title="T",
        withdrawn={1},
    )
    for fmt in ("soi", "toi"):
        text = dumps(profile, fmt)
        assert "# NUMBER VOTERS: 7" in text and "# ALTERNATIVE NAME 1: Ann" in text
        assert loads(text, fmt) == profile
    tied = Profile("AB", [RankedBallot((frozenset({0, 1}),))])
    with pytest.raises(FormatError, match="toi"):
        dumps(tied, "soi")
    assert loads(dumps(tied, "toi"), "toi", policy="as-cast") == tied
    with pytest.raises(FormatError, match="ids"):
        dumps(Profile("AB", [RankedBallot((0,), id="x")]), "toi")


def test_unknown_alternative_is_reported_with_its_line() -> None:
    text = "# NUMBER ALTERNATIVES: 2\n# ALTERNATIVE NAME 1: A\n# ALTERNATIVE NAME 2: B\n3: 1,2\n1: 3,1\n"
    p = loads(text, "soi")
    assert p.validation is not None
    assert [(pr.line, pr.reason) for pr in p.validation.problems] == [(5, "no valid first preference")]


error_of = reading_error("soi")


def test_errors_name_the_line() -> None:
    assert error_of("").line == 1
    err = error_of("# NUMBER ALTERNATIVES: 2\n3: 1,2\nmany: 2\n")
    assert err.line == 3 and "weight 'many'" in err.reason
    err = error_of("# NUMBER ALTERNATIVES: 2\n3 1,2\n")
    assert err.line == 2 and "count: preferences" in err.reason
    err = error_of("3: 1,2\n")
    assert err.line == 1 and "NUMBER ALTERNATIVES" in err.reason
    err = error_of("# NUMBER ALTERNATIVES: 2\n3: {1,2\n")
    assert err.line == 2 and "'{'" in err.reason


HEAD = "# NUMBER ALTERNATIVES: 2\n# ALTERNATIVE NAME 1: A\n# ALTERNATIVE NAME 2: B\n"


@pytest.mark.parametrize(
    "text, line, words",
    [
        (HEAD + '# VOTECOUNT: ["candidates"]\n1: 1\n', 4, "expected an object, found a list"),
        (HEAD + '# VOTECOUNT: {"withdrawn": ["Z"]}\n1: 1\n', 4, "'Z' in withdrawn is not a candidate"),
        (HEAD + '# VOTECOUNT: {"tie_order": ["B", 2]}\n1: 1\n', 4, "tie_order[1]: expected text"),
        (HEAD + '# VOTECOUNT: {"candidates": [{"name": "A"}]}\n1: 1\n', 4, "lists 1 candidates"),
        (HEAD + '# VOTECOUNT: {"candidates": [{"nom": "A"}, "B"]}\n1: 1\n', 4, "candidates[0].name: missing"),
        (HEAD + "# VOTECOUNT: {\n1: 1\n", 4, "bad VOTECOUNT header: not valid JSON"),
        (HEAD + "1/0: 1\n", 4, "divides by zero"),
        (HEAD + "\u0663: 1\n", 4, "is not a number"),
        ("# NUMBER ALTERNATIVES: \u00b2\n1: 1\n", 1, "is not a whole number"),
        ("# NUMBER ALTERNATIVES: 999999999\n1: 1\n", 1, "more than a file of"),
        ("# NUMBER ALTERNATIVES: " + "9" * 5000 + "\n", 1, "5000 digits"),
        ("# NUMBER ALTERNATIVES: 1\n# ALTERNATIVE NAME " + "9" * 5000 + ": A\n", 2, "5000 digits"),
    ],
)
def test_hostile_headers_and_counts_are_located_errors(text: str, line: int, words: str) -> None:
    err = error_of(text)
    assert err.path == "e.soi" and err.line == line and words in err.reason


def test_a_votecount_header_may_name_candidates_by_name() -> None:
    p = loads(HEAD + '# VOTECOUNT: {"withdrawn": ["B"], "seats": 1}\n1: 1,2\n', "soi")
    assert p.withdrawn == {1} and p.seats == 1
