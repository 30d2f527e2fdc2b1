"""Ballots from form exports and hand-kept spreadsheets: every layout, column roles, names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from form_exports import CANDIDATES, LAYOUTS, RANKINGS, position_columns, stamp, table, voter_choices
from helpers import DOCS, reading_error
from votecount import Profile, RankedBallot, count
from votecount.cli import main
from votecount.formats import loads

error_of = reading_error("csv")


def expected(rankings=RANKINGS, candidates=CANDIDATES) -> Profile:
    return Profile.from_rankings(list(candidates), [list(r) for r in rankings])


def ranked(profile: Profile) -> set[tuple[tuple[str, ...], object]]:
    """The ballots by candidate names, so that candidate order does not matter."""
    names = [c.name for c in profile.candidates]
    return {(tuple(names[i] for i in b.ranking), b.weight) for b in profile.ballots}  # type: ignore[union-attr]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_export_layout_reads_as_the_rankings_it_was_made_from(layout: str) -> None:
    profile = loads(table(LAYOUTS[layout]()), "csv", candidates=list(CANDIDATES))
    assert profile.candidates == expected().candidates
    assert ranked(profile) == ranked(expected())
    assert profile.validation is not None and profile.validation.counted_as_cast == len(RANKINGS)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_without_a_candidate_list_no_column_of_the_form_becomes_a_candidate(layout: str) -> None:
    profile = loads(table(LAYOUTS[layout]()), "csv")
    assert sorted(c.name for c in profile.candidates) == sorted(CANDIDATES)
    assert ranked(profile) == ranked(expected())


def test_an_id_column_names_the_ballot_in_the_report() -> None:
    rows = voter_choices()
    rows[3][2:] = ["", "Bob Li", "", ""]  # V102 skipped their first choice
    profile = loads(table(rows), "csv")
    report = profile.validation
    assert report is not None
    (problem,) = report.problems
    assert (problem.line, problem.ballot_id) == (4, "V102")
    assert "line 4 (ballot V102)" in str(problem)


def test_names_typed_differently_are_one_candidate_and_each_merge_is_reported() -> None:
    rows = position_columns()
    rows[1][2] = "alice moore"  # case
    rows[2][2] = " Bob  Li "  # spaces around and within (the cell is stripped: only within counts)
    rows[3][2] = "Carol\u00a0King"  # a no-break space: NFKC makes it a space
    rows[4][2] = "ＡLICE MOORE"  # a full-width letter and capitals
    profile = loads(table(rows), "csv")
    assert sorted(c.name for c in profile.candidates) == sorted(CANDIDATES)
    assert ranked(profile) == ranked(expected())
    report = profile.validation
    assert report is not None
    merges = {(w.line, w.message) for w in report.warnings if w.code == "name-merged"}
    assert merges == {
        (2, "'alice moore' read as 'Alice Moore' (they differ only in case)"),
        (3, "'Bob  Li' read as 'Bob Li' (they differ only in spaces)"),
        (4, "'Carol\\xa0King' read as 'Carol King' (they differ only in Unicode form, spaces)"),
        (5, "'ＡLICE MOORE' read as 'Alice Moore' (they differ only in Unicode form, case)"),
    }


def test_a_name_matching_no_listed_candidate_is_reported_with_the_nearest() -> None:
    rows = position_columns()
    rows[5][2] = "Dan Odé"  # not a merge: an accent is a different letter
    rows[6][3] = "Carl King"
    profile = loads(table(rows), "csv", candidates=", ".join(CANDIDATES))
    report = profile.validation
    assert report is not None
    unknown = {w.line: w.message for w in report.warnings if w.code == "unknown-name"}
    assert unknown == {
        6: "'Dan Odé' is not a listed candidate (nearest: 'Dan Ode')",
        7: "'Carl King' is not a listed candidate (nearest: 'Carol King')",
    }
    assert report.rejected == {"no valid first preference": 1}  # Dan Odé was their only choice
    assert report.repaired == {"unknown candidate": 1}  # read up to Carl King: Bob Li alone
    assert RankedBallot((1,)) in profile.ballots


def test_names_alike_without_a_list_are_warned_of() -> None:
    rows = position_columns()
    rows[5][2] = "Dan Odee"
    profile = loads(table(rows), "csv")
    report = profile.validation
    assert report is not None
    (alike,) = [w for w in report.warnings if w.code == "names-alike"]
    assert "'Dan Ode' and 'Dan Odee'" in alike.message and "--candidates" in alike.message


def test_a_candidate_list_from_a_file(tmp_path: Path) -> None:
    listed = tmp_path / "candidates.txt"
    listed.write_text("# standing, in ballot-paper order\n" + "\n".join(reversed(CANDIDATES)) + "\n\n")
    profile = loads(table(position_columns()), "csv", candidates=str(listed))
    assert [c.name for c in profile.candidates] == list(reversed(CANDIDATES))
    assert ranked(profile) == ranked(expected())


def test_a_grid_header_naming_no_listed_candidate_is_an_error_naming_the_nearest() -> None:
    rows = LAYOUTS["candidate grid"]()
    err = error_of(table(rows), candidates=["Alice Moore", "Bob Li", "Carol King", "Dan Odd"])
    assert err.line == 1 and "'Dan Ode' is not a listed candidate (nearest: 'Dan Odd')" in err.reason


@pytest.mark.parametrize(
    "header, words",
    [
        (["Voter", "First choice", "Second choice", "Comments"], "'Comments'"),
        (["Rank [Alice]", "Rank [Bob]", "Campus [North]"], "different questions"),
        (["Respondent ID", "Voter ID", "1", "2"], "--id-column"),
        (["Timestamp", "Email"], "no candidate or preference columns"),
        (["1st choice", "First choice"], "both hold preference 1"),
    ],
)
def test_an_ambiguous_header_is_refused_listing_what_was_found(header: list[str], words: str) -> None:
    err = error_of(table([header, ["x"] * len(header)]))
    assert err.line == 1 and words in err.reason


def test_the_roles_can_be_given_when_the_header_does_not_say() -> None:
    text = table([["Who", "Comments", "Top", "Next"], ["V1", "", "Bob Li", "Alice Moore"]])
    assert "hold names" in error_of(text, ignore_columns=["Comments"]).reason
    profile = loads(text, "csv", rank_columns="Top, Next", id_column="Who")
    assert [c.name for c in profile.candidates] == ["Bob Li", "Alice Moore"]
    assert profile.ballots == (RankedBallot((0, 1), 1, "V1"),)
    by_number = loads(text, "csv", rank_columns=[3, 4], id_column=1)
    assert by_number == profile
    err = error_of(text, rank_columns=["Top", "Nxt"])
    assert err.line == 1 and "'Nxt' names no column" in err.reason


def test_the_columns_left_out_are_listed_in_the_report() -> None:
    report = loads(table(voter_choices()), "csv").validation
    assert report is not None
    (left_out,) = [w for w in report.warnings if w.code == "columns-left-out"]
    assert (left_out.line, left_out.message) == (1, "columns left out: 'Precinct' (precinct)")
    report = loads(table(position_columns()), "csv", ignore_columns="4th choice").validation
    assert report is not None
    (left_out,) = [w for w in report.warnings if w.code == "columns-left-out"]
    assert left_out.message == (
        "columns left out: 'Timestamp' (timestamp), 'Email Address' (email), '4th choice' (ignored)"
    )


def test_a_form_read_as_preferences_keeps_its_timestamps_and_addresses_out() -> None:
    """The issue's first case: layout="preferences" once read every timestamp and e-mail
    address of a 4-candidate form as a candidate."""
    profile = loads(table(position_columns()), "csv", layout="preferences")
    assert sorted(c.name for c in profile.candidates) == sorted(CANDIDATES)
    assert ranked(profile) == ranked(expected())


def test_the_worked_form_example_in_the_docs_reads_as_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (DOCS / "formats.md").read_text(encoding="utf-8")
    section = text[text.index("## Ballots from a form or a spreadsheet") :]
    blocks = re.findall(r"```\n(.*?)```", section, re.S)
    form = next(b for b in blocks if b.startswith("Timestamp,Email Address,"))
    shown = next(b for b in blocks if b.startswith("$ votecount validate form.csv"))
    (tmp_path / "form.csv").write_text(form, encoding="utf-8")
    (tmp_path / "standing.txt").write_text("\n".join(CANDIDATES) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "form.csv", "--candidates", "standing.txt"]) == 0
    assert capsys.readouterr().out == shown.split("\n", 1)[1]


def test_a_tick_box_grid_is_read_as_plurality_papers() -> None:
    header = ["Submitted at", *(f"Vote for up to two [{c}]" for c in CANDIDATES)]
    ticks = [("Alice Moore", "Bob Li"), ("Bob Li",), ("Carol King", "Dan Ode"), ("Alice Moore", "Bob Li")]
    rows = [header] + [
        [stamp(k), *("Yes" if c in t else "" for c in CANDIDATES)] for k, t in enumerate(ticks)
    ]
    profile = loads(table(rows), "csv")
    assert profile.kind == "plurality"
    assert [c.name for c in profile.candidates] == list(CANDIDATES)
    # by hand: Alice 2, Bob 3, Carol 1, Dan 1
    result = count(profile, "block", seats=2)
    assert {c.name: v for c, v in result.totals.items()} == {
        "Alice Moore": 2,
        "Bob Li": 3,
        "Carol King": 1,
        "Dan Ode": 1,
    }


def test_a_file_of_many_misspellings_lists_fifty_of_each_and_counts_the_rest() -> None:
    variants = [f"Alice Moore {'x' * k}" for k in range(1, 61)]  # 60 names, none listed
    letters = [i for i, ch in enumerate("carol king") if ch.isalpha()][:6]  # c, a, r, o, l, k
    cases = [
        "".join(
            ch.upper() if i in letters and (k >> letters.index(i)) & 1 else ch
            for i, ch in enumerate("carol king")
        )
        for k in range(64)
    ]
    rows = [["1st choice"], *([v] for v in variants), *([c] for c in cases)]
    report = loads(table(rows), "csv", candidates=list(CANDIDATES)).validation
    assert report is not None
    unknown = [w.message for w in report.warnings if w.code == "unknown-name"]
    assert len(unknown) == 51 and unknown[-1] == "and 10 more names that are not listed"
    merged = [w.message for w in report.warnings if w.code == "name-merged"]
    # 64 casings of "carol king", one of them the listed spelling "Carol King": 63 merges
    assert len(merged) == 51 and merged[-1] == "and 13 more spellings merged"
