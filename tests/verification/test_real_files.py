"""Real ballot files in ../shared/data read, and their totals match the published ones.

Every run reads a small fixed sample of each corpus, chosen so that each quirk listed in
../shared/data/README.md is met by at least one file: that keeps every reader exercised on
real data at a cost of a second or two. The sweeps over whole corpora (1,102 Scottish wards,
429 PrefLib files, 49 Droop files) take minutes and are marked ``slow``
(``python -m pytest -m slow``).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from helpers import shared_path
from votecount.formats import dumps, loads, read
from votecount.formats.preflib import declared_voters

# --- Scottish council wards --------------------------------------------------------------

# ballot_file (as in index.csv) -> the quirk it brings; see ../shared/data/README.md.
SCOTTISH_SAMPLE = {
    "blt/10_cands/aberdeen_2017_ward12.blt": "2017; bare names, party in brackets; no final newline",
    "blt/11_cands/aberdeen_2012_ward8.blt": 'party first: "Grn ""Richie BRIAN"""',
    "blt/10_cands/aberdeen_2022_ward12.blt": 'party quoted inside the name: "Name ""Party"""',
    "blt/10_cands/aberdeenshire_2022_ward4.blt": 'two strings a line: "Name" "Party"',
    "blt/8_cands/aberdeenshire_2022_ward1.blt": "broken spacing: St ew ar t AD AM S (Banff 2022)",
    "blt/7_cands/highland_2012_ward11.blt": "U+FFFD replacement characters",
    "blt/7_cands/glasgow_2022_ward22.blt": "double-encoded UTF-8",
    "blt/5_cands/perth_kinross_2016_by_election_ward9.blt": "comma-separated BLT; a by-election",
    "blt/10_cands/glasgow_2007_calton.blt": "2007: PrefLib header lines left as candidate names",
    "blt/renfrewshire_2022_from_mollison/renfrewshire_2022_ward1.blt": "converted from Mollison's files",
    "blt/10_cands/edinburgh_2017_ward12.blt": "the largest file (3,684 lines)",
}


@cache
def _scottish_index() -> dict[str, dict[str, str]]:
    root = shared_path("scottish")
    with (root / "index.csv").open(newline="", encoding="utf-8") as f:
        return {row["ballot_file"]: row for row in csv.DictReader(f)}


def _scottish_mismatch(ballot_file: str) -> tuple[str, tuple[int, ...], tuple[int, ...]] | None:
    """The file's totals against index.csv's, or None when they agree."""
    row = _scottish_index()[ballot_file]
    profile = read(shared_path("scottish") / ballot_file)
    report = profile.validation
    assert report is not None and report.balances, ballot_file
    got = (profile.total_weight, len(profile.candidates), profile.seats, report.set_aside)
    want = (int(row["n_ballots"]), int(row["n_candidates"]), int(row["seats"]), 0)
    return None if got == want else (ballot_file, got, want)


def test_the_scottish_index_lists_every_ballot_file() -> None:
    root = shared_path("scottish")
    listed = set(_scottish_index())
    assert len(listed) == 1102
    assert {path.relative_to(root).as_posix() for path in (root / "blt").rglob("*.blt")} == listed
    assert set(SCOTTISH_SAMPLE) <= listed


@pytest.mark.parametrize("ballot_file", sorted(SCOTTISH_SAMPLE))
def test_sampled_scottish_wards_read_with_the_indexed_totals(ballot_file: str) -> None:
    assert _scottish_mismatch(ballot_file) is None


@pytest.mark.slow
def test_every_scottish_ward_reads_with_the_indexed_totals() -> None:
    wrong = [m for m in map(_scottish_mismatch, sorted(_scottish_index())) if m is not None]
    assert wrong == []


def test_scottish_quirks_survive() -> None:
    root = shared_path("scottish", "blt")
    perth = read(root / "5_cands" / "perth_kinross_2016_by_election_ward9.blt")
    assert "Wilma LUMSDEN" in [c.name for c in perth.candidates]
    assert perth.title == "Ward 9 - Almond and Earn"
    assert perth.total_weight == 3431
    assert read(root / "7_cands" / "highland_2012_ward11.blt").title == "Eilean a' Che\ufffd Ward"
    aberdeen = [c.name for c in read(root / "11_cands" / "aberdeen_2012_ward8.blt").candidates]
    assert 'Grn "Richie BRIAN"' in aberdeen
    buchan = read(root / "10_cands" / "aberdeenshire_2022_ward4.blt")
    assert buchan.candidates[8].name == "Anne Margaret SIMPSON"
    assert buchan.candidates[8].attributes == {"description": "Scottish Liberal Democrats"}
    assert buchan.title == "Ward 4 - Central Buchan"
    glasgow = [c.name for c in read(root / "7_cands" / "glasgow_2022_ward22.blt").candidates]
    assert 'OisÃ\xadn DUNCAN "Scottish Trade Unionist and Socialist Coalition"' in glasgow


def _written_and_read_back(path: Path) -> None:
    profile = read(path)
    for fmt in ("blt", "json", "csv", "toi"):
        assert loads(dumps(profile, fmt), fmt) == profile, (path.name, fmt)


@pytest.mark.parametrize(
    "ballot_file",
    [
        "blt/5_cands/perth_kinross_2016_by_election_ward9.blt",
        "blt/10_cands/aberdeenshire_2022_ward4.blt",
        "blt/7_cands/glasgow_2022_ward22.blt",
        "blt/10_cands/glasgow_2007_calton.blt",
    ],
)
def test_sampled_scottish_files_written_and_read_back_are_equal(ballot_file: str) -> None:
    _written_and_read_back(shared_path("scottish") / ballot_file)


@pytest.mark.slow
def test_scottish_files_written_and_read_back_are_equal() -> None:
    """Every 40th ward (28 of them) through every format; all 1,102 would take minutes."""
    for path in sorted(shared_path("scottish", "blt").rglob("*.blt"))[::40]:
        _written_and_read_back(path)


# --- Droop's test ballots ----------------------------------------------------------------

DROOP_SAMPLE = (
    "42.blt",
    "42t.blt",  # [tie] line
    "42ubom.blt",  # byte-order mark
    "SCw.blt",  # a withdrawn candidate
    "SCwopt.blt",  # [withdrawn] option
    "meek/eq1.blt",  # = equal rankings
    "mpls/tie.blt",
    "scotland/Calton-2007.blt",  # a real ward
)


def _droop_round_trips(path: Path) -> None:
    profile = read(path, policy="as-cast")
    assert profile.validation is not None and profile.validation.balances, path
    assert loads(dumps(profile, "blt"), "blt", policy="as-cast") == profile, path


@pytest.mark.parametrize("name", DROOP_SAMPLE)
def test_sampled_droop_files_read_and_round_trip(name: str) -> None:
    _droop_round_trips(shared_path("droop", "test", "blt", name))


@pytest.mark.slow
def test_every_droop_test_file_reads_and_round_trips() -> None:
    files = sorted(shared_path("droop", "test", "blt").rglob("*.blt"))
    assert len(files) == 49
    for path in files:
        _droop_round_trips(path)


def test_droop_quirks_survive() -> None:
    root = shared_path("droop", "test", "blt")
    eq = read(root / "meek" / "eq1.blt", policy="as-cast")
    assert any(b.has_equal_rankings for b in eq.ballots)  # type: ignore[union-attr]
    assert read(root / "SCw.blt").withdrawn == read(root / "SCwopt.blt").withdrawn == {3}
    assert read(root / "42t.blt").tie_order == (2, 1, 0)
    assert read(root / "42ubom.blt") == read(root / "42u.blt")


# --- PrefLib -----------------------------------------------------------------------------

PREFLIB_SAMPLE = (
    "00001_irish/00001-00000002.soi",  # Dublin West 2002, 29,988 voters
    "00005_burlington/00005-00000002.toi",
    "00007_ers/00007-00000063.soi",
    "00008_glasgow/00008-00000004.soi",
    "00019_oakland/00019-00000004.toi",  # overvotes read as tied rankings
    "00021_sf/00021-00000010.toi",
    "00030_uklabor/00030-00000001.soi",
    "00058_nswla/00058-00000276.soi",
)


def _check_preflib_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    profile = read(path)
    report = profile.validation
    assert report is not None and report.balances, path
    assert report.read == declared_voters(text), path
    assert len(profile.candidates) == int(text.split("# NUMBER ALTERNATIVES:")[1].split()[0]), path


@pytest.mark.parametrize("name", PREFLIB_SAMPLE)
def test_sampled_preflib_files_read_with_their_declared_number_of_voters(name: str) -> None:
    _check_preflib_file(shared_path("preflib", name))


@pytest.mark.slow
def test_every_preflib_file_reads_with_its_declared_number_of_voters() -> None:
    """All 429 files, the 279 NSW ones included."""
    files = sorted(shared_path("preflib").glob("*/*.[st]o[ic]"))
    assert len(files) == 429
    for path in files:
        _check_preflib_file(path)


def test_preflib_overvotes_are_kept_as_cast_or_read_up_to_the_break() -> None:
    root = shared_path("preflib", "00019_oakland")
    path = root / "00019-00000004.toi"
    as_cast = read(path, policy="as-cast")
    assert any(b.has_equal_rankings for b in as_cast.ballots)  # type: ignore[union-attr]
    officer = read(path)
    assert officer.validation is not None
    assert officer.validation.read == as_cast.total_weight
    assert officer.validation.set_aside + officer.validation.repaired_total > 0
