"""Electoral colleges: sections of voters, each worth a fixed share of the result.

Labour elected its leader and deputy leader until 2014 by a college of three sections of
equal weight (MPs and MEPs; individual members; members of affiliated organisations), and
still elects some NEC places half by members and half by affiliates. Each section's ballots
together are worth the section's *share*, whatever its turnout, so every paper in a section
weighs::

    weight = section share / section turnout

where the turnout is the number of valid papers in that section (the weight of its profile).
Weights are exact fractions: a section of 266 MPs worth one third gives each MP 1/798.

A :class:`College` counts under any registered rule in which papers move whole (plurality,
alternative vote, supplementary and contingent vote): it counts the weighted papers of all
sections together, then records in every :class:`~votecount.result.Round` each section's
part of each candidate's votes (``Round.sections``), and checks that the parts add up to the
weighted totals the rule counted. Shares are given in whatever unit suits the count sheet:
``1`` for fractions of the whole, ``100`` for percentage points.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from fractions import Fraction
from typing import Any

import attrs

from votecount.ballots import Candidate, PluralityBallot, RankedBallot, Weight
from votecount.errors import RuleError
from votecount.numbers import Number
from votecount.profile import Profile
from votecount.result import Result


def _exact_share(value: Any) -> Fraction:
    if isinstance(value, float | bool):
        raise TypeError(f"a section's share must be exact (int, Fraction or str), not {value!r}")
    share = Fraction(value)
    if share <= 0:
        raise ValueError(f"a section's share must be positive, not {value!r}")
    return share


@attrs.frozen
class Section:
    """One section of a college: its ``name``, its ``share`` of the result and its ballots.

    ``profile`` holds the section's valid papers at weight one each (or as read); the college
    reweights them. A section with no valid papers cannot be weighted and is refused.
    """

    name: str
    share: Fraction = attrs.field(converter=_exact_share)
    profile: Profile

    def __attrs_post_init__(self) -> None:
        if self.profile.total_weight == 0:
            raise RuleError(f"section {self.name!r} has no valid papers, so it cannot be weighted")

    @property
    def turnout(self) -> Weight:
        """The section's valid papers (the sum of their weights)."""
        return self.profile.total_weight

    @property
    def paper_weight(self) -> Fraction:
        """What one paper of this section weighs in the college: share / turnout."""
        return self.share / Fraction(self.turnout)


@attrs.frozen
class SectionTally:
    """Each section's part of each candidate's votes for one set of continuing candidates."""

    votes: Mapping[str, Mapping[int, Fraction]]
    exhausted: Mapping[str, Fraction]


def _sections(value: Iterable[Section]) -> tuple[Section, ...]:
    return tuple(value)


@attrs.frozen(repr=False)
class College:
    """An electoral college: sections over the same candidates, each with its share.

    Build one with :meth:`of` (shares given, or equal shares of ``total``). :meth:`profile`
    is the weighted profile any rule can count; :meth:`count` counts it and records each
    section's part round by round.
    """

    sections: tuple[Section, ...] = attrs.field(converter=_sections)
    title: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.sections:
            raise RuleError("an electoral college needs at least one section")
        names = [s.name for s in self.sections]
        if len(set(names)) != len(names):
            raise RuleError(f"section names must be unique: {', '.join(names)}")
        first = self.sections[0].profile
        for section in self.sections[1:]:
            if section.profile.candidates != first.candidates:
                raise RuleError(
                    f"section {section.name!r} lists different candidates from section "
                    f"{self.sections[0].name!r}; every section must ballot on the same list"
                )
            if section.profile.withdrawn != first.withdrawn:
                raise RuleError(f"section {section.name!r} withdraws different candidates")
        kinds = {s.profile.kind for s in self.sections}
        if len(kinds) > 1:
            raise RuleError("all sections must hold the same kind of ballots (ranked or plurality)")

    @classmethod
    def of(
        cls,
        profiles: Mapping[str, Profile],
        shares: Mapping[str, Any] | None = None,
        *,
        total: Any = 1,
        title: str = "",
    ) -> College:
        """A college from ``{section name: profile}``.

        With ``shares`` (``{section name: share}``), each section weighs its share; without,
        the sections share ``total`` equally (``total=100`` gives percentage points, as
        Labour published its college results).
        """
        if shares is None:
            equal = _exact_share(total) / len(profiles) if profiles else Fraction(0)
            shares = {name: equal for name in profiles}
        if set(shares) != set(profiles):
            raise RuleError("give a share for every section, and a section for every share")
        return cls(tuple(Section(n, shares[n], p) for n, p in profiles.items()), title)

    @property
    def candidates(self) -> tuple[Candidate, ...]:
        return self.sections[0].profile.candidates

    def profile(self) -> Profile:
        """The sections' papers together, each weighted share / turnout of its section.

        Identical papers from different sections are merged with their weights added, which
        changes no total; the section breakdown is computed from the sections themselves.
        """
        first = self.sections[0].profile
        ballots: list[RankedBallot | PluralityBallot] = []
        for section in self.sections:
            weight = section.paper_weight
            for b in section.profile.ballots:
                if isinstance(b, RankedBallot):
                    ballots.append(RankedBallot(b.ranking, b.weight * weight, b.id))
                else:
                    ballots.append(PluralityBallot(b.marks, b.weight * weight, b.id))
        title = self.title or first.title
        return Profile(
            first.candidates,
            ballots,
            seats=first.seats,
            title=title,
            withdrawn=first.withdrawn,
        )

    def tally(self, continuing: Set[int]) -> SectionTally:
        """Each section's weighted part of each candidate's votes.

        A ranked paper counts for its highest preference among ``continuing`` candidates
        (or is exhausted if it ranks none of them); a plurality paper counts for every
        candidate it marks. Papers with equal rankings are refused: their share of a
        candidate depends on the rule.
        """
        votes: dict[str, dict[int, Fraction]] = {}
        exhausted: dict[str, Fraction] = {}
        for section in self.sections:
            weight = section.paper_weight
            part = {i: Fraction(0) for i in range(len(self.candidates))}
            lost = Fraction(0)
            for b in section.profile.ballots:
                if isinstance(b, PluralityBallot):
                    for c in b.marks:
                        part[c] += b.weight * weight
                    continue
                if b.has_equal_rankings:
                    raise RuleError(
                        f"section {section.name!r} holds papers with equal rankings, which "
                        "a college breakdown cannot apportion"
                    )
                holder = next((c for c in b.candidates() if c in continuing), None)
                if holder is None:
                    lost += b.weight * weight
                else:
                    part[holder] += b.weight * weight
            votes[section.name] = part
            exhausted[section.name] = lost
        return SectionTally(votes, exhausted)

    def annotate(self, result: Result) -> Result:
        """``result`` with every round's ``sections`` filled in, checked against its totals.

        The continuing candidates of a round are those holding votes at its end. Raises
        :class:`RuleError` if the sections' parts do not add up to the round's votes and
        exhausted papers, which happens under rules where papers move at reduced values
        (STV surpluses): there a section's part is not defined by the papers alone.
        """
        index = {c: i for i, c in enumerate(self.candidates)}
        rounds = []
        for r in result.rounds:
            continuing = {index[c] for c, v in r.votes.items() if v != 0}
            tally = self.tally(continuing)
            for c, v in r.votes.items():
                parts = sum((tally.votes[s][index[c]] for s in tally.votes), Fraction(0))
                if parts != v:
                    raise RuleError(
                        f"round {r.number}: the sections' parts of {c.name}'s votes add up to "
                        f"{parts}, not {v}; rule {result.rule!r} does not move papers whole"
                    )
            if self.sections[0].profile.kind == "ranked":
                lost = sum(tally.exhausted.values(), Fraction(0))
                if lost != r.exhausted:
                    raise RuleError(
                        f"round {r.number}: the sections' exhausted papers add up to {lost}, "
                        f"not {r.exhausted}"
                    )
            sections = {
                name: {c: _plain(part[index[c]]) for c in r.votes}
                for name, part in tally.votes.items()
            }
            rounds.append(attrs.evolve(r, sections=sections))
        notes = tuple(
            f"Section {s.name}: share {_plain(s.share)}, {s.turnout} valid papers, "
            f"each weighing {s.paper_weight}"
            for s in self.sections
        )
        return attrs.evolve(result, rounds=tuple(rounds), notes=(*result.notes, *notes))

    def count(self, rule: str, **options: Any) -> Result:
        """Count the college under ``rule`` (any :func:`votecount.count` arguments apply)."""
        from votecount.api import count

        return self.annotate(count(self.profile(), rule, **options))

    def __repr__(self) -> str:
        parts = ", ".join(f"{s.name}: {_plain(s.share)} of {s.turnout}" for s in self.sections)
        return f"<College {len(self.candidates)} candidates; {parts}>"


def _plain(value: Fraction) -> Number:
    return int(value) if value.denominator == 1 else value


def section_names(result: Result) -> tuple[str, ...]:
    """The college sections a result's rounds are broken down by, in order (or none)."""
    names: dict[str, None] = {}
    for r in result.rounds:
        for name in r.sections or {}:
            names.setdefault(name, None)
    return tuple(names)


def count_college(
    profiles: Mapping[str, Profile],
    rule: str,
    *,
    shares: Mapping[str, Any] | None = None,
    total: Any = 1,
    title: str = "",
    **options: Any,
) -> Result:
    """Count ``{section: profile}`` as a college under ``rule``: equal shares unless given."""
    college = College.of(profiles, shares, total=total, title=title)
    return college.count(rule, **options)


__all__: Sequence[str] = ["College", "Section", "SectionTally", "count_college", "section_names"]
