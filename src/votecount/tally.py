"""Clean papers, grouped by a reader as it meets them: each distinct line decoded once.

Most lines of a large ballot file are *clean*: a weight, then one known candidate at each
place, none twice, no ballot id. Every validity policy counts such a paper as cast, so a
reader need not make an object per paper. It keys each clean line by its text (or, for a
table with columns left out, the cells it reads), decodes the ranking the first time the
text is met, and afterwards only notes the line number: memory grows with the number of
distinct lines, plus four bytes a line for its number, so that a limit met later
(``max_preferences``) can still report each paper on its own line.

A tally of plurality papers (``marks=True``) holds the candidates each clean paper marks
(known, none twice), in index order, in place of a ranking; a paper with more marks than
the voter may give is judged on its own line once the limit (``max_marks``) is known.

Anything else (ids, equal rankings, unknown or repeated candidates, a weight that is not
a whole number in digits) is parsed into a :class:`~votecount.validity.RawRanking` (or
:class:`~votecount.validity.RawMarks`) and judged paper by paper, as before.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Iterator, Sequence
from itertools import chain
from typing import TypeAlias

import attrs

from votecount.numbers import Weight

Ranking: TypeAlias = "tuple[int, ...] | bytes"
"""Distinct candidate indices in order of preference: a tuple, or (a *coded* ranking, as the
BLT reader's batches keep them) bytes, each byte an index. Both stand for the same ranking:
grouping merges them (:func:`votecount.grouping.group_rankings`)."""
Lines: TypeAlias = "int | array[int]"  # one line number, or (a second line met) all of them


class CleanTally:
    """Clean papers keyed by their line's text: the ranking and weight, and the lines.

    A reader calls :meth:`decoded` the first time it meets a text (with its ranking and
    weight) and :meth:`again` for each later line with the same text. Texts that differ only
    in spacing, or in weight, may hold the same ranking; :meth:`weights` adds them together.

    A reader that has decoded a whole stretch of consecutive lines, each clean and each text
    met for the first time and only once, may give it as a :class:`Run` instead
    (:meth:`run`): its rankings and weights in line order and its first line's number, the
    texts not kept. A later line with the same text as one of a run's is then decoded again
    as a new text; :meth:`weights` adds it to the same ranking as any other.
    """

    __slots__ = ("lines", "marks", "rankings", "runs")

    def __init__(self, *, marks: bool = False) -> None:
        self.rankings: dict[Hashable, tuple[Ranking, Weight]] = {}
        self.lines: dict[Hashable, Lines] = {}
        self.runs: list[Run] = []
        self.marks = marks
        """Whether the "rankings" are the marks of plurality papers (the candidates marked,
        in index order), not preferences."""

    def run(self, rankings: Sequence[Ranking], weights: Sequence[Weight], first: int) -> None:
        """Consecutive clean lines from line ``first``, each text new and met once."""
        self.runs.append(Run(rankings, weights, first))

    def decoded(self, key: Hashable, ranking: Ranking, weight: Weight, line: int) -> None:
        """The first line with text ``key``: ``ranking`` is distinct candidate indices."""
        self.rankings[key] = (ranking, weight)
        self.lines[key] = line

    def again(self, key: Hashable, line: int) -> None:
        """Another line with a text already :meth:`decoded`."""
        lines = self.lines
        held = lines[key]
        if type(held) is int:
            lines[key] = array("I", (held, line))  # a 4 GiB file has fewer than 2**32 lines
        else:
            held.append(line)  # type: ignore[union-attr]

    def __len__(self) -> int:
        """The number of distinct texts (those of runs counted once each)."""
        return len(self.rankings) + self.run_lines

    @property
    def papers(self) -> int:
        """The number of clean lines read."""
        return self._papers_by_text() + self.run_lines

    @property
    def run_lines(self) -> int:
        """The number of lines held in runs."""
        return sum(len(run.rankings) for run in self.runs)

    def _papers_by_text(self) -> int:
        """The number of clean lines read whose texts are kept (not those of runs)."""
        return sum(1 if isinstance(held, int) else len(held) for held in self.lines.values())

    def entries(self) -> Iterator[tuple[Ranking, Weight, Lines]]:
        """Each distinct text's ranking, the weight of one of its lines, and its lines (the
        texts of runs, each on its one line, after the others)."""
        lines = self.lines
        for key, (ranking, weight) in self.rankings.items():
            yield ranking, weight, lines[key]
        for run in self.runs:
            lines_of_run = range(run.first, run.first + len(run.rankings))
            yield from zip(run.rankings, run.weights, lines_of_run, strict=True)

    def weights(self, *, longest: int | None = None) -> tuple[dict[Ranking, Weight], Weight, int]:
        """Each ranking's summed weight, the total weight and the number of lines; with
        ``longest``, rankings longer than it are left out (see :meth:`longer_than`)."""
        table, total, count = self._weights_by_text(longest)
        rankings: Sequence[Ranking] = []
        weights: Sequence[Weight] = []
        if len(self.runs) == 1:
            rankings, weights = self.runs[0].rankings, self.runs[0].weights
        elif self.runs:
            rankings = list(chain.from_iterable(run.rankings for run in self.runs))
            weights = list(chain.from_iterable(run.weights for run in self.runs))
        if longest is not None and rankings and max(map(len, rankings)) > longest:
            kept = [(r, w) for r, w in zip(rankings, weights, strict=True) if len(r) <= longest]
            rankings, weights = [r for r, _ in kept], [w for _, w in kept]
        if not rankings:
            return table, total, count
        fresh = dict(zip(rankings, weights, strict=True))
        if len(fresh) == len(rankings) and not table:
            table = fresh  # each ranking once, and none kept by text: in C
        elif len(fresh) == len(rankings) and table.keys().isdisjoint(fresh):
            table.update(fresh)  # each ranking new: in C
        else:
            get = table.get
            for ranking, weight in zip(rankings, weights, strict=True):
                table[ranking] = get(ranking, 0) + weight
        return table, total + sum(weights, 0), count + len(rankings)

    def _weights_by_text(self, longest: int | None) -> tuple[dict[Ranking, Weight], Weight, int]:
        """:meth:`weights` of the texts kept (not those of runs)."""
        lines = self.lines
        if longest is None and len(set(map(type, lines.values()))) < 2:
            table = dict(self.rankings.values())  # one table of the rankings, built in C
            if len(table) == len(lines):  # each text its own ranking
                if next(iter(lines.values()), 0).__class__ is int:  # every text on one line
                    return table, sum(table.values(), 0), len(table)
                for ranking, held in zip(table, lines.values(), strict=True):  # every text on several
                    assert not isinstance(held, int)
                    table[ranking] = table[ranking] * len(held)
                return table, sum(table.values(), 0), self._papers_by_text()
        table = {}
        get = table.get
        total: Weight = 0
        count = 0
        for key, (ranking, weight) in self.rankings.items():
            if longest is not None and len(ranking) > longest:
                continue
            held = lines[key]
            papers = 1 if isinstance(held, int) else len(held)
            added = weight * papers if papers != 1 else weight
            table[ranking] = get(ranking, 0) + added
            total += added
            count += papers
        return table, total, count

    def longer_than(self, longest: int) -> Iterator[tuple[Ranking, Weight, int]]:
        """Every clean paper whose ranking is longer than ``longest``: ranking, weight, line.

        A limit on preferences repairs these, and the report names each paper's line.
        """
        for ranking, weight, held in self.entries():
            if len(ranking) > longest:
                for line in (held,) if type(held) is int else held:  # type: ignore[union-attr]
                    yield ranking, weight, line


@attrs.frozen
class Run:
    """Consecutive clean lines, from line ``first``, each with a text met once (see
    :meth:`CleanTally.run`): their rankings and weights, in line order."""

    rankings: Sequence[Ranking]
    weights: Sequence[Weight]
    first: int


def clean_marks(marks: Sequence[Hashable]) -> tuple[int, ...] | None:
    """A plurality paper's marks as the candidates marked, in index order, if it is clean:
    at least one mark, each a known candidate (an ``int``), none twice; else None (the paper
    is judged the careful way)."""
    if marks and all(type(m) is int for m in marks) and len(set(marks)) == len(marks):
        return tuple(sorted(marks))  # type: ignore[arg-type]
    return None


def clean_ranking(places: Sequence[Sequence[Hashable]]) -> tuple[int, ...] | None:
    """A paper's places as a ranking of candidate indices, if it is clean: each place holds
    one known candidate (an ``int``), and none is ranked twice; else None (the paper is
    judged the careful way)."""
    try:
        ranking = tuple([c for (c,) in places])
    except ValueError:  # a place holding several (ranked equal) or none
        return None
    if ranking and all(type(c) is int for c in ranking) and len(set(ranking)) == len(ranking):
        return ranking  # type: ignore[return-value]
    return None


__all__ = ["CleanTally", "Run", "clean_marks", "clean_ranking"]
