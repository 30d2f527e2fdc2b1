"""Ballot validity: what makes a paper invalid, how it is repaired, and the report of it all.

(The named policies are filled in by the formats work; this module holds the report that
every reader attaches to the profile it returns.)
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from votecount.ballots import Weight


@attrs.frozen
class BallotProblem:
    """One paper (or group of identical papers) that was repaired or set aside, and why."""

    reason: str
    action: str
    weight: Weight
    line: int | None = None
    detail: str = ""


@attrs.frozen
class ValidationReport:
    """How the papers read were treated: counted as cast, repaired, or set aside.

    ``read`` = ``counted_as_cast`` + sum(``repaired``) + sum(``rejected``): nothing is lost.
    """

    source: str | None
    read: Weight
    counted_as_cast: Weight
    repaired: Mapping[str, Weight] = attrs.field(factory=dict)
    rejected: Mapping[str, Weight] = attrs.field(factory=dict)
    problems: tuple[BallotProblem, ...] = ()
    policy: str = ""
