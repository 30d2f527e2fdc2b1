"""The ``rctab`` rule of the rule table: a profile counted by RCTab's round loop.

A profile's ballots are papers already judged by a validity policy, so the ballot-reading
options meet only what a profile can hold (candidates ranked equal are an overvote at that
place; there are no skipped ranks or repeats left); the counting options are RCTab's own
(:class:`~votecount.rules.rctab.options.RCTabOptions`, by field name). Ties go to the
count's tie policy (``seed=``, ``tie_order=``) unless ``tiebreak_mode`` names one of RCTab's
modes. To count cast-vote records exactly as an RCTab configuration says, use
``votecount count --rctab CONFIG.json`` (:func:`~votecount.rules.rctab.count.count_papers`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from votecount.ballots import RankedBallot
from votecount.errors import RuleError
from votecount.profile import Profile
from votecount.result import Result, Round
from votecount.rules.rctab.count import RULE, count_papers
from votecount.rules.rctab.options import RCTabOptions
from votecount.ties import TiePolicy
from votecount.validity import RawRanking

OPTION_NAMES = tuple(f.name for f in attrs.fields(RCTabOptions))


def _papers(profile: Profile) -> list[RawRanking]:
    papers = []
    for b in profile.ballots:
        if not isinstance(b, RankedBallot):
            raise RuleError("rctab counts ranked ballots")
        positions = tuple((p,) if isinstance(p, int) else tuple(sorted(p)) for p in b.ranking)
        papers.append(RawRanking(positions, b.weight, id=b.id))
    return papers


def _one(passes: Sequence[Result]) -> Result:
    """The passes of a multi-pass count as one result: their rounds in turn."""
    if len(passes) == 1:
        return passes[0]
    rounds: list[Round] = []
    for k, result in enumerate(passes, start=1):
        for r in result.rounds:
            rounds.append(attrs.evolve(r, number=len(rounds) + 1,
                                       description=f"Pass {k}, round {r.number}"))
    last = passes[-1]
    return attrs.evolve(
        last,
        seats=len(passes),
        elected=tuple(c for p in passes for c in p.elected),
        rounds=tuple(rounds),
        ties=tuple(t for p in passes for t in p.ties),
        withdrawn=passes[0].withdrawn,
        candidates=passes[0].candidates,
        notes=(f"multi-pass count: {len(passes)} single-winner passes, each winner excluded "
               "from the later passes",),
    )


def count_rctab(
    profile: Profile,
    *,
    seats: int,
    ties: TiePolicy,
    constraints: Sequence[Any] = (),
    **options: Any,
) -> Result:
    """Count ``profile`` as RCTab would, with RCTab's options given by field name
    (``election_mode`` defaults to single-winner for one seat, multi-winner for more)."""
    if constraints:
        raise RuleError("rctab does not take seat constraints (RCTab has none)")
    unknown = sorted(set(options) - set(OPTION_NAMES))
    if unknown:
        raise RuleError(f"unknown option(s) for rctab: {', '.join(unknown)}; "
                        f"its options are {', '.join(OPTION_NAMES)}")
    options.setdefault("election_mode", "single-winner" if seats == 1 else "multi-winner")
    options.setdefault("tiebreak_mode", "policy")
    options.setdefault("max_skipped_ranks", None)
    chosen = RCTabOptions(**options)
    passes = count_papers(
        profile.candidates, _papers(profile), chosen, seats,
        excluded=profile.withdrawn, title=profile.title, ties=ties,
    )
    result = _one(passes)
    return attrs.evolve(result, rule=RULE, validation=profile.validation)


__all__ = ["OPTION_NAMES", "count_rctab"]
