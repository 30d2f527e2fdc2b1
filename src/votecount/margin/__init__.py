"""How close was it? :func:`margin`: the fewest ballots whose change would change the result.

- **IRV** (``irv``): the exact margin of victory, with the ballots to change
  (:mod:`votecount.margin.irv`).
- **Plurality** (``fptp``, ``block``, ``sntv``, ``limited``), with or without seat
  constraints: the exact margin of every seat (:mod:`votecount.margin.plurality`).
- **STV** (every STV rule): a proved lower bound and a checked upper bound for every seat
  (:mod:`votecount.margin.stv`).

Every witness (the papers to change, and how) is checked by a recount under the same rule
before it is reported. docs/audit.md has the figures for real elections.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

import attrs

from votecount.api import count
from votecount.ballots import Ballot, PluralityBallot
from votecount.errors import RuleError
from votecount.margin.changes import apply_changes, marked, ranked, ranking_key
from votecount.margin.irv import irv_margin
from votecount.margin.plurality import marks_of, seat_margin
from votecount.margin.stv import seat_bounds
from votecount.profile import Profile
from votecount.result import Result
from votecount.rules import get_rule

PLURALITY = ("fptp", "block", "sntv", "limited")


@attrs.frozen
class SeatMargin:
    """How many papers it takes to unseat one elected candidate."""

    candidate: str
    lower: int
    upper: int | None
    how: str
    """How the bounds were found (for an exact margin, the method that proves it)."""
    changes: tuple[tuple[tuple[str, ...], tuple[str, ...], int], ...] = ()
    """The witness: ``(paper now, paper after, how many)`` by candidate names."""
    new_winners: tuple[str, ...] = ()
    """Who the recount of the witness elects."""

    @property
    def exact(self) -> bool:
        return self.lower == self.upper


@attrs.frozen
class Margins:
    rule: str
    elected: tuple[str, ...]
    seats: tuple[SeatMargin, ...]
    ballots: int

    @property
    def margin(self) -> int | None:
        """The fewest papers that change the result: the least upper bound over the seats
        (exact when that seat's margin is)."""
        uppers = [s.upper for s in self.seats if s.upper is not None]
        return min(uppers, default=None)


def _names(profile: Profile, items: Any) -> tuple[str, ...]:
    return (
        tuple(profile.candidates[i].name for i in sorted(items) if isinstance(i, int))
        if isinstance(items, frozenset)
        else tuple(profile.candidates[i].name for i in items)
    )


def margin(
    profile: Profile,
    rule: str,
    *,
    seats: int | None = None,
    constraints: Sequence[Any] = (),
    solver: str | None = None,
    **options: Any,
) -> Margins:
    """The margin of every seat of ``profile`` counted under ``rule`` (see the module).
    ``solver`` chooses how IRV's programs are solved: ``auto`` (the default: HiGHS when the
    optional extra ``margin`` is installed, else ``exact``), ``highs`` or ``exact`` (pure
    Python); the margin is exact either way."""
    spec = get_rule(rule)
    result = count(profile, rule, seats=seats, constraints=constraints, **options)
    seats = result.seats

    def recount(changed: Profile) -> Result:
        return count(changed, rule, seats=seats, constraints=constraints, **options)

    total = sum(int(b.weight) for b in profile.ballots)
    if spec.name == "irv":
        found = [_irv(profile, result, recount, solver)]
    elif spec.name in PLURALITY:
        allowed = seats if spec.marks == "seats" else int(options.get("marks", 1))
        found = _plurality(profile, result, recount, allowed, bool(constraints), total)
    elif spec.ballots == "ranked" and spec.seats == "many":
        found = _stv(profile, result, recount)
    else:
        raise RuleError(f"no margin is computed for {spec.name!r} (IRV, plurality and STV rules only)")
    return Margins(spec.name, tuple(c.name for c in result.elected), tuple(found), total)


def _irv(
    profile: Profile, result: Result, recount: Callable[[Profile], Result], solver: str | None
) -> SeatMargin:
    winner = result.elected[0]
    exact = irv_margin(profile, profile.candidates.index(winner), solver)
    how = (
        f"exact: best-first branch and bound over elimination orders ({exact.tails_solved} partial "
        f"orders bounded by linear programs, {exact.orders_tried} complete orders solved as integer "
        f"programs, the rest pruned by bounds; solver: {exact.solver})"
    )
    seat = SeatMargin(winner.name, exact.margin, exact.margin, how)
    return _checked(profile, exact.changes, ranking_key, ranked, recount, result, seat)


def _plurality(
    profile: Profile,
    result: Result,
    recount: Callable[[Profile], Result],
    allowed: int,
    constrained: bool,
    total: int,
) -> list[SeatMargin]:
    papers = marks_of(profile, allowed)
    votes = [int(result.rounds[0].votes.get(c, 0)) for c in profile.candidates]
    key = _marks_key(allowed)
    found = []
    for winner in result.elected:
        e = profile.candidates.index(winner)

        def unseats(changes: Any, e: int = e) -> bool:
            changed = apply_changes(profile, changes, key, marked)
            return profile.candidates[e] not in recount(changed).elected

        change = seat_margin(papers, votes, e, result.seats, unseats, constrained=constrained)
        if change is None:
            found.append(
                SeatMargin(winner.name, total + 1, None, "no change of papers unseats this candidate")
            )
            continue
        rivals = ", ".join(profile.candidates[r].name for r in change.rivals)
        how = (
            f"exact: the fewest papers to put {rivals} above {winner.name} "
            f"(integer program; {change.sets_tried} sets of rivals tried)"
        )
        seat = SeatMargin(winner.name, change.margin, change.margin, how)
        found.append(_checked(profile, change.changes, key, marked, recount, result, seat))
    return found


def _stv(profile: Profile, result: Result, recount: Callable[[Profile], Result]) -> list[SeatMargin]:
    found = []
    for winner in result.elected:
        bounds = seat_bounds(profile, result, profile.candidates.index(winner), recount)
        how = f"lower: {bounds.lower_how}; upper: {bounds.upper_how}"
        seat = SeatMargin(winner.name, bounds.lower, bounds.upper, how)
        if bounds.changes:
            seat = _checked(profile, bounds.changes, ranking_key, ranked, recount, result, seat)
        found.append(seat)
    return found


def _marks_key(allowed: int) -> Callable[[Ballot], Hashable]:
    def key(ballot: Ballot) -> Hashable:
        if isinstance(ballot, PluralityBallot):
            return ballot.marks
        return frozenset(c for c in ballot.ranking[:allowed] if isinstance(c, int))

    return key


def _checked(
    profile: Profile, changes: Any, key: Any, make: Any, recount: Any, result: Result, seat: SeatMargin
) -> SeatMargin:
    """The seat with its witness in names, after a recount has confirmed it changes the result."""
    changed = apply_changes(profile, changes, key, make)
    again = recount(changed)
    if set(again.elected) == set(result.elected):
        raise RuleError(f"internal: the witness for {seat.candidate} does not change the result")
    named = tuple((_names(profile, old), _names(profile, new), n) for old, new, n in changes)
    return attrs.evolve(seat, changes=named, new_winners=tuple(c.name for c in again.elected))


__all__ = ["Margins", "SeatMargin", "margin"]
