"""RCTab's ballot reading and round loop on small elections worked by hand.

The election (candidates A, B, C; RCTab's default threshold floor(active / 2) + 1):

====  ==================  ================================================
 n    marks by rank       read in round 1
====  ==================  ================================================
 3    A                   A
 2    B                   B
 1    C, A                C
 1    {A, B}              an overvote at rank 1
 1    -, -, C             two ranks skipped before C
 1    C, C, B             C (the repeat is only met if C is eliminated)
====  ==================  ================================================
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from votecount.errors import BallotError, OptionError, TieError
from votecount.formats.result_json import result_to_json
from votecount.formats.result_read import result_from_json
from votecount.rules.rctab import OVERVOTE, JavaRandom, RCTabOptions, count_papers
from votecount.rules.rctab.tiebreak import _java_hash, java_hash_set_order
from votecount.validity import RawRanking

A, B, C = 0, 1, 2
NAMES = ["A", "B", "C"]


def _papers() -> list[RawRanking]:
    return [
        RawRanking(((A,),), weight=3),
        RawRanking(((B,),), weight=2),
        RawRanking(((C,), (A,))),
        RawRanking(((A, B),)),
        RawRanking(((), (), (C,))),
        RawRanking(((C,), (C,), (B,))),
    ]


def _count(**options: object) -> list[tuple[dict[str, Decimal], list[str], list[str], dict[str, Decimal]]]:
    (result,) = count_papers(NAMES, _papers(), RCTabOptions(**options), 1)  # type: ignore[arg-type]
    return [
        (
            {c.name: v for c, v in r.votes.items() if v},
            [c.name for c in r.elected],
            [c.name for c in r.excluded],
            {k: v for k, v in (r.inactive or {}).items() if v},
        )
        for r in result.rounds
    ]


def test_exhaust_at_overvote_one_skip_allowed() -> None:
    # Round 1: A 3, B 2, C 2 (C, A and C, C, B); overvote 1; skipped rankings 1 (rank 3
    # after two blanks). Active 7, threshold 4. B and C tie for last: candidate order
    # eliminates the later listed, C. Round 2: C, A goes to A (4); C, C, B passes over
    # the eliminated C twice to B (3). A reaches 4.
    rounds = _count()
    assert rounds == [
        ({"A": 3, "B": 2, "C": 2}, [], ["C"], {"overvotes": 1, "skipped rankings": 1}),
        ({"A": 4, "B": 3}, ["A"], [], {"overvotes": 1, "skipped rankings": 1}),
    ]


def test_always_skip_overvote_at_the_last_rank_is_an_exhausted_choice() -> None:
    rounds = _count(overvote_rule="always-skip")
    assert rounds[0][3] == {"exhausted choices": 1, "skipped rankings": 1}


def test_exhaust_on_duplicate_meets_the_repeat_when_c_is_eliminated() -> None:
    # Round 2: C, C, B is read again from rank 1; the second C is a repeated ranking.
    # A 4, B 2, active 6, threshold 4: A elected.
    rounds = _count(exhaust_on_duplicate=True)
    assert rounds[1] == ({"A": 4, "B": 2}, ["A"], [], {"overvotes": 1, "skipped rankings": 1,
                                                          "repeated rankings": 1})


def test_unlimited_skips_and_the_last_two() -> None:
    # The skipping paper counts for C: A 3, B 2, C 3; B eliminated, both B papers exhaust.
    # Round 2: A 3, C 3 of 6 active, threshold 4: with two left and one seat, the higher
    # wins; they tie, and candidate order picks the earlier listed, A.
    rounds = _count(max_skipped_ranks=None)
    assert rounds[0][:3] == ({"A": 3, "B": 2, "C": 3}, [], ["B"])
    assert rounds[1] == ({"A": 3, "C": 3}, ["A"], [], {"overvotes": 1, "exhausted choices": 2})


def test_ask_refuses_to_guess() -> None:
    with pytest.raises(TieError):
        _count(tiebreak_mode="ask")


def test_explicit_overvote_label() -> None:
    papers = [RawRanking(((OVERVOTE,), (B,))), RawRanking(((A,),), weight=2)]
    (skip,) = count_papers(NAMES, papers, RCTabOptions(overvote_rule="always-skip"), 1)
    assert skip.rounds[0].votes[skip.candidate("B")] == 1
    (exhaust,) = count_papers(NAMES, papers, RCTabOptions(), 1)
    assert exhaust.rounds[0].inactive == {"overvotes": 1, "skipped rankings": 0,
                                          "exhausted choices": 0, "repeated rankings": 0}
    with pytest.raises(BallotError):
        count_papers(NAMES, papers, RCTabOptions(overvote_rule="exhaust-if-multiple-continuing"), 1)


def test_papers_beyond_max_rankings_are_refused() -> None:
    with pytest.raises(BallotError, match="maxRankingsAllowed"):
        count_papers(NAMES, _papers(), RCTabOptions(max_rankings=2), 1)


def test_options_are_checked() -> None:
    with pytest.raises(OptionError):
        RCTabOptions(overvote_rule="sometimes")  # type: ignore[arg-type]
    with pytest.raises(OptionError):
        RCTabOptions(minimum_vote_threshold=5)


def test_java_random_matches_javas_published_first_values() -> None:
    # new java.util.Random(0).nextInt() and .nextDouble() (the JDK's well-known outputs)
    assert JavaRandom(0).next(32) == -1155484576
    assert JavaRandom(0).next_double() == 0.730967787376657


def test_java_string_hash_and_hash_set_order() -> None:
    # "hello".hashCode() is 99162322 in Java (0x5e918d2); spread: h ^ (h >>> 16).
    assert _java_hash("hello") == 99162322 ^ (99162322 >> 16)
    # In a 16-bucket table "hello" sits at (99162322 ^ 1513) & 15 = 11 (0x5e918d2 ^ 0x5e9 ends
    # in 0xb), "" at 0: the empty string iterates first whatever the insertion order.
    assert java_hash_set_order(["hello", ""]) == ["", "hello"]


def test_the_inactive_categories_survive_the_json_result() -> None:
    (result,) = count_papers(NAMES, _papers(), RCTabOptions(), 1)
    back = result_from_json(result_to_json(result))
    assert back == result
    assert back.rounds[0].inactive == result.rounds[0].inactive


def test_ties_are_recorded() -> None:
    (result,) = count_papers(NAMES, _papers(), RCTabOptions(), 1)
    (tie,) = result.ties
    assert (tie.stage, tie.purpose) == (1, "exclude")
    assert [c.name for c in tie.order] == ["B", "C"]  # C, listed later, is eliminated
