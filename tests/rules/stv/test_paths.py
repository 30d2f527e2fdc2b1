"""Papers shared out by path (votecount.rules.stv.paths) give exactly what sharing them out
one ballot at a time gives; and the rankings an STV count reads (papers.rankings_as_counted),
whether a profile is usual or not."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from votecount import Profile
from votecount.ballots import RankedBallot
from votecount.numbers import Arithmetic, Exact, FixedDecimal, Value, Weight
from votecount.rules.stv.count import CONTINUING, ELECTED, EXCLUDED
from votecount.rules.stv.papers import _read_unusual, is_usual, rankings_as_counted
from votecount.rules.stv.paths import NOWHERE, PathGroups, Paths, group_paths, groupable, share_out

N = 6


def one_by_one(
    rankings: list[tuple[int, ...]], weights: list[int], status: list[int], arith: Arithmetic,
    keep: dict[int, Value],
) -> tuple[list[Value], Value]:
    """The definition: each paper offered to the candidates it ranks, in order."""
    one = arith.whole(1)
    votes: list[Value] = [0] * N
    exhausted: Value = 0
    for ranking, papers in zip(rankings, weights, strict=True):
        value = one
        for c in ranking:
            if status[c] == CONTINUING:
                votes[c] += arith.times(value, papers)
                value = 0
                break
            if status[c] == ELECTED:
                kept = arith.ratio(value, keep[c], one)
                votes[c] += arith.times(kept, papers)
                value -= kept
        if ranking and value > 0:
            exhausted += arith.times(value, papers)
    return votes, exhausted


def routes(paths: Paths) -> tuple[dict[tuple[tuple[int, ...], int], Weight], dict[tuple[int, ...], Weight]]:
    """A tree of paths however its nodes are numbered: the papers by (elected candidates
    passed, end), and the papers through each path of elected candidates."""
    path_of: list[tuple[int, ...]] = [()]
    for node in range(1, len(paths.parent)):
        path_of.append((*path_of[paths.parent[node]], paths.candidate[node]))
    ends = {(path_of[node], end): papers for node, end, papers in paths.ends if papers}
    through = {path_of[node]: papers for node, papers in enumerate(paths.through) if node and papers}
    return ends, through


def routes_by_definition(
    rankings: list[tuple[int, ...]], weights: list[int], status: list[int]
) -> tuple[dict[tuple[tuple[int, ...], int], Weight], dict[tuple[int, ...], Weight]]:
    """:func:`routes` worked out paper by paper: the elected candidates each paper passes
    before its first continuing candidate (or the end of its ranking)."""
    ends: dict[tuple[tuple[int, ...], int], Weight] = {}
    through: dict[tuple[int, ...], Weight] = {}
    for ranking, papers in zip(rankings, weights, strict=True):
        if not ranking:
            continue
        passed: tuple[int, ...] = ()
        end = NOWHERE
        for c in ranking:
            if status[c] == CONTINUING:
                end = c
                break
            if status[c] == ELECTED:
                passed = (*passed, c)
                through[passed] = through.get(passed, 0) + papers
        ends[passed, end] = ends.get((passed, end), 0) + papers
    return ends, through


rankings_st = st.lists(
    st.permutations(range(N)).flatmap(lambda p: st.integers(0, N).map(lambda k: tuple(p[:k]))),
    min_size=1, max_size=30,
)


@settings(max_examples=25, deadline=None)
@given(
    rankings=rankings_st,
    data=st.data(),
    places=st.sampled_from([None, 0, 3, 9]),
)
def test_sharing_out_by_path_is_sharing_out_paper_by_paper(
    rankings: list[tuple[int, ...]], data: st.DataObject, places: int | None
) -> None:
    weights = data.draw(st.lists(st.integers(1, 50), min_size=len(rankings), max_size=len(rankings)))
    status = data.draw(st.lists(st.sampled_from([CONTINUING, ELECTED, EXCLUDED]), min_size=N, max_size=N))
    arith: Arithmetic = Exact() if places is None else FixedDecimal(places, "up")
    keep: dict[int, Value] = {
        c: arith.fraction(Fraction(data.draw(st.integers(0, 1000)), 1000))
        for c in range(N) if status[c] == ELECTED
    }
    paths = group_paths(rankings, weights, status)
    got = share_out(paths, arith, lambda v, c: arith.ratio(v, keep[c], arith.whole(1)), N)
    assert got == one_by_one(rankings, weights, status, arith, keep)


@settings(max_examples=15, deadline=None)
@given(rankings=rankings_st, data=st.data())
def test_papers_regrouped_as_candidates_stop_continuing_are_grouped_afresh(
    rankings: list[tuple[int, ...]], data: st.DataObject
) -> None:
    weights = data.draw(st.lists(st.integers(1, 50), min_size=len(rankings), max_size=len(rankings)))
    status = [CONTINUING] * N
    groups = PathGroups(rankings, weights, status)
    for c in data.draw(st.permutations(range(N))):
        status[c] = data.draw(st.sampled_from([ELECTED, EXCLUDED]))
        groups.update(status)
        assert routes(groups.tree()) == routes_by_definition(rankings, weights, status)
    # any other change of status (none in a count) groups the papers afresh
    status[0] = CONTINUING
    groups.update(status)
    assert routes(groups.tree()) == routes_by_definition(rankings, weights, status)


@settings(max_examples=15, deadline=None)
@given(rankings=rankings_st, data=st.data())
def test_papers_grouped_from_their_first_preferences_are_grouped_afresh(
    rankings: list[tuple[int, ...]], data: st.DataObject
) -> None:
    weights = data.draw(st.lists(st.integers(1, 50), min_size=len(rankings), max_size=len(rankings)))
    status = data.draw(st.lists(st.sampled_from([CONTINUING, ELECTED, EXCLUDED]), min_size=N, max_size=N))
    firsts: dict[int, list[int]] = {}
    for b, ranking in enumerate(rankings):
        if ranking:
            firsts.setdefault(ranking[0], []).append(b)
    groups = PathGroups(rankings, weights, status, firsts)
    assert routes(groups.tree()) == routes_by_definition(rankings, weights, status)


def test_fractional_weights_in_fixed_decimals_are_not_grouped() -> None:
    # 1/3 of a paper at 2 places is rounded paper by paper, so such papers cannot be grouped
    assert groupable(Exact(), [1, Fraction(1, 3)])
    assert groupable(FixedDecimal(2), [1, 2])
    assert not groupable(FixedDecimal(2), [1, Fraction(1, 3)])


def test_paths_are_grouped_once_per_path() -> None:
    # B elected, C excluded: "BA" and "CBA" both pass B and stop at A; "A" stops at A
    paths = group_paths([(1, 0), (2, 1, 0), (0,), (2,)], [2, 3, 5, 7], [CONTINUING, ELECTED, EXCLUDED])
    assert paths.parent == [-1, 0] and paths.candidate[1] == 1 and paths.through[1] == 5
    assert sorted(paths.ends) == [(0, -1, 7), (0, 0, 5), (1, 0, 5)]


def test_a_usual_profile_is_read_as_it_is_and_remembered() -> None:
    profile = Profile.from_rankings("ABC", [("AB", 2), ("C", 1)])
    rankings, weights = rankings_as_counted(profile, "exhaust")
    assert rankings == [b.ranking for b in profile.ballots] and weights == [2, 1]
    assert is_usual(profile, rankings)


@pytest.mark.parametrize(
    ("ranking", "withdrawn", "expected"),
    [
        ((0, frozenset({1, 2}), 3), (), (0,)),  # an equal ranking ends the paper before it
        ((0, frozenset({1, 2}), 3), (2,), (0, 1, 3)),  # unless a withdrawal leaves one
        ((0, 1, 0, 2), (), (0, 1, 2)),  # a repeat is passed over
        ((3, 0, 1), (3,), (0, 1)),  # so is a withdrawn candidate
    ],
)
def test_unusual_papers_are_read_one_by_one(
    ranking: tuple[int | frozenset[int], ...], withdrawn: tuple[int, ...], expected: tuple[int, ...]
) -> None:
    profile = Profile("ABCD", [RankedBallot(ranking, 2), RankedBallot((1, 0), 1)], withdrawn=withdrawn)
    assert not is_usual(profile, [b.ranking for b in profile.ballots])  # type: ignore[union-attr]
    assert _read_unusual(profile, ranking, "exhaust") == expected
    rankings, _ = rankings_as_counted(profile, "exhaust")
    assert expected in rankings and (1, 0) in rankings
