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

- :func:`candidates` (with attributes such as gender, for constraints; free-text
  :func:`names` and ids on request)
- :func:`ranked_ballots`, :func:`plurality_ballots` and :func:`weights`
- :func:`ranked_papers` and :func:`plurality_papers`: papers as written, including the
  invalid kinds (repeated candidates, skipped preferences, overvotes, unknown marks), for
  the validity policies of :mod:`votecount.validity`
- :func:`profiles`: candidates and weighted ballots together; on request also ballot ids
  (:func:`ballot_ids`), equal rankings, seats, a title, withdrawn candidates and a tie order,
  everything a ballot file carries
- :func:`constraint_sets`: seat constraints, feasible or infeasible on purpose
- :func:`elections`: a profile, a rule, seats, tie-break seed and constraints, ready to count

hypothesis is an optional dependency: importing this module without it raises ImportError.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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

from votecount.api import count
from votecount.ballots import Ballot, Candidate, PluralityBallot, Profile, RankedBallot, Weight
from votecount.constraints import Constraint
from votecount.generate import candidate_names
from votecount.result import Result
from votecount.rules import RULES, OptionSpec, RuleSpec, get_rule
from votecount.validity import Mark, RawMarks, RawRanking

SearchStrategy = st.SearchStrategy
DrawFn = st.DrawFn

GENDER: Mapping[str, Sequence[str]] = {"gender": ("F", "M")}
"""The attribute most constraints select on, as used by :func:`candidates`."""

WeightKind = Literal["one", "int", "fraction"]


def weights(
    kind: WeightKind = "int", *, max_value: int = 5, max_denominator: int = 6, zero: bool = False
) -> SearchStrategy[Weight]:
    """Ballot weights: always ``1``, whole numbers from 1, or exact fractions (colleges).

    ``"int"``: 1 to ``max_value``. ``"fraction"``: ``p/q`` with ``q`` from 1 to
    ``max_denominator`` and ``p`` from 1 to ``max_value * max_denominator``; whole ones are
    given as ``int``. ``zero=True`` lets ``"int"`` and ``"fraction"`` weights be 0 as well
    (a paper a file lists with no weight). Shrinks towards 1 (towards 0 with ``zero=True``).
    """
    low = 0 if zero else 1
    if kind == "one":
        return st.just(1)
    if kind == "int":
        return st.integers(low, max_value)
    if kind == "fraction":
        if max_denominator < 1:
            raise ValueError(f"max_denominator must be at least 1, not {max_denominator}")
        top = max_value * max_denominator
        return st.builds(Fraction, st.integers(low, top), st.integers(1, max_denominator)).map(
            lambda w: int(w) if w.denominator == 1 else w
        )
    raise ValueError(f"weights kind must be 'one', 'int' or 'fraction', not {kind!r}")


NAME_CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))
"""Any character a name or title may hold: no surrogates, controls or line breaks."""


def names(*, min_size: int = 1, max_size: int = 12) -> SearchStrategy[str]:
    """Free text as people type names and titles: any letters, marks, spaces and symbols
    (:data:`NAME_CHARACTERS`), stripped of surrounding space. With ``min_size >= 1``, never
    empty. For :func:`candidates` ``names=`` and :func:`profiles` ``title=``."""
    text = st.text(NAME_CHARACTERS, min_size=min_size, max_size=max_size).map(str.strip)
    return text.filter(bool) if min_size >= 1 else text


def ballot_ids() -> SearchStrategy[str | None]:
    """Ballot identifiers as a file may give them (BLT ``(id)``, a CSV id column): none, or
    one to six letters, digits, spaces, hyphens and underscores. For :func:`profiles`
    ``ballot_ids=``."""
    return st.one_of(st.none(), st.text("abcxyz019 -_", min_size=1, max_size=6))


@st.composite
def candidates(
    draw: DrawFn,
    *,
    min_size: int = 1,
    max_size: int = 6,
    attributes: Mapping[str, Sequence[str]] | None = None,
    names: SearchStrategy[str] | None = None,
    ids: bool = False,
    partial_attributes: bool = False,
) -> tuple[Candidate, ...]:
    """Candidates ``A``, ``B``, ... with each attribute drawn from its listed values.

    ``attributes={"gender": ("F", "M")}`` (or :data:`GENDER`) gives every candidate a
    gender, shrinking towards the first value listed. The options below are off by default
    (and then draw nothing):

    - ``names``: a strategy for the names instead of letters, e.g. :func:`names` for free
      text (drawn unique);
    - ``ids=True``: half the time, the candidates get ids ``c0``, ``c1``, ... that differ
      from their names (otherwise the id is the name);
    - ``partial_attributes=True``: each candidate may lack any of the ``attributes``.
    """
    if not 1 <= min_size <= max_size:
        raise ValueError(f"need 1 <= min_size <= max_size, not {min_size}, {max_size}")
    if names is None:
        chosen = candidate_names(draw(st.integers(min_size, max_size)))
    else:
        chosen = tuple(draw(st.lists(names, min_size=min_size, max_size=max_size, unique=True)))
    with_ids = ids and draw(st.booleans())
    out = []
    for i, name in enumerate(chosen):
        drawn = {}
        for key, values in (attributes or {}).items():
            if partial_attributes and not draw(st.booleans()):
                continue
            drawn[key] = draw(st.sampled_from(tuple(values)))
        out.append(Candidate(name, f"c{i}" if with_ids else name, drawn))
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
    grouped as every :class:`~votecount.ballots.Profile` is, so the number of unique ballots
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


# --- papers as written, valid or not --------------------------------------------------------

PaperProblem = Literal["repeat", "skip", "overvote", "unknown"]
PAPER_PROBLEMS: tuple[PaperProblem, ...] = ("repeat", "skip", "overvote", "unknown")


@st.composite
def ranked_papers(
    draw: DrawFn,
    n_candidates: int,
    *,
    problems: Sequence[PaperProblem] = PAPER_PROBLEMS,
    weight: SearchStrategy[Weight] | None = None,
    scribbled: bool = False,
    max_places: int = 6,
) -> RawRanking:
    """A preferential paper as written, with at most one of each of ``problems`` on it.

    ``"repeat"``: a candidate ranked again at a later place; ``"skip"``: a preference number
    left out; ``"overvote"``: two candidates marked at one place; ``"unknown"``: a mark that
    names no candidate. With ``problems=()`` the paper is clean. Shrinks towards a clean
    paper ranking candidate 0 only.

    ``scribbled=True`` ignores ``problems`` and draws anything a reader might hand over: 0 to
    ``max_places`` places, each blank, one mark or two (possibly the same candidate twice),
    a mark being a candidate or a mark that names none, so that problems of every kind come
    in any number and order, and a paper may be blank. Shrinks towards a blank paper.
    """
    if scribbled:
        mark = st.integers(0, n_candidates - 1)
        any_place: SearchStrategy[tuple[Mark, ...]] = st.one_of(
            st.tuples(mark),
            st.tuples(mark, mark),
            st.just(()),
            st.tuples(st.sampled_from([str(n_candidates + 1), "x"])),
        )
        scrawl = draw(st.lists(any_place, max_size=max_places))
        return RawRanking(tuple(scrawl), draw(weight if weight is not None else weights("int")))
    order = list(draw(st.permutations(range(n_candidates))))
    length = draw(st.integers(1, n_candidates))
    positions: list[tuple[Mark, ...]] = [(c,) for c in order[:length]]
    for problem in problems:
        if not draw(st.booleans()):
            continue
        at = draw(st.integers(0, len(positions)))
        if problem == "repeat":
            positions.insert(max(at, 1), (order[draw(st.integers(0, length - 1))],))
        elif problem == "skip":
            if len(positions) < 2:  # a skip needs a later preference, or it is just the end
                later = order[length] if length < n_candidates else order[0]
                positions.append((later,))
            positions.insert(min(max(at, 1), len(positions) - 1), ())
        elif problem == "overvote":
            place = min(at, len(positions) - 1)
            others = [c for c in range(n_candidates) if c not in positions[place]]
            extra = draw(st.sampled_from(others)) if others else 0
            positions[place] = (*positions[place], extra)
        elif problem == "unknown":
            positions.insert(at, (str(n_candidates + 1),))
        else:
            raise ValueError(f"unknown paper problem {problem!r}; known: {', '.join(PAPER_PROBLEMS)}")
    w = draw(weight if weight is not None else weights("int"))
    return RawRanking(tuple(positions), w)


@st.composite
def plurality_papers(
    draw: DrawFn,
    n_candidates: int,
    *,
    max_marks: int = 1,
    problems: Sequence[Literal["blank", "overvote", "repeat", "unknown"]] = (
        "blank",
        "overvote",
        "repeat",
        "unknown",
    ),
    weight: SearchStrategy[Weight] | None = None,
) -> RawMarks:
    """A "cross in a box" paper as written: valid, blank, overvoted (more than ``max_marks``
    crosses), with a candidate crossed twice, or with a mark naming no candidate."""
    top = min(max_marks, n_candidates)
    marks: list[Mark] = list(
        draw(st.lists(st.integers(0, n_candidates - 1), min_size=1, max_size=top, unique=True))
    )
    problem = draw(st.sampled_from([None, *problems]))
    if problem == "blank":
        marks = []
    elif problem == "overvote" and n_candidates > max_marks:
        rest = [c for c in range(n_candidates) if c not in marks]
        marks += draw(
            st.lists(
                st.sampled_from(rest), min_size=max_marks + 1 - len(marks), max_size=len(rest), unique=True
            )
        )
    elif problem == "repeat":
        marks.append(marks[0])
    elif problem == "unknown":
        marks.append(str(n_candidates + 1))
    w = draw(weight if weight is not None else weights("int"))
    return RawMarks(tuple(marks), w)


# --- seat constraints ------------------------------------------------------------------------


def _attribute_groups(cands: Sequence[Candidate]) -> list[tuple[str, str]]:
    return sorted({(k, v) for c in cands for k, v in c.attributes.items()})


@st.composite
def constraint_sets(
    draw: DrawFn,
    cands: Sequence[Candidate],
    seats: int,
    *,
    feasible: bool | None = True,
    max_size: int = 3,
) -> tuple[Constraint, ...]:
    """Seat constraints on the candidates' attributes, for an election of ``seats`` seats.

    ``feasible=True``: some ``min(seats, len(cands))`` candidates meet them all (they are
    built around such a choice, drawn first). ``feasible=False``: no choice can, on
    purpose, in one of the ways a rulebook or a typing error goes wrong (a minimum above
    the maximum, above the seats, above the candidates who have the attribute, or minimums
    that add up to more than the seats). ``None``: either. Shrinks towards no constraints.
    """
    groups = _attribute_groups(cands)
    if feasible is None:
        feasible = draw(st.booleans())
    to_fill = min(seats, len(cands))
    if feasible:
        if not groups:
            return ()
        chosen = set(draw(st.permutations(range(len(cands))))[:to_fill])
        out = []
        for attribute, value in draw(st.lists(st.sampled_from(groups), max_size=max_size, unique=True)):
            have = sum(1 for i in chosen if cands[i].attributes.get(attribute) == value)
            at_least = draw(st.integers(0, have))
            at_most = draw(st.one_of(st.none(), st.integers(have, to_fill)))
            out.append(Constraint(attribute, value, at_least, at_most))
        return tuple(out)
    attribute, value = draw(st.sampled_from(groups)) if groups else ("gender", "F")
    members = sum(1 for c in cands if c.attributes.get(attribute) == value)
    ways = ["above maximum", "above seats", "above members"]
    others = [g for g in groups if g[0] == attribute and g[1] != value]
    if others:
        ways.append("sum above seats")  # two groups of one attribute never overlap
    way = draw(st.sampled_from(ways))
    if way == "above maximum":
        at_most = draw(st.integers(0, max(0, to_fill - 1)))
        return (Constraint(attribute, value, at_most + 1, at_most),)
    if way == "above seats":
        return (Constraint(attribute, value, to_fill + 1),)
    if way == "above members":
        return (Constraint(attribute, value, members + 1),)
    first = draw(st.integers(0, to_fill))
    return (
        Constraint(attribute, value, first),
        Constraint(attribute, others[0][1], to_fill - first + 1),
    )


# --- complete elections -----------------------------------------------------------------------


@attrs.frozen(repr=False)
class Election:
    """Everything a count needs: the profile, the rule, seats, tie-break seed, constraints.

    ``count()`` runs :func:`votecount.count` on it; the repr is what hypothesis prints for a
    failing example, so it lists the ballots in full, one per line.
    """

    profile: Profile
    rule: str
    seats: int
    seed: int = 0
    constraints: tuple[Constraint, ...] = ()
    options: Mapping[str, Any] = attrs.field(factory=dict)

    def count(self, **changes: Any) -> Result:
        """Count the election (``changes`` override or add options)."""
        return count(
            self.profile,
            self.rule,
            seats=self.seats,
            seed=self.seed,
            constraints=self.constraints,
            **{**self.options, **changes},
        )

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """How hypothesis prints a falsifying example: as :meth:`__repr__`."""
        printer.text(repr(self))

    def __repr__(self) -> str:
        names = [c.name for c in self.profile.candidates]
        lines = [
            f"Election(rule={self.rule!r}, seats={self.seats}, seed={self.seed}, "
            f"options={dict(self.options)!r}, constraints={self.constraints!r})",
            f"  candidates: {', '.join(repr(c) for c in self.profile.candidates)}",
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


def marks_allowed(rule: str, seats: int, options: Mapping[str, Any]) -> int:
    """How many candidates a plurality paper may mark under ``rule`` (its
    :attr:`~votecount.rules.spec.RuleSpec.marks`): one, as many as the seats, or the
    ``marks`` option; a ranked rule's papers are not limited here (the seats)."""
    spec = get_rule(rule)
    if spec.marks == "one":
        return 1
    if spec.marks == "option":
        return int(options["marks"])
    return seats


def _required_option(spec: RuleSpec, option: OptionSpec, seats: int) -> SearchStrategy[Any]:
    """A value for an option the rule cannot count without."""
    if option.name == "marks" and spec.marks == "option":
        return st.integers(1, seats - 1)
    if option.choices:
        return st.sampled_from(option.choices)
    raise ValueError(f"rule {spec.name!r} needs option {option.name!r}, whose values its spec does not list")


def _rule_names(kind: str | None, rules: Sequence[str] | None) -> list[str]:
    if rules is not None:
        return [get_rule(r).name for r in rules]
    return sorted(name for name, spec in RULES.items() if kind is None or spec.ballots in (kind, "either"))


@st.composite
def elections(
    draw: DrawFn,
    *,
    rules: Sequence[str] | None = None,
    kind: Literal["ranked", "plurality"] | None = None,
    max_candidates: int = 6,
    max_ballots: int = 12,
    max_seats: int | None = None,
    weight: SearchStrategy[Weight] | None = None,
    attributes: Mapping[str, Sequence[str]] | None = None,
    constraints: bool | None = False,
    variants: bool = False,
) -> Election:
    """A complete, valid election, ready to :meth:`~Election.count`.

    ``rules``: the rule names to choose from (default: every rule in the table that counts
    ``kind`` ballots; both kinds when ``kind`` is ``None``). The seats, marks and options fit
    the rule as its :class:`~votecount.rules.spec.RuleSpec` states them: single-seat rules get
    one seat, plurality papers carry no more crosses than the rule allows, an option the rule
    needs is drawn from its values. ``constraints``: ``False`` none, ``True`` feasible
    seat constraints on ``attributes`` (default :data:`GENDER`), ``None`` feasible or not.
    ``variants=True`` also draws each rule's optional choices, from each option's
    :attr:`~votecount.rules.spec.OptionSpec.sample` (STV's surplus method, places and quota;
    the alternative vote's majority, stop and exclusion); otherwise the rule's defaults.
    """
    names = _rule_names(kind, rules)
    if not names:
        raise ValueError(f"no registered rule counts {kind} ballots")
    rule = draw(st.sampled_from(names))
    spec = get_rule(rule)
    if spec.ballots == "either":
        ballot_kind = kind or draw(st.sampled_from(["ranked", "plurality"]))
    else:
        ballot_kind = spec.ballots
    wanted = attributes if attributes is not None else (GENDER if constraints is not False else None)
    cands = draw(candidates(min_size=max(1, spec.min_seats), max_size=max_candidates, attributes=wanted))
    n = len(cands)
    if spec.seats == "one":
        seats = 1
    else:
        top = n if max_seats is None else max(spec.min_seats, min(max_seats, n))
        seats = draw(st.integers(spec.min_seats, top))
    options = {o.name: draw(_required_option(spec, o, seats)) for o in spec.options if o.required}
    if variants:
        optional = {o.name: st.sampled_from(o.sample) for o in spec.options if o.sample and not o.required}
        options.update(draw(st.fixed_dictionaries({}, optional=optional)))
    marks = marks_allowed(rule, seats, options)
    prof = draw(
        profiles(
            "ranked" if ballot_kind == "ranked" else "plurality",
            candidates=st.just(cands),
            max_ballots=max_ballots,
            weight=weight,
            max_marks=marks,
        )
    )
    chosen: tuple[Constraint, ...] = ()
    if constraints is not False:
        chosen = draw(constraint_sets(cands, seats, feasible=constraints))
    seed = draw(st.integers(0, 1000))
    return Election(prof, rule, seats, seed, chosen, options)


__all__ = [
    "GENDER",
    "NAME_CHARACTERS",
    "PAPER_PROBLEMS",
    "Election",
    "ballot_ids",
    "candidates",
    "constraint_sets",
    "elections",
    "marks_allowed",
    "names",
    "plurality_ballots",
    "plurality_papers",
    "profiles",
    "ranked_ballots",
    "ranked_papers",
    "weights",
]
