"""Seat constraints: "at least m" and "at most M" seats for candidates with an attribute.

Candidates carry free-form attributes (``gender``, ``region``, membership of a group...);
a :class:`Constraint` selects the candidates whose attribute has a given value and bounds
how many of them may be elected. Labour's rule book asks that "50 per cent of any
delegation shall be women" (chapter 15); for a six-seat NEC section that is
``Constraint("gender", "F", at_least=3)``.

Every constrained count asks the same question at each decision: *can the seats still
empty be filled from the continuing candidates so that every constraint holds?*
:meth:`ConstraintSet.can_complete` answers it exactly, for any number of overlapping
constraints (a candidate may be a woman *and* from Scotland). Candidates are grouped by
which constraints they fall under (their *type*); the search chooses how many of each
type to elect, so its size depends on the number of types, not of candidates.

A plurality count uses it to skip a candidate whose election would make a minimum
impossible (see :mod:`votecount.rules.plurality`); an STV count uses :meth:`blocked` to
exclude candidates that can no longer be elected, and :meth:`required` to find those that
must be.

Constraints as people write them (``gender=F:3`` on the command line, a TOML file of
candidates' attributes and constraints) are read by :mod:`votecount.constraint_files`;
see ``docs/constraints.md``.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from votecount.ballots import Candidate
from votecount.errors import ConstraintError


def _non_negative(instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConstraintError(f"{attribute.name} must be a whole number, not {value!r}")
    if value < 0:
        raise ConstraintError(f"{attribute.name} cannot be negative: {value}")


@attrs.frozen
class Constraint:
    """At least ``at_least``, at most ``at_most`` seats for candidates with ``attribute=value``.

    ``at_most=None`` means no maximum. A candidate without the attribute is not selected.
    A minimum above the maximum is accepted here and reported by the feasibility check,
    together with any other problem, before a count starts.
    """

    attribute: str = attrs.field(converter=str)
    value: str = attrs.field(converter=str)
    at_least: int = attrs.field(default=0, validator=_non_negative)
    at_most: int | None = attrs.field(default=None, validator=_non_negative)

    @property
    def group(self) -> str:
        """The candidates it selects, as ``attribute=value``."""
        return f"{self.attribute}={self.value}"

    def selects(self, candidate: Candidate) -> bool:
        """Whether ``candidate`` is one of the candidates this constraint counts."""
        return candidate.attributes.get(self.attribute) == self.value

    def __str__(self) -> str:
        if self.at_most is None:
            return f"at least {self.at_least} of {self.group}"
        if self.at_least == 0:
            return f"at most {self.at_most} of {self.group}"
        if self.at_least == self.at_most:
            return f"exactly {self.at_least} of {self.group}"
        return f"at least {self.at_least} and at most {self.at_most} of {self.group}"


def _seats_word(n: int) -> str:
    if n == 0:
        return "no seats"
    return f"{n} seat{'s' if n != 1 else ''}"


def _candidates_word(n: int) -> str:
    return f"{n} candidate{'s' if n != 1 else ''}"


def _constraint_tuple(value: Iterable[Constraint]) -> tuple[Constraint, ...]:
    return tuple(value)


def _candidate_tuple(value: Iterable[Candidate]) -> tuple[Candidate, ...]:
    return tuple(value)


@attrs.frozen(repr=False)
class ConstraintSet:
    """Constraints over one election's candidates, ready to answer a count's questions.

    Candidates are referred to by their index in ``candidates`` (as ballots do in a
    :class:`~votecount.profile.Profile`). ``elected`` is who is elected so far,
    ``hopefuls`` who may still be elected (continuing candidates), and ``seats`` the
    number of seats the count fills in all (elected so far plus those still to fill).
    """

    constraints: tuple[Constraint, ...] = attrs.field(converter=_constraint_tuple)
    candidates: tuple[Candidate, ...] = attrs.field(converter=_candidate_tuple)
    _groups: tuple[frozenset[int], ...] = attrs.field(init=False)
    _types: tuple[int, ...] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        groups = tuple(
            frozenset(i for i, c in enumerate(self.candidates) if k.selects(c)) for k in self.constraints
        )
        types = tuple(
            sum(1 << j for j, g in enumerate(groups) if i in g) for i in range(len(self.candidates))
        )
        object.__setattr__(self, "_groups", groups)
        object.__setattr__(self, "_types", types)

    def __bool__(self) -> bool:
        return bool(self.constraints)

    def __repr__(self) -> str:
        inner = "; ".join(str(k) for k in self.constraints) or "no constraints"
        return f"<ConstraintSet {inner} over {_candidates_word(len(self.candidates))}>"

    def members(self, constraint: Constraint | int) -> frozenset[int]:
        """The candidates (indices) that ``constraint`` (or the one at that index) selects."""
        j = constraint if isinstance(constraint, int) else self.constraints.index(constraint)
        return self._groups[j]

    # -- before counting ---------------------------------------------------------------

    def check_feasible(self, seats: int, standing: Iterable[int] | None = None) -> None:
        """Raise :class:`ConstraintError` unless some choice of ``seats`` candidates meets them all.

        ``standing`` are the candidates who may be elected (default: all). The error names
        every constraint that fails on its own (a minimum above its maximum or above the
        seats, more of a group required than stand, ...); otherwise, for constraints that
        only fail together, a minimal set of them that cannot be met at once (leave any one
        out and the rest can be met).
        """
        pool = frozenset(range(len(self.candidates)) if standing is None else standing)
        if len(pool) < seats:
            raise ConstraintError(
                f"{_seats_word(seats)} to fill but only {_candidates_word(len(pool))} standing"
            )
        problems: list[str] = []
        failing: list[Constraint] = []
        for j, k in enumerate(self.constraints):
            stand = len(self._groups[j] & pool)
            reason = ""
            if k.at_most is not None and k.at_least > k.at_most:
                reason = f"{k}: the minimum is above the maximum"
            elif k.at_least > seats:
                reason = f"{k}, but only {_seats_word(seats)} to fill"
            elif k.at_least > stand:
                reason = f"{k}, but only {_candidates_word(stand)} with {k.group} standing"
            elif k.at_most is not None and seats - k.at_most > len(pool) - stand:
                others = len(pool) - stand
                reason = (
                    f"{k}, but only {_candidates_word(others)} without {k.group} standing "
                    f"for the other {_seats_word(seats - k.at_most)}"
                )
            if reason:
                problems.append(reason)
                failing.append(k)
        if problems:
            raise ConstraintError("seat constraints that cannot be met: " + "; ".join(problems), failing)
        if self.can_complete((), pool, seats):
            return
        core = list(range(len(self.constraints)))
        for j in list(core):
            trial = [i for i in core if i != j]
            if not _solvable(self._sub(trial), (), pool, seats):
                core = trial
        named = [self.constraints[j] for j in core]
        raise ConstraintError(
            f"seat constraints that cannot all be met when electing {seats} of these "
            f"{_candidates_word(len(pool))}: " + "; ".join(str(k) for k in named),
            named,
        )

    def _sub(self, indices: Sequence[int]) -> ConstraintSet:
        return ConstraintSet([self.constraints[j] for j in indices], self.candidates)

    # -- during a count ----------------------------------------------------------------

    def can_complete(self, elected: Iterable[int], hopefuls: Iterable[int], seats: int) -> bool:
        """Whether electing ``seats - len(elected)`` more of ``hopefuls`` can meet every constraint.

        Exact for any overlap of the constrained groups.
        """
        return _solvable(self, tuple(elected), frozenset(hopefuls), seats)

    def electable(self, candidate: int, elected: Iterable[int], hopefuls: Iterable[int], seats: int) -> bool:
        """Whether electing ``candidate`` (one of ``hopefuls``) now still lets the count finish."""
        chosen = (*elected, candidate)
        return _solvable(self, chosen, frozenset(hopefuls) - {candidate}, seats)

    def blocked(self, elected: Iterable[int], hopefuls: Iterable[int], seats: int) -> frozenset[int]:
        """The hopefuls that can no longer be elected without breaking a constraint.

        A maximum reached blocks the rest of its group; a minimum that needs every seat
        left blocks everyone outside its group. An STV count excludes these.
        """
        chosen = tuple(elected)
        pool = frozenset(hopefuls)
        return self._by_type(pool, lambda c: _solvable(self, (*chosen, c), pool - {c}, seats))

    def required(self, elected: Iterable[int], hopefuls: Iterable[int], seats: int) -> frozenset[int]:
        """The hopefuls that every way of completing the count must elect (empty if none can)."""
        chosen = tuple(elected)
        pool = frozenset(hopefuls)
        if not _solvable(self, chosen, pool, seats):
            return frozenset()
        return self._by_type(pool, lambda c: _solvable(self, chosen, pool - {c}, seats))

    def _by_type(self, pool: frozenset[int], solvable: Callable[[int], bool]) -> frozenset[int]:
        """Those of ``pool`` for whom ``solvable(c)`` (a search with ``c`` taken out of the
        pool) fails. The search sees a candidate only as its type (the constraints whose
        group holds it), so it is made once per type, for the first candidate of each."""
        verdicts: dict[int, bool] = {}
        failing = []
        for c in pool:
            kind = self._types[c]
            if kind not in verdicts:
                verdicts[kind] = solvable(c)
            if not verdicts[kind]:
                failing.append(c)
        return frozenset(failing)

    def elected_in(self, elected: Iterable[int]) -> dict[Constraint, int]:
        """How many of each constraint's group are among ``elected``."""
        chosen = tuple(elected)
        return {k: sum(1 for c in chosen if c in self._groups[j]) for j, k in enumerate(self.constraints)}

    def at_maximum(self, elected: Iterable[int]) -> tuple[Constraint, ...]:
        """The constraints whose maximum ``elected`` has reached (their group is now closed)."""
        counts = self.elected_in(elected)
        return tuple(k for k in self.constraints if k.at_most is not None and counts[k] >= k.at_most)

    def shortfall(self, elected: Iterable[int]) -> dict[Constraint, int]:
        """For each minimum not yet met by ``elected``, how many more of its group are needed."""
        counts = self.elected_in(elected)
        return {k: k.at_least - counts[k] for k in self.constraints if counts[k] < k.at_least}

    def owed_all_seats(self, elected: Iterable[int], seats: int) -> tuple[Constraint, ...]:
        """The minimums that need every seat still to fill: only their group can now be elected."""
        chosen = tuple(elected)
        left = seats - len(chosen)
        return tuple(k for k, need in self.shortfall(chosen).items() if need >= left)

    def why_blocked(self, candidate: int, elected: Iterable[int], hopefuls: Iterable[int], seats: int) -> str:
        """Why electing ``candidate`` now would break the constraints, naming the constraints."""
        chosen = tuple(elected)
        pool = frozenset(hopefuls) - {candidate}
        name = self.candidates[candidate].name
        after = (*chosen, candidate)
        left = seats - len(after)
        counts = self.elected_in(after)
        reasons: list[str] = []
        for j, k in enumerate(self.constraints):
            others = [i for i in range(len(self.constraints)) if i != j]
            if not _solvable(self._sub(others), after, pool, seats):
                continue
            need = k.at_least - counts[k]
            supply = len(pool & self._groups[j])
            if k.at_most is not None and counts[k] > k.at_most:
                reasons.append(f"would make {counts[k]} of {k.group}, above '{k}'")
            elif need > left:
                reasons.append(
                    f"would leave {_seats_word(left)} for the {need} more of {k.group} required by '{k}'"
                )
            elif need > supply:
                reasons.append(
                    f"would leave {_candidates_word(supply)} of {k.group} in the running for "
                    f"the {need} more required by '{k}'"
                )
            else:
                reasons.append(f"would leave no way to meet '{k}' with the other constraints")
        if not reasons:
            reasons.append(
                "would leave no way to meet all of: " + "; ".join(str(k) for k in self.constraints)
            )
        return f"electing {name} " + " and ".join(reasons)


def _solvable(cset: ConstraintSet, elected: tuple[int, ...], pool: frozenset[int], seats: int) -> bool:
    """The exact search behind :meth:`ConstraintSet.can_complete`.

    Choose how many hopefuls of each type (set of constraints a candidate falls under) to
    elect, type by type, with the seats left and each constraint's outstanding minimum
    and remaining room as the state; states are memoised, and a branch stops as soon as a
    minimum can no longer be reached from the types still to consider.
    """
    left = seats - len(elected)
    if left < 0 or len(pool) < left:
        return False
    ks = cset.constraints
    if not ks:
        return True
    groups = cset._groups
    need: list[int] = []
    room: list[int] = []
    for j, k in enumerate(ks):
        have = sum(1 for c in elected if c in groups[j])
        if k.at_most is not None and have > k.at_most:
            return False
        need.append(max(0, k.at_least - have))
        room.append(left if k.at_most is None else min(left, k.at_most - have))
        if need[-1] > room[-1]:
            return False
    kinds = Counter(cset._types[c] for c in pool)
    # Most-constrained types first: they decide the most, so failures show early.
    types = sorted(kinds.items(), key=lambda item: (-bin(item[0]).count("1"), item[0]))
    masks = [m for m, _ in types]
    avail = [n for _, n in types]
    n_types = len(types)
    n_k = len(ks)
    # supply[t][j]: hopefuls of constraint j's group among types t.. (for pruning)
    supply = [[0] * n_k for _ in range(n_types + 1)]
    total = [0] * (n_types + 1)
    for t in range(n_types - 1, -1, -1):
        total[t] = total[t + 1] + avail[t]
        for j in range(n_k):
            supply[t][j] = supply[t + 1][j] + (avail[t] if masks[t] >> j & 1 else 0)

    @functools.cache
    def search(t: int, rem: int, needs: tuple[int, ...], rooms: tuple[int, ...]) -> bool:
        if rem == 0:
            return not any(needs)
        if t == n_types or total[t] < rem:
            return False
        for j in range(n_k):
            if needs[j] > supply[t][j] or needs[j] > rem:
                return False
        mask = masks[t]
        top = min(avail[t], rem)
        for j in range(n_k):
            if mask >> j & 1:
                top = min(top, rooms[j])
        for x in range(top, -1, -1):
            new_needs = tuple(max(0, needs[j] - x) if mask >> j & 1 else needs[j] for j in range(n_k))
            new_rooms = tuple(min(rooms[j] - x if mask >> j & 1 else rooms[j], rem - x) for j in range(n_k))
            if search(t + 1, rem - x, new_needs, new_rooms):
                return True
        return False

    return search(0, left, tuple(need), tuple(room))


def check_feasible(
    constraints: Iterable[Constraint], candidates: Sequence[Candidate], seats: int
) -> ConstraintSet:
    """Check before counting that ``min(seats, len(candidates))`` can be elected as constrained.

    Returns the :class:`ConstraintSet`; raises :class:`ConstraintError` naming the
    constraints that cannot be met.
    """
    cset = ConstraintSet(tuple(constraints), tuple(candidates))
    cset.check_feasible(min(seats, len(candidates)))
    return cset


def fill_vacancies(
    constraints: Iterable[Constraint],
    members: Sequence[Candidate],
    candidates: Sequence[Candidate],
    vacancies: int,
) -> tuple[Candidate, ...]:
    """Who fills ``vacancies`` seats beside the sitting ``members``, taken from ``candidates``
    in their order (a countback's order of election) so that the body meets ``constraints``.

    A candidate whose seating would leave the constraints impossible to meet, by the members
    and those chosen so far with the candidates after them, is passed over (decided exactly,
    as :meth:`ConstraintSet.electable`). Without constraints these are the first
    ``vacancies`` candidates. Raises :class:`ConstraintError` naming the constraints when
    ``candidates`` cannot fill the seats so.
    """
    ks = tuple(constraints)
    pool = tuple(c for c in candidates if c not in members)
    if not ks:
        return pool[:vacancies]
    everyone = (*members, *pool)
    cset = ConstraintSet(ks, everyone)
    seats = len(members) + vacancies
    chosen = list(range(len(members)))
    order = list(range(len(members), len(everyone)))
    for i, x in enumerate(order):
        if len(chosen) == seats:
            break
        if cset.electable(x, chosen, order[i:], seats):
            chosen.append(x)
    if len(chosen) < seats:
        names = ", ".join(c.name for c in pool) or "nobody"
        raise ConstraintError(
            f"{_seats_word(vacancies)} cannot be filled from {names} so that the body meets: "
            + "; ".join(str(k) for k in ks),
            ks,
        )
    return tuple(everyone[i] for i in chosen[len(members) :])


__all__ = [
    "Constraint",
    "ConstraintSet",
    "check_feasible",
    "fill_vacancies",
]
