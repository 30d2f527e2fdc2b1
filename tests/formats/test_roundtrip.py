"""Round trips for every format, and the grouping invariants, on generated profiles."""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Literal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from votecount import PluralityBallot, Profile, RankedBallot
from votecount import strategies as vs
from votecount.formats import dumps, loads

# Everything a ballot file can carry, drawn by the public strategies: free-text candidate
# names, ids that differ from them, attributes a candidate may lack, 0 to 8 papers with
# whole or exact fractional weights and ids, places holding up to 3 equal candidates,
# seats, a title, withdrawn candidates and a tie-break order.
ATTRIBUTES = {"gender": ("F", "M", "N"), "region": ("F", "M", "N")}
WEIGHTS = st.one_of(
    vs.weights("int", max_value=1000), vs.weights("fraction", max_value=50, max_denominator=12)
)


def profiles(
    *,
    kind: Literal["ranked", "plurality"] = "ranked",
    equal: bool = True,
    ids: bool = True,
    attributes: bool = True,
    nick_ids: bool = True,
) -> st.SearchStrategy[Profile]:
    """Profiles a format should hold exactly (options say what the format cannot hold)."""
    return vs.profiles(
        kind,
        candidates=vs.candidates(
            names=vs.names(),
            ids=nick_ids,
            attributes=ATTRIBUTES if attributes else None,
            partial_attributes=True,
        ),
        min_ballots=0,
        max_ballots=8,
        weight=WEIGHTS,
        max_marks=None,  # plurality papers: up to the seats
        equal_rankings=equal,
        max_equal=3,
        ballot_ids=vs.ballot_ids() if ids else None,
        seats=True,
        title=vs.names(min_size=0, max_size=20),
        max_withdrawn=2,
        tie_order=True,
    )


def drawn(strategy: st.SearchStrategy[Profile], n: int = 200) -> list[Profile]:
    """``n`` profiles the strategy draws (always the same ones: derandomized, no shrinking)."""
    from hypothesis import Phase

    out: list[Profile] = []

    @settings(max_examples=n, database=None, derandomize=True, phases=[Phase.generate])
    @given(strategy)
    def collect(profile: Profile) -> None:
        out.append(profile)

    collect()
    return out


def test_the_profiles_carry_every_particular_a_file_can() -> None:
    """The round trips below are only as strong as what the strategy draws: each particular
    is drawn (so a change to the public strategies cannot quietly drop one), and each option
    that a format cannot hold is really left out."""

    def places(p: Profile) -> list[Any]:
        return [x for b in p.ballots if isinstance(b, RankedBallot) for x in b.ranking]

    def ties(b: Any) -> int:
        return sum(not isinstance(x, int) for x in b.ranking)

    ranked, plural = drawn(profiles(), 100), drawn(profiles(kind="plurality"), 60)
    wanted = {
        "a ballot id": lambda p: any(b.id for b in p.ballots),
        "3 candidates ranked equal": lambda p: any(not isinstance(x, int) and len(x) == 3 for x in places(p)),
        "2 equal places on a ballot": lambda p: any(ties(b) >= 2 for b in p.ballots),
        "a fraction beyond sixths": lambda p: any(
            isinstance(b.weight, Fraction) and b.weight.denominator > 6 for b in p.ballots
        ),
        "a weight above 600": lambda p: any(b.weight > 600 for b in p.ballots),
        "candidate ids": lambda p: any(c.id != c.name for c in p.candidates),
        "a name beyond ASCII": lambda p: any(not c.name.isascii() for c in p.candidates),
        "a candidate lacking an attribute": lambda p: any(len(c.attributes) == 1 for c in p.candidates),
        "two attributes": lambda p: any(len(c.attributes) == 2 for c in p.candidates),
        "2 withdrawn": lambda p: len(p.withdrawn) == 2,
        "a tie order": lambda p: bool(p.tie_order),
        "a title": lambda p: bool(p.title),
        "several seats": lambda p: (p.seats or 0) > 1,
        "no ballots": lambda p: not p.ballots,
    }
    missing = [what for what, seen in wanted.items() if not any(map(seen, ranked))]
    assert not missing, f"the round-trip profiles never draw: {missing}"
    assert all(p.seats is not None for p in ranked + plural)
    assert any(len(b.marks) > 1 for p in plural for b in p.ballots if isinstance(b, PluralityBallot))
    assert any(b.id for p in plural for b in p.ballots)
    assert all(c.id == c.name for p in drawn(profiles(nick_ids=False), 25) for c in p.candidates)
    assert not any(c.attributes for p in drawn(profiles(attributes=False), 25) for c in p.candidates)
    assert all(b.id is None for p in drawn(profiles(ids=False), 25) for b in p.ballots)
    assert not any(isinstance(x, frozenset) for p in drawn(profiles(equal=False), 25) for x in places(p))


def round_trip(profile: Profile, fmt: str, **opts: Any) -> Profile:
    text = dumps(profile, fmt, **opts)
    back = loads(text, fmt, policy="as-cast")
    assert back.validation is not None and back.validation.balances
    assert back.validation.set_aside == 0 and back.validation.repaired == {}
    return back


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(profiles(attributes=False))
def test_blt_round_trip(profile: Profile) -> None:
    assert round_trip(profile, "blt") == profile


@SETTINGS
@given(profiles())
def test_json_round_trip_ranked(profile: Profile) -> None:
    assert round_trip(profile, "json") == profile


@SETTINGS
@given(profiles(kind="plurality"))
def test_json_round_trip_plurality(profile: Profile) -> None:
    assert round_trip(profile, "json") == profile


@SETTINGS
@given(profiles())
def test_csv_preferences_round_trip(profile: Profile) -> None:
    assert round_trip(profile, "csv") == profile


@SETTINGS
@given(profiles())
def test_csv_ranks_round_trip(profile: Profile) -> None:
    assert round_trip(profile, "csv", layout="ranks") == profile


@SETTINGS
@given(profiles(kind="plurality"))
def test_csv_marks_round_trip(profile: Profile) -> None:
    assert round_trip(profile, "csv") == profile


@SETTINGS
@given(profiles(ids=False))
def test_toi_round_trip(profile: Profile) -> None:
    assert round_trip(profile, "toi") == profile


@SETTINGS
@given(profiles(ids=False, equal=False))
def test_soi_round_trip(profile: Profile) -> None:
    assert round_trip(profile, "soi") == profile


@SETTINGS
@given(profiles(), st.randoms(use_true_random=False))
def test_grouping_ignores_ballot_order(profile: Profile, rnd: Any) -> None:
    papers = list(profile.ballots)
    rnd.shuffle(papers)
    assert (
        Profile(
            profile.candidates,
            papers,
            seats=profile.seats,
            title=profile.title,
            withdrawn=profile.withdrawn,
            tie_order=profile.tie_order,
        )
        == profile
    )


@SETTINGS
@given(profiles(), st.data())
def test_grouping_ignores_splitting_a_weighted_ballot(profile: Profile, data: Any) -> None:
    papers: list[Any] = []
    for b in profile.ballots:
        assert isinstance(b, RankedBallot)
        parts = data.draw(st.integers(1, 4))
        share = Fraction(b.weight) / parts
        papers += [RankedBallot(b.ranking, share, b.id) for _ in range(parts)]
    split = Profile(
        profile.candidates,
        papers,
        seats=profile.seats,
        title=profile.title,
        withdrawn=profile.withdrawn,
        tie_order=profile.tie_order,
    )
    assert split == profile
    assert split.total_weight == profile.total_weight


@SETTINGS
@given(
    st.lists(st.lists(st.integers(0, 300), min_size=1, max_size=5, unique=True).map(tuple), max_size=30),
    st.lists(st.sampled_from([1, 1, 2, Fraction(1, 2)]), min_size=30, max_size=30),
)
def test_grouping_is_sorted_by_ranking_and_adds_weights(
    rankings: list[tuple[int, ...]], ws: list[Any]
) -> None:
    from votecount.grouping import group_ballots

    for papers in (
        [RankedBallot(r) for r in rankings],  # single papers
        [RankedBallot(r, w) for r, w in zip(rankings, ws, strict=False)],  # weighted
    ):
        grouped = group_ballots(papers)
        assert [b.ranking for b in grouped] == sorted({p.ranking for p in papers})
        for b in grouped:
            assert b.weight == sum((p.weight for p in papers if p.ranking == b.ranking), 0)
            assert type(b.weight) is int or b.weight.denominator != 1
