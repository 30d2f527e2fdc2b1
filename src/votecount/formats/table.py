"""Ballots from a table of cells, whatever the table came from (a CSV file, a spreadsheet),
taken a row at a time.

The header gives each column its role (:mod:`votecount.formats.columns`) and, unless only
the cells can tell ``ranks`` from ``marks``, the layout; each distinct row is then decoded
once, at its first line, so that an error names that line
(:mod:`votecount.formats.table_cells` has the three layouts). Names in cells are matched as
people type them (:mod:`votecount.formats.names`). Nothing is kept per row but what the
election needs: a clean row (ranked, or crosses) is a line number in the
:class:`~votecount.tally.CleanTally`, any other row a paper.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from operator import itemgetter
from typing import Any, NoReturn

from votecount.ballots import Candidate
from votecount.errors import BallotFileError
from votecount.formats._common import parse_weight, shown, unique_candidates
from votecount.formats._jsondoc import Particulars
from votecount.formats.columns import LAYOUTS, ColumnRef, Layout, plan_columns
from votecount.formats.names import NameBook, candidate_list
from votecount.formats.table_cells import RowDecoder, cell_layout, refuse_layout
from votecount.numbers import Weight
from votecount.tally import CleanTally, Ranking, clean_marks, clean_ranking
from votecount.validation import ValidationWarning
from votecount.validity import RawElection, RawMarks, RawPaper, RawRanking

CandidateList = str | Sequence[str | Candidate]

SAMPLE_ROWS = 1000
"""The most rows held while the cells decide between ``ranks`` and ``marks`` (when the
header could not): the first cross, or the first rank above 1, decides, and in a ranked
file that is the first voter who ranked two candidates. A thousand rows of a wide form
export are well under a megabyte. A file whose first thousand non-blank rows hold no mark
but ``1`` (or names) is refused with the line reached and asked for ``layout=``, rather
than held whole: a rank above 1 or a cross further down no longer decides it."""


class TableReader:
    """A table's rows, taken one at a time into the election: memory grows with the distinct
    rows, not with the rows.

    The header gives each column its role and, mostly, the layout. A row is keyed by the
    cells that are read (the rank or candidate columns and the weight; a form's timestamps
    and addresses, which make every row distinct, are not), or by the caller's ``text`` of
    the row where that text says no more (:attr:`keyed_by_text`). Each distinct key is
    decoded once, at its first line, so that an error names that line; a clean ranked row
    goes to the :class:`~votecount.tally.CleanTally`, anything else is a paper on its line.

    Where only the cells can tell ``ranks`` from ``marks``, rows are held until the first
    rank above 1 or cross decides (at most :data:`SAMPLE_ROWS`), then read as that layout;
    a later row that does not fit it is a located error naming the line that decided.
    """

    def __init__(
        self,
        header: Sequence[str],
        *,
        header_line: int,
        meta: Particulars,
        source: str | None = None,
        layout: Layout | None = None,
        candidates: CandidateList | None = None,
        rank_columns: Sequence[ColumnRef] | str | None = None,
        id_column: ColumnRef | None = None,
        ignore_columns: Sequence[ColumnRef] | str = (),
    ) -> None:
        self.header = header = [h.strip() for h in header]
        self.header_line = header_line
        self.meta = meta
        self.source = source
        asked = layout or meta.layout
        if asked is not None and asked not in LAYOUTS:
            raise BallotFileError(
                f"unknown CSV layout {shown(str(asked))}; use one of {', '.join(LAYOUTS)}",
                path=source,
                line=meta.line if layout is None else None,
            )
        self.own = own = meta.candidates is not None and meta.layout in ("ranks", "marks")
        plan = self.plan = plan_columns(
            header,
            layout=asked,
            rank_columns=_refs(rank_columns) if rank_columns is not None else None,
            id_column=id_column,
            ignore_columns=_refs(ignore_columns),
            own_candidates=len(meta.candidates) if own and meta.candidates is not None else None,
            source=source,
            line=header_line,
        )
        self.listed = candidate_list(candidates) if candidates is not None else meta.candidates
        self.notes: list[ValidationWarning] = []
        if plan.ignored:
            self.notes.append(
                ValidationWarning("columns-left-out", f"columns left out: {plan.describe()}", header_line)
            )
        read = (*plan.choices, *([] if plan.weight is None else [plan.weight]))
        self.key_of: Callable[[Sequence[str]], Hashable] = (
            itemgetter(*read) if len(read) > 1 else lambda cells: tuple(cells[i] for i in read)
        )
        self._reach = max(read, default=-1) + 1
        """A row's key: the cells that are read, the rank or candidate columns and the weight."""
        self.keyed_by_text = plan.id is None and len(read) == len(header)
        """Whether a row's text may stand for its key: every column is read, none is an id."""
        self.tally = CleanTally()
        self.papers: list[RawPaper] = []
        self._decoded: dict[Hashable, tuple[Any, Weight, Ranking | None]] = {}
        self._held: list[tuple[int, Sequence[str], str | None]] = []
        self._decided_at: tuple[int, str] | None = None
        self.layout: Layout | None = None
        self.book = NameBook(None)
        self._cands: tuple[Candidate, ...] = ()
        self._decode: Callable[[int, Sequence[str]], Any]
        self._paper: Callable[..., RawPaper] = RawRanking
        self._speller: RowDecoder | None = None
        self._spelled: dict[Hashable, Sequence[str]] = {}
        self._papers_of: Counter[Hashable] = Counter()
        if plan.layout is not None:
            self._start(plan.layout)

    def _start(self, layout: Layout) -> None:
        self.layout = layout
        plan = self.plan
        self.book = NameBook(self.listed if layout == "preferences" else None)
        decoder = RowDecoder(self.header, plan.choices, self.book, self.source)
        if layout == "preferences":
            self._decode = decoder.preferences
            if self.book.growing and not self.keyed_by_text:
                self._speller = decoder  # see _spellings_counted
        else:
            self._cands, decoder.of_column = _column_candidates(
                plan.names, self.listed, self.own, self.source, self.header_line
            )
            self._decode = decoder.ranks if layout == "ranks" else decoder.marks
        self._paper = RawMarks if layout == "marks" else RawRanking
        self.tally.marks = layout == "marks"  # no row is in the tally before the layout is known

    def row(self, n: int, cells: Sequence[str], text: str | None = None) -> None:
        """The row on line ``n`` (its last line, for a row over several); ``text``, when
        :attr:`keyed_by_text`, is the row as written, to key it by."""
        width = len(self.header)
        if len(cells) > width and "".join(cells[width:]).strip():
            raise BallotFileError(
                f"row has {len(cells)} cells but the header has {width}", path=self.source, line=n
            )
        if len(cells) < self._reach:
            cells = [*cells, *[""] * (self._reach - len(cells))]
        key = text if text is not None else self.key_of(cells)
        plan_id = self.plan.id
        ident = cells[plan_id] if plan_id is not None and plan_id < len(cells) else ""
        tally = self.tally
        if ident == "" and key in tally.rankings:  # a paper with an id is a paper of its own
            tally.again(key, n)
            return
        if not "".join(cells).strip():
            return  # a blank row is no paper
        if self.layout is None:
            self._hold(n, cells, text)
            return
        got = self._decoded.get(key)
        if got is None:
            got = self._decoded[key] = self._first(n, cells)
            if self._speller is not None:
                self._spelled[key] = self._speller.spelled
        if got[2] is not None and ident == "":
            tally.decoded(key, got[2], got[1], n)
            return
        if self._speller is not None:
            self._papers_of[key, ident != ""] += 1
        self.papers.append(self._paper(got[0], got[1], n, ident or None))

    def _first(self, n: int, cells: Sequence[str]) -> tuple[Any, Weight, Ranking | None]:
        """A distinct row, met first on line ``n``: its places, weight and clean ranking."""
        try:
            places = self._decode(n, cells)
        except BallotFileError as exc:
            if self._decided_at is None:
                raise
            line, cell = self._decided_at
            raise BallotFileError(
                f"{exc.reason} (the cells were read as {self.layout} from line {line}, where "
                f"{shown(cell)} is the first {'cross' if self.layout == 'marks' else 'rank above 1'}; "
                "give the layout with layout= or --layout)",
                path=exc.path,
                line=exc.line,
            ) from None
        weight: Weight = 1
        if self.plan.weight is not None:
            weight = parse_weight(cells[self.plan.weight].strip(), source=self.source, line=n)
        clean = None
        if type(weight) is int:
            clean = clean_marks(places) if self.layout == "marks" else clean_ranking(places)
        return places, weight, clean

    def _hold(self, n: int, cells: Sequence[str], text: str | None) -> None:
        """A row met before the layout is known: held, unless its cells decide the layout
        (a cross before a rank above 1, as when the whole file is looked at)."""
        self._held.append((n, tuple(cells), text))
        said: dict[Layout | None, str] = {}
        for col in self.plan.choices:
            cell = cells[col].strip()
            if cell and cell != "0":
                said.setdefault(cell_layout(cell.lower()), cell)
        found: Layout | None = "marks" if "marks" in said else "ranks" if "ranks" in said else None
        if found is not None:
            self._decided_at = (n, said[found])
            self._start(found)
            held, self._held = self._held, []
            for line, row, row_text in held:
                self.row(line, row, row_text)
        elif len(self._held) >= SAMPLE_ROWS:
            self._refuse(f" in the first {SAMPLE_ROWS:,} rows, to line {n},")

    def _refuse(self, where: str = "") -> NoReturn:
        """The rows held, none of which decided the layout: an error saying why."""
        choices = self.plan.choices
        cells = {row[i].strip().lower() for _, row, _ in self._held for i in choices} - {"", "0"}
        refuse_layout(self.header, choices, cells, self.source, self.header_line, where)

    def finish(self, *, seats: int | None = None, title: str | None = None) -> RawElection:
        """The election read: ``seats`` and ``title`` override the file's own."""
        if self.layout is None:
            self._refuse()
        meta = self.meta
        cands = self._cands
        notes = self.notes
        if self.layout == "preferences":
            self._spellings_counted()
            cands = self.book.candidates()
            notes = [*notes, *self.book.warnings()]
        return RawElection(
            cands,
            self.papers,
            seats=seats if seats is not None else meta.seats,
            title=title if title is not None else meta.title or "",
            withdrawn=frozenset(meta.indices(meta.withdrawn, cands, "withdrawn")),
            tie_order=meta.indices(meta.tie_order, cands, "tie_order"),
            source=self.source,
            notes=tuple(notes),
            clean=self.tally,
        )


    def _spellings_counted(self) -> None:
        """Each spelling counted once a distinct row, where rows are keyed by only some of
        their cells, for naming the candidates found by their most frequent spelling.

        Spellings have always been counted once a distinct row, and a table whose every
        column is read still counts them once a key. Elsewhere a row with an id is a distinct
        row, and so, in a table with columns left out, is every line: a form's rows differ in
        their timestamps and addresses (the one approximation: two lines alike in those too
        counted twice, not once).
        """
        lines = self.tally.lines
        each_line = bool(self.plan.ignored)
        for key, spelled in self._spelled.items():
            held = lines.get(key, ())
            plain = (1 if isinstance(held, int) else len(held)) + self._papers_of[key, False]
            rows = self._papers_of[key, True] + (plain if each_line else min(plain, 1))
            self.book.count_again(spelled, rows - 1)


def _refs(value: Sequence[ColumnRef] | str) -> list[ColumnRef]:
    """Column references as given: a list, or one string of comma-separated ones."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return list(value)


def _column_candidates(
    names: tuple[str, ...],
    listed: tuple[Candidate, ...] | None,
    own: bool,
    source: str | None,
    line: int,
) -> tuple[tuple[Candidate, ...], list[int]]:
    """The candidates of a ``ranks`` or ``marks`` table and which one each column is.

    Our own files list the candidates in column order; a caller's list is matched to the
    headers by name (as :func:`~votecount.formats.names.name_key` compares them), so the
    list's order and spelling win and a header naming no listed candidate is an error.
    """
    if listed is None:
        return unique_candidates(list(names)), list(range(len(names)))
    if own:
        if len(listed) != len(names):
            raise BallotFileError(
                f"{len(names)} candidate columns but {len(listed)} candidates", path=source, line=line
            )
        return listed, list(range(len(names)))
    book = NameBook(listed)
    of_column: list[int] = []
    for name in names:
        index = book.mark(name)
        if isinstance(index, str):
            raise BallotFileError(
                f"the column {shown(name)} is not a listed candidate (nearest: {book.nearest(name)})",
                path=source,
                line=line,
            )
        if index in of_column:
            raise BallotFileError(
                f"two columns name the candidate {listed[index].name!r}", path=source, line=line
            )
        of_column.append(index)
    missing = [c.name for i, c in enumerate(listed) if i not in of_column]
    if missing:
        raise BallotFileError(
            f"no column for the listed candidate(s) {', '.join(map(repr, missing))}", path=source, line=line
        )
    return listed, of_column


__all__ = ["SAMPLE_ROWS", "TableReader"]
