"""Voters in blocs, each preferring its own slate: a mixture of Plackett–Luce models.

A bloc (a party's voters, or a faction's) ranks by Plackett–Luce with its slate's strengths
multiplied by the bloc's ``cohesion``, so the bloc's preferences hold together, as most party
voters' do, and a few voters cross over.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from random import Random

import attrs

from votecount.ballots import Candidate
from votecount.generate.lengths import Lengths
from votecount.generate.models import strengths_for
from votecount.generate.profiles import (
    BallotKind,
    CandidatesLike,
    Seed,
    as_candidates,
    check_voters,
    lengths_for,
    profile_from_counts,
)
from votecount.generate.sampling import Rankings, multinomial, plackett_luce_counts
from votecount.profile import Profile


def _names(values: str | Iterable[str]) -> frozenset[str]:
    """A slate: one name, or several (a bare string is one name, never its letters)."""
    return frozenset((values,) if isinstance(values, str) else (str(v) for v in values))


@attrs.frozen
class Bloc:
    """A bloc of voters who prefer their own slate.

    ``share``: the bloc's relative size. ``slate``: names or ids of the candidates it
    prefers (a party's candidates, or a faction's slate). ``cohesion``: how many times
    stronger a slate candidate is, for this bloc, than for voters at large; high cohesion
    makes the bloc rank its whole slate before anyone else, as most party voters do.
    """

    share: float
    slate: frozenset[str] = attrs.field(converter=_names)
    cohesion: float = 10.0
    name: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.share >= 0:
            raise ValueError(f"a bloc's share must be >= 0, not {self.share}")
        if not self.cohesion > 0:
            raise ValueError(f"a bloc's cohesion must be > 0, not {self.cohesion}")


def blocs_by(
    candidates: Sequence[Candidate],
    attribute: str,
    shares: Mapping[str, float],
    *,
    cohesion: float = 10.0,
) -> tuple[Bloc, ...]:
    """One bloc per value of a candidate attribute (``"party"``), sized by ``shares``."""
    out = []
    for value, share in shares.items():
        slate = frozenset(c.id for c in candidates if c.attributes.get(attribute) == value)
        if not slate:
            raise ValueError(f"no candidate has {attribute}={value!r}")
        out.append(Bloc(share, slate, cohesion, name=value))
    return tuple(out)


def slate_model(
    candidates: CandidatesLike,
    voters: int,
    blocs: Sequence[Bloc],
    *,
    seed: Seed,
    strengths: Sequence[float] | Mapping[str, float] | None = None,
    lengths: Lengths | None = None,
    ballots: BallotKind = "ranked",
    seats: int | None = None,
    title: str = "",
) -> Profile:
    """Voter blocs that prefer their own slates: a mixture of Plackett–Luce models.

    Voters are split among ``blocs`` in proportion to their shares. A bloc's voter ranks by
    Plackett–Luce with ``strengths`` (default: all equal) in which the bloc's slate is
    multiplied by its cohesion. So Labour's left and centre-left slates, or the parties of a
    Scottish ward, each pull their voters' preferences together, and a few voters cross over.
    """
    cands = as_candidates(candidates)
    check_voters(voters)
    if not blocs:
        raise ValueError("the slate model needs at least one bloc")
    base = strengths_for(cands, strengths) if strengths is not None else [1.0] * len(cands)
    index = {c.id: i for i, c in enumerate(cands)} | {c.name: i for i, c in enumerate(cands)}
    chosen = lengths_for(lengths, ballots)
    rng = Random(seed)
    split = multinomial(rng, voters, [b.share for b in blocs])
    rankings: Rankings = {}
    for bloc, m in zip(blocs, split, strict=True):
        unknown = sorted(bloc.slate - index.keys())
        if unknown:
            raise KeyError(f"bloc {bloc.name or bloc.slate!r} names unknown candidates {unknown}")
        slate = {index[k] for k in bloc.slate}
        s = [x * bloc.cohesion if i in slate else x for i, x in enumerate(base)]
        if not m:
            continue
        weights = chosen.weights(sum(1 for x in s if x > 0))
        for r, w in plackett_luce_counts(rng, s, m, weights).items():
            rankings[r] = rankings.get(r, 0) + w
    return profile_from_counts(cands, rankings, ballots, seats, title or f"slates, {chosen}")


__all__ = ["Bloc", "blocs_by", "slate_model"]
