"""Many new BLT ballot lines taken at once, for the reader's fast path.

The BLT reader (:mod:`votecount.formats.blt`) first tries to take the lines of a block
that start with a digit 1 to 9 (:func:`leading_ballots`) as one run, when none was met
before or comes twice and each is clean (:func:`tally_run`). Otherwise it gathers the new
lines of the block that start with a digit; if every one is a clean paper (a weight, known
candidates none twice, the closing ``0``) and no text comes twice, the whole batch goes to
the tally at once (:func:`tally_clean_batch`). The lines are coded and checked in C
(:mod:`votecount.formats.blt_coding`). Anything else is decoded line by line by the reader,
as before: these functions only ever decline lines, never judge a paper.
"""

from __future__ import annotations

import re

from votecount.formats.blt_coding import coded_lines
from votecount.tally import CleanTally

FAST_DIGITS = 18
"""Weights of up to this many digits take the line-by-line fast path (longer ones are
checked carefully there)."""

FAST_WEIGHT = 10**FAST_DIGITS


def tally_clean_batch(tally: CleanTally, fresh: list[str], text: str, fresh_at: list[int], n: int) -> bool:
    """Put a batch of new lines (``fresh``, joined by newlines in ``text``, on lines
    ``fresh_at``) naming ``n`` candidates into ``tally`` at once, if every line is clean
    (:func:`~votecount.formats.blt_coding.coded_lines`) and no text comes twice; else leave
    the tally as it was (False), for the reader to take the batch line by line. The tally
    keeps each ranking as its bytes (a *coded* ranking, see :mod:`votecount.tally`), which
    grouping sorts as they are.
    """
    if len(set(fresh)) != len(fresh):
        return False
    coded = coded_lines(fresh, text, n)
    if coded is None:
        return False
    tally.rankings.update(zip(fresh, zip(*coded, strict=True), strict=True))
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


def tally_run(tally: CleanTally, lines: list[str], text: str, first: int, n: int) -> bool:
    """Put consecutive ``lines`` (``text``, joined by newlines; the first on line ``first``)
    naming ``n`` candidates into ``tally`` as one run
    (:meth:`~votecount.tally.CleanTally.run`), if none of their texts was met before or comes
    twice and every line is clean (:func:`~votecount.formats.blt_coding.coded_lines`); else
    leave the tally as it was (False), for the reader to take the lines as before.

    A file of distinct weighted lines (a profile written with each ranking once) is read
    this way a block at a time, with no step taken per line in Python.
    """
    if tally.run_lines + len(lines) > RUNS_MOST:
        return False
    if (tally.lines and not tally.lines.keys().isdisjoint(lines)) or len(set(lines)) != len(lines):
        return False
    coded = coded_lines(lines, text, n)
    if coded is None:
        return False
    tally.run(*coded, first)
    return True


__all__ = [
    "FAST_DIGITS",
    "FAST_WEIGHT",
    "RUNS_MOST",
    "RUN_LINES",
    "leading_ballots",
    "tally_clean_batch",
    "tally_run",
]
