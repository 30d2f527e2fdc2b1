"""A result as RCTab's round-by-round JSON summary (the "Universal RCV Tabulator" format,
``jsonFormatVersion`` 1, that rcvis and rcvformats read).

The document RCTab writes as ``*_detailed_report.json``::

    {"config": {"contest", "date", "generatedBy", "jurisdiction", "office"},
     "jsonFormatVersion": "1",
     "results": [{"round", "tally": {name: votes}, "threshold",
                  "inactiveBallots": {"overvotes", "skippedRankings", "exhaustedChoices",
                                      "repeatedRankings"[, "finalRoundSurplus"]},
                  "tallyResults": [{"elected" | "eliminated": name,
                                    "transfers": {name | "exhausted" | "residual surplus": votes}}]}],
     "summary": {"finalThreshold", "numCandidates", "numWinners", "totalNumBallots", "undervotes"}}

Numbers are strings, as RCTab writes them. A round's ``tallyResults`` carry the transfers
that the round's decisions cause, which happen in the next round: votecount records them in
the round they move in, and this writer moves them back. A sequential multi-pass count is a
list of such documents, one per pass (:func:`urcvt_json`).

The writer reads a result through the attributes it uses, and imports nothing above it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from votecount.numbers import Number

CATEGORIES = {
    "overvotes": "overvotes",
    "skipped rankings": "skippedRankings",
    "exhausted choices": "exhaustedChoices",
    "repeated rankings": "repeatedRankings",
}
FINAL_SURPLUS = "final round surplus"
NO_RANKINGS = "did not rank any candidates"


def _number(value: Number | None) -> str:
    """A number in plain digits, never an exponent, without trailing zeros (RCTab prints
    a ``BigDecimal`` at the scale its arithmetic left it; the values are the same)."""
    if value is None:
        return ""
    if isinstance(value, Fraction):
        if value.denominator != 1:
            return str(Decimal(value.numerator) / Decimal(value.denominator))
        value = value.numerator
    return format(Decimal(value).normalize(), "f")


def _transfers(transfer: Any) -> dict[str, str]:
    moved = {c.name: _number(v) for c, v in transfer.votes.items() if v}
    if transfer.exhausted:
        moved["exhausted"] = _number(transfer.exhausted)
    if transfer.lost:
        moved["residual surplus"] = _number(transfer.lost)
    return moved


def urcvt_report(result: Any, contest: Mapping[str, str] | None = None) -> dict[str, Any]:
    """One count's summary as RCTab's JSON report (a ``dict`` ready for :mod:`json`).

    ``contest`` may give ``contest``, ``date``, ``jurisdiction`` and ``office`` (RCTab's
    ``outputSettings``); the contest name defaults to the result's title.
    """
    info = dict(contest or {})
    rounds = list(result.rounds)
    gone: set[Any] = set()
    out = []
    for i, r in enumerate(rounds):
        after = rounds[i + 1] if i + 1 < len(rounds) else None
        by_source = {t.source: t for t in after.transfers} if after is not None else {}
        actions = []
        for kind, who in (("elected", r.elected), ("eliminated", r.excluded)):
            for c in who:
                t = by_source.get(c)
                actions.append({kind: c.name, "transfers": _transfers(t) if t is not None else {}})
        inactive = getattr(r, "inactive", None) or {}
        ballots = {key: _number(inactive.get(name, 0)) for name, key in CATEGORIES.items()}
        if FINAL_SURPLUS in inactive and after is None:
            ballots["finalRoundSurplus"] = _number(inactive[FINAL_SURPLUS])
        out.append(
            {
                "inactiveBallots": ballots,
                "round": r.number,
                "tally": {c.name: _number(v) for c, v in r.votes.items() if c not in gone},
                "tallyResults": actions,
                "threshold": _number(r.quota),
            }
        )
        gone.update(r.excluded)
    first = (getattr(rounds[0], "inactive", None) or {}) if rounds else {}
    return {
        "config": {
            "contest": info.get("contest", result.title),
            "date": info.get("date", ""),
            "generatedBy": "votecount",
            "jurisdiction": info.get("jurisdiction", ""),
            "office": info.get("office", ""),
        },
        "jsonFormatVersion": "1",
        "results": out,
        "summary": {
            "finalThreshold": _number(rounds[-1].quota) if rounds else "",
            "numCandidates": len(result.candidates) + len(result.withdrawn),
            "numWinners": result.seats,
            "totalNumBallots": _number(result.valid_poll),
            "undervotes": int(first.get(NO_RANKINGS, 0)),
        },
    }


def urcvt_json(results: Sequence[Any], contest: Mapping[str, str] | None = None) -> str:
    """The JSON text: one report, or for several passes (RCTab's multi-pass IRV) a list."""
    reports = [urcvt_report(r, contest) for r in results]
    document: Any = reports[0] if len(reports) == 1 else reports
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)


__all__ = ["urcvt_json", "urcvt_report"]
