"""The STV engine's options on small elections whose figures can be checked by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest

import votecount
from votecount import Profile, RankedBallot
from votecount.errors import RuleError
from votecount.rules.stv import TRANSFER_METHODS, Count, STVOptions, WeightedInclusiveGregory, count_stv
from votecount.rules.stv.engine import run, start_count
from votecount.ties import Refuse


def names(cands: object) -> list[str]:
    return [c.name for c in cands]  # type: ignore[attr-defined]


def votes(result: votecount.Result, number: int) -> dict[str, object]:
    return {c.name: v for c, v in result.rounds[number - 1].votes.items()}


def test_exact_arithmetic_reports_fractions() -> None:
    profile = Profile.from_rankings("ABC", [("AB", 4), ("AC", 2), ("B", 1), ("C", 3)])
    result = votecount.count(profile, "stv", seats=2)
    assert result.places is None
    # A's surplus 2 over 6 votes: each paper passes at exactly 1/3.
    assert votes(result, 2) == {"A": 4, "B": Fraction(7, 3), "C": Fraction(11, 3)}
    assert result.rounds[1].lost_to_fractions == 0
    assert names(result.elected) == ["A", "C"]


def test_withdrawn_candidates_are_skipped_on_every_paper() -> None:
    profile = Profile.from_rankings(
        "ABCD", [("DA", 3), ("B", 2), ("CB", 2)], withdrawn={3}
    )
    # D's papers count for A: A 3, B 2, C 2 (quota 4). B and C tie with no earlier stage,
    # so lot decides the exclusion; either way A is elected.
    result = votecount.count(profile, "scottish-stv", seats=1, seed=3)
    assert names(result.withdrawn) == ["D"]
    assert "D" not in votes(result, 1)
    assert str(votes(result, 1)["A"]) == "3.00000"
    assert result.ties[0].method == "lot (seed 3)"
    assert names(result.elected) == ["A"] or len(result.elected) == 1


def test_equal_rankings_end_the_paper_or_are_refused() -> None:
    ballots = [
        RankedBallot([0, frozenset({1, 2})], 3),  # A, then B=C: non-transferable after A
        RankedBallot([frozenset({0, 1})], 1),  # A=B first: no unique first preference
        RankedBallot([1], 2),
        RankedBallot([2], 1),
    ]
    profile = Profile("ABC", ballots)
    result = votecount.count(profile, "stv", seats=1)
    assert result.valid_poll == 6
    assert any("not part of the valid poll" in n for n in result.notes)
    assert votes(result, 1) == {"A": 3, "B": 2, "C": 1}
    with pytest.raises(RuleError, match="equal"):
        votecount.count(profile, "stv", seats=1, equal_rankings="refuse")


def test_fractional_weights_are_counted_exactly() -> None:
    profile = Profile("AB", [RankedBallot([0], Fraction(1, 2)), RankedBallot([1], Fraction(1, 3))])
    result = votecount.count(profile, "stv", seats=1)
    assert result.valid_poll == Fraction(5, 6)
    assert names(result.elected) == ["A"]


def test_fewer_candidates_than_seats_elects_them_all() -> None:
    profile = Profile.from_rankings("AB", [("A", 1), ("B", 1)])
    result = votecount.count(profile, "scottish-stv", seats=3)
    assert sorted(names(result.elected)) == ["A", "B"]


def test_unknown_options_and_methods_are_refused() -> None:
    profile = Profile.from_rankings("AB", [("A", 1)])
    with pytest.raises(RuleError, match="unknown STV options"):
        votecount.count(profile, "stv", colour="red")
    with pytest.raises(RuleError, match="bad STV option"):
        votecount.count(profile, "stv", quota="imperial")
    with pytest.raises(RuleError, match="unknown STV preset"):
        votecount.count(profile, "stv", preset="atlantis")
    with pytest.raises(RuleError, match="unknown surplus method"):
        votecount.count(profile, "stv", surplus="nonsense")
    assert {"wigm", "uig", "last-parcel"} <= set(TRANSFER_METHODS)


def test_unweighted_gregory_shares_the_surplus_over_papers() -> None:
    # Quota floor(12/3)+1 = 5. A: 8 papers, surplus 3. B excluded first would not happen:
    # A's surplus goes first. UIG: 3 / 8 papers = 0.375 each -> 0.37 at 2 places truncated.
    # 6 papers A>B give B 2.22; 2 papers A>C give C 0.74; 3 - 8 x 0.37 = 0.04 lost.
    profile = Profile.from_rankings("ABC", [("AB", 6), ("AC", 2), ("B", 1), ("C", 3)])
    options = STVOptions(surplus="uig", places=2)
    result = count_stv(profile, seats=2, ties=Refuse(), options=options)
    assert [str(v) for v in votes(result, 2).values()] == ["5.00", "3.22", "3.74"]
    assert str(result.rounds[1].lost_to_fractions) == "0.04"


def test_transferable_papers_only_with_a_cap() -> None:
    # A has 8 papers, surplus 3, but only the 2 A>B papers are transferable:
    # 3 / 2 = 1.5 per paper, capped at the paper's value of 1; the other 1.00 of the
    # surplus is non-transferable.
    profile = Profile.from_rankings("ABC", [("AB", 2), ("A", 6), ("B", 1), ("C", 3)])
    options = STVOptions(
        surplus="uig", places=2, transfer_value_papers="transferable", cap_transfer_value=True
    )
    result = count_stv(profile, seats=2, ties=Refuse(), options=options)
    stage2 = result.rounds[1]
    assert str(votes(result, 2)["B"]) == "3.00"
    assert str(stage2.exhausted_change) == "1.00"
    assert stage2.lost_change == 0


def test_capped_excess_can_be_shown_as_lost() -> None:
    profile = Profile.from_rankings("ABC", [("AB", 2), ("A", 6), ("B", 1), ("C", 3)])
    options = STVOptions(
        surplus="uig",
        places=2,
        transfer_value_papers="transferable",
        cap_transfer_value=True,
        capped_excess="lost",
    )
    result = count_stv(profile, seats=2, ties=Refuse(), options=options)
    assert str(result.rounds[1].lost_change) == "1.00"
    assert result.rounds[1].exhausted_change == 0


def test_last_parcel_uses_only_the_papers_that_elected() -> None:
    # 12 papers, 2 seats, quota floor(12/3)+1 = 5. Stage 1: A 4, B 3, C 3, D 2.
    # Stage 2: D excluded, both papers to A: A 6 >= 5, elected.
    # Last parcel = D's 2 papers; surplus 1 / 2 papers = 0.5 each, to B: B 4.
    profile = Profile.from_rankings("ABCD", [("AC", 4), ("B", 3), ("C", 3), ("DAB", 2)])
    options = STVOptions(surplus="last-parcel", places=2)
    result = count_stv(profile, seats=2, ties=Refuse(), options=options)
    stage3 = result.rounds[2]
    assert stage3.description == "Surplus of A"
    assert [str(t.transfer_value) for t in stage3.transfers] == ["0.50"]
    assert str(votes(result, 3)["B"]) == "4.00"
    assert str(votes(result, 3)["C"]) == "3.00"


def test_exclusion_parcel_by_parcel_is_one_stage_per_value() -> None:
    profile = Profile.from_rankings("ABC", [("AB", 4), ("AC", 2), ("B", 1), ("C", 3)])
    options = STVOptions(places=5, exclusion_transfer="by-value")
    result = count_stv(profile, seats=2, ties=Refuse(), options=options)
    # after A's surplus (0.33333 a paper), B holds 1 paper at 1 and 4 at 0.33333; excluding
    # B moves them in two stages, value 1 first; none has a further preference.
    descriptions = [r.description for r in result.rounds]
    assert descriptions[2:] == ["Exclusion of B", "Exclusion of B (papers at 0.33333)"]
    assert [str(r.exhausted_change) for r in result.rounds[2:]] == ["1.00000", "1.33332"]
    assert names(result.rounds[3].elected) == ["C"]
    for r in result.rounds:
        assert r.total == result.valid_poll



@pytest.mark.parametrize("name", ["42", "513", "SC", "SC-Vm-12"])
def test_exact_wigm_agrees_with_droops_rational_wigm(name: str) -> None:
    # Droop's generic WIGM: quota votes/(seats+1) unrounded, elected on exceeding it,
    # rational arithmetic; its report prints 12 places, rounded.
    from decimal import ROUND_HALF_UP, Decimal, localcontext

    from stv_droop import droop_blt, droop_final

    def shown(q: object) -> str:
        f = Fraction(q)  # type: ignore[arg-type]
        with localcontext() as ctx:
            ctx.prec = 60
            value = (Decimal(f.numerator) / Decimal(f.denominator)).quantize(
                Decimal("1e-12"), rounding=ROUND_HALF_UP
            )
            return f"{value:f}"

    result = votecount.count(droop_blt(name), "stv", quota="droop-exact", elect_on="exceed", seed=1)
    elected, nontransferable, residual = droop_final(name, "wigm-rational-d12")
    assert shown(0) == residual
    final = result.rounds[-1]
    assert {c.name: shown(final.votes[c]) for c in result.elected} == elected
    assert shown(final.exhausted) == nontransferable


def test_a_transfer_method_of_ones_own_runs_in_the_same_stage_loop() -> None:
    """A method written elsewhere plugs into the one loop through the documented protocol
    (here passed to the engine directly rather than listed in its table): one that moves
    every pending surplus in one stage, each by WIGM."""

    class AllSurplusesAtOnce(WeightedInclusiveGregory):
        name = "test-all-at-once"
        simultaneous = True

        def transfer_surplus(self, count: Count, sources: object) -> None:
            super().transfer_surplus(count, list(sources))  # type: ignore[call-overload]

    # 20 papers, 3 seats, quota 6: A 7 and B 7 both have a surplus of 1 at stage 1.
    profile = Profile.from_rankings("ABCD", [("AC", 7), ("BC", 7), ("C", 3), ("D", 3)])
    count = start_count(profile, 3, Refuse(), STVOptions(), "stv", method=AllSurplusesAtOnce())
    result = run(count)
    assert result.rounds[1].description == "Surpluses of A, B"
    assert votes(result, 2)["C"] == 3 + Fraction(1, 7) * 7 * 2
    one_at_a_time = votecount.count(profile, "stv", seats=3, tie_order=["A", "B", "C", "D"])
    assert [r.description for r in one_at_a_time.rounds[1:3]] == ["Surplus of A", "Surplus of B"]
    assert result.elected == one_at_a_time.elected


def test_first_preferences_move_before_other_papers_of_the_same_value() -> None:
    # 22 papers, 2 seats, quota floor(22/3)+1 = 8. A 9 (A>B): surplus 1 at 1/9 a paper, so
    # B gets 1 (stage 2). D (1, D>B>C) is excluded: B 4 (stage 3). B is excluded next; B
    # holds 2 first preferences (B>C), D's paper at 1, and A's 9 papers at 1/9.
    profile = Profile.from_rankings(
        "ABCDE", [("AB", 9), ("BC", 2), ("DBC", 1), ("C", 5), ("E", 5)]
    )
    ni_style = votecount.count(profile, "stv", seats=2, exclusion_transfer="first-preferences-then-by-value")
    # NI: B's first preferences first (C 7), then the other papers at 1 (C 8: elected,
    # every seat filled, so A's papers at 1/9 never move).
    assert [r.description for r in ni_style.rounds[3:]] == ["Exclusion of B", "Exclusion of B (papers at 1)"]
    assert names(ni_style.elected) == ["A", "C"]
    by_value = votecount.count(profile, "stv", seats=2, exclusion_transfer="by-value")
    assert [r.description for r in by_value.rounds[3:]] == ["Exclusion of B"]
    assert votes(by_value, 4)["C"] == 8


def test_bulk_exclusion_limit_below_or_at_most_the_next_candidate() -> None:
    # 20 papers, 2 seats, quota 7: A (10) is elected and the surplus goes nowhere. Then
    # B 5, C 3, D 2: D + C = 5 is not less than B's 5 but does not exceed it either.
    profile = Profile.from_rankings("ABCD", [("A", 10), ("B", 5), ("C", 3), ("D", 2)])
    at_most = votecount.count(profile, "stv", seats=2, exclusion="bulk", bulk_limit="at-most-next")
    below = votecount.count(profile, "stv", seats=2, exclusion="bulk")
    assert at_most.rounds[2].description == "Exclusion of D, C"
    assert below.rounds[2].description == "Exclusion of D"
    assert names(at_most.elected) == names(below.elected) == ["A", "B"]


def test_a_proposed_exclusion_leaving_as_many_as_places_elects_them_instead() -> None:
    # 1 seat, quota 6 of 10: A 4, B 3, C 3 -> nobody. C and B tie at 3 (no earlier stage),
    # so give B one more: A 4, B 4, C 2. Excluding C would leave A and B for one place, so
    # C goes (stage 2: C's papers to A: A 6, elected).
    profile = Profile.from_rankings("ABC", [("A", 4), ("B", 4), ("CA", 2)])
    result = votecount.count(profile, "stv", seats=1, elect_before_last_exclusion=True)
    assert [r.description for r in result.rounds] == ["First preferences", "Exclusion of C"]
    # with 2 seats, excluding C would leave A and B for two places: both are elected at
    # once and C's papers never move.
    two = votecount.count(profile, "stv", seats=2, quota="hare", elect_before_last_exclusion=True)
    assert len(two.rounds) == 1
    assert sorted(names(two.elected)) == ["A", "B"]
    assert "proposed exclusion" in two.rounds[0].events[-1].reason


def test_a_surplus_transfer_accounts_for_every_vote_it_sends():
    """Each source's parcels add up to its surplus: credited + non-transferable + lost."""
    import votecount
    from votecount import examples

    for rule in ("scottish-stv", "stv", "ers97", "australian-senate", "act-hare-clark"):
        result = votecount.count(votecount.read(examples.path()), rule)
        for stage in result.rounds:
            surplus = [t for t in stage.transfers if t.kind == "surplus"]
            if not surplus:
                continue
            sent = sum(t.moved + t.exhausted + t.lost for t in surplus)
            assert sent == -stage.changes[surplus[0].source], (rule, stage.number)
            assert sum(t.lost for t in surplus) == stage.lost_change, (rule, stage.number)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("quota", "bogus", "'quota' must be in"),
        ("places", "x", "places must be a whole number or None, not 'x'"),
        ("places", 2.5, "places must be a whole number or None"),
        ("elect_remaining", 1, "elect_remaining is true or false, not 1"),
        ("top_after_first", "2", "top_after_first must be a whole number"),
    ],
)
def test_a_bad_stv_option_is_a_rule_error_naming_it(option: str, value: object, message: str) -> None:
    profile = Profile.from_rankings("AB", [("A", 2), ("B", 1)])
    with pytest.raises(RuleError, match=message) as info:
        votecount.count(profile, "stv", **{option: value})
    assert "Attribute(" not in str(info.value)
