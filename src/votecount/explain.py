"""Why a candidate was elected or not, said in words: :func:`explain` and :class:`Explanation`.

The count sheet answers "why did she lose?" only with the rule's reason ("lowest votes").
An explanation follows one candidate through the count as a returning officer would tell it
at the declaration: at each stage while they stood, their votes and what changed them; the
quota and how far they were from it; their place among the candidates still standing and
the margins to the candidates either side of them; the decision and the rule's reason for
it; then where their papers went (a surplus or an exclusion) and any tie they were in.

The figures are the result's own, printed as the count sheet prints them
(:func:`~votecount.numbers.format_number`, at the rule's places). Like the sheet, this
module reads a result through the protocols below and never imports
:mod:`votecount.result`: ``Result.explain`` hands itself here.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

import attrs

from votecount.candidates import Candidate
from votecount.names import find_candidate
from votecount.numbers import Number, exact_decimals, format_number
from votecount.report.protocols import SheetEvent, SheetResult, SheetRound, SheetTransfer

# A result is read through the count sheet's protocols: the same view of a result, kept once.
ExplainedEvent = SheetEvent
ExplainedTransfer = SheetTransfer
ExplainedRound = SheetRound
ExplainedResult = SheetResult


@attrs.frozen(repr=False)
class Explanation:
    """One candidate's way through a count, in words.

    ``outcome`` is ``"elected"``, ``"excluded"``, ``"withdrawn"`` or ``"not elected"``;
    ``summary`` the one-sentence answer; ``details`` the stage-by-stage account. Its ``str``
    and ``repr`` are the text, so that a REPL prints it as it reads.
    """

    candidate: Candidate
    outcome: str
    summary: str
    details: tuple[str, ...]

    def __str__(self) -> str:
        return "\n".join([self.summary, *(f"- {line}" for line in self.details)])

    __repr__ = __str__

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(line)}</li>" for line in self.details)
        return f"<p>{html.escape(self.summary)}</p><ul>{items}</ul>"


def explain(result: ExplainedResult, name: str | Candidate) -> Explanation:
    """Why the candidate ``name`` (any unambiguous part of it, any case) was elected or not."""
    candidate = find_candidate(result.candidates, name)
    with exact_decimals(result.valid_poll):
        return _Explainer(result, candidate).explanation()


@attrs.define
class _Explainer:
    result: ExplainedResult
    candidate: Candidate

    def number(self, value: Number, *, signed: bool = False) -> str:
        return format_number(value, self.result.places, signed=signed)

    def explanation(self) -> Explanation:
        outcome, stage, reason = self.decision()
        details: list[str] = []
        if outcome != "withdrawn":
            for r in self.result.rounds:
                if stage is None or r.number <= stage:
                    details.append(self.stage_line(r))
                details.extend(self.papers_out(r))
        name = self.candidate.name
        details += [str(tie) for tie in self.result.ties if name in str(tie)]
        return Explanation(self.candidate, outcome, self.summary(outcome, stage, reason), tuple(details))

    def decision(self) -> tuple[str, int | None, str]:
        """The candidate's outcome, the stage it was decided at and the rule's reason."""
        if self.candidate in self.result.withdrawn:
            return "withdrawn", None, ""
        passed_over = ""
        for r in self.result.rounds:
            for event in r.events:
                if event.candidate == self.candidate and event.action in ("elected", "excluded"):
                    return event.action, r.number, event.reason
                if event.candidate == self.candidate and event.action == "not elected":
                    passed_over = event.reason
        return "not elected", None, passed_over

    def summary(self, outcome: str, stage: int | None, reason: str) -> str:
        name = self.candidate.name
        rounds = self.result.rounds
        at = f" at stage {stage}" if stage is not None and len(rounds) > 1 else ""
        if outcome == "withdrawn":
            return f"{name} withdrew before the count: their preferences were passed over."
        if outcome == "elected":
            place = list(self.result.elected).index(self.candidate) + 1
            seats = self.result.seats
            if seats == 1:
                return f"{name} was elected{at}: {reason}."
            return (
                f"{name} was elected{at}, {_ordinal(place)} of the {seats} "
                f"seat{'s' if seats != 1 else ''}: {reason}."
            )
        if outcome == "excluded":
            return f"{name} was excluded{at}: {reason}."
        votes = rounds[-1].votes.get(self.candidate, 0) if rounds else 0
        last = self.last_elected()
        if last is None:
            return f"{name} was not elected" + (f": {reason}." if reason else ".")
        margin = _minus(rounds[-1].votes.get(last, 0), votes)
        if margin >= 0:
            versus = f"{self.number(margin)} behind {last.name}"
        else:
            versus = f"{self.number(_minus(0, margin))} ahead of {last.name}"
        who = "who was elected" if len(self.result.elected) == 1 else "the last elected"
        return (
            f"{name} was not elected: {self.number(votes)} votes at the end of the count, "
            f"{versus}, {who}" + (f"; {reason}." if reason else ".")
        )

    def last_elected(self) -> Candidate | None:
        return self.result.elected[-1] if self.result.elected else None

    def continuing(self, r: ExplainedRound) -> list[Candidate]:
        """The candidates standing in round ``r``: not withdrawn, not elected in an earlier
        round, nor excluded in this one or before (their papers are what moves)."""
        decided = {
            e.candidate
            for earlier in self.result.rounds
            for e in earlier.events
            if (e.action == "elected" and earlier.number < r.number)
            or (e.action == "excluded" and earlier.number <= r.number)
        }
        out = [c for c in r.votes if c not in decided and c not in self.result.withdrawn]
        return sorted(out, key=lambda c: -r.votes[c])

    def stage_line(self, r: ExplainedRound) -> str:
        """``Stage n (description): votes (change, from where); quota; place and margins.``"""
        cand = self.candidate
        label = f"Stage {r.number} ({r.description})" if len(self.result.rounds) > 1 else r.description
        decided = [f"{e.action}: {e.reason}" for e in r.events if e.candidate == cand]
        if any(t.source == cand and t.kind != "surplus" for t in r.transfers):
            return f"{label}: " + "; ".join(decided or ["their papers moved"])  # standing: the stage before
        votes = r.votes.get(cand, 0)
        parts = [f"{self.number(votes)} votes"]
        change = r.changes.get(cand)
        if change:
            sources = list(dict.fromkeys(_source(t) for t in r.transfers if t.votes.get(cand)))
            where = f" from {', '.join(sources)}" if sources else ""
            parts[0] += f" ({self.number(change, signed=True)}{where})"
        if r.quota is not None:
            gap = _minus(votes, r.quota)
            if gap >= 0:
                parts.append(f"the quota {self.number(r.quota)} reached" + (
                    f", {self.number(gap)} over" if gap else ""))
            else:
                parts.append(f"{self.number(-gap)} short of the quota {self.number(r.quota)}")
        parts.append(self.standing(r))
        parts += decided
        return f"{label}: " + "; ".join(p for p in parts if p)

    def standing(self, r: ExplainedRound) -> str:
        """Place among the continuing candidates and the margins to the neighbours."""
        order = self.continuing(r)
        if self.candidate not in order or len(order) < 2:
            return ""
        i = order.index(self.candidate)
        votes = r.votes[self.candidate]
        place = "top" if i == 0 else "lowest" if i == len(order) - 1 else _ordinal(i + 1)
        margins = []
        if i > 0:
            above = order[i - 1]
            margins.append(f"{self.number(_minus(r.votes[above], votes))} behind {above.name}")
        if i < len(order) - 1:
            below = order[i + 1]
            margins.append(f"{self.number(_minus(votes, r.votes[below]))} ahead of {below.name}")
        return f"{place} of {len(order)} standing, " + " and ".join(margins)

    def papers_out(self, r: ExplainedRound) -> list[str]:
        """Where the candidate's papers went in round ``r``, largest share first: the parcels
        of one surplus or exclusion (papers at different transfer values) added together."""
        mine = [t for t in r.transfers if t.source == self.candidate]
        if not mine:
            return []
        gains: dict[str, Number] = {}
        for t in mine:
            for c, v in t.votes.items():
                gains[c.name] = _plus(gains.get(c.name, 0), v)
        went = [f"{name} {self.number(v)}" for name, v in sorted(gains.items(), key=lambda kv: -kv[1]) if v]
        for label, value in (("non-transferable", _total(t.exhausted for t in mine)),
                             ("lost to fractions", _total(t.lost for t in mine))):  # fmt: skip
            if value:
                went.append(f"{label} {self.number(value)}")
        papers = _total(t.papers for t in mine)
        valued = [t.transfer_value for t in mine if t.transfer_value is not None]
        values = list(dict.fromkeys(self.number(v) for v in valued))
        at = f" at transfer value{'s' if len(values) > 1 else ''} {', '.join(values)}" if values else ""
        what = "surplus" if all(t.kind == "surplus" for t in mine) else "papers"
        count = f"{format_number(papers)} paper{'s' if papers != 1 else ''}"
        return [f"Stage {r.number}: their {what} ({count}{at}) went to " + (", ".join(went) or "nobody")]


def _plus(a: Number, b: Number) -> Number:
    left: Any = a
    return left + b  # type: ignore[no-any-return]


def _total(values: Iterable[Number]) -> Number:
    total: Number = 0
    for value in values:
        total = _plus(total, value)
    return total


def _minus(a: Number, b: Number) -> Number:
    """``a - b``: a count's figures are all of one type (int, Fraction or Decimal)."""
    left: Any = a
    return left - b  # type: ignore[no-any-return]


def _source(transfer: ExplainedTransfer) -> str:
    name = transfer.source.name
    return f"{name}'s surplus" if transfer.kind == "surplus" else f"{name}'s papers"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


__all__ = ["ExplainedResult", "Explanation", "explain"]
