"""STV seat margins: the bounds bracket, the upper bound's witness unseats by a recount,
and the lower bound for a candidate elected on first preferences is worked by hand."""

from __future__ import annotations

import json

import pytest

import votecount
from votecount.cli import main
from votecount.cli.margin import render_text
from votecount.examples import path as example_path
from votecount.margin import margin


@pytest.fixture(scope="module")
def riverside() -> votecount.margin.Margins:
    return margin(votecount.read(example_path("riverside.blt")), "scottish-stv")


def test_bounds_bracket_and_witnesses_unseat(riverside: votecount.margin.Margins) -> None:
    assert riverside.elected == ("Ailsa Grant (Lab)", "Callum Reid (Lab)", "Morag Stewart (SNP)")
    for seat in riverside.seats:
        assert seat.upper is not None and 1 <= seat.lower <= seat.upper
        assert sum(n for _, _, n in seat.changes) == seat.upper
        assert seat.candidate not in seat.new_winners  # checked again by a recount in margin()


def test_lower_bound_of_a_first_stage_winner(riverside: votecount.margin.Margins) -> None:
    # Ailsa Grant: 686 first preferences, quota 571 (2,283 valid papers, 3 seats: 2283 // 4 + 1).
    # She is elected at stage 1 while she keeps 571 of them: 686 - 571 + 1 = 116 must change.
    grant = riverside.seats[0]
    assert grant.candidate == "Ailsa Grant (Lab)"
    assert grant.lower == 686 - (2283 // 4 + 1) + 1 == 116


def test_margin_command_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["margin", str(example_path("riverside.blt")), "--rule", "scottish-stv", "--format", "json"])
        == 0
    )
    document = json.loads(capsys.readouterr().out)
    assert [s["candidate"] for s in document["seats"]] == [
        "Ailsa Grant (Lab)",
        "Callum Reid (Lab)",
        "Morag Stewart (SNP)",
    ]
    assert document["margin"] == min(s["upper"] for s in document["seats"])


def test_margin_text(riverside: votecount.margin.Margins) -> None:
    text = render_text(riverside)
    assert "Ailsa Grant (Lab): between 116 and" in text
    assert "a recount then elects" in text
