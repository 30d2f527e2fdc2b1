"""RCTab's round loop: every paper is read afresh each round, winners and eliminations
decided as RCTab's ``Tabulator.tabulate`` decides them.

Each round (RCTab's words):

1. *Tally.* Every active paper counts, at its value, for its current candidate if still
   continuing, else for the first continuing candidate it ranks
   (:func:`~votecount.rules.rctab.papers.read_paper`), or becomes inactive with the reason.
2. *Threshold.* floor(active votes / (seats + 1)) plus one unit (a whole vote, or
   10^-places with a non-integer threshold), or with the Hare quota votes / seats rounded
   up; single-winner counts recompute it every round (unless the first round determines it,
   or, continuing until two remain, once a winner is found), multi-seat counts fix it in the
   first round; the bottoms-up percentage mode takes that share of the active votes.
3. *Winners.* Every candidate at or above the threshold (none while undeclared write-ins
   hold votes); all continuing candidates when no more continue than seats are unfilled; one
   per round in the one-winner mode (the highest, ties broken); in a single-seat count with
   two left and nobody at the threshold, the higher.
4. *Surplus* (multi-seat, not bottoms-up). Each winner's surplus fraction, (votes -
   threshold) / votes truncated to ``places``, moves on: each of their papers keeps
   value × (1 - fraction) with the winner and carries value × fraction (truncated) onward
   next round. What truncation leaves above the threshold is the *residual surplus*.
5. *Eliminations*, when there are no winners and more are needed: undeclared write-ins
   first, in a round of their own; else everybody below the threshold (cutoff elimination);
   else a batch (every candidate of the lowest group whose votes together are fewer than
   the next candidate's); else the lowest, ties broken by the tie-break mode.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import attrs

from votecount.candidates import Candidate
from votecount.errors import RuleError
from votecount.rules.rctab.options import RCTabOptions
from votecount.rules.rctab.papers import (
    ACTIVE,
    FINAL_SURPLUS,
    PaperGroup,
    Status,
    read_paper,
)
from votecount.rules.rctab.tiebreak import RCTabTies
from votecount.ties import TieBreaker

RESIDUAL = "residual surplus"


@attrs.define
class RoundRecord:
    """One round as RCTab reports it: the tally (candidates in the count), the threshold,
    the papers in each status, the decisions, and the votes that moved into this round
    (source candidate -> target candidate, ``None`` for inactive, or :data:`RESIDUAL`)."""

    number: int
    tally: dict[int, Fraction]
    threshold: Fraction
    statuses: dict[Status, Fraction]
    transfers: dict[int, dict[int | str | None, Fraction]]
    elected: list[tuple[int, str]] = attrs.field(factory=list)
    eliminated: list[tuple[int, str]] = attrs.field(factory=list)
    ties: list[tuple[bool, list[int], int, str]] = attrs.field(factory=list)
    """Each tie broken: (for a winner?, the tied, the one chosen, how)."""


def _down(value: Fraction, places: int) -> Fraction:
    """``value`` truncated (towards zero) to ``places`` decimal places (Java's
    ``RoundingMode.DOWN``)."""
    scale = 10**places
    units = value.numerator * scale // value.denominator if value >= 0 else -(
        -value.numerator * scale // value.denominator
    )
    return Fraction(units, scale)


def _up(value: Fraction, places: int) -> Fraction:
    """``value`` rounded up (away from zero, for the positive values it meets) to ``places``."""
    scale = 10**places
    return Fraction(-(-value.numerator * scale // value.denominator), scale)


class Tabulation:
    """One RCTab tabulation (one pass): candidates by index, ``names`` for ties and reports."""

    def __init__(
        self,
        names: Sequence[str],
        groups: list[PaperGroup],
        options: RCTabOptions,
        seats: int,
        *,
        excluded: frozenset[int] = frozenset(),
        write_in: int | None = None,
        policy: TieBreaker | None = None,
        candidates: Sequence[Candidate] = (),
    ) -> None:
        self.names = list(names)
        self.groups = groups
        self.o = options
        self.seats = seats
        self.excluded = excluded
        self.write_in = write_in
        self.winner_round: dict[int, int] = {}
        self.eliminated_round: dict[int, int] = {}
        self.rounds: list[RoundRecord] = []
        self.residual = Fraction(0)
        self.multi = seats > 1
        self.uses_surpluses = self.multi and options.election_mode != "bottoms-up"
        declared = [n for i, n in enumerate(names) if i != write_in]
        self.ties = RCTabTies(
            options.tiebreak_mode, options.random_seed, declared,
            policy=policy, candidates={c.name: c for c in candidates},
        )
        self.num_candidates = len(names) - len(excluded)
        self.num_declared = len(declared)

    # -- status -----------------------------------------------------------------------------

    def continuing(self, c: int | str) -> bool:
        if not isinstance(c, int) or c in self.excluded or c in self.eliminated_round:
            return False
        if c in self.winner_round:
            return self.o.continue_until_two
        return True

    @property
    def round_number(self) -> int:
        return len(self.rounds)

    # -- the loop ---------------------------------------------------------------------------

    def run(self) -> list[RoundRecord]:
        while self._keep_going():
            record = self._tally()
            self.rounds.append(record)
            self._set_threshold(record)
            winners = self._winners(record)
            if winners:
                for c, _ in winners:
                    self.winner_round[c] = record.number
                record.elected.extend(winners)
                if self.uses_surpluses:
                    self._surpluses(record, [c for c, _ in winners])
            elif self._need_eliminations():
                out = (
                    self._write_ins(record)
                    or self._cutoff(record)
                    or self._batch(record)
                    or self._lowest(record)
                )
                for c, _ in out:
                    self.eliminated_round[c] = record.number
                record.eliminated.extend(out)
            if self.multi:
                self._winner_tallies(record)
        return self.rounds

    def _keep_going(self) -> bool:
        o, r = self.o, self.round_number
        if o.stop_after_round is not None and r >= o.stop_after_round:
            return False
        if len(self.winner_round) == self.num_declared and self.seats > self.num_candidates:
            return False
        if len(self.winner_round) < self.seats and not any(map(self.continuing, range(len(self.names)))):
            return False  # seats left but nobody to fill them (more seats than candidates standing)
        if o.continue_until_two:
            left = len(self.eliminated_round) + len(self.winner_round) + 1 < self.num_candidates
            return left or r in self.eliminated_round.values()
        if o.election_mode == "bottoms-up-threshold":
            return not self.winner_round
        return len(self.winner_round) < self.seats or (
            self.uses_surpluses and r in self.winner_round.values()
        )

    def _need_eliminations(self) -> bool:
        return (
            len(self.winner_round) < self.seats
            or (self.o.continue_until_two and len(self.eliminated_round) < self.num_candidates - 2)
            or self.o.election_mode == "bottoms-up-threshold"
        )

    def _tally(self) -> RoundRecord:
        number = self.round_number + 1
        tally = {c: Fraction(0) for c in range(len(self.names)) if self.continuing(c)}
        statuses: dict[Status, Fraction] = {}
        transfers: dict[int, dict[int | str | None, Fraction]] = {}
        final = self.uses_surpluses and len(self.winner_round) == self.seats
        for g in self.groups:
            votes = g.value * g.papers
            if g.status != ACTIVE:
                statuses[g.status] = statuses.get(g.status, Fraction(0)) + votes
                continue
            if g.recipient is not None and self.continuing(g.recipient):
                tally[g.recipient] += votes
                statuses[ACTIVE] = statuses.get(ACTIVE, Fraction(0)) + votes
                continue
            choice, status = read_paper(g.ranks, self.continuing, self.o, final_surplus=final)
            if votes > 0 and g.recipient is not None:
                moved = transfers.setdefault(g.recipient, {})
                moved[choice] = moved.get(choice, Fraction(0)) + votes
            g.recipient = choice
            g.status = status
            statuses[status] = statuses.get(status, Fraction(0)) + votes
            if choice is not None:
                tally[choice] += votes
        return RoundRecord(number, tally, Fraction(0), statuses, transfers)

    def _active(self, record: RoundRecord) -> Fraction:
        return record.statuses.get(ACTIVE, Fraction(0)) + record.statuses.get(FINAL_SURPLUS, Fraction(0))

    def _set_threshold(self, record: RoundRecord) -> None:
        o = self.o
        if self.multi:
            recompute = record.number == 1
        elif record.number == 1:
            recompute = True
        elif o.first_round_threshold:
            recompute = False
        elif o.continue_until_two:
            recompute = not self.winner_round
        else:
            recompute = True
        if not recompute:
            record.threshold = self.rounds[-2].threshold
            return
        total = self._active(record)
        if o.election_mode == "bottoms-up-threshold":
            assert o.bottoms_up_percentage is not None
            record.threshold = total * o.bottoms_up_percentage / 100
            return
        places = o.places if o.non_integer_threshold else 0
        if o.hare_quota:
            record.threshold = _up(total / self.seats, places)
        else:
            record.threshold = _down(total / (self.seats + 1), places) + Fraction(1, 10**places)

    def _ordered(self, record: RoundRecord) -> list[int]:
        """Candidates in the tally, highest first, then in the configuration's order."""
        return sorted(record.tally, key=lambda c: (-record.tally[c], c))

    def _winners(self, record: RoundRecord) -> list[tuple[int, str]]:
        tally, o = record.tally, self.o
        if self.write_in is not None and tally.get(self.write_in, 0) != 0:
            return []
        if o.election_mode == "bottoms-up-threshold":
            over = [c for c in tally if tally[c] > record.threshold]
            if len(over) == len(tally):
                why = "every continuing candidate is above the threshold"
                return [(c, why) for c in self._ordered(record)]
            return []
        unfilled = self.seats - len(self.winner_round)
        chosen: list[int] = []
        why = "reached the threshold"
        if unfilled > 0:
            if len(tally) <= unfilled:
                chosen, why = self._ordered(record), "no more candidates continue than seats unfilled"
            elif o.first_round_threshold and len(tally) - 1 == self.seats:
                top = max(tally.values())
                chosen = [c for c in tally if tally[c] == top]
                why = "the most votes, with one more continuing than seats"
            elif o.election_mode != "bottoms-up":
                at = record.threshold
                chosen = [c for c in self._ordered(record) if tally[c] >= at and c != self.write_in]
        several = len(chosen) > 1 and (o.election_mode == "one-winner-per-round" or o.first_round_threshold)
        last_two = self.seats == 1 and not chosen and len(tally) == 2 and unfilled == 1
        if several or last_two:
            top = max(tally.values())
            chosen = [c for c in tally if tally[c] == top]
            why = "the most votes" if last_two else "the most votes (one winner per round)"
            if len(chosen) > 1:
                c, reason = self._tie(chosen, winner=True, record=record)
                return [(c, f"{why}, tied; {reason}")]
        return [(c, why) for c in chosen]

    def _tie(self, tied: list[int], *, winner: bool, record: RoundRecord) -> tuple[int, str]:
        index = {self.names[c]: c for c in tied}
        history = [{self.names[c]: v for c, v in r.tally.items()} for r in self.rounds[:-1]]
        name, reason = self.ties.choose(
            list(index), winner=winner, round_number=record.number, history=history
        )
        record.ties.append((winner, tied, index[name], reason))
        return index[name], reason

    def _surpluses(self, record: RoundRecord, winners: list[int]) -> None:
        places = self.o.places
        for w in winners:
            votes = record.tally[w]
            extra = votes - record.threshold
            fraction = _down(extra / votes, places) if extra > 0 else Fraction(0)
            for g in self.groups:
                if g.recipient == w:
                    value = g.value
                    moving = _down(value * fraction, places)
                    g.held[w] = value - moving

    def _winner_tallies(self, record: RoundRecord) -> None:
        previous = self.rounds[-2].tally if len(self.rounds) > 1 else {}
        fresh = [w for w, r in self.winner_round.items() if r == record.number - 1]
        for w, r in self.winner_round.items():
            if r == record.number:
                continue
            if r == record.number - 1:
                kept = (g.held.get(w, Fraction(0)) * g.papers for g in self.groups)
                record.tally[w] = sum(kept, Fraction(0))
            else:
                record.tally[w] = previous[w]
        for w in fresh:
            residual = record.tally[w] - record.threshold
            if residual > 0:
                self.residual += residual
                record.tally[w] = record.threshold
                moved = record.transfers.setdefault(w, {})
                moved[RESIDUAL] = moved.get(RESIDUAL, Fraction(0)) + residual

    # -- eliminations -----------------------------------------------------------------------

    def _write_ins(self, record: RoundRecord) -> list[tuple[int, str]]:
        w = self.write_in
        if w is not None and record.tally.get(w, Fraction(0)) > 0:
            return [(w, "undeclared write-ins are eliminated first, in a round of their own")]
        return []

    def _cutoff(self, record: RoundRecord) -> list[tuple[int, str]]:
        if not self.o.cutoff_elimination:
            return []
        below = [c for c in self._ordered(record) if record.tally[c] < record.threshold]
        return [(c, "below the threshold (cutoff elimination)") for c in below]

    def _batch(self, record: RoundRecord) -> list[tuple[int, str]]:
        if not self.o.batch_elimination:
            return []
        levels: dict[Fraction, list[int]] = {}
        for c in record.tally:
            levels.setdefault(record.tally[c], []).append(c)
        running = Fraction(0)
        seen: list[int] = []
        out: list[int] = []
        before: list[int] = []
        for votes in sorted(levels):
            if running < votes:
                new = [c for c in seen if c not in out]
                if new:
                    before, out = out, out + new
            running += votes * len(levels[votes])
            seen.extend(levels[votes])
        if self.o.continue_until_two and len(out) + len(self.eliminated_round) == self.num_candidates - 1:
            out = before
        if len(out) <= 1:
            return []
        return [(c, "batch elimination: with every lower candidate's votes, still fewer than the next")
                for c in out]

    def _lowest(self, record: RoundRecord) -> list[tuple[int, str]]:
        low = min(record.tally.values())
        tied = [c for c in record.tally if record.tally[c] == low]
        if len(tied) == 1:
            return [(tied[0], "the fewest votes")]
        c, reason = self._tie(tied, winner=False, record=record)
        return [(c, f"the fewest votes, tied; {reason}")]


def tabulate(
    candidates: Sequence[Candidate],
    groups: list[PaperGroup],
    options: RCTabOptions,
    seats: int,
    *,
    excluded: frozenset[int] = frozenset(),
    write_in: int | None = None,
    policy: TieBreaker | None = None,
) -> list[RoundRecord]:
    """Run one RCTab tabulation; the rounds as RCTab reports them. ``policy`` breaks ties
    when the options' ``tiebreak_mode`` is ``"policy"``."""
    if not candidates:
        raise RuleError("an RCTab count needs candidates")
    names = [c.name for c in candidates]
    return Tabulation(
        names, groups, options, seats, excluded=excluded, write_in=write_in,
        policy=policy, candidates=candidates,
    ).run()


__all__ = ["RESIDUAL", "RoundRecord", "Tabulation", "tabulate"]
