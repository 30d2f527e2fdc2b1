"""Every real ballot file in ../shared/data reads, and its totals match the published ones."""

from __future__ import annotations

import csv

from conftest import shared_path
from votecount.formats import dumps, loads, read


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
