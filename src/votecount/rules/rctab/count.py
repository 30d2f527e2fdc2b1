"""Count papers as RCTab does and record each pass as a :class:`~votecount.result.Result`.

:func:`count_papers` takes the papers as written (:class:`~votecount.validity.RawRanking`)
and RCTab's options; it returns one result per pass: one for every mode but
``"multi-pass"`` (RCTab's "Multi-pass IRV"), which runs one single-winner count per seat,
each earlier winner excluded from the later passes, and reports each pass separately.

How a round is recorded (see ``docs/us-cvr.md``):

- ``votes``: RCTab's tally (continuing candidates, and in multi-seat counts the elected
  at the threshold); candidates out of the count hold 0.
- ``quota``: RCTab's threshold for the round.
- ``inactive``: the value of the papers in each of RCTab's inactive categories.
- ``exhausted``: every paper out of the count — inactive papers, papers that ranked
  nobody, and in the last round of a multi-seat count the final-round surplus;
  ``lost_to_fractions``: the residual surplus that truncating values leaves.
- ``transfers``: what moved *into* this round from each source (an eliminated candidate,
  or an elected candidate's surplus), RCTab's ``transfers`` of the previous round's
  decision.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction

from votecount.candidates import Candidate
from votecount.errors import RuleError
from votecount.numbers import Number, Weight
from votecount.result import Event, Result, Round, Transfer
from votecount.rules.rctab.options import RCTabOptions
from votecount.rules.rctab.papers import (
    ACTIVE,
    FINAL_SURPLUS,
    INACTIVE_CATEGORIES,
    NO_RANKINGS,
    PaperGroup,
    group_papers,
)
from votecount.rules.rctab.tabulate import RESIDUAL, RoundRecord, tabulate
from votecount.ties import TieBreaker, TiePolicy, TieRecord
from votecount.validity import RawPaper

RULE = "rctab"


def count_papers(
    candidates: Sequence[Candidate | str],
    papers: Iterable[RawPaper],
    options: RCTabOptions,
    seats: int,
    *,
    excluded: Iterable[int] = (),
    write_in: int | None = None,
    title: str = "",
    ties: TiePolicy | None = None,
) -> tuple[Result, ...]:
    """Count ``papers`` under RCTab's ``options``: one result per pass.

    ``candidates`` are the configuration's, in its order (the order
    ``"candidate-order"`` tie-breaks follow), with RCTab's "Undeclared Write-ins" at index
    ``write_in`` when the contest has one; ``excluded`` those the configuration excludes;
    ``ties`` the tie policy for ``tiebreak_mode="policy"``.
    """
    cands = tuple(c if isinstance(c, Candidate) else Candidate(c) for c in candidates)
    out = set(excluded)
    policy = TieBreaker(ties) if ties is not None else None
    paper_list = list(papers)
    if options.election_mode != "multi-pass":
        groups = group_papers(paper_list, options)
        rounds = tabulate(cands, groups, options, seats, excluded=frozenset(out), write_in=write_in,
                          policy=policy)
        return (_result(cands, rounds, options, seats, out, groups_total(groups), title),)
    results = []
    for seat in range(1, min(seats, len(cands) - len(out)) + 1):
        groups = group_papers(paper_list, options)
        rounds = tabulate(cands, groups, options, 1, excluded=frozenset(out), write_in=write_in,
                          policy=policy)
        result = _result(cands, rounds, options, 1, out, groups_total(groups), title,
                         note=f"multi-pass count: pass {seat} of {seats}")
        if len(result.elected) != 1:
            raise RuleError(f"pass {seat} of the multi-pass count elected {len(result.elected)}, not one")
        results.append(result)
        out.add(cands.index(result.elected[0]))
    return tuple(results)


def groups_total(groups: Iterable[PaperGroup]) -> Weight:
    return sum((g.papers for g in groups), 0)


def _public(value: Fraction, places: int) -> Number:
    """A value as the result shows it: a ``Decimal`` to ``places`` places where it has no
    more (every value, when each paper weighs a whole number), else exactly: a longer
    ``Decimal`` where it terminates, a ``Fraction`` where it does not."""
    scale = 10**places
    if (value * scale).denominator == 1:
        return Decimal(int(value * scale)).scaleb(-places)
    den, twos, fives = value.denominator, 0, 0
    while den % 2 == 0:
        den, twos = den // 2, twos + 1
    while den % 5 == 0:
        den, fives = den // 5, fives + 1
    if den != 1:
        return value
    digits = max(twos, fives)
    return Decimal(int(value * 10**digits)).scaleb(-digits)


def _result(
    cands: tuple[Candidate, ...],
    records: list[RoundRecord],
    options: RCTabOptions,
    seats: int,
    excluded: set[int],
    total: Weight,
    title: str,
    *,
    note: str = "",
) -> Result:
    standing = [i for i in range(len(cands)) if i not in excluded]
    surpluses = seats > 1 and options.election_mode != "bottoms-up"
    p = options.places

    def public(value: Fraction) -> Number:
        return _public(value, p)

    rounds: list[Round] = []
    residual = Fraction(0)
    eliminated: set[int] = set()
    before: dict[Candidate, Fraction] = {}
    exhausted_before = lost_before = Fraction(0)
    for rec in records:
        residual += sum((m.get(RESIDUAL, Fraction(0)) for m in rec.transfers.values()), Fraction(0))
        out_of_count = sum((v for s, v in rec.statuses.items() if s != ACTIVE), Fraction(0))
        inactive: dict[str, Number] = {
            s: public(rec.statuses.get(s, Fraction(0))) for s in INACTIVE_CATEGORIES
        }
        if rec.statuses.get(NO_RANKINGS):
            inactive[NO_RANKINGS] = public(rec.statuses[NO_RANKINGS])
        if surpluses and rec is records[-1]:
            inactive[FINAL_SURPLUS] = public(rec.statuses.get(FINAL_SURPLUS, Fraction(0)))
        events = [Event("elected", cands[c], why) for c, why in rec.elected]
        events += [Event("excluded", cands[c], why) for c, why in rec.eliminated]
        exact = {cands[c]: rec.tally.get(c, Fraction(0)) for c in standing}
        votes = {k: public(v) for k, v in exact.items()}
        changes = {k: public(v - before[k]) for k, v in exact.items() if before and v != before[k]}
        rounds.append(
            Round(
                number=rec.number,
                description="First choices" if rec.number == 1 else f"Round {rec.number}",
                votes=votes,
                changes=changes,
                exhausted=public(out_of_count),
                lost_to_fractions=public(residual),
                quota=public(rec.threshold),
                transfers=[_transfer(cands, rec, s, eliminated, p) for s in sorted(rec.transfers)],
                events=events,
                exhausted_change=public(out_of_count - exhausted_before),
                lost_change=public(residual - lost_before),
                inactive=inactive,
            )
        )
        eliminated.update(c for c, _ in rec.eliminated)
        before, exhausted_before, lost_before = exact, out_of_count, residual
    elected = tuple(cands[c] for rec in records for c, _ in rec.elected)
    ties = []
    for rec in records:
        for winner, tied, chosen, how in rec.ties:
            others = tuple(cands[c] for c in tied if c != chosen)
            ties.append(TieRecord(
                stage=rec.number,
                purpose="elect" if winner else "exclude",
                candidates=tuple(cands[c] for c in tied),
                method=how,
                order=(cands[chosen], *others) if winner else (*others, cands[chosen]),
            ))
    options_dict = options.as_dict()
    if options.bottoms_up_percentage is not None:
        options_dict["bottoms_up_percentage"] = str(options.bottoms_up_percentage)
    notes = (note,) if note else ()
    return Result(
        rule=RULE,
        candidates=tuple(cands[i] for i in standing),
        seats=seats,
        elected=elected,
        rounds=tuple(rounds),
        valid_poll=total,
        options=options_dict,
        quota=public(records[0].threshold) if records else None,
        ties=tuple(ties),
        tie_policy=f"RCTab tiebreakMode {options.tiebreak_mode}",
        places=options.places,
        title=title,
        notes=notes,
        withdrawn=tuple(cands[i] for i in sorted(excluded)),
    )


def _transfer(
    cands: tuple[Candidate, ...], rec: RoundRecord, source: int, eliminated: set[int], places: int
) -> Transfer:
    moved = rec.transfers[source]
    votes = {cands[t]: _public(v, places) for t, v in moved.items() if isinstance(t, int)}
    return Transfer(
        source=cands[source],
        kind="exclusion" if source in eliminated else "surplus",
        papers=_public(sum((v for v in moved.values()), Fraction(0)), places),
        votes=votes,
        exhausted=_public(moved.get(None, Fraction(0)), places),
        lost=_public(moved.get(RESIDUAL, Fraction(0)), places),
    )


__all__ = ["RULE", "count_papers"]
