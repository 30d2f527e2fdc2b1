"""Every real ballot file in ../shared/data reads, and its totals match the published ones."""

from __future__ import annotations

import csv

from conftest import shared_path
from votecount.formats import dumps, loads, read
from votecount.formats.preflib import declared_voters


def test_every_scottish_ward_reads_with_the_indexed_totals() -> None:
    root = shared_path("scottish")
    with (root / "index.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1102
    assert len(list((root / "blt").rglob("*.blt"))) == len(rows)
    wrong = []
    for row in rows:
        profile = read(root / row["ballot_file"])
        report = profile.validation
        assert report is not None and report.balances
        got = (profile.total_weight, len(profile.candidates), profile.seats, report.set_aside)
        want = (int(row["n_ballots"]), int(row["n_candidates"]), int(row["seats"]), 0)
        if got != want:
            wrong.append((row["ballot_file"], got, want))
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


def test_every_droop_test_file_reads_and_round_trips() -> None:
    root = shared_path("droop", "test", "blt")
    files = sorted(root.rglob("*.blt"))
    assert len(files) == 49
    for path in files:
        profile = read(path, policy="as-cast")
        assert profile.validation is not None and profile.validation.balances
        assert loads(dumps(profile, "blt"), "blt", policy="as-cast") == profile, path
    eq = read(root / "meek" / "eq1.blt", policy="as-cast")
    assert any(b.has_equal_rankings for b in eq.ballots)  # type: ignore[union-attr]
    assert read(root / "SCw.blt").withdrawn == read(root / "SCwopt.blt").withdrawn == {3}
    assert read(root / "42t.blt").tie_order == (2, 1, 0)
    assert read(root / "42ubom.blt") == read(root / "42u.blt")


def _check_preflib_folder(folders: list[str]) -> int:
    root = shared_path("preflib")
    checked = 0
    for folder in folders:
        for path in sorted((root / folder).glob("*.[st]o[ic]")):
            text = path.read_text(encoding="utf-8")
            profile = read(path)
            report = profile.validation
            assert report is not None and report.balances, path
            assert report.read == declared_voters(text), path
            assert len(profile.candidates) == int(text.split("# NUMBER ALTERNATIVES:")[1].split()[0])
            checked += 1
    return checked


def test_every_preflib_file_reads_with_its_declared_number_of_voters() -> None:
    """All 429 files, the 279 NSW ones included (about 4 CPU seconds for those)."""
    root = shared_path("preflib")
    folders = sorted(p.name for p in root.iterdir() if p.is_dir())
    assert _check_preflib_folder(folders) == 429


def test_preflib_overvotes_are_kept_as_cast_or_read_up_to_the_break() -> None:
    root = shared_path("preflib", "00019_oakland")
    path = root / "00019-00000004.toi"
    as_cast = read(path, policy="as-cast")
    assert any(b.has_equal_rankings for b in as_cast.ballots)  # type: ignore[union-attr]
    officer = read(path)
    assert officer.validation is not None
    assert officer.validation.read == as_cast.total_weight
    assert officer.validation.set_aside + officer.validation.repaired_total > 0


def test_scottish_files_written_and_read_back_are_equal() -> None:
    root = shared_path("scottish", "blt")
    paths = [
        *sorted(root.rglob("*.blt"))[::40],
        root / "5_cands" / "perth_kinross_2016_by_election_ward9.blt",
        root / "10_cands" / "aberdeenshire_2022_ward4.blt",
        root / "7_cands" / "glasgow_2022_ward22.blt",
    ]
    for path in paths:
        profile = read(path)
        for fmt in ("blt", "json", "csv", "toi"):
            assert loads(dumps(profile, fmt), fmt) == profile, (path.name, fmt)
