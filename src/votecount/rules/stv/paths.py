"""The papers of an iterative count (Meek, Warren) grouped by the path they take.

Under Meek's and Warren's methods (:mod:`votecount.rules.stv.meek`) a paper's value is
shared out among the candidates it ranks, in order: an excluded candidate passes it on
whole, an elected candidate keeps part of it, and the first continuing candidate takes
the rest. So what a paper gives to whom depends only on its *path*: the elected
candidates it passes through, in order, and the continuing candidate it stops at (or none:
the rest is non-transferable). Two papers with the same path are shared out identically.

The paths change only when a candidate is elected or excluded, while the keep factors
change at every iteration; so the papers are grouped by path once for each set of
candidate statuses (:func:`group_paths`), and each iteration then shares out one value per
*node* of the tree of paths (:func:`share_out`), however many papers pass through it. The
sums are the same as paper by paper, exactly: each node's share is computed once from its
parent's value, as each paper's would be, and multiplied by the papers through it, which
is exact wherever :meth:`~votecount.numbers.Arithmetic.times` is exact (exact arithmetic,
and whole numbers of papers in fixed decimals; :func:`groupable` says when).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from votecount.ballots import Weight
from votecount.numbers import Arithmetic, Exact, Value
from votecount.rules.stv.count import CONTINUING, ELECTED

NOWHERE = -1
"""The end of a path with no continuing candidate: the rest is non-transferable."""


@attrs.define
class Paths:
    """The tree of paths for one set of statuses.

    Node 0 is the root (no elected candidate passed yet). For each other node ``i``:
    ``parent[i]``, the elected candidate ``candidate[i]`` it passes, and ``through[i]``,
    the papers whose path passes it. ``ends`` lists, for each node, where papers leave the
    tree there: ``(node, continuing candidate or NOWHERE, papers)``. Nodes come after their
    parents; a node that papers no longer pass (kept up to date, :class:`PathGroups`) has
    none through it.
    """

    statuses: tuple[int, ...]
    parent: list[int]
    candidate: list[int]
    through: list[Weight]
    ends: list[tuple[int, int, Weight]]


def groupable(arith: Arithmetic, weights: Sequence[Weight]) -> bool:
    """Whether papers may be shared out by path: in exact arithmetic always; in fixed
    decimals only with whole numbers of papers (a fractional weight is rounded paper by
    paper, so its papers must be shared out one ballot at a time)."""
    return isinstance(arith, Exact) or all(type(w) is int for w in weights)


class PathGroups:
    """The papers grouped by path, kept up to date as candidates stop continuing.

    Under Meek and Warren a candidate only ever stops continuing (elected or excluded,
    never back), and a paper's path changes only when the candidate it stops at does. So
    :meth:`update` walks on from where they stopped only the papers that stopped at a
    candidate who is no longer continuing; over a whole count each paper's ranking is
    read once, not once per set of statuses. The tree of paths is kept up to date with
    them: only the paths that lose or gain papers change. Any other change of status
    (none in this engine) groups every paper afresh.
    """

    def __init__(
        self,
        rankings: Sequence[tuple[int, ...]],
        weights: Sequence[Weight],
        status: Sequence[int],
        firsts: Mapping[int, Sequence[int]] | None = None,
    ) -> None:
        """Group the papers under ``status``. ``firsts``, if given, is every ballot with a
        preference, by its first preference, as the first stage of a count sorted them:
        only the papers whose first preference is not continuing are then walked."""
        self._rankings = rankings
        self._weights = weights
        self.status: tuple[int, ...] = ()
        """The statuses the papers are grouped for."""
        self._node_of: dict[tuple[int, ...], int] = {}
        """The tree's node for each path of elected candidates passed."""
        self._parent: list[int] = []
        self._candidate: list[int] = []
        self._through: list[Weight] = []
        self._ends: dict[tuple[int, int], Weight] = {}
        """The papers leaving the tree at each (node, continuing candidate or NOWHERE)."""
        self._waiting: dict[int, dict[tuple[int, ...], list[int]]] = {}
        """By continuing candidate: the ballots stopped there, by the elected passed."""
        self._stopped_at: list[int] = []
        """Where in its ranking each ballot waiting at a candidate stopped (-1: not yet read)."""
        self._tree: Paths | None = None
        if firsts is None:
            self._group_all(status)
        else:
            self._group_from(firsts, status)

    def _clear(self, status: tuple[int, ...]) -> None:
        self.status = status
        self._node_of, self._parent, self._candidate, self._through = {(): 0}, [-1], [NOWHERE], [0]
        self._ends, self._waiting, self._tree = {}, {}, None

    def _group_all(self, status: Sequence[int]) -> None:
        """Walk every paper from its first preference."""
        self._clear(tuple(status))
        self._stopped_at = [-1] * len(self._rankings)
        self._walk([b for b, ranking in enumerate(self._rankings) if ranking], ())

    def _group_from(self, firsts: Mapping[int, Sequence[int]], status: Sequence[int]) -> None:
        """File the papers at their first preferences (``firsts``), as if those were all
        continuing, and walk on those whose first preference is not."""
        before = list(status)
        for c in firsts:
            before[c] = CONTINUING
        self._clear(tuple(before))
        weight_of = self._weights.__getitem__
        self._ends = {(0, c): sum(map(weight_of, ballots), 0) for c, ballots in firsts.items()}
        self._waiting = {c: {(): list(ballots)} for c, ballots in firsts.items()}
        self._stopped_at = [0] * len(self._rankings)
        self.update(status)

    def _walk(self, ballots: Iterable[int], passed: tuple[int, ...]) -> None:
        """Walk ``ballots`` on from where each stopped, having passed ``passed``, and file
        each by its path."""
        rankings, weights, status = self._rankings, self._weights, self.status
        waiting, stopped_at = self._waiting, self._stopped_at
        filed: dict[tuple[tuple[int, ...], int], Weight] = {}
        get = filed.get
        for b in ballots:
            ranking = rankings[b]
            p = stopped_at[b] + 1
            last = len(ranking)
            end = NOWHERE
            more: list[int] | None = None
            while p < last:
                c = ranking[p]
                s = status[c]
                if s == CONTINUING:
                    end = c
                    break
                if s == ELECTED:
                    if more is None:
                        more = [c]
                    else:
                        more.append(c)
                p += 1
            path = passed if more is None else passed + tuple(more)
            key = (path, end)
            filed[key] = get(key, 0) + weights[b]
            if end != NOWHERE:
                stopped_at[b] = p
                at = waiting.get(end)
                if at is None:
                    waiting[end] = {path: [b]}
                elif path in at:
                    at[path].append(b)
                else:
                    at[path] = [b]
        ends = self._ends
        for (path, end), papers in filed.items():
            node = self._node(path)
            ends[node, end] = ends.get((node, end), 0) + papers
            self._add_through(node, papers)

    def _node(self, path: tuple[int, ...]) -> int:
        """The tree's node for ``path``, made (with any of its prefixes missing) if new."""
        node = self._node_of.get(path)
        if node is None:
            up = self._node(path[:-1])
            node = self._node_of[path] = len(self._parent)
            self._parent.append(up)
            self._candidate.append(path[-1])
            self._through.append(0)
        return node

    def _add_through(self, node: int, papers: Weight) -> None:
        """Count ``papers`` more (or fewer) through ``node`` and every node above it."""
        through, parent = self._through, self._parent
        while node:
            through[node] += papers
            node = parent[node]

    def update(self, status: Sequence[int]) -> None:
        """Regroup for ``status`` (see the class docstring)."""
        old = self.status
        new = tuple(status)
        if new == old:
            return
        changed = [c for c in range(len(new)) if new[c] != old[c]]
        if any(old[c] != CONTINUING for c in changed):
            self._group_all(new)
            return
        self.status = new
        self._tree = None
        stranded = [(c, self._waiting.pop(c, {})) for c in changed]
        for c, by_passed in stranded:
            for passed, ballots in by_passed.items():
                node = self._node_of[passed]
                self._add_through(node, -self._ends.pop((node, c)))
                self._walk(ballots, (*passed, c) if new[c] == ELECTED else passed)

    def tree(self) -> Paths:
        """The tree of paths for the current statuses (a copy, made once for each)."""
        if self._tree is None:
            ends = [(node, end, papers) for (node, end), papers in self._ends.items()]
            self._tree = Paths(
                self.status, list(self._parent), list(self._candidate), list(self._through), ends
            )
        return self._tree


def group_paths(
    rankings: Sequence[tuple[int, ...]], weights: Sequence[Weight], status: Sequence[int]
) -> Paths:
    """Group the papers by path under ``status`` (see the module docstring)."""
    return PathGroups(rankings, weights, status).tree()


def share_out(
    paths: Paths,
    arith: Arithmetic,
    keep: Callable[[Value, int], Value],
    n: int,
) -> tuple[list[Value], Value]:
    """Share every paper out along its path: each candidate's votes and the
    non-transferable total. ``keep(value, c)`` is what elected candidate ``c`` keeps of a
    paper worth ``value`` (never more than ``value``)."""
    one = arith.whole(1)
    times = arith.times
    votes: list[Value] = [0] * n
    value: list[Value] = [one] * len(paths.parent)
    parent, candidate, through = paths.parent, paths.candidate, paths.through
    for node in range(1, len(parent)):
        arriving = value[parent[node]]
        if arriving <= 0:
            value[node] = arriving
            continue
        c = candidate[node]
        kept = keep(arriving, c)
        votes[c] += times(kept, through[node])
        value[node] = arriving - kept
    exhausted: Value = 0
    for node, end, papers in paths.ends:
        left = value[node]
        if left > 0:
            if end == NOWHERE:
                exhausted += times(left, papers)
            else:
                votes[end] += times(left, papers)
    return votes, exhausted


__all__ = ["NOWHERE", "PathGroups", "Paths", "group_paths", "groupable", "share_out"]
