"""Grouping plain rankings held as tuples or coded as bytes (as the BLT reader's batches keep them)."""

import pytest

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


def test_grouped_rankings_keep_their_columns_and_total() -> None:
    grouped = group_rankings({b"\x01\x00": 2, (0,): 5, b"\x02": 0, (1,): 3})
    assert grouped.rankings == [b.ranking for b in grouped] == [(0,), (1,), (1, 0)]
    assert grouped.weights == [b.weight for b in grouped] == [5, 3, 2]
    assert grouped.total == 10  # the zero weight dropped with its ballot


def test_a_profile_total_is_its_ballots_sum_whichever_way_they_were_grouped() -> None:
    from votecount import Profile

    by_columns = Profile("ABC", group_rankings({(0, 1): 2, (2,): 3}))
    from_ballots = Profile("ABC", [RankedBallot((2,), 3), RankedBallot((0, 1), 2)])
    with_ids = Profile("ABC", [RankedBallot((0, 1), 2, "p1"), RankedBallot((2,), 3, "p2")])
    assert by_columns.ballots.total == from_ballots.ballots.total == 5
    assert with_ids.ballots.total is None  # ids: grouped the general way, summed when asked
    assert by_columns.total_weight == from_ballots.total_weight == with_ids.total_weight == 5
    assert by_columns == from_ballots


@pytest.mark.parametrize(
    "rule", ["scottish-stv", "ers97", "meek", "nz-meek", "warren", "australian-senate", "irv", "stv"]
)
def test_a_count_changes_nothing_of_the_columns_it_reads(rule: str) -> None:
    from votecount import Profile, count

    grouped = group_rankings({(0, 1): 4, (1, 0): 3, (2, 0): 2, (2, 1): 2, (1, 2, 0): 3})
    before = (list(grouped.rankings), list(grouped.weights))
    seats = 1 if rule == "irv" else 2
    profile = Profile("ABC", grouped, seats=seats)
    first = count(profile, rule, seed=1)
    assert (grouped.rankings, grouped.weights) == before  # the count read them, changed nothing
    assert count(profile, rule, seed=1) == first  # so a second count reads the same papers
