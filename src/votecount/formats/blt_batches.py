"""Batches of new BLT ballot lines decoded at once, in C, for the reader's fast path.

The BLT reader (:mod:`votecount.formats.blt`) first tries to take the lines of a block
that start with a digit 1 to 9 (:func:`leading_ballots`) as one run, when none was met
before or comes twice and each is clean (:func:`tally_run`). Otherwise it gathers the new
lines of the block that start with a digit. If they are all whole numbers each after one
space (:func:`plain_rows`), they are parsed as one JSON array of arrays; if, moreover, every
one is a clean paper (a weight, known candidates none twice, the closing ``0``) and no text
comes twice, the whole batch goes to the tally at once (:func:`tally_clean_batch`). Anything
else is decoded line by line by the reader, as before: these functions only ever decline a
batch, never judge a paper.
"""

from __future__ import annotations

import json
import re
from functools import cache
from operator import itemgetter

from votecount.tally import CleanTally

FAST_DIGITS = 18
"""Weights of up to this many digits take the line-by-line fast path (longer ones are
checked carefully there)."""

FAST_WEIGHT = 10**FAST_DIGITS

_PLAIN = b"0123456789 \n"
"""What a batch of plain ballot lines holds: deleting it leaves nothing (anything left, or
a character past ASCII, means line by line)."""

_END = b"\xfe"
"""A line's closing 0, translated (no candidate index reaches it)."""
_BAD = b"\xff"
"""Any number that names no candidate, translated."""
_weight = itemgetter(0)
_after_weight = itemgetter(slice(1, None))


def plain_rows(lines: list[str]) -> list[list[int]]:
    """The numbers on each line, parsed in C as one JSON array of arrays, if every line is
    whole numbers in digits, each after one space; else nothing (the lines are read one by one).

    A space too many or a leading zero is a JSON error; any other character is refused first.
    """
    return rows_of("\n".join(lines))


def rows_of(batch: str) -> list[list[int]]:
    """:func:`plain_rows` of lines already joined by newlines."""
    if not batch.isascii() or batch.encode("ascii").translate(None, _PLAIN):
        return []  # (deleted from the ASCII bytes: three times quicker than from the text)
    try:
        rows: list[list[int]] = json.loads("[[" + batch.replace(" ", ",").replace("\n", "],[") + "]]")
    except ValueError:
        return []
    return rows


def coding_for(n: int) -> bytes | None:
    """The table :func:`coded_rankings` translates numbers with, for ``n`` candidates
    numbered from 1: a candidate's number to its index, 0 to :data:`_END`, any other byte to
    :data:`_BAD` (None when the indices would not fit below :data:`_END`)."""
    if n >= _END[0]:
        return None
    return _END + bytes(range(n)) + _BAD * (255 - n)


def coded_rankings(rows: list[list[int]], coding: bytes, text: str) -> list[bytes] | None:
    """Each row's ranking coded as bytes (one byte a candidate's index), if every row is a
    clean paper; else None. ``text`` is the rows' lines joined by newlines.

    Each row's numbers after the weight become bytes, translated by ``coding``. The rows are
    clean if no byte is bad, each line ends with `` 0`` and no row holds another
    :data:`_END`, and no ranking is empty or names a candidate twice: the test the
    line-by-line way makes, done in C. A weight of any length the JSON parser took is read
    as the careful way reads it.
    """
    if not text.endswith(" 0") or text.count(" 0\n") != len(rows) - 1:
        return None  # a line not closed by its 0 (each line is one row)
    try:
        joined = b"".join(map(bytes, map(_after_weight, rows))).translate(coding)
    except ValueError:  # a number past 255
        return None
    if _BAD in joined or joined.count(_END) != len(rows):
        return None  # an unknown number, or a 0 before a line's end
    rankings = joined.split(_END)
    rankings.pop()  # the empty text after the last end
    if joined.startswith(_END) or _END + _END in joined:
        return None  # an empty ranking
    if _names_one_twice(joined, rankings, coding.find(_BAD) - 1):
        return None
    return rankings


PASS_BYTES = 14
PASS_RANKINGS = 54
"""Weighing the two ways :func:`_names_one_twice` may look, in time measured on the
benchmark files (12 and 25 candidates): a pass per candidate costs about ``n`` times the
bytes of the rankings; a set per ranking costs about as much as :data:`PASS_BYTES` passes,
and :data:`PASS_RANKINGS` more per ranking (about 20 candidates, for rankings of 8 to 10)."""


def _names_one_twice(joined: bytes, rankings: list[bytes], n: int) -> bool:
    """Whether any of ``rankings`` (``joined``: each followed by :data:`_END`) names a
    candidate of the ``n`` twice, looked for in the cheaper way (see :data:`PASS_BYTES`)."""
    if n * len(joined) <= PASS_BYTES * len(joined) + PASS_RANKINGS * len(rankings):
        return twice_by_candidate(joined, n)
    return twice_by_ranking(rankings)


def twice_by_candidate(joined: bytes, n: int) -> bool:
    """:func:`_names_one_twice` by one pass per candidate, keeping only that candidate and
    the ends: two of it with no end between are two in one ranking."""
    return any(bytes((c, c)) in joined.translate(None, _all_but(c)) for c in range(n))


def twice_by_ranking(rankings: list[bytes]) -> bool:
    """:func:`_names_one_twice` by a set per ranking."""
    return list(map(len, map(set, rankings))) != list(map(len, rankings))


@cache
def _all_but(c: int) -> bytes:
    """Every byte but ``c`` and :data:`_END`: what :func:`twice_by_candidate` deletes."""
    return bytes(b for b in range(256) if b != c and b != _END[0])


def tally_clean_batch(
    tally: CleanTally, fresh: list[str], fresh_at: list[int], rows: list[list[int]], coding: bytes
) -> bool:
    """Put a batch of new lines (``fresh``, on lines ``fresh_at``, parsed as ``rows``) into
    ``tally`` at once, if every line is clean (:func:`coded_rankings`) and no text comes
    twice; else leave the tally as it was (False), for the reader to take the batch line by
    line. The tally keeps each ranking as its bytes (a *coded* ranking, see
    :mod:`votecount.tally`), which grouping sorts as they are.
    """
    rankings = coded_rankings(rows, coding, "\n".join(fresh))
    if rankings is None or len(set(fresh)) != len(fresh):
        return False
    decoded = zip(rankings, map(_weight, rows), strict=True)
    tally.rankings.update(zip(fresh, decoded, strict=True))
    tally.lines.update(zip(fresh, fresh_at, strict=True))
    return True


RUN_LINES = 256
"""The fewest lines the reader tries to take as a run (:func:`tally_run`): fewer are not
worth joining and scanning."""

RUNS_MOST = 2_000_000
"""The most lines a tally holds in runs. A run keeps a ranking per line, its texts being
checked only against each other and the texts kept, so a file repeating a long stretch of
distinct lines over and over would hold a ranking for each repetition; past this many lines
in runs (about 120 MB of them at most), lines are taken as before, kept once per text."""

_NOT_NEW = re.compile(r"\n[^1-9]")
"""A line end, then a line that does not start as a plain ballot line does (with a weight
1 to 9...): the end of the ballots, an option, an id, a blank line, a weight of 0."""


def leading_ballots(held: list[str], at: int) -> tuple[str, int]:
    """The lines of ``held`` from index ``at`` that each start with a digit 1 to 9, up to the
    first that does not: their text, joined by newlines, and their number."""
    if not "1" <= held[at][:1] <= "9":
        return "", 0
    text = "\n".join(held[at:])
    found = _NOT_NEW.search(text)
    if found is None:
        return text, len(held) - at
    cut = found.start()
    return text[:cut], text.count("\n", 0, cut) + 1


def tally_run(tally: CleanTally, lines: list[str], text: str, first: int, coding: bytes) -> bool:
    """Put consecutive ``lines`` (``text``, joined by newlines; the first on line ``first``)
    into ``tally`` as one run (:meth:`~votecount.tally.CleanTally.run`), if none of their
    texts was met before or comes twice and every line is clean (:func:`coded_rankings`);
    else leave the tally as it was (False), for the reader to take the lines as before.

    A file of distinct weighted lines (a profile written with each ranking once) is read
    this way a block at a time, with no step taken per line in Python.
    """
    if tally.run_lines + len(lines) > RUNS_MOST:
        return False
    if (tally.lines and not tally.lines.keys().isdisjoint(lines)) or len(set(lines)) != len(lines):
        return False
    rows = rows_of(text)
    rankings = coded_rankings(rows, coding, text) if rows else None
    if rankings is None:
        return False
    tally.run(rankings, list(map(_weight, rows)), first)
    return True


__all__ = [
    "FAST_DIGITS",
    "FAST_WEIGHT",
    "PASS_BYTES",
    "PASS_RANKINGS",
    "RUNS_MOST",
    "RUN_LINES",
    "coded_rankings",
    "coding_for",
    "leading_ballots",
    "plain_rows",
    "rows_of",
    "tally_clean_batch",
    "tally_run",
    "twice_by_candidate",
    "twice_by_ranking",
]
