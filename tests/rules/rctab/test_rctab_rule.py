"""The ``rctab`` rule of the table: a profile counted by RCTab's loop, ties to the count's
policy, RCTab's options by name."""

from __future__ import annotations

import pytest

import votecount
from votecount.errors import OptionError, RuleError, TieError

# A 40, B 35, C 25; C's papers go 15 to B, 10 nowhere.
PROFILE = votecount.Profile.from_rankings(
    "ABC", [("A", 40), ("B", 35), ("CB", 15), ("C", 10)]  # type: ignore[list-item]
)


def test_one_seat_is_the_alternative_vote() -> None:
    # Round 1: 100 active, threshold 51: nobody; C eliminated. Round 2: A 40, B 50 of 90
    # active, threshold 46: B elected. The alternative vote (more than half of the votes
    # still in the count) elects B at the same round.
    result = votecount.count(PROFILE, "rctab")
    assert [c.name for c in result.elected] == ["B"]
    assert [r.quota for r in result.rounds] == [51, 46]
    assert result.rounds[1].inactive["exhausted choices"] == 10
    assert votecount.count(PROFILE, "irv").elected == result.elected


def test_rctab_options_by_name_and_refusals() -> None:
    # Hare quota for two seats: ceil(100 / 2) = 50; nobody has it in round 1, C goes, B then
    # has 50 and is elected, and A, the last continuing for the last seat, with it.
    result = votecount.count(PROFILE, "rctab", seats=2, hare_quota=True)
    assert result.rounds[0].quota == 50
    assert sorted(c.name for c in result.elected) == ["A", "B"]
    with pytest.raises(RuleError, match="unknown option"):
        votecount.count(PROFILE, "rctab", look_back="earliest")


def test_ties_go_to_the_count_policy() -> None:
    tied = votecount.Profile.from_rankings("AB", ["A", "B"])
    with pytest.raises(TieError):
        votecount.count(tied, "rctab", tiebreak_mode="ask")
    assert [c.name for c in votecount.count(tied, "rctab", tie_order=["B", "A"]).elected] == ["B"]


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"election_mode": "multi-pass", "hare_quota": True}, "hare_quota only"),
        ({"election_mode": "bottoms-up", "hare_quota": True}, "hare_quota only"),
        ({"election_mode": "single-winner", "non_integer_threshold": True}, "non_integer_threshold only"),
        ({"hare_quota": True, "non_integer_threshold": True}, "not both"),
    ],
)
def test_a_quota_rctab_refuses_with_the_election_mode_is_refused(
    options: dict[str, object], named: str
) -> None:
    """RCTab refuses a Hare quota or a non-whole threshold outside its two multi-seat modes
    (a multi-pass count's passes elect one each: a Hare quota of a pass with no votes left
    would elect every candidate at once), and both together."""
    with pytest.raises(OptionError, match=named):
        votecount.count(PROFILE, "rctab", seats=2, **options)  # type: ignore[arg-type]
    one = votecount.count(PROFILE, "rctab", seats=2, election_mode="one-winner-per-round", hare_quota=True)
    assert one.rounds[0].quota == 50
