"""Grouping plain rankings held as tuples or coded as bytes (as the BLT reader's batches keep them)."""

from votecount import RankedBallot
from votecount.formats.blt import parse_blt
from votecount.grouping import group_ballots, group_rankings


def test_a_ranking_held_both_ways_is_one_ballot() -> None:
    grouped = group_rankings({b"\x00\x01": 3, (0, 1): 2, (2,): 1, b"\x02\x00": 4})
    expected = group_ballots(
        [RankedBallot((0, 1), weight=5), RankedBallot((2,), weight=1), RankedBallot((2, 0), weight=4)]
    )
    assert list(grouped) == list(expected)
    assert [b.ranking for b in grouped] == [(0, 1), (2,), (2, 0)]  # sorted as the tuples sort
    assert all(type(b.ranking) is tuple for b in grouped)
    assert grouped.highest == 2


def test_an_index_past_a_byte_sorts_as_tuples() -> None:
    grouped = group_rankings({b"\x05": 1, (300, 1): 2, (5,): 3, (2, 300): 1})
    assert [(b.ranking, b.weight) for b in grouped] == [((2, 300), 1), ((5,), 4), ((300, 1), 2)]
    assert grouped.highest is None  # found only where the rankings were sorted as bytes


def test_a_blt_ranking_met_in_a_batch_and_line_by_line_is_grouped_once() -> None:
    # The first line goes to the tally in a clean batch (coded); the second, its double space
    # making its batch not plain, is decoded on its own (a tuple): one ballot of weight 3.
    text = '3 1\n2 1 2 0\n[tie 3 2 1]\n1  1 2 0\n0\n"A"\n"B"\n"C"\n"T"\n'
    profile = parse_blt(text).to_profile()
    assert [(b.ranking, b.weight) for b in profile.ballots] == [((0, 1), 3)]
    assert profile == parse_blt(text, batches=False).to_profile()
