"""A result is a frozen value: its figures cannot be altered, and it pickles whole."""

from __future__ import annotations

import pickle

import attrs
import pytest

import votecount
from votecount import Candidate, examples
from votecount.errors import CandidateError
from votecount.result import FrozenVotes, Round


def example_result() -> votecount.Result:
    return votecount.count(votecount.read(examples.path()), "scottish-stv")


def test_a_rounds_figures_are_read_only_and_keep_the_rules_order() -> None:
    a, b, c = Candidate("A"), Candidate("B"), Candidate("C")
    stage = Round(1, "First preferences", votes={c: 3, a: 2, b: 1})
    assert list(stage.votes) == [c, a, b]
    assert stage.votes == {a: 2, b: 1, c: 3} and {a: 2, b: 1, c: 3} == stage.votes
    assert stage.votes != {a: 2, b: 1}
    assert stage.changes == {} and isinstance(stage.changes, FrozenVotes)
    with pytest.raises(TypeError):
        stage.votes[a] = 5  # type: ignore[index]
    assert not hasattr(stage.votes, "update")
    given = {a: 1}
    stage = Round(1, "First preferences", votes=given)
    given[a] = 7
    assert stage.votes[a] == 1  # the round took a copy


def test_a_result_pickles_whole_for_process_pools() -> None:
    result = example_result()
    again = pickle.loads(pickle.dumps(result))
    assert again == result
    assert str(again) == str(result)
    for before, after in zip(result.rounds, again.rounds, strict=True):
        assert list(after.votes.items()) == list(before.votes.items())
        assert isinstance(after.votes, FrozenVotes)
        assert [t.votes for t in after.transfers] == [t.votes for t in before.transfers]
    assert attrs.evolve(result.rounds[1], number=2) == result.rounds[1]


def test_asking_a_result_for_a_candidate_it_does_not_have_names_them() -> None:
    result = example_result()
    assert result.candidate("Morag Stewart (SNP)").name == "Morag Stewart (SNP)"
    with pytest.raises(CandidateError, match="unknown candidate 'Nobody'") as raised:
        result.candidate("Nobody")
    assert raised.value.candidate == "Nobody"
    assert isinstance(raised.value, LookupError) and not isinstance(raised.value, KeyError)
