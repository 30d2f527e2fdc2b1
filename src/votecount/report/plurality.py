"""The sheet of a one-round count without a quota (first-past-the-post, block vote, limited
vote, SNTV), as a declaration of the result lists it: the candidates by votes, most first,
each with what happened to them — elected; skipped, and for which seat constraint; or not
elected — under the election's name.

A skipped candidate's event (``rules/plurality.py``) gives the constraint in its reason;
the sheet names the constraints the count was made with (``options["constraints"]``) that
the reason cites, so the status column reads "skipped: at least 5 of gender=F".
"""

from __future__ import annotations

from collections.abc import Sequence

from votecount.candidates import Candidate
from votecount.numbers import Number
from votecount.report.protocols import SheetEvent, SheetResult
from votecount.report.stages import (
    order_of_election,
    rule_note,
    seats_text,
    section_rows,
    sheet_warnings,
    stage_columns,
    with_truncation_note,
)
from votecount.report.table import Outcome, Row, Table

RULE_NAMES = {
    "fptp": "First past the post",
    "block": "Block vote",
    "limited": "Limited vote",
    "sntv": "Single non-transferable vote",
}


def is_plurality(result: SheetResult) -> bool:
    """A count of one round with no quota: its sheet is a list by votes."""
    return len(result.rounds) == 1 and result.quota is None


def status(event: SheetEvent | None, constraints: Sequence[str]) -> tuple[str, Outcome]:
    """What happened to a candidate, from their event (``None``: the seats were filled first)."""
    if event is None or event.action not in ("elected", "not elected", "withdrawn"):
        return "not elected", "not elected"
    if event.action == "elected":
        return "elected", "elected"
    if event.action == "withdrawn":
        return "withdrawn", "withdrawn"
    _, skipped, why = event.reason.partition("skipped: ")
    if not skipped:
        return "not elected", "not elected"
    cited = [k for k in constraints if k in why]
    return "skipped: " + ("; ".join(cited) if cited else why), "skipped"


def build(result: SheetResult) -> Table:
    """The table of a one-round count, by votes."""
    (only,) = result.rounds
    columns = stage_columns(result.rounds)
    constraints = [str(k) for k in result.options.get("constraints", ())]
    events: dict[Candidate, SheetEvent] = {e.candidate: e for e in only.events}
    withdrawn = set(result.withdrawn)
    order = {c: i for i, c in enumerate(result.candidates)}

    def by_votes(cand: Candidate) -> tuple[bool, Number, int]:
        votes = only.votes.get(cand)
        return (votes is None, -(votes or 0), order[cand])

    rows = []
    for cand in sorted(result.candidates, key=by_votes):
        words, outcome = status(events.get(cand), constraints)
        if cand in withdrawn:
            words, outcome = "withdrawn", "withdrawn"
        rows.append(Row(cand.name, (only.votes.get(cand),), "candidate", words, outcome))
        rows.extend(section_rows(cand, columns, result.rounds))
    rows.append(Row("Total", (only.total,), "total"))

    notes = [rule_note(result)]
    notes.extend(f"Warning: {w}" for w in sheet_warnings(result))
    notes.extend(f"Withdrawn: {cand.name}" for cand in result.withdrawn)
    notes.extend(str(e) for e in only.events if e.action not in ("elected", "withdrawn"))
    notes.extend(str(tie) for tie in result.ties)
    notes.extend(result.notes)
    name = RULE_NAMES.get(result.rule, result.rule)
    facts: list[tuple[str, Number | str]] = [
        ("Rule", f"{name} ({result.rule})"),
        ("Seats", str(result.seats)),
        ("Valid poll", result.valid_poll),
    ]
    table = Table(
        title=result.title or f"{name}, {seats_text(result.seats)}",
        label_heading="Candidate",
        columns=columns,
        rows=tuple(rows),
        facts=tuple(facts),
        elected=order_of_election(result),
        notes=tuple(notes),
        places=result.places,
    )
    return with_truncation_note(table)


__all__: Sequence[str] = ["RULE_NAMES", "build", "is_plurality", "status"]
