"""Ties in an STV count: most votes first, then the earlier stages, then the tie policy.

Every rulebook breaks a tie between candidates first by looking back at the stages before
(:attr:`~votecount.rules.stv.options.STVOptions.look_back`: the most recent stage at which
they differed, the earliest, or none), and only then by lot or an order given in advance
(the count's :class:`~votecount.ties.TiePolicy`). Each tie met is recorded in the result.
"""

from __future__ import annotations

from collections.abc import Sequence

from votecount.numbers import Value
from votecount.rules.stv.count import Count
from votecount.rules.stv.options import LookBack
from votecount.ties import Purpose


def order_by_votes(
    count: Count,
    cands: Sequence[int],
    *,
    purpose: Purpose,
    key: Sequence[Value] | None = None,
    decides: bool = True,
) -> list[int]:
    """``cands`` most favoured (most votes) first; ties by look-back, then the policy.

    ``decides=False``: the order decides nothing (all of them are elected at once), so
    equal candidates keep ballot-paper order and no tie is recorded or drawn.
    """
    values = key if key is not None else count.votes
    groups: dict[Value, list[int]] = {}
    for c in cands:
        groups.setdefault(values[c], []).append(c)
    out: list[int] = []
    for v in sorted(groups, reverse=True):
        group = groups[v]
        if len(group) == 1 or not decides:
            out.extend(group)
        else:
            out.extend(break_tie(count, group, purpose=purpose))
    return out


def look_back(count: Count, tied: Sequence[int]) -> list[list[int]]:
    """Order tied candidates by the earlier stages (:attr:`STVOptions.look_back`), most
    favoured first, as groups: a group of more than one is still tied at every stage."""
    earlier = count.history[:-1] if count.history else []
    return order_by_earlier_stages(earlier, tied, count.options.look_back)


def order_by_earlier_stages(
    earlier: Sequence[Sequence[Value]], tied: Sequence[int], direction: LookBack
) -> list[list[int]]:
    """Order ``tied`` by their votes at the stages before this one (``earlier``, oldest
    first), most favoured first, as groups still tied at every stage.

    ``"most-recent"``: the most recent preceding stage at which they were unequal decides
    (SSI 2007/42 Sch. 1 rr. 49(3), 50(2)); ``"earliest"``: the earliest such stage (ERS97
    5.2.5; Northern Ireland); ``"none"``: no look-back. Candidates still equal there are
    ordered among themselves by the stages after it, in the same direction.
    """
    if direction == "most-recent":
        stages = list(reversed(earlier))
    elif direction == "earliest":
        stages = list(earlier)
    else:
        stages = []

    def refine(group: list[int], start: int) -> list[list[int]]:
        for i in range(start, len(stages)):
            votes = stages[i]
            if len({votes[c] for c in group}) > 1:
                sub: dict[Value, list[int]] = {}
                for c in group:
                    sub.setdefault(votes[c], []).append(c)
                out: list[list[int]] = []
                for v in sorted(sub, reverse=True):
                    out.extend(refine(sub[v], i + 1) if len(sub[v]) > 1 else [sub[v]])
                return out
        return [group]

    return refine(sorted(tied), 0)


def tie_stage(count: Count, purpose: Purpose) -> int:
    """The stage a tie is recorded at: the open stage, or the next for an exclusion."""
    return len(count.rounds) + (1 if count.stage is not None or purpose != "elect" else 0)


def record_look_back(
    count: Count, tied: Sequence[int], groups: Sequence[Sequence[int]], purpose: Purpose, method: str
) -> None:
    """Record a tie settled (at least in part) by looking back."""
    cands = count.profile.candidates
    count.ties.record(
        [cands[c] for c in sorted(tied)], [cands[c] for g in groups for c in g],
        purpose=purpose, stage=tie_stage(count, purpose), method=method,
    )


def break_tie(count: Count, tied: Sequence[int], *, purpose: Purpose) -> list[int]:
    """Order tied candidates, most favoured first: look back, then the tie policy."""
    cands = count.profile.candidates
    groups = look_back(count, tied)
    ordered: list[int] = []
    used_policy = False
    for group in groups:
        if len(group) == 1:
            ordered.extend(group)
            continue
        used_policy = True
        at = tie_stage(count, purpose)
        decided = count.ties.order([cands[c] for c in group], purpose=purpose, stage=at)
        index = {cands[c]: c for c in group}
        ordered.extend(index[d] for d in decided)
    if len(groups) > 1:
        method = "earlier stages" if not used_policy else "earlier stages, then the tie policy"
        record_look_back(count, tied, [ordered], purpose, method)
    return ordered


__all__ = [
    "break_tie",
    "look_back",
    "order_by_earlier_stages",
    "order_by_votes",
    "record_look_back",
    "tie_stage",
]
