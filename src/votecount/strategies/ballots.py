"""Valid ballots, and profiles of them: what a ballot file carries once it has been read.

A ranked ballot shrinks towards ``(0,)``, a plurality paper towards one cross for candidate 0,
a profile towards fewer ballots and fewer candidates. Every option that draws more (equal
rankings, ids, seats, a title, withdrawn candidates, a tie order) is off by default, and then
draws nothing.
"""

from __future__ import annotations

from typing import Literal

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from votecount.ballots import Ballot, Candidate, PluralityBallot, RankedBallot, Weight
from votecount.profile import Profile
from votecount.strategies.values import candidates, weights


@st.composite
def ranked_ballots(
    draw: DrawFn,
    n_candidates: int,
    *,
    min_length: int = 1,
    max_length: int | None = None,
    weight: SearchStrategy[Weight] | None = None,
    repeats: bool = False,
    equal_rankings: bool = False,
    max_equal: int = 2,
    ballot_ids: SearchStrategy[str | None] | None = None,
) -> RankedBallot:
    """A ranked ballot over candidates ``0 .. n_candidates - 1``.

    Valid by default: distinct candidates, ``min_length`` to ``max_length`` (default: all)
    preferences. ``repeats=True`` may rank a candidate twice; ``equal_rankings=True`` may
    rank candidates equal: with ``max_equal=2`` (the default) two candidates at one place
    (a BLT ``1=2``); with a larger ``max_equal``, the ranked candidates are cut into places
    of 1 to ``max_equal`` candidates each, so any number of places may be equal.
    ``ballot_ids``: a strategy for the ballot's id (e.g. :func:`ballot_ids`); default none.
    Shrinks towards ``(0,)``.
    """
    top = n_candidates if max_length is None else min(max_length, n_candidates)
    if not 1 <= min_length <= top:
        raise ValueError(f"cannot rank {min_length}..{top} of {n_candidates} candidates")
    if max_equal < 2:
        raise ValueError(f"max_equal must be at least 2, not {max_equal}")
    order = list(draw(st.permutations(range(n_candidates))))
    length = draw(st.integers(min_length, top))
    ranking: list[int | frozenset[int]] = list(order[:length])
    if equal_rankings and max_equal > 2:
        ranking, i = [], 0
        while i < length:
            size = draw(st.integers(1, min(max_equal, length - i)))
            ranking.append(order[i] if size == 1 else frozenset(order[i : i + size]))
            i += size
    elif equal_rankings and length >= 2 and draw(st.booleans()):
        at = draw(st.integers(0, length - 2))
        ranking[at : at + 2] = [frozenset({order[at], order[at + 1]})]
    if repeats and draw(st.booleans()):
        ranking.insert(draw(st.integers(1, len(ranking))), ranking[draw(st.integers(0, len(ranking) - 1))])
    w = draw(weight if weight is not None else weights("int"))
    ballot_id = draw(ballot_ids) if ballot_ids is not None else None
    return RankedBallot(tuple(ranking), w, ballot_id)


@st.composite
def plurality_ballots(
    draw: DrawFn,
    n_candidates: int,
    *,
    max_marks: int = 1,
    weight: SearchStrategy[Weight] | None = None,
    ballot_ids: SearchStrategy[str | None] | None = None,
) -> PluralityBallot:
    """A valid "cross in a box" paper: 1 to ``max_marks`` distinct candidates marked.

    ``ballot_ids``: a strategy for the paper's id (e.g. :func:`ballot_ids`); default none.
    """
    top = min(max_marks, n_candidates)
    if top < 1:
        raise ValueError("a plurality paper needs at least one candidate to mark")
    marks = draw(st.lists(st.integers(0, n_candidates - 1), min_size=1, max_size=top, unique=True))
    w = draw(weight if weight is not None else weights("int"))
    ballot_id = draw(ballot_ids) if ballot_ids is not None else None
    return PluralityBallot(marks, w, ballot_id)


_any_candidates = candidates


@st.composite
def profiles(
    draw: DrawFn,
    kind: Literal["ranked", "plurality"] = "ranked",
    *,
    candidates: SearchStrategy[tuple[Candidate, ...]] | None = None,
    min_ballots: int = 1,
    max_ballots: int = 12,
    weight: SearchStrategy[Weight] | None = None,
    max_marks: int | None = 1,
    min_length: int = 1,
    max_length: int | None = None,
    equal_rankings: bool = False,
    max_equal: int = 2,
    ballot_ids: SearchStrategy[str | None] | None = None,
    seats: bool = False,
    title: SearchStrategy[str] | None = None,
    max_withdrawn: int = 0,
    tie_order: bool = False,
) -> Profile:
    """A profile: candidates and ``min_ballots`` to ``max_ballots`` weighted ballots.

    ``kind="plurality"`` gives papers with 1 to ``max_marks`` crosses. The ballots are
    grouped as every :class:`~votecount.profile.Profile` is, so the number of unique ballots
    may be smaller than the number drawn.

    The options below give the profiles a ballot file can carry (to test readers, writers
    and anything else that must keep them); all are off by default, and then draw nothing:

    - ``equal_rankings`` and ``max_equal``: equal rankings, as :func:`ranked_ballots`;
    - ``ballot_ids``: a strategy for each ballot's id (e.g. :func:`ballot_ids`);
    - ``seats=True``: the seats, from 1 to the number of candidates (else ``None``);
      ``max_marks=None`` then lets plurality papers carry up to that many crosses (up to
      all the candidates when ``seats=False``);
    - ``title``: a strategy for the title (e.g. ``names(min_size=0, max_size=20)``);
    - ``max_withdrawn``: up to that many withdrawn candidates;
    - ``tie_order=True``: half the time, a tie-break order of all the candidates (BLT
      ``[tie ...]``), otherwise none.

    For candidates with free-text names, ids and attributes pass
    ``candidates=candidates(names=names(), ids=True, attributes=...)``; for exact
    fractional weights, ``weight=weights("fraction")``.
    """
    cands = draw(candidates if candidates is not None else _any_candidates())
    n = len(cands)
    drawn_seats = draw(st.integers(1, n)) if seats else None
    if max_marks is None:
        max_marks = drawn_seats if drawn_seats is not None else n
    ballot: SearchStrategy[Ballot]
    if kind == "ranked":
        ballot = ranked_ballots(
            n,
            min_length=min(min_length, n),
            max_length=max_length,
            weight=weight,
            equal_rankings=equal_rankings,
            max_equal=max_equal,
            ballot_ids=ballot_ids,
        )
    elif kind == "plurality":
        ballot = plurality_ballots(n, max_marks=max_marks, weight=weight, ballot_ids=ballot_ids)
    else:
        raise ValueError(f"kind must be 'ranked' or 'plurality', not {kind!r}")
    ballots: list[Ballot] = draw(st.lists(ballot, min_size=min_ballots, max_size=max_ballots))
    withdrawn: frozenset[int] = frozenset()
    if max_withdrawn > 0:
        withdrawn = frozenset(draw(st.sets(st.integers(0, n - 1), max_size=max_withdrawn)))
    order: tuple[int, ...] = ()
    if tie_order:
        order = draw(st.one_of(st.just(()), st.permutations(range(n)).map(tuple)))
    drawn_title = draw(title) if title is not None else ""
    return Profile(
        cands,
        ballots,
        seats=drawn_seats,
        title=drawn_title,
        withdrawn=withdrawn,
        tie_order=order,
    )


__all__ = ["plurality_ballots", "profiles", "ranked_ballots"]
