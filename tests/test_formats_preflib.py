"""PrefLib .soi/.toi files: reading, writing, ties, and errors."""

from __future__ import annotations

import pytest

from votecount import BallotFileError, Candidate, Profile, RankedBallot
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
    with pytest.raises(ValueError, match="toi"):
        dumps(tied, "soi")
    assert loads(dumps(tied, "toi"), "toi", policy="as-cast") == tied
    with pytest.raises(ValueError, match="ids"):
        dumps(Profile("AB", [RankedBallot((0,), id="x")]), "toi")


def test_unknown_alternative_is_reported_with_its_line() -> None:
    text = "# NUMBER ALTERNATIVES: 2\n# ALTERNATIVE NAME 1: A\n# ALTERNATIVE NAME 2: B\n3: 1,2\n1: 3,1\n"
    p = loads(text, "soi")
    assert p.validation is not None
    assert [(pr.line, pr.reason) for pr in p.validation.problems] == [(5, "no valid first preference")]


def error_of(text: str) -> BallotFileError:
    with pytest.raises(BallotFileError) as info:
        loads(text, "soi", source="e.soi")
    return info.value


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
