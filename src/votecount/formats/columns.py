"""What each column of a ballot table holds, found from its header (or given by the caller).

Form services and spreadsheets put more than ballots in a table: when the form was sent, who
sent it, the precinct or batch, a voter number. Each header is given a **role**:

``weight``      how many papers the row stands for (``weight``, ``count``, ``votes``...)
``id``          the ballot's identifier (``id``, ``ballot id``, ``Voter``, ``Respondent ID``...):
                it becomes the ballot id in the validation report
``timestamp``   ``Timestamp``, ``Date``, ``Submitted at``, ``Start time``...
``email``       ``Email``, ``Email Address``, ``E-mail``...
``precinct``    ``Precinct``, ``Batch``, ``Polling district``, ``Tabulator``...
``respondent``  who answered: ``Name``, ``Full name``, ``IP Address``...
``rank``        a preference position: ``1``, ``1st``, ``1st choice``, ``Choice 1``,
                ``Preference 1``, ``Rank 1``, ``First choice``, ``Your ranking [1st choice]``
``candidate``   anything else: a candidate's column (``Rank the candidates [Alice]`` is Alice's)

Only ``weight``, ``id``, ``rank`` and ``candidate`` columns are read; the others are kept out of
the candidates. From the roles the layout follows: rank columns hold names (``preferences``),
candidate columns hold ranks (``ranks``) or crosses (``marks``; the cells decide). A table
that fits no layout is refused with the roles found, so that a column is never silently a
candidate, nor silently dropped.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Literal

import attrs

from votecount.errors import BallotFileError
from votecount.formats._common import LAYOUTS, Layout, shown

Role = Literal["weight", "id", "timestamp", "email", "precinct", "respondent", "ignored", "rank", "candidate"]

WEIGHT_HEADERS = frozenset({"weight", "count", "votes", "number", "n", "ballots", "papers"})
_ID = re.compile(
    r"id|ballot|ballot[ _-]?id|ballotid|voter|(ballot|voter|respondent|response|submission|record|"
    r"cvr|entry|paper|participant|member)[ _-]*(id|no\.?|num(ber)?|#|code|ref(erence)?)"
)
_TIMESTAMP = re.compile(
    r"(time ?stamp|date|time|date ?time|(date |time )?(submitted|completed|created|received|modified)"
    r"( (at|on|date|time))?|(start|end|submission|completion|recorded|last modified) ?(date|time)|"
    r"(date|time) (submitted|completed|created|received))"
)
_EMAIL = re.compile(r"(your )?e-?mail( address)?|email_address")
_PRECINCT = re.compile(
    r"(precinct|batch|tabulator|polling (district|place|station)|ballot (style|type|box)|"
    r"counting group)( (id|no\.?|number|name|code|portion))?"
)
_RESPONDENT = re.compile(
    r"(your |full |first |last |voter |respondent |user ?)?name|ip( address)?|user ?agent"
)

_ORDINAL_WORDS = [
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"),
    *("eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth"),
    *("eighteenth", "nineteenth", "twentieth"),
]
_WORD = "(?:pref(?:erence)?s?|preferred|rank(?:ing|ed)?|choices?|votes?|option|place|position|selection)"
_NUMERIC_RANK = re.compile(
    rf"(?:{_WORD}[ _#.:-]*)?(?:no\.? ?|number )?#? ?(\d{{1,4}})(?:st|nd|rd|th|\.|º)?"
    rf"(?:[ _-]*{_WORD})?"
)
_WORD_RANK = re.compile(rf"(?:{_WORD} )?({'|'.join(_ORDINAL_WORDS)})(?: {_WORD})?")
_GRID = re.compile(r"(.*?)\s*\[\s*([^\[\]]*?)\s*\]")


def header_key(text: str) -> str:
    """A header or cell as compared: NFKC, case folded, spaces collapsed, a trailing colon dropped."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split()).rstrip(":").strip()


def rank_label(text: str) -> int | None:
    """The preference position a header or a cell names (``1st choice`` -> 1), else ``None``.

    Numbers are ASCII digits (up to 4); words are English ordinals, first to twentieth.
    """
    if any(ch.isdigit() and not ch.isascii() for ch in text):
        return None
    key = header_key(text)
    if not key.isascii():
        return None
    found = _NUMERIC_RANK.fullmatch(key)
    if found:
        return int(found.group(1)) or None
    word = _WORD_RANK.fullmatch(key)
    return _ORDINAL_WORDS.index(word.group(1)) + 1 if word else None


@attrs.frozen
class Column:
    """One column: its 0-based ``index``, ``header``, ``role``, and for a ``rank`` column the
    position it holds, for a ``candidate`` column the candidate's name (a grid column's
    bracketed part) and the question before the brackets."""

    index: int
    header: str
    role: Role
    rank: int | None = None
    name: str = ""
    question: str = ""

    def __str__(self) -> str:
        return f"{self.header!r} ({self.role}{'' if self.rank is None else f' {self.rank}'})"


@attrs.frozen
class ColumnPlan:
    """How to read a table: the layout, the columns holding the votes (in preference order for
    ``preferences``), the candidates' names from the header (``ranks``/``marks``), the weight
    and id columns, and the columns set aside with their roles."""

    layout: Layout | None
    choices: tuple[int, ...]
    names: tuple[str, ...]
    weight: int | None
    id: int | None
    ignored: tuple[Column, ...]

    def describe(self) -> str:
        return ", ".join(str(c) for c in self.ignored)


ColumnRef = str | int


def _role(key: str) -> Role | None:
    if key in WEIGHT_HEADERS:
        return "weight"
    for role, pattern in (
        ("id", _ID),
        ("timestamp", _TIMESTAMP),
        ("email", _EMAIL),
        ("precinct", _PRECINCT),
        ("respondent", _RESPONDENT),
    ):
        if pattern.fullmatch(key):
            return role  # type: ignore[return-value]
    return None


def classify(index: int, header: str, *, roles: bool = True) -> Column:
    """The role a header says its column has (``roles=False``: only rank or candidate)."""
    key = header_key(header)
    role = _role(key) if roles else None
    if role is not None:
        return Column(index, header, role)
    rank = rank_label(header)
    if rank is not None:
        return Column(index, header, "rank", rank)
    grid = _GRID.fullmatch(header.strip())
    if grid and grid.group(2):
        inner = rank_label(grid.group(2))
        if inner is not None:
            return Column(index, header, "rank", inner, question=grid.group(1))
        return Column(index, header, "candidate", name=grid.group(2), question=grid.group(1))
    return Column(index, header, "candidate", name=header)


def _find(ref: ColumnRef, header: Sequence[str], what: str, source: str | None, line: int) -> int:
    """The column ``ref`` names: a header (compared as :func:`header_key` does) or a 1-based number."""
    if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isascii() and ref.strip().isdigit()):
        number = int(ref)
        if 1 <= number <= len(header):
            return number - 1
        raise BallotFileError(
            f"{what}: there is no column {number}; the table has {len(header)}", path=source, line=line
        )
    key = header_key(ref)
    found = [i for i, h in enumerate(header) if header_key(h) == key]
    if len(found) == 1:
        return found[0]
    listed = ", ".join(repr(h) for h in header[:30]) + (", ..." if len(header) > 30 else "")
    reason = "names two columns" if found else "names no column"
    raise BallotFileError(
        f"{what} {shown(str(ref))} {reason}; the header has {listed} "
        "(a column may also be given by number, from 1)",
        path=source,
        line=line,
    )


def plan_columns(
    header: Sequence[str],
    *,
    layout: Layout | None = None,
    rank_columns: Sequence[ColumnRef] | None = None,
    id_column: ColumnRef | None = None,
    ignore_columns: Sequence[ColumnRef] = (),
    own_candidates: int | None = None,
    source: str | None = None,
    line: int = 1,
) -> ColumnPlan:
    """Give every column its role and choose the layout where the header decides it.

    ``own_candidates``: a file of ours says how many candidate columns end the header, so a
    candidate named like a special column (``weight``, ``ballot``) stays a candidate.
    ``layout`` is ``None`` in the plan when only the cells can tell ranks from marks.
    """
    forced: dict[int, Column] = {}
    for ref in ignore_columns:
        i = _find(ref, header, "ignored column", source, line)
        forced[i] = Column(i, header[i], "ignored")
    if id_column is not None:
        i = _find(id_column, header, "id column", source, line)
        forced[i] = Column(i, header[i], "id")
    for k, ref in enumerate(rank_columns or (), 1):
        i = _find(ref, header, "rank column", source, line)
        if i in forced:
            raise BallotFileError(f"column {header[i]!r} is given two roles", path=source, line=line)
        forced[i] = Column(i, header[i], "rank", k)
    special_end = len(header) - own_candidates if own_candidates is not None else len(header)
    columns: list[Column] = []
    for i, text in enumerate(header):
        if i in forced:
            columns.append(forced[i])
        elif own_candidates is not None:
            role = _role(header_key(text)) if i < special_end else None
            keep = role if role in ("weight", "id") else "candidate"
            columns.append(Column(i, text, keep, name=text))
        elif rank_columns is not None:
            column = classify(i, text)
            columns.append(column if column.role not in ("rank", "candidate") else Column(i, text, "ignored"))
        else:
            columns.append(classify(i, text))
    asked = Counter(c.question for c in columns if c.role == "candidate" and c.question)
    for c in columns:  # a grid asks one question of two candidates at least; else the
        if c.role == "candidate" and c.question and asked[c.question] < 2:  # brackets are part of a name
            columns[c.index] = Column(c.index, c.header, "candidate", name=c.header)
    weights = [c for c in columns if c.role == "weight"]
    for extra in weights[1:]:  # a second weight column is a candidate, as it always was
        columns[extra.index] = Column(extra.index, extra.header, "candidate", name=extra.header)
    ids = [c for c in columns if c.role == "id"]
    if len(ids) > 1 and id_column is None:
        raise BallotFileError(
            f"{len(ids)} columns look like ballot ids ({', '.join(repr(c.header) for c in ids)}); "
            "say which with id_column= (on the command line --id-column), and ignore the others",
            path=source,
            line=line,
        )
    ranks = [c for c in columns if c.role == "rank"]
    cands = [c for c in columns if c.role == "candidate"]
    chosen = _layout(layout, ranks, cands, columns, source, line)
    if chosen == "preferences":
        if ranks:
            positions = sorted(ranks, key=lambda c: c.rank or 0)
            for a, b in itertools.pairwise(positions):
                if a.rank == b.rank:
                    raise BallotFileError(
                        f"columns {a.header!r} and {b.header!r} both hold preference {a.rank}",
                        path=source,
                        line=line,
                    )
            choices = tuple(c.index for c in positions)
        else:  # asked for preferences, headers say nothing: the columns in file order
            choices = tuple(c.index for c in cands)
        names: tuple[str, ...] = ()
    else:
        choices = tuple(c.index for c in cands)
        names = tuple(c.name for c in cands)
    used = set(choices)
    return ColumnPlan(
        chosen,
        choices,
        names,
        weights[0].index if weights else None,
        ids[0].index if ids else None,
        tuple(c for c in columns if c.index not in used and c.role not in ("weight", "id")),
    )


def _layout(
    layout: Layout | None,
    ranks: list[Column],
    cands: list[Column],
    columns: list[Column],
    source: str | None,
    line: int,
) -> Layout | None:
    """The layout the header implies, or the one given if the header allows it."""
    found = "; found " + ", ".join(str(c) for c in columns[:40]) + (", ..." if len(columns) > 40 else "")
    hint = (
        "; give the layout (layout=, on the command line --layout), the rank columns "
        "(rank_columns=, --rank-columns) or the columns to leave out (ignore_columns=, --ignore-columns)"
    )
    if not ranks and not cands:
        raise BallotFileError(
            "the header names no candidate or preference columns" + found + hint, path=source, line=line
        )
    if ranks and cands and layout != "preferences":
        raise BallotFileError(
            f"cannot tell the layout: {len(ranks)} columns name preference positions and "
            f"{len(cands)} look like candidates ({', '.join(repr(c.header) for c in cands[:10])})"
            + found
            + hint,
            path=source,
            line=line,
        )
    if ranks and cands:  # preferences asked for: the other columns must be said to be ignored
        raise BallotFileError(
            "columns that are neither preference positions nor known columns: "
            + ", ".join(repr(c.header) for c in cands[:10])
            + "; leave them out with ignore_columns= (on the command line --ignore-columns)",
            path=source,
            line=line,
        )
    if ranks:
        if layout in ("ranks", "marks"):
            raise BallotFileError(
                f"layout {layout!r} needs one column per candidate, but the columns name preference "
                f"positions ({', '.join(repr(c.header) for c in ranks[:10])}); use layout 'preferences'",
                path=source,
                line=line,
            )
        return "preferences"
    questions = {c.question for c in cands}
    if len(questions) > 1 and layout is None:
        raise BallotFileError(
            "cannot tell the layout: the candidate columns belong to different questions ("
            + ", ".join(repr(q or c.header) for q, c in {c.question: c for c in cands}.items())
            + ")"
            + found
            + hint,
            path=source,
            line=line,
        )
    return layout


__all__ = [
    "LAYOUTS",
    "Column",
    "ColumnPlan",
    "ColumnRef",
    "Layout",
    "classify",
    "header_key",
    "plan_columns",
    "rank_label",
]
