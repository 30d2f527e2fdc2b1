"""Seeded ballot generators: profiles that look like real elections, reproducibly.

Every generator takes the candidates (names, :class:`~votecount.ballots.Candidate` s, or a
number), the number of voters and a ``seed``, and returns a grouped
:class:`~votecount.ballots.Profile`. The same arguments and seed give the same profile, on
every platform and Python version: the only source of chance is
``random.Random(seed).random()``, whose sequence Python guarantees not to change.

The models (see ``docs/generators.md`` for a picture of each against the Scottish council
data):

- :func:`impartial_culture`: every ordering of the candidates equally likely.
- :func:`plackett_luce`: candidates have strengths; a voter picks a first preference in
  proportion to strength, then a second among the rest in proportion to strength, and so on.
- :func:`slate_model`: voters fall into blocs, each preferring its own slate (a party, or a
  left and a centre-left slate); within a bloc, Plackett–Luce with the slate's strengths
  multiplied by the bloc's ``cohesion``.
- :func:`spatial_model`: candidates and voters on a left–right line; a voter ranks the
  candidates from nearest to farthest.

How many preferences each voter writes is a separate choice, a :class:`Lengths`: every
candidate, exactly k, a geometric fall-off, or :meth:`Lengths.scottish` (fitted to the
Scottish council elections of 2007–2022, where most voters rank two to four candidates).
With ``ballots="plurality"`` the same models give "cross in a box" papers: a voter marks
their first ``length`` preferences (one, by default).

Generation is by counts, not by voter: the voters at each prefix of a ranking are split
among the next preferences in one multinomial draw, so a million voters cost one draw each
per preference written, and each distinct ballot is built once.
"""

from __future__ import annotations

import math
import string
from bisect import bisect
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate, pairwise, repeat
from random import Random
from statistics import NormalDist
from typing import Literal, TypeAlias

import attrs

from votecount.ballots import Candidate, PluralityBallot, Profile, RankedBallot, Weight

Seed: TypeAlias = int | str
"""A generator's seed: the same seed and arguments always give the same profile."""

BallotKind: TypeAlias = Literal["ranked", "plurality"]
CandidatesLike: TypeAlias = int | Sequence[Candidate | str]
Rankings: TypeAlias = dict[tuple[int, ...], int]

_DIRECT = 3
"""At a prefix held by this few voters, finish each voter's ranking one by one."""


def candidate_names(n: int) -> tuple[str, ...]:
    """``n`` short names in spreadsheet order: A, B, ..., Z, AA, AB, ..."""
    names = []
    for i in range(n):
        name = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            name = string.ascii_uppercase[r] + name
        names.append(name)
    return tuple(names)


def _candidates(candidates: CandidatesLike) -> tuple[Candidate, ...]:
    if isinstance(candidates, int):
        if candidates < 1:
            raise ValueError(f"an election needs at least one candidate, not {candidates}")
        candidates = candidate_names(candidates)
    out = tuple(c if isinstance(c, Candidate) else Candidate(c) for c in candidates)
    if not out:
        raise ValueError("an election needs at least one candidate")
    return out


def _floats(values: Iterable[float]) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


def _names(values: str | Iterable[str]) -> frozenset[str]:
    """A slate: one name, or several (a bare string is one name, never its letters)."""
    return frozenset((values,) if isinstance(values, str) else (str(v) for v in values))


@attrs.frozen
class Lengths:
    """How many preferences a voter writes (on a plurality paper: how many crosses).

    ``head[k - 1]`` is the relative weight of a ballot of length ``k``; beyond the head, each
    further length weighs ``ratio`` times the one before (a geometric tail, ``ratio < 1``);
    ``complete`` is extra weight on ranking every candidate. Lengths beyond the number of
    candidates fold onto a complete ranking: a voter who would go on has no one left.

    Use the constructors: :meth:`full`, :meth:`exactly`, :meth:`up_to`, :meth:`geometric`,
    :meth:`scottish`.
    """

    head: tuple[float, ...] = attrs.field(default=(), converter=_floats)
    ratio: float = 0.0
    complete: float = 0.0
    name: str = attrs.field(default="", eq=False)

    def __attrs_post_init__(self) -> None:
        if any(w < 0 for w in self.head) or self.complete < 0:
            raise ValueError("length weights cannot be negative")
        if not 0 <= self.ratio < 1:
            raise ValueError(f"the tail ratio must be in [0, 1), not {self.ratio}")
        if self.ratio and not self.head:
            raise ValueError("a geometric tail needs a head to start from")
        if not (any(self.head) or self.complete):
            raise ValueError("at least one length must have positive weight")

    @classmethod
    def full(cls) -> Lengths:
        """Every voter ranks every candidate."""
        return cls(complete=1.0, name="full")

    @classmethod
    def exactly(cls, k: int) -> Lengths:
        """Every voter writes ``k`` preferences (all, if there are fewer candidates)."""
        if k < 1:
            raise ValueError(f"a ballot has at least one preference, not {k}")
        return cls((0.0,) * (k - 1) + (1.0,), name=f"exactly {k}")

    @classmethod
    def up_to(cls, k: int) -> Lengths:
        """Lengths 1 to ``k`` equally likely."""
        if k < 1:
            raise ValueError(f"a ballot has at least one preference, not {k}")
        return cls((1.0,) * k, name=f"1 to {k}")

    @classmethod
    def geometric(cls, go_on: float) -> Lengths:
        """After each preference, a voter writes another with probability ``go_on``."""
        if not 0 <= go_on < 1:
            raise ValueError(f"go_on must be in [0, 1), not {go_on}")
        return cls((1.0 - go_on,), ratio=go_on, name=f"geometric {go_on}")

    @classmethod
    def scottish(cls) -> Lengths:
        """Ballot lengths as in the Scottish council elections, 2007–2022.

        Fitted to the 1,102 ward counts (5.6 million papers) in ``../shared/data/scottish``:
        about 13% of voters give one preference, 26% two, 33% three, then a fall-off of
        about 0.4 per further preference, and about 9% rank every candidate.
        """
        return cls((0.13, 0.26, 0.33, 0.12), ratio=0.42, complete=0.09, name="scottish")

    def weights(self, n: int) -> list[float]:
        """Relative weights of lengths 1 to ``n`` for ``n`` candidates."""
        out = [0.0] * n
        for k, w in enumerate(self.head[:n]):
            out[k] = w
        out[n - 1] += sum(self.head[n:])
        if self.ratio and self.head:
            w = self.head[-1]
            for k in range(len(self.head), n):
                w *= self.ratio
                out[k] += w
            out[n - 1] += w * self.ratio / (1 - self.ratio)
        out[n - 1] += self.complete
        return out

    def mean(self, n: int) -> float:
        """The mean ballot length with ``n`` candidates."""
        w = self.weights(n)
        return sum(k * x for k, x in enumerate(w, 1)) / sum(w)

    def __str__(self) -> str:
        return self.name or repr(self)


# --- sampling by counts -------------------------------------------------------------------


def multinomial(rng: Random, m: int, weights: Sequence[float]) -> list[int]:
    """Split ``m`` draws among categories in proportion to ``weights`` (exactly, by draws)."""
    k = len(weights)
    counts = [0] * k
    if m <= 0 or k == 0:
        return counts
    cum = list(accumulate(weights))
    total = cum[-1]
    if total <= 0:
        raise ValueError("weights must have a positive total")
    if k == 1:
        counts[0] = m
        return counts
    # bisect_right never lands on a zero-weight category; ``hi`` keeps a draw that rounds up
    # to ``total`` off any zero-weight categories at the end
    hi = max(i for i, w in enumerate(weights) if w > 0)
    rand = rng.random
    for index, n in Counter([bisect(cum, rand() * total, 0, hi) for _ in repeat(None, m)]).items():
        counts[index] = n
    return counts


def _plackett_luce_counts(
    rng: Random, strengths: Sequence[float], voters: int, lengths: Sequence[float]
) -> Rankings:
    """Ranking prefixes and how many voters cast each, under Plackett–Luce with truncation."""
    out: Rankings = {}
    n = len(strengths)
    rand = rng.random

    log = math.log

    def finish(prefix: tuple[int, ...], rest: list[int], m: int, need: int) -> None:
        # each candidate's exponential clock runs at its strength; the earliest ring first
        # (the order of the clocks is a Plackett–Luce ranking)
        for _ in range(m):
            clocks = sorted([(-log(1.0 - rand()) / strengths[c], c) for c in rest])
            ballot = prefix + tuple([c for _, c in clocks[:need]])
            out[ballot] = out.get(ballot, 0) + 1

    def grow(prefix: tuple[int, ...], rest: list[int], m: int, need: int) -> None:
        if need == 0:
            out[prefix] = out.get(prefix, 0) + m
        elif m <= _DIRECT:
            finish(prefix, rest, m, need)
        else:
            split = multinomial(rng, m, [strengths[c] for c in rest])
            for i, (c, mc) in enumerate(zip(rest, split, strict=True)):
                if mc:
                    grow((*prefix, c), rest[:i] + rest[i + 1 :], mc, need - 1)

    live = [c for c in range(n) if strengths[c] > 0]
    if not live:
        raise ValueError("at least one candidate needs a positive strength")
    by_length = multinomial(rng, voters, lengths[: len(live)])
    for length, m in enumerate(by_length, 1):
        if m:
            grow((), live, m, length)
    return out


_ENUMERABLE = 2**32
"""Rankings of one length are drawn as one integer when there are at most this many."""


def _impartial_counts(rng: Random, n: int, voters: int, lengths: Sequence[float]) -> Rankings:
    """Ranking prefixes under impartial culture: each voter draws one number, decoded once.

    The rankings of length ``L`` are numbered 0 to ``n!/(n-L)! - 1`` in mixed radix; each
    voter draws a number, and only the distinct numbers drawn are decoded. (A float draw
    scaled to at most 2**32 rankings is uniform to within one part in 2**21.)
    """
    out: Rankings = {}
    rand = rng.random
    for length, m in enumerate(multinomial(rng, voters, lengths), 1):
        if not m:
            continue
        space = math.perm(n, length)
        if space > _ENUMERABLE:
            exactly = [0.0] * (length - 1) + [1.0]
            for r, w in _plackett_luce_counts(rng, [1.0] * n, m, exactly).items():
                out[r] = out.get(r, 0) + w
            continue
        for number, w in Counter([int(rand() * space) for _ in repeat(None, m)]).items():
            rest = list(range(n))
            ranking = []
            for base in range(n, n - length, -1):
                number, digit = divmod(number, base)
                ranking.append(rest.pop(digit))
            out[tuple(ranking)] = w
    return out


def _lengths_for(lengths: Lengths | None, ballots: BallotKind) -> Lengths:
    if lengths is not None:
        return lengths
    return Lengths.full() if ballots == "ranked" else Lengths.exactly(1)


def _profile(
    candidates: tuple[Candidate, ...],
    rankings: Mapping[tuple[int, ...], int],
    ballots: BallotKind,
    seats: int | None,
    title: str,
) -> Profile:
    if ballots == "ranked":
        papers: list[RankedBallot | PluralityBallot] = [RankedBallot(r, w) for r, w in rankings.items()]
    elif ballots == "plurality":
        marks: dict[frozenset[int], int] = {}
        for r, w in rankings.items():
            key = frozenset(r)
            marks[key] = marks.get(key, 0) + w
        papers = [PluralityBallot(k, w) for k, w in marks.items()]
    else:
        raise ValueError(f"ballots must be 'ranked' or 'plurality', not {ballots!r}")
    return Profile(candidates, papers, seats=seats, title=title)


def _check_voters(voters: int) -> None:
    if isinstance(voters, bool) or not isinstance(voters, int) or voters < 0:
        raise ValueError(f"voters must be a whole number >= 0, not {voters!r}")


# --- the models ---------------------------------------------------------------------------


def plackett_luce(
    candidates: CandidatesLike,
    voters: int,
    strengths: Sequence[float] | Mapping[str, float],
    *,
    seed: Seed,
    lengths: Lengths | None = None,
    ballots: BallotKind = "ranked",
    seats: int | None = None,
    title: str = "",
) -> Profile:
    """Plackett–Luce: each preference chosen among the rest in proportion to strength.

    ``strengths`` is one positive number per candidate (in order, or by name or id); a
    candidate of strength 0 is never ranked. :func:`popularity` gives strengths in which
    some candidates are far more popular than others.
    """
    cands = _candidates(candidates)
    _check_voters(voters)
    s = _strengths(cands, strengths)
    chosen = _lengths_for(lengths, ballots)
    rng = Random(seed)
    rankings = _plackett_luce_counts(rng, s, voters, chosen.weights(sum(1 for x in s if x > 0)))
    return _profile(cands, rankings, ballots, seats, title or f"Plackett–Luce, {chosen}")


def impartial_culture(
    candidates: CandidatesLike,
    voters: int,
    *,
    seed: Seed,
    lengths: Lengths | None = None,
    ballots: BallotKind = "ranked",
    seats: int | None = None,
    title: str = "",
) -> Profile:
    """Impartial culture: every ordering of the candidates equally likely.

    Truncated by ``lengths`` (default: full rankings; one cross on plurality papers).
    """
    cands = _candidates(candidates)
    _check_voters(voters)
    chosen = _lengths_for(lengths, ballots)
    n = len(cands)
    rankings = _impartial_counts(Random(seed), n, voters, chosen.weights(n))
    return _profile(cands, rankings, ballots, seats, title or f"impartial culture, {chosen}")


def popularity(n: int, skew: float = 1.0) -> tuple[float, ...]:
    """Strengths ``1, 1/2**skew, 1/3**skew, ...``: a few strong candidates and a long tail.

    ``skew=0`` makes every candidate equal; ``skew=1`` is Zipf's law.
    """
    if n < 1:
        raise ValueError(f"need at least one candidate, not {n}")
    return tuple(1.0 / (k**skew) for k in range(1, n + 1))


def _strengths(cands: Sequence[Candidate], strengths: Sequence[float] | Mapping[str, float]) -> list[float]:
    if isinstance(strengths, Mapping):
        index = {c.id: i for i, c in enumerate(cands)} | {c.name: i for i, c in enumerate(cands)}
        out = [0.0] * len(cands)
        for key, value in strengths.items():
            if key not in index:
                raise KeyError(f"strength given for unknown candidate {key!r}")
            out[index[key]] = float(value)
    else:
        out = [float(x) for x in strengths]
        if len(out) != len(cands):
            raise ValueError(f"{len(out)} strengths for {len(cands)} candidates")
    if any(not x >= 0 or math.isinf(x) for x in out):
        raise ValueError("strengths must be finite numbers >= 0")
    if not any(out):
        raise ValueError("at least one candidate needs a positive strength")
    return out


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
    cands = _candidates(candidates)
    _check_voters(voters)
    if not blocs:
        raise ValueError("the slate model needs at least one bloc")
    base = _strengths(cands, strengths) if strengths is not None else [1.0] * len(cands)
    index = {c.id: i for i, c in enumerate(cands)} | {c.name: i for i, c in enumerate(cands)}
    chosen = _lengths_for(lengths, ballots)
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
        for r, w in _plackett_luce_counts(rng, s, m, weights).items():
            rankings[r] = rankings.get(r, 0) + w
    return _profile(cands, rankings, ballots, seats, title or f"slates, {chosen}")


_STANDARD_NORMAL = NormalDist(0.0, 1.0)


def spatial_model(
    candidates: CandidatesLike,
    voters: int,
    positions: Sequence[float],
    *,
    seed: Seed,
    electorate: NormalDist | Sequence[tuple[float, NormalDist]] = _STANDARD_NORMAL,
    lengths: Lengths | None = None,
    ballots: BallotKind = "ranked",
    seats: int | None = None,
    title: str = "",
) -> Profile:
    """A one-dimensional spatial model: voters rank candidates from nearest to farthest.

    Candidates stand at ``positions`` on a left–right line; voters are spread along it by
    ``electorate``, a normal distribution or a mixture of ``(weight, NormalDist)`` pairs (a
    polarised electorate). The ballots are single-peaked. Candidates at the same position
    are ranked in their listed order.

    Exact and fast: the midpoints between candidates cut the line into intervals whose voters
    all rank alike, so voters are split among the intervals by their probabilities.
    """
    cands = _candidates(candidates)
    _check_voters(voters)
    xs = [float(x) for x in positions]
    if len(xs) != len(cands):
        raise ValueError(f"{len(xs)} positions for {len(cands)} candidates")
    if any(not math.isfinite(x) for x in xs):
        raise ValueError("positions must be finite numbers")
    mixture = [(1.0, electorate)] if isinstance(electorate, NormalDist) else list(electorate)
    if not mixture or any(w < 0 for w, _ in mixture) or not sum(w for w, _ in mixture) > 0:
        raise ValueError("the electorate needs at least one part of positive weight")
    chosen = _lengths_for(lengths, ballots)
    n = len(cands)
    cuts = sorted({(a + b) / 2 for i, a in enumerate(xs) for b in xs[i + 1 :] if a != b})
    edges = [-math.inf, *cuts, math.inf]
    spread = max(1.0, max(xs) - min(xs))
    masses: list[float] = []
    orders: list[tuple[int, ...]] = []
    for lo, hi in pairwise(edges):
        point = (
            (lo + hi) / 2
            if math.isfinite(lo) and math.isfinite(hi)
            else (hi - spread if math.isfinite(hi) else (lo + spread if math.isfinite(lo) else 0.0))
        )
        orders.append(tuple(sorted(range(n), key=lambda c: (abs(point - xs[c]), c))))
        masses.append(sum(w * (_cdf(d, hi) - _cdf(d, lo)) for w, d in mixture))
    rng = Random(seed)
    split = multinomial(rng, voters, masses)
    length_weights = chosen.weights(n)
    rankings: Rankings = {}
    for order, m in zip(orders, split, strict=True):
        for length, mk in enumerate(multinomial(rng, m, length_weights), 1):
            if mk:
                key = order[:length]
                rankings[key] = rankings.get(key, 0) + mk
    return _profile(cands, rankings, ballots, seats, title or f"1-D spatial, {chosen}")


def _cdf(dist: NormalDist, x: float) -> float:
    if x == math.inf:
        return 1.0
    if x == -math.inf:
        return 0.0
    return dist.cdf(x)


def ballot_lengths(profile: Profile) -> dict[int, Weight]:
    """How many papers (by weight) give each number of preferences (or crosses)."""
    out: dict[int, Weight] = {}
    for b in profile.ballots:
        size = len(b.marks) if isinstance(b, PluralityBallot) else len(b.ranking)
        out[size] = out.get(size, 0) + b.weight
    return dict(sorted(out.items()))


def first_preferences(profile: Profile) -> dict[int, Weight]:
    """Each candidate's first preferences (plurality: crosses) by index, zero included."""
    out: dict[int, Weight] = dict.fromkeys(range(len(profile.candidates)), 0)
    for b in profile.ballots:
        firsts: Iterable[int]
        if isinstance(b, PluralityBallot):
            firsts = b.marks
        elif b.ranking:
            top = b.ranking[0]
            firsts = (top,) if isinstance(top, int) else sorted(top)
        else:
            firsts = ()
        for c in firsts:
            out[c] += b.weight
    return out


__all__ = [
    "BallotKind",
    "Bloc",
    "Lengths",
    "Seed",
    "ballot_lengths",
    "blocs_by",
    "candidate_names",
    "first_preferences",
    "impartial_culture",
    "multinomial",
    "plackett_luce",
    "popularity",
    "slate_model",
    "spatial_model",
]
