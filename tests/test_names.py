"""Candidates found by what a person types: any unambiguous part, any case, with suggestions."""

from __future__ import annotations

import pytest

from votecount import Candidate
from votecount.errors import CandidateError
from votecount.names import find_candidate, suggestions

FIELD = [
    Candidate("David FRYER (Ind)", id="7"),
    Candidate("David SMITH (Lab)"),
    Candidate("Ann Fry (SNP)"),
    Candidate("Al"),
    Candidate("Alan Grey (Con)"),
]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("David FRYER", "David FRYER (Ind)"),  # the example: the name without the party
        ("david fryer", "David FRYER (Ind)"),
        ("FRYER", "David FRYER (Ind)"),
        ("david  fryer (ind", "David FRYER (Ind)"),  # spaces and punctuation read as one space
        ("7", "David FRYER (Ind)"),  # the id
        ("smith", "David SMITH (Lab)"),
        ("snp", "Ann Fry (SNP)"),
        ("Al", "Al"),  # an exact name wins over the longer names that contain it
        ("al", "Al"),  # so does the name in any case
    ],
)
def test_any_unambiguous_part_in_any_case_finds_the_candidate(typed: str, found: str) -> None:
    assert find_candidate(FIELD, typed).name == found


def test_an_ambiguous_part_lists_the_matches() -> None:
    with pytest.raises(CandidateError) as info:
        find_candidate(FIELD, "david")
    assert info.value.matches == ("David FRYER (Ind)", "David SMITH (Lab)")
    assert "give more of the name" in str(info.value)
    with pytest.raises(CandidateError) as info:
        find_candidate(FIELD, "fry")  # FRYER and Fry
    assert set(info.value.matches) == {"David FRYER (Ind)", "Ann Fry (SNP)"}


def test_nothing_found_suggests_the_closest_names() -> None:
    with pytest.raises(CandidateError) as info:
        find_candidate(FIELD, "Fryar")
    assert info.value.suggestions[0] == "David FRYER (Ind)"
    assert "did you mean 'David FRYER (Ind)'" in str(info.value)
    with pytest.raises(CandidateError) as info:
        find_candidate(FIELD, "zzzz")
    assert info.value.suggestions == () and info.value.candidate == "zzzz"
    assert suggestions(FIELD, "Alan Gray (Con)") == ["Alan Grey (Con)"]


def test_a_candidate_value_is_itself_only_when_it_stands() -> None:
    assert find_candidate(FIELD, FIELD[2]) is FIELD[2]
    with pytest.raises(CandidateError):
        find_candidate(FIELD, Candidate("Nobody"))
