"""Labour's plurality-era counts reproduced: the published winners, in order, from the figures.

Figures are those of ../shared/rules/counting-rules.md section 1 (LabourList 2014, 2016 and
2020; Left Futures 2012 for the NPF). Each count is run twice: from the published vote
totals, and from a generated set of ballot papers whose marks add up to those totals
exactly (see :func:`papers_for_totals`), and those papers are also written to a plurality CSV
file, with the genders in a constraint file beside it, read back and counted, from Python and
from the command line. The assertions are the published outcomes.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import pytest

import votecount
from votecount import Candidate, PluralityBallot, Profile
from votecount.constraints import Constraint

# name -> (gender as published, or "" where the source gives none; votes)
NEC_2014 = {
    "Livingstone": ("M", 39_548),
    "Black": ("F", 36_496),
    "Reeves": ("F", 31_278),
    "Shawcroft": ("F", 29_558),
    "Osamor": ("F", 28_484),
    "Baxter": ("F", 24_325),
    "Willsman": ("M", 23_362),
    "Williams": ("M", 21_307),
    "Akehurst": ("M", 21_115),
    "Nosegbe": ("F", 19_174),
    "Wheeler": ("M", 18_724),
    "Peel": ("M", 17_830),
    "Flintoff": ("M", 12_539),
}
NEC_2014_ELECTED = ["Livingstone", "Black", "Reeves", "Shawcroft", "Osamor", "Baxter"]

NEC_2016 = {
    "Black": ("F", 100_999),
    "Shawcroft": ("F", 97_510),
    "Webbe": ("F", 92_377),
    "D. Williams": ("M", 87_003),
    "Wolfson": ("F", 85_687),
    "Willsman": ("M", 81_863),
    "Reeves": ("F", 72_514),
    "Izzard": ("", 70_993),
    "Bailey": ("F", 67_205),
    "Baxter": ("F", 60_367),
    "Dhanda": ("M", 53_838),
    "Akehurst": ("M", 48_632),
    "Wheeler": ("M", 44_062),
    "Gallagher": ("M", 22_678),
    "Gul": ("M", 14_693),
}
NEC_2016_ELECTED = ["Black", "Shawcroft", "Webbe", "D. Williams", "Wolfson", "Willsman"]

NEC_2020_BY_ELECTION = {
    "Josan": ("M", 57_361),
    "Baxter": ("F", 57_181),
    "Townsend": ("F", 56_929),
    "Bird": ("", 46_150),
    "Drennan": ("", 30_021),
    "Wright": ("", 25_008),
    "Sherriff": ("", 21_088),
    "T. Williams": ("", 10_826),
    "Apps": ("", 10_071),
    "Hobson": ("", 8_974),
    "Webb": ("", 8_413),
    "Dent": ("", 7_420),
    "Ellison": ("", 6_322),
    "Collins": ("", 5_669),
    "Middleton": ("", 4_582),
    "Sutton": ("", 4_248),
    "Johnston": ("", 3_947),
    "Owladi": ("", 2_459),
}
NEC_2020_ELECTED = ["Josan", "Baxter"]

NPF_2012_EAST_MIDLANDS = {
    "Furlong": ("M", 2_399),
    "Glover": ("M", 2_096),
    "Brookfield": ("F", 2_010),
    "Mohammed": ("M", 1_931),
    "Elliott": ("F", 1_473),
    "Lowe": ("F", 1_382),
    "Farnsworth": ("F", 1_363),
    "Morgan": ("F", 1_304),
}
NPF_2012_ELECTED = ["Furlong", "Glover", "Brookfield", "Elliott"]

# (figures, seats, marks allowed, minimum of women under Labour's 50% rule, published winners)
COUNTS = {
    "NEC 2014": (NEC_2014, 6, 6, 3, NEC_2014_ELECTED),
    "NEC 2016": (NEC_2016, 6, 6, 3, NEC_2016_ELECTED),
    "NEC April 2020 by-election": (NEC_2020_BY_ELECTION, 2, 2, 1, NEC_2020_ELECTED),
    "NPF 2012 East Midlands": (NPF_2012_EAST_MIDLANDS, 4, 4, 2, NPF_2012_ELECTED),
}


def candidates_of(figures: Mapping[str, tuple[str, int]]) -> list[Candidate]:
    return [Candidate(name, attributes={"gender": g} if g else {}) for name, (g, _) in figures.items()]


def women(n: int) -> list[Constraint]:
    return [Constraint("gender", "F", at_least=n)]


def papers_for_totals(totals: list[int], marks: int) -> list[PluralityBallot]:
    """Ballot papers, each marking at most ``marks`` distinct candidates, that add up to ``totals``.

    Lay every candidate's votes end to end, candidate after candidate, and deal them round
    ``P = max(max(totals), ceil(sum(totals) / marks))`` papers like cards: vote number ``v``
    goes on paper ``v mod P``. No paper gets more than ``marks`` votes (there are at most
    ``P * marks`` votes), and no paper gets two of one candidate's votes (a candidate's run
    of at most ``P`` consecutive votes lands on distinct papers). Papers between two places
    where a run starts or ends are identical, so they are returned grouped, with weights.
    """
    if not totals or sum(totals) == 0:
        return []
    size = max(max(totals), -(-sum(totals) // marks))
    runs: list[tuple[int, int, int]] = []  # candidate, first vote number, one past the last
    start = 0
    for candidate, total in enumerate(totals):
        runs.append((candidate, start, start + total))
        start += total
    cuts = sorted({0, size} | {v % size for _, a, b in runs for v in (a, b)})
    papers = []
    for first, stop in itertools.pairwise(cuts):
        marked = set()
        for candidate, a, b in runs:
            # the smallest vote number at or after a that lands on paper ``first``
            v = a + (first - a) % size
            if v < b:
                marked.add(candidate)
        papers.append(PluralityBallot(marked, stop - first))
    return papers


def test_the_generated_papers_add_up_and_respect_the_marks_allowed():
    totals = [7, 7, 5, 3, 1]
    papers = papers_for_totals(totals, 3)
    tally: Counter[int] = Counter()
    for paper in papers:
        assert 1 <= len(paper.marks) <= 3
        for c in paper.marks:
            tally[c] += paper.weight
    assert [tally[c] for c in range(5)] == totals
    assert sum(p.weight for p in papers) == 8  # ceil(23 / 3)


@pytest.mark.parametrize("label", COUNTS)
def test_generated_papers_for_the_published_figures_add_up(label):
    figures, _, marks, _, _ = COUNTS[label]
    totals = [v for _, v in figures.values()]
    papers = papers_for_totals(totals, marks)
    tally: Counter[int] = Counter()
    for paper in papers:
        assert 1 <= len(paper.marks) <= marks
        for c in paper.marks:
            tally[c] += paper.weight
    assert [tally[c] for c in range(len(totals))] == totals


def profile_from_totals(figures: Mapping[str, tuple[str, int]]) -> Profile:
    return Profile.from_totals(
        dict(zip(candidates_of(figures), (v for _, v in figures.values()), strict=True))
    )


def profile_from_papers(figures: Mapping[str, tuple[str, int]], marks: int) -> Profile:
    """Generated papers, plus 250 blank papers and 400 marking one candidate too many."""
    totals = [v for _, v in figures.values()]
    spoilt = PluralityBallot(range(marks + 1), 400) if len(figures) > marks else None
    papers = [*papers_for_totals(totals, marks), PluralityBallot((), 250)]
    if spoilt:
        papers.append(spoilt)
    return Profile(candidates_of(figures), papers)


@pytest.mark.parametrize("label", COUNTS)
@pytest.mark.parametrize("source", ["totals", "papers"])
def test_the_published_winners_are_elected_in_order(label, source):
    figures, seats, marks, minimum, published = COUNTS[label]
    profile = profile_from_totals(figures) if source == "totals" else profile_from_papers(figures, marks)
    result = votecount.count(profile, "block", seats=seats, constraints=women(minimum))
    assert [c.name for c in result.elected] == published
    assert {c.name: v for c, v in result.totals.items()} == {n: v for n, (_, v) in figures.items()}
    if source == "papers":
        assert result.validation.rejected == {"blank paper": 250, "more marks than allowed": 400}
        assert result.validation.read == result.valid_poll + 650


@pytest.mark.parametrize("label", ["NEC 2014", "NEC 2016", "NEC April 2020 by-election"])
def test_the_gender_rule_did_not_bind_in_the_nec_counts(label):
    figures, seats, _, minimum, published = COUNTS[label]
    profile = profile_from_totals(figures)
    free = votecount.count(profile, "block", seats=seats)
    bound = votecount.count(profile, "block", seats=seats, constraints=women(minimum))
    assert [c.name for c in free.elected] == published
    assert bound.elected == free.elected
    assert not any(e.action == "not elected" for e in bound.rounds[0].events)


def test_npf_2012_the_womens_minimum_skips_mohammed_and_elects_elliott():
    profile = profile_from_totals(NPF_2012_EAST_MIDLANDS)
    result = votecount.count(profile, "block", seats=4, constraints=women(2))
    events = {e.candidate.name: e for e in result.rounds[0].events}
    assert events["Mohammed"].action == "not elected"
    assert "at least 2 of gender=F" in events["Mohammed"].reason
    assert events["Elliott"].action == "elected"
    assert events["Elliott"].reason == "5th highest vote"
    # without the quota, as the source says, the seat would have gone to Mohammed
    free = votecount.count(profile, "block", seats=4)
    assert [c.name for c in free.elected] == ["Furlong", "Glover", "Brookfield", "Mohammed"]


# -- through a ballot file and back --------------------------------------------------------


def constraint_toml(figures: Mapping[str, tuple[str, int]], minimum: int) -> str:
    """The constraint file a returning officer would put beside the ballots."""
    lines = ["[candidates]"]
    lines += [f'"{name}" = {{ gender = "{g}" }}' for name, (g, _) in figures.items() if g]
    lines += ["", "[[constraint]]", 'attribute = "gender"', 'value = "F"', f"at_least = {minimum}"]
    return "\n".join(lines) + "\n"


def write_election(tmp_path, label: str) -> tuple[str, str]:
    """A plurality CSV of the generated papers (no attributes in it) and its constraint file."""
    from votecount.formats import write

    figures, _, marks, minimum, _ = COUNTS[label]
    slug = label.lower().replace(" ", "-")
    plain = Profile([Candidate(n) for n in figures], profile_from_papers(figures, marks).ballots)
    ballots, rules = tmp_path / f"{slug}.csv", tmp_path / f"{slug}.toml"
    write(plain, ballots)
    rules.write_text(constraint_toml(figures, minimum), encoding="utf-8")
    return str(ballots), str(rules)


@pytest.mark.parametrize("label", COUNTS)
def test_the_published_winners_from_a_ballot_file_and_a_constraint_file(tmp_path, label):
    from votecount.constraint_files import apply_attributes, load_constraint_file
    from votecount.formats import read

    figures, seats, _, _, published = COUNTS[label]
    ballots, rules = write_election(tmp_path, label)
    attributes, constraints = load_constraint_file(rules)
    profile = apply_attributes(read(ballots), attributes)
    result = votecount.count(profile, "block", seats=seats, constraints=constraints)
    assert [c.name for c in result.elected] == published
    assert {c.name: v for c, v in result.totals.items()} == {n: v for n, (_, v) in figures.items()}
    report = result.validation
    assert report.rejected == {"blank paper": 250, "more marks than allowed": 400}
    assert report.counted_as_cast + sum(report.repaired.values()) + 650 == report.read


def test_the_command_line_reproduces_npf_2012(tmp_path, capsys):
    from votecount.cli import main

    ballots, rules = write_election(tmp_path, "NPF 2012 East Midlands")
    assert main(["count", ballots, "--rule", "block", "--seats", "4", "--constraints", rules]) == 0
    out = capsys.readouterr().out
    assert "Elected, in order: Furlong, Glover, Brookfield, Elliott" in out
    assert "Mohammed not elected" in out
    assert "Set aside, blank paper: 250" in out  # set aside by the reader
    assert "Set aside, more marks than allowed: 400" in out  # set aside by the rule
    # the same with the minimum on the command line, attributes still from the file
    attributes_only = tmp_path / "genders.toml"
    attributes_only.write_text(Path(rules).read_text(encoding="utf-8").split("[[constraint]]")[0])
    args = ["count", ballots, "--rule", "block", "--seats", "4", "--constraints", str(attributes_only)]
    assert main([*args, "--at-least", "gender=F:2"]) == 0
    assert "Elected, in order: Furlong, Glover, Brookfield, Elliott" in capsys.readouterr().out
    assert main(args) == 0
    assert "Elected, in order: Furlong, Glover, Brookfield, Mohammed" in capsys.readouterr().out


def test_the_command_line_reproduces_nec_2016_with_the_gender_rule(tmp_path, capsys):
    from votecount.cli import main

    ballots, rules = write_election(tmp_path, "NEC 2016")
    assert main(["count", ballots, "--rule", "block", "--seats", "6", "--constraints", rules]) == 0
    out = capsys.readouterr().out
    assert f"Elected, in order: {', '.join(NEC_2016_ELECTED)}" in out


# -- the same papers kept as a BLT file, as the NEC counts are --------------------------------


def write_blt(tmp_path, label: str) -> str:
    """The generated papers as a BLT file in which each paper lists the candidates it marks
    (in reverse ballot order, as keyed: the order means nothing), with the 250 blank papers
    and the 400 marking one candidate too many."""
    figures, seats, marks, _, _ = COUNTS[label]
    lines = [f"{len(figures)} {seats}"]
    for paper in profile_from_papers(figures, marks).ballots:
        listed = " ".join(str(c + 1) for c in sorted(paper.candidates(), reverse=True))
        lines.append(f"{paper.weight} {listed} 0" if listed else f"{paper.weight} 0")
    lines += ["0", *(f'"{name}"' for name in figures), f'"{label}"']
    path = tmp_path / (label.lower().replace(" ", "-") + ".blt")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("label", COUNTS)
def test_the_command_line_counts_the_published_winners_from_a_blt_file(tmp_path, capsys, label):
    from votecount.cli import main
    from votecount.formats import read

    figures, seats, _, minimum, published = COUNTS[label]
    ballots = write_blt(tmp_path, label)
    assert read(ballots).kind == "ranked"
    rules = tmp_path / "genders.toml"
    rules.write_text(constraint_toml(figures, minimum), encoding="utf-8")
    args = ["count", ballots, "--rule", "block", "--seats", str(seats), "--constraints", str(rules)]
    assert main([*args, "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["elected"] == published
    assert result["rounds"][0]["votes"] == {n: v for n, (_, v) in figures.items()}
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Ranked papers read as marks" in out
    assert "Set aside, more marks than allowed: 400" in out
