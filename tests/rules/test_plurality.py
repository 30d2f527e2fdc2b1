"""Plurality rules: fptp, block, limited, sntv; invalid and blank papers; ties; constraints."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import votecount
from votecount import (
    Candidate,
    ConstraintError,
    PluralityBallot,
    Profile,
    RuleError,
    TieError,
)
from votecount import strategies as vs
from votecount.constraints import Constraint
from votecount.rules import get_rule
from votecount.rules.plurality import ordinal


def names(candidates) -> list[str]:
    return [c.name for c in candidates]


def gendered(spec: dict[str, tuple[str, int]]) -> Profile:
    """A profile from totals, with each candidate's gender: {"A": ("M", 10), ...}."""
    return Profile.from_totals({Candidate(n, attributes={"gender": g}): v for n, (g, v) in spec.items()})


def test_the_four_rules_and_their_aliases_are_registered():
    assert get_rule("fptp").ballots == "either"
    assert get_rule("block-vote").name == "block"
    assert get_rule("MNTV").name == "block"
    assert get_rule("limited").name == "limited"
    assert get_rule("sntv").name == "sntv"


def test_ordinals():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th",
    ]  # fmt: skip


def test_fptp_elects_the_most_votes_and_reports_totals():
    profile = Profile.from_marks("ABC", [("A", 5), ("B", 7), ("C", 2), ("", 3)])
    result = votecount.count(profile, "fptp")
    assert names(result.elected) == ["B"]
    assert {c.name: v for c, v in result.totals.items()} == {"A": 5, "B": 7, "C": 2}
    assert result.valid_poll == 14
    assert result.validation.rejected == {"blank paper": 3}
    assert result.validation.read == 17
    assert result.rounds[0].events[0].reason == "1st highest vote"


def test_fptp_counts_a_ranked_paper_for_its_first_preference():
    profile = Profile.from_rankings("ABC", [("AB", 4), ("BA", 3), ("CB", 2)])
    assert names(votecount.count(profile, "fptp").elected) == ["A"]
    assert votecount.count(profile, "fptp").totals[Candidate("B")] == 3


def test_fptp_sets_aside_a_ranked_paper_with_two_first_preferences():
    profile = Profile(
        "ABC",
        [
            votecount.RankedBallot([0], 3),
            votecount.RankedBallot([frozenset({1, 2})], 5),
            votecount.RankedBallot([2], 4),
        ],
    )
    result = votecount.count(profile, "fptp")
    assert names(result.elected) == ["C"]
    assert result.validation.rejected == {"no valid first preference": 5}


def test_fptp_fills_one_seat_only():
    profile = Profile.from_marks("AB", [("A", 1)])
    with pytest.raises(RuleError, match="one seat"):
        votecount.count(profile, "fptp", seats=2)


def test_block_vote_sets_aside_papers_with_too_many_marks():
    profile = Profile.from_marks("ABCD", [("AB", 10), ("AC", 6), ("ABC", 50), ("D", 8), ("", 2), ("CD", 3)])
    result = votecount.count(profile, "block", seats=2)
    # the 50 papers marking A, B and C would have elected B; set aside, D is second
    assert names(result.elected) == ["A", "D"]
    assert {c.name: v for c, v in result.totals.items()} == {"A": 16, "B": 10, "C": 9, "D": 11}
    assert result.validation.rejected == {"more marks than allowed": 50, "blank paper": 2}
    assert result.validation.read == 79
    assert result.validation.counted_as_cast == 27
    assert result.valid_poll == 27
    problem = next(p for p in result.validation.problems if p.reason == "more marks than allowed")
    assert (problem.weight, problem.action) == (50, "set aside")
    assert problem.detail == "3 marks, at most 2 allowed: A, B, C"
    sheet = str(result)
    assert "Set aside, more marks than allowed: 50" in sheet
    assert "Elected, in order: A, D" in sheet


def test_limited_vote_allows_fewer_marks_than_seats():
    profile = Profile.from_marks("ABCD", [("AB", 4), ("ABC", 9), ("C", 3), ("D", 2)])
    result = votecount.count(profile, "limited", seats=3, marks=2)
    assert result.validation.rejected == {"more marks than allowed": 9}
    assert names(result.elected) == ["A", "B", "C"]
    assert result.options["marks"] == 2
    with pytest.raises(RuleError, match="needs marks"):
        votecount.count(profile, "limited", seats=3)
    with pytest.raises(RuleError, match="1 to 2 marks"):
        votecount.count(profile, "limited", seats=3, marks=3)


def test_sntv_allows_one_mark_and_several_seats():
    profile = Profile.from_marks("ABCD", [("A", 9), ("B", 4), ("C", 6), ("AB", 20), ("D", 1)])
    result = votecount.count(profile, "sntv", seats=2)
    assert names(result.elected) == ["A", "C"]
    assert result.validation.rejected == {"more marks than allowed": 20}


def test_unknown_options_are_refused():
    profile = Profile.from_marks("AB", [("A", 1)])
    with pytest.raises(RuleError, match="takes no option"):
        votecount.count(profile, "block", seats=1, marks=1)


def test_a_withdrawn_candidate_is_not_counted_and_marks_for_them_are_disregarded():
    profile = Profile.from_marks("ABC", [("AB", 5), ("B", 2), ("C", 4)], withdrawn={0})
    result = votecount.count(profile, "block", seats=2)
    assert names(result.elected) == ["B", "C"]
    assert Candidate("A") not in result.totals
    assert result.withdrawn == (Candidate("A"),)
    assert result.validation.repaired == {"mark for a withdrawn candidate disregarded": 5}


def test_fewer_candidates_than_seats_elects_them_all():
    profile = Profile.from_marks("AB", [("A", 3), ("B", 1)])
    result = votecount.count(profile, "block", seats=4)
    assert names(result.elected) == ["A", "B"]
    assert any("Only 2 candidates stand for 4 seats" in n for n in result.notes)


# -- ties ------------------------------------------------------------------------------


def test_a_tie_at_the_boundary_raises_tie_error_by_default():
    profile = Profile.from_totals({"A": 10, "B": 7, "C": 7, "D": 2})
    with pytest.raises(TieError) as info:
        votecount.count(profile, "block", seats=2)
    assert sorted(info.value.candidates) == ["B", "C"]


def test_ties_away_from_the_boundary_need_no_decision():
    profile = Profile.from_totals({"A": 10, "B": 10, "C": 7, "D": 2, "E": 2})
    result = votecount.count(profile, "block", seats=3)
    assert names(result.elected) == ["A", "B", "C"]
    assert result.ties == ()
    assert result.rounds[0].events[0].reason == "equal 1st highest vote"


def test_lot_breaks_a_boundary_tie_reproducibly_and_is_recorded():
    profile = Profile.from_totals({"A": 10, "B": 7, "C": 7, "D": 7})
    winners = set()
    for seed in range(20):
        result = votecount.count(profile, "block", seats=2, seed=seed)
        again = votecount.count(profile, "block", seats=2, seed=seed)
        assert result.elected == again.elected
        (tie,) = result.ties
        assert sorted(names(tie.candidates)) == ["B", "C", "D"]
        assert tie.method == f"lot (seed {seed})"
        assert result.elected[1] == tie.order[0]
        winners.add(result.elected[1].name)
        losers = [e for e in result.rounds[0].events if e.action == "not elected"]
        assert len(losers) == 2 and all("tie broken by lot" in e.reason for e in losers)
    assert winners == {"B", "C", "D"}


def test_an_explicit_order_breaks_the_tie():
    profile = Profile.from_totals({"A": 10, "B": 7, "C": 7})
    result = votecount.count(profile, "block", seats=2, tie_order=["C", "B"])
    assert names(result.elected) == ["A", "C"]
    assert result.ties[0].method.startswith("explicit order")


def test_a_tie_the_constraint_decides_needs_no_lot():
    # B and C tie for the last seat, but it must go to a woman.
    profile = gendered({"A": ("M", 10), "B": ("M", 7), "C": ("F", 7), "D": ("F", 1)})
    result = votecount.count(profile, "block", seats=2, constraints=[Constraint("gender", "F", at_least=1)])
    assert names(result.elected) == ["A", "C"]
    assert result.ties == ()


# -- constraints -----------------------------------------------------------------------

SIX = {
    "M1": ("M", 100), "M2": ("M", 90), "M3": ("M", 80), "M4": ("M", 70), "M5": ("M", 60),
    "F1": ("F", 50), "F2": ("F", 40), "F3": ("F", 30), "F4": ("F", 20),
}  # fmt: skip


def test_six_seats_at_least_three_women_elects_three_men_then_the_highest_women():
    result = votecount.count(
        gendered(SIX), "block", seats=6, constraints=[Constraint("gender", "F", at_least=3)]
    )
    assert names(result.elected) == ["M1", "M2", "M3", "F1", "F2", "F3"]
    skipped = [e for e in result.rounds[0].events if e.action == "not elected"]
    assert names(e.candidate for e in skipped) == ["M4", "M5"]
    assert "at least 3 of gender=F" in skipped[0].reason
    assert skipped[0].reason.startswith("4th highest vote, skipped: electing M4 would leave")


def test_a_maximum_skips_the_rest_of_its_group():
    result = votecount.count(
        gendered(SIX), "block", seats=4, constraints=[Constraint("gender", "M", at_most=2)]
    )
    assert names(result.elected) == ["M1", "M2", "F1", "F2"]


def test_overlapping_constraints_both_hold():
    cands = {
        ("A", "M", "England"): 100,
        ("B", "M", "Scotland"): 90,
        ("C", "F", "England"): 80,
        ("D", "M", "England"): 70,
        ("E", "F", "England"): 60,
        ("F", "F", "Scotland"): 50,
        ("G", "F", "Wales"): 40,
    }
    profile = Profile.from_totals(
        {Candidate(n, attributes={"gender": g, "region": r}): v for (n, g, r), v in cands.items()}
    )
    women, scots = Constraint("gender", "F", at_least=2), Constraint("region", "Scotland", at_least=2)
    result = votecount.count(profile, "block", seats=3, constraints=[women, scots])
    # Worked by hand: electing A (M, England) would leave two seats that must both hold a
    # woman and a Scot, and only F is both: A is skipped. B (M, Scotland) leaves two seats for
    # two women, one a Scot: elected. C (F, England) leaves one seat for a Scottish woman:
    # elected. D and E would leave no room for F, who is elected last.
    assert names(result.elected) == ["B", "C", "F"]
    skipped = [e for e in result.rounds[0].events if e.action == "not elected"]
    assert names(e.candidate for e in skipped) == ["A", "D", "E"]


def test_impossible_constraints_are_reported_before_counting():
    with pytest.raises(ConstraintError, match="at least 5 of gender=F, but only 4 candidates"):
        votecount.count(gendered(SIX), "block", seats=6, constraints=[Constraint("gender", "F", at_least=5)])


def test_constraints_must_be_constraint_values():
    with pytest.raises(RuleError, match="seat constraint"):
        votecount.count(gendered(SIX), "block", seats=2, constraints=["gender=F:1"])


# -- properties ------------------------------------------------------------------------

ATTRIBUTES = {"gender": ("F", "M"), "region": ("N", "S")}


@st.composite
def block_elections(
    draw: st.DrawFn, *, max_candidates: int = 7
) -> tuple[Profile, int, tuple[Constraint, ...]]:
    """Candidates with a gender and a region, seats (up to one more than the candidates),
    papers of 0 to 12 kinds marking up to ``seats``, and feasible constraints on the seats."""
    cands = draw(vs.candidates(max_size=max_candidates, attributes=ATTRIBUTES))
    seats = draw(st.integers(1, len(cands) + 1))
    profile = draw(
        vs.profiles(
            "plurality",
            candidates=st.just(cands),
            min_ballots=0,
            weight=vs.weights("int", max_value=40),
            max_marks=seats,
        )
    )
    return profile, seats, draw(vs.constraint_sets(cands, seats))


def meets(result, constraint: Constraint) -> bool:
    n = sum(1 for c in result.elected if constraint.selects(c))
    return constraint.at_least <= n and (constraint.at_most is None or n <= constraint.at_most)


@settings(max_examples=150, deadline=None)
@given(block_elections(), st.integers(0, 10**6))
def test_the_seats_are_filled_and_every_feasible_constraint_holds(election, seed):
    profile, seats, constraints = election
    result = votecount.count(profile, "block", seats=seats, constraints=constraints, seed=seed)
    assert len(result.elected) == min(seats, len(profile.candidates))
    assert len(set(result.elected)) == len(result.elected)
    assert all(meets(result, k) for k in constraints)


@settings(max_examples=60, deadline=None)
@given(block_elections(), st.integers(0, 10**6), st.randoms())
def test_the_result_does_not_depend_on_ballot_order(election, seed, rnd):
    profile, seats, constraints = election
    shuffled = list(profile.ballots)
    rnd.shuffle(shuffled)
    split = [PluralityBallot(b.marks, 1) for b in shuffled for _ in range(b.weight)]
    rnd.shuffle(split)
    one = votecount.count(profile, "block", seats=seats, constraints=constraints, seed=seed)
    for papers in (shuffled, split):
        other = votecount.count(
            Profile(profile.candidates, papers), "block", seats=seats, constraints=constraints, seed=seed
        )
        assert other.elected == one.elected
        assert other.rounds == one.rounds
        assert other.ties == one.ties


@settings(max_examples=80, deadline=None)
@given(block_elections(), st.integers(0, 10**6))
def test_fptp_is_the_block_vote_with_one_seat(election, seed):
    profile, _, _ = election
    fptp = votecount.count(profile, "fptp", seed=seed)
    block = votecount.count(profile, "block", seats=1, seed=seed)
    assert fptp.elected == block.elected
    assert fptp.totals == block.totals
    assert fptp.validation.rejected == block.validation.rejected
    assert fptp.ties == block.ties


@settings(max_examples=100, deadline=None)
@given(block_elections(), st.integers(0, 10**6), st.data())
def test_more_votes_for_an_elected_candidate_never_unelects_them(election, seed, data):
    profile, seats, _ = election
    result = votecount.count(profile, "block", seats=seats, seed=seed)
    winner = data.draw(st.sampled_from(result.elected))
    extra = data.draw(st.integers(1, 20))
    more = Profile(
        profile.candidates, [*profile.ballots, PluralityBallot({profile.candidate(winner)}, extra)]
    )
    assert winner in votecount.count(more, "block", seats=seats, seed=seed).elected


@settings(max_examples=100, deadline=None)
@given(block_elections(), st.randoms())
def test_a_constraint_that_does_not_bind_changes_nothing(election, rnd):
    profile, seats, constraints = election
    order = [c.name for c in profile.candidates]
    rnd.shuffle(order)
    free = votecount.count(profile, "block", seats=seats, tie_order=order)
    assume(all(meets(free, k) for k in constraints))
    bound = votecount.count(profile, "block", seats=seats, tie_order=order, constraints=constraints)
    assert set(bound.elected) == set(free.elected)
    assert bound.totals == free.totals
    # The order of election is the order of the votes. Among candidates with equal votes it
    # can differ: where the constraint leaves no choice between them, no tie is drawn and they
    # are taken in ballot-file order.
    assert [free.totals[c] for c in bound.elected] == [free.totals[c] for c in free.elected]
    if len(set(free.totals.values())) == len(free.totals):
        assert bound.elected == free.elected


def test_a_constraint_that_binds_does_change_the_result():
    # the property above must be able to fail: here the constraint binds
    profile = gendered({"A": ("M", 5), "B": ("M", 4), "C": ("F", 3)})
    free = votecount.count(profile, "block", seats=2)
    bound = votecount.count(profile, "block", seats=2, constraints=[Constraint("gender", "F", 1)])
    assert free.elected != bound.elected


@settings(max_examples=100, deadline=None)
@given(
    vs.candidates(max_size=9, attributes=vs.GENDER),
    st.integers(1, 9),
    st.integers(0, 9),
    st.randoms(),
)
def test_one_womens_minimum_elects_the_top_men_up_to_their_share_and_the_top_women(
    cands, seats, minimum, rnd
):
    # The closed form of the Labour practice for a single minimum, computed independently of
    # the count: if the top N hold fewer than m women, the top m women and the top N - m men.
    n = len(cands)
    genders = [c.attributes["gender"] for c in cands]
    votes = rnd.sample(range(1, 1000), n)  # distinct: no ties to break
    profile = Profile.from_totals(dict(zip(cands, votes, strict=True)))
    to_fill = min(seats, n)
    women = [i for i in range(n) if genders[i] == "F"]
    men = [i for i in range(n) if genders[i] == "M"]
    assume(minimum <= min(len(women), to_fill))  # feasible
    by_votes = sorted(range(n), key=lambda i: -votes[i])
    top = by_votes[:to_fill]
    if sum(genders[i] == "F" for i in top) >= minimum:
        expected = set(top)
    else:
        w = sorted(women, key=lambda i: -votes[i])[:minimum]
        m = sorted(men, key=lambda i: -votes[i])[: to_fill - minimum]
        expected = set(w) | set(m)
    result = votecount.count(
        profile, "block", seats=seats, constraints=[Constraint("gender", "F", at_least=minimum)]
    )
    assert {profile.candidate(c) for c in result.elected} == expected
    # and the order of election is the order of the votes
    assert [votes[profile.candidate(c)] for c in result.elected] == sorted(
        (votes[i] for i in expected), reverse=True
    )


# -- the command line ------------------------------------------------------------------

# A BLT file (ranked papers): fptp counts each for its first preference.
SMALL_BLT = """\
3 1
40 1 2 0
35 2 0
30 3 1 0
0
"Adams"
"Brown"
"Clark"
"Small ward"
"""

SMALL_TOML = """\
[candidates]
Adams = { gender = "M" }
Brown = { gender = "M" }
Clark = { gender = "F" }

[[constraint]]
attribute = "gender"
value = "F"
at_least = 1
"""


def run_cli(args, capsys) -> tuple[int, str, str]:
    from votecount.cli import main

    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_counts_with_a_constraint_file_beside_the_ballots(tmp_path, capsys):
    ballots = tmp_path / "small.blt"
    ballots.write_text(SMALL_BLT, encoding="utf-8")
    rules = tmp_path / "small.toml"
    rules.write_text(SMALL_TOML, encoding="utf-8")
    status, out, _ = run_cli(["count", ballots, "--rule", "fptp"], capsys)
    assert status == 0 and "Elected, in order: Adams" in out
    status, out, err = run_cli(["count", ballots, "--rule", "fptp", "--constraints", rules], capsys)
    assert status == 0, err
    assert "Elected, in order: Clark" in out
    assert "skipped: electing Adams would leave no seats" in out


def test_cli_at_least_and_at_most_options(tmp_path, capsys):
    ballots = tmp_path / "small.blt"
    ballots.write_text(SMALL_BLT, encoding="utf-8")
    rules = tmp_path / "genders.toml"
    rules.write_text(SMALL_TOML.split("[[constraint]]")[0], encoding="utf-8")
    args = ["count", ballots, "--rule", "fptp", "--constraints", rules]
    status, out, err = run_cli([*args, "--at-most", "gender=M:0"], capsys)
    assert status == 0, err
    assert "Elected, in order: Clark" in out
    status, out, err = run_cli([*args, "--at-least", "gender=F:2"], capsys)
    assert status == 2
    assert "at least 2 of gender=F" in err


def test_cli_names_the_constraint_file_for_an_unknown_candidate(tmp_path, capsys):
    ballots = tmp_path / "small.blt"
    ballots.write_text(SMALL_BLT, encoding="utf-8")
    rules = tmp_path / "typo.toml"
    rules.write_text('[candidates]\nAdamz = { gender = "M" }\n', encoding="utf-8")
    status, _, err = run_cli(["count", ballots, "--rule", "fptp", "--constraints", rules], capsys)
    assert status == 2
    assert str(rules) in err and "'Adamz'" in err


def test_fractional_weights_count_exactly_and_print():
    """Electoral-college papers carry exact fractional weights (share / turnout)."""
    from fractions import Fraction

    from votecount import PluralityBallot, Profile, count

    profile = Profile("AB", [PluralityBallot({0}, Fraction(1, 3)), PluralityBallot({1}, Fraction(1, 2))])
    result = count(profile, "fptp")
    assert [c.name for c in result.elected] == ["B"]
    assert result.totals[result.candidate("A")] == Fraction(1, 3)
    assert "Valid papers: 0.83333~" in str(result)
