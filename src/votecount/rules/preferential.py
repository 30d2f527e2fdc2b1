"""Preferential rounds for one seat: alternative vote, supplementary vote, contingent vote.

All three are presets of the one counting engine, :func:`votecount.rules.stv.count_stv`,
with a quota of *half the votes*, elected on exceeding it. None has a loop of its own.

**Alternative vote** (``irv``; also ``av``, ``alternative-vote``, ``instant-runoff``), as
Labour counts its leadership, deputy-leadership and mayoral selections: "the lowest
candidate is eliminated, their ballots go to the next preference, until someone has more
than half of the votes still in play". Named options:

- ``majority_of``: ``"continuing"`` (default; more than half of the votes held by
  candidates still in the count, recomputed every round: the figures Labour published for
  its 2015 and 2020 deputy-leadership counts imply this, see docs/rules/preferential.md) or
  ``"valid"`` (more than half of all valid first preferences).
- ``stop``: ``"majority"`` (default; stop as soon as someone has the majority) or
  ``"last-two"`` (eliminate down to the last two, then elect the one with more votes, as
  many published tables show the count).
- ``exclusion``: ``"one"`` (default; the lowest candidate, one per round) or ``"batch"``
  (all the lowest candidates whose votes together are fewer than the next candidate's, who
  therefore could not catch that candidate even with each other's papers).
- ``look_back``: how a tie for last place is broken before lot: ``"most-recent"``
  (default; the most recent earlier round at which the tied candidates differed, the lowest
  then being excluded), ``"earliest"`` (the first such round) or ``"none"``. What is still
  tied goes to the count's tie policy: lot from ``seed``, an explicit ``tie_order``, or a
  :class:`~votecount.errors.TieError`.
- ``equal_rankings``: ``"exhaust"`` (default) or ``"refuse"``, for papers ranking two
  candidates equal (see :class:`~votecount.rules.stv.STVOptions`).

When two candidates remain and neither has the majority (exhausted papers, with
``majority_of="valid"``), the one with more votes is elected.

**Supplementary vote** (``supplementary``, ``sv``): Greater London Authority Act 1999,
Sch. 2 para. 4 (and the Combined Authority Mayoral Elections Rules 2017, r. 55). A paper
gives a first choice and optionally a second. If a candidate has more than half of the
first-preference votes, they are elected (para. 4(2)). Otherwise the two with the most
first preferences remain, or all who qualify where a tie for second place makes three or
more (para. 4(3)); the others are eliminated, and the second preferences *of papers whose
first preference went to an eliminated candidate* are added to the remaining candidates
(para. 4(4)-(5)); papers whose first preference is a remaining candidate stay with it. The
remaining candidate with the most votes is elected (para. 4(6)), equal totals being
decided by lot (para. 4(7); default ``look_back="none"``).

Papers are read as ranked ballots: the first preference is the first choice and the second
preference the second; later preferences are not part of a supplementary-vote paper and are
not read (the result notes how many papers had them). Validity, see
:func:`supplementary_profile`: a paper with a second choice but no first is void (r. 55(2)
counts a second preference only "if a valid first preference vote has also been marked");
a second choice for the same candidate as the first counts as a first choice only (it
could never be transferred: a paper's second preference counts only when its first
preference is eliminated).

**Contingent vote** (``contingent``): the supplementary vote's count on fully ranked
papers. After the first round, all but the top two (more if tied for second) are
eliminated together, and each of their papers goes to whichever remaining candidate it
ranks highest, at any preference.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import attrs

from votecount.ballots import Candidate, RankedBallot, Weight
from votecount.errors import RuleError
from votecount.numbers import Number, format_number
from votecount.profile import Profile
from votecount.result import Result
from votecount.rules.stv import LookBack, STVOptions, count_stv
from votecount.ties import TiePolicy
from votecount.validation import BallotProblem, ValidationReport

MajorityOf = Literal["continuing", "valid"]
Stop = Literal["majority", "last-two"]
Exclusion = Literal["one", "batch"]

_EXCLUSION = {"one": "one", "single": "one", "batch": "bulk", "bulk": "bulk"}


def _choice(name: str, value: Any, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    text = str(value).strip().lower().replace("_", "-")
    if text not in allowed:
        raise RuleError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    return text


def irv_options(
    *,
    majority_of: MajorityOf = "continuing",
    stop: Stop = "majority",
    exclusion: Exclusion = "one",
    look_back: LookBack = "most-recent",
    equal_rankings: Literal["exhaust", "refuse"] = "exhaust",
) -> STVOptions:
    """The engine's options for the alternative vote with these named choices."""
    base = _choice("majority_of", majority_of, ("continuing", "valid"))
    stop_at = _choice("stop", stop, ("majority", "last-two"))
    batch = _EXCLUSION[_choice("exclusion", exclusion, _EXCLUSION)]
    return STVOptions(
        quota="majority",
        quota_base=base,  # type: ignore[arg-type]
        recompute_quota=True,
        elect_on="exceed",
        exclusion=batch,  # type: ignore[arg-type]
        look_back=_choice("look_back", look_back, ("most-recent", "earliest", "none")),  # type: ignore[arg-type]
        exclude_down_to=2 if stop_at == "last-two" else None,
        elect_highest_at_last=True,
        equal_rankings=_choice("equal_rankings", equal_rankings, ("exhaust", "refuse")),  # type: ignore[arg-type]
    )


def _top_two_options(look_back: LookBack, equal_rankings: Literal["exhaust", "refuse"]) -> STVOptions:
    return STVOptions(
        quota="majority",
        quota_base="valid",
        recompute_quota=True,
        elect_on="exceed",
        look_back=_choice("look_back", look_back, ("most-recent", "earliest", "none")),  # type: ignore[arg-type]
        top_after_first=2,
        elect_highest_at_last=True,
        equal_rankings=_choice("equal_rankings", equal_rankings, ("exhaust", "refuse")),  # type: ignore[arg-type]
    )


def _no_unknown(rule: str, unknown: dict[str, Any], known: Sequence[str]) -> None:
    if unknown:
        names = ", ".join(sorted(unknown))
        raise RuleError(f"unknown option(s) for {rule}: {names}; its options are {', '.join(known)}")


def _single_seat(rule: str, seats: int, constraints: Sequence[Any], *, constrained: bool = False) -> None:
    if seats != 1:
        raise RuleError(f"{rule} elects one candidate, not {seats}; for more seats use STV")
    if constraints and not constrained:
        raise RuleError(
            f"{rule} keeps the top candidates after the first round whoever they are: seat "
            "constraints do not apply (count with 'irv', which honours them)"
        )


def _with(result: Result, rule: str, options: dict[str, Any], notes: Sequence[str] = ()) -> Result:
    engine = dict(result.options)
    return attrs.evolve(
        result,
        rule=rule,
        options={**options, "engine": engine},
        notes=(*result.notes, *notes),
    )


def count_irv(
    profile: Profile,
    *,
    seats: int,
    ties: TiePolicy,
    constraints: Sequence[Any] = (),
    majority_of: MajorityOf = "continuing",
    stop: Stop = "majority",
    exclusion: Exclusion = "one",
    look_back: LookBack = "most-recent",
    equal_rankings: Literal["exhaust", "refuse"] = "exhaust",
    **unknown: Any,
) -> Result:
    """Count ``profile`` by the alternative vote (see the module docstring for the options)."""
    _no_unknown("irv", unknown, ("majority_of", "stop", "exclusion", "look_back", "equal_rankings"))
    _single_seat("the alternative vote", seats, constraints, constrained=True)
    options = irv_options(
        majority_of=majority_of,
        stop=stop,
        exclusion=exclusion,
        look_back=look_back,
        equal_rankings=equal_rankings,
    )
    result = count_stv(profile, seats=1, ties=ties, constraints=constraints, options=options, rule="irv")
    named = {
        "majority_of": options.quota_base,
        "stop": stop,
        "exclusion": "batch" if options.exclusion == "bulk" else "one",
        "look_back": options.look_back,
        "equal_rankings": equal_rankings,
    }
    return _with(result, "irv", named)


def _first_two(profile: Profile) -> tuple[Profile, list[str]]:
    """Papers cut to their first and second choices, with notes of what was not read."""
    longer: Weight = 0
    repeated: Weight = 0
    empty: Weight = 0
    ballots = []
    for b in profile.ballots:
        assert isinstance(b, RankedBallot)
        ranking = list(b.ranking[:2])
        if len(b.ranking) > 2:
            longer += b.weight
        if len(ranking) == 2 and ranking[0] == ranking[1]:
            ranking = ranking[:1]
            repeated += b.weight
        if not ranking:
            empty += b.weight
        ballots.append(RankedBallot(tuple(ranking), b.weight, b.id))
    notes = []
    if longer:
        notes.append(
            f"{longer} papers ranked more than two candidates; as supplementary-vote papers "
            "only their first and second choices were read"
        )
    if repeated:
        notes.append(f"{repeated} papers gave the same candidate as first and second choice; "
                     "counted as a first choice only")
    if empty:
        notes.append(f"{empty} papers gave no first choice; shown as non-transferable")
    return profile.replace(ballots=ballots), notes


def _count_top_two(
    rule: str,
    papers: Profile,
    ties: TiePolicy,
    look_back: LookBack,
    equal_rankings: Literal["exhaust", "refuse"],
    notes: Sequence[str] = (),
) -> Result:
    """The count the supplementary and contingent vote share: top two after the first round."""
    options = _top_two_options(look_back, equal_rankings)
    result = count_stv(papers, seats=1, ties=ties, options=options, rule=rule)
    named = {"look_back": options.look_back, "equal_rankings": equal_rankings}
    return _with(result, rule, named, notes)


def count_supplementary(
    profile: Profile,
    *,
    seats: int,
    ties: TiePolicy,
    constraints: Sequence[Any] = (),
    look_back: LookBack = "none",
    equal_rankings: Literal["exhaust", "refuse"] = "exhaust",
    **unknown: Any,
) -> Result:
    """Count ``profile`` by the supplementary vote (GLA Act 1999 Sch. 2 para. 4)."""
    _no_unknown("supplementary", unknown, ("look_back", "equal_rankings"))
    _single_seat("the supplementary vote", seats, constraints)
    papers, notes = _first_two(profile)
    return _count_top_two("supplementary", papers, ties, look_back, equal_rankings, notes)


def count_contingent(
    profile: Profile,
    *,
    seats: int,
    ties: TiePolicy,
    constraints: Sequence[Any] = (),
    look_back: LookBack = "none",
    equal_rankings: Literal["exhaust", "refuse"] = "exhaust",
    **unknown: Any,
) -> Result:
    """Count ``profile`` by the contingent vote: the top two after the first round."""
    _no_unknown("contingent", unknown, ("look_back", "equal_rankings"))
    _single_seat("the contingent vote", seats, constraints)
    return _count_top_two("contingent", profile, ties, look_back, equal_rankings)


def supplementary_profile(
    candidates: Sequence[Candidate | str],
    papers: Iterable[tuple[str | None, str | None] | tuple[str | None, str | None, Weight]],
    *,
    title: str = "",
    source: str | None = None,
) -> Profile:
    """A profile of supplementary-vote papers given as ``(first, second[, number])``.

    ``first`` and ``second`` are candidate names (or ids) or ``None`` for a column left
    blank. Validity, recorded in the profile's :class:`ValidationReport`:

    - no first choice: the paper is void and set aside (a second preference counts only
      "if a valid first preference vote has also been marked", Combined Authority Mayoral
      Elections Rules 2017 r. 55(2)), whether or not a second choice is marked;
    - a second choice for the same candidate as the first: counted as a first choice only
      (it could never count: second preferences count only when the first is eliminated).
    """
    profile = Profile(candidates, [], title=title)
    index = {c.name: i for i, c in enumerate(profile.candidates)}
    index.update({c.id: i for i, c in enumerate(profile.candidates)})
    ballots: list[RankedBallot] = []
    problems: list[BallotProblem] = []
    read: Weight = 0
    cast: Weight = 0
    void: Weight = 0
    repeated: Weight = 0
    for n, paper in enumerate(papers, start=1):
        first, second = paper[0], paper[1]
        weight: Weight = paper[2] if len(paper) == 3 else 1
        read += weight
        for name in (first, second):
            if name is not None and name not in index:
                raise RuleError(f"paper {n}: unknown candidate {name!r}")
        if first is None:
            void += weight
            detail = f"second choice {second}" if second is not None else "blank"
            problems.append(BallotProblem("no first choice", "set aside", weight, n, detail))
            continue
        ranking = [index[first]]
        if second is not None and index[second] != ranking[0]:
            ranking.append(index[second])
            cast += weight
        elif second is not None:
            repeated += weight
            problems.append(
                BallotProblem("second choice repeats the first", "counted as a first choice only",
                              weight, n, str(first))
            )
        else:
            cast += weight
        ballots.append(RankedBallot(tuple(ranking), weight))
    report = ValidationReport(
        source=source,
        read=read,
        counted_as_cast=cast,
        repaired={"second choice repeats the first": repeated} if repeated else {},
        rejected={"no first choice": void} if void else {},
        problems=tuple(problems),
        policy="supplementary vote (GLA Act 1999 Sch. 2; CA Mayoral Elections Rules 2017 r. 55)",
    )
    return Profile(profile.candidates, ballots, title=title, validation=report)


@attrs.frozen
class TransferMatrix:
    """What moved where, round by round: one row per source of papers in a round.

    ``rows`` are ``(round number, source, {destination: votes})``, the destinations being
    candidates and the key ``"non-transferable"``. Prints as a table (``print(matrix)``).
    Works for any result whose rounds record transfers (any rule of the engine).
    """

    candidates: tuple[Candidate, ...]
    rows: tuple[tuple[int, Candidate, Mapping[Candidate | str, Number]], ...]

    @classmethod
    def of(cls, result: Result) -> TransferMatrix:
        rows = []
        for rnd in result.rounds:
            for t in rnd.transfers:
                moved: dict[Candidate | str, Number] = {c: v for c, v in t.votes.items() if v}
                if t.exhausted:
                    moved[NON_TRANSFERABLE] = t.exhausted
                rows.append((rnd.number, t.source, moved))
        return cls(result.candidates, tuple(rows))

    def __str__(self) -> str:
        heads = ["Round", "From", *(c.name for c in self.candidates), NON_TRANSFERABLE]
        keys: list[Candidate | str] = [*self.candidates, NON_TRANSFERABLE]
        table = [heads] + [
            [str(n), src.name, *(format_number(moved[k]) if k in moved else "" for k in keys)]
            for n, src, moved in self.rows
        ]
        widths = [max(len(row[i]) for row in table) for i in range(len(heads))]
        lines = []
        for row in table:
            pairs = enumerate(zip(row, widths, strict=True))
            cells = [c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in pairs]
            lines.append("  ".join(cells).rstrip())
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines)


NON_TRANSFERABLE = "non-transferable"


def transfer_matrix(result: Result) -> TransferMatrix:
    """The transfers of ``result`` as a source-by-destination table, round by round."""
    return TransferMatrix.of(result)


__all__ = [
    "NON_TRANSFERABLE",
    "TransferMatrix",
    "count_contingent",
    "count_irv",
    "count_supplementary",
    "irv_options",
    "supplementary_profile",
    "transfer_matrix",
]
