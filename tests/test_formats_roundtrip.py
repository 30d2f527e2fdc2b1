"""Round trips for every format, and the grouping invariants, on generated profiles."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from votecount import Candidate, PluralityBallot, Profile, RankedBallot
from votecount.formats import dumps, loads

NAME_CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))
names_st = st.text(NAME_CHARS, min_size=1, max_size=12).map(str.strip).filter(bool)
weights = st.one_of(
    st.integers(1, 1000), st.fractions(Fraction(1, 12), 50, max_denominator=12).filter(lambda f: f > 0)
)
ballot_ids = st.one_of(st.none(), st.text("abcxyz019 -_", min_size=1, max_size=6))


@st.composite
def candidates_st(draw: Any, *, attributes: bool, nick_ids: bool) -> tuple[Candidate, ...]:
    names = draw(st.lists(names_st, min_size=1, max_size=6, unique=True))
    with_ids = nick_ids and draw(st.booleans())
    out = []
    for i, name in enumerate(names):
        attrs = (
            draw(st.dictionaries(st.sampled_from(["gender", "region"]), st.sampled_from(["F", "M", "N"])))
            if attributes
            else {}
        )
        out.append(Candidate(name, f"c{i}" if with_ids else name, attrs))
    return tuple(out)


@st.composite
def rankings_st(draw: Any, n: int, *, equal: bool) -> tuple[Any, ...]:
    order = draw(st.permutations(range(n)))
    length = draw(st.integers(1, n))
    out: list[Any] = []
    i = 0
    while i < length:
        size = draw(st.integers(1, min(3, length - i))) if equal else 1
        group = order[i : i + size]
        out.append(group[0] if size == 1 else frozenset(group))
        i += size
    return tuple(out)


@st.composite
def profiles(
    draw: Any,
    *,
    kind: str = "ranked",
    equal: bool = True,
    ids: bool = True,
    attributes: bool = True,
    nick_ids: bool = True,
) -> Profile:
    """Profiles a format should hold exactly (options say what the format cannot hold)."""
    cands = draw(candidates_st(attributes=attributes, nick_ids=nick_ids))
    n = len(cands)
    seats = draw(st.integers(1, n))
    ballots: list[Any] = []
    for _ in range(draw(st.integers(0, 8))):
        weight = draw(weights)
        bid = draw(ballot_ids) if ids else None
        if kind == "ranked":
            ballots.append(RankedBallot(draw(rankings_st(n, equal=equal)), weight, bid))
        else:
            marks = draw(st.sets(st.integers(0, n - 1), min_size=1, max_size=seats))
            ballots.append(PluralityBallot(marks, weight, bid))
    withdrawn = draw(st.sets(st.integers(0, n - 1), max_size=2))
    tie_order = draw(st.one_of(st.just(()), st.permutations(range(n)).map(tuple)))
    title = draw(st.text(NAME_CHARS, max_size=20).map(str.strip))
    return Profile(cands, ballots, seats=seats, title=title, withdrawn=withdrawn, tie_order=tie_order)


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
    from votecount.ballots import group_ballots

    for papers in (
        [RankedBallot(r) for r in rankings],  # single papers
        [RankedBallot(r, w) for r, w in zip(rankings, ws, strict=False)],  # weighted
    ):
        grouped = group_ballots(papers)
        assert [b.ranking for b in grouped] == sorted({p.ranking for p in papers})
        for b in grouped:
            assert b.weight == sum((p.weight for p in papers if p.ranking == b.ranking), 0)
            assert type(b.weight) is int or b.weight.denominator != 1
