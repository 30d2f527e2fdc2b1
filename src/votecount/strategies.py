"""Hypothesis strategies for testing code that counts elections (needs ``hypothesis``).

Each strategy is named after what it generates and composes the way elections do::

    from hypothesis import given
    from votecount import strategies as vs

    @given(vs.elections(rules=["fptp"]))
    def test_my_code(election):
        result = election.count()
        ...

Generated values shrink to small, readable counterexamples: candidates are called ``A``,
``B``, ``C``..., ballots shrink towards fewer preferences in candidate order, weights
towards 1, profiles towards fewer ballots and fewer candidates.

- :func:`candidates` (with attributes such as gender, for constraints)
- :func:`ranked_ballots`, :func:`plurality_ballots` and :func:`weights`
- :func:`ranked_papers` and :func:`plurality_papers`: papers as written, including the
  invalid kinds (repeated candidates, skipped preferences, overvotes, unknown marks)
- :func:`profiles`: candidates and weighted ballots together
- :func:`constraint_sets`: seat constraints, feasible or infeasible on purpose
- :func:`elections`: a profile, a rule, seats, tie-break seed and constraints, ready to count

hypothesis is an optional dependency: importing this module without it raises ImportError.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any, Literal

import attrs

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        "votecount.strategies needs hypothesis, an optional dependency: "
        "pip install hypothesis (or pip install 'votecount[test]')"
    ) from exc

from votecount.ballots import Ballot, Candidate, PluralityBallot, Profile, RankedBallot, Weight
from votecount.generate import candidate_names

SearchStrategy = st.SearchStrategy
DrawFn = st.DrawFn

GENDER: Mapping[str, Sequence[str]] = {"gender": ("F", "M")}
"""The attribute most constraints select on, as used by :func:`candidates`."""

WeightKind = Literal["one", "int", "fraction"]


def weights(kind: WeightKind = "int", *, max_value: int = 5) -> SearchStrategy[Weight]:
    """Ballot weights: always ``1``, whole numbers from 1, or exact fractions (colleges).

    Shrinks towards 1.
    """
    if kind == "one":
        return st.just(1)
    if kind == "int":
        return st.integers(1, max_value)
    if kind == "fraction":
        return st.builds(
            lambda n, d: Fraction(n, d), st.integers(1, max_value * 6), st.integers(1, 6)
        ).filter(lambda w: w > 0)
    raise ValueError(f"weights kind must be 'one', 'int' or 'fraction', not {kind!r}")


@st.composite
def candidates(
    draw: DrawFn,
    *,
    min_size: int = 1,
    max_size: int = 6,
    attributes: Mapping[str, Sequence[str]] | None = None,
) -> tuple[Candidate, ...]:
    """Candidates ``A``, ``B``, ... with each attribute drawn from its listed values.

    ``attributes={"gender": ("F", "M")}`` (or :data:`GENDER`) gives every candidate a
    gender, shrinking towards the first value listed.
    """
    if not 1 <= min_size <= max_size:
        raise ValueError(f"need 1 <= min_size <= max_size, not {min_size}, {max_size}")
    n = draw(st.integers(min_size, max_size))
    out = []
    for name in candidate_names(n):
        attrs_drawn = {key: draw(st.sampled_from(tuple(values))) for key, values in
                       (attributes or {}).items()}
        out.append(Candidate(name, attributes=attrs_drawn))
    return tuple(out)


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
) -> RankedBallot:
    """A ranked ballot over candidates ``0 .. n_candidates - 1``.

    Valid by default: distinct candidates, ``min_length`` to ``max_length`` (default: all)
    preferences. ``repeats=True`` may rank a candidate twice; ``equal_rankings=True`` may
    rank candidates equal at one place (a BLT ``1=2``). Shrinks towards ``(0,)``.
    """
    top = n_candidates if max_length is None else min(max_length, n_candidates)
    if not 1 <= min_length <= top:
        raise ValueError(f"cannot rank {min_length}..{top} of {n_candidates} candidates")
    order = list(draw(st.permutations(range(n_candidates))))
    length = draw(st.integers(min_length, top))
    ranking: list[int | frozenset[int]] = list(order[:length])
    if repeats and draw(st.booleans()):
        ranking.insert(
            draw(st.integers(1, len(ranking))), ranking[draw(st.integers(0, len(ranking) - 1))]
        )
    if equal_rankings and length >= 2 and draw(st.booleans()):
        at = draw(st.integers(0, length - 2))
        ranking[at : at + 2] = [frozenset({order[at], order[at + 1]})]
    w = draw(weight if weight is not None else weights("int"))
    return RankedBallot(tuple(ranking), w)


@st.composite
def plurality_ballots(
    draw: DrawFn,
    n_candidates: int,
    *,
    max_marks: int = 1,
    weight: SearchStrategy[Weight] | None = None,
) -> PluralityBallot:
    """A valid "cross in a box" paper: 1 to ``max_marks`` distinct candidates marked."""
    top = min(max_marks, n_candidates)
    if top < 1:
        raise ValueError("a plurality paper needs at least one candidate to mark")
    marks = draw(
        st.lists(st.integers(0, n_candidates - 1), min_size=1, max_size=top, unique=True)
    )
    w = draw(weight if weight is not None else weights("int"))
    return PluralityBallot(marks, w)


@st.composite
def profiles(
    draw: DrawFn,
    kind: Literal["ranked", "plurality"] = "ranked",
    *,
    candidates: SearchStrategy[tuple[Candidate, ...]] | None = None,
    min_ballots: int = 1,
    max_ballots: int = 12,
    weight: SearchStrategy[Weight] | None = None,
    max_marks: int = 1,
    min_length: int = 1,
    max_length: int | None = None,
) -> Profile:
    """A profile: candidates and ``min_ballots`` to ``max_ballots`` weighted ballots.

    ``kind="plurality"`` gives papers with 1 to ``max_marks`` crosses. The ballots are
    grouped as every :class:`~votecount.ballots.Profile` is, so the number of unique ballots
    may be smaller than the number drawn.
    """
    cands = draw(candidates if candidates is not None else globals()["candidates"]())
    n = len(cands)
    ballot: SearchStrategy[Ballot]
    if kind == "ranked":
        ballot = ranked_ballots(
            n, min_length=min(min_length, n), max_length=max_length, weight=weight
        )
    elif kind == "plurality":
        ballot = plurality_ballots(n, max_marks=max_marks, weight=weight)
    else:
        raise ValueError(f"kind must be 'ranked' or 'plurality', not {kind!r}")
    ballots = draw(st.lists(ballot, min_size=min_ballots, max_size=max_ballots))
    return Profile(cands, ballots)


@attrs.frozen
class Election:
    """Everything a count needs: the profile, the rule, seats, tie-break seed, constraints.

    ``count()`` runs :func:`votecount.count` on it; the repr is what hypothesis prints for a
    failing example, so it shows the ballots in full.
    """

    profile: Profile
    rule: str
    seats: int
    seed: int = 0
    constraints: tuple[Any, ...] = ()
    options: Mapping[str, Any] = attrs.field(factory=dict)

    def count(self, **changes: Any) -> Any:
        """Count the election (``changes`` override any of its options)."""
        from votecount.api import count

        options = {**self.options, **changes}
        return count(
            self.profile,
            self.rule,
            seats=self.seats,
            seed=self.seed,
            constraints=self.constraints,
            **options,
        )

    def __repr__(self) -> str:
        names = [c.name for c in self.profile.candidates]
        lines = [
            f"Election(rule={self.rule!r}, seats={self.seats}, seed={self.seed}, "
            f"options={dict(self.options)!r}, constraints={self.constraints!r})",
            f"  candidates: {self.profile.candidates!r}",
        ]
        for b in self.profile.ballots:
            if isinstance(b, RankedBallot):
                body = " > ".join(
                    names[p] if isinstance(p, int) else "=".join(names[c] for c in sorted(p))
                    for p in b.ranking
                )
            else:
                body = ", ".join(names[c] for c in sorted(b.marks))
            lines.append(f"  {b.weight} x {body}")
        return "\n".join(lines)


def _rule_names(kind: str, rules: Sequence[str] | None) -> list[str]:
    from votecount.rules import RULES, get_rule

    if rules is not None:
        return [get_rule(r).name for r in rules]
    return sorted(name for name, spec in RULES.items() if spec.ballots in (kind, "either"))


@st.composite
def elections(
    draw: DrawFn,
    *,
    rules: Sequence[str] | None = None,
    kind: Literal["ranked", "plurality"] | None = None,
    profile: SearchStrategy[Profile] | None = None,
    max_seats: int | None = None,
    options: Mapping[str, SearchStrategy[Mapping[str, Any]]] | None = None,
    constraints: Callable[[tuple[Candidate, ...], int], SearchStrategy[tuple[Any, ...]]]
    | None = None,
) -> Election:
    """A complete election, ready to :meth:`~Election.count`.

    ``rules``: the rule names to choose from (default: every registered rule that counts
    ``kind`` ballots). ``profile``: a strategy for the profile (default :func:`profiles` of
    the rule's ballot kind). Seats run from 1 to the number of candidates (or ``max_seats``);
    single-seat rules get one seat. ``options`` maps a rule name to a strategy for its
    options. ``constraints``, given the candidates and seats, returns a strategy for the
    constraints (see :func:`constraint_sets`).
    """
    from votecount.rules import get_rule

    if kind is None and rules is None:
        kind = draw(st.sampled_from(["ranked", "plurality"]))
    names = _rule_names(kind or "ranked", rules)
    if not names:
        raise ValueError(f"no registered rule counts {kind} ballots")
    rule = draw(st.sampled_from(names))
    spec = get_rule(rule)
    ballot_kind = kind or ("plurality" if spec.ballots == "plurality" else "ranked")
    if profile is not None:
        prof = draw(profile)
    else:
        n_marks = draw(st.integers(1, 3)) if ballot_kind == "plurality" else 1
        prof = draw(profiles(ballot_kind, max_marks=n_marks))
    n = len(prof.candidates)
    top = n if max_seats is None else max(1, min(max_seats, n))
    seats = 1 if rule in SINGLE_SEAT else draw(st.integers(1, top))
    if ballot_kind == "plurality" and prof.ballots and rule not in ("limited", "sntv"):
        widest = max(len(b.marks) for b in prof.ballots if isinstance(b, PluralityBallot))
        seats = max(seats, min(widest, n)) if rule not in SINGLE_SEAT else seats
    chosen_options = draw(options[rule]) if options and rule in options else {}
    chosen_constraints = draw(constraints(prof.candidates, seats)) if constraints else ()
    seed = draw(st.integers(0, 1000))
    return Election(prof, rule, seats, seed, tuple(chosen_constraints), dict(chosen_options))


SINGLE_SEAT = frozenset({"fptp", "irv", "supplementary", "contingent"})
"""Rules that fill one seat: :func:`elections` gives them ``seats=1``."""


__all__ = [
    "GENDER",
    "SINGLE_SEAT",
    "Election",
    "candidates",
    "elections",
    "plurality_ballots",
    "profiles",
    "ranked_ballots",
    "weights",
]
