"""The ballot generators: reproducible, the right totals, and the shape each model promises."""

from __future__ import annotations

import math
from random import Random
from statistics import NormalDist

import pytest

from helpers import DOCS
from votecount import Candidate, PluralityBallot, Profile, RankedBallot
from votecount.generate import (
    Bloc,
    Lengths,
    ballot_lengths,
    blocs_by,
    candidate_names,
    first_preferences,
    impartial_culture,
    multinomial,
    plackett_luce,
    popularity,
    slate_model,
    spatial_model,
)
from votecount.generate.sampling import _rejection_lengths

MODELS = {
    "impartial": lambda seed, **kw: impartial_culture(6, 3000, seed=seed, **kw),
    "plackett-luce": lambda seed, **kw: plackett_luce(6, 3000, popularity(6), seed=seed, **kw),
    "slates": lambda seed, **kw: slate_model(
        6, 3000, [Bloc(2, {"A", "B", "C"}), Bloc(1, {"D", "E", "F"})], seed=seed, **kw
    ),
    "spatial": lambda seed, **kw: spatial_model(6, 3000, [0, 1, 2, 3, 4, 5], seed=seed, **kw),
}


def _within(observed: float, expected_share: float, n: int, sigmas: float = 5.0) -> bool:
    """Whether a count is within ``sigmas`` binomial standard deviations of n * share."""
    sd = math.sqrt(n * expected_share * (1 - expected_share))
    return abs(observed - n * expected_share) <= sigmas * sd + 1


@pytest.mark.parametrize("model", sorted(MODELS))
def test_same_seed_same_profile_and_another_seed_another(model):
    make = MODELS[model]
    assert make(7) == make(7)
    assert make("seven") == make("seven")
    assert make(7) != make(8)


@pytest.mark.parametrize("model", sorted(MODELS))
@pytest.mark.parametrize("lengths", [None, Lengths.exactly(2), Lengths.scottish()])
def test_every_voter_casts_one_valid_ballot(model, lengths):
    profile = MODELS[model](3, lengths=lengths)
    assert profile.total_weight == 3000
    for ballot in profile.ballots:
        assert isinstance(ballot, RankedBallot)
        assert 1 <= len(ballot.ranking) <= 6
        assert len(set(ballot.ranking)) == len(ballot.ranking)
        assert not ballot.has_equal_rankings
    if lengths == Lengths.exactly(2):
        assert ballot_lengths(profile) == {2: 3000}
    if lengths is None:
        assert ballot_lengths(profile) == {6: 3000}


@pytest.mark.parametrize("model", sorted(MODELS))
def test_plurality_papers_mark_the_first_preferences(model):
    one = MODELS[model](5, ballots="plurality")
    assert one.kind == "plurality"
    assert one.total_weight == 3000
    assert all(len(b.marks) == 1 for b in one.ballots)
    # one cross is the first preference of the ranked papers drawn from the same seed
    ranked = MODELS[model](5, lengths=Lengths.exactly(1))
    assert first_preferences(one) == first_preferences(ranked)
    three = MODELS[model](5, ballots="plurality", lengths=Lengths.exactly(3))
    assert all(isinstance(b, PluralityBallot) and len(b.marks) == 3 for b in three.ballots)


def test_a_million_voters_are_grouped_into_distinct_ballots():
    profile = plackett_luce(8, 1_000_000, popularity(8), seed=1, lengths=Lengths.scottish())
    assert profile.total_weight == 1_000_000
    assert profile.unique_ballots < 200_000


def test_impartial_culture_is_uniform_over_first_preferences_and_orderings():
    profile = impartial_culture(4, 48_000, seed=11)
    firsts = first_preferences(profile)
    assert all(_within(firsts[c], 1 / 4, 48_000) for c in range(4))
    assert profile.unique_ballots == 24  # every ordering of four turns up
    assert all(_within(b.weight, 1 / 24, 48_000) for b in profile.ballots)


def test_impartial_culture_truncated_ballots_are_uniform_too():
    profile = impartial_culture(5, 20_000, seed=2, lengths=Lengths.exactly(2))
    assert profile.unique_ballots == 20  # 5 * 4 ordered pairs
    assert all(_within(b.weight, 1 / 20, 20_000) for b in profile.ballots)


def test_plackett_luce_first_preferences_follow_strengths():
    strengths = [4.0, 2.0, 1.0, 1.0]
    profile = plackett_luce("ABCD", 40_000, strengths, seed=5)
    firsts = first_preferences(profile)
    for c, s in enumerate(strengths):
        assert _within(firsts[c], s / 8, 40_000)
    # second preferences of A's voters: B with probability 2 / (2 + 1 + 1)
    a_first = [b for b in profile.ballots if b.ranking[0] == 0]
    a_total = sum(b.weight for b in a_first)
    a_then_b = sum(b.weight for b in a_first if b.ranking[1] == 1)
    assert _within(a_then_b, 0.5, a_total)


def test_plackett_luce_strengths_by_name_and_zero_strength_never_ranked():
    profile = plackett_luce("ABC", 500, {"A": 1, "B": 1}, seed=1)
    assert all(2 not in b.ranking for b in profile.ballots)
    assert ballot_lengths(profile) == {2: 500}  # full ranking of the candidates that can be ranked


def test_slate_blocs_rank_their_own_slate_first():
    blocs = [Bloc(3, {"A", "B"}, cohesion=50), Bloc(1, {"C", "D"}, cohesion=50)]
    profile = slate_model("ABCD", 20_000, blocs, seed=9, lengths=Lengths.exactly(2))
    same_slate = sum(b.weight for b in profile.ballots if {b.ranking[0], b.ranking[1]} in ({0, 1}, {2, 3}))
    assert same_slate > 0.9 * 20_000
    firsts = first_preferences(profile)
    assert _within(firsts[0] + firsts[1], 0.75, 20_000, sigmas=8)


def test_blocs_by_party_attribute():
    cands = [
        Candidate("Ann", attributes={"party": "Red"}),
        Candidate("Bob", attributes={"party": "Red"}),
        Candidate("Cat", attributes={"party": "Blue"}),
    ]
    blocs = blocs_by(cands, "party", {"Red": 0.6, "Blue": 0.4}, cohesion=20)
    assert [b.slate for b in blocs] == [frozenset({"Ann", "Bob"}), frozenset({"Cat"})]
    profile = slate_model(cands, 1000, blocs, seed=3, lengths=Lengths.scottish())
    assert profile.candidates == tuple(cands)
    assert profile.total_weight == 1000
    with pytest.raises(ValueError, match="Green"):
        blocs_by(cands, "party", {"Green": 1})
    with pytest.raises(KeyError, match="Zed"):
        slate_model(cands, 10, [Bloc(1, "Zed")], seed=1)
    assert Bloc(1, "Ann").slate == {"Ann"}  # a bare name is one candidate, not its letters


def test_spatial_ballots_are_single_peaked_and_follow_the_electorate():
    profile = spatial_model("LCR", 30_000, [-1.0, 0.0, 1.0], seed=4)
    for b in profile.ballots:
        # nearest first: the centre is never ranked last
        assert b.ranking[-1] != 1
    firsts = first_preferences(profile)
    centre_share = NormalDist().cdf(0.5) - NormalDist().cdf(-0.5)
    assert _within(firsts[1], centre_share, 30_000)
    assert profile.unique_ballots <= 4  # three candidates cut the line into four intervals


def test_spatial_polarised_electorate_and_shared_positions():
    electorate = [(1.0, NormalDist(-2, 0.3)), (1.0, NormalDist(2, 0.3))]
    profile = spatial_model("LCR", 10_000, [-2, 0, 2], seed=4, electorate=electorate)
    firsts = first_preferences(profile)
    assert firsts[1] < 100 < firsts[0] and firsts[2] > 4000
    same = spatial_model("AB", 100, [0, 0], seed=1)
    assert [b.ranking for b in same.ballots] == [(0, 1)]


def test_lengths_fold_beyond_the_number_of_candidates():
    assert Lengths.full().weights(3) == [0, 0, 1]
    assert Lengths.exactly(5).weights(3) == [0, 0, 1]
    assert Lengths.up_to(2).weights(4) == [1, 1, 0, 0]
    geometric = Lengths.geometric(0.5).weights(3)
    assert geometric == pytest.approx([0.5, 0.25, 0.25])
    assert Lengths.geometric(0.5).weights(1) == pytest.approx([1.0])
    scottish = Lengths.scottish()
    assert sum(scottish.weights(8)) == pytest.approx(sum(scottish.weights(20)))
    assert 2.5 < scottish.mean(8) < 4.5
    with pytest.raises(ValueError):
        Lengths.exactly(0)
    with pytest.raises(ValueError):
        Lengths((1.0,), ratio=1.0)
    with pytest.raises(ValueError):
        Lengths((0.0,))


def test_scottish_lengths_match_their_description():
    profile = impartial_culture(8, 50_000, seed=1, lengths=Lengths.scottish())
    lengths = ballot_lengths(profile)
    share = {k: v / 50_000 for k, v in lengths.items()}
    assert share[3] > share[2] > share[1] > share[5]
    assert 0.07 < share[8] < 0.12


def test_multinomial_splits_exactly_and_never_picks_zero_weight():
    rng = Random(1)
    counts = multinomial(rng, 10_000, [0.0, 1.0, 0.0, 3.0, 0.0])
    assert sum(counts) == 10_000
    assert counts[0] == counts[2] == counts[4] == 0
    assert _within(counts[3], 0.75, 10_000)
    assert multinomial(rng, 0, [1.0, 1.0]) == [0, 0]
    assert multinomial(rng, 5, [2.0]) == [5]
    with pytest.raises(ValueError):
        multinomial(rng, 5, [0.0, 0.0])


def test_candidate_names_and_candidates_given_several_ways():
    assert candidate_names(3) == ("A", "B", "C")
    assert candidate_names(28)[25:] == ("Z", "AA", "AB")
    assert impartial_culture(["Ann", "Bob"], 10, seed=1).candidates == (
        Candidate("Ann"),
        Candidate("Bob"),
    )
    p = impartial_culture(3, 10, seed=1, seats=2, title="test")
    assert (p.seats, p.title) == (2, "test")


def test_zero_voters_and_bad_arguments():
    assert impartial_culture(3, 0, seed=1).ballots == Profile("ABC", []).ballots
    with pytest.raises(ValueError):
        impartial_culture(3, -1, seed=1)
    with pytest.raises(ValueError):
        impartial_culture(0, 5, seed=1)
    with pytest.raises(ValueError):
        plackett_luce(3, 5, [1.0, 2.0], seed=1)
    with pytest.raises(ValueError):
        plackett_luce(3, 5, [0.0, 0.0, 0.0], seed=1)
    with pytest.raises(ValueError):
        plackett_luce(3, 5, [1.0, -1.0, 1.0], seed=1)
    with pytest.raises(ValueError):
        spatial_model(3, 5, [0.0, 1.0], seed=1)
    with pytest.raises(ValueError):
        impartial_culture(3, 5, seed=1, ballots="approval")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Bloc(-1, {"A"})


def _ballot_formats() -> list[str]:
    from votecount.formats import FORMATS

    return sorted({"blt", "csv"} & set(FORMATS))


@pytest.mark.parametrize("fmt", _ballot_formats())
def test_a_generated_profile_can_be_handed_to_another_program(fmt, tmp_path):
    from votecount.formats import read, write

    profile = slate_model(
        7, 5000, [Bloc(3, {"A", "B", "C"}), Bloc(2, {"D", "E"})], seed=1, lengths=Lengths.scottish(), seats=3
    )
    path = tmp_path / f"generated.{fmt}"
    write(profile, path)
    again = read(path)
    assert [c.name for c in again.candidates] == [c.name for c in profile.candidates]
    assert again.ballots == profile.ballots
    assert again.validation is not None and again.validation.counted_as_cast == 5000


def test_the_examples_in_docs_generators_run(tmp_path, monkeypatch):
    import doctest

    monkeypatch.chdir(tmp_path)  # the example writes example.blt
    page = DOCS / "generators.md"
    failures, tried = doctest.testfile(
        str(page), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    assert tried > 0 and failures == 0
    assert (tmp_path / "example.blt").exists()


def _digest(profile: Profile) -> str:
    import hashlib

    body = [
        (b.ranking if isinstance(b, RankedBallot) else sorted(b.marks), b.weight) for b in profile.ballots
    ]
    return hashlib.sha256(repr(body).encode()).hexdigest()[:16]


def test_a_seed_gives_the_same_profile_in_every_release():
    """Users (and our own tests) pin expected counts to generated profiles by seed: a change to
    the samplers that changes what a seed draws must be deliberate, and noted in the changelog."""
    scottish = Lengths.scottish()
    blocs = [Bloc(2, {"A", "B"}), Bloc(1, {"C", "D"})]
    assert _digest(impartial_culture(5, 1000, seed=7, lengths=scottish)) == "749d8ed5c6829412"
    assert _digest(plackett_luce(5, 1000, popularity(5), seed=7, lengths=scottish)) == "a3c8d9f890722cce"
    assert _digest(slate_model(5, 1000, blocs, seed=7, lengths=scottish)) == "36420d07e26b7770"
    assert _digest(spatial_model(5, 1000, [0, 1, 2, 3, 4], seed=7, lengths=scottish)) == "e5574b4782e34aaa"
    plural = plackett_luce(5, 1000, popularity(5), seed=7, ballots="plurality", lengths=Lengths.up_to(2))
    assert _digest(plural) == "0c1205d08744804d"


def test_many_candidates_short_ballots_by_rejection_follow_strengths():
    # 40 candidates of Zipf strengths 1/k: the 13 strongest hold 3.180 of H(40) = 4.279 (74%),
    # the 14 strongest 3.252 (76%), so ballots of up to 13 preferences are drawn by rejection
    strengths = popularity(40)
    assert _rejection_lengths(strengths, 40) == 13
    assert _rejection_lengths(strengths[:31], 31) == 0  # fewer than 32: drawn as before
    profile = plackett_luce(40, 10_000, strengths, seed=3, lengths=Lengths.exactly(3))
    assert ballot_lengths(profile) == {3: 10_000}
    assert all(len(set(b.ranking)) == 3 for b in profile.ballots)  # type: ignore[union-attr]
    total = sum(strengths)
    firsts = first_preferences(profile)
    for c in (0, 1, 9):
        assert _within(firsts[c], strengths[c] / total, 10_000)
    # after A first, B second with probability (1/2) / (H(40) - 1)
    a_first = [b for b in profile.ballots if b.ranking[0] == 0]  # type: ignore[union-attr]
    a_total = sum(b.weight for b in a_first)
    a_then_b = sum(b.weight for b in a_first if b.ranking[1] == 1)  # type: ignore[union-attr]
    assert _within(a_then_b, 0.5 / (total - 1), a_total)
