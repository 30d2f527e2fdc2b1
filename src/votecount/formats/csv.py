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
from collections.abc import Sequence
from typing import Any

from votecount.ballots import PluralityBallot, RankedBallot
from votecount.errors import BallotFileError, FormatError, OptionError
from votecount.formats._common import format_weight
from votecount.formats._jsondoc import Particulars, read_particulars
from votecount.formats.columns import LAYOUTS, ColumnRef, Layout
from votecount.formats.table import CandidateList, Row, read_table
from votecount.profile import Profile
from votecount.validity import RawElection

_META = "# votecount:"
_LINE_END = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_NOT_BLANK = re.compile(r"\S")


def parse_csv(
    text: str,
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
    """Parse CSV text into the election as written (see the module docstring for layouts).

    ``candidates`` (candidates or names, a comma-separated string, or the path of a file
    with one name a line) fixes the candidates and their order; a name matching none of them
    is an unknown candidate, reported with the nearest listed names. Without it, candidates
    are taken in the order they first appear. ``rank_columns`` (in preference order),
    ``id_column`` and ``ignore_columns`` name columns by header or by number from 1 (a list,
    or one comma-separated string), where the header alone does not say. ``seats`` and
    ``title`` override the file's own.
    """
    meta = Particulars(0, source)
    skipped = pos = 0
    while pos < len(text):  # comment and blank lines before the header, as str.splitlines splits
        ending = _LINE_END.search(text, pos)
        end = ending.end() if ending else len(text)
        line = text[pos:end]
        if not (line.startswith("#") or not line.strip()):
            break
        if line.startswith(_META):
            meta = read_particulars(
                line[len(_META) :], label="votecount comment", source=source, line=skipped + 1
            )
        skipped += 1
        pos = end
    if _NOT_BLANK.search(text, pos) is None:
        raise BallotFileError(
            "the file is empty; a CSV ballot file starts with a header row", path=source, line=skipped + 1
        )
    if delimiter is None:
        start = pos
        while text[start] in "\r\n":
            start += 1
        end = text.find("\n", start)
        first = text[start : end if end >= 0 else len(text)]
        delimiter = next((d for d in ",\t;" if d in first), ",")
    stream = io.StringIO(text)
    stream.seek(pos)
    reader = _csv.reader(stream, delimiter=delimiter)
    # Identical rows share one tuple, so that a million lines of a few hundred distinct
    # ballots hold a few hundred rows, not a million lists of cells.
    distinct: dict[Row, Row] = {}
    try:
        header = next(reader)
        header_line = skipped + reader.line_num
        data: list[tuple[int, Row]] = []
        for cells in reader:
            row = tuple(cells)
            shared = distinct.get(row)
            if shared is None:
                shared = distinct[row] = row
            data.append((skipped + reader.line_num, shared))
    except _csv.Error as exc:
        raise BallotFileError(f"bad CSV: {exc}", path=source, line=skipped + reader.line_num) from None
    return read_table(
        header,
        data,
        distinct=list(distinct),
        header_line=header_line,
        meta=meta,
        source=source,
        layout=layout,
        candidates=candidates,
        rank_columns=rank_columns,
        id_column=id_column,
        ignore_columns=ignore_columns,
        seats=seats,
        title=title,
    )


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
