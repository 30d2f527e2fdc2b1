"""CSV ballot files: one row per ballot (or per group of identical ballots), in three layouts.

The columns and the layout are read as :mod:`votecount.formats.table` reads any table:

``preferences``
    Rank columns (``1``, ``2``, ``1st choice``, ``Choice 1``, ``Preference 1``, ``First
    choice``, ``Your ranking [1st choice]``...) hold candidate names in order of preference;
    a blank cell between two names is a skipped preference; ``A=B`` ranks A and B equal.
``ranks``
    One column per candidate (the header, or the bracketed part of a form's grid header
    ``Rank the candidates [Alice]``, gives the name) holding the rank the voter gave: ``1``,
    ``2``, or ``1st choice``...; blank is unranked; the same rank twice is an equal ranking; a
    missing rank is a skipped preference. The validity policy decides what counts.
``marks``
    One column per candidate holding a cross (``X``, ``x``, ``1``, ``✓``) or nothing: a
    plurality ("cross in a box") paper, read into a :class:`~votecount.ballots.PluralityBallot`.

In every layout, optional columns ``weight`` (or ``count``, ``votes``) and ``id`` (or
``ballot_id``, ``Voter``...) give the number of papers and the ballot's identifier; columns
a form adds (timestamps, e-mail addresses, precincts or batches) are left out
(:mod:`votecount.formats.columns`). The layout is found from the header (rank columns mean
``preferences``), then from the cells (crosses mean ``marks``, ranks above 1 mean ``ranks``);
where that cannot tell, pass ``layout=``.

The file is read a row at a time (:class:`~votecount.formats.table.TableReader`), so that
memory grows with the distinct rows, not with the file. Where every column is read (no id,
no column left out), a line is keyed by its text, as the BLT reader keys its lines: a line
met before as a clean row only has its number noted, and is not parsed again. A quoted cell
may run over several lines; such a row is keyed by its cells, and its line is its last.

Lines starting with ``#`` before the header are comments. The writer puts the election's
particulars in one of them, ``# votecount: {...}`` (JSON: layout, candidates with ids and
attributes, seats, title, withdrawn, tie order), so that a file written and read back gives an
equal profile; the reader uses that line when it is there.
"""

from __future__ import annotations

import csv as _csv
import io
import json
import re
from array import array
from collections.abc import Iterator, Sequence
from itertools import chain
from typing import Any

from votecount.ballots import PluralityBallot, RankedBallot
from votecount.errors import BallotFileError, FormatError, OptionError
from votecount.formats._common import Lines, format_weight
from votecount.formats._jsondoc import Particulars, read_particulars
from votecount.formats.columns import LAYOUTS, ColumnRef, Layout
from votecount.formats.table import CandidateList, TableReader
from votecount.profile import Profile
from votecount.progress import active
from votecount.validity import RawElection

_META = "# votecount:"
_LINE_END = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def parse_csv(
    text: str | Lines,
    *,
    source: str | None = None,
    layout: Layout | None = None,
    candidates: CandidateList | None = None,
    rank_columns: Sequence[ColumnRef] | str | None = None,
    id_column: ColumnRef | None = None,
    ignore_columns: Sequence[ColumnRef] | str = (),
    seats: int | None = None,
    title: str | None = None,
    delimiter: str | None = None,
) -> RawElection:
    """Parse CSV text (or a file's :class:`~votecount.formats._common.Lines`) into the
    election as written (see the module docstring for layouts), a row at a time.

    ``candidates`` (candidates or names, a comma-separated string, or the path of a file
    with one name a line) fixes the candidates and their order; a name matching none of them
    is an unknown candidate, reported with the nearest listed names. Without it, candidates
    are taken in the order they first appear. ``rank_columns`` (in preference order),
    ``id_column`` and ``ignore_columns`` name columns by header or by number from 1 (a list,
    or one comma-separated string), where the header alone does not say. ``seats`` and
    ``title`` override the file's own.
    """
    lines = text if isinstance(text, Lines) else Lines.of_text(text, source)
    blocks = _told(lines.texts(), source)
    meta, skipped, rest = _preamble(blocks, source)
    if rest is None:
        raise BallotFileError(
            "the file is empty; a CSV ballot file starts with a header row", path=source, line=skipped + 1
        )
    if delimiter is None:
        start = 0
        while rest[start] in "\r\n":
            start += 1
        end = rest.find("\n", start)
        first = rest[start : end if end >= 0 else len(rest)]
        delimiter = next((d for d in ",\t;" if d in first), ",")
    physical = chain.from_iterable(map(io.StringIO, chain((rest,), blocks)))
    feed = _Feed(physical, skipped)
    records = _csv.reader(feed, delimiter=delimiter)
    try:
        header = next(records)
        table = TableReader(
            header,
            header_line=feed.number,
            meta=meta,
            source=source,
            layout=layout,
            candidates=candidates,
            rank_columns=rank_columns,
            id_column=id_column,
            ignore_columns=ignore_columns,
        )
        if table.keyed_by_text:
            _rows_by_text(table, feed, records)
        else:
            _rows_by_cells(table, feed, _csv.reader(feed.lines, delimiter=delimiter))
    except _csv.Error as exc:
        raise BallotFileError(f"bad CSV: {exc}", path=source, line=feed.number) from None
    return table.finish(seats=seats, title=title)


def _told(blocks: Iterator[str], source: str | None) -> Iterator[str]:
    """The file's blocks, telling the progress reporter the lines read as each is taken
    (one count of line ends a block, so that a long table shows how far it has got)."""
    progress = active()
    done = 0
    for block in blocks:
        yield block
        done += block.count("\n")
        progress.update(f"reading {source or 'ballots'}", done)


def _preamble(blocks: Iterator[str], source: str | None) -> tuple[Particulars, int, str | None]:
    """The comment and blank lines before the header (split as :meth:`str.splitlines` splits):
    what a ``# votecount:`` comment says, how many lines there are, and the rest of the
    block the header starts in (None if the file holds nothing more)."""
    meta = Particulars(0, source)
    skipped = 0
    for block in blocks:
        pos = 0
        while pos < len(block):
            ending = _LINE_END.search(block, pos)
            end = ending.end() if ending else len(block)
            line = block[pos:end]
            if not (line.startswith("#") or not line.strip()):
                return meta, skipped, block[pos:]
            if line.startswith(_META):
                meta = read_particulars(
                    line[len(_META) :], label="votecount comment", source=source, line=skipped + 1
                )
            skipped += 1
            pos = end
    return meta, skipped, None


class _Feed:
    """The lines of a CSV file as the csv module takes them, counted: a line put back first
    (:meth:`push`), then the file's next lines, which a quoted cell may run on into."""

    __slots__ = ("lines", "number", "pushed")

    def __init__(self, lines: Iterator[str], number: int) -> None:
        self.lines = lines
        self.number = number  # the line handed out last
        self.pushed: str | None = None

    def push(self, line: str, number: int) -> None:
        self.pushed = line
        self.number = number - 1

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line = self.pushed
        if line is None:
            line = next(self.lines)
        else:
            self.pushed = None
        self.number += 1
        return line


def _rows_by_cells(table: TableReader, feed: _Feed, rows: Any) -> None:
    """The rows of a table with ids or columns left out, keyed by the cells that are read:
    a clean row met before (as wide as the header, no id) only has its number noted."""
    numbers = table.tally.lines
    known = numbers.get
    key_of = table.key_of
    width = len(table.header)
    ident = table.plan.id
    before = feed.number
    try:
        for cells in rows:
            if len(cells) == width and (ident is None or cells[ident] == ""):
                key = key_of(cells)
                seen = known(key)
                if seen is not None:
                    if type(seen) is int:
                        numbers[key] = array("I", (seen, before + rows.line_num))
                    else:
                        seen.append(before + rows.line_num)  # type: ignore[union-attr]
                    continue
            table.row(before + rows.line_num, cells)
    finally:
        feed.number = before + rows.line_num  # the line a CSV error is on


def _rows_by_text(table: TableReader, feed: _Feed, records: Iterator[list[str]]) -> None:
    """The rows of a table whose every column is read, keyed by their text: a line met
    before as a clean row only has its number noted, as the BLT reader does; any other line
    is parsed as CSV (with the lines a quoted cell runs on into) and given to ``table``."""
    numbers = table.tally.lines
    known = numbers.get
    lines = feed.lines
    n = feed.number
    for line in lines:
        n += 1
        seen = known(line)
        if seen is not None:
            if type(seen) is int:
                numbers[line] = array("I", (seen, n))
            else:
                seen.append(n)  # type: ignore[union-attr]
            continue
        feed.push(line, n)
        cells = next(records)
        table.row(feed.number, cells, line if feed.number == n else None)
        n = feed.number


def dumps_csv(profile: Profile, *, layout: Layout | None = None, metadata: bool = True) -> str:
    """Write ``profile`` as CSV: ranked ballots as ``preferences`` (or ``layout="ranks"``),
    plurality ballots as ``marks``. With ``metadata`` (the default), a ``# votecount:`` comment
    line keeps what the columns cannot (candidate ids and attributes, seats, title...)."""
    kind = profile.kind
    if layout is None:
        layout = "marks" if kind == "plurality" else "preferences"
    if layout not in LAYOUTS:
        raise OptionError(
            f"unknown CSV layout {layout!r}; use one of {', '.join(LAYOUTS)}",
            option="CSV layout",
            value=layout,
            choices=LAYOUTS,
        )
    if kind == "plurality" and layout != "marks":
        raise FormatError("plurality ballots are written in the 'marks' layout")
    if kind == "ranked" and layout == "marks":
        raise FormatError("ranked ballots are written in the 'preferences' or 'ranks' layout")
    cands = profile.candidates
    names = [c.name for c in cands]
    if len(set(names)) < len(names):
        names = [c.id for c in cands]
    out = io.StringIO()
    if metadata:
        meta: dict[str, Any] = {"layout": layout}
        meta["candidates"] = [
            {"name": c.name, "id": c.id, **({"attributes": dict(c.attributes)} if c.attributes else {})}
            for c in cands
        ]
        if profile.seats is not None:
            meta["seats"] = profile.seats
        if profile.title:
            meta["title"] = profile.title
        if profile.withdrawn:
            meta["withdrawn"] = [cands[i].id for i in sorted(profile.withdrawn)]
        if profile.tie_order:
            meta["tie_order"] = [cands[i].id for i in profile.tie_order]
        out.write(_META + " " + json.dumps(meta) + "\n")  # ASCII: no stray line breaks
    writer = _csv.writer(out, lineterminator="\n")
    with_ids = any(b.id is not None for b in profile.ballots)
    lead = (["id"] if with_ids else []) + ["weight"]
    if layout == "preferences":
        depth = max((len(b.ranking) for b in profile.ballots if isinstance(b, RankedBallot)), default=1)
        writer.writerow(lead + [str(k) for k in range(1, depth + 1)])
    else:
        writer.writerow(lead + names)
    for ballot in profile.ballots:
        row = ([ballot.id or ""] if with_ids else []) + [format_weight(ballot.weight)]
        if isinstance(ballot, PluralityBallot):
            row += ["X" if i in ballot.marks else "" for i in range(len(cands))]
        elif layout == "preferences":
            for pref in ballot.ranking:
                row.append(names[pref] if isinstance(pref, int) else "=".join(names[i] for i in sorted(pref)))
        else:
            cells = [""] * len(cands)
            for rank, pref in enumerate(ballot.ranking, 1):
                for i in [pref] if isinstance(pref, int) else sorted(pref):
                    cells[i] = str(rank)
            row += cells
        writer.writerow(row)
    return out.getvalue()


__all__ = ["LAYOUTS", "Layout", "dumps_csv", "parse_csv"]
