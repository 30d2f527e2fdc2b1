"""How RCTab reads a paper as written, round by round: overvotes, skipped and repeated
rankings, and the categories of inactive ballots it reports.

A paper comes as a :class:`~votecount.validity.RawRanking`: ``positions[k]`` holds the
marks at rank ``k + 1`` — one candidate index, several (an overvote), none (a skipped
rank), or the string :data:`OVERVOTE` (the cast-vote record's explicit overvote label).
Unlike a validity policy, which judges a paper once, RCTab reads each paper afresh every
round from its first rank, because whether an overvote exhausts it can depend on which
candidates are still continuing (``exhaustIfMultipleContinuing``); so the reading lives
here, beside the round loop, and papers with the same marks are read once as a group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Literal, TypeAlias

import attrs

from votecount.ballots import Weight
from votecount.errors import BallotError
from votecount.rules.rctab.options import RCTabOptions
from votecount.validity import RawPaper, RawRanking

OVERVOTE = "overvote"
"""The mark a reader gives for a cast-vote record's explicit overvote label."""

Status: TypeAlias = Literal[
    "active",
    "did not rank any candidates",
    "exhausted choices",
    "overvotes",
    "skipped rankings",
    "repeated rankings",
    "final round surplus",
]
ACTIVE: Status = "active"
NO_RANKINGS: Status = "did not rank any candidates"
EXHAUSTED: Status = "exhausted choices"
OVERVOTES: Status = "overvotes"
SKIPPED: Status = "skipped rankings"
REPEATED: Status = "repeated rankings"
FINAL_SURPLUS: Status = "final round surplus"

INACTIVE_CATEGORIES: tuple[Status, ...] = (OVERVOTES, SKIPPED, EXHAUSTED, REPEATED)
"""The categories of inactive ballots RCTab reports each round, in its order."""

URCVT_KEYS: dict[str, str] = {
    OVERVOTES: "overvotes",
    SKIPPED: "skippedRankings",
    EXHAUSTED: "exhaustedChoices",
    REPEATED: "repeatedRankings",
    FINAL_SURPLUS: "finalRoundSurplus",
    NO_RANKINGS: "didNotRankAnyCandidates",
}
"""The key of each category in RCTab's JSON report."""

Mark: TypeAlias = int | str
Ranks: TypeAlias = tuple[tuple[int, tuple[Mark, ...]], ...]


@attrs.define
class PaperGroup:
    """Papers with the same marks, and where they stand in the count.

    ``ranks``: (rank, marks) for each rank that holds a mark. ``recipient``: the candidate
    the papers count for (``None`` before the first round and once inactive). ``held``:
    the value per paper each elected candidate keeps (a multi-seat surplus transfer).
    """

    ranks: Ranks
    papers: Weight
    recipient: int | None = None
    status: Status = ACTIVE
    held: dict[int, Fraction] = attrs.field(factory=dict)

    @property
    def value(self) -> Fraction:
        """What each paper still carries: one, less what elected candidates keep."""
        return 1 - sum(self.held.values(), Fraction(0))


def group_papers(papers: Iterable[RawPaper], options: RCTabOptions) -> list[PaperGroup]:
    """Papers grouped by their marks, in the order first met."""
    groups: dict[Ranks, PaperGroup] = {}
    for paper in papers:
        if not isinstance(paper, RawRanking):
            raise BallotError("RCTab counts ranked papers, not crosses")
        ranks = tuple((k + 1, tuple(marks)) for k, marks in enumerate(paper.positions) if marks)
        if options.max_rankings is not None and ranks and ranks[-1][0] > options.max_rankings:
            where = f" (record {paper.id})" if paper.id else ""
            raise BallotError(
                f"a paper{where} ranks at {ranks[-1][0]}, beyond maxRankingsAllowed "
                f"{options.max_rankings}; RCTab refuses such a cast-vote record"
            )
        for _, marks in ranks:
            for mark in marks:
                if isinstance(mark, str) and mark != OVERVOTE:
                    where = f" (record {paper.id})" if paper.id else ""
                    raise BallotError(f"a paper{where} marks {mark!r}, which names no candidate; "
                                      "RCTab refuses unrecognised candidates")
        weight = paper.weight
        group = groups.get(ranks)
        if group is None:
            groups[ranks] = PaperGroup(ranks, weight)
        else:
            group.papers += weight
    return list(groups.values())


def read_paper(
    ranks: Ranks,
    continuing: Callable[[Mark], bool],
    options: RCTabOptions,
    *,
    final_surplus: bool = False,
) -> tuple[int | None, Status]:
    """The candidate a paper counts for this round, or why it is inactive (RCTab's
    ``Tabulator.computeTalliesForRound``, one paper).

    Ranks are read from the first: more than ``max_skipped_ranks`` blank ranks before one
    make the paper inactive (skipped rankings); a candidate ranked again, when
    ``exhaust_on_duplicate``, makes it inactive (repeated rankings); an overvote exhausts
    it or is passed over as the overvote rule says; the first continuing candidate gets
    it; a paper whose last rank holds nobody continuing has exhausted its choices. With
    ``final_surplus`` (every seat filled in a multi-seat count) a paper moving on is set
    aside as final-round surplus.
    """
    if not ranks:
        return None, NO_RANKINGS
    last_rank = ranks[-1][0]
    skips = options.max_skipped_ranks
    seen: set[Mark] = set()
    previous = 0
    for rank, marks in ranks:
        if final_surplus:
            return None, FINAL_SURPLUS
        if skips is not None and rank - previous > skips + 1:
            return None, SKIPPED
        previous = rank
        if options.exhaust_on_duplicate:
            for mark in marks:
                if mark in seen:
                    return None, REPEATED
                seen.add(mark)
        overvote = _overvote(marks, continuing, options)
        if overvote == "exhaust":
            return None, OVERVOTES
        if overvote == "skip":
            if rank == last_rank:
                return None, EXHAUSTED
            continue
        for mark in marks:
            if isinstance(mark, int) and continuing(mark):
                return mark, ACTIVE
        if rank == last_rank:
            return None, EXHAUSTED
    return None, EXHAUSTED  # pragma: no cover - the last rank always decides


def _overvote(
    marks: Sequence[Mark], continuing: Callable[[Mark], bool], options: RCTabOptions
) -> Literal["none", "exhaust", "skip"]:
    """RCTab's ``getOvervoteDecision`` for the marks at one rank."""
    rule = options.overvote_rule
    if OVERVOTE in marks:
        if len(marks) != 1:
            raise BallotError("an explicit overvote label beside candidates at the same rank")
        if rule == "exhaust-if-multiple-continuing":
            raise BallotError(
                "an explicit overvote label cannot be read under exhaustIfMultipleContinuing"
            )
        return "exhaust" if rule == "exhaust-immediately" else "skip"
    if len(marks) <= 1:
        return "none"
    if rule == "exhaust-immediately":
        return "exhaust"
    if rule == "always-skip":
        return "skip"
    live = sum(1 for m in marks if isinstance(m, int) and continuing(m))
    return "exhaust" if live >= 2 else "none"


__all__ = [
    "ACTIVE",
    "EXHAUSTED",
    "FINAL_SURPLUS",
    "INACTIVE_CATEGORIES",
    "NO_RANKINGS",
    "OVERVOTE",
    "OVERVOTES",
    "REPEATED",
    "SKIPPED",
    "URCVT_KEYS",
    "PaperGroup",
    "Status",
    "group_papers",
    "read_paper",
]
