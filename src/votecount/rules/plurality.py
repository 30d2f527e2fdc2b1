"""Plurality rules: first-past-the-post, block vote, limited vote and SNTV, with seat constraints.

All four are one count that differs only in how many marks a paper may carry:

========  ============================================  =====
rule      marks allowed                                 seats
========  ============================================  =====
fptp      1                                             1
block     as many as seats (``mntv``, ``block-vote``)   N
limited   ``marks=k``, 1 <= k < N                       N
sntv      1                                             N
========  ============================================  =====

Each rule also counts **ranked** papers (a BLT file in which each paper lists the candidates
it marks, as the Labour NEC block-vote counts are kept). Under ``fptp`` and ``sntv`` a ranked
paper counts for its first preference; under ``block`` and ``limited`` every candidate it
ranks is one of its marks, whatever the order, so a paper ranking more than the marks allowed
is a paper with too many crosses, set aside whole by step 1 (keeping its first k preferences
would choose for the voter by the order the crosses were keyed). docs/rules/plurality.md.

The count, as Labour ran its NEC constituency section 2014-2018 (members "mark up to N
crosses"; "the top N by votes are elected", counting-rules.md section 1):

1. A paper with no mark is blank; a paper with more marks than allowed is invalid and set
   aside whole, with that reason. A mark for a withdrawn candidate is disregarded. Every
   other paper gives one vote to each candidate it marks.
2. The candidates are listed by votes, highest first, and elected down the list until the
   seats are filled.
3. With seat constraints, the count skips a candidate whose election would leave a
   minimum impossible to meet with the seats left (or break a maximum). The NPF 2012 East
   Midlands count (4 seats, at least 2 women) skipped Mohammed (M, 1,931) and elected
   Elliott (F, 1,473): "but for the women's quota, the seat would have gone to ... Adam
   Mohammed" (Left Futures, June 2012). With several overlapping constraints "impossible"
   is decided exactly (:meth:`votecount.constraints.ConstraintSet.electable`).
4. Candidates with equal votes go to the tie-break policy only when the order between
   them decides who is elected; each such tie is recorded in ``Result.ties``.

The result is a single round: each candidate's votes, and an event for every candidate
elected or skipped, in the order the count took them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from votecount.ballots import Weight
from votecount.constraints import Constraint, ConstraintSet
from votecount.errors import RuleError
from votecount.numbers import format_number
from votecount.profile import Profile
from votecount.result import Event, Result, Round
from votecount.rules.marks import Papers
from votecount.ties import TieBreaker, TiePolicy


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, ... 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _constraint_tuple(constraints: Sequence[Any]) -> tuple[Constraint, ...]:
    for k in constraints:
        if not isinstance(k, Constraint):
            raise RuleError(f"a seat constraint must be a votecount.constraints.Constraint, not {k!r}")
    return tuple(constraints)


def count_plurality(
    profile: Profile,
    *,
    rule: str,
    seats: int,
    marks: int,
    ties: TiePolicy,
    constraints: Sequence[Any] = (),
    options: dict[str, Any] | None = None,
    ranked_as_marks: bool = False,
) -> Result:
    """The shared plurality count: ``marks`` marks allowed per paper, ``seats`` seats.

    ``ranked_as_marks``: a ranked paper marks every candidate it ranks (``block``,
    ``limited``); else it counts for its first preference (``fptp``, ``sntv``). See the
    module docstring for the rule, step by step.
    """
    cands = profile.candidates
    rules = _constraint_tuple(constraints)
    papers = Papers(profile, marks, ranked_as_marks)
    standing = [i for i in range(len(cands)) if i not in profile.withdrawn]
    to_fill = min(seats, len(standing))
    cset = ConstraintSet(rules, cands)
    if rules:
        cset.check_feasible(to_fill, standing)
    breaker = TieBreaker(ties)
    votes = {c: papers.votes.get(c, 0) for c in standing}

    levels: list[list[int]] = []
    for c in sorted(standing, key=lambda c: (-votes[c], c)):
        if levels and votes[levels[-1][0]] == votes[c]:
            levels[-1].append(c)
        else:
            levels.append([c])

    elected: list[int] = []
    hopefuls = set(standing)
    events: list[Event] = []
    above = 0
    for group in levels:
        if len(elected) == to_fill:
            break
        can = [c for c in group if cset.electable(c, elected, hopefuls, to_fill)]
        order, tie_note = list(group), ""
        if set(_greedy(cset, group, elected, hopefuls, to_fill)) != set(can):
            decided = breaker.order([cands[c] for c in can], purpose="elect", stage=1)
            order = [cands.index(d) for d in decided] + [c for c in group if c not in can]
            tie_note = f"; tie broken by {ties.describe()}"
        equal = "equal " if len(group) > 1 else ""
        place = f"{equal}{ordinal(above + 1)} highest vote"
        for c in order:
            if len(elected) == to_fill:
                if tie_note and c in can:
                    events.append(Event("not elected", cands[c], f"{place}, seats filled{tie_note}"))
                continue
            if cset.electable(c, elected, hopefuls, to_fill):
                elected.append(c)
                events.append(Event("elected", cands[c], place + tie_note))
            else:
                why = cset.why_blocked(c, elected, hopefuls, to_fill)
                events.append(Event("not elected", cands[c], f"{place}, skipped: {why}"))
            hopefuls.discard(c)
        above += len(group)

    valid_marks: Weight = sum(votes.values(), 0)
    report = papers.report(profile, rule)
    notes = [
        f"Valid papers: {format_number(papers.valid)}; votes (marks) on them: {format_number(valid_marks)}"
    ]
    notes += [f"Set aside, {reason}: {format_number(w)}" for reason, w in report.rejected.items()]
    notes += [f"Repaired, {reason}: {format_number(w)}" for reason, w in report.repaired.items()]
    if profile.kind == "ranked":
        notes.append(
            "Ranked papers read as marks: each candidate a paper ranks is one of its marks, "
            f"at most {marks} a paper"
            if ranked_as_marks
            else "Ranked papers read as marks: each paper counts for its first preference"
        )
    if to_fill < seats:
        notes.append(f"Only {len(standing)} candidates stand for {seats} seats: all are elected")
    if rules:
        notes.append("Constraints: " + "; ".join(str(k) for k in rules))
    described = {**(options or {}), "marks": marks}
    if rules:
        described["constraints"] = tuple(str(k) for k in rules)
    round_one = Round(
        1,
        "Votes cast",
        votes={cands[c]: votes[c] for c in standing},
        events=tuple(events),
    )
    return Result(
        rule=rule,
        candidates=cands,
        seats=seats,
        elected=tuple(cands[c] for c in elected),
        rounds=(round_one,),
        valid_poll=papers.valid,
        options=described,
        ties=tuple(breaker.records),
        tie_policy=ties.describe(),
        title=profile.title,
        notes=tuple(notes),
        withdrawn=tuple(cands[c] for c in sorted(profile.withdrawn)),
        validation=report,
        profile=profile,
    )


def _greedy(
    cset: ConstraintSet,
    order: Sequence[int],
    elected: Sequence[int],
    hopefuls: set[int],
    seats: int,
) -> list[int]:
    """Whom going down ``order`` would elect from where the count stands (nothing recorded)."""
    chosen, pool, out = list(elected), set(hopefuls), []
    for c in order:
        if len(chosen) == seats:
            break
        if cset.electable(c, chosen, pool, seats):
            chosen.append(c)
            out.append(c)
        pool.discard(c)
    return out


def _no_options(rule: str, options: dict[str, Any]) -> None:
    if options:
        raise RuleError(f"rule {rule!r} takes no option(s) {', '.join(sorted(options))}")


def fptp(
    profile: Profile,
    *,
    seats: int,
    ties: TiePolicy,
    constraints: Sequence[Any] = (),
    **options: Any,
) -> Result:
    """First-past-the-post: the candidate with most votes wins the one seat (a ranked paper
    counts for its first preference)."""
    _no_options("fptp", options)
    if seats != 1:
        raise RuleError(f"fptp fills one seat, not {seats}; for several use block, limited or sntv")
    return count_plurality(profile, rule="fptp", seats=1, marks=1, ties=ties, constraints=constraints)


def block(
    profile: Profile,
    *,
    seats: int,
    ties: TiePolicy,
    constraints: Sequence[Any] = (),
    **options: Any,
) -> Result:
    """Block vote: each paper marks up to as many candidates as there are seats (a ranked
    paper: every candidate it ranks)."""
    _no_options("block", options)
    return count_plurality(
        profile, rule="block", seats=seats, marks=seats, ties=ties, constraints=constraints,
        ranked_as_marks=True,
    )


def limited(
    profile: Profile,
    *,
    seats: int,
    ties: TiePolicy,
    constraints: Sequence[Any] = (),
    marks: int | None = None,
    **options: Any,
) -> Result:
    """Limited vote: each paper marks up to ``marks`` candidates, fewer than the seats (a
    ranked paper: every candidate it ranks)."""
    _no_options("limited", options)
    if marks is None:
        raise RuleError("the limited vote needs marks=k, the number of marks a paper may carry")
    if isinstance(marks, bool) or not isinstance(marks, int) or not 1 <= marks < seats:
        raise RuleError(
            f"the limited vote allows 1 to {seats - 1} marks for {seats} seats, not {marks!r} "
            "(with as many marks as seats it is the block vote)"
        )
    return count_plurality(
        profile, rule="limited", seats=seats, marks=marks, ties=ties, constraints=constraints,
        ranked_as_marks=True,
    )


def sntv(
    profile: Profile,
    *,
    seats: int,
    ties: TiePolicy,
    constraints: Sequence[Any] = (),
    **options: Any,
) -> Result:
    """Single non-transferable vote: one mark per paper, several seats (a ranked paper: its
    first preference)."""
    _no_options("sntv", options)
    return count_plurality(profile, rule="sntv", seats=seats, marks=1, ties=ties, constraints=constraints)


RULE_FUNCTIONS: dict[str, Callable[..., Result]] = {
    "fptp": fptp,
    "block": block,
    "limited": limited,
    "sntv": sntv,
}

__all__ = ["RULE_FUNCTIONS", "count_plurality", "ordinal"]
