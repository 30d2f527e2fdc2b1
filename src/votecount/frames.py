"""A result as pandas DataFrames (the ``frames`` extra: ``pip install 'votecount[frames]'``).

- :func:`rounds`: one row per stage and candidate (votes, change, quota, decision), the
  shape to pivot, plot or join with other data;
- :func:`transfers`: one row per transfer and destination (a candidate, the non-transferable
  papers, or the votes lost to fractions).

Figures are floats by default, as analysis wants them; ``exact=True`` keeps the count's own
values (``int``, ``Fraction`` or ``Decimal``) in object columns, for checking sums exactly.
A frame is built from the result alone (through the protocols of :mod:`votecount.chart_data`),
and nothing here decides anything.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from votecount.chart_data import LOST, NON_TRANSFERABLE, ChartedResult
from votecount.numbers import Number

ROUND_COLUMNS = ("stage", "description", "candidate", "votes", "change", "quota", "decision", "reason")
TRANSFER_COLUMNS = ("stage", "source", "kind", "papers", "transfer_value", "to", "votes")


def _value(value: Number | None, exact: bool) -> Any:
    if value is None:
        return None if exact else float("nan")
    return value if exact else float(value)


def rounds(result: ChartedResult, *, exact: bool = False) -> pd.DataFrame:
    """One row per stage and candidate, in the count's order.

    ``decision`` is ``"elected"``, ``"excluded"`` or ``"not elected"`` at the stage where the
    rule decided it (else empty), with the rule's ``reason``.
    """
    rows = []
    for r in result.rounds:
        decided = {e.candidate: e for e in r.events}
        for cand, votes in r.votes.items():
            event = decided.get(cand)
            rows.append(
                (
                    r.number,
                    r.description,
                    cand.name,
                    _value(votes, exact),
                    _value(r.changes.get(cand, 0), exact),
                    _value(r.quota, exact),
                    event.action if event else "",
                    event.reason if event else "",
                )
            )
    return _frame(rows, ROUND_COLUMNS, exact, numbers=("votes", "change", "quota"))


def transfers(result: ChartedResult, *, exact: bool = False) -> pd.DataFrame:
    """One row per transfer and destination: who gained what from whose papers."""
    rows = []
    for r in result.rounds:
        for t in r.transfers:
            value = _value(t.transfer_value, exact)
            head = (r.number, t.source.name, t.kind, _value(t.papers, exact), value)
            rows += [(*head, cand.name, _value(v, exact)) for cand, v in t.votes.items()]
            if t.exhausted:
                rows.append((*head, NON_TRANSFERABLE, _value(t.exhausted, exact)))
            if t.lost:
                rows.append((*head, LOST, _value(t.lost, exact)))
    return _frame(rows, TRANSFER_COLUMNS, exact, numbers=("papers", "transfer_value", "votes"))


def _frame(
    rows: list[tuple[Any, ...]], columns: tuple[str, ...], exact: bool, numbers: tuple[str, ...]
) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=list(columns))
    if exact:
        return frame.astype({c: object for c in numbers})
    return frame.astype({c: "float64" for c in numbers})


__all__ = ["rounds", "transfers"]
