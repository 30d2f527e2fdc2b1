"""US cast-vote records read as RCTab reads them (votecount.formats.cvr), on files made here.

Each test writes a small file in a provider's layout, with the marks chosen by hand, and
checks the papers as written (ranks to places, overvotes, skipped ranks, write-ins) or the
error a damaged record gives: the file, the line or record, and the reason.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from votecount.errors import BallotFileError
from votecount.formats.cvr import OVERVOTE, UNDECLARED_WRITE_IN, read_rctab_config
from votecount.formats.rctab_config import load_rctab_config


def write_config(folder: Path, sources: list[dict[str, Any]], names: list[Any], **rules: Any) -> Path:
    """An RCTab configuration with these sources and candidates (a name, or a dict)."""
    candidates = [n if isinstance(n, dict) else {"name": n, "excluded": False, "aliases": []} for n in names]
    document = {
        "tabulatorVersion": "TEST",
        "outputSettings": {"contestName": "Test contest"},
        "cvrFileSources": sources,
        "candidates": candidates,
        "rules": {
            "tiebreakMode": "useCandidateOrder",
            "overvoteRule": "exhaustImmediately",
            "winnerElectionMode": "singleWinnerMajority",
            "numberOfWinners": "1",
            "decimalPlacesForVoteArithmetic": "4",
            "maxSkippedRanksAllowed": "1",
            "maxRankingsAllowed": "max",
            **rules,
        },
    }
    path = folder / "contest_config.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def csv_source(name: str, **extra: Any) -> dict[str, Any]:
    return {
        "provider": "genericCsv",
        "filePath": name,
        "firstVoteColumnIndex": "2",
        "firstVoteRowIndex": "2",
        "idColumnIndex": "1",
        **extra,
    }


def write_xlsx(path: Path, rows: dict[int, list[str | int | None]]) -> None:
    """A one-sheet workbook whose rows (by number) hold these cells from column A; a row
    given as [] is written with no cell, as a formatted but empty row is."""
    body = []
    for number, cells in sorted(rows.items()):
        written = []
        for column, value in enumerate(cells):
            ref = f"{chr(ord('A') + column)}{number}"
            if value is None:
                continue
            if isinstance(value, int):
                written.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                written.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
        body.append(f'<row r="{number}">{"".join(written)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook {ns} {rel_ns}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="worksheet"/></Relationships>',
        )
        archive.writestr(
            "xl/worksheets/sheet1.xml", f"<worksheet {ns}><sheetData>{''.join(body)}</sheetData></worksheet>"
        )


def test_generic_csv_ranks_become_places(tmp_path: Path) -> None:
    # Columns A, B, C, Write-In. Ballot x: A first, C third (rank 2 skipped);
    # y: A and B both 1 (an overvote), then the write-in 2; z: nothing marked.
    (tmp_path / "cvr.csv").write_text("id,A,B,C,Write-In\nx,1,,3,\ny,1,1,,2\nz,,,,\n", encoding="utf-8")
    config = write_config(
        tmp_path, [csv_source("cvr.csv", undeclaredWriteInLabel="Write-In")], ["A", "B", "C"]
    )
    contest = read_rctab_config(config)
    election = contest.election
    assert [c.name for c in election.candidates] == ["A", "B", "C", UNDECLARED_WRITE_IN]
    assert contest.undeclared_write_in == 3
    assert [(p.id, p.line, p.positions) for p in election.papers] == [
        ("x", 2, ((0,), (), (2,))),
        ("y", 3, ((0, 1), (3,))),
        ("z", 4, ()),
    ]
    profile = election.to_profile()
    assert profile.validation.read == 3  # every record accounted for: counted, repaired or set aside


def test_aliases_codes_and_excluded_candidates(tmp_path: Path) -> None:
    (tmp_path / "cvr.csv").write_text("id,AL,BO,ZZ\nr1,2,1,3\n", encoding="utf-8")
    names = [
        {"name": "Alice", "aliases": ["AL"], "excluded": False},
        {"name": "Bob", "code": "BO", "excluded": True},
    ]
    contest = read_rctab_config(write_config(tmp_path, [csv_source("cvr.csv")], names))
    (paper,) = contest.election.papers
    assert paper.positions == ((1,), (0,), ("ZZ",))  # ZZ names no candidate: kept as written
    assert contest.election.withdrawn == frozenset({1})
    assert contest.unknown == (("ZZ", 1),)


def test_a_rank_beyond_max_rankings_allowed_names_the_record(tmp_path: Path) -> None:
    (tmp_path / "cvr.csv").write_text("id,A,B,C\nr1,1,2,\nr2,1,2,3\n", encoding="utf-8")
    config = write_config(tmp_path, [csv_source("cvr.csv")], ["A", "B", "C"], maxRankingsAllowed="2")
    with pytest.raises(BallotFileError) as info:
        read_rctab_config(config)
    assert info.value.path == str(tmp_path / "cvr.csv") and info.value.line == 3
    assert "record r2" in str(info.value) and "maxRankingsAllowed" in str(info.value)


def test_a_rank_that_is_not_a_number_names_file_line_and_record(tmp_path: Path) -> None:
    (tmp_path / "cvr.csv").write_text("id,A,B\nr1,1,2\nr2,first,2\n", encoding="utf-8")
    with pytest.raises(BallotFileError) as info:
        read_rctab_config(write_config(tmp_path, [csv_source("cvr.csv")], ["A", "B"]))
    assert info.value.line == 3 and "record r2" in str(info.value) and "'first'" in str(info.value)


def ess_source(name: str, **extra: Any) -> dict[str, Any]:
    return {
        "provider": "ess",
        "filePath": name,
        "firstVoteColumnIndex": "2",
        "firstVoteRowIndex": "2",
        "idColumnIndex": "1",
        "overvoteLabel": "overvote",
        "skippedRankLabel": "undervote",
        "undeclaredWriteInLabel": "UWI",
        **extra,
    }


def test_ess_labels_delimiter_and_an_empty_row(tmp_path: Path) -> None:
    write_xlsx(
        tmp_path / "cvr.xlsx",
        {
            1: ["Cast Vote Record", "Choice 1", "Choice 2", "Choice 3"],
            2: [1, " A ", "undervote", "B"],  # rank 2 left blank, by label
            3: [2, None, "C"],  # rank 1 empty: skipped
            5: [3, "A|C", None, "UWI"],  # two candidates in one cell; rank 2 empty (row 4 absent)
        },
    )
    config = write_config(
        tmp_path, [ess_source("cvr.xlsx", overvoteDelimiter="|", overvoteLabel="")], ["A", "B", "C"]
    )
    contest = read_rctab_config(config)
    papers = contest.election.papers
    uwi = contest.undeclared_write_in
    assert [(p.id, p.line) for p in papers] == [("1", 2), ("2", 3), ("3", 5)]
    assert papers[0].positions == ((0,), (), (1,))
    assert papers[1].positions == ((), (2,))
    assert papers[2].positions == ((0, 2), (), (uwi,))


def test_ess_overvote_label_and_blank_rows_without_an_id_column(tmp_path: Path) -> None:
    # row 4 is written with no cell (a formatted, empty row): RCTab counts it as a blank ballot
    write_xlsx(tmp_path / "cvr.xlsx", {1: ["id", "c1", "c2"], 2: [1, "overvote", "B"], 4: []})
    config = write_config(tmp_path, [ess_source("cvr.xlsx", idColumnIndex="")], ["A", "B"])
    papers = read_rctab_config(config).election.papers
    assert [(p.id, p.positions) for p in papers] == [("cvr.xlsx-1", ((OVERVOTE,), (1,))), ("cvr.xlsx-2", ())]


def test_ess_treat_blank_as_undeclared_write_in_fills_to_max_rankings(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "cvr.xlsx", {1: ["id", "c1", "c2", "c3"], 2: [1, None, "B"]})
    config = write_config(
        tmp_path,
        [ess_source("cvr.xlsx", treatBlankAsUndeclaredWriteIn=True)],
        ["A", "B"],
        maxRankingsAllowed="3",
    )
    contest = read_rctab_config(config)
    uwi = contest.undeclared_write_in
    assert contest.election.papers[0].positions == ((uwi,), (1,), (uwi,))


def test_ess_missing_id_is_a_damaged_record(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "cvr.xlsx", {1: ["id", "c1"], 2: [1, "A"], 3: [None, "A"]})
    with pytest.raises(BallotFileError) as info:
        read_rctab_config(write_config(tmp_path, [ess_source("cvr.xlsx")], ["A"]))
    assert info.value.path == str(tmp_path / "cvr.xlsx") and info.value.line == 3
    assert "id is missing" in str(info.value)


def test_not_a_workbook(tmp_path: Path) -> None:
    (tmp_path / "cvr.xlsx").write_text("not a zip", encoding="utf-8")
    with pytest.raises(BallotFileError, match="not a readable Excel workbook"):
        read_rctab_config(write_config(tmp_path, [ess_source("cvr.xlsx")], ["A"]))


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE Cvr [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    "<Cvr><CvrGuid>&b;</CvrGuid></Cvr>"
)


def hart_file(guid: str, contest: str, options: list[tuple[str, str]]) -> str:
    marked = "".join(f"<Option><Id>{code}</Id><Value>{value}</Value></Option>" for code, value in options)
    return (
        '\ufeff<?xml version="1.0" encoding="utf-8"?><Cvr xmlns="http://tempuri.org/CVRDesign.xsd"><Contests>'
        f"<Contest><Id>{contest}</Id><Options>{marked}</Options></Contest></Contests>"
        f"<CvrGuid>{guid}</CvrGuid></Cvr>"
    )


def test_hart_values_are_ranks_and_a_sheet_without_the_contest_is_no_ballot(tmp_path: Path) -> None:
    folder = tmp_path / "hart"
    folder.mkdir()
    (folder / "1.xml").write_text(
        hart_file("g1", "K", [("a", "1"), ("b", "01"), ("w", "001")]), encoding="utf-8"
    )
    (folder / "2.xml").write_text(hart_file("g2", "other", [("a", "1")]), encoding="utf-8")
    (folder / "2.xml.sig.xml").write_text("<Signature/>", encoding="utf-8")
    source = {"provider": "hart", "filePath": "hart", "contestId": "K", "undeclaredWriteInLabel": "w"}
    names = [{"name": "Ann", "aliases": ["a"]}, {"name": "Ben", "aliases": ["b"]}]
    contest = read_rctab_config(write_config(tmp_path, [source], names))
    (paper,) = contest.election.papers
    assert (paper.id, paper.positions) == ("g1", ((0,), (1,), (2,)))
    assert contest.skipped == (("Hart sheet without this contest", 1),)


def test_an_xml_document_type_is_refused_before_any_entity_is_expanded(tmp_path: Path) -> None:
    folder = tmp_path / "hart"
    folder.mkdir()
    (folder / "1.xml").write_text(BILLION_LAUGHS, encoding="utf-8")
    source = {"provider": "hart", "filePath": "hart", "contestId": "K"}
    with pytest.raises(BallotFileError, match="DOCTYPE") as info:
        read_rctab_config(write_config(tmp_path, [source], ["A"]))
    assert info.value.path == str(folder / "1.xml")


def cdf_report(selections: list[list[tuple[str, int]]]) -> dict[str, Any]:
    """A CDF report of contest "K" (candidates a, b; a write-in selection w), one CVR per
    list of (selection, rank)."""
    cvrs = [
        {
            "BallotPrePrintedId": str(n),
            "CurrentSnapshotId": f"s{n}",
            "CVRSnapshot": [
                {
                    "@id": f"s{n}",
                    "CVRContest": [
                        {
                            "ContestId": "k",
                            "CVRContestSelection": [
                                {
                                    "ContestSelectionId": s,
                                    "SelectionPosition": [
                                        {"HasIndication": "yes", "IsAllocable": "unknown", "Rank": r}
                                    ],
                                }
                                for s, r in marks
                            ],
                        }
                    ],
                }
            ],
        }
        for n, marks in enumerate(selections, start=1)
    ]
    election = {
        "@id": "e",
        "Candidate": [{"@id": "ca", "Name": "Ann"}, {"@id": "cb", "Name": "Ben"}],
        "Contest": [
            {
                "@id": "k",
                "Name": "K",
                "ContestSelection": [
                    {"@id": "sa", "CandidateIds": ["ca"]},
                    {"@id": "sb", "CandidateIds": ["cb"]},
                    {"@id": "sw", "IsWriteIn": "true"},
                ],
            }
        ],
    }
    return {"CVR": cvrs, "Election": [election], "GpUnit": []}


def test_cdf_json_selections_and_ranks(tmp_path: Path) -> None:
    pytest.importorskip("ijson")
    report = cdf_report([[("sb", 1), ("sa", 1), ("sw", 2)], [("sa", 2)]])
    (tmp_path / "cvr.json").write_text(json.dumps(report), encoding="utf-8")
    source = {"provider": "cdf", "filePath": "cvr.json", "contestId": "K", "undeclaredWriteInLabel": "UWI"}
    contest = read_rctab_config(write_config(tmp_path, [source], ["Ann", "Ben"]))
    assert [(p.id, p.positions) for p in contest.election.papers] == [
        ("1", ((1, 0), (2,))),
        ("2", ((), (0,))),
    ]


def test_cdf_json_unknown_selection_names_the_record(tmp_path: Path) -> None:
    pytest.importorskip("ijson")
    (tmp_path / "cvr.json").write_text(json.dumps(cdf_report([[("sa", 1)], [("sz", 1)]])), encoding="utf-8")
    source = {"provider": "cdf", "filePath": "cvr.json", "contestId": "K"}
    with pytest.raises(BallotFileError) as info:
        read_rctab_config(write_config(tmp_path, [source], ["Ann", "Ben"]))
    assert info.value.line == 2 and "record 2" in str(info.value) and "'sz'" in str(info.value)


def test_dominion_sessions_adjudication_and_outstack(tmp_path: Path) -> None:
    pytest.importorskip("ijson")
    folder = tmp_path / "dominion"
    folder.mkdir()
    (folder / "ContestManifest.json").write_text(json.dumps({"List": [{"Id": 5, "NumOfRanks": 3}]}))

    def session(record: int, marks: list[tuple[int, int]], **extra: Any) -> dict[str, Any]:
        contest = {
            "Id": 5,
            "OutstackConditionIds": extra.pop("outstack", []),
            "Marks": [{"CandidateId": c, "Rank": r, "IsAmbiguous": False} for c, r in marks],
        }
        return {
            "TabulatorId": 9,
            "BatchId": 1,
            "RecordId": record,
            "Original": {"IsCurrent": extra.pop("current", True), "Cards": [{"Contests": [contest]}]},
            **extra,
        }

    modified = {"IsCurrent": True, "Contests": [{"Id": 5, "Marks": [{"CandidateId": 2, "Rank": 1}]}]}
    sessions = [
        session(1, [(1, 1), (2, 2)]),
        session(2, [(1, 1)], current=False, Modified=modified),  # adjudicated: Ben first
        session(3, [(1, 1)], current=False),  # no current reading: passed over
        session(4, [(2, 1)], outstack=[7]),  # contest excluded: passed over
    ]
    (folder / "CvrExport_1.json").write_text(json.dumps({"Sessions": sessions[:2]}))
    (folder / "CvrExport_2.json").write_text(json.dumps({"Sessions": sessions[2:]}))
    source = {"provider": "dominion", "filePath": "dominion", "contestId": "5"}
    names = [{"name": "Ann", "aliases": ["1"]}, {"name": "Ben", "aliases": ["2"]}]
    contest = read_rctab_config(write_config(tmp_path, [source], names))
    assert [(p.id, p.line, p.positions) for p in contest.election.papers] == [
        ("9-1-1", 1, ((0,), (1,))),
        ("9-1-2", 2, ((1,),)),
    ]
    assert dict(contest.skipped) == {
        "Dominion contest excluded by outstack condition 7": 1,
        "Dominion session with no current (adjudicated) ballot": 1,
    }


def test_config_unknown_keys_are_reported_and_bad_shapes_name_the_key(tmp_path: Path) -> None:
    config = write_config(tmp_path, [csv_source("cvr.csv", colour="blue")], ["A"], **{"random Seed": "1"})
    assert load_rctab_config(config).unknown_keys == ("rules.random Seed", "cvrFileSources[0].colour")
    config = write_config(tmp_path, [csv_source("cvr.csv")], ["A"], numberOfWinners="two")
    with pytest.raises(BallotFileError, match=r"rules\.numberOfWinners: expected a whole number"):
        load_rctab_config(config)


def test_config_legacy_labels_move_to_every_source(tmp_path: Path) -> None:
    config = write_config(
        tmp_path,
        [csv_source("a.csv"), csv_source("b.csv")],
        ["A"],
        overvoteLabel="OV",
        undervoteLabel="UV",
        winnerElectionMode="multiSeatSequentialWinnerTakesAll",
    )
    loaded = load_rctab_config(config)
    assert {(s.overvote_label, s.skipped_rank_label) for s in loaded.sources} == {("OV", "UV")}
    assert loaded.rules.winner_election_mode == "multiPassIrv"
    assert loaded.rules.max_rankings_allowed is None  # "max"


@pytest.mark.parametrize(
    ("document", "refused"),
    [
        (b'<?xml version="1.0"?>\n<!-- no <!DOCTYPE here --><r><a>1</a></r>', False),
        (b"<r><a/></r>", False),
        (b'\xef\xbb\xbf<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://example.org/r.dtd"><r/>', True),
        (
            b'<?xml version="1.0"?><!-- a comment --><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><r>&e;</r>',
            True,
        ),
        ('<?xml version="1.0" encoding="utf-16"?><r/>'.encode("utf-16"), True),
    ],
)
def test_xml_with_a_document_type_is_refused_before_parsing(document: bytes, refused: bool) -> None:
    import io

    from votecount.formats.cvr._xml import UnsafeXMLError, events

    stream = io.BytesIO(document)
    if refused:
        with pytest.raises(UnsafeXMLError):
            list(events(stream))
    else:
        assert [e.tag for _, e in events(stream)] == ["a", "r"]
