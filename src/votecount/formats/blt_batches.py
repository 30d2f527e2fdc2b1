"""Batches of new BLT ballot lines decoded at once, in C, for the reader's fast path.

The BLT reader (:mod:`votecount.formats.blt`) gathers the new lines of a block that start
with a digit. If they are all whole numbers each after one space (:func:`plain_rows`), they
are parsed as one JSON array of arrays; if, moreover, every one is a clean paper (a weight,
known candidates none twice, the closing ``0``) and no text comes twice, the whole batch goes
to the tally at once (:func:`tally_clean_batch`). Anything else is decoded line by line by
the reader, as before: these functions only ever decline a batch, never judge a paper.
"""

from __future__ import annotations

import json
from itertools import repeat
from operator import itemgetter

from votecount.tally import CleanTally

FAST_DIGITS = 18
"""Weights of up to this many digits take the line-by-line fast path (longer ones are
checked carefully there)."""

FAST_WEIGHT = 10**FAST_DIGITS

_PLAIN = str.maketrans("", "", "0123456789 \n")
"""Deletes what a batch of plain ballot lines holds: anything left means line by line."""

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
    batch = "\n".join(lines)
    if batch.translate(_PLAIN):
        return []
    try:
        rows: list[list[int]] = json.loads("[[" + batch.replace(" ", ",").replace("\n", "],[") + "]]")
    except ValueError:
        return []
    return rows


def coding_for(n: int) -> bytes | None:
    """The table :func:`tally_clean_batch` translates numbers with, for ``n`` candidates
    numbered from 1: a candidate's number to its index, 0 to :data:`_END`, any other byte to
    :data:`_BAD` (None when the indices would not fit below :data:`_END`)."""
    if n >= _END[0]:
        return None
    return _END + bytes(range(n)) + _BAD * (255 - n)


def tally_clean_batch(
    tally: CleanTally, fresh: list[str], fresh_at: list[int], rows: list[list[int]], coding: bytes
) -> bool:
    """Put a batch of new lines (``fresh``, on lines ``fresh_at``, parsed as ``rows``) into
    ``tally`` at once, if every line is clean and no text comes twice; else leave the tally
    as it was (False), for the reader to take the batch line by line.

    Each line's numbers after the weight become bytes, translated by ``coding``. The batch is
    clean if no byte is bad, each line ends with the only :data:`_END` it holds, and no
    ranking is empty or names a candidate twice: the test the line-by-line way makes, done in
    C. A weight of any length the JSON parser took is read as the careful way reads it. The
    tally keeps each ranking as those bytes (a *coded* ranking, see :mod:`votecount.tally`),
    which grouping sorts as they are.
    """
    try:
        coded = list(map(bytes.translate, map(bytes, map(_after_weight, rows)), repeat(coding)))
    except ValueError:  # a number past 255
        return False
    joined = b"".join(coded)
    if _BAD in joined or joined.count(_END) != len(coded):
        return False
    if not all(map(bytes.endswith, coded, repeat(_END))):  # as many ends as lines, misplaced
        return False
    rankings = joined.split(_END)
    rankings.pop()  # the empty text after the last end
    if b"" in rankings or list(map(len, map(set, rankings))) != list(map(len, rankings)):
        return False
    if len(set(fresh)) != len(fresh):
        return False
    decoded = zip(rankings, map(_weight, rows), strict=True)  # each ranking kept as its bytes
    tally.rankings.update(zip(fresh, decoded, strict=True))
    tally.lines.update(zip(fresh, fresh_at, strict=True))
    return True


__all__ = ["FAST_DIGITS", "FAST_WEIGHT", "coding_for", "plain_rows", "tally_clean_batch"]
