"""Column roles from headers, and preference positions from headers and cells."""

from __future__ import annotations

import pytest

from votecount.formats.columns import classify, rank_label


@pytest.mark.parametrize(
    "text, rank",
    [
        ("1", 1),
        ("1st", 1),
        ("2nd", 2),
        ("3rd choice", 3),
        ("1st Choice", 1),
        ("Choice 1", 1),
        ("choice #4", 4),
        ("Preference 1", 1),
        ("pref_2", 2),
        ("Rank 1", 1),
        ("Ranking 12", 12),
        ("First choice", 1),
        ("Second preference", 2),
        ("twentieth", 20),
        ("  THIRD  Choice ", 3),
        ("Vote 2", 2),
        ("#3", 3),
        ("0", None),
        ("Alice", None),
        ("1st choice candidate", None),
        ("\u0661st", None),  # Arabic-Indic one: not an ASCII digit
        ("2\u00b2", None),  # a superscript: NFKC would make it "22"
    ],
)
def test_rank_labels(text: str, rank: int | None) -> None:
    assert rank_label(text) == rank


@pytest.mark.parametrize(
    "header, role, detail",
    [
        ("Timestamp", "timestamp", None),
        ("Submitted at", "timestamp", None),
        ("Start time", "timestamp", None),
        ("Email Address", "email", None),
        ("E-mail", "email", None),
        ("Voter", "id", None),
        ("Voter ID", "id", None),
        ("Respondent ID", "id", None),
        ("ballot_id", "id", None),
        ("Precinct", "precinct", None),
        ("Batch ID", "precinct", None),
        ("Polling district", "precinct", None),
        ("Username", "respondent", None),
        ("Full name", "respondent", None),
        ("IP Address", "respondent", None),
        ("weight", "weight", None),
        ("Your ranking [1st choice]", "rank", 1),
        ("Your ranking [Second choice]", "rank", 2),
        ("Rank the candidates [Alice Moore]", "candidate", "Alice Moore"),
        ("Alice Moore", "candidate", "Alice Moore"),
        ("Dan O'Neill [Green]", "candidate", "Green"),
    ],
)
def test_header_roles(header: str, role: str, detail: object) -> None:
    column = classify(0, header)
    assert column.role == role
    if role == "rank":
        assert column.rank == detail
    elif role == "candidate":
        assert column.name == detail


def test_brackets_make_a_grid_only_when_two_columns_share_the_question() -> None:
    from votecount.formats import loads

    parties = loads("Dan O'Neill [Green],Ann Lee [Labour]\nX,\n,X\n", "csv")
    assert [c.name for c in parties.candidates] == ["Dan O'Neill [Green]", "Ann Lee [Labour]"]
    grid = loads("Support [Dan O'Neill],Support [Ann Lee]\nX,\n,X\n", "csv")
    assert [c.name for c in grid.candidates] == ["Dan O'Neill", "Ann Lee"]
