"""RCTab's tie-break modes, including its random draw, reproduced exactly.

RCTab draws lots with Java's ``java.util.Random`` seeded with the configuration's
``randomSeed``. That generator is fully specified by the Java platform (a 48-bit linear
congruential generator, Knuth TAOCP vol. 2 §3.2.1, with the multiplier 0x5DEECE66D and
increment 11), so :class:`JavaRandom` reproduces its draws bit for bit:

- ``"random"``: the tied candidates are sorted by name (Java's ``String.compareTo``:
  UTF-16 code units; votecount compares code points, which differ only for characters
  outside the Basic Multilingual Plane), and the one at
  ``floor(nextDouble() * number tied)`` is chosen. ``nextDouble`` is multiplied in IEEE
  double precision exactly as Java does (Python floats are the same doubles), so the
  index is Java's own. One generator serves the whole count (each pass of a multi-pass
  count starts a fresh one from the seed, as RCTab builds a new tabulator per pass).
- ``"previous-round-counts-then-random"``: the candidates still tied after comparing
  every earlier round are drawn from in the order a Java ``HashSet`` of their names
  iterates (:func:`java_hash_set_order`), as RCTab's code leaves them.
- ``"generate-permutation"``: the configuration's candidates, sorted by name, are shuffled
  once by Java's ``Collections.shuffle`` (for i from n down to 2, swap i - 1 with
  ``nextInt(i)``), and ties are then broken by that order.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction

from votecount.candidates import Candidate
from votecount.errors import RuleError, TieError
from votecount.rules.rctab.options import TieBreak
from votecount.ties import TieBreaker

_MULTIPLIER = 0x5DEECE66D
_MASK = (1 << 48) - 1


class JavaRandom:
    """``java.util.Random``: the seeding, ``next(bits)``, ``nextInt(bound)``, ``nextDouble()``."""

    def __init__(self, seed: int) -> None:
        self._seed = (seed ^ _MULTIPLIER) & _MASK

    def next(self, bits: int) -> int:
        self._seed = (self._seed * _MULTIPLIER + 0xB) & _MASK
        value = self._seed >> (48 - bits)
        if value >= 1 << 31:  # Java's int is signed 32-bit
            value -= 1 << 32
        return value

    def next_int(self, bound: int) -> int:
        if bound <= 0:
            raise ValueError("bound must be positive")
        r = self.next(31)
        m = bound - 1
        if bound & m == 0:
            return (bound * r) >> 31
        u = r
        while True:
            r = u % bound
            if u - r + m < 1 << 31:  # no 32-bit overflow: accept
                return r
            u = self.next(31)

    def next_double(self) -> float:
        return ((self.next(26) << 27) + self.next(27)) * 2.0**-53

    def shuffle(self, items: list[str]) -> None:
        """Java's ``Collections.shuffle(list, random)`` on a random-access list."""
        for i in range(len(items), 1, -1):
            j = self.next_int(i)
            items[i - 1], items[j] = items[j], items[i - 1]


def random_index(random: JavaRandom, n: int) -> int:
    """RCTab's ``(int) Math.floor(random.nextDouble() * (double) n)``."""
    return math.floor(random.next_double() * float(n))


def _java_order(name: str) -> tuple[int, ...]:
    """Sort key of Java's ``String.compareTo``: UTF-16 code units."""
    data = name.encode("utf-16-be")
    return tuple(int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2))


def _java_hash(name: str) -> int:
    """Java's ``String.hashCode`` (32-bit), spread as ``HashMap.hash`` spreads it."""
    h = 0
    for unit in _java_order(name):
        h = (31 * h + unit) & 0xFFFFFFFF
    return h ^ (h >> 16)


def java_hash_set_order(names: Sequence[str]) -> list[str]:
    """The order a ``java.util.HashSet`` built from ``names`` iterates them in: by bucket
    (the spread hash modulo the table size, a power of two of at least 16 and more than
    the size / 0.75), then in the order added. RCTab's previous-round-counts tie-break
    passes the candidates still tied through such a set each round, so when it falls back
    to the random draw, the draw indexes this order, not the sorted one."""
    wanted = max(int(len(names) / 0.75) + 1, 16)
    size = 1
    while size < wanted:
        size *= 2
    return sorted(names, key=lambda n: _java_hash(n) & (size - 1))


class RCTabTies:
    """Breaks the ties of one RCTab tabulation (one pass) as its ``tiebreakMode`` says."""

    def __init__(
        self,
        mode: TieBreak,
        seed: int | None,
        order: Sequence[str],
        *,
        policy: TieBreaker | None = None,
        candidates: Mapping[str, Candidate] | None = None,
    ) -> None:
        self.mode = mode
        self.policy = policy
        self.candidates = candidates or {}
        self.seed = seed
        self.random: JavaRandom | None = None
        self.order = list(order)
        if mode in ("random", "previous-round-counts-then-random", "generate-permutation"):
            if seed is None:
                raise RuleError(f"RCTab tiebreakMode {mode} needs a randomSeed")
            self.random = JavaRandom(seed)
        if mode == "generate-permutation":
            assert self.random is not None
            self.order.sort(key=_java_order)
            self.random.shuffle(self.order)

    def choose(
        self,
        tied: Sequence[str],
        *,
        winner: bool,
        round_number: int,
        history: Sequence[Mapping[str, Fraction]],
    ) -> tuple[str, str]:
        """The candidate who wins (``winner``) or loses the tie, and why.

        ``history`` holds each earlier round's tally (for the previous-round modes).
        """
        names = sorted(tied, key=_java_order)
        mode = self.mode
        if mode == "policy":
            if self.policy is None:
                raise RuleError("tiebreak_mode='policy' needs the count's tie policy")
            decided = self.policy.order(
                [self.candidates[n] for n in names],
                purpose="elect" if winner else "exclude",
                stage=round_number,
            )
            chosen = decided[0] if winner else decided[-1]
            return chosen.name, f"tie broken by {self.policy.policy.describe()}"
        if mode in ("candidate-order", "generate-permutation"):
            search = self.order if winner else list(reversed(self.order))
            for name in search:
                if name in names:
                    where = "earliest" if winner else "latest"
                    return name, f"tie broken by candidate order ({where} in the order)"
            raise RuleError(f"tied candidates {', '.join(names)} are not in the tie-break order")
        if mode in ("previous-round-counts-then-random", "previous-round-counts-then-ask"):
            contention = names
            for r in range(round_number - 1, 0, -1):
                tally = history[r - 1]
                pick = max if winner else min
                contention = java_hash_set_order(contention)
                best = pick(tally[c] for c in contention)
                contention = [c for c in contention if tally[c] == best]
                if len(contention) == 1:
                    most = "most" if winner else "fewest"
                    return contention[0], f"tie broken by the {most} votes ({best}) in round {r}"
            names = contention
            if mode == "previous-round-counts-then-ask":
                return self._ask(names, winner, round_number)
        if mode == "ask":
            return self._ask(names, winner, round_number)
        assert self.random is not None
        return names[random_index(self.random, len(names))], (
            f"tie broken by RCTab's random draw (seed {self.seed})"
        )

    def _ask(self, names: Sequence[str], winner: bool, round_number: int) -> tuple[str, str]:
        raise TieError(names, purpose="elect" if winner else "exclude", stage=round_number)


__all__ = ["JavaRandom", "RCTabTies", "java_hash_set_order", "random_index"]
