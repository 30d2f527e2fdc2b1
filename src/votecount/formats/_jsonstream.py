"""A JSON profile read a block at a time: its outer structure scanned by hand, each value by
the standard library's decoder.

A profile's ``ballots`` array may hold millions of records, most of them alike. Parsed whole,
every record becomes a dict of lists (1.4 GB for a million ballots). Here the file is held a
block (:data:`~votecount.formats._common.BLOCK_CHARS` characters) at a time, cut anywhere, and
:func:`scan_profile` walks only the top-level object's keys, colons and commas and the ballots
array's commas and brackets; each value is decoded by :meth:`json.JSONDecoder.raw_decode`. It
keeps:

* every top-level value but ``ballots``, decoded (a profile's candidates, title, seats), at
  most :data:`MAX_HEAD_CHARS` characters of them in all;
* each *distinct* ballot record's text, with the places in the array where it is (its
  ordinals), and the line each record starts on. A record met before is known by its text up
  to its first ``}`` (an object is complete at its own closing brace, so a known text there is
  the whole record): it is not decoded again, and costs eight bytes (its ordinal and its line).
  Records are kept this way whatever order the keys come in, so ``ballots`` before
  ``candidates`` needs nothing more; the ordinals keep the file's order where several records
  share a line (a document written on one line).

The scanner decides nothing about what the values mean. Where the text is not a document it
can vouch for (bad JSON, lists or objects nested more than
:data:`~votecount.formats._jsondoc.MAX_DEPTH` deep, ``ballots`` given twice or not a list, a
document that is not an object), it raises :class:`NotStreamed`, and the reader reads the text
again whole, so that a damaged file meets exactly the error it always met.
"""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Callable, Iterator
from decimal import Decimal
from itertools import accumulate
from typing import Any

import attrs

from votecount.errors import BallotFileError
from votecount.formats import _common
from votecount.formats._jsondoc import MAX_DEPTH
from votecount.progress import active

MAX_HEAD_CHARS = 1 << 24
"""The most characters a profile's top-level values other than ``ballots`` (candidates, title,
seats, anything a later version adds) may take together: 16 Mi, a thousand times a large
election's candidate list, so that only the ballots may make a file large."""

_WS = re.compile(r"[ \t\n\r]*")
_NEXT = re.compile(r"[ \t\n\r]*,[ \t\n\r]*(?=\{)")  # a comma between two records
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_DECODER = json.JSONDecoder(parse_float=Decimal)
_NEAR_END = 16
"""A decoding error this near the end of the text held may be the block's end cutting a value
(``tr`` of ``true``, ``1.`` of ``1.5``): more text is read and the value decoded again."""

_PROGRESS_RECORDS = 1 << 16
"""Progress is told once in this many ballot records."""


class NotStreamed(Exception):
    """The text is not a profile document the scanner can vouch for: read it whole."""


class Blocks:
    """The text of a file (or a string) in blocks of about
    :data:`~votecount.formats._common.BLOCK_CHARS` characters, cut anywhere: a JSON file may
    be one line, so blocks cannot end at line ends as :class:`~votecount.formats._common.Lines`'
    do. :meth:`whole` gives the whole text again, for a document to be read the old way.
    """

    def __init__(self, blocks: Iterator[str], whole: Callable[[], str], source: str | None) -> None:
        self._blocks = blocks
        self._whole = whole
        self.source = source

    @classmethod
    def of_text(cls, text: str, source: str | None = None) -> Blocks:
        size = _common.BLOCK_CHARS
        return cls((text[i : i + size] for i in range(0, len(text), size)), lambda: text, source)

    @classmethod
    def of_file(cls, path: str, *, encoding: str = "utf-8", size: int) -> Blocks:
        """The text of the file at ``path`` (of at most ``size`` bytes), decoded as it is read."""
        blocks = _common.decoded_blocks(path, encoding, size)
        return cls(blocks, lambda: _whole_file(path, encoding, size), path)

    def next(self) -> str | None:
        """The next block, or None at the end."""
        return next(self._blocks, None)

    def whole(self) -> str:
        return self._whole()


def _whole_file(path: str, encoding: str, size: int) -> str:
    with _common.open_bytes(path) as handle:
        data = handle.read(size + 1)
    if len(data) > size:
        raise BallotFileError(f"the file grew while read to over {size:,} bytes", path=path)
    return _common.decode(data, source=path, encoding=encoding)


@attrs.define
class Scanned:
    """What :func:`scan_profile` found: the other top-level values, decoded; each distinct
    ballot record's text with the ordinals of the records that have it (0 for the first
    record of the array); and the line each record starts on, by ordinal."""

    head: dict[str, Any]
    records: dict[str, int | array[int]]
    lines: array[int]


def scan_profile(blocks: Blocks) -> Scanned:
    """Scan a profile document a block at a time (see the module docstring).

    Raises :class:`NotStreamed` where the text is not a document it can vouch for, and
    :class:`~votecount.errors.BallotFileError` where the values other than the ballots take
    more than :data:`MAX_HEAD_CHARS`.
    """
    return _Scanner(blocks).document()


def depth(text: str) -> int:
    """How deep lists and objects nest in ``text``, a whole JSON value."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(_STEP[b] for b in brackets)) if brackets else 0


class _Scanner:
    """The text held (``buf``), where the scan is in it (``pos``), and the line there.

    ``line`` is the line number at ``counted`` (at or before ``pos``); text before ``pos`` is
    dropped when the next block is read.
    """

    def __init__(self, blocks: Blocks) -> None:
        self.blocks = blocks
        self.buf = ""
        self.pos = 0
        self.line = 1
        self.counted = 0
        self.eof = False
        self.head_chars = 0

    def more(self, at_least: int = 1) -> bool:
        """Drop the text before ``pos`` and read blocks of at least ``at_least`` characters
        more; False at the end of the text."""
        if self.eof:
            return False
        self.line += self.buf.count("\n", self.counted, self.pos)
        parts = [self.buf[self.pos :]]
        got = 0
        while got < at_least:
            block = self.blocks.next()
            if block is None:
                self.eof = True
                break
            parts.append(block)
            got += len(block)
        self.buf = "".join(parts)
        self.pos = self.counted = 0
        return got > 0

    def here(self) -> str:
        """The next character that is not whitespace (``pos`` moves to it), "" at the end."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def line_here(self) -> int:
        self.line += self.buf.count("\n", self.counted, self.pos)
        self.counted = self.pos
        return self.line

    def value(self, limit: int | None = None) -> tuple[Any, str]:
        """The JSON value at ``pos`` and its text (``pos`` moves past it); more blocks are
        read while it runs on past the text held, up to ``limit`` characters."""
        while True:
            buf, pos = self.buf, self.pos
            try:
                found, end = _DECODER.raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                cut = exc.pos >= len(buf) - _NEAR_END or exc.msg.startswith("Unterminated string")
                if self.eof or not cut:
                    raise NotStreamed from None
                end = len(buf)  # read on
            except (ValueError, RecursionError, ArithmeticError):
                raise NotStreamed from None  # a number too long, nested too deep, out of range
            else:
                if end < len(buf) or self.eof:  # a number at the end of the text may go on
                    self.pos = end
                    return found, buf[pos:end]
            if limit is not None and end - pos > limit:
                raise self.too_large()
            self.more(max(len(buf) - pos, 1))  # at least double what is held: linear in all

    def head_value(self) -> tuple[Any, str]:
        """A key or a value other than the ballots, counted against :data:`MAX_HEAD_CHARS`."""
        found, text = self.value(MAX_HEAD_CHARS - self.head_chars)
        self.head_chars += len(text)
        if self.head_chars > MAX_HEAD_CHARS:
            raise self.too_large()
        return found, text

    def too_large(self) -> BallotFileError:
        return BallotFileError(
            f"the values other than the ballots take more than {MAX_HEAD_CHARS:,} characters",
            path=self.blocks.source,
            line=self.line_here(),
        )

    def document(self) -> Scanned:
        head: dict[str, Any] = {}
        records: dict[str, int | array[int]] = {}
        lines = array("I")  # a 4 GiB file has fewer than 2**32 records
        if self.here() != "{":
            raise NotStreamed
        self.pos += 1
        c = self.here()
        if c != "}":
            while True:
                if c != '"':
                    raise NotStreamed
                key, _ = self.head_value()
                if self.here() != ":":
                    raise NotStreamed
                self.pos += 1
                c = self.here()
                if key == "ballots":
                    if c != "[" or len(records) or "ballots" in head:
                        raise NotStreamed  # ballots given twice, or not a list
                    head["ballots"] = None
                    self.ballots(records, lines)
                else:
                    found, text = self.head_value()
                    if 1 + depth(text) > MAX_DEPTH:
                        raise NotStreamed
                    head[key] = found
                c = self.here()
                if c == "}":
                    break
                if c != ",":
                    raise NotStreamed
                self.pos += 1
                c = self.here()
        self.pos += 1
        if self.here() != "":
            raise NotStreamed  # more after the document
        head.pop("ballots", None)
        return Scanned(head, records, lines)

    def ballots(self, records: dict[str, int | array[int]], lines: array[int]) -> None:
        """The ballots array, ``pos`` at its ``[``: each record's text, ordinal and line.

        The inner loop takes records met before from the text held, with no call but C's;
        anything else (a new record, the end of the array or of the text held) goes step by
        step below it.
        """
        known = records.get
        add_line = lines.append
        progress = active()
        report_at = _PROGRESS_RECORDS
        self.pos += 1
        if self.here() == "]":
            self.pos += 1
            return
        while True:
            buf, pos, line, counted = self.buf, self.pos, self.line, self.counted
            n = len(lines)
            done = False  # whether the record at pos is taken (pos then at its end)
            while True:
                end = buf.find("}", pos) + 1
                key = buf[pos:end]
                held = known(key) if end else None
                if held is None:
                    break
                line += buf.count("\n", counted, pos)
                counted = pos
                add_line(line)
                if type(held) is int:
                    records[key] = array("I", (held, n))
                else:
                    held.append(n)  # type: ignore[union-attr]
                n += 1
                following = _NEXT.match(buf, end)
                if following is None:
                    pos, done = end, True
                    break
                pos = following.end()
            self.pos, self.line, self.counted = pos, line, counted
            if n >= report_at:  # records, not lines: a document may be one line
                progress.update(f"reading {self.blocks.source or 'ballots'}", n)
                report_at = n + _PROGRESS_RECORDS
            if not done:
                if self.here() != "{":
                    raise NotStreamed  # not an object, a comma before "]", or the end
                add_line(self.line_here())
                _, text = self.value()
                held = known(text)
                if held is None:
                    if 2 + depth(text) > MAX_DEPTH:
                        raise NotStreamed
                    records[text] = n
                elif type(held) is int:
                    records[text] = array("I", (held, n))
                else:
                    held.append(n)  # type: ignore[union-attr]
            c = self.here()
            if c == "]":
                self.pos += 1
                return
            if c != ",":
                raise NotStreamed
            self.pos += 1
            self.here()


__all__ = ["MAX_HEAD_CHARS", "Blocks", "NotStreamed", "Scanned", "depth", "scan_profile"]
