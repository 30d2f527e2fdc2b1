"""RCTab's JSON summary of a count, on the hand-worked election of
tests/rules/rctab/test_rctab_count.py: C is eliminated in round 1 and its two papers move
in round 2, one to A and one (past the eliminated C again) to B; A is elected in round 2."""

from __future__ import annotations

import json

from votecount.report.sheet import render
from votecount.report.urcvt import urcvt_json, urcvt_report
from votecount.result import Result
from votecount.rules.rctab import RCTabOptions, count_papers
from votecount.validity import RawRanking

NAMES = ["A", "B", "C"]


def _papers() -> list[RawRanking]:
    a, b, c = 0, 1, 2
    return [
        RawRanking(((a,),), weight=3),
        RawRanking(((b,),), weight=2),
        RawRanking(((c,), (a,))),
        RawRanking(((a, b),)),
        RawRanking(((), (), (c,))),
        RawRanking(((c,), (c,), (b,))),
    ]


def _result() -> Result:
    (result,) = count_papers(NAMES, _papers(), RCTabOptions(), 1, title="hand")
    return result


def test_rounds_as_rctab_reports_them() -> None:
    report = urcvt_report(_result(), {"date": "2026-12-03"})
    first, second = report["results"]
    assert first["tally"] == {"A": "3", "B": "2", "C": "2"}
    assert first["threshold"] == "4"
    assert first["tallyResults"] == [{"eliminated": "C", "transfers": {"A": "1", "B": "1"}}]
    assert first["inactiveBallots"] == {
        "overvotes": "1", "skippedRankings": "1", "exhaustedChoices": "0", "repeatedRankings": "0"
    }
    assert second["tally"] == {"A": "4", "B": "3"}
    assert second["tallyResults"] == [{"elected": "A", "transfers": {}}]
    assert report["summary"] == {
        "finalThreshold": "4", "numCandidates": 3, "numWinners": 1, "totalNumBallots": "9", "undervotes": 0
    }
    assert report["config"]["contest"] == "hand"
    assert report["config"]["date"] == "2026-12-03"


def test_several_passes_make_a_list() -> None:
    text = urcvt_json([_result(), _result()])
    assert isinstance(json.loads(text), list)
    assert isinstance(json.loads(urcvt_json([_result()])), dict)


def test_the_sheet_shows_each_inactive_category() -> None:
    text = render(_result(), "text")
    assert "of which overvotes" in text
    assert "of which skipped rankings" in text
