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
from decimal import Decimal, Inexact, localcontext

from votecount.candidates import Candidate
from votecount.errors import RuleError
from votecount.numbers import Number
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
from votecount.ties import TieRecord
from votecount.validity import RawRanking

RULE = "rctab"


def count_papers(
    candidates: Sequence[Candidate | str],
    papers: Iterable[RawRanking],
    options: RCTabOptions,
    seats: int,
    *,
    excluded: Iterable[int] = (),
    write_in: int | None = None,
    title: str = "",
) -> tuple[Result, ...]:
    """Count ``papers`` under RCTab's ``options``: one result per pass.

    ``candidates`` are the configuration's, in its order (the order
    ``"candidate-order"`` tie-breaks follow), with RCTab's "Undeclared Write-ins" at index
    ``write_in`` when the contest has one; ``excluded`` those the configuration excludes.
    """
    cands = tuple(c if isinstance(c, Candidate) else Candidate(c) for c in candidates)
    names = [c.name for c in cands]
    out = set(excluded)
    paper_list = list(papers)
    with localcontext() as ctx:
        ctx.prec = 200
        ctx.traps[Inexact] = True  # every value is exact; a rounding would be a bug
        if options.election_mode != "multi-pass":
            groups = group_papers(paper_list, options)
            rounds = tabulate(names, groups, options, seats, excluded=frozenset(out), write_in=write_in)
            return (_result(cands, rounds, options, seats, out, groups_total(groups), title),)
        results = []
        for seat in range(1, seats + 1):
            groups = group_papers(paper_list, options)
            rounds = tabulate(names, groups, options, 1, excluded=frozenset(out), write_in=write_in)
            result = _result(cands, rounds, options, 1, out, groups_total(groups), title,
                             note=f"multi-pass count: pass {seat} of {seats}")
            if len(result.elected) != 1:
                raise RuleError(f"pass {seat} of the multi-pass count elected {len(result.elected)}, not one")
            results.append(result)
            out.add(cands.index(result.elected[0]))
        return tuple(results)


def groups_total(groups: Iterable[PaperGroup]) -> int:
    return sum(g.papers for g in groups)


def _result(
    cands: tuple[Candidate, ...],
    records: list[RoundRecord],
    options: RCTabOptions,
    seats: int,
    excluded: set[int],
    total: int,
    title: str,
    *,
    note: str = "",
) -> Result:
    standing = [i for i in range(len(cands)) if i not in excluded]
    surpluses = seats > 1 and options.election_mode != "bottoms-up"
    rounds: list[Round] = []
    residual = Decimal(0)
    eliminated: set[int] = set()
    before: dict[Candidate, Decimal] = {}
    exhausted_before = lost_before = Decimal(0)
    for rec in records:
        residual += sum((m.get(RESIDUAL, Decimal(0)) for m in rec.transfers.values()), Decimal(0))
        out_of_count = sum((v for s, v in rec.statuses.items() if s != ACTIVE), Decimal(0))
        inactive: dict[str, Number] = {s: rec.statuses.get(s, Decimal(0)) for s in INACTIVE_CATEGORIES}
        if rec.statuses.get(NO_RANKINGS):
            inactive[NO_RANKINGS] = rec.statuses[NO_RANKINGS]
        if surpluses and rec is records[-1]:
            inactive[FINAL_SURPLUS] = rec.statuses.get(FINAL_SURPLUS, Decimal(0))
        events = [Event("elected", cands[c], why) for c, why in rec.elected]
        events += [Event("excluded", cands[c], why) for c, why in rec.eliminated]
        votes = {cands[c]: rec.tally.get(c, Decimal(0)) for c in standing}
        changes = {k: v - before[k] for k, v in votes.items() if before and v != before[k]}
        rounds.append(
            Round(
                number=rec.number,
                description="First choices" if rec.number == 1 else f"Round {rec.number}",
                votes=votes,
                changes=changes,
                exhausted=out_of_count,
                lost_to_fractions=residual,
                quota=rec.threshold,
                transfers=[_transfer(cands, rec, s, eliminated) for s in sorted(rec.transfers)],
                events=events,
                exhausted_change=out_of_count - exhausted_before,
                lost_change=residual - lost_before,
                inactive=inactive,
            )
        )
        eliminated.update(c for c, _ in rec.eliminated)
        before, exhausted_before, lost_before = votes, out_of_count, residual
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
        quota=records[0].threshold if records else None,
        ties=tuple(ties),
        tie_policy=f"RCTab tiebreakMode {options.tie_break}",
        places=options.places,
        title=title,
        notes=notes,
        withdrawn=tuple(cands[i] for i in sorted(excluded)),
    )


def _transfer(cands: tuple[Candidate, ...], rec: RoundRecord, source: int, eliminated: set[int]) -> Transfer:
    moved = rec.transfers[source]
    votes = {cands[t]: v for t, v in moved.items() if isinstance(t, int)}
    return Transfer(
        source=cands[source],
        kind="exclusion" if source in eliminated else "surplus",
        papers=sum((v for v in moved.values()), Decimal(0)),
        votes=votes,
        exhausted=moved.get(None, Decimal(0)),
        lost=moved.get(RESIDUAL, Decimal(0)),
    )


__all__ = ["RULE", "count_papers"]
