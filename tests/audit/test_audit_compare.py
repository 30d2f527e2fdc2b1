"""votecount.audit on small elections whose sheets are written out by hand or by votecount.

Every expected figure is derived in the test: from the ballots by hand (the RCTab example),
or from a sheet votecount wrote and one figure of it changed by a known amount.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import votecount
from helpers import shared_path
from votecount.audit import audit, audit_to_dict, read_sheet
from votecount.audit.checks import own_arithmetic
from votecount.audit.compare import FIRST_PREFERENCES, RULE_OR_BALLOTS, TYPING
from votecount.errors import SheetError
from votecount.examples import path as example_path
from votecount.formats.result_json import result_to_json

# Nine papers: A 4, B 3, C 2 whose next preference is B. By hand, under IRV: round 1
# A 4, B 3, C 2; C is excluded and both papers go to B: round 2 A 4, B 5, a majority of 9.
PAPERS = [(("A",), 4), (("B",), 3), (("C", "B"), 2)]


def rctab_report(round2: dict[str, str], transfers: dict[str, str], winner: str) -> dict[str, object]:
    return {
        "config": {"contest": "Hand example"},
        "jsonFormatVersion": "1",
        "results": [
            {
                "round": 1,
                "tally": {"A": "4", "B": "3", "C": "2"},
                "tallyResults": [{"eliminated": "C", "transfers": transfers}],
                "threshold": "5",
            },
            {
                "round": 2,
                "tally": round2,
                "tallyResults": [{"elected": winner, "transfers": {}}],
                "threshold": "5",
            },
        ],
    }


@pytest.fixture
def profile() -> votecount.Profile:
    return votecount.Profile.from_rankings(["A", "B", "C"], PAPERS)


def write(tmp_path: Path, name: str, doc: object) -> Path:
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


def test_an_rctab_report_that_follows_from_the_ballots(profile: votecount.Profile, tmp_path: Path) -> None:
    sheet = write(tmp_path, "r.json", rctab_report({"A": "4", "B": "5"}, {"B": "2"}, "B"))
    found = audit(profile, sheet, "irv")
    assert found.verdict == "agree"
    assert found.sheet.kind == "rctab"
    assert found.compared == 6 and not found.differences and found.consistent
    assert found.elected_sheet == found.elected_ours == ("B",)


def test_an_rctab_report_that_gives_c_s_papers_to_a(profile: votecount.Profile, tmp_path: Path) -> None:
    # The sheet says C's two papers went to A: A 6, B 3 and A elected. Its own arithmetic
    # holds (4 + 2 = 6), the first preferences agree, so the transfers differ.
    sheet = write(tmp_path, "r.json", rctab_report({"A": "6", "B": "3"}, {"A": "2"}, "A"))
    found = audit(profile, sheet, "irv")
    assert found.verdict == "differ"
    assert [(d.stage, d.candidate, d.size) for d in found.differences] == [(2, "A", -2), (2, "B", 2)]
    assert found.causes == (RULE_OR_BALLOTS,)
    assert found.consistent
    assert found.elected_changes and found.elected_sheet == ("A",) and found.elected_ours == ("B",)


def riverside_sheet(tmp_path: Path, change: tuple[int, str, str] | None = None) -> Path:
    """The bundled example counted by votecount and written as JSON, one figure changed."""
    result = votecount.count(votecount.read(example_path("riverside.blt")), "scottish-stv")
    doc = json.loads(result_to_json(result))
    if change:
        stage, name, figure = change
        doc["rounds"][stage - 1]["votes"][name] = figure
    return write(tmp_path, "sheet.json", json.dumps(doc))


def test_votecount_s_own_result_agrees_with_its_ballots(tmp_path: Path) -> None:
    found = audit(example_path("riverside.blt"), riverside_sheet(tmp_path), "scottish-stv")
    assert found.verdict == "agree"
    assert found.compared == 6 * 5
    assert found.consistent


def test_a_typing_error_is_found_by_the_sheet_s_own_arithmetic(tmp_path: Path) -> None:
    # Duncan Fraser: 330 first preferences + 85 from Kerr at stage 3 = 415 on the sheet that
    # votecount wrote; print 505 instead. Stage 4 then does not follow either (505 + 97).
    sheet = riverside_sheet(tmp_path, (3, "Duncan Fraser (Con)", "505.00000"))
    found = audit(example_path("riverside.blt"), sheet, "scottish-stv")
    assert found.verdict == "differ"
    (difference,) = found.differences
    assert (difference.stage, difference.candidate, difference.size) == (3, "Duncan Fraser (Con)", -90)
    assert difference.cause == TYPING and difference.sheet_arithmetic == 415
    assert [(i.stage, i.candidate) for i in found.inconsistencies] == [
        (3, "Duncan Fraser (Con)"),
        (4, "Duncan Fraser (Con)"),
        (3, None),
    ]
    assert not found.elected_changes
    document = audit_to_dict(found)
    assert document["differences"][0]["size"] == "-90" and document["agree"] is False


def test_a_paper_missing_from_the_ballots_shows_in_the_first_preferences(tmp_path: Path) -> None:
    profile = votecount.read(example_path("riverside.blt"))
    sheet = riverside_sheet(tmp_path)
    # One paper fewer whose first preference is Fergus Kerr (126 first preferences on the sheet).
    first_kerr = next(
        b for b in profile.ballots if b.ranking and profile.candidates[b.ranking[0]].name.startswith("Fergus")
    )
    rankings = [
        ([profile.candidates[i].name for i in b.ranking], int(b.weight) - (b is first_kerr))
        for b in profile.ballots
    ]
    short = votecount.Profile.from_rankings(
        [c.name for c in profile.candidates], [(tuple(r), n) for r, n in rankings if n]
    )
    found = audit(short, sheet, "scottish-stv", seats=3)
    assert found.differences[0].stage == 1 and found.differences[0].size == -1
    assert found.causes == (FIRST_PREFERENCES,)


def test_a_file_of_many_wards_needs_one_picked(tmp_path: Path) -> None:
    rows = "name,first_prefs,map_ward_id,ward_name,elected,seats\nAnn,5,W1,North,1,1\nBob,4,W2,South,1,1\n"
    path = write(tmp_path, "wards.csv", rows)
    with pytest.raises(SheetError, match="holds 2 wards"):
        read_sheet(path)
    assert read_sheet(path, ward="South").candidates[0].name == "Bob"
    assert read_sheet(path, ward="W1").candidates[0].name == "Ann"
    with pytest.raises(SheetError, match="no ward matches"):
        read_sheet(path, ward="East")


def test_a_sheet_in_no_known_layout_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SheetError, match="not a count sheet"):
        read_sheet(write(tmp_path, "x.json", {"something": 1}))
    with pytest.raises(SheetError, match="no column"):
        read_sheet(write(tmp_path, "x.csv", "a,b\n1,2\n"))


def test_rctab_s_own_reports_read_and_agree_with_themselves(tmp_path: Path) -> None:
    # Minneapolis 2013 Park Board (RCTab's test suite): 11 rounds, 3 elected. Each round's
    # tally is the previous one plus the transfers RCTab lists, so the sheet is consistent;
    # a round-3 tally changed by 100 is then caught by that arithmetic, at round 3 and again
    # at round 4 (her round-4 tally no longer follows from the changed round 3).
    path = shared_path(
        "rctab", "2013_minneapolis_park", "2013_minneapolis_park_expected_detailed_report.json"
    )
    sheet = read_sheet(path)
    assert sheet.kind == "rctab" and sheet.n_stages == 11
    assert sheet.elected == ("ANNIE YOUNG", "JOHN ERWIN", "MEG FORNEY")
    assert own_arithmetic(sheet) == ()
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["results"][2]["tally"]["MEG FORNEY"] = str(int(doc["results"][2]["tally"]["MEG FORNEY"]) + 100)
    broken = own_arithmetic(read_sheet(write(tmp_path, "r.json", doc)))
    assert [(i.stage, i.candidate) for i in broken if i.candidate] == [(3, "MEG FORNEY"), (4, "MEG FORNEY")]
