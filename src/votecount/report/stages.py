"""The sheet of a count in stages (STV, the alternative vote, electoral colleges), laid out
as returning officers publish it: the candidates in ballot-file order as rows, then the
papers that became non-transferable, the votes lost to fractions and the total; one column
for the first stage's votes and, from the second stage on, two for each stage, the transfers
made at it and the totals at its end. Elected and excluded candidates are marked with their
stage, and the notes say what each stage did, at which transfer values, and why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from votecount.candidates import Candidate
from votecount.numbers import Number, format_number
from votecount.report.protocols import SheetResult, SheetRound, SheetTransfer
from votecount.report.table import Column, Elected, Outcome, Row, Table, truncation_note
from votecount.validation import ValidationReport, ValidationWarning, plausibility_warnings

# The rows of papers out of the count: label, the round's running total, its change.
PAPER_ROWS: tuple[tuple[str, str, str], ...] = (
    ("Non-transferable", "exhausted", "exhausted_change"),
    ("Lost to fractions", "lost_to_fractions", "lost_change"),
)


def stage_columns(rounds: Sequence[SheetRound]) -> tuple[Column, ...]:
    """One column for a single count; else the first stage's votes, then a transfers and a
    total column for each later stage."""
    if len(rounds) == 1:
        return (Column("Votes", "", "votes", rounds[0].number, rounds[0].description),)
    columns = []
    for r in rounds:
        if r.number > 1:
            columns.append(Column(f"Stage {r.number}", "transfers", "change", r.number, r.description))
            columns.append(Column("", "total", "total", r.number, r.description))
        else:
            columns.append(Column(f"Stage {r.number}", "votes", "votes", r.number, r.description))
    return tuple(columns)


Figure = Callable[[SheetRound], Number | None]


def _figures(
    columns: Sequence[Column], rounds: Sequence[SheetRound], total: Figure, change: Figure | None
) -> tuple[Number | None, ...]:
    """A row's figures: ``total(round)`` in votes and total columns, ``change(round)`` in
    transfers columns (each a callable, or None for an empty cell)."""
    by_number = {r.number: r for r in rounds}
    out: list[Number | None] = []
    for c in columns:
        getter = change if c.kind == "change" else total
        out.append(getter(by_number[c.stage]) if getter is not None else None)
    return tuple(out)


def _votes_of(cand: Candidate) -> Figure:
    return lambda r: r.votes.get(cand)


def _change_of(cand: Candidate) -> Figure:
    return lambda r: r.changes.get(cand)


def _field(name: str) -> Figure:
    return lambda r: getattr(r, name)


def _section_of(section: str, cand: Candidate) -> Figure:
    return lambda r: (r.sections or {}).get(section, {}).get(cand)


def build(result: SheetResult) -> Table:
    """The table of a count in stages."""
    places = result.places
    rounds = result.rounds
    multi = len(rounds) > 1
    columns = stage_columns(rounds)
    status = outcomes(result)
    rows: list[Row] = []
    for cand in result.candidates:
        words, outcome, decided = status.get(cand, ("", "standing", None))
        figures = _figures(columns, rounds, _votes_of(cand), _change_of(cand))
        rows.append(Row(cand.name, figures, "candidate", words, outcome, decided))
        rows.extend(section_rows(cand, columns, rounds))
    for label, total_field, change_field in PAPER_ROWS:
        if any(getattr(r, total_field) for r in rounds):
            figures = _figures(columns, rounds, _field(total_field), _field(change_field))
            rows.append(Row(label, figures, "papers"))
        if total_field == "exhausted":
            rows.extend(inactive_rows(columns, rounds))
    rows.append(Row("Total", _figures(columns, rounds, lambda r: r.total, None), "total"))
    varying_quota = len({r.quota for r in rounds if r.quota is not None}) > 1
    if varying_quota:
        rows.append(Row("Quota", _figures(columns, rounds, lambda r: r.quota, None), "quota"))

    notes = [rule_note(result)]
    notes.extend(f"Warning: {w}" for w in sheet_warnings(result))
    if varying_quota:
        notes.append("Quota: ascertained afresh at every stage (the Quota row)")
    elif result.quota is not None:
        notes.append(f"Quota: {format_number(result.quota, places)}")
    notes.extend(f"Withdrawn: {cand.name}" for cand in result.withdrawn)
    for r in rounds:
        what = [r.description] if multi else []
        valued = [t for t in r.transfers if t.transfer_value is not None]
        if any(t.transfer_value != 1 for t in valued):
            what.append(transfer_note(valued, places))
        what += [str(event) for event in r.events]
        if what:
            notes.append(f"Stage {r.number}: " + "; ".join(what))
    notes.extend(str(tie) for tie in result.ties)
    notes.extend(result.notes)

    facts: list[tuple[str, Number | str]] = [("Rule", result.rule), ("Seats", str(result.seats))]
    facts.append(("Valid poll", result.valid_poll))
    if result.quota is not None and not varying_quota:
        facts.append(("Quota", result.quota))
    table = Table(
        title=result.title or default_title(result),
        label_heading="Candidate",
        columns=columns,
        rows=tuple(rows),
        facts=tuple(facts),
        elected=order_of_election(result),
        notes=tuple(notes),
        places=places,
    )
    return with_truncation_note(table)


def with_truncation_note(table: Table) -> Table:
    note = truncation_note(table)
    return attrs.evolve(table, notes=(*table.notes, note)) if note else table


def default_title(result: SheetResult) -> str:
    """A sheet's title when the ballot file gives the election none: the rule and seats."""
    return f"Count by {result.rule}, {seats_text(result.seats)}"


def seats_text(seats: int) -> str:
    return f"{seats} seat{'s' if seats != 1 else ''}"


def rule_note(result: SheetResult) -> str:
    return f"Rule: {result.rule}; {seats_text(result.seats)}; valid poll {format_number(result.valid_poll)}"


def section_rows(cand: Candidate, columns: Sequence[Column], rounds: Sequence[SheetRound]) -> list[Row]:
    """Under a candidate, one row per electoral-college section: its part of the votes."""
    names: dict[str, None] = {}
    for r in rounds:
        names.update(dict.fromkeys(r.sections or {}))
    return [
        Row(
            f"  {name}",
            _figures(columns, rounds, _section_of(name, cand), None),
            "section",
        )
        for name in names
    ]


def inactive_rows(columns: Sequence[Column], rounds: Sequence[SheetRound]) -> list[Row]:
    """Where a rule says why papers left the count (a round's optional ``inactive``: RCTab's
    overvotes, skipped rankings, exhausted choices...), one row per reason under the
    non-transferable row, each stage's value of those papers: a breakdown, not added again."""
    names: dict[str, None] = {}
    for r in rounds:
        names.update(dict.fromkeys(getattr(r, "inactive", None) or {}))
    return [
        Row(f"  of which {name}", _figures(columns, rounds, _inactive_of(name), None), "detail")
        for name in names
    ]


def _inactive_of(name: str) -> Figure:
    return lambda r: (getattr(r, "inactive", None) or {}).get(name, 0)


def transfer_note(transfers: Sequence[SheetTransfer], places: int | None) -> str:
    """The papers moved at each transfer value: "transfer values: 10 papers at 1.00000, 3 at
    0.16230", each source named where a stage moves papers from several."""
    sources: dict[Candidate, list[SheetTransfer]] = {}
    for t in transfers:
        sources.setdefault(t.source, []).append(t)
    parts = []
    for source, moved in sources.items():
        values = []
        for k, t in enumerate(moved):
            papers = "" if k else (" paper" if t.papers == 1 else " papers")
            values.append(f"{format_number(t.papers)}{papers} at {format_number(t.transfer_value, places)}")
        named = f"{source.name}: " if len(sources) > 1 else ""
        parts.append(named + ", ".join(values))
    return "transfer values: " + "; ".join(parts)


DECISIONS: dict[str, Outcome] = {"elected": "elected", "excluded": "excluded", "withdrawn": "withdrawn"}


def outcomes(result: SheetResult) -> dict[Candidate, tuple[str, Outcome, int | None]]:
    """Each decided candidate's status column (``elected (stage 7)``), outcome and stage."""
    status: dict[Candidate, tuple[str, Outcome, int | None]] = {}
    for r in result.rounds:
        for event in r.events:
            if event.action in DECISIONS:
                words = f"{event.action} (stage {r.number})"
                status[event.candidate] = (words, DECISIONS[event.action], r.number)
    for cand in result.withdrawn:
        status[cand] = ("withdrawn", "withdrawn", None)
    return status


def order_of_election(result: SheetResult) -> tuple[Elected, ...]:
    """The elected, in the order the count elected them, each with its stage and reason."""
    found: dict[Candidate, tuple[int, str]] = {}
    for r in result.rounds:
        for event in r.events:
            if event.action == "elected" and event.candidate not in found:
                found[event.candidate] = (r.number, event.reason)
    single = len(result.rounds) == 1
    out = []
    for cand in result.elected:
        stage, reason = found.get(cand, (None, ""))
        out.append(Elected(cand.name, None if single else stage, reason))
    return tuple(out)


def sheet_warnings(result: SheetResult) -> tuple[ValidationWarning, ...]:
    """The warnings a returning officer should see above the count: those the reader put in
    the validation report, and the implausible values of this count (more seats than
    candidates standing, enormous weights), each once."""
    standing = len(result.candidates) - len(result.withdrawn)
    profile = result.profile
    if profile is None:
        return plausibility_warnings(candidates=standing, seats=result.seats, weights=(), total=0)
    found = plausibility_warnings(
        candidates=standing,
        seats=result.seats,
        weights=(b.weight for b in profile.ballots),
        total=profile.total_weight,
    )
    report = profile.validation or ValidationReport(None, 0, 0)
    return report.with_warnings(found).warnings


__all__: Sequence[str] = [
    "build",
    "inactive_rows",
    "order_of_election",
    "outcomes",
    "sheet_warnings",
    "stage_columns",
]
