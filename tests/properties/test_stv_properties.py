"""Properties every STV count must have, on generated ranked profiles (hypothesis)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import votecount
from votecount import Profile, RankedBallot
from votecount.strategies import candidates, profiles, ranked_ballots, weights

# 2 to 6 candidates, 1 to 20 ballots (each ranking a prefix of a permutation), weights 1 to 9.
RANKED_PROFILES = profiles(
    candidates=candidates(min_size=2, max_size=6), max_ballots=20, weight=weights(max_value=9)
)


def seats_for(profile: Profile, data: st.DataObject) -> int:
    return int(data.draw(st.integers(1, len(profile.candidates))))


RULES = [
    ("scottish-stv", {}),
    ("ers97", {}),
    ("northern-ireland", {}),
    ("australian-senate", {}),
    ("act-hare-clark", {}),
    ("stv", {}),
    ("stv", {"surplus": "uig", "places": 2}),
    ("stv", {"surplus": "last-parcel", "places": 3, "exclusion_transfer": "by-value"}),
    ("stv", {"exclusion": "bulk", "elect_on": "exceed", "quota": "droop-exact"}),
]


@settings(max_examples=100, deadline=None)
@given(profile=RANKED_PROFILES, data=st.data(), which=st.sampled_from(range(len(RULES))))
def test_votes_are_conserved_and_seats_filled(profile: Profile, data: st.DataObject, which: int) -> None:
    rule, options = RULES[which]
    seats = seats_for(profile, data)
    result = votecount.count(profile, rule, seats=seats, seed=1, **options)
    assert len(result.elected) == min(seats, len(profile.candidates))
    assert len(set(result.elected)) == len(result.elected)
    elected: set[Any] = set()
    reach = result.options["elect_on"] == "reach"
    for r in result.rounds:
        assert r.total == result.valid_poll
        elected |= set(r.elected)
        assert r.quota is not None
        quota = r.quota
        waiting = [c for c, v in r.votes.items() if c not in elected and (v >= quota if reach else v > quota)]
        if (
            result.options.get("unbroken_election_tie") == "elect-none"
            and len(waiting) > seats - len(elected)
            and len({r.votes[c] for c in waiting}) == 1
        ):
            continue  # ERS97 5.2.5/5.6: equal at every stage for fewer places: none elected yet
        for cand in waiting:
            if len(elected) < seats:
                raise AssertionError(f"{cand} has the quota at stage {r.number} but is not elected")


@settings(max_examples=40, deadline=None)
@given(profile=RANKED_PROFILES, data=st.data())
def test_result_does_not_depend_on_ballot_order(profile: Profile, data: st.DataObject) -> None:
    seats = seats_for(profile, data)
    shuffled = data.draw(st.permutations(profile.ballots))
    again = Profile(profile.candidates, shuffled)
    first = votecount.count(profile, "scottish-stv", seats=seats, seed=5)
    second = votecount.count(again, "scottish-stv", seats=seats, seed=5)
    assert first.elected == second.elected
    assert first.rounds == second.rounds


@settings(max_examples=40, deadline=None)
@given(profile=RANKED_PROFILES, data=st.data())
def test_splitting_a_weighted_ballot_changes_nothing_in_exact_arithmetic(
    profile: Profile, data: st.DataObject
) -> None:
    seats = seats_for(profile, data)
    index = data.draw(st.integers(0, len(profile.ballots) - 1))
    ballots = list(profile.ballots)
    target = ballots.pop(index)
    assert isinstance(target, RankedBallot)
    if target.weight < 2:
        ballots.append(target)
    else:
        part = data.draw(st.integers(1, int(target.weight) - 1))
        ballots.append(RankedBallot(target.ranking, part, id="split-1"))
        ballots.append(RankedBallot(target.ranking, target.weight - part, id="split-2"))
    split = Profile(profile.candidates, ballots)
    whole = votecount.count(profile, "stv", seats=seats, seed=3)
    parts = votecount.count(split, "stv", seats=seats, seed=3)
    assert whole.elected == parts.elected
    assert [r.votes for r in whole.rounds] == [r.votes for r in parts.rounds]


def with_equal_rankings_and_a_withdrawal(profile: Profile) -> st.SearchStrategy[Profile]:
    """The profile with up to 4 more papers, each ranking two candidates equal at some place,
    and (with 3 or more candidates) perhaps one candidate withdrawn."""
    n = len(profile.candidates)
    equal = ranked_ballots(n, min_length=2, equal_rankings=True, weight=weights(max_value=5)).filter(
        lambda b: any(isinstance(p, frozenset) for p in b.ranking)
    )
    return st.builds(
        lambda extra, withdrawn: Profile(profile.candidates, [*profile.ballots, *extra], withdrawn=withdrawn),
        st.lists(equal, max_size=4),
        st.sets(st.integers(0, n - 1), max_size=1 if n >= 3 else 0),
    )


@settings(max_examples=60, deadline=None)
@given(
    profile=RANKED_PROFILES.flatmap(with_equal_rankings_and_a_withdrawal),
    data=st.data(),
    which=st.sampled_from(range(len(RULES))),
)
def test_withdrawn_candidates_and_equal_rankings(profile: Profile, data: st.DataObject, which: int) -> None:
    rule, options = RULES[which]
    standing = len(profile.candidates) - len(profile.withdrawn)
    seats = int(data.draw(st.integers(1, standing)))
    result = votecount.count(profile, rule, seats=seats, seed=2, **options)
    withdrawn = {profile.candidates[c] for c in profile.withdrawn}
    assert set(result.withdrawn) == withdrawn
    assert not withdrawn & set(result.elected)
    assert len(result.elected) == min(seats, standing)
    for r in result.rounds:
        assert not withdrawn & set(r.votes)
        assert r.total == result.valid_poll


def test_ers97_candidates_equal_at_the_quota_for_the_last_place_wait_for_lot() -> None:
    """Found by hypothesis: A 6, B 6, one seat. ERS97 elects neither at stage 1 (equal at
    every stage for fewer places), and lot settles it."""
    profile = Profile("AB", [RankedBallot((0,), 6), RankedBallot((1,), 6)])
    result = votecount.count(profile, "ers97", seats=1, seed=1)
    assert len(result.elected) == 1
    assert any("none of them elected" in note for note in result.notes)
    assert any("lot" in tie.method for tie in result.ties)
