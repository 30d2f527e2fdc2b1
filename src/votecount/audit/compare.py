"""The audit: recount the ballots, compare every stage with the published sheet, say why.

:func:`audit` pairs the sheet's candidates with the ballot file's
(:func:`~votecount.audit.names.map_candidates`), counts the ballots under the stated rule,
and compares every candidate's total at every stage to the places the sheet prints
(:func:`~votecount.audit.figures.agrees`). Each difference gets the likeliest cause the
evidence supports, in this order:

1. **the ballots differ from the papers counted**: the first preferences differ;
2. **a typing error on the sheet**: the sheet's own previous total plus its own transfer
   gives our figure, not the printed one;
3. **rounding shown on the sheet**: ours is within one unit of its last printed place;
4. **a tie settled by lot**: our count met a tie only lot could break at or before that stage;
5. **a different decision**: the sheet elects or excludes someone else at an earlier stage;
6. otherwise **a different rule detail, or ballots that differ from the papers counted**
   (the sheet's arithmetic holds and the first preferences agree, so the transfers differ).

A difference at a later stage that follows from an earlier one is said to follow from it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import attrs

from votecount.api import count
from votecount.audit.checks import Inconsistency, own_arithmetic, rounding_slack
from votecount.audit.figures import agrees, exact, within_one_unit
from votecount.audit.names import CandidateMap, map_candidates
from votecount.audit.readers import read_sheet
from votecount.audit.sheet import Figure, PublishedSheet
from votecount.errors import TieError
from votecount.formats import read
from votecount.profile import Profile
from votecount.result import Result

Verdict = Literal["agree", "differ", "cannot compare"]

FIRST_PREFERENCES = "the ballots differ from the papers counted: the first preferences differ"
TYPING = "a typing error on the sheet: its own previous total plus its own transfer gives ours"
ROUNDING = "rounding shown on the sheet: within one unit of its last printed place"
LOT = "a tie settled by lot: the returning officer's draw may have gone the other way"
DECISION = "a different decision at an earlier stage (a different rule detail, or a tie)"
RULE_OR_BALLOTS = (
    "a different rule detail, or ballots that differ from the papers counted: the sheet's own "
    "arithmetic holds and the first preferences agree, but the transfers differ"
)


@attrs.frozen
class Difference:
    """One candidate's total at one stage: ours, the sheet's, and the likely cause."""

    stage: int
    candidate: str
    ours: Figure | None
    sheet: Figure | None
    cause: str
    sheet_arithmetic: Figure | None = None
    """The sheet's own previous total plus its own transfer, where it prints both."""

    @property
    def size(self) -> Figure | None:
        """Ours minus the sheet's."""
        if self.ours is None or self.sheet is None:
            return None
        return exact(Fraction(self.ours) - Fraction(self.sheet))

    def __str__(self) -> str:
        size = f" (ours {self.size:+})" if self.size is not None else ""
        own = (
            f"; the sheet's own previous total + transfer = {self.sheet_arithmetic}"
            if self.sheet_arithmetic is not None
            else ""
        )
        return f"stage {self.stage}: {self.candidate}: ours {self.ours}, sheet {self.sheet}{size}{own}"


@attrs.frozen
class Audit:
    """What an audit found: every difference, the sheet's own consistency, the elected sets."""

    title: str
    rule: str
    sheet: PublishedSheet
    pairing: CandidateMap
    our_stages: int
    differences: tuple[Difference, ...]
    inconsistencies: tuple[Inconsistency, ...]
    elected_ours: tuple[str, ...]
    elected_sheet: tuple[str, ...]
    causes: tuple[str, ...]
    """The likely cause of each independent difference (not those that follow from another)."""
    notes: tuple[str, ...] = ()
    compared: int = 0
    """Figures compared (candidates times stages)."""
    rounded: int = 0
    """Figures that agree only to the places the sheet prints."""
    result: Result | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def sheet_stages(self) -> int:
        return self.sheet.n_stages

    @property
    def elected_changes(self) -> bool:
        return bool(self.elected_sheet) and set(self.elected_ours) != set(self.elected_sheet)

    @property
    def consistent(self) -> bool:
        """Whether the sheet agrees with itself (its own totals, transfers and sums)."""
        return not self.inconsistencies

    @property
    def verdict(self) -> Verdict:
        if not self.pairing.sure:
            return "cannot compare"
        stages_differ = self.sheet.has_stages and self.our_stages != self.sheet_stages
        return "differ" if self.differences or self.elected_changes or stages_differ else "agree"


def first_preferences(profile: Profile) -> list[int]:
    """Each candidate's first preferences (a paper ranking several equal first counts for none)."""
    totals = [0] * len(profile.candidates)
    for ballot in profile.ballots:
        ranking = getattr(ballot, "ranking", ())
        if ranking and isinstance(ranking[0], int):
            totals[ranking[0]] += int(ballot.weight)
    return totals


def _count(
    profile: Profile, rule: str, seats: int | None, options: Mapping[str, Any]
) -> tuple[Result, list[str]]:
    """Count as asked; a tie only lot can break is drawn (seed 0) and said so."""
    try:
        return count(profile, rule, seats=seats, **options), []
    except TieError as error:
        if "seed" in options or "tie_order" in options or "tie_break" in options:
            raise
        result = count(profile, rule, seats=seats, seed=0, **options)
        return result, [f"the count met a tie only lot can break ({error}); drawn here with seed 0"]


def audit(
    ballots: Profile | str | Path,
    sheet: PublishedSheet | str | Path,
    rule: str,
    *,
    ward: str | None = None,
    seats: int | None = None,
    **options: Any,
) -> Audit:
    """Audit a published count sheet against the ballots under ``rule``.

    ``ballots`` is a profile or a ballot file; ``sheet`` a :class:`PublishedSheet` or a sheet
    file (:func:`~votecount.audit.readers.read_sheet`; ``ward`` picks one from a file of
    many). ``seats`` defaults to the sheet's, else the ballot file's. Other ``options`` go to
    :func:`votecount.count`.
    """
    profile = ballots if isinstance(ballots, Profile) else read(ballots)
    published = sheet if isinstance(sheet, PublishedSheet) else read_sheet(sheet, ward=ward)
    names = tuple(c.name for c in profile.candidates)
    firsts = first_preferences(profile)
    pairing = map_candidates(published.candidates, names, firsts if published.has_stages else None)
    notes = list(pairing.notes) + list(pairing.problems)
    notes += [
        f"{c.name}: the sheet's stage {s} total is not a number ({t!r}); not compared"
        for c in published.candidates
        for s, t in c.unreadable
    ]
    if seats is None:
        seats = published.seats
    result, tie_notes = _count(profile, rule, seats, options)
    notes += tie_notes
    to_ballot = {
        p.official_index: p.blt_index for p in pairing.pairings if p.sure and p.blt_index is not None
    }
    sheet_name = {b: published.candidates[o].name for o, b in to_ballot.items()}
    elected_ours = tuple(
        sheet_name.get(i, names[i]) for i in (profile.candidates.index(c) for c in result.elected)
    )
    elected_sheet = published.elected
    differences: list[Difference] = []
    compared = rounded = 0
    inconsistencies = own_arithmetic(published)
    if pairing.sure and published.has_stages:
        compared, rounded, differences = _compare(published, result, profile, to_ballot, inconsistencies)
        if result.rounds and len(result.rounds) != published.n_stages:
            notes.append(f"the sheet has {published.n_stages} stages, our count {len(result.rounds)}")
    elif not published.has_stages:
        notes.append("the sheet gives no stage figures: only the elected set is compared")
    causes = tuple(dict.fromkeys(d.cause for d in differences if not d.cause.startswith("follows from")))
    if set(elected_ours) != set(elected_sheet) and elected_sheet and not causes:
        causes = (DECISION,)
    return Audit(
        title=published.title or profile.title,
        rule=rule,
        sheet=published,
        pairing=pairing,
        our_stages=len(result.rounds),
        differences=tuple(differences),
        inconsistencies=inconsistencies,
        elected_ours=elected_ours,
        elected_sheet=elected_sheet,
        causes=causes,
        notes=tuple(notes),
        compared=compared,
        rounded=rounded,
        result=result,
    )


def _compare(
    sheet: PublishedSheet,
    result: Result,
    profile: Profile,
    to_ballot: Mapping[int, int],
    inconsistencies: Sequence[Inconsistency],
) -> tuple[int, int, list[Difference]]:
    compared = rounded = 0
    found: list[Difference] = []
    broken = {(i.stage, i.candidate) for i in inconsistencies if i.candidate}
    lot_stages = [
        t.stage or 0 for t in result.ties if t.method not in ("earlier stages",) and "lot" in t.method.lower()
    ]
    root: int | None = None
    decided_otherwise = _first_other_decision(sheet, result, profile, to_ballot)
    for s in range(1, min(len(result.rounds), sheet.n_stages) + 1):
        votes = result.rounds[s - 1].votes
        for o, c in enumerate(sheet.candidates):
            printed = c.total(s)
            if printed is None or o not in to_ballot:
                continue
            compared += 1
            ours = exact(votes.get(profile.candidates[to_ballot[o]], 0))
            if agrees(ours, printed):
                rounded += Fraction(ours) != Fraction(printed)
                continue
            before, change = c.total(s - 1), c.transfer(s)
            own = slack = None
            if s > 1 and before is not None and change is not None:
                own, slack = exact(Fraction(before) + Fraction(change)), rounding_slack(before, change)
            typo = (
                (s, c.name) in broken
                and own is not None
                and abs(Fraction(ours) - Fraction(own)) <= (slack or 0)
            )
            cause = _cause(s, ours, printed, typo, root, lot_stages, decided_otherwise)
            if root is None and cause not in (TYPING, ROUNDING):
                root = s
            found.append(Difference(s, c.name, ours, printed, cause, own))
    return compared, rounded, found


def _cause(
    stage: int,
    ours: Figure,
    printed: Figure,
    typo: bool,
    root: int | None,
    lot_stages: Sequence[int],
    decided_otherwise: int | None,
) -> str:
    if stage == 1:
        return FIRST_PREFERENCES
    if typo:
        return TYPING
    if isinstance(printed, Decimal) and within_one_unit(ours, printed):
        return ROUNDING
    if root is not None:
        return f"follows from the difference at stage {root}"
    if any(t <= stage for t in lot_stages):
        return LOT
    if decided_otherwise is not None and decided_otherwise < stage:
        return DECISION
    return RULE_OR_BALLOTS


def _first_other_decision(
    sheet: PublishedSheet, result: Result, profile: Profile, to_ballot: Mapping[int, int]
) -> int | None:
    """The first stage at which the sheet says it elected or excluded a candidate whom our
    count decided on more than a stage apart (sheets number the stage of a decision either
    where it is made or where its transfer is shown), or ``None``."""
    ours: dict[int, int] = {}
    for r in result.rounds:
        for e in r.events:
            ours.setdefault(profile.candidates.index(e.candidate), r.number)
    found = [
        c.decided_at
        for o, c in enumerate(sheet.candidates)
        if c.decided_at is not None
        and o in to_ballot
        and (to_ballot[o] not in ours or abs(ours[to_ballot[o]] - c.decided_at) > 1)
        and c.status.strip().lower() in ("elected", "excluded", "eliminated")
    ]
    return min(found, default=None)
