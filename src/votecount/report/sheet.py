"""A count sheet: the table of a count, round by round, as a returning officer lays it out.

Rows are the candidates (in ballot-file order), then non-transferable papers, votes lost to
fractions and the total; columns are the rounds. From the second round on each round has two
columns, the change in that round and the total at its end, like an official STV sheet.
Under the table: what each round did and why, and every tie and how it was broken.

The sheet reads a result through the protocols below, which name only what it prints. A
:class:`votecount.result.Result` meets them as it stands, and this module never imports it:
results sit above the report and ask it for their own ``str()``.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Mapping, Sequence
from typing import Protocol

import attrs

from votecount.candidates import Candidate
from votecount.errors import OptionError
from votecount.numbers import Number, Weight, exact_decimals, format_number
from votecount.validation import ValidationReport, ValidationWarning, plausibility_warnings


class SheetEvent(Protocol):
    """An election, exclusion or withdrawal: its ``str()`` is the sheet's note of it."""

    @property
    def action(self) -> str: ...

    @property
    def candidate(self) -> Candidate: ...


class SheetTransfer(Protocol):
    """Papers moved from one source at one value, as the sheet notes them."""

    @property
    def source(self) -> Candidate: ...

    @property
    def papers(self) -> Number: ...

    @property
    def transfer_value(self) -> Number | None: ...


class SheetRound(Protocol):
    """One round (stage): a column pair of the sheet and its note."""

    @property
    def number(self) -> int: ...

    @property
    def description(self) -> str: ...

    @property
    def votes(self) -> Mapping[Candidate, Number]: ...

    @property
    def changes(self) -> Mapping[Candidate, Number]: ...

    @property
    def exhausted(self) -> Number: ...

    @property
    def exhausted_change(self) -> Number: ...

    @property
    def lost_to_fractions(self) -> Number: ...

    @property
    def lost_change(self) -> Number: ...

    @property
    def total(self) -> Number: ...

    @property
    def quota(self) -> Number | None: ...

    @property
    def sections(self) -> Mapping[str, Mapping[Candidate, Number]] | None: ...

    @property
    def transfers(self) -> Sequence[SheetTransfer]: ...

    @property
    def events(self) -> Sequence[SheetEvent]: ...


class SheetBallot(Protocol):
    @property
    def weight(self) -> Weight: ...


class SheetProfile(Protocol):
    @property
    def ballots(self) -> Sequence[SheetBallot]: ...

    @property
    def total_weight(self) -> Weight: ...

    @property
    def validation(self) -> ValidationReport | None: ...


class SheetResult(Protocol):
    """What a count sheet reads from a result (see :class:`votecount.result.Result`)."""

    @property
    def title(self) -> str: ...

    @property
    def rule(self) -> str: ...

    @property
    def seats(self) -> int: ...

    @property
    def candidates(self) -> Sequence[Candidate]: ...

    @property
    def elected(self) -> Sequence[Candidate]: ...

    @property
    def withdrawn(self) -> Sequence[Candidate]: ...

    @property
    def rounds(self) -> Sequence[SheetRound]: ...

    @property
    def valid_poll(self) -> Number: ...

    @property
    def quota(self) -> Number | None: ...

    @property
    def places(self) -> int | None: ...

    @property
    def ties(self) -> Sequence[object]: ...

    @property
    def notes(self) -> Sequence[str]: ...

    @property
    def profile(self) -> SheetProfile | None: ...


@attrs.frozen
class CountSheet:
    """The table of a count. ``str(sheet)`` is the text table; see also :meth:`markdown`."""

    title: str
    header: tuple[str, ...]
    subheader: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...]

    @classmethod
    def from_result(cls, result: SheetResult) -> CountSheet:
        """Lay out ``result``: its rounds as columns, its candidates as rows, then the notes."""
        with exact_decimals(result.valid_poll):
            return cls._from_result(result)

    @classmethod
    def _from_result(cls, result: SheetResult) -> CountSheet:
        places = result.places
        rounds = result.rounds
        multi = len(rounds) > 1
        header = ["Candidate"]
        subheader = [""]
        for r in rounds:
            if multi and r.number > 1:
                header += [f"Stage {r.number}", ""]
                subheader += ["transfers", "total"]
            else:
                header.append(f"Stage {r.number}" if multi else "Votes")
                subheader.append("votes" if multi else "")
        status = _status(result)
        header.append("")
        subheader.append("")
        rows: list[tuple[str, ...]] = []
        for cand in result.candidates:
            row = [cand.name]
            for r in rounds:
                if multi and r.number > 1:
                    change = r.changes.get(cand)
                    row.append(format_number(change, places, signed=True) if change else "")
                row.append(format_number(r.votes.get(cand), places))
            row.append(status.get(cand, ""))
            rows.append(tuple(row))
            rows.extend(_section_rows(cand, rounds, places, multi))
        for label, total_field, change_field in (
            ("Non-transferable", "exhausted", "exhausted_change"),
            ("Lost to fractions", "lost_to_fractions", "lost_change"),
        ):
            if any(getattr(r, total_field) for r in rounds):
                row = [label]
                for r in rounds:
                    if multi and r.number > 1:
                        change = getattr(r, change_field)
                        row.append(format_number(change, places, signed=True) if change else "")
                    row.append(format_number(getattr(r, total_field), places))
                rows.append((*row, ""))
        rows.extend(_inactive_rows(rounds, places, multi))
        total_row = ["Total"]
        for r in rounds:
            if multi and r.number > 1:
                total_row.append("")
            total_row.append(format_number(r.total, places))
        rows.append((*total_row, ""))
        quotas = {r.quota for r in rounds if r.quota is not None}
        varying_quota = len(quotas) > 1
        if varying_quota:
            quota_row = ["Quota"]
            for r in rounds:
                if multi and r.number > 1:
                    quota_row.append("")
                quota_row.append(format_number(r.quota, places))
            rows.append((*quota_row, ""))

        notes: list[str] = []
        seats = f"{result.seats} seat{'s' if result.seats != 1 else ''}"
        notes.append(f"Rule: {result.rule}; {seats}; valid poll {format_number(result.valid_poll)}")
        notes.extend(f"Warning: {w}" for w in sheet_warnings(result))
        if varying_quota:
            notes.append("Quota: ascertained afresh at every stage (the Quota row)")
        elif result.quota is not None:
            notes.append(f"Quota: {format_number(result.quota, places)}")
        for cand in result.withdrawn:
            notes.append(f"Withdrawn: {cand.name}")
        for r in rounds:
            what = [r.description] if multi else []
            valued = [t for t in r.transfers if t.transfer_value is not None]
            if any(t.transfer_value != 1 for t in valued):
                what += [_transfer_note(t, places) for t in valued]
            what += [str(event) for event in r.events]
            if what:
                notes.append(f"Stage {r.number}: " + "; ".join(what))
        for tie in result.ties:
            notes.append(str(tie))
        notes.extend(result.notes)
        elected = ", ".join(c.name for c in result.elected) or "nobody"
        notes.append(f"Elected, in order: {elected}")
        title = result.title or "Count"
        return cls(title, tuple(header), tuple(subheader), tuple(rows), tuple(notes))

    def _table(self) -> list[tuple[str, ...]]:
        return [self.header, self.subheader, *self.rows]

    def text(self) -> str:
        """A plain-text table with aligned columns, then the notes."""
        table = self._table()
        widths = [max(len(row[i]) for row in table) for i in range(len(self.header))]
        lines = [self.title, "=" * len(self.title)]
        for n, row in enumerate(table):
            cells = [
                cell.ljust(widths[i]) if i == 0 or i == len(row) - 1 else cell.rjust(widths[i])
                for i, cell in enumerate(row)
            ]
            lines.append("  ".join(cells).rstrip())
            if n == 1:
                lines.append("  ".join("-" * w for w in widths))
        lines.append("")
        lines.extend(self.notes)
        return "\n".join(lines)

    def markdown(self) -> str:
        """A Markdown (GitHub) table, then the notes as a list."""
        def esc(cell: str) -> str:
            return cell.replace("|", "\\|")

        head = [f"{h} {s}".strip() for h, s in zip(self.header, self.subheader, strict=True)]
        lines = [f"## {esc(self.title)}", ""]
        lines.append("| " + " | ".join(esc(h) for h in head) + " |")
        lines.append("|" + "|".join(":---" if i == 0 else "---:" for i in range(len(head))) + "|")
        for row in self.rows:
            lines.append("| " + " | ".join(esc(c) for c in row) + " |")
        lines.append("")
        lines.extend(f"- {esc(n)}" for n in self.notes)
        return "\n".join(lines)

    def html(self) -> str:
        """A standalone HTML table (with a caption and the notes as a list)."""
        out = io.StringIO()
        out.write(f"<table class=\"votecount-sheet\">\n<caption>{html.escape(self.title)}</caption>\n")
        for tag, row in (("th", self.header), ("th", self.subheader)):
            out.write("<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in row) + "</tr>\n")
        for row in self.rows:
            cells = [f"<th scope=\"row\">{html.escape(row[0])}</th>"]
            cells += [f"<td>{html.escape(c)}</td>" for c in row[1:]]
            out.write("<tr>" + "".join(cells) + "</tr>\n")
        out.write("</table>\n<ul>\n")
        out.writelines(f"<li>{html.escape(n)}</li>\n" for n in self.notes)
        out.write("</ul>\n")
        return out.getvalue()

    def csv(self) -> str:
        """The table as CSV (header, subheader, rows); notes are left out."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerows(self._table())
        return out.getvalue()

    def __str__(self) -> str:
        return self.text()


def _section_rows(
    cand: Candidate, rounds: Sequence[SheetRound], places: int | None, multi: bool
) -> list[tuple[str, ...]]:
    """Under a candidate, one row per electoral-college section: its part of the votes."""
    names: dict[str, None] = {}
    for r in rounds:
        names.update(dict.fromkeys(r.sections or {}))
    rows = []
    for name in names:
        row = [f"  {name}"]
        for r in rounds:
            if multi and r.number > 1:
                row.append("")
            part = (r.sections or {}).get(name, {})
            row.append(format_number(part.get(cand), places))
        rows.append((*row, ""))
    return rows


def _transfer_note(transfer: SheetTransfer, places: int | None) -> str:
    value = format_number(transfer.transfer_value, places)
    papers = "paper" if transfer.papers == 1 else "papers"
    return f"{format_number(transfer.papers)} {papers} of {transfer.source.name} at transfer value {value}"


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


def _status(result: SheetResult) -> dict[Candidate, str]:
    status: dict[Candidate, str] = {}
    for r in result.rounds:
        for event in r.events:
            if event.action in ("elected", "excluded", "withdrawn"):
                status[event.candidate] = f"{event.action} (stage {r.number})"
    for cand in result.withdrawn:
        status[cand] = "withdrawn"
    return status


def render(result: SheetResult, fmt: str) -> str:
    """The count sheet of ``result`` in ``fmt``: text, markdown, html or csv."""
    renderers = {
        "text": CountSheet.text,
        "markdown": CountSheet.markdown,
        "html": CountSheet.html,
        "csv": CountSheet.csv,
    }
    if fmt not in renderers:
        known = ", ".join(renderers)
        raise OptionError(
            f"unknown sheet format {fmt!r}; use one of {known}",
            option="sheet format",
            value=fmt,
            choices=list(renderers),
        )
    return renderers[fmt](CountSheet.from_result(result))



def _inactive_rows(rounds: Sequence[SheetRound], places: int | None, multi: bool) -> list[tuple[str, ...]]:
    """One row per category of inactive papers, where the rule reports them (RCTab's
    overvotes, skipped rankings, exhausted choices, repeated rankings): a breakdown of the
    non-transferable row, each round's value of the papers in the category."""
    names: list[str] = []
    for r in rounds:
        for name in getattr(r, "inactive", None) or {}:
            if name not in names:
                names.append(name)
    rows = []
    for name in names:
        row = [f"  of which {name}"]
        for r in rounds:
            if multi and r.number > 1:
                row.append("")
            row.append(format_number((getattr(r, "inactive", None) or {}).get(name, 0), places))
        rows.append((*row, ""))
    return rows

__all__: Sequence[str] = [
    "CountSheet",
    "SheetEvent",
    "SheetResult",
    "SheetRound",
    "SheetTransfer",
    "render",
]
