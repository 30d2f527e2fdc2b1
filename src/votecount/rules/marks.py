"""What plurality papers say: the votes each candidate has, and the papers that give none.

A paper marks candidates (a ranked paper counts as marks, or as its first preference,
as the rule says); :class:`Papers` reads each distinct paper once, sets aside blank papers
and those with more marks than allowed, disregards marks for withdrawn candidates, and adds
its decisions to the profile's report. The usual paper (one to the allowed number of marks,
no candidate withdrawn) is counted in one pass as the floor reads it; only the others are
read paper by paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import attrs

from votecount.ballots import PluralityBallot, RankedBallot, Weight
from votecount.profile import Profile
from votecount.progress import active
from votecount.validation import BallotProblem, ValidationReport
from votecount.validity import BLANK, NO_FIRST, TOO_MANY

WITHDRAWN_MARK = "mark for a withdrawn candidate disregarded"
ONLY_WITHDRAWN = "marks only withdrawn candidates"


class Papers:
    """What the papers say: votes per candidate, and the papers that gave none, with reasons.

    Reasons are those of :mod:`votecount.validity` (``blank paper``, ``more marks than
    allowed``, ``no valid first preference``), so a reader's report and the rule's merge.
    """

    def __init__(self, profile: Profile, allowed: int, as_marks: bool) -> None:
        self.votes: dict[int, Weight] = {}
        self.valid: Weight = 0
        self.rejected: dict[str, Weight] = {}
        self.repaired: dict[str, Weight] = {}
        self.problems: list[BallotProblem] = []
        withdrawn = profile.withdrawn
        names = [c.name for c in profile.candidates]

        def listed(ballot: PluralityBallot | RankedBallot) -> str:
            return ", ".join(names[c] for c in ballot.candidates())

        progress = active()
        ballots: Sequence[PluralityBallot | RankedBallot] = profile.ballots
        if profile.kind == "plurality" and not withdrawn:
            ballots = self._count_plain(cast("tuple[PluralityBallot, ...]", ballots), allowed, len(names))
        for i, ballot in enumerate(ballots):
            if not i & 0xFFFF:  # every 65,536 distinct papers: cheap beside the count
                progress.update("counting the papers", i, len(ballots))
            marks = self._marks(ballot, withdrawn, as_marks)
            if isinstance(marks, tuple):
                reason, why = marks
                self._set_aside(reason, ballot.weight, f"{why}: {listed(ballot)}" if why else listed(ballot))
                continue
            if len(marks) > allowed:
                detail = f"{len(marks)} marks, at most {allowed} allowed: {listed(ballot)}"
                self._set_aside(TOO_MANY, ballot.weight, detail)
                continue
            counted = [c for c in marks if c not in withdrawn] if withdrawn else marks
            if not counted:
                self._set_aside(ONLY_WITHDRAWN, ballot.weight, listed(ballot))
                continue
            if len(counted) < len(marks):
                self.repaired[WITHDRAWN_MARK] = self.repaired.get(WITHDRAWN_MARK, 0) + ballot.weight
                problem = BallotProblem(WITHDRAWN_MARK, "repaired", ballot.weight, None, listed(ballot))
                self.problems.append(problem)
            self.valid += ballot.weight
            for c in counted:
                self.votes[c] = self.votes.get(c, 0) + ballot.weight

    def _count_plain(
        self, ballots: tuple[PluralityBallot, ...], allowed: int, n: int
    ) -> list[PluralityBallot]:
        """Count the usual papers (one to ``allowed`` marks, no candidate withdrawn) in one
        pass, as the floor reads them; return the others, in order, for the paper-by-paper
        reading above (blank papers and those with too many marks)."""
        totals: list[Weight] = [0] * n
        valid: Weight = 0
        others = []
        progress, distinct = active(), len(ballots)
        for start in range(0, distinct, 0x10000):  # progress every 65,536 distinct papers
            progress.update("counting the papers", start, distinct)
            for ballot in ballots[start : start + 0x10000]:
                marks = ballot.marks
                if 0 < len(marks) <= allowed:
                    weight = ballot.weight
                    valid += weight
                    for c in marks:
                        totals[c] += weight
                else:
                    others.append(ballot)
        self.valid = valid
        self.votes = {c: votes for c, votes in enumerate(totals) if votes}
        return others

    @staticmethod
    def _marks(
        ballot: PluralityBallot | RankedBallot, withdrawn: frozenset[int], as_marks: bool
    ) -> list[int] | tuple[str, str]:
        """The candidates a paper votes for, or (reason, detail) for a paper that votes for none.

        ``as_marks``: a ranked paper marks every candidate it ranks (else: its first preference).
        """
        if isinstance(ballot, PluralityBallot):
            return sorted(ballot.marks) if ballot.marks else (BLANK, "")
        if as_marks:
            ranked = sorted(ballot.candidates())
            return ranked if ranked else (BLANK, "")
        for pref in ballot.ranking:
            if isinstance(pref, int):
                if pref not in withdrawn:
                    return [pref]
            else:
                standing = sorted(c for c in pref if c not in withdrawn)
                if len(standing) > 1:
                    return (NO_FIRST, "equal first preferences")
                if standing:
                    return standing
        return (BLANK, "") if not ballot.ranking else (NO_FIRST, "only withdrawn candidates")

    def _set_aside(self, reason: str, weight: Weight, detail: str) -> None:
        self.rejected[reason] = self.rejected.get(reason, 0) + weight
        self.problems.append(BallotProblem(reason, "set aside", weight, None, detail))

    def report(self, profile: Profile, rule: str) -> ValidationReport:
        """The profile's own validation report with this rule's decisions added.

        Papers the rule sets aside or repairs were counted as cast by the reader; they move
        from that class to this rule's reasons, so the report still balances.
        """
        base = profile.validation
        moved: Weight = sum(self.rejected.values(), 0) + sum(self.repaired.values(), 0)
        policy = f"{rule}: papers with more marks than allowed set aside"
        if base is None:
            base = ValidationReport(
                source=None, read=profile.total_weight, counted_as_cast=profile.total_weight
            )
        repaired = dict(base.repaired)
        for reason, weight in self.repaired.items():
            repaired[reason] = repaired.get(reason, 0) + weight
        rejected = dict(base.rejected)
        for reason, weight in self.rejected.items():
            rejected[reason] = rejected.get(reason, 0) + weight
        return attrs.evolve(
            base,
            counted_as_cast=base.counted_as_cast - moved,
            repaired=repaired,
            rejected=rejected,
            problems=(*base.problems, *self.problems),
            policy="; ".join(p for p in (base.policy, policy) if p),
        )


__all__ = ["ONLY_WITHDRAWN", "WITHDRAWN_MARK", "Papers"]
