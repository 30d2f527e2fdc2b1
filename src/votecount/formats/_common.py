"""What every reader shares: decoding bytes, exact weights and whole numbers, unique candidate ids.

Numbers in a file are read from ASCII digits only: ``int()`` would also take ``٣`` (an
Arabic-Indic three) and ``str.isdigit()`` passes ``²``, which ``int()`` then refuses; and
no number may have more digits than Python converts by default, so that a hostile file
meets a located error rather than the interpreter's limit.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from fractions import Fraction

from votecount.ballots import Candidate, Weight
from votecount.errors import BallotFileError

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
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start : exc.end].hex(" ")
        raise BallotFileError(
            f"byte 0x{bad} at column {column} cannot be decoded as {encoding} "
            f"({exc.reason}); give the file's encoding "
            "(encoding=... in Python, --encoding on the command line)",
            path=source,
            line=line,
        ) from None
    return text


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
