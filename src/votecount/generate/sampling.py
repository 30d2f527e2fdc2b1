"""Sampling by counts, not by voter: the one source of chance every model draws from.

The voters at each prefix of a ranking are split among the next preferences in one
multinomial draw, so a million voters cost one draw each per preference written, and each
distinct ballot is built once. The only source of chance is ``rng.random()``, whose sequence
Python guarantees not to change, so a seed gives the same counts on every platform; the order
of the draws here is therefore part of each model's output and must not change.
"""

from __future__ import annotations

import math
from bisect import bisect
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate, repeat
from random import Random
from typing import TypeAlias

Rankings: TypeAlias = dict[tuple[int, ...], int]
"""Ranking prefixes (candidate indices) and how many voters cast each."""

_DIRECT = 3
"""At a prefix held by this few voters, finish each voter's ranking one by one."""

_ENUMERABLE = 2**32
"""Rankings of one length are drawn as one integer when there are at most this many."""

_MANY = 32
"""With at least this many candidates, short Plackett–Luce ballots are drawn by rejection."""

_REJECT_AT_MOST = 0.75
"""Rejection is used for a ballot length whose strongest candidates hold at most this share
of the strength, so that at least a quarter of draws are kept."""


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


def plackett_luce_counts(
    rng: Random, strengths: Sequence[float], voters: int, lengths: Sequence[float]
) -> Rankings:
    """Ranking prefixes and how many voters cast each, under Plackett–Luce with truncation.

    With :data:`_MANY` candidates or more, a ballot of a length ``L`` whose ``L`` strongest
    candidates hold at most :data:`_REJECT_AT_MOST` of the strength is drawn by rejection
    (:func:`_short_ballots`): each next preference is drawn among all the candidates and
    drawn again if the ballot already ranks it, which is the same distribution, at a cost
    that does not grow with the number of candidates. Every other ballot is drawn as
    before, so a profile of fewer candidates is the same, seed for seed, as it always was.
    """
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
    short = _rejection_lengths(strengths, len(live))
    for length, m in enumerate(by_length, 1):
        if m and length <= short:
            _short_ballots(rng, strengths, m, length, out)
        elif m:
            grow((), live, m, length)
    return out


def _rejection_lengths(strengths: Sequence[float], live: int) -> int:
    """The longest ballot drawn by rejection (0: none), as :func:`plackett_luce_counts` says."""
    if live < _MANY:
        return 0
    total = math.fsum(strengths)
    top = 0.0
    for length, s in enumerate(sorted(strengths, reverse=True), 1):
        top += s
        if top > _REJECT_AT_MOST * total:
            return length - 1
    return live


def _short_ballots(rng: Random, strengths: Sequence[float], m: int, length: int, out: Rankings) -> None:
    """``m`` Plackett–Luce ballots of ``length`` preferences, added to ``out``, drawn by
    rejection: by counts while a prefix has many voters (one draw per voter, a voter drawing
    a candidate already ranked drawing again), then voter by voter."""
    cum = list(accumulate(strengths))
    total = cum[-1]
    hi = max(i for i, w in enumerate(strengths) if w > 0)
    rand = rng.random

    def one(taken: tuple[int, ...]) -> int:
        while True:
            c = bisect(cum, rand() * total, 0, hi)
            if c not in taken:
                return c

    def grow(prefix: tuple[int, ...], voters: int, need: int) -> None:
        if need == 0:
            out[prefix] = out.get(prefix, 0) + voters
        elif voters <= _DIRECT:
            for _ in range(voters):
                ballot = prefix
                for _ in range(need):
                    ballot += (one(ballot),)
                out[ballot] = out.get(ballot, 0) + 1
        else:
            drawn = [bisect(cum, rand() * total, 0, hi) for _ in repeat(None, voters)]
            split = Counter([c if c not in prefix else one(prefix) for c in drawn])
            for c in sorted(split):
                grow((*prefix, c), split[c], need - 1)

    grow((), m, length)


def impartial_counts(rng: Random, n: int, voters: int, lengths: Sequence[float]) -> Rankings:
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
            for r, w in plackett_luce_counts(rng, [1.0] * n, m, exactly).items():
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


__all__ = ["Rankings", "impartial_counts", "multinomial", "plackett_luce_counts"]
