"""A result as DataFrames (pandas, the ``frames`` extra): one row per stage and candidate,
one per transfer and destination, adding up as the count does."""

from __future__ import annotations

from fractions import Fraction

import pytest

import votecount
from votecount import examples

pytest.importorskip("pandas", reason="the DataFrame export needs pandas (the frames extra)")
from votecount import frames  # after the skip: it imports pandas


@pytest.fixture(scope="module")
def riverside() -> votecount.Result:
    return votecount.count(votecount.read(examples.path()), "scottish-stv")


def test_one_row_per_stage_and_candidate(riverside: votecount.Result) -> None:
    table = frames.rounds(riverside)
    assert len(table) == len(riverside.rounds) * len(riverside.candidates) == 5 * 6
    votes = table.pivot(index="candidate", columns="stage", values="votes")
    # riverside.blt, by hand: Fergus Kerr's first preferences 85 + 41 = 126
    assert votes.loc["Fergus Kerr (Ind)", 1] == 126.0
    decided = table[table.decision != ""]
    assert set(zip(decided.stage, decided.candidate, decided.decision, strict=True)) == {
        (1, "Ailsa Grant (Lab)", "elected"),
        (3, "Fergus Kerr (Ind)", "excluded"),
        (4, "Iona MacLeod (Grn)", "excluded"),
        (5, "Duncan Fraser (Con)", "excluded"),
        (5, "Callum Reid (Lab)", "elected"),
        (5, "Morag Stewart (SNP)", "elected"),
    }
    assert str(votes.dtypes.iloc[0]) == "float64"


def test_exact_values_add_up_to_the_valid_poll(riverside: votecount.Result) -> None:
    table = frames.rounds(riverside, exact=True)
    moved = frames.transfers(riverside, exact=True)
    for stage, rows in table.groupby("stage"):
        r = riverside.rounds[int(stage) - 1]
        assert sum(rows.votes) + r.exhausted + r.lost_to_fractions == riverside.valid_poll
    # every destination of a stage's transfers adds up to what its sources gave
    surplus = moved[moved.stage == 2]
    assert Fraction(sum(surplus.votes)) == 686 - 571  # Ailsa Grant's surplus over the quota
    assert set(surplus.to) >= {"Non-transferable", "Lost to fractions"}
