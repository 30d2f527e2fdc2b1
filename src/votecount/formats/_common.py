"""What every reader shares: decoding bytes, exact weights and whole numbers, unique candidate ids.

Numbers in a file are read from ASCII digits only: ``int()`` would also take ``٣`` (an
Arabic-Indic three) and ``str.isdigit()`` passes ``²``, which ``int()`` then refuses; and
no number may have more digits than Python converts by default, so that a hostile file
meets a located error rather than the interpreter's limit.
"""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import BinaryIO, Literal, NoReturn

from votecount.ballots import Candidate, Weight
from votecount.errors import BallotFileError

Layout = Literal["preferences", "ranks", "marks"]
"""How a ballot table's cells hold a paper: candidates in order of preference, a rank under
each candidate, or a mark under each candidate chosen (:mod:`votecount.formats.columns`)."""
LAYOUTS: tuple[Layout, ...] = ("preferences", "ranks", "marks")

_WEIGHT = re.compile(r"\+?([0-9]+(\.[0-9]*)?|\.[0-9]+|[0-9]+/[0-9]+)")

MAX_DIGITS = sys.int_info.default_max_str_digits
"""The most digits a number in a file may have: Python's own default limit (4300)."""

MAX_FILE_BYTES = 4 * 1024**3
"""The largest ballot file read (4 GiB): far above any real election (5,000,000 ballots over
150 candidates is under 1 GB of BLT), low enough that a mistaken path fails at once."""


def decode(data: bytes, *, source: str | None, encoding: str = "utf-8") -> str:
    """Decode a file's bytes, dropping a UTF-8 byte-order mark; name the line of a bad byte."""
    try:
        text = data.decode("utf-8-sig" if encoding.lower().replace("_", "-") == "utf-8" else encoding)
    except LookupError:
        raise BallotFileError(f"unknown encoding {encoding!r}", path=source) from None
    except UnicodeDecodeError as exc:
        _undecodable(data, exc, 0, encoding, source)
    return text


BLOCK_CHARS = 1 << 18
"""How much of a file is held at a time while its lines are read (about a quarter of a
megabyte). Smaller blocks hold less at once: what one block's lines make and drop is made
again in the same memory by the next, where a megabyte's would ask the system for new
pages. Reading the 200,000-ballot IRV benchmark file in a fresh process took 7,800 new
pages with blocks of 1 MiB and 5,600 with these (each costs a few microseconds of system
time), for 0.4% more instructions; blocks of 128 KiB and 64 KiB saved no more."""


class Lines:
    """The lines of a ballot file, a block at a time, split at newlines only.

    A reader walks them with :meth:`next` (one line) or, in a hot loop, takes the rest of the
    block held now with :meth:`block` and says how far it got with :meth:`skip_to`. Only one
    block is held at a time, so that reading a file of millions of lines needs memory for
    what the reader keeps, not for the lines. ``number`` is the 1-based number of the line
    last given (0 before the first); ``size`` bounds the number of lines the file can have.
    """

    def __init__(self, blocks: Iterator[str], *, size: int, source: str | None = None) -> None:
        self._blocks = blocks
        self._held: list[str] = []
        self._at = 0  # index in _held of the next line
        self._before = 0  # lines before _held[0]
        self.size = size
        self.source = source

    @classmethod
    def of_text(cls, text: str, source: str | None = None) -> Lines:
        return cls(_text_blocks(text), size=len(text), source=source)

    @classmethod
    def of_file(cls, path: str, *, encoding: str = "utf-8", size: int) -> Lines:
        """The lines of the file at ``path`` (of ``size`` bytes), decoded as they are read."""
        return cls(_file_blocks(path, encoding, size), size=size, source=path)

    @property
    def number(self) -> int:
        return self._before + self._at

    def block(self) -> tuple[list[str], int, int] | None:
        """The block held now, the index of its next line and the number of lines before the
        block (a new block is read when this one is used up), or None at the end."""
        while self._at >= len(self._held):
            self._before += len(self._held)
            self._at = 0
            self._held = []
            text = next(self._blocks, None)
            if text is None:
                return None
            self._held = _split(text)
        return self._held, self._at, self._before

    def skip_to(self, index: int) -> None:
        """Lines before ``index`` in the block held now have been read."""
        self._at = index

    def next(self) -> str | None:
        """The next line, or None at the end of the file."""
        got = self.block()
        if got is None:
            return None
        held, at, _ = got
        self._at = at + 1
        return held[at]

    def texts(self) -> Iterator[str]:
        """The text itself, a block at a time, each ending at a line end and the line ends as
        written: for a reader whose records may run over lines (CSV's quoted cells), instead
        of the lines."""
        return self._blocks


def _split(text: str) -> list[str]:
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    elif lines[-1].endswith("\r"):
        lines[-1] = lines[-1][:-1]
    return lines


def _text_blocks(text: str) -> Iterator[str]:
    """``text`` in blocks of about :data:`BLOCK_CHARS`, each ending at a line end."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + BLOCK_CHARS)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def _file_blocks(path: str, encoding: str, size: int) -> Iterator[str]:
    """The file's text in blocks ending at line ends, decoded as read (see
    :func:`decoded_blocks`)."""
    carry: list[str] = []  # the decoded text since the last line end, in pieces
    for text in decoded_blocks(path, encoding, size):
        cut = text.rfind("\n") + 1
        if cut:  # a piece of a long line is joined once, when its end comes
            yield "".join([*carry, text[:cut]])
            carry = []
        if text[cut:]:
            carry.append(text[cut:])
    if carry:
        yield "".join(carry)


def open_bytes(path: str) -> BinaryIO:
    """The file at ``path``, opened to read its bytes; a file that cannot be opened is a
    :class:`BallotFileError` naming it."""
    try:
        return open(path, "rb")
    except OSError as exc:
        raise BallotFileError(f"cannot open the file: {exc.strerror}", path=path) from exc


def decoded_blocks(path: str, encoding: str, size: int) -> Iterator[str]:
    """The file's text, decoded a block (:data:`BLOCK_CHARS` bytes) at a time, each block cut
    wherever it falls. A byte that does not decode sends the whole file to :func:`decode`,
    which names its line and column; a file grown past ``size`` bytes is refused."""
    name = "utf-8-sig" if encoding.lower().replace("_", "-") == "utf-8" else encoding
    try:
        decoder = codecs.getincrementaldecoder(name)()
    except LookupError:
        raise BallotFileError(f"unknown encoding {encoding!r}", path=path) from None
    read = 0
    with open_bytes(path) as handle:
        while True:
            data = handle.read(BLOCK_CHARS)
            read += len(data)
            if read > size:
                raise BallotFileError(f"the file grew while read to over {size:,} bytes", path=path)
            try:
                text = decoder.decode(data, not data)
            except UnicodeDecodeError:
                handle.seek(0)
                decode(handle.read(size + 1), source=path, encoding=encoding)
                raise  # decode() raises first: the same bytes fail there
            if text:
                yield text
            if not data:
                return


def _undecodable(
    data: bytes, exc: UnicodeDecodeError, lines_before: int, encoding: str, source: str | None
) -> NoReturn:
    line = lines_before + data.count(b"\n", 0, exc.start) + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    bad = data[exc.start : exc.end].hex(" ")
    raise BallotFileError(
        f"byte 0x{bad} at column {column} cannot be decoded as {encoding} "
        f"({exc.reason}); give the file's encoding "
        "(encoding=... in Python, --encoding on the command line)",
        path=source,
        line=line,
    ) from None


def split_lines(text: str) -> list[str]:
    """Lines split at newlines only (names may hold other characters that str.splitlines
    treats as line breaks, such as U+0085 in double-encoded UTF-8)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def shown(token: str, width: int = 40) -> str:
    """``token`` quoted for a message, cut short if it is long (a hostile number may not be)."""
    return repr(token if len(token) <= width else token[:width] + "...")


def whole_number(token: str) -> int | None:
    """``token`` as a whole number if it is one written in ASCII digits, within
    :data:`MAX_DIGITS`; else None (the caller says why that is an error)."""
    if token.isascii() and token.isdigit() and len(token) <= MAX_DIGITS:
        return int(token)
    return None


def parse_whole(token: str, *, what: str, source: str | None, line: int | None) -> int:
    """A whole number (ASCII digits) from ``token``, or a located error saying ``what`` it was."""
    number = whole_number(token)
    if number is None:
        if token.isascii() and token.isdigit():
            reason = f"{what} has {len(token)} digits, more than {MAX_DIGITS}"
            raise BallotFileError(reason, path=source, line=line)
        raise BallotFileError(f"{what} {shown(token)} is not a whole number", path=source, line=line)
    return number


def parse_weight(token: str, *, source: str | None, line: int | None) -> Weight:
    """An exact weight from ``12``, ``1.5`` or ``3/2``; a clear error for anything else."""
    if len(token) > MAX_DIGITS:
        reason = f"weight {shown(token)} has {len(token)} characters, more than {MAX_DIGITS}"
        raise BallotFileError(reason, path=source, line=line)
    if token.isascii() and token.isdigit():
        return int(token)
    if token.startswith("-") and _WEIGHT.fullmatch(token[1:]):
        raise BallotFileError(f"negative weight {shown(token)}", path=source, line=line)
    if not _WEIGHT.fullmatch(token):
        raise BallotFileError(f"weight {shown(token)} is not a number", path=source, line=line)
    try:
        value = Fraction(token)
    except ZeroDivisionError:
        raise BallotFileError(f"weight {shown(token)} divides by zero", path=source, line=line) from None
    return int(value) if value.denominator == 1 else value


def format_weight(weight: Weight) -> str:
    """A weight written exactly: ``12``, ``1.5`` when the decimal is exact, else ``1/3``."""
    if isinstance(weight, int):
        return str(weight)
    if weight.denominator == 1:
        return str(weight.numerator)
    d = weight.denominator
    twos = fives = 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d != 1:
        return f"{weight.numerator}/{weight.denominator}"
    places = max(twos, fives)
    scaled = weight * 10**places
    assert scaled.denominator == 1
    digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
    return f"{digits[:-places]}.{digits[-places:]}"


def unique_candidates(names: Sequence[str], ids: Sequence[str] | None = None) -> tuple[Candidate, ...]:
    """Candidates from names (and ids); a repeated name gets an id that tells them apart.

    The second ``Jane SMITH`` gets the id ``Jane SMITH (2)`` (its 1-based position), so that
    files listing one name twice still read; the names are kept as written.
    """
    wanted = list(ids) if ids is not None else list(names)
    seen: set[str] = set()
    out = []
    for i, (name, ident) in enumerate(zip(names, wanted, strict=True)):
        if ident in seen:
            ident = f"{ident} ({i + 1})"
        seen.add(ident)
        out.append(Candidate(name, ident))
    return tuple(out)
