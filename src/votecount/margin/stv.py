"""Bounds on the margin of each seat in an STV count: a lower bound that is proved, and an
upper bound that is a change of papers checked by a recount.

Exact STV margins are out of reach in general (Blom, Stuckey, Teague and others compute
lower bounds with integer programs over parts of the count); what is given here, each with
how it was found:

- **lower bound**: a candidate elected at the first stage with ``F`` first preferences and
  quota ``q`` keeps the seat while ``F`` stays at the quota or above (a candidate reaching
  the quota at stage 1 is elected, whatever the later stages do; the quota does not move,
  as changed papers are still valid), and one changed paper takes at most one first
  preference: so at least ``F - q + 1`` papers. For a candidate elected later no better
  bound is proved here than **1**.
- **upper bound**: papers giving the candidate their first preference are changed to give it
  to a rival instead (the two swapped in the ranking, later preferences kept), the fewest
  such that a recount no longer elects the candidate, found by bisection over the number
  of papers, trying the strongest unelected candidates as the rival. Every bound given was
  checked by a recount.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

import attrs

from votecount.ballots import RankedBallot
from votecount.margin.changes import apply_changes, ranked, ranking_key
from votecount.profile import Profile
from votecount.result import Result

Ranking = tuple[int, ...]


@attrs.frozen
class SeatBounds:
    candidate: int
    lower: int
    lower_how: str
    upper: int | None
    upper_how: str
    changes: tuple[tuple[Ranking, Ranking, int], ...] = ()


def _swap(ranking: Ranking, a: int, b: int) -> Ranking:
    """``ranking`` with ``a`` and ``b`` exchanged (``b`` put in ``a``'s place if absent)."""
    if b not in ranking:
        return tuple(b if c == a else c for c in ranking)
    return tuple(b if c == a else a if c == b else c for c in ranking)


def _first_papers(profile: Profile, e: int) -> list[tuple[Ranking, int]]:
    out = []
    for ballot in profile.ballots:
        key = ranking_key(ballot)
        assert isinstance(key, tuple)
        if isinstance(ballot, RankedBallot) and key and key[0] == e:
            out.append((key, int(ballot.weight)))
    return sorted(out, key=lambda item: -item[1])


def _changes(
    papers: Sequence[tuple[Ranking, int]], e: int, rival: int, k: int
) -> tuple[tuple[Ranking, Ranking, int], ...]:
    out = []
    for ranking, n in papers:
        if k <= 0:
            break
        take = min(n, k)
        out.append((ranking, _swap(ranking, e, rival), take))
        k -= take
    return tuple(out)


def seat_bounds(
    profile: Profile,
    result: Result,
    e: int,
    recount: Callable[[Profile], Result],
    rivals: int = 2,
) -> SeatBounds:
    """Both bounds for the seat of candidate ``e`` (an index into ``profile.candidates``)."""
    candidate = profile.candidates[e]
    first = result.rounds[0].votes.get(candidate, 0) if result.rounds else 0
    quota = result.quota
    elected_first = bool(result.rounds) and candidate in result.rounds[0].elected
    if elected_first and quota is not None:
        lower = max(1, int(Fraction(first) - Fraction(quota)) + 1)
        lower_how = f"first preferences {first} less the quota {quota}, plus one"
    else:
        lower, lower_how = 1, "one paper (no better bound is proved for a candidate elected after stage 1)"
    papers = _first_papers(profile, e)
    available = sum(n for _, n in papers)
    final = result.rounds[-1].votes if result.rounds else {}
    unelected = sorted(
        (i for i, c in enumerate(profile.candidates) if c not in result.elected),
        key=lambda i: -final.get(profile.candidates[i], 0),
    )[:rivals]
    best: SeatBounds | None = None
    for rival in unelected:
        limit = available if best is None or best.upper is None else min(available, best.upper - 1)

        def unseats(k: int, rival: int = rival) -> bool:
            changed = apply_changes(profile, _changes(papers, e, rival, k), ranking_key, ranked)
            return candidate not in recount(changed).elected

        if limit < 1 or not unseats(limit):
            continue
        low, high = 0, limit  # unseats(high) holds; find the least, assuming more never hurts
        while high - low > 1:
            middle = (low + high) // 2
            if unseats(middle):
                high = middle
            else:
                low = middle
        how = (
            f"{high} papers with {candidate.name} first changed to put "
            f"{profile.candidates[rival].name} there instead; a recount then elects others"
        )
        best = SeatBounds(e, lower, lower_how, high, how, _changes(papers, e, rival, high))
    if best is None:
        return SeatBounds(e, lower, lower_how, None, "no change of this kind found to unseat the candidate")
    return best
