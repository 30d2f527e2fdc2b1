"""Plain BLT ballot lines coded in C: each ranking as bytes, one byte a candidate's index.

The reader's fast path (:mod:`votecount.formats.blt_batches`) takes many lines at once.
:func:`coded_lines` codes them if every one is a clean paper (a weight in digits, one
space, then known candidates each after one space, none twice, then ``0``), and declines
them otherwise, for the reader to take line by line: it only ever declines, never judges.

Two ways lead to the same codes. From the text itself (:func:`coded_text`, for up to 99
candidates, whose numbers have one or two digits): the weights cut off each line and parsed
as JSON, every two-digit number replaced by one byte (a pass over the text each), and all
the rest translated at once. Or from JSON (:func:`rows_of`): each line parsed into a list
of integers, and its numbers coded from those (:func:`coded_rankings`). The reader takes
the text's way up to :data:`FROM_TEXT_MOST` candidates and JSON's beyond. Either way the
codes then pass the same checks (:func:`_clean`).
"""

from __future__ import annotations

import json
from functools import cache
from itertools import repeat
from operator import itemgetter

_PLAIN = b"0123456789 \n"
"""What plain ballot lines hold: deleting it leaves nothing (anything left, or a character
past ASCII, means line by line)."""

_END = b"\xfe"
"""A line's closing 0, coded (no candidate index reaches it)."""
_BAD = b"\xff"
"""Any number that names no candidate, coded."""

FROM_TEXT_MOST = 25
"""Up to this many candidates, rankings are coded from the text (:func:`coded_text`); with
more, from JSON (:func:`coded_rankings`). The text's way makes a pass over the text for each
candidate from 10 on, JSON's an integer for each number and a list for each line, so the
text's way gains with few candidates and short rankings. Read in a fresh process (the
whole benchmark worker, CPU time, pairs), the text's way took 0.97 of JSON's time on the
Labour NEC workload (25 candidates, rankings of ten or so), 1.10 on generated full rankings
of 25 and 1.16 of 30; warm, 0.67 with 12 candidates and 0.93 with 20 (full rankings)."""

TEXT_MOST = 99
"""The most candidates :func:`coded_text` can code (numbers of one or two digits)."""

_head = itemgetter(0)
_tail = itemgetter(2)
_after_weight = itemgetter(slice(1, None))


def coded_lines(lines: list[str], text: str, n: int) -> tuple[list[bytes], list[int]] | None:
    """The rankings of ``lines`` (``text``: the lines joined by newlines) coded for ``n``
    candidates, with their weights, if every line is a clean paper; else None."""
    if n <= FROM_TEXT_MOST:
        return coded_text(lines, text, n)
    rows = rows_of(text)
    rankings = coded_rankings(rows, n, text) if rows else None
    return None if rankings is None else (rankings, list(map(_head, rows)))


def plain(text: str) -> bool:
    """Whether ``text`` holds nothing but digits, spaces and line ends."""
    return text.isascii() and not text.encode("ascii").translate(None, _PLAIN)
    # (deleted from the ASCII bytes: three times quicker than from the text)


def coded_text(lines: list[str], text: str, n: int) -> tuple[list[bytes], list[int]] | None:
    """:func:`coded_lines` from the text, for up to :data:`TEXT_MOST` candidates.

    The lines are declined unless they are plain (:func:`plain`) with no two spaces side by
    side and each ends with `` 0``. Each line's weight, up to its first space, is parsed as
    JSON (a weight with a leading zero, or none, declines them). The rest of the lines are
    joined with spaces around every number; each of ``10`` to ``n`` is replaced by a byte of
    its own (the same length, so that each replacement is a copy and a search, in C). A
    number of two digits or more left over declines the lines: one past the candidates, one
    with a leading zero, or a candidate named twice side by side (the second is not
    replaced). What remains translates to the codes, spaces deleted.
    """
    if n > TEXT_MOST or not plain(text) or "  " in text or not _closed(text, len(lines)):
        return None
    parts = list(map(str.partition, lines, repeat(" ")))
    try:
        weights: list[int] = json.loads("[" + ",".join(map(_head, parts)) + "]")
    except ValueError:
        return None
    if len(weights) != len(lines):
        return None  # a line starting with a space: no weight (and the only line)
    numbers = (" " + " ".join(map(_tail, parts)) + " ").encode("ascii")
    for number, byte in _two_digits(n):
        numbers = numbers.replace(number, byte)
    if b"dd" in numbers.translate(_DIGITS_MARKED):
        return None
    rankings = _clean(numbers.translate(_text_coding(n), b" "), len(lines), n)
    return None if rankings is None else (rankings, weights)


_DIGITS_MARKED = bytes(ord("d") if ord("0") <= b <= ord("9") else ord(" ") for b in range(256))
"""Every digit to ``d``, anything else to a space: two ``d`` side by side are a number of
two digits or more."""


def _two_byte(t: int) -> int:
    """The byte the number ``t`` (10 to 99) becomes in :func:`coded_text`."""
    return 0x80 + t


@cache
def _two_digits(n: int) -> tuple[tuple[bytes, bytes], ...]:
    """For each candidate's number of two digits, up to ``n``: the number between spaces,
    and what replaces it (its byte, then spaces to the same length)."""
    return tuple((b" %d " % t, bytes((32, _two_byte(t), 32, 32))) for t in range(10, n + 1))


@cache
def _text_coding(n: int) -> bytes:
    """What :func:`coded_text` translates by: ``0`` to :data:`_END`, a digit 1 to 9 or the
    byte of a number 10 to ``n`` to the candidate's index, anything else to :data:`_BAD`."""
    table = bytearray(_BAD * 256)
    table[ord("0")] = _END[0]
    for number in range(1, n + 1):
        table[ord(str(number)) if number < 10 else _two_byte(number)] = number - 1
    return bytes(table)


def rows_of(batch: str) -> list[list[int]]:
    """The numbers on each line of ``batch`` (lines joined by newlines), parsed in C as one
    JSON array of arrays, if every line is whole numbers in digits, each after one space;
    else nothing (the lines are read one by one).

    A space too many or a leading zero is a JSON error; any other character is refused first.
    """
    if not plain(batch):
        return []
    try:
        rows: list[list[int]] = json.loads("[[" + batch.replace(" ", ",").replace("\n", "],[") + "]]")
    except ValueError:
        return []
    return rows


def coding_for(n: int) -> bytes | None:
    """The table :func:`coded_rankings` translates numbers with, for ``n`` candidates
    numbered from 1: a candidate's number to its index, 0 to :data:`_END`, any other byte to
    :data:`_BAD` (None when the indices would not fit below :data:`_END`: the fast path is
    then not taken)."""
    if n >= _END[0]:
        return None
    return _END + bytes(range(n)) + _BAD * (255 - n)


def coded_rankings(rows: list[list[int]], n: int, text: str) -> list[bytes] | None:
    """Each row's ranking coded as bytes for ``n`` candidates, if every row is a clean
    paper; else None. ``text`` is the rows' lines joined by newlines.

    Each row's numbers after the weight become bytes, translated by :func:`coding_for`. A
    weight of any length the JSON parser took is read as the careful way reads it.
    """
    coding = coding_for(n)
    if coding is None or not _closed(text, len(rows)):
        return None
    try:
        joined = b"".join(map(bytes, map(_after_weight, rows))).translate(coding)
    except ValueError:  # a number past 255
        return None
    return _clean(joined, len(rows), n)


def _closed(text: str, lines: int) -> bool:
    """Whether each of the ``lines`` lines of ``text`` ends with `` 0``."""
    return text.endswith(" 0") and text.count(" 0\n") == lines - 1


def _clean(joined: bytes, lines: int, n: int) -> list[bytes] | None:
    """The rankings of ``joined`` (the codes of ``lines`` lines' numbers after their
    weights), if they are clean: no number unknown, no 0 but each line's last, no ranking
    empty, none naming a candidate of the ``n`` twice; else None."""
    if _BAD in joined or joined.count(_END) != lines:
        return None  # an unknown number, or a 0 before a line's end
    if joined.startswith(_END) or _END + _END in joined:
        return None  # an empty ranking
    rankings = joined.split(_END)
    rankings.pop()  # the empty text after the last end
    if _names_one_twice(joined, rankings, n):
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


__all__ = [
    "FROM_TEXT_MOST",
    "PASS_BYTES",
    "PASS_RANKINGS",
    "TEXT_MOST",
    "coded_lines",
    "coded_rankings",
    "coded_text",
    "coding_for",
    "plain",
    "rows_of",
    "twice_by_candidate",
    "twice_by_ranking",
]
