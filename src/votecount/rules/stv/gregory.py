"""The Gregory methods: a surplus passes on at a transfer value, papers in parcels.

- :class:`WeightedInclusiveGregory` (``"wigm"``): every paper the candidate holds, at
  surplus × its value ÷ the candidate's total (SSI 2007/42 Sch. 1 r. 48).
- :class:`UnweightedGregory` (``"uig"``, ``"last-parcel"``): the surplus shared over a
  number of papers, all the candidate holds (Commonwealth Electoral Act 1918 s 273) or only
  the last parcel received (ERS97 5.3, Northern Ireland, ACT Hare-Clark).

Under all of them an excluded candidate's papers pass on at the values they carry
(:class:`PileTransfers`), all at once or parcel by parcel.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from votecount.ballots import Weight
from votecount.numbers import Value
from votecount.rules.stv.count import Count
from votecount.rules.stv.papers import Parcel
from votecount.rules.stv.sorting import Run


class PileTransfers:
    """Exclusion common to the Gregory methods: each excluded paper passes on at the value
    it carries, all at once or parcel by parcel (:attr:`STVOptions.exclusion_transfer`)."""

    name = "piles"
    simultaneous = False

    def transfer_surplus(self, count: Count, sources: Sequence[int]) -> None:
        raise NotImplementedError

    def transfer_excluded(self, count: Count, excluded: Sequence[int]) -> None:
        how = count.options.exclusion_transfer
        batches: list[list[tuple[int, Parcel]]]
        parcels = [(c, p) for c in excluded for p in count.take_pile(c)]
        if how == "all-at-once":
            batches = [parcels]
        else:
            keyed: dict[tuple[bool, Value], list[tuple[int, Parcel]]] = {}
            for c, p in parcels:
                firsts = how == "first-preferences-then-by-value" and p.first_preferences
                keyed.setdefault((firsts, p.value), []).append((c, p))
            batches = [keyed[k] for k in sorted(keyed, key=lambda k: (k[0], k[1]), reverse=True)]
        cands = count.profile.candidates
        for i, batch in enumerate(batches):
            if i > 0:
                count.end_stage()
                if count.vacancies == 0:
                    break  # every seat filled: no further transfer (the stage stays closed)
                value = count.arith.public(batch[0][1].value)
                names = ", ".join(cands[c].name for c in excluded)
                count.begin_stage(f"Exclusion of {names} (papers at {value})", "exclusion")
            self._move_parcels(count, batch)

    @staticmethod
    def _move_parcels(count: Count, batch: Sequence[tuple[int, Parcel]]) -> None:
        grouped: dict[tuple[int, Value], tuple[list[Run], list[int], list[Weight]]] = {}
        for c, p in batch:
            runs, singles, papers = grouped.setdefault((c, p.value), ([], [], []))
            runs.extend(p.runs)
            singles.extend(p.singles)
            papers.append(p.papers)
        for (c, value), (runs, singles, papers) in sorted(
            grouped.items(), key=lambda kv: (kv[0][0], -kv[0][1])
        ):
            held = count.credit_value(value, sum(papers, 0))
            count.take(c, held)
            count.move(c, "exclusion", runs, value, singles=singles, outflow=held)


def _papers_by_value(parcels: Iterable[Parcel]) -> dict[Value, tuple[list[Run], list[int]]]:
    """The papers of ``parcels`` gathered by the value they hold: each value's runs and
    single ballots (a surplus passes on the papers of one value together)."""
    by_value: dict[Value, tuple[list[Run], list[int]]] = {}
    for p in parcels:
        runs, singles = by_value.setdefault(p.value, ([], []))
        runs.extend(p.runs)
        singles.extend(p.singles)
    return by_value


class WeightedInclusiveGregory(PileTransfers):
    """Weighted inclusive Gregory (SSI 2007/42 Sch. 1 r. 48): every paper the candidate holds passes
    on at *surplus × its value ÷ the candidate's total*, rounded by the count's
    arithmetic (truncated to 5 places in Scotland)."""

    name = "wigm"

    def transfer_surplus(self, count: Count, sources: Sequence[int]) -> None:
        for c in sources:
            total = count.votes[c]
            surplus = count.surplus_of(c)
            by_value = _papers_by_value(count.pile(c))
            count.take(c, surplus)
            sent: Value = 0
            for value in sorted(by_value, reverse=True):
                if count.options.round_transfer_values:
                    tv = count.arith.ratio(surplus, value, total)
                else:
                    a = count.arith
                    tv = a.unrounded(a.exact(surplus) * a.exact(value) / a.exact(total))
                runs, singles = by_value[value]
                credited, exhausted = count.move(c, "surplus", runs, tv, singles=singles)
                sent += credited + exhausted
            count.lose_on_surplus(c, surplus - sent)
            count.settle(c)


class UnweightedGregory(PileTransfers):
    """Unweighted Gregory: the surplus is shared over a number of papers, each passing on at
    *surplus ÷ papers* whatever it was worth, or at its own value where that is less and
    the rule caps it (:attr:`STVOptions.cap_transfer_value`).

    ``last_parcel``: only the parcel last received is examined (ACT Hare-Clark; ERS97 for
    a candidate elected after the first stage); otherwise every paper (inclusive Gregory).
    The papers divided over are all those examined, or only the transferable ones
    (:attr:`STVOptions.transfer_value_papers`); in the second case what a capped value
    leaves undistributed is non-transferable.
    """

    def __init__(self, name: str, *, last_parcel: bool) -> None:
        self.name = name
        self.last_parcel = last_parcel

    def transfer_surplus(self, count: Count, sources: Sequence[int]) -> None:
        o = count.options
        for c in sources:
            surplus = count.surplus_of(c)
            pile = count.pile(c)
            if self.last_parcel and pile:
                last = max(p.stage for p in pile)
                pile = [p for p in pile if p.stage == last]
            count.take(c, surplus)
            groups = _papers_by_value(pile)
            sorted_groups = []
            all_papers: Weight = 0
            transferable: Weight = 0
            for value in sorted(groups, reverse=True):
                dests, exhausted = count.sort_papers(*groups[value], c)
                moving = sum((d[2] for d in dests.values()), 0)
                sorted_groups.append((value, dests, exhausted))
                all_papers += moving + exhausted
                transferable += moving
            only_transferable = o.transfer_value_papers == "transferable"
            denominator = transferable if only_transferable else all_papers
            sent: Value = 0
            left_behind: Value = 0
            if denominator:
                if o.round_transfer_values:
                    tv = count.arith.divide(surplus, denominator)
                else:
                    tv = count.arith.unrounded(count.arith.exact(surplus) / denominator)
                for value, dests, exhausted in sorted_groups:
                    paper_tv = tv
                    if o.cap_transfer_value and value < tv:
                        paper_tv = value
                        moving = sum((d[2] for d in dests.values()), 0)
                        if not only_transferable:
                            moving += exhausted
                        left_behind += count.arith.times(tv, moving) - count.arith.times(value, moving)
                    credited, exhausted_value = count.credit(
                        c, "surplus", dests, 0 if only_transferable else exhausted, paper_tv
                    )
                    sent += credited + exhausted_value
            else:
                left_behind = surplus
            if left_behind and o.capped_excess == "lost":
                left_behind = 0
            if left_behind:
                count.leave_behind(c, left_behind)
            count.lose_on_surplus(c, surplus - sent - left_behind)
            count.settle(c)


__all__ = ["PileTransfers", "UnweightedGregory", "WeightedInclusiveGregory"]
