"""Plurality rules counting ranked papers: block and limited read every candidate a paper
ranks as a mark; fptp and sntv count its first preference (docs/rules/plurality.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

import votecount
from votecount import Candidate, Profile, RankedBallot
from votecount.cli import main
from votecount.formats import loads

# An NEC-style BLT file: each paper lists the candidates it marks, in the order keyed.
# Hand count, block vote, 2 seats (2 marks a paper):
#   3 x "A B" and 1 x "B A"  -> A 4, B 4
#   2 x "C"                  -> C 2
#   1 x "B D"                -> B 1, D 1
#   1 x "A B C"              -> 3 marks, more than 2: set aside whole
# A 4, B 5, C 2, D 1: B and A elected; 7 valid papers, 12 marks; 1 set aside.
NEC_BLT = """\
4 2
3 1 2 0
1 2 1 0
2 3 0
1 2 4 0
1 1 2 3 0
0
"A"
"B"
"C"
"D"
"A small NEC section"
"""


def names(cands) -> list[str]:
    return [c.name for c in cands]


def test_block_reads_a_ranked_paper_as_a_paper_marking_every_candidate_it_ranks() -> None:
    profile = loads(NEC_BLT, "blt")
    assert profile.kind == "ranked"
    result = votecount.count(profile, "block")
    assert {c.name: v for c, v in result.totals.items()} == {"A": 4, "B": 5, "C": 2, "D": 1}
    assert names(result.elected) == ["B", "A"]
    assert result.valid_poll == 7
    assert result.validation.rejected == {"more marks than allowed": 1}
    assert result.validation.balances and result.validation.read == 8
    assert (
        "Ranked papers read as marks: each candidate a paper ranks is one of its marks, at most 2 a paper"
        in (result.notes)
    )


def test_block_gives_the_same_count_as_the_same_papers_written_as_crosses() -> None:
    ranked = votecount.count(loads(NEC_BLT, "blt"), "block")
    crosses = Profile.from_marks("ABCD", [("AB", 4), ("C", 2), ("BD", 1), ("ABC", 1)], seats=2)
    plural = votecount.count(crosses, "block")
    assert ranked.totals == plural.totals and ranked.elected == plural.elected
    assert ranked.validation.rejected == plural.validation.rejected


def test_limited_sets_aside_a_ranked_paper_ranking_more_than_its_marks() -> None:
    # marks=1, seats 2: "A B", "B A", "B D", "A B C" all rank more than one: set aside (6);
    # "C" x2 counts: C 2, and no one else has a vote; the second seat goes by lot.
    result = votecount.count(loads(NEC_BLT, "blt"), "limited", marks=1, seed=1)
    assert result.validation.rejected == {"more marks than allowed": 6}
    assert {c.name: v for c, v in result.totals.items()} == {"A": 0, "B": 0, "C": 2, "D": 0}
    assert names(result.elected)[0] == "C"


def test_sntv_counts_a_ranked_paper_for_its_first_preference() -> None:
    # first preferences: A 3 + 1 (A B C) = 4, B 1 + 1 (B D) = 2, C 2, D 0; 2 seats
    result = votecount.count(loads(NEC_BLT, "blt"), "sntv", seed=3)
    assert {c.name: v for c, v in result.totals.items()} == {"A": 4, "B": 2, "C": 2, "D": 0}
    assert names(result.elected)[0] == "A"
    assert "Ranked papers read as marks: each paper counts for its first preference" in result.notes


def test_a_withdrawn_candidate_ranked_is_a_mark_disregarded() -> None:
    profile = Profile("ABC", [RankedBallot((0, 2), 3), RankedBallot((1,), 2)], withdrawn={2})
    result = votecount.count(profile, "block", seats=2)
    assert {c.name: v for c, v in result.totals.items()} == {"A": 3, "B": 2}
    assert result.validation.repaired == {"mark for a withdrawn candidate disregarded": 3}


def test_equal_rankings_are_marks_too() -> None:
    profile = Profile("ABC", [RankedBallot((frozenset({0, 1}),), 2), RankedBallot((2, 0), 1)])
    result = votecount.count(profile, "block", seats=2)
    assert {c.name: v for c, v in result.totals.items()} == {"A": 3, "B": 2, "C": 1}


def test_the_command_line_counts_an_nec_blt_file_by_block_vote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nec.blt"
    path.write_text(NEC_BLT)
    assert main(["count", str(path), "--rule", "block", "--seats", "2"]) == 0
    out = capsys.readouterr().out
    assert "Ranked papers read as marks" in out and "Elected, in order: B, A" in out


def test_ranked_rules_still_refuse_plurality_papers() -> None:
    crosses = Profile.from_marks("AB", [("A", 1)])
    with pytest.raises(votecount.RuleError, match="counts ranked ballots"):
        votecount.count(crosses, "irv")
    assert Candidate("A") in votecount.count(crosses, "block").elected
