"""Countback: fill a vacancy by re-running the last count without the member(s) who left.

This is the Labour Party's NEC practice ("the last contest is re-run excluding votes for the
member who has left"; docs/countback.md). The re-run is an ordinary :func:`votecount.recount`
with the departed members withdrawn; this module decides, from the re-run, who takes the
vacated seats, and records it in a :class:`Countback`.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from votecount import api
from votecount.candidates import Candidate
from votecount.constraints import fill_vacancies
from votecount.errors import RuleError
from votecount.result import Result


@attrs.frozen(repr=False)
class Countback:
    """Who fills a vacancy: the re-run count and the candidates it seats.

    ``members`` are the members who stay; ``filled_by`` the candidates who fill the
    vacated seats, in order; ``rerun`` the full re-run count, to print or inspect.
    """

    vacated: tuple[Candidate, ...]
    members: tuple[Candidate, ...]
    filled_by: tuple[Candidate, ...]
    rerun: Result

    @property
    def elected(self) -> tuple[Candidate, ...]:
        """The body after the countback: the remaining members, then the newcomers."""
        return self.members + self.filled_by

    def __repr__(self) -> str:
        gone = ", ".join(c.name for c in self.vacated)
        new = ", ".join(c.name for c in self.filled_by)
        return f"<Countback: {new} fill(s) the seat(s) vacated by {gone}>"

    def __str__(self) -> str:
        return f"{self!r}\n\n{self.rerun}"


def countback(result: Result, vacated: str | Candidate | Sequence[str | Candidate]) -> Countback:
    """Fill the seat(s) of ``vacated`` by re-running the count ``result`` records.

    The departed members are treated as withdrawn (their papers pass to the next
    preference) and the count is run again under the same rule, options, seats and tie
    policy (so the same seed draws the same lots). The remaining members keep their
    seats: they hold office, whatever the re-run says. The vacancy goes to the first
    candidate the re-run elects who is not already a member, in order of election; with
    several vacancies, to the first that many. With seat constraints, a newcomer whose
    seating beside the remaining members would break them is passed over
    (:func:`votecount.constraints.fill_vacancies`).
    """
    if result.profile is None:
        raise RuleError("this result does not keep its ballots; count with votecount.count")
    keys = [vacated] if isinstance(vacated, str | Candidate) else list(vacated)
    gone = tuple(dict.fromkeys(c if isinstance(c, Candidate) else result.candidate(c) for c in keys))
    for c in gone:
        if c not in result.elected:
            raise RuleError(f"{c.name} was not elected, so their seat cannot be vacated")
    indices = {result.candidates.index(c) for c in gone}
    rerun = api.recount(result, result.profile.replace(withdrawn=result.profile.withdrawn | indices))
    members = tuple(c for c in result.elected if c not in gone)
    newcomers = tuple(c for c in rerun.elected if c not in members)
    if len(newcomers) < len(gone):
        raise RuleError(
            f"the re-run elected only {len(newcomers)} new candidate(s) for {len(gone)} vacancies"
        )
    # Seat constraints bind the body, not the re-run alone: pass over a newcomer whose
    # seating beside the sitting members would break them (docs/countback.md).
    constraints = result.call.constraints if result.call else ()
    return Countback(
        vacated=gone,
        members=members,
        filled_by=fill_vacancies(constraints, members, newcomers, len(gone)),
        rerun=rerun,
    )


__all__ = ["Countback", "countback"]
