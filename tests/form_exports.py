"""Exports as form services and spreadsheets write them, made from known rankings.

Each maker takes the rankings (candidate names, most preferred first) and writes the table a
voter-facing form would export for them: the expected profile is the rankings themselves, so a
test compares what was read with what was written, not with a figure copied from the reader.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

CANDIDATES = ("Alice Moore", "Bob Li", "Carol King", "Dan Ode")
RANKINGS: tuple[tuple[str, ...], ...] = (
    ("Alice Moore", "Bob Li", "Carol King"),
    ("Bob Li", "Alice Moore"),
    ("Carol King", "Dan Ode", "Bob Li", "Alice Moore"),
    ("Alice Moore", "Carol King"),
    ("Dan Ode",),
    ("Bob Li", "Carol King", "Alice Moore"),
)
ORDINALS = ("1st", "2nd", "3rd", "4th")


def table(rows: Sequence[Sequence[object]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def stamp(k: int) -> str:
    return f"2026/03/0{1 + k % 3} 10:{k:02d}:{(7 * k) % 60:02d} am GMT"


def position_columns(rankings: Sequence[Sequence[str]] = RANKINGS) -> list[list[object]]:
    """A form asking ``1st choice``, ``2nd choice``... with a drop-down of names each."""
    rows: list[list[object]] = [["Timestamp", "Email Address", *(f"{o} choice" for o in ORDINALS)]]
    for k, ranking in enumerate(rankings):
        rows.append([stamp(k), f"voter{k}@example.org", *ranking, *[""] * (4 - len(ranking))])
    return rows


def candidate_grid(rankings: Sequence[Sequence[str]] = RANKINGS) -> list[list[object]]:
    """A ranking grid, one column per candidate, holding ``1st choice``, ``2nd choice``..."""
    question = "Rank the candidates in order of preference"
    rows: list[list[object]] = [["Timestamp", *(f"{question} [{c}]" for c in CANDIDATES)]]
    for k, ranking in enumerate(rankings):
        cells = [f"{ORDINALS[ranking.index(c)]} choice" if c in ranking else "" for c in CANDIDATES]
        rows.append([stamp(k), *cells])
    return rows


def rank_grid(rankings: Sequence[Sequence[str]] = RANKINGS) -> list[list[object]]:
    """A ranking grid, one column per rank, holding names."""
    rows: list[list[object]] = [["Timestamp", "Username", *(f"Your ranking [{o} choice]" for o in ORDINALS)]]
    for k, ranking in enumerate(rankings):
        rows.append([stamp(k), f"voter{k}@example.org", *ranking, *[""] * (4 - len(ranking))])
    return rows


def voter_choices(rankings: Sequence[Sequence[str]] = RANKINGS) -> list[list[object]]:
    """A spreadsheet kept by hand: ``Voter, Choice 1, Choice 2, ...``."""
    rows: list[list[object]] = [["Voter", "Precinct", *(f"Choice {k}" for k in range(1, 5))]]
    for k, ranking in enumerate(rankings):
        rows.append([f"V{100 + k}", f"North {k % 2}", *ranking, *[""] * (4 - len(ranking))])
    return rows


LAYOUTS = {
    "position columns": position_columns,
    "candidate grid": candidate_grid,
    "rank grid": rank_grid,
    "voter choices": voter_choices,
}
