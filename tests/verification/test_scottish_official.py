"""votecount's Scottish STV against the official count sheets of Scottish council wards.

The loader and the candidate pairing are checked on their own first (they need only the
data and the BLT reader); then a handful of wards are counted end to end on every run; the
sweeps over all 703 wards' ballot files are marked ``slow`` (``python -m pytest -m slow``;
the same count, with a report, is ``python benchmarks/verify_scottish.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import scottish_official as so

from helpers import shared_path


@pytest.fixture(scope="module")
def data_dir() -> Path:
    return shared_path("scottish")


@pytest.fixture(scope="module")
def entries(data_dir: Path) -> tuple[so.WardEntry, ...]:
    return so.load_index(data_dir)


def _entry(entries: tuple[so.WardEntry, ...], name: str) -> so.WardEntry:
    (entry,) = [e for e in entries if e.name == name]
    return entry


def _needs_reader() -> None:
    pytest.importorskip("votecount.formats", reason="the BLT reader (votecount.formats) is not on main yet")


def _needs_engine() -> None:
    _needs_reader()
    from votecount.rules import RULES

    if so.RULE not in RULES:
        pytest.skip(f"rule {so.RULE!r} is not registered yet (known: {', '.join(sorted(RULES))})")


# --- what the officials published ------------------------------------------------------


def test_index_has_the_703_official_wards(entries: tuple[so.WardEntry, ...]) -> None:
    assert len(entries) == 703
    assert Counter(e.year for e in entries) == {2012: 5, 2017: 351, 2022: 347}
    for e in entries:
        assert len(e.official_elected) == e.seats, e.label
        assert len(set(e.official_elected)) == e.seats, e.label


def test_every_official_ward_has_its_sheet(entries: tuple[so.WardEntry, ...], data_dir: Path) -> None:
    for e in entries:
        sheet = so.sheet_for(e, data_dir)
        assert sheet.year == e.year
        assert sum(c.elected for c in sheet.candidates) == e.seats, e.label


def test_sheets_with_stage_figures(entries: tuple[so.WardEntry, ...], data_dir: Path) -> None:
    """670 of the 698 wards of 2017 and 2022 give every stage; the 28 others none at all."""
    without = sorted(e.name for e in entries if not so.sheet_for(e, data_dir).has_stages)
    assert len(without) == 28
    councils = Counter(e.split("_20")[0] for e in without)
    assert councils == {"eilean_siar": 8, "north_ayrshire": 9, "orkney": 6, "shetland": 5}
    assert all(so.sheet_for(e, data_dir).has_stages for e in entries if e.year == 2012)


def test_a_sheet_reads_exactly(entries: tuple[so.WardEntry, ...], data_dir: Path) -> None:
    """Aberdeen 2022 Dyce/Bucksburn/Danestone: figures as printed, 2022's dropped zeros kept exact."""
    sheet = so.load_sheets(data_dir)[(2022, "S13002835")]
    crockett = next(c for c in sheet.candidates if c.name == "Barney Crockett")
    assert crockett.stages[0] == 1174
    assert crockett.stages[1] == Decimal("1184.77224")
    assert crockett.stages[-1] == Decimal("1408.35")
    assert sheet.quota == 1320
    assert sheet.n_stages == 7


def test_edinburgh_2012_json_sheet(data_dir: Path) -> None:
    sheet = so.load_sheets(data_dir)[(2012, "S13002919")]
    assert sheet.n_stages == 7 and sheet.quota == 2091
    shields = next(c for c in sheet.candidates if c.name.endswith("SHIELDS"))
    assert shields.stages[0] == 1329 and shields.stages[-1] == Decimal("2425.8172")
    inglis = next(c for c in sheet.candidates if c.name.endswith("INGLIS"))
    assert inglis.stages[3:] == (0, 0, 0, 0)  # blank after exclusion means nothing held


def test_garbled_official_figures_are_reported_not_guessed(data_dir: Path) -> None:
    garbled = [
        (key, c.name, c.unreadable)
        for key, sheet in so.load_sheets(data_dir).items()
        for c in sheet.candidates
        if c.unreadable
    ]
    assert garbled == [((2022, "S13002904"), "Elizabeth Rowan", ((2, "462.466.26"),))]


def test_stage_columns_conserve_votes(data_dir: Path) -> None:
    """No stage's column adds up to more than the first preferences (votes only leave, as
    non-transferable or lost to fractions), and the first preferences add up to the valid
    poll the sheet states. Two sheets break this, and are transcription defects:

    - East Dunbartonshire 2017 Bearsden North states a valid poll of 7,034, but its first
      preferences add up to 7,035 (as the ballot file's papers do);
    - Aberdeenshire 2022 Fraserburgh and District lists 6 of its 7 candidates: the missing
      one (John McColl) had 43 first preferences;
    - Glasgow 2017 Linn, stage 3 (the exclusion of Max Brodie, 70 votes): the column adds up
      to 8,868, 68 more than the 8,800 first preferences; Alan Digney goes 293 -> 393.
    """
    poll_differences = {}
    excess = {}
    for sheet in so.load_sheets(data_dir).values():
        if not sheet.has_stages:
            continue
        first = sum(c.stages[0] or 0 for c in sheet.candidates)
        if sheet.valid_poll is not None and first != sheet.valid_poll:
            poll_differences[(sheet.year, sheet.ward_name)] = first - sheet.valid_poll
        for s in range(1, sheet.n_stages):
            column = [c.stages[s] for c in sheet.candidates]
            total = sum(x for x in column if x is not None)
            if None not in column and total > first:
                excess[(sheet.year, sheet.ward_name, s + 1)] = total - first
    assert poll_differences == {(2017, "Bearsden North"): 1, (2022, "Fraserburgh and District"): -43}
    assert excess == {(2017, "Linn", 3): 68}


# --- pairing official candidates with the ballot file's --------------------------------


def _official(*rows: tuple[str, int | None]) -> list[so.OfficialCandidate]:
    return [
        so.OfficialCandidate(name, False, "", None, () if fp is None else (Decimal(fp),))
        for name, fp in rows
    ]


def test_name_letters_survives_the_files_quirks() -> None:
    assert so.name_letters('""" St ew ar t AD AM S"" "" Scottish Conservative"" "').startswith("stewartadams")
    assert so.name_letters("OisÃ­n") == "oisin"
    assert so.name_letters("Ren\ufffde SLATER") == "ren?eslater"
    assert so.name_letters('"Lab ""JEAN MORRISON"" "') == "labjeanmorrison"


@pytest.mark.parametrize(
    ("official", "blt"),
    [
        ("Yvonne Allan", "Yvonne ALLAN (Lab)"),
        ("Stewart Adams", '""" St ew ar t AD AM S"" "" Scottish Conservative and Unionist"" "'),
        ("Jean Morrison", '"Lab ""JEAN MORRISON"" "'),
        ("Leòdhas Iain Massie", '"LeÃ³dhas Iain MASSIE ""Scottish Greens"""'),
        ("Renée Slater", "Ren\ufffd\ufffde SLATER (Grn)"),
    ],
)
def test_name_score_pairs_the_same_person(official: str, blt: str) -> None:
    assert so.name_score(official, blt) >= 0.7


def test_name_score_reads_shortened_given_names() -> None:
    official = "Kenneth John Baillie Stewart Macleod"
    assert so.name_score(official, "KEN MACLEOD (LD)") > so.name_score(official, "Angus MACLEOD (SNP)")
    chris = "Christopher Young"
    assert so.name_score(chris, "Chris YOUNG (LD)") > so.name_score(chris, "Ann YOUNG")


def test_name_score_tells_apart_three_macleods() -> None:
    blt = ['"DONALD JOHN MACLEOD"', '"FINLAY JOHN MACLEOD"', '"JOHN NORMAN MACLEOD"']
    names = ("John Norman Macleod", "Donald John Macleod", "Finlay John Macleod")
    official = _official(*((name, None) for name in names))
    mapping = so.map_candidates(official, blt, None)
    assert mapping.sure
    assert [p.blt_index for p in mapping.pairings] == [2, 0, 1]


def test_first_preferences_decide_and_names_confirm() -> None:
    mapping = so.map_candidates(
        _official(("Robert Bulloch", 300), ("Ann Smith", 500)),
        ["Ann SMITH (SNP)", "Bobby BULLOCH (Grn)"],
        [500, 300],
    )
    assert mapping.sure
    assert mapping.blt_of() == {0: 1, 1: 0}


def test_conflicting_evidence_is_reported_not_guessed() -> None:
    # The names say one pairing, the first preferences the other: unsure.
    mapping = so.map_candidates(
        _official(("Ann Smith", 300), ("Bob Jones", 500)),
        ["Ann SMITH (SNP)", "Bob JONES (Lab)"],
        [500, 300],
    )
    assert not mapping.sure
    assert len(mapping.problems) == 2


def test_a_sheet_short_of_a_candidate_is_noted() -> None:
    mapping = so.map_candidates(_official(("Ann Smith", 300)), ["Ann SMITH", "Bob JONES"], [300, 200])
    assert mapping.sure
    assert mapping.unmatched_blt == (1,)
    assert "not on the official sheet" in mapping.notes[0]


def _two_strings_per_line(entry: so.WardEntry, data_dir: Path) -> bool:
    """Whether the file gives its candidates as ``"Name" "Party"`` (two quoted strings a line)."""
    lines = so.candidate_lines(entry.path(data_dir), entry_candidates(entry, data_dir))
    return any(re.fullmatch(r'"[^"]+"\s+"[^"]*"', line) for line in lines)


def entry_candidates(entry: so.WardEntry, data_dir: Path) -> int:
    first = entry.path(data_dir).read_text(encoding="utf-8", errors="replace").split(None, 1)[0]
    return int(first.split(",")[0])


def _pairs_surely(entry: so.WardEntry, data_dir: Path) -> None:
    profile = so.read_profile(entry, data_dir)
    sheet = so.sheet_for(entry, data_dir)
    names = [c.name for c in profile.candidates]
    mapping = so.map_candidates(sheet.candidates, names, so.first_preferences(profile))
    assert mapping.sure, (entry.label, names)


# One ward of each of the five councils whose 2022 files give ``"Name" "Party"`` a line.
TWO_STRINGS_A_LINE = (
    "aberdeenshire_2022_ward4",
    "falkirk_2022_ward1",
    "south_ayrshire_2022_ward3",  # also one first preference short of the sheet
    "west_dunbartonshire_2022_ward1",
    "west_lothian_2022_ward4",
)


@pytest.mark.parametrize("name", TWO_STRINGS_A_LINE)
def test_sampled_candidate_lines_with_a_party_string_read_as_one_candidate(
    entries: tuple[so.WardEntry, ...], data_dir: Path, name: str
) -> None:
    _needs_reader()
    entry = _entry(entries, name)
    assert _two_strings_per_line(entry, data_dir)
    _pairs_surely(entry, data_dir)


@pytest.mark.slow
def test_candidate_lines_with_a_party_string_read_as_one_candidate(
    entries: tuple[so.WardEntry, ...], data_dir: Path
) -> None:
    """All 703 wards' candidate lines scanned; the 49 with a party string each pair surely."""
    _needs_reader()
    affected = [e for e in entries if _two_strings_per_line(e, data_dir)]
    assert len(affected) == 49
    assert {e.name for e in affected} >= set(TWO_STRINGS_A_LINE)
    for e in affected:
        _pairs_surely(e, data_dir)


QUIRKY = (
    "aberdeenshire_2022_ward1",  # broken spacing: St ew ar t AD AM S
    "aberdeenshire_2022_ward3",  # the sheet lists 6 of 7 candidates
    "east_dunbartonshire_2017_ward2",  # the sheet's valid poll is one short
    "eilean_siar_2022_ward7",  # no first preferences on the sheet; three ... John Macleods
    "glasgow_2022_ward2",  # double-encoded UTF-8
    "east_dunbartonshire_2022_ward1",  # U+FFFD in a party name
    "edinburgh_2012_ward1",  # 2012 JSON sheet
    "renfrewshire_2022_ward3",  # converted from Mollison's files
    "aberdeen_2017_ward12",
)


@pytest.mark.parametrize("name", QUIRKY)
def test_quirky_wards_pair_surely(entries: tuple[so.WardEntry, ...], data_dir: Path, name: str) -> None:
    """The wards whose files or sheets are odd pair every candidate without doubt."""
    _needs_reader()
    entry = _entry(entries, name)
    ward = so.official_ward(entry, so.read_profile(entry, data_dir), data_dir)
    assert ward.mapping.sure, ward.mapping.problems
    assert ward.elected_by_sheet == frozenset(entry.official_elected)


@pytest.mark.slow
def test_every_ward_pairs_surely_and_first_preferences_agree(
    entries: tuple[so.WardEntry, ...], data_dir: Path
) -> None:
    """All 703 wards: every official candidate paired without doubt (by the ballot file's
    candidate lines and the first preferences the reader counts), the sheet's elected column
    giving index.csv's elected set, and the ballot file's first preferences equal to the
    sheet's, except the data defects its README names.
    """
    _needs_reader()
    first_pref_differences = {}
    missing_from_sheet = {}
    valid_poll_differences = {}
    for e in entries:
        profile = so.read_profile(e, data_dir)
        ward = so.official_ward(e, profile, data_dir)
        assert ward.mapping.sure, (e.label, ward.mapping.problems)
        assert ward.elected_by_sheet == frozenset(e.official_elected), e.label
        for p in ward.mapping.pairings:
            if p.first_preferences_agree is False:
                first_pref_differences[e.name] = (p.official, p.blt_first, p.official_first)
        if ward.mapping.unmatched_blt:
            missing_from_sheet[e.name] = [ward.blt_names[i] for i in ward.mapping.unmatched_blt]
        if ward.stages and ward.sheet.valid_poll is not None:
            valid_poll_differences[e.name] = profile.total_weight - ward.sheet.valid_poll
    # South Ayrshire 2022 Ayr North: the ballot file has one first preference fewer.
    assert first_pref_differences == {"south_ayrshire_2022_ward3": ("Laura Brennan-Whitefield", 1913, 1914)}
    # Aberdeenshire 2022 Fraserburgh: the sheet lists 6 of the 7 candidates.
    assert list(missing_from_sheet) == ["aberdeenshire_2022_ward3"]
    assert "John MCCOLL" in missing_from_sheet["aberdeenshire_2022_ward3"][0]
    # The ballot files hold exactly the valid poll the sheet states, but for these two.
    assert {k: v for k, v in valid_poll_differences.items() if v} == {
        "east_dunbartonshire_2017_ward2": +1,
        "south_ayrshire_2022_ward3": -1,
    }


# --- the count against the sheets ------------------------------------------------------

REPRESENTATIVE = {
    "aberdeen_2017_ward12": "2017, 10 candidates, 9 stages; the sheet prints some totals to 2 places",
    "edinburgh_2012_ward1": "2012 Edinburgh, JSON sheet; ends by excluding one of the last two",
    "glasgow_2022_ward2": "2022 Glasgow, double-encoded UTF-8 names",
    "renfrewshire_2022_ward1": "2022, ballots converted from Denis Mollison's files",
    "highland_2017_ward10": "2017 Highland, 5 dp sheet, nicknamed candidate (Ken Macleod)",
}


@pytest.mark.parametrize("name", sorted(REPRESENTATIVE))
def test_representative_wards_match_their_sheets(
    entries: tuple[so.WardEntry, ...], data_dir: Path, name: str
) -> None:
    """A handful of wards counted end to end on every run: elected set and every stage."""
    _needs_engine()
    comparison = so.compare_ward(_entry(entries, name), data_dir)
    assert comparison.error is None, comparison.error
    assert comparison.elected_match, comparison.detail()
    assert comparison.stage_verdict == "match", comparison.detail()
    assert comparison.cells > 0
    assert not comparison.notes, comparison.notes  # the quota, among others, agrees


def test_a_documented_mismatch_is_reported_with_its_stage(
    entries: tuple[so.WardEntry, ...], data_dir: Path
) -> None:
    """The comparer finds a sheet's typo where it is: Linn 2017, stage 3, Alan Digney."""
    _needs_engine()
    comparison = so.compare_ward(_entry(entries, "glasgow_2017_ward1"), data_dir)
    assert comparison.elected_match
    assert comparison.stage_verdict == "differ" and comparison.first_difference == 3
    (difference,) = comparison.differences
    assert "DIGNEY" in difference.candidate
    assert (difference.ours, difference.official) == (Decimal(303), Decimal(393))
    assert difference.sheet_arithmetic == 303  # the sheet's own 293 + 10: its 393 is a typo


def test_sheet_precision_is_the_sheets_last_decimal() -> None:
    assert so.agrees_to_the_sheets_places(Decimal("1324.15070"), Decimal("1324.15"))
    assert so.agrees_to_the_sheets_places(Decimal("1001.35590"), Decimal("1001.36"))
    assert not so.agrees_to_the_sheets_places(Decimal("1001.35590"), Decimal("1001.35591"))
    assert not so.agrees_to_the_sheets_places(Decimal("1533.20000"), Decimal("1533"))
    assert not so.agrees_to_the_sheets_places(Decimal("303"), Decimal("393"))


def test_stage_tables_that_stop_at_different_stages() -> None:
    a = [{0: Decimal(5)}, {0: Decimal(6)}]
    assert so.compare_stages(a, a[:1], ["A"]).verdict == "ours has more stages"
    assert so.compare_stages(a[:1], a, ["A"]).verdict == "official has more stages"
    assert so.compare_stages(a, a, ["A"]).verdict == "match"
    differ = so.compare_stages(a, [{0: Decimal(5)}, {0: Decimal(7)}], ["A"])
    assert (differ.verdict, differ.first_difference) == ("differ", 2)


@pytest.mark.slow
def test_every_ward_matches_its_official_result(
    entries: tuple[so.WardEntry, ...], data_dir: Path
) -> None:
    """All 703 wards: the elected set, and for 2012, 2017 and 2022 every stage total, match
    the official result, except the wards of ``so.DOCUMENTED``, which must still differ (so
    that a stale exception is noticed), each for the reason given there:

    - glasgow_2017_ward1: sheet typo, 393 for 303;
    - midlothian_2017_ward1: sheet typo, 832.84154 for 832.84152;
    - east_dunbartonshire_2022_ward4: sheet repeats a stage 6 total at stage 7;
    - south_ayrshire_2022_ward3: ballot file one first preference short;
    - edinburgh_2022_ward2: ballot file differs from the papers counted in a few papers.
    """
    _needs_engine()
    results = [so.compare_ward(e, data_dir) for e in entries]
    assert all(r.elected_match for r in results), [r.summary() for r in results if not r.elected_match]
    mismatched = {r.ward for r in results if r.stage_verdict not in ("match", "no sheet")}
    assert mismatched == set(so.DOCUMENTED), [
        r.summary() for r in results if (r.ward in mismatched) != (r.ward in so.DOCUMENTED)
    ]
    assert sum(r.stage_verdict == "no sheet" for r in results) == 28
    assert not [r.summary() for r in results if any("quota differs" in note for note in r.notes)]
