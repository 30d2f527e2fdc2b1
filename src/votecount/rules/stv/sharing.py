"""How Meek's and Warren's papers are shared out afresh at each iteration.

:mod:`votecount.rules.stv.meek` counts every paper again at each iteration with the
current keep factors (or keep values). :class:`PaperSharing` does that counting for one
count, in the quickest way that gives the same values as sharing out each paper on its own:

- **by paper**, each ballot on its own, where a fractional weight in fixed decimals must be
  rounded ballot by ballot (:func:`~votecount.rules.stv.paths.groupable`);
- **by path** (:mod:`votecount.rules.stv.paths`), where papers taking the same path are
  shared out once, in the count's own values: in fixed decimals as scaled integers
  (:func:`~votecount.rules.stv.exact_shares.fixed_shares`), in exact arithmetic with
  fractional weights through the arithmetic;
- **in whole numbers**, by path, over a common denominator
  (:mod:`votecount.rules.stv.exact_shares`), in exact arithmetic with whole numbers of
  papers: the same fractions without making one for every node of every iteration.

Grouping by path starts from the first stage's sorting of the papers by first preference,
when the piles still hold it (:func:`first_preferences`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal

from votecount.numbers import Exact, FixedDecimal, Value
from votecount.rules.stv.count import CONTINUING, ELECTED, Count
from votecount.rules.stv.exact_shares import fixed_shares, meek_shares, warren_shares
from votecount.rules.stv.paths import PathGroups, groupable, share_out

Sharing = Literal["by paper", "by path", "whole numbers", "scaled integers"]


def first_preferences(count: Count) -> dict[int, list[int]] | None:
    """The ballots by first preference, from the piles of the first stage: where every
    candidate holds at most one parcel, of first preferences at a value of one, and the
    parcels hold every ballot with a preference; else ``None``."""
    one = count.arith.whole(1)
    firsts: dict[int, list[int]] = {}
    for c in range(count.n):
        pile = count.pile(c)
        if not pile:
            continue
        parcel = pile[0]
        if len(pile) > 1 or not parcel.first_preferences or parcel.value != one:
            return None
        if parcel.singles or any(pos for _, _, pos in parcel.runs):  # each run held at its first place
            return None
        firsts[c] = [b for lo, hi, _ in parcel.runs for b in range(lo, hi)]
    held = sum(len(ballots) for ballots in firsts.values())
    return firsts if held == len(count.rankings) - count.rankings.count(()) else None


class PaperSharing:
    """One count's papers shared out at each iteration (see the module docstring). Made
    before the count's piles are released, so that grouping can start from them."""

    def __init__(self, count: Count) -> None:
        a = count.arith
        self.sharing: Sharing
        if not groupable(a, count.weights):
            self.sharing = "by paper"
        elif isinstance(a, Exact) and all(type(w) is int for w in count.weights):
            self.sharing = "whole numbers"
        elif isinstance(a, FixedDecimal):  # groupable: whole numbers of papers
            self.sharing = "scaled integers"
        else:
            self.sharing = "by path"
        self._firsts = first_preferences(count) if self.sharing != "by paper" else None
        self._paths: PathGroups | None = None

    def share(self, count: Count, keep: Mapping[int, Value], proportion: bool) -> tuple[list[Value], Value]:
        """Each candidate's votes and the non-transferable total, with the elected
        candidates keeping ``keep``: a proportion of each paper (Meek) or an amount (Warren)."""
        a = count.arith
        one = a.whole(1)

        def kept_by(value: Value, c: int) -> Value:
            k = keep[c]
            return a.ratio(value, k, one) if proportion else min(k, value)

        if self.sharing == "by paper":
            return _paper_by_paper(count, kept_by)
        if self._paths is None:
            self._paths = PathGroups(count.rankings, count.weights, count.status, self._firsts)
            self._firsts = None
        else:
            self._paths.update(count.status)
        paths = self._paths.tree()
        if self.sharing == "whole numbers":
            return (meek_shares if proportion else warren_shares)(paths, keep, count.n)
        if self.sharing == "scaled integers" and isinstance(a, FixedDecimal):
            return fixed_shares(paths, keep, count.n, a, proportion)
        return share_out(paths, a, kept_by, count.n)


def _paper_by_paper(count: Count, kept_by: Callable[[Value, int], Value]) -> tuple[list[Value], Value]:
    """Share out each ballot on its own (fractional weights in fixed decimals, where each
    ballot's share is rounded by itself): votes and the non-transferable total."""
    a = count.arith
    one = a.whole(1)
    status = count.status
    votes: list[Value] = [0] * count.n
    exhausted: Value = 0
    for ranking, papers in zip(count.rankings, count.weights, strict=True):
        if not ranking:
            continue
        value: Value = one
        for c in ranking:
            s = status[c]
            if s == CONTINUING:
                votes[c] += a.times(value, papers)
                value = 0
                break
            if s != ELECTED:
                continue
            kept = kept_by(value, c)
            votes[c] += a.times(kept, papers)
            value -= kept
            if value <= 0:
                break
        if value > 0:
            exhausted += a.times(value, papers)
    return votes, exhausted


__all__ = ["PaperSharing", "Sharing", "first_preferences"]
