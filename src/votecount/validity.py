"""Ballot validity: what makes a paper invalid, how it is repaired, and the report of it all.

Readers do not build ballots directly. They first parse each paper *as written* into a
:class:`RawRanking` (preferences in order, where a place may hold no candidate, one, several,
or a mark naming no candidate at all) or :class:`RawMarks` (the crosses on a plurality
paper). A named :class:`ValidityPolicy` then decides, paper by paper, whether it is

- **counted as cast** (nothing wrong with it),
- **repaired** by a documented rule (for instance read up to the first break), or
- **set aside** with its reason (blank, no valid first preference, more crosses than seats).

The :class:`~votecount.validation.ValidationReport` that :func:`judge_papers` writes says how
many papers (by weight) fell into each class, and ``read == counted_as_cast + repaired + set
aside`` always holds. See ``docs/validity.md`` for
the statutory basis of each rule (the Scottish Local Government Elections Order 2007, rules on
rejected ballot papers and on the order of preferences).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from operator import attrgetter
from typing import Literal, TypeAlias

import attrs

from votecount.ballots import Candidate, PluralityBallot, Preference, RankedBallot, Weight
from votecount.errors import InvalidBallotError, OptionError
from votecount.grouping import group_marks, group_rankings
from votecount.profile import Profile
from votecount.tally import CleanTally, Ranking
from votecount.validation import BallotProblem, ValidationReport, ValidationWarning, plausibility_warnings

Mark: TypeAlias = int | str
"""A mark on a paper: a candidate index, or (``str``) the text of a mark naming no candidate."""

OnProblem: TypeAlias = Literal["keep", "truncate", "reject"]
OnInvalid: TypeAlias = Literal["report", "raise"]

_weight_of = attrgetter("weight")

# The problems a paper can have, by the names the report uses.
BLANK = "blank paper"
UNKNOWN = "unknown candidate"
EQUAL = "equal rankings"
REPEATED = "repeated candidate"
GAP = "skipped preference"
TOO_MANY = "more marks than allowed"
NO_FIRST = "no valid first preference"


@attrs.frozen
class RawRanking:
    """A preferential paper as written, before any validity rule is applied.

    ``positions[k]`` holds what the paper marks at preference ``k + 1``: one candidate, several
    (marked equal), none (that preference number was skipped), or ``str`` marks that name no
    candidate (the text as written, e.g. ``"7"`` in a 5-candidate BLT file).
    """

    positions: tuple[tuple[Mark, ...], ...]
    weight: Weight = 1
    line: int | None = None
    id: str | None = None


@attrs.frozen
class RawMarks:
    """A "cross in a box" paper as written: the marks on it, which may repeat or be unknown."""

    marks: tuple[Mark, ...]
    weight: Weight = 1
    line: int | None = None
    id: str | None = None


RawPaper: TypeAlias = RawRanking | RawMarks


@attrs.frozen
class ValidityPolicy:
    """A named set of rules for papers that are not marked cleanly.

    Each field says what happens at the first place on a ranked paper where the problem is
    met: ``"truncate"`` reads the paper up to that place (the preferences before it stand;
    with none before it the paper has no valid first preference and is set aside),
    ``"reject"`` sets the whole paper aside, ``"keep"`` (equal rankings only) keeps the
    candidates ranked equal where the format can hold them.

    ``max_marks`` problems on plurality papers (more crosses than the voter may give) always
    set the paper aside; a ranked paper with more preferences than ``max_preferences`` is
    read up to the limit unless the policy rejects.
    """

    name: str
    description: str
    equal_rankings: OnProblem = "truncate"
    repeated: OnProblem = "truncate"
    gap: OnProblem = "truncate"
    unknown: OnProblem = "truncate"
    too_many: OnProblem = "truncate"

    def action(self, problem: str) -> OnProblem:
        return {
            EQUAL: self.equal_rankings,
            REPEATED: self.repeated,
            GAP: self.gap,
            UNKNOWN: self.unknown,
            TOO_MANY: self.too_many,
        }[problem]


RETURNING_OFFICER = ValidityPolicy(
    "returning-officer",
    "read each ranked paper up to its first break (equal rankings, a repeated or unknown "
    "candidate, a skipped preference number); set aside papers that are blank or have no "
    "valid first preference, and plurality papers with more crosses than allowed",
)
STRICT = ValidityPolicy(
    "strict",
    "set aside any paper with any problem at all",
    equal_rankings="reject",
    repeated="reject",
    gap="reject",
    unknown="reject",
    too_many="reject",
)
AS_CAST = ValidityPolicy(
    "as-cast",
    "keep equal rankings as cast (for formats that hold them, such as BLT 1=2 and PrefLib "
    "{1,2}); otherwise as the returning-officer policy",
    equal_rankings="keep",
)

POLICIES: Mapping[str, ValidityPolicy] = {p.name: p for p in (RETURNING_OFFICER, STRICT, AS_CAST)}
_ALIASES = {
    "default": "returning-officer",
    "returning_officer": "returning-officer",
    "as_cast": "as-cast",
}


def get_policy(policy: str | ValidityPolicy) -> ValidityPolicy:
    """The policy named ``policy`` (``returning-officer``, ``strict``, ``as-cast``)."""
    if isinstance(policy, ValidityPolicy):
        return policy
    name = _ALIASES.get(policy, policy) if isinstance(policy, str) else ""
    if name not in POLICIES:
        known = ", ".join(POLICIES)
        raise OptionError(
            f"unknown validity policy {policy!r}; known: {known}",
            option="validity policy",
            value=policy,
            choices=list(POLICIES),
        )
    return POLICIES[name]


@attrs.frozen
class Verdict:
    """What a policy decided for one paper: its ballot (or ``None``: set aside) and why."""

    ballot: RankedBallot | PluralityBallot | None
    reason: str | None = None
    detail: str = ""


def _place(k: int) -> str:
    return f"preference {k + 1}"


def judge_ranking(
    paper: RawRanking,
    policy: ValidityPolicy,
    *,
    max_preferences: int | None = None,
) -> Verdict:
    """Apply ``policy`` to one ranked paper (see :class:`ValidityPolicy`)."""
    positions = paper.positions
    try:  # fast path: one known candidate at each place, none repeated
        flat = tuple([c for (c,) in positions])
        if (
            flat
            and len(set(flat)) == len(flat)
            and all([type(c) is int for c in flat])
            and (max_preferences is None or len(flat) <= max_preferences)
        ):
            return Verdict(RankedBallot(flat, paper.weight, paper.id))
    except ValueError:
        pass
    while positions and not positions[-1]:
        positions = positions[:-1]  # unmarked places after the last preference are no gap
    if not positions:
        return Verdict(None, BLANK)
    kept: list[Preference] = []
    seen: set[int] = set()
    problem: str | None = None
    detail = ""
    for k, place in enumerate(positions):
        found: str | None = None
        if not place:
            found, detail = GAP, f"nothing marked at {_place(k)}"
        elif any(isinstance(m, str) for m in place):
            found = UNKNOWN
            names = ", ".join(repr(m) for m in place if isinstance(m, str))
            detail = f"{names} at {_place(k)} names no candidate"
        elif any(m in seen for m in place) or len(set(place)) < len(place):
            found, detail = REPEATED, f"candidate ranked again at {_place(k)}"
        elif len(place) > 1:
            found, detail = EQUAL, f"{len(place)} candidates marked {k + 1}"
        elif max_preferences is not None and k >= max_preferences:
            found, detail = TOO_MANY, f"more than {max_preferences} preferences"
        if found is None:
            c = place[0]
            assert isinstance(c, int)
            kept.append(c)
            seen.add(c)
            continue
        action = policy.action(found)
        if action == "keep" and found == EQUAL:
            group = frozenset(m for m in place if isinstance(m, int))
            kept.append(group)
            seen.update(group)
            continue
        if problem is None:
            problem = found
        if action == "reject" or (action != "keep" and not kept):
            if action != "reject":
                detail = f"{found}: {detail}"
                found = NO_FIRST
            return Verdict(None, found, detail)
        break  # truncate: the preferences before the break stand
    ballot = RankedBallot(tuple(kept), paper.weight, paper.id)
    return Verdict(ballot, problem, detail if problem else "")


def judge_marks(paper: RawMarks, policy: ValidityPolicy, *, max_marks: int | None = None) -> Verdict:
    """Apply ``policy`` to one plurality paper.

    Unknown and repeated marks are dropped (a repair) unless the policy rejects them; a paper
    with more marks than ``max_marks`` (the voter's number of votes) is set aside under every
    policy, as the statutes make such a paper void.
    """
    if not paper.marks:
        return Verdict(None, BLANK)
    problem: str | None = None
    detail = ""
    known = [m for m in paper.marks if isinstance(m, int)]
    unknown = [m for m in paper.marks if isinstance(m, str)]
    if unknown:
        problem = UNKNOWN
        detail = ", ".join(repr(m) for m in unknown) + " names no candidate"
    elif len(set(known)) < len(known):
        problem, detail = REPEATED, "a candidate marked twice"
    marks = frozenset(known)
    if max_marks is not None and len(marks) > max_marks:
        return Verdict(None, TOO_MANY, f"{len(marks)} marks, at most {max_marks} allowed")
    if problem is not None and policy.action(problem) == "reject":
        return Verdict(None, problem, detail)
    if not marks:
        return Verdict(None, NO_FIRST if problem else BLANK, detail)
    return Verdict(PluralityBallot(marks, paper.weight, paper.id), problem, detail)


def judge_papers(
    papers: Iterable[RawPaper],
    policy: str | ValidityPolicy = RETURNING_OFFICER,
    *,
    source: str | None = None,
    on_invalid: OnInvalid = "report",
    max_preferences: int | None = None,
    max_marks: int | None = None,
) -> tuple[list[RankedBallot | PluralityBallot], ValidationReport]:
    """Judge every paper; return the ballots that count and the report.

    With ``on_invalid="raise"`` the first paper set aside raises
    :class:`~votecount.errors.InvalidBallotError` naming its file, line and reason.
    """
    chosen = get_policy(policy)
    if on_invalid not in ("report", "raise"):
        raise OptionError(
            f"on_invalid must be 'report' or 'raise', not {on_invalid!r}",
            option="on_invalid",
            value=on_invalid,
            choices=("report", "raise"),
        )
    ballots: list[RankedBallot | PluralityBallot] = []
    read: Weight = 0
    as_cast: Weight = 0
    lines = 0
    repaired: dict[str, Weight] = {}
    rejected: dict[str, Weight] = {}
    problems: list[BallotProblem] = []
    for paper in papers:
        lines += 1
        read += paper.weight
        if isinstance(paper, RawRanking):
            verdict = judge_ranking(paper, chosen, max_preferences=max_preferences)
        else:
            verdict = judge_marks(paper, chosen, max_marks=max_marks)
        if verdict.ballot is None:
            reason = verdict.reason or BLANK
            if on_invalid == "raise":
                detail = f" ({verdict.detail})" if verdict.detail else ""
                raise InvalidBallotError(f"{reason}{detail}", path=source, line=paper.line)
            rejected[reason] = rejected.get(reason, 0) + paper.weight
            problems.append(
                BallotProblem(reason, "set aside", paper.weight, paper.line, verdict.detail, paper.id)
            )
            continue
        ballots.append(verdict.ballot)
        if verdict.reason is None:
            as_cast += paper.weight
        else:
            repaired[verdict.reason] = repaired.get(verdict.reason, 0) + paper.weight
            problems.append(
                BallotProblem(verdict.reason, "repaired", paper.weight, paper.line, verdict.detail, paper.id)
            )
    report = ValidationReport(
        source,
        read,
        as_cast,
        repaired,
        rejected,
        tuple(problems),
        chosen.name,
        lines,
    )
    return ballots, report


@attrs.frozen
class RawElection:
    """What a reader found in a file, before the validity policy: the boundary between the two.

    ``papers`` are the papers a reader parsed one by one; ``clean`` the clean lines it
    grouped as it read them (see :mod:`votecount.tally`), which every policy counts as cast.
    ``notes`` are what the reader noticed on the way (names merged, columns left out), for the
    report's warnings.
    ``tie_order`` is a tie-break order the file gives (BLT ``[tie ...]``), as 0-based indices.
    """

    candidates: tuple[Candidate, ...]
    papers: Sequence[RawPaper]
    seats: int | None = None
    title: str = ""
    withdrawn: frozenset[int] = frozenset()
    tie_order: tuple[int, ...] = ()
    source: str | None = None
    clean: CleanTally | None = attrs.field(default=None, eq=False)
    notes: tuple[ValidationWarning, ...] = ()

    def to_profile(
        self,
        policy: str | ValidityPolicy = RETURNING_OFFICER,
        *,
        on_invalid: OnInvalid = "report",
        max_preferences: int | None = None,
        max_marks: int | None = None,
    ) -> Profile:
        """Judge the papers under ``policy`` and build the profile, with its report attached.

        Clean papers are counted as cast without a verdict each, unless ``max_preferences``
        cuts them short: those are judged one by one, on their own lines, with the rest.
        ``max_marks`` for plurality papers defaults to the number of seats, where known.
        """
        if max_marks is None:
            max_marks = self.seats
        papers = self.papers
        table: dict[Ranking, Weight] = {}
        clean_weight: Weight = 0
        clean_lines = 0
        marks = self.clean is not None and self.clean.marks
        if self.clean is not None:
            longest = max_marks if marks else max_preferences  # a clean paper past it: judged
            table, clean_weight, clean_lines = self.clean.weights(longest=longest)
            if longest is not None:
                long = self.clean.longer_than(longest)
                cut: list[RawPaper] = [
                    RawMarks(tuple(r), w, n) if marks else RawRanking(tuple((c,) for c in r), w, n)
                    for r, w, n in long
                ]
                if cut:
                    papers = sorted([*papers, *cut], key=lambda paper: paper.line or 0)
        ballots, report = judge_papers(
            papers,
            policy,
            source=self.source,
            on_invalid=on_invalid,
            max_preferences=max_preferences,
            max_marks=max_marks,
        )
        if self.clean is not None:
            report = attrs.evolve(
                report,
                read=report.read + clean_weight,
                counted_as_cast=report.counted_as_cast + clean_weight,
                lines=report.lines + clean_lines,
            )
        grouped: Sequence[RankedBallot | PluralityBallot] = ballots
        if self.clean is not None:
            grouped = group_marks(table, ballots) if marks else group_rankings(table, ballots)
        profile = Profile(
            self.candidates,
            grouped,
            seats=self.seats,
            title=self.title,
            withdrawn=self.withdrawn,
            tie_order=self.tie_order,
            validation=report,
        )
        found = plausibility_warnings(  # what the format allows but no election has
            candidates=len(self.candidates) - len(self.withdrawn),
            seats=self.seats,
            weights=map(_weight_of, profile.ballots),
            total=report.read,
        )
        warnings = (*found, *self.notes)
        return profile.replace(validation=report.with_warnings(warnings)) if warnings else profile
