"""Load the official Scottish council count sheets and compare votecount's count with them.

The data live outside the project, in ``../shared/data/scottish`` (see its README): one BLT
file per ward, ``index.csv`` naming each ward's file and official elected set, and the
official count sheets transcribed by Gerry Mulvenna (``official/2017``, ``official/2022``:
one row per candidate with the total at every stage; ``official/2012``: one JSON file per
Edinburgh ward).

Three steps, each usable on its own from a REPL:

1. :func:`load_index` and :func:`load_sheets` read what the officials published.
2. :func:`map_candidates` pairs each official candidate with a candidate of the ballot file,
   by first preferences *and* by name, and says where the pairing is unsure rather than
   guess.
3. :func:`compare_ward` counts the ward with ``scottish-stv`` and compares the elected set
   and every stage total, to the last decimal, with the official sheet.

Nothing here changes how votecount counts: a difference is reported, never fitted.
"""

from __future__ import annotations

import csv
import json
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal

import attrs

# The pairing of names and the comparison to the places printed live in the library now
# (votecount.audit), which ``votecount audit`` uses; re-exported here for the tests.
from votecount.audit.figures import agrees_to_the_sheets_places as agrees_to_the_sheets_places
from votecount.audit.names import CandidateMap, map_candidates
from votecount.audit.names import name_letters as name_letters
from votecount.audit.names import name_score as name_score

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT.parent / "shared" / "data" / "scottish"
RULE = "scottish-stv"

DOCUMENTED: Mapping[str, str] = {
    "glasgow_2017_ward1": (
        "sheet typo (Glasgow 2017 Linn): Alan Digney's stage 3 total reads 393 for 303; the "
        "stage 3 column then adds up to 8,868, more than the 8,800 first preferences, and his "
        "stage 4 total (310) agrees with ours again"
    ),
    "midlothian_2017_ward1": (
        "sheet typo (Midlothian 2017 Penicuik): Joe Wallace's stage 3 total reads 832.84154, but "
        "the sheet's own stage 2 total plus its stage 3 transfer, 829.65834 + 3.18318, is "
        "832.84152, ours; his stage 4 total agrees with ours again"
    ),
    "east_dunbartonshire_2022_ward4": (
        "sheet copy error (East Dunbartonshire 2022 Bishopbriggs North and Campsie): Billy "
        "Hendry's stage 7 total repeats his stage 6 total (1596.76), though the sheet's own "
        "stage 7 transfer to him is +565.11706, exactly what ours gives"
    ),
    "south_ayrshire_2022_ward3": (
        "ballot file one paper short (South Ayrshire 2022 Ayr North, named in the data's "
        "README): Laura Brennan-Whitefield has 1,913 first preferences in the file, 1,914 on "
        "the sheet, so her surplus is 928 not 929 and every later figure moves a little"
    ),
    "edinburgh_2022_ward2": (
        "ballot file differs from the papers counted (Edinburgh 2022 Pentland Hills): in the "
        "file 3 of Graeme Bruce's surplus papers go next to Louis Rowlands (stage 2), and 16 and "
        "6 of Neil Gardiner's to Richard Fettes and Rowlands (stage 3), where the sheet gives "
        "them nothing; Rowlands' own papers give Fiona Glasgow 3 votes in the file, 6 on the "
        "sheet (stage 4). Every other transfer of the count agrees to five places"
    ),
}
"""Wards (by ballot file stem) whose comparison does not match, each with the reason, as
docs/verification.md explains with the evidence. Nothing else may differ."""

# ---------------------------------------------------------------------------------------
# What the officials published
# ---------------------------------------------------------------------------------------


@attrs.frozen
class WardEntry:
    """One row of ``index.csv`` that carries an official result."""

    ballot_file: str
    year: int
    title: str
    seats: int
    official_elected: tuple[int, ...]
    """The official elected set as 0-based indices into the ballot file's candidates."""
    official_ward: str
    official_source: str
    official_valid_poll: int | None
    official_quota: int | None
    checks: str
    notes: str

    @property
    def name(self) -> str:
        """A short name for the ward: the ballot file's stem (``aberdeen_2017_ward12``)."""
        return Path(self.ballot_file).stem

    @property
    def label(self) -> str:
        return f"{self.name} ({self.official_ward})"

    @property
    def ward_code(self) -> str:
        match = re.search(r"\((S\d+)\)\s*$", self.official_ward) or re.search(
            r"_(S\d+)_", self.official_source
        )
        if match is None:
            raise ValueError(f"no ward code in {self.official_ward!r} ({self.ballot_file})")
        return match.group(1)

    def path(self, data_dir: Path = DATA_DIR) -> Path:
        return data_dir / self.ballot_file

    def matches(self, pattern: str) -> bool:
        """Whether ``pattern`` (case-insensitive substring) names this ward."""
        needle = pattern.lower()
        return any(
            needle in text.lower()
            for text in (self.ballot_file, self.official_ward, self.title, self.ward_code)
        )


def _optional_int(text: str | int | None) -> int | None:
    text = "" if text is None else str(text).strip()
    return int(text) if text else None


def load_index(data_dir: Path = DATA_DIR) -> tuple[WardEntry, ...]:
    """Every ward of ``index.csv`` that has an official elected set (703 of 1,102)."""
    entries = []
    with (data_dir / "index.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not row["official_elected"].strip():
                continue
            entries.append(
                WardEntry(
                    ballot_file=row["ballot_file"],
                    year=int(row["year"]),
                    title=row["title"],
                    seats=int(row["seats"]),
                    official_elected=tuple(
                        int(i) - 1 for i in row["official_elected_blt_indices"].split(";")
                    ),
                    official_ward=row["official_ward"],
                    official_source=row["official_source"],
                    official_valid_poll=_optional_int(row["official_valid_poll"]),
                    official_quota=_optional_int(row["official_quota"]),
                    checks=row["checks"],
                    notes=row["notes"],
                )
            )
    return tuple(entries)


@attrs.frozen
class OfficialCandidate:
    """A candidate as the official sheet gives them.

    ``stages`` holds the candidate's total at each stage (stage 1 is the first preferences);
    it is empty when the sheet gives no figures (some 2022 councils published only who was
    elected).
    """

    name: str
    elected: bool
    status: str
    occurred_on_count: int | None
    stages: tuple[Decimal | None, ...]
    """``None`` marks a figure the transcription garbled (see :attr:`unreadable`)."""
    unreadable: tuple[tuple[int, str], ...] = ()
    """``(stage, text)`` for each stage total that is not a number in the source."""
    transfers: tuple[Decimal | None, ...] = ()
    """The sheet's "transfers" column for each stage (``None`` for stage 1 or where the
    sheet has none): what the candidate gained or lost at that stage. Not compared; used as
    the sheet's own evidence when one of its totals differs from ours."""

    @property
    def first_preferences(self) -> Decimal | None:
        return self.stages[0] if self.stages else None


@attrs.frozen
class OfficialSheet:
    """One ward's official count sheet."""

    year: int
    ward_code: str
    council: str
    ward_name: str
    source: str
    seats: int | None
    quota: int | None
    valid_poll: int | None
    candidates: tuple[OfficialCandidate, ...]

    @property
    def has_stages(self) -> bool:
        """Whether the sheet gives every candidate's total at every stage."""
        return bool(self.candidates) and all(c.stages for c in self.candidates)

    @property
    def n_stages(self) -> int:
        return max((len(c.stages) for c in self.candidates), default=0)


def _decimal(text: str | int | Decimal | None) -> Decimal | None:
    text = "" if text is None else str(text).strip()
    return Decimal(text) if text else None


def _figure(text: str) -> Decimal | None:
    """A stage total from a sheet; ``None`` when the transcription is not a number.

    Two cells of the 2022 file are not numbers (``462.466.26``, ``0.0.00000``); such a
    figure is left out of the comparison and reported, never guessed.
    """
    try:
        return _decimal(text)
    except ArithmeticError:
        return None


_CSV_FILES = {2017: "official/2017/council17-mulvenna-org.csv", 2022: "official/2022/council.csv"}


def _sheets_from_csv(path: Path, year: int) -> dict[str, OfficialSheet]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        stage_columns = sorted(
            (c for c in reader.fieldnames or () if re.fullmatch(r"total_votes\d+", c)),
            key=lambda c: int(c[len("total_votes") :]),
        )
        rows_by_ward: dict[str, list[dict[str, str]]] = {}
        for row in reader:
            rows_by_ward.setdefault(row["map_ward_id"], []).append(row)
    sheets = {}
    for code, rows in rows_by_ward.items():
        columns = ["first_prefs", *stage_columns]
        used = [c for c in columns if any(row[c].strip() for row in rows)]
        # A sheet's stages are the columns up to the last one anybody has a figure in.
        n_stages = columns.index(used[-1]) + 1 if used else 0
        candidates = []
        for row in rows:
            texts = [row[c] for c in columns[:n_stages]]
            if any(not t.strip() for t in texts):
                raise ValueError(f"{path}: blank stage total for {row['name']} in ward {code}")
            figures = tuple(_figure(t) for t in texts)
            candidates.append(
                OfficialCandidate(
                    name=row["name"],
                    elected=row["elected"].strip() == "1",
                    status=row["status"],
                    occurred_on_count=_optional_int(row["occurred_on_count"]),
                    stages=figures,
                    unreadable=tuple(
                        (s + 1, t) for s, (t, f) in enumerate(zip(texts, figures, strict=True)) if f is None
                    ),
                    transfers=(
                        None,
                        *(_figure(row.get(f"transfers{n:02d}") or "") for n in range(2, n_stages + 1)),
                    ),
                )
            )
        first = rows[0]
        sheets[code] = OfficialSheet(
            year=year,
            ward_code=code,
            council=first["council_id"],
            ward_name=first["ward_name"],
            source=str(path),
            seats=_optional_int(first["seats"]),
            quota=_optional_int(first["quota"]),
            valid_poll=_optional_int(first["valid_poll"]),
            candidates=tuple(candidates),
        )
    return sheets


def _sheet_from_json(path: Path, year: int, code: str) -> OfficialSheet:
    """An Edinburgh 2012 results file: one entry per candidate per count."""
    # Some figures are JSON numbers, some strings; parse_float keeps the numbers exact.
    data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)["Constituency"]
    info = data["countInfo"]
    by_candidate: dict[str, dict[int, dict[str, str]]] = {}
    for entry in data["countGroup"]:
        key = str(entry["Candidate_Id"])
        by_candidate.setdefault(key, {})[int(entry["Count_Number"])] = entry
    n_stages = max(n for counts in by_candidate.values() for n in counts)
    candidates = []
    for counts in by_candidate.values():
        first = counts[1]
        stages = []
        for n in range(1, n_stages + 1):
            entry = counts.get(n)
            total = _decimal(entry["Total_Votes"]) if entry else None
            # Once excluded, a candidate's later columns are left blank: they hold nothing.
            stages.append(total if total is not None else Decimal(0))
        last = counts[max(counts)]
        candidates.append(
            OfficialCandidate(
                name=f"{first['Firstname']} {first['Surname']}",
                elected=str(last["Status"] or "").strip() == "Elected",
                status=str(last["Status"] or ""),
                occurred_on_count=_optional_int(last["Occurred_On_Count"]),
                stages=tuple(stages),
            )
        )
    return OfficialSheet(
        year=year,
        ward_code=code,
        council="city-of-edinburgh",
        ward_name=info["Constituency_Name"],
        source=str(path),
        seats=_optional_int(info["Number_Of_Seats"]),
        quota=_optional_int(info["Quota"]),
        valid_poll=_optional_int(info["Valid_Poll"]),
        candidates=tuple(candidates),
    )


@cache
def load_sheets(data_dir: Path = DATA_DIR) -> Mapping[tuple[int, str], OfficialSheet]:
    """Every official sheet, keyed by ``(year, ward code)``: 2012 (Edinburgh), 2017, 2022."""
    sheets: dict[tuple[int, str], OfficialSheet] = {}
    for year, name in _CSV_FILES.items():
        for code, sheet in _sheets_from_csv(data_dir / name, year).items():
            sheets[(year, code)] = sheet
    for path in sorted((data_dir / "official" / "2012").glob("*_ResultsJson.json")):
        match = re.search(r"_(S\d+)_ResultsJson", path.name)
        if match:
            sheets[(2012, match.group(1))] = _sheet_from_json(path, 2012, match.group(1))
    return sheets


def sheet_for(entry: WardEntry, data_dir: Path = DATA_DIR) -> OfficialSheet:
    try:
        return load_sheets(data_dir)[(entry.year, entry.ward_code)]
    except KeyError:
        raise KeyError(f"no official sheet for {entry.label}") from None


# ---------------------------------------------------------------------------------------
# Pairing official candidates with the ballot file's
# ---------------------------------------------------------------------------------------




def first_preferences(profile: Any) -> list[int]:
    """Each candidate's first preferences in ``profile`` (a :class:`votecount.Profile`)."""
    totals = [0] * len(profile.candidates)
    for ballot in profile.ballots:
        if ballot.ranking:
            first = ballot.ranking[0]
            if not isinstance(first, int):
                raise ValueError(f"equal first preferences in {profile.title!r}: {ballot!r}")
            totals[first] += int(ballot.weight)
    return totals


def read_profile(entry: WardEntry, data_dir: Path = DATA_DIR) -> Any:
    """The ward's ballots, read by votecount's own BLT reader."""
    from votecount import formats

    return formats.read(entry.path(data_dir))


# ---------------------------------------------------------------------------------------
# One ward, with everything official expressed in the ballot file's candidates
# ---------------------------------------------------------------------------------------


@attrs.frozen
class OfficialWard:
    """A ward's official result in the ballot file's terms.

    ``stages[s][i]`` is the official total of ballot-file candidate ``i`` at stage ``s + 1``
    (only candidates the sheet lists and the mapping paired surely). It is empty when the
    sheet has no stage figures.
    """

    entry: WardEntry
    sheet: OfficialSheet
    mapping: CandidateMap
    blt_names: tuple[str, ...]
    blt_first: tuple[int, ...]
    elected_by_sheet: frozenset[int]
    stages: tuple[Mapping[int, Decimal], ...]
    """A garbled figure (see :attr:`OfficialCandidate.unreadable`) is simply absent."""
    transfers: tuple[Mapping[int, Decimal], ...] = ()
    """``transfers[s][i]``: the sheet's transfer column for candidate ``i`` at stage ``s + 1``."""


def candidate_lines(path: Path, n: int) -> tuple[str, ...]:
    """The ballot file's ``n`` candidate lines, as written, quotes and party labels included.

    In these files each candidate has a line of its own after the ballots' closing ``0``,
    whatever is on it (``Yvonne ALLAN (Lab)``, ``"Jamie COLE-HAMILTON" "Scottish Green
    Party"``). The pairing reads names from these lines rather than from the profile, so
    that it checks the count whatever a reader makes of the names.
    """
    lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    lines = [line for line in lines if line]
    end = lines.index("0", 1)
    found = tuple(lines[end + 1 : end + 1 + n])
    if len(found) != n:
        raise ValueError(f"{path}: {len(found)} candidate lines after the ballots, not {n}")
    return found


def display_name(line: str) -> str:
    """A candidate line without its BLT quotes (each double quote becomes a space)."""
    return " ".join(line.replace('"', " ").split())


def official_ward(entry: WardEntry, profile: Any, data_dir: Path = DATA_DIR) -> OfficialWard:
    """Everything the officials published about ``entry``, mapped onto ``profile``'s candidates.

    Candidates are paired by the first preferences counted from ``profile`` and by the names
    on the ballot file's own candidate lines (:func:`candidate_lines`).
    """
    sheet = sheet_for(entry, data_dir)
    names = tuple(display_name(x) for x in candidate_lines(entry.path(data_dir), len(profile.candidates)))
    firsts = tuple(first_preferences(profile))
    mapping = map_candidates(sheet.candidates, names, firsts)
    to_blt = {p.official_index: p.blt_index for p in mapping.pairings if p.sure and p.blt_index is not None}
    elected = frozenset(to_blt[o] for o, c in enumerate(sheet.candidates) if c.elected and o in to_blt)
    stages: list[dict[int, Decimal]] = []
    if sheet.has_stages:
        for s in range(sheet.n_stages):
            stages.append(
                {
                    to_blt[o]: figure
                    for o, c in enumerate(sheet.candidates)
                    if o in to_blt and (figure := c.stages[s]) is not None
                }
            )
    transfers: list[dict[int, Decimal]] = []
    if stages:
        for s in range(sheet.n_stages):
            transfers.append(
                {
                    to_blt[o]: figure
                    for o, c in enumerate(sheet.candidates)
                    if o in to_blt and s < len(c.transfers) and (figure := c.transfers[s]) is not None
                }
            )
    return OfficialWard(entry, sheet, mapping, names, firsts, elected, tuple(stages), tuple(transfers))


# ---------------------------------------------------------------------------------------
# Comparing a count with the sheet
# ---------------------------------------------------------------------------------------

StageVerdict = Literal[
    "match",  # same number of stages, every total equal to the last decimal
    "differ",  # some stage total differs
    "official has more stages",  # every common stage equal; the sheet goes on after ours stops
    "ours has more stages",  # every common stage equal; our count goes on after the sheet stops
    "no sheet",  # the officials published who was elected, but no stage figures
    "unsure mapping",  # the candidates could not be paired with certainty
    "error",  # the count raised an exception
]


@attrs.frozen
class StageDifference:
    """One candidate's total at one stage: ours and the sheet's."""

    stage: int
    candidate: str
    ours: Decimal | None
    official: Decimal | None
    sheet_arithmetic: Decimal | None = None
    """The sheet's own previous-stage total plus its transfer at this stage, where it gives
    both: when that agrees with ours and not with the sheet's total, the total is a typo."""

    def __str__(self) -> str:
        delta = ""
        if self.ours is not None and self.official is not None:
            delta = f" (ours {self.ours - self.official:+})"
        own = ""
        if self.sheet_arithmetic is not None:
            own = f"; the sheet's own previous total + transfer = {self.sheet_arithmetic}"
        return f"stage {self.stage}: {self.candidate}: ours {self.ours}, official {self.official}{delta}{own}"


@attrs.frozen
class WardComparison:
    """How votecount's count of one ward compares with the official result."""

    ward: str
    label: str
    year: int
    elected_ours: tuple[str, ...]
    elected_official: tuple[str, ...]
    elected_match: bool
    stage_verdict: StageVerdict
    our_stages: int
    official_stages: int
    first_difference: int | None
    differences: tuple[StageDifference, ...]
    """Every candidate that differs at the first differing stage."""
    our_descriptions: tuple[str, ...]
    notes: tuple[str, ...]
    error: str | None
    seconds: float
    """CPU time of the count itself (not of reading the file or pairing candidates)."""
    rounded: int = 0
    """Figures that agree only to the decimal places the sheet prints (fewer than five)."""
    cells: int = 0
    """Figures compared (candidates times stages, up to the first stage that differs)."""

    @property
    def stages_match(self) -> bool:
        return self.stage_verdict == "match"

    @property
    def has_stage_sheet(self) -> bool:
        return self.stage_verdict not in ("no sheet", "error") or self.official_stages > 0

    def summary(self) -> str:
        """One line: the ward and what differs."""
        parts = []
        if not self.elected_match:
            ours, theirs = ", ".join(self.elected_ours), ", ".join(self.elected_official)
            parts.append(f"elected differs: ours {ours}; official {theirs}")
        if self.error:
            parts.append(f"error: {self.error}")
        elif self.stage_verdict == "differ":
            first = self.differences[0] if self.differences else None
            parts.append(f"first differing stage {self.first_difference}: {first}")
        elif self.stage_verdict in ("official has more stages", "ours has more stages"):
            parts.append(f"{self.stage_verdict}: ours {self.our_stages}, official {self.official_stages}")
        elif self.stage_verdict == "unsure mapping":
            parts.append("stages not compared: " + "; ".join(self.notes))
        return f"{self.label}: " + ("; ".join(parts) or "matches")

    def detail(self) -> str:
        """A multi-line account: elected sets, stage counts, each difference, our stage names."""
        lines = [
            f"{self.label} [{self.year}]",
            f"  elected (ours):     {', '.join(self.elected_ours)}",
            f"  elected (official): {', '.join(self.elected_official)}",
            f"  elected set: {'match' if self.elected_match else 'DIFFERS'}",
            f"  stages: ours {self.our_stages}, official {self.official_stages}: {self.stage_verdict}",
        ]
        if self.error:
            lines.append(f"  error: {self.error}")
        lines += [f"  {d}" for d in self.differences]
        if self.rounded:
            lines.append(f"  {self.rounded} figures agree to the places the sheet prints, not to five")
        lines += [f"  note: {n}" for n in self.notes]
        lines += [f"  our stage {i}: {d}" for i, d in enumerate(self.our_descriptions, 1)]
        lines.append(f"  counted in {self.seconds:.3f} s of CPU")
        return "\n".join(lines)


@attrs.frozen
class StageComparison:
    """The verdict on two stage tables, the first stage that differs, and every candidate
    differing there; ``rounded`` counts the figures that agree only to the sheet's places."""

    verdict: StageVerdict
    first_difference: int | None = None
    differences: tuple[StageDifference, ...] = ()
    rounded: int = 0
    compared: int = 0
    """Figures compared (up to and including the first stage that differs)."""


def compare_stages(
    ours: Sequence[Mapping[int, Decimal]],
    official: Sequence[Mapping[int, Decimal]],
    names: Sequence[str],
) -> StageComparison:
    """Compare stage tables (each stage: ballot-file index -> total) candidate by candidate.

    Only candidates on the official sheet are compared (a sheet may be short a row). Each
    figure must agree to the last decimal the sheet prints (see
    :func:`agrees_to_the_sheets_places`). The verdict is ``"match"`` when both tables have
    the same stages and every figure agrees; otherwise the first stage that differs, with
    every candidate that differs there, or which side goes on after the common stages.
    """
    rounded = compared = 0
    for s in range(min(len(ours), len(official))):
        diffs = []
        for i in sorted(official[s]):
            compared += 1
            mine, theirs = ours[s].get(i), official[s][i]
            if mine == theirs:
                continue
            if mine is not None and agrees_to_the_sheets_places(mine, theirs):
                rounded += 1
                continue
            diffs.append(StageDifference(s + 1, names[i], mine, theirs))
        if diffs:
            return StageComparison("differ", s + 1, tuple(diffs), rounded, compared)
    if len(ours) == len(official):
        return StageComparison("match", None, (), rounded, compared)
    if len(official) > len(ours):
        return StageComparison("official has more stages", len(ours) + 1, (), rounded, compared)
    return StageComparison("ours has more stages", len(official) + 1, (), rounded, compared)


def our_stages(result: Any, profile: Any) -> list[dict[int, Decimal]]:
    """Our stage table from a :class:`votecount.Result`: ballot-file index -> votes."""
    index = {c: i for i, c in enumerate(profile.candidates)}
    return [
        {index[c]: Decimal(v) for c, v in stage.votes.items()} for stage in result.rounds
    ]


def _with_sheet_arithmetic(
    difference: StageDifference, official: OfficialWard, names: Sequence[str]
) -> StageDifference:
    """Add the sheet's own previous total plus transfer to a difference, where it gives both."""
    s = difference.stage - 1
    i = names.index(difference.candidate)
    if s < 1 or s >= len(official.transfers):
        return difference
    previous, transfer = official.stages[s - 1].get(i), official.transfers[s].get(i)
    if previous is None or transfer is None:
        return difference
    return attrs.evolve(difference, sheet_arithmetic=previous + transfer)


def _failed(entry: WardEntry, stage: str, exc: Exception, seconds: float = 0.0) -> WardComparison:
    return WardComparison(
        ward=entry.name,
        label=entry.label,
        year=entry.year,
        elected_ours=(),
        elected_official=(),
        elected_match=False,
        stage_verdict="error",
        our_stages=0,
        official_stages=0,
        first_difference=None,
        differences=(),
        our_descriptions=(),
        notes=(),
        error=f"{stage}: {type(exc).__name__}: {exc}",
        seconds=seconds,
    )


def compare_ward(entry: WardEntry, data_dir: Path = DATA_DIR) -> WardComparison:
    """Count ``entry``'s ward with ``scottish-stv`` and compare it with the official result.

    Never raises for a ward's own trouble: a file that cannot be read or a count that
    fails is reported as an ``"error"`` verdict with the exception's text.
    """
    import votecount

    try:
        profile = read_profile(entry, data_dir)
        official = official_ward(entry, profile, data_dir)
    except Exception as exc:
        return _failed(entry, "reading", exc)
    names = official.blt_names
    notes = list(official.mapping.notes)
    notes += [
        f"{c.name}: the sheet's stage {stage} total is not a number ({text!r}); not compared"
        for c in official.sheet.candidates
        for stage, text in c.unreadable
    ]
    elected_official = tuple(names[i] for i in entry.official_elected)
    if official.elected_by_sheet and official.elected_by_sheet != frozenset(entry.official_elected):
        notes.append(
            "index.csv and the sheet's elected column disagree: sheet "
            + ", ".join(names[i] for i in sorted(official.elected_by_sheet))
        )
    started = time.process_time()
    try:
        result = votecount.count(profile, RULE)
    except Exception as exc:
        return _failed(entry, "counting", exc, time.process_time() - started)
    seconds = time.process_time() - started
    if official.sheet.quota is not None and result.quota is not None and result.quota != official.sheet.quota:
        notes.append(f"quota differs: ours {result.quota}, official {official.sheet.quota}")
    index = {c: i for i, c in enumerate(profile.candidates)}
    ours_elected = tuple(index[c] for c in result.elected)
    elected_match = frozenset(ours_elected) == frozenset(entry.official_elected)
    ours = our_stages(result, profile)
    verdict: StageVerdict
    first: int | None = None
    diffs: tuple[StageDifference, ...] = ()
    rounded = cells = 0
    if not official.stages:
        verdict = "no sheet"
    elif not official.mapping.sure:
        verdict = "unsure mapping"
        notes += official.mapping.problems
    else:
        compared = compare_stages(ours, official.stages, names)
        verdict, first, diffs = compared.verdict, compared.first_difference, compared.differences
        diffs = tuple(_with_sheet_arithmetic(d, official, names) for d in diffs)
        rounded, cells = compared.rounded, compared.compared
    return WardComparison(
        ward=entry.name,
        label=entry.label,
        year=entry.year,
        elected_ours=tuple(names[i] for i in ours_elected),
        elected_official=elected_official,
        elected_match=elected_match,
        stage_verdict=verdict,
        our_stages=len(ours),
        official_stages=len(official.stages),
        first_difference=first,
        differences=diffs,
        our_descriptions=tuple(r.description for r in result.rounds),
        notes=tuple(notes),
        error=None,
        seconds=seconds,
        rounded=rounded,
        cells=cells,
    )


def select(entries: Iterable[WardEntry], pattern: str | None) -> list[WardEntry]:
    """The wards ``pattern`` names: the one whose ballot file stem it is, else every ward it
    matches (see :meth:`WardEntry.matches`); all of them when ``pattern`` is ``None``."""
    entries = list(entries)
    if pattern is None:
        return entries
    exact = [e for e in entries if e.name == pattern]
    return exact or [e for e in entries if e.matches(pattern)]
