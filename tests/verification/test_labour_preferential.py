"""Labour's preferential counts, reproduced figure by figure.

The published figures (../shared/rules/counting-rules.md §3) are the expected values. Only
round totals were published, not the ballots, so each test builds a ballot file whose rounds
must give those totals: the eliminated candidate's papers are split among the next
preferences by exactly the published gains, and what is left of the pile has no further
preference (it exhausts). Every ballot count below is written as an expression of published
figures, so the construction can be checked against the table by eye. The file is written as
BLT, read back, and counted with ``irv`` at its defaults (majority of the continuing votes,
stop at a majority, exclude one at a time).

The 2010 leadership test counts the real ballots of the 266 MPs instead, and checks its
figures against ones computed straight from the file with plain Python.
"""

from collections import Counter
from pathlib import Path

import pytest

import votecount
from helpers import DOCS, shared_path
from votecount import Profile, RankedBallot, Result
from votecount.formats import FORMATS, read, write
from votecount.report import render


def through_blt(profile: Profile, tmp_path: Path) -> Profile:
    path = tmp_path / "constructed.blt"
    write(profile, path)
    return read(path)


def figures(result: Result) -> list[dict[str, int]]:
    """Each round's non-zero totals by candidate name."""
    return [{c.name: int(v) for c, v in r.votes.items() if v} for r in result.rounds]


def assert_conserved(result: Result, valid_poll: int) -> None:
    for r in result.rounds:
        assert sum(r.votes.values()) + r.exhausted + r.lost_to_fractions == valid_poll


# --- Deputy leadership 2015 -------------------------------------------------------------

DEPUTY_2015 = [
    {"Watson": 160_852, "Creasy": 78_100, "Flint": 64_425, "Eagle": 66_013, "Bradshaw": 39_080},
    {"Watson": 170_589, "Creasy": 86_555, "Flint": 74_581, "Eagle": 72_517},
    {"Watson": 198_962, "Creasy": 103_746, "Flint": 89_538},
]


def deputy_2015_profile() -> Profile:
    r1, r2, r3 = DEPUTY_2015
    gain2 = {c: r2[c] - r1[c] for c in r2}  # what Bradshaw's papers gave each
    gain3 = {c: r3[c] - r2[c] for c in r3}  # what Eagle's papers gave each
    papers = [
        (["Watson"], r1["Watson"]),
        (["Creasy"], r1["Creasy"]),
        (["Flint"], r1["Flint"]),
        # Bradshaw's papers: next preferences by the round-2 gains, the rest exhaust.
        (["Bradshaw", "Watson"], gain2["Watson"]),
        (["Bradshaw", "Creasy"], gain2["Creasy"]),
        (["Bradshaw", "Flint"], gain2["Flint"]),
        (["Bradshaw", "Eagle"], gain2["Eagle"]),  # these exhaust when Eagle goes
        (["Bradshaw"], r1["Bradshaw"] - sum(gain2.values())),
        # Eagle's own papers carry all the round-3 gains; the rest exhaust.
        (["Eagle", "Watson"], gain3["Watson"]),
        (["Eagle", "Creasy"], gain3["Creasy"]),
        (["Eagle", "Flint"], gain3["Flint"]),
        (["Eagle"], r1["Eagle"] - sum(gain3.values())),
    ]
    assert all(n > 0 for _, n in papers)
    return Profile.from_rankings(list(r1), [(tuple(names), n) for names, n in papers])


def test_deputy_leadership_2015_every_published_figure(tmp_path: Path) -> None:
    profile = through_blt(deputy_2015_profile(), tmp_path)
    valid = sum(DEPUTY_2015[0].values())
    result = votecount.count(profile, "irv")
    assert figures(result) == DEPUTY_2015
    assert [c.name for c in result.excluded] == ["Bradshaw", "Eagle"]
    assert [c.name for c in result.elected] == ["Watson"]
    assert result.rounds[-1].elected == result.elected
    assert_conserved(result, valid)


def test_deputy_2015_stopped_on_a_majority_of_the_continuing_votes(tmp_path: Path) -> None:
    # Round 3: Watson 198,962 is more than half of the 392,246 continuing votes but not
    # of the 408,470 valid first preferences; the count stopped with three still in, so the
    # published count used a majority of continuing votes. Of all valid votes, it goes on.
    profile = through_blt(deputy_2015_profile(), tmp_path)
    r3 = DEPUTY_2015[2]
    assert 2 * r3["Watson"] > sum(r3.values())
    assert 2 * r3["Watson"] < sum(DEPUTY_2015[0].values())
    of_valid = votecount.count(profile, "irv", majority_of="valid")
    assert figures(of_valid)[:3] == DEPUTY_2015
    assert len(of_valid.rounds) == 4
    assert [c.name for c in of_valid.elected] == ["Watson"]


# --- Deputy leadership 2020 -------------------------------------------------------------

DEPUTY_2020 = [
    {"Rayner": 192_168, "Allin-Khan": 77_351, "Burgon": 80_053, "Murray": 61_179, "Butler": 50_255},
    {"Rayner": 209_968, "Allin-Khan": 88_049, "Burgon": 88_664, "Murray": 64_560},
    {"Rayner": 228_944, "Allin-Khan": 113_858, "Burgon": 92_643},
]


def deputy_2020_profile() -> Profile:
    r1, r2, r3 = DEPUTY_2020
    gain2 = {c: r2[c] - r1[c] for c in r2}  # from Butler's papers
    gain3 = {c: r3[c] - r2[c] for c in r3}  # from Murray's papers
    papers = [
        (["Rayner"], r1["Rayner"]),
        (["Allin-Khan"], r1["Allin-Khan"]),
        (["Burgon"], r1["Burgon"]),
        (["Butler", "Rayner"], gain2["Rayner"]),
        (["Butler", "Allin-Khan"], gain2["Allin-Khan"]),
        (["Butler", "Burgon"], gain2["Burgon"]),
        (["Butler", "Murray"], gain2["Murray"]),  # exhaust when Murray goes
        (["Butler"], r1["Butler"] - sum(gain2.values())),
        (["Murray", "Rayner"], gain3["Rayner"]),
        (["Murray", "Allin-Khan"], gain3["Allin-Khan"]),
        (["Murray", "Burgon"], gain3["Burgon"]),
        (["Murray"], r1["Murray"] - sum(gain3.values())),
    ]
    assert all(n > 0 for _, n in papers)
    return Profile.from_rankings(list(r1), [(tuple(names), n) for names, n in papers])


def test_deputy_leadership_2020_every_published_figure(tmp_path: Path) -> None:
    profile = through_blt(deputy_2020_profile(), tmp_path)
    result = votecount.count(profile, "irv")
    assert figures(result) == DEPUTY_2020
    assert [c.name for c in result.excluded] == ["Butler", "Murray"]
    assert [c.name for c in result.elected] == ["Rayner"]
    # Rayner was over 50% of the votes still in play in round 3, so the count stopped.
    assert len(result.rounds) == 3
    assert_conserved(result, sum(DEPUTY_2020[0].values()))


def test_deputy_2020_counted_on_to_the_last_two_still_elects_rayner(tmp_path: Path) -> None:
    profile = through_blt(deputy_2020_profile(), tmp_path)
    result = votecount.count(profile, "irv", stop="last-two")
    assert figures(result)[:3] == DEPUTY_2020
    assert len(result.rounds) == 4
    assert [c.name for c in result.excluded] == ["Butler", "Murray", "Burgon"]
    assert [c.name for c in result.elected] == ["Rayner"]


# --- London Labour mayoral selection 2015 --------------------------------------------------

LONDON_2015_FIRST = {
    "Khan": 32_926, "Jowell": 26_121, "Abbott": 14_798,
    "Lammy": 8_255, "Wolmar": 4_729, "Thomas": 1_055,
}
LONDON_2015_FINAL = {"Khan": 48_151, "Jowell": 33_575}


def london_2015_profile() -> Profile:
    """Only the first preferences and the final round were published (five rounds).

    The intermediate rounds are NOT published, so this split is our construction: it is
    consistent with everything published (first preferences, final totals, five rounds, the
    order of elimination Thomas, Wolmar, Lammy, Abbott, and nobody over half of the votes in
    play before the fifth round), but its rounds 2-4 are not the real ones. Some papers pass
    through two eliminated candidates before reaching a finalist.
    """
    f = LONDON_2015_FIRST
    to_khan = {"Thomas": 400, "Wolmar": 2_000, "Lammy": 3_500}
    to_jowell = {"Thomas": 300, "Wolmar": 1_200, "Lammy": 2_500}
    to_khan["Abbott"] = LONDON_2015_FINAL["Khan"] - f["Khan"] - sum(to_khan.values())
    to_jowell["Abbott"] = LONDON_2015_FINAL["Jowell"] - f["Jowell"] - sum(to_jowell.values())
    papers: list[tuple[list[str], int]] = [(["Khan"], f["Khan"]), (["Jowell"], f["Jowell"])]
    for loser in ("Thomas", "Wolmar", "Lammy", "Abbott"):
        papers += [
            ([loser, "Khan"], to_khan[loser]),
            ([loser, "Jowell"], to_jowell[loser]),
            ([loser], f[loser] - to_khan[loser] - to_jowell[loser]),
        ]
    # Chains through a second eliminated candidate, taken from the direct papers above so
    # the finalists' totals are unchanged.
    papers += [(["Thomas", "Wolmar", "Khan"], 100), (["Thomas", "Lammy", "Abbott", "Jowell"], 50)]
    papers[2] = (["Thomas", "Khan"], to_khan["Thomas"] - 100)
    papers[3] = (["Thomas", "Jowell"], to_jowell["Thomas"] - 50)
    assert all(n > 0 for _, n in papers)
    return Profile.from_rankings(list(f), [(tuple(names), n) for names, n in papers])


def test_london_selection_2015_first_preferences_and_final_round(tmp_path: Path) -> None:
    profile = through_blt(london_2015_profile(), tmp_path)
    result = votecount.count(profile, "irv")
    rounds = figures(result)
    assert rounds[0] == LONDON_2015_FIRST
    assert rounds[-1] == LONDON_2015_FINAL
    assert len(result.rounds) == 5
    assert [c.name for c in result.elected] == ["Khan"]
    assert result.rounds[-1].elected == result.elected
    assert_conserved(result, sum(LONDON_2015_FIRST.values()))


def test_london_selection_2015_batch_exclusion_same_winner(tmp_path: Path) -> None:
    # Thomas + Wolmar + Lammy = 14,039 cannot catch Abbott (14,798): a batch exclusion
    # removes all three at once; the published final round is still reached.
    profile = through_blt(london_2015_profile(), tmp_path)
    result = votecount.count(profile, "irv", exclusion="batch")
    rounds = figures(result)
    assert rounds[0] == LONDON_2015_FIRST
    assert set(rounds[1]) == {"Khan", "Jowell", "Abbott"}
    assert rounds[-1] == LONDON_2015_FINAL
    assert len(result.rounds) == 3
    assert [c.name for c in result.excluded][-1] == "Abbott"
    assert [c.name for c in result.elected] == ["Khan"]


# --- Leadership 2010: the real ballots of the 266 MPs --------------------------------------

MPS_2010 = ("preflib", "00030_uklabor", "00030-00000001.soi")


def plain_soi(path: Path) -> tuple[list[str], list[tuple[int, tuple[int, ...]]]]:
    """The file read with nothing but the standard library: names, (count, ranking) lines."""
    names: list[str] = []
    lines: list[tuple[int, tuple[int, ...]]] = []
    for line in path.read_text().splitlines():
        if line.startswith("# ALTERNATIVE NAME"):
            names.append(line.split(":", 1)[1].strip())
        elif line and not line.startswith("#"):
            count, ranking = line.split(":")
            lines.append((int(count), tuple(int(x) - 1 for x in ranking.split(","))))
    return names, lines


def plain_irv(names: list[str], lines: list[tuple[int, tuple[int, ...]]]) -> list[dict[str, int]]:
    """Instant runoff in a dozen lines, continued to the last two, for an independent check.

    (The 2010 MPs' ballots meet no tie for last place, which this check asserts.)
    """
    standing = set(range(len(names)))
    rounds = []
    while True:
        tally = Counter({c: 0 for c in standing})
        for count, ranking in lines:
            top = next((c for c in ranking if c in standing), None)
            if top is not None:
                tally[top] += count
        rounds.append({names[c]: n for c, n in tally.items()})
        if len(standing) == 2:
            return rounds
        lowest = min(tally.values())
        assert list(tally.values()).count(lowest) == 1
        standing.remove(min(standing, key=lambda c: tally[c]))


def plain_profile(path: Path) -> Profile:
    names, lines = plain_soi(path)
    return Profile(names, [RankedBallot(ranking, n) for n, ranking in lines])


MPS_2010_TITLE = "Labour leadership 2010: the ballots of the 266 MPs"


def mps_2010() -> Profile:
    """The MPs' ballots through the PrefLib reader, or built by hand until it exists."""
    path = shared_path(*MPS_2010)
    profile = read(path) if "soi" in FORMATS else plain_profile(path)
    return profile.replace(title=MPS_2010_TITLE)


def test_labour_leadership_2010_mps_every_round() -> None:
    path = shared_path(*MPS_2010)
    names, lines = plain_soi(path)
    assert sum(n for n, _ in lines) == 266
    first: Counter[str] = Counter()
    for n, ranking in lines:
        first[names[ranking[0]]] += n
    independent = plain_irv(names, lines)
    assert independent[0] == dict(first)

    profile = mps_2010()
    assert profile.total_weight == 266
    result = votecount.count(profile, "irv", stop="last-two")
    assert figures(result)[0] == dict(first)
    assert figures(result) == [{k: v for k, v in r.items() if v} for r in independent]
    assert_conserved(result, 266)
    assert [c.name for c in result.elected] == [max(independent[-1], key=independent[-1].get)]
    # Stopping at a majority instead ends at the same last round: nobody had more than half
    # of the MPs' votes in play before it.
    assert figures(votecount.count(profile, "irv")) == figures(result)


def test_preflib_reader_reads_the_same_ballots_as_plain_python() -> None:
    path = shared_path(*MPS_2010)
    if "soi" not in FORMATS:
        pytest.skip("the PrefLib (.soi) reader has not landed in votecount.formats yet")
    by_reader, by_hand = read(path), plain_profile(path)
    assert [c.name for c in by_reader.candidates] == [c.name for c in by_hand.candidates]
    assert by_reader.ballots == by_hand.ballots


def test_labour_leadership_2010_count_sheet_in_docs_is_current() -> None:
    result = votecount.count(mps_2010(), "irv", stop="last-two")
    doc = DOCS / "examples" / "labour-leadership-2010.md"
    page = doc.read_text()
    assert str(result) in page
    assert render(result, "markdown") in page
