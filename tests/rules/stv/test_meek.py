"""Meek and Warren (votecount.rules.stv.meek): hand-checked counts, Droop's reference reports,
and the properties the issue names (hypothesis)."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import votecount
from helpers import shared_path
from stv_droop import droop_blt
from votecount import Profile
from votecount.errors import RuleError
from votecount.rules.presets import PRESETS
from votecount.rules.stv.meek import MEEK_METHOD, NZ_MEEK_METHOD, WARREN_METHOD
from votecount.strategies import candidates, profiles, weights

# A has 6 first preferences, 4 of them going on to B and 2 ending; C 3, D 1. Two seats.
SMALL = Profile.from_rankings("ABCD", [("AB", 4), ("A", 2), ("C", 3), ("D", 1)])


def votes_of(result: votecount.Result, stage: int) -> dict[str, Any]:
    return {c.name: v for c, v in result.rounds[stage - 1].votes.items()}


def test_exact_meek_by_hand() -> None:
    result = votecount.count(SMALL, "meek", seats=2)
    first, surplus, exclusion = result.rounds
    # Quota 10 / 3, unrounded; A exceeds it at the first stage.
    assert first.quota == Fraction(10, 3)
    assert [c.name for c in first.elected] == ["A"]
    # One iteration: k(A) = 1 × (10/3) / 6 = 5/9. A keeps 6 × 5/9 = 10/3; the AB papers pass
    # 4/9 each to B (16/9); the A papers' 4/9 each are non-transferable (8/9). The quota
    # falls to (10 − 8/9) / 3 = 82/27, leaving a surplus of 10/3 − 82/27 = 8/27.
    assert surplus.description == "Surpluses of A (1 iteration; keep factors: A 0.555555556)"
    assert votes_of(result, 2) == {"A": Fraction(10, 3), "B": Fraction(16, 9), "C": 3, "D": 1}
    assert surplus.exhausted == Fraction(8, 9)
    assert surplus.quota == Fraction(82, 27)
    # D's 1 + 8/27 is below B's 16/9: D is a sure loser and goes at once. D's paper has no
    # further preference, so the quota falls to (10 − 8/9 − 1) / 3 = 73/27 < 3: C is elected.
    assert [c.name for c in exclusion.excluded] == ["D"]
    assert "sure loser" in exclusion.events[0].reason
    assert exclusion.exhausted == Fraction(17, 9)
    assert exclusion.quota == Fraction(73, 27)
    assert [c.name for c in result.elected] == ["A", "C"]
    assert all(r.lost_to_fractions == 0 and r.total == 10 for r in result.rounds)


def test_nz_meek_by_hand_nine_places_rounded_up() -> None:
    result = votecount.count(SMALL, "nz-meek", seats=2)
    first, surplus, exclusion = result.rounds
    # Quota: 10 / 3 = 3.333333333 (truncated to 9 places) + 0.000000001; A reaches it.
    assert first.quota == Decimal("3.333333334")
    # k(A) = 3.333333334 / 6 = 0.5555555556.. rounded up = 0.555555556. A keeps 0.555555556
    # of each paper (6 × = 3.333333336) and passes 0.444444444: B 4 × = 1.777777776,
    # non-transferable 2 × = 0.888888888. Votes held 9.111111112; quota
    # 9.111111112 / 3 = 3.037037037(3..) truncated, + 0.000000001 = 3.037037038.
    assert votes_of(result, 2) == {
        "A": Decimal("3.333333336"),
        "B": Decimal("1.777777776"),
        "C": Decimal("3"),
        "D": Decimal("1"),
    }
    assert surplus.exhausted == Decimal("0.888888888")
    assert surplus.quota == Decimal("3.037037038")
    # Surplus 0.296296298: D (1 + 0.296296298 < B's 1.777777776) is a sure loser. Then the
    # quota is 8.111111112 / 3 = 2.703703704 + 0.000000001 and C's 3 reaches it.
    assert [c.name for c in exclusion.excluded] == ["D"]
    assert exclusion.quota == Decimal("2.703703705")
    assert [c.name for c in result.elected] == ["A", "C"]
    assert all(r.total == result.valid_poll for r in result.rounds)


def test_warren_keeps_an_amount_not_a_proportion() -> None:
    # 100 papers, 3 seats, quota 25 (unrounded). A (40) and B (30) are elected at once.
    # One iteration: k(A) = 25/40 = 5/8, k(B) = 25/30 = 5/6. An "ABC" paper gives A 5/8 and
    # reaches B at 3/8. Meek: B keeps 3/8 × 5/6 = 5/16 and passes 1/16 to C (40 papers:
    # 2.5). Warren: B keeps min(5/6, 3/8) = 3/8, the whole of it, and C gets nothing.
    # Either way the "B" papers leave 1/6 each non-transferable (5), so the quota falls to
    # 95/4 = 23.75 and C (26.5 under Meek, 24 under Warren) is elected at stage 2.
    profile = Profile.from_rankings("ABCD", [("ABC", 40), ("B", 30), ("C", 24), ("D", 6)])
    meek = votecount.count(profile, "meek", seats=3)
    warren = votecount.count(profile, "warren", seats=3)
    assert votes_of(meek, 2) == {"A": 25, "B": Fraction(75, 2), "C": Fraction(53, 2), "D": 6}
    assert votes_of(warren, 2) == {"A": 25, "B": 40, "C": 24, "D": 6}
    for result in (meek, warren):
        assert result.rounds[1].exhausted == 5
        assert result.rounds[1].quota == Fraction(95, 4)
        assert [c.name for c in result.rounds[1].elected] == ["C"]
    assert "keep values: A 0.625000000, B 0.833333334" in warren.rounds[1].description
    assert "keep factors: A 0.625000000, B 0.833333334" in meek.rounds[1].description


def test_presets_fix_their_options_and_stv_can_use_the_methods() -> None:
    with pytest.raises(RuleError, match="fixes every option"):
        votecount.count(SMALL, "meek", seats=2, places=3)
    assert PRESETS["nz-meek"].options.places == 9 and PRESETS["nz-meek"].options.rounding == "up"
    chosen = votecount.count(
        SMALL, "stv", seats=2, surplus="meek", quota="droop-exact", quota_base="continuing", elect_on="exceed"
    )
    assert [c.name for c in chosen.elected] == ["A", "C"]


# --- Droop's reference reports (../shared/data/droop/test/ref/report) ---------------------------


def droop_actions(report: str) -> list[dict[str, Any]]:
    """Each ``Action:`` of a Droop report, with the elected and hopeful candidates' votes
    printed under it (defeated candidates are listed together at 0)."""
    path = shared_path("droop", "test", "ref", "report", report)
    actions: list[dict[str, Any]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("Action:"):
            actions.append({"action": line[len("Action:") :].strip(), "votes": {}})
        elif actions and line.startswith("\t"):
            m = re.match(r"(Elected|Hopeful):\s+(.*) \(([-\d.]+)\)$", line.strip())
            if m:
                actions[-1]["votes"][m.group(2)] = m.group(3)
            elif not line.strip().startswith("Defeated:"):
                key, _, value = line.strip().partition(":")
                actions[-1][key] = value.strip()
    return actions


def rounded(value: Any, places: int) -> str:
    """An exact value rounded half up to ``places`` decimals, as Droop prints rationals."""
    scale = 10**places
    n = (Fraction(value) * scale * 2 + 1) // 2
    return f"{n // scale}.{n % scale:0{places}d}"


def droop_elected(report: str) -> list[str]:
    final = droop_actions(report)[-1]
    assert final["action"] == "Count Complete"
    text = shared_path("droop", "test", "ref", "report", report).read_text(encoding="utf-8")
    block = text[text.rindex("Action: Count Complete") :]
    return sorted(re.findall(r"Elected:\s+(.*) \(", block))


@pytest.mark.parametrize(
    ("election", "rule", "report"),
    [
        ("SC", "meek", "SC-meek-o10-rational-d12.txt"),
        ("SC", "warren", "SC-warren-o10-rational-d12.txt"),
        ("42", "meek", "42-meek-o10-rational-d12.txt"),
        ("513", "meek", "513-meek-o10-rational-d12.txt"),
        ("513", "warren", "513-warren-o10-rational-d12.txt"),
    ],
)
def test_every_election_matches_droops_rational_report(election: str, rule: str, report: str) -> None:
    """At each of Droop's "Elect:" actions, every candidate's votes and the quota, rounded
    to Droop's 12 places, equal ours at the end of the stage that elects the candidate."""
    profile = droop_blt(election)
    result = votecount.count(profile, rule, seats=profile.seats, tie_order=droop_tie_order(profile))
    assert sorted(c.name for c in result.elected) == droop_elected(report)
    checked = 0
    for action in droop_actions(report):
        if not action["action"].startswith("Elect: "):
            continue
        name = action["action"][len("Elect: ") :]
        stage = next(r for r in result.rounds if any(c.name == name for c in r.elected))
        ours = {c.name: rounded(v, 12) for c, v in stage.votes.items() if c.name in action["votes"]}
        assert ours == action["votes"], f"{report}: votes when {name} is elected (stage {stage.number})"
        assert rounded(stage.quota, 12) == action["Quota"]
        checked += 1
    assert checked >= 1


def test_sc_meek_figures_read_from_droops_report() -> None:
    # SC-meek-o10-rational-d12.txt, round 2 ("Iterate (batch)", surplus 0.533443526171):
    # Pat LaMarche 19.167713498623, Rebecca Rotzler 18.965730027548, Steve Kramer
    # 18.498953168044; five sure losers are then defeated. Round 6 elects Kristen Olsen at
    # a quota of 18.591521682196.
    result = votecount.count(droop_blt("SC"), "meek", seats=4)
    stage2 = {c.name: rounded(v, 12) for c, v in result.rounds[1].votes.items()}
    assert stage2["Pat LaMarche"] == "19.167713498623"
    assert stage2["Rebecca Rotzler"] == "18.965730027548"
    assert stage2["Steve Kramer"] == "18.498953168044"
    surplus = sum(result.rounds[1].votes[c] - result.rounds[1].quota for c in result.elected[:2])
    assert rounded(surplus, 12) == "0.533443526171"
    assert {c.name for c in result.rounds[2].excluded} == {
        "Write-In 2",
        "Jason Jones",
        "Write-In 1",
        "Steve Greenfield",
        "Jimmy Leas",
    }
    olsen = next(r for r in result.rounds if any(c.name == "Kristen Olsen" for c in r.elected))
    assert rounded(olsen.quota, 12) == "18.591521682196"


def droop_tie_order(profile: Profile) -> list[str]:
    """Droop's meek and warren rules defeat the *first* of tied candidates in the file's
    ``[tie]`` order (else ballot order): our tie order favours the first, so reverse it."""
    order = profile.tie_order or tuple(range(len(profile.candidates)))
    return [profile.candidates[c].name for c in reversed(order)]


@pytest.mark.parametrize(
    ("election", "rule", "report"),
    [
        (e, r, f"{e}-{r}-{v}.txt")
        for e in ("42", "42t", "42u", "513", "M135", "SC", "SCw", "SCwopt", "SC-Vm-12")
        for r, v in (("meek", "o9-guarded-p18-g9-d18"), ("warren", "o9-guarded-p18-g9-d18"))
    ],
)
def test_elected_as_droops_guarded_reports(election: str, rule: str, report: str) -> None:
    profile = droop_blt(election)
    shared_path("droop", "test", "ref", "report", report)
    result = votecount.count(profile, rule, seats=profile.seats, tie_order=droop_tie_order(profile))
    assert sorted(c.name for c in result.elected) == droop_elected(report)


@pytest.mark.parametrize("election", ["42", "42u", "513", "M135", "SC", "SCw", "SCwopt"])
def test_nz_meek_elects_as_the_prf_reference_rule(election: str) -> None:
    # Droop's meek-prf is the PR Foundation's reference rule (6 places), not New Zealand's;
    # on these elections (no near-ties) the two elect the same candidates.
    profile = droop_blt(election)
    result = votecount.count(profile, "nz-meek", seats=profile.seats, seed=1)
    assert sorted(c.name for c in result.elected) == droop_elected(f"{election}-meek-prf-o6-fixed-p9-d9.txt")


# --- properties ---------------------------------------------------------------------------------

TOLERANCE = {
    "meek": MEEK_METHOD.tolerance,
    "warren": WARREN_METHOD.tolerance,
    "nz-meek": NZ_MEEK_METHOD.tolerance,
}


# 2 to 6 candidates, 1 to 14 ballots (each ranking a prefix of a permutation), weights 1 to 9.
RANKED_PROFILES = profiles(
    candidates=candidates(min_size=2, max_size=6), max_ballots=14, weight=weights(max_value=9)
)
RULE_NAMES = st.sampled_from(["meek", "nz-meek", "warren"])


@settings(max_examples=40, deadline=None)
@given(profile=RANKED_PROFILES, data=st.data(), rule=RULE_NAMES)
def test_conserved_filled_and_converged(profile: Profile, data: st.DataObject, rule: str) -> None:
    seats = data.draw(st.integers(1, len(profile.candidates)))
    result = votecount.count(profile, rule, seats=seats, seed=3)
    assert len(result.elected) == min(seats, len(profile.candidates))
    assert len(set(result.elected)) == len(result.elected)
    tolerance = TOLERANCE[rule]
    elected: list[Any] = []
    for i, r in enumerate(result.rounds):
        assert r.total == result.valid_poll
        assert all(v >= 0 for v in r.votes.values())
        lowest = [e for e in r.events if e.action == "excluded" and e.reason.startswith("lowest")]
        if lowest and i > 0:
            # the engine excludes the lowest only once the iteration has converged
            before = result.rounds[i - 1]
            surplus = sum((Fraction(before.votes[c]) - Fraction(before.quota) for c in elected), Fraction(0))
            # (in fixed decimals the surplus may stop falling first: a stable state)
            assert surplus <= tolerance or "surplus stable" in before.description
        elected += list(r.elected)
    # every candidate elected on the quota still holds it, within the tolerance, at the end
    # (unless, in fixed decimals, the iteration stopped at a stable surplus instead)
    if any("surplus stable" in r.description for r in result.rounds):
        return
    last = result.rounds[-1]
    by_quota = [
        e.candidate for r in result.rounds for e in r.events if e.action == "elected" and "quota" in e.reason
    ]
    for c in by_quota:
        assert last.votes[c] >= Fraction(last.quota) - tolerance


@settings(max_examples=25, deadline=None)
@given(profile=RANKED_PROFILES, data=st.data(), rule=RULE_NAMES)
def test_independent_of_ballot_order(profile: Profile, data: st.DataObject, rule: str) -> None:
    seats = data.draw(st.integers(1, len(profile.candidates)))
    ballots = list(profile.ballots)
    shuffled = data.draw(st.permutations(ballots))
    other = Profile(profile.candidates, shuffled)
    a = votecount.count(profile, rule, seats=seats, seed=5)
    b = votecount.count(other, rule, seats=seats, seed=5)
    assert a.elected == b.elected
    assert [r.votes for r in a.rounds] == [r.votes for r in b.rounds]


def test_nz_meek_excludes_candidates_with_no_votes_together_without_lot() -> None:
    # One seat, quota 5/2 (+ a unit): nobody is elected on first preferences. D and E have
    # no votes and go together (no tie to draw, so no seed is needed); then C, the lowest,
    # whose paper passes to A: A 3 reaches the quota.
    profile = Profile.from_rankings("ABCDE", [("AB", 2), ("BA", 2), ("CA", 1)])
    result = votecount.count(profile, "nz-meek", seats=1)
    second, third = result.rounds[1], result.rounds[2]
    assert [c.name for c in second.excluded] == ["D", "E"]
    assert all(e.reason.startswith("no votes") for e in second.events)
    assert [c.name for c in third.excluded] == ["C"]
    assert [c.name for c in result.elected] == ["A"]
    assert result.ties == ()
