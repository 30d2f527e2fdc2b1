"""Ballot files: read any supported format into a :class:`~votecount.profile.Profile`, and back.

>>> from votecount.formats import loads, dumps
>>> profile = loads('3 1\\n2 1 2 0\\n1 3 0\\n0\\n"A"\\n"B"\\n"C"\\n"Demo"\\n', "blt")
>>> profile.total_weight, profile.validation.counted_as_cast
(3, 3)
>>> loads(dumps(profile, "blt"), "blt") == profile
True

Every reader parses the papers *as written* first; the validity ``policy`` (see
:mod:`votecount.validity`) then decides which count, which are repaired and which are set
aside, and the profile carries the :class:`~votecount.validation.ValidationReport`.

Formats, by name (and file extension): ``blt`` (.blt), ``csv`` (.csv), ``soi`` and ``toi``
(PrefLib, .soi/.toi), ``json`` (.json), and, read only, ``xlsx`` and ``ods`` (spreadsheets,
with the optional extra ``spreadsheet``). See ``docs/formats.md``.
"""

from __future__ import annotations

import importlib
import inspect
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from votecount.collector import collector_paused
from votecount.errors import BallotError, BallotFileError, OptionError, OutputError
from votecount.formats._common import MAX_FILE_BYTES, Lines, decode
from votecount.profile import Profile

if TYPE_CHECKING:
    from votecount.formats._jsonstream import Blocks
from votecount.validity import (
    RETURNING_OFFICER,
    OnInvalid,
    RawElection,
    ValidityPolicy,
)

PathLike = str | os.PathLike[str]
Parser = Callable[..., RawElection]
Writer = Callable[..., str]


@attrs.frozen
class Format:
    """A ballot-file format: its name, file extensions, reader and writer; a ``binary``
    format's reader takes the file's bytes (a spreadsheet), not decoded text.

    ``reader`` and ``writer`` name functions as ``"module:function"`` within
    ``votecount.formats``; a format's module is imported the first time it is used, so that
    reading a BLT file never loads the spreadsheet or CSV readers."""

    name: str
    extensions: tuple[str, ...]
    reader: str
    writer: str
    streams: bool = False
    """Whether the reader also takes a file's :class:`~votecount.formats._common.Lines`, read
    a block at a time, instead of the whole text."""
    binary: bool = False
    blocks: bool = False
    """Whether the reader also takes a file's :class:`~votecount.formats._jsonstream.Blocks`
    (blocks cut anywhere, for a format with no lines to cut at: JSON) instead of its text."""

    @property
    def parse(self) -> Parser:
        """The reader: text (or bytes, or ``Lines``) to the election as written."""
        parse: Parser = _function(self.reader)
        return parse

    @property
    def dump(self) -> Writer:
        """The writer: a profile to the format's text."""
        dump: Writer = _function(self.writer)
        return dump


def _function(where: str) -> Callable[..., Any]:
    module, _, name = where.partition(":")
    function: Callable[..., Any] = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    return function


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("blt", (".blt",), "blt:parse_blt", "blt_write:dumps_blt", streams=True),
        Format("csv", (".csv",), "csv:parse_csv", "csv:dumps_csv", streams=True),
        Format("soi", (".soi", ".soc"), "preflib:parse_preflib", "preflib:dumps_soi", streams=True),
        Format("toi", (".toi", ".toc"), "preflib:parse_preflib", "preflib:dumps_toi", streams=True),
        Format("json", (".json",), "jsonio:parse_json", "jsonio:dumps_json", blocks=True),
        Format(
            "xlsx", (".xlsx", ".xlsm"), "spreadsheet:parse_xlsx", "spreadsheet:dumps_spreadsheet", binary=True
        ),
        Format("ods", (".ods",), "spreadsheet:parse_ods", "spreadsheet:dumps_spreadsheet", binary=True),
    )
}
"""Every ballot format by name."""

_PROFILE_OPTIONS = ("max_preferences", "max_marks")


def format_for(path: PathLike | None, format: str | None = None) -> Format:
    """The format named ``format``, or else the one the file's extension says."""
    if format is not None:
        key = format.lower().lstrip(".")
        if key not in FORMATS:
            raise OptionError(
                f"unknown ballot format {format!r}; known: {', '.join(FORMATS)}",
                option="ballot format",
                value=format,
                choices=list(FORMATS),
            )
        return FORMATS[key]
    suffix = Path(os.fspath(path)).suffix.lower() if path is not None else ""
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    known = ", ".join(e for f in FORMATS.values() for e in f.extensions)
    raise BallotFileError(
        f"cannot tell the format from the extension {suffix!r}: name the file {known}, "
        f"or give format= ({', '.join(FORMATS)})",
        path=os.fspath(path) if path is not None else None,
    )


def loads(
    text: str | bytes,
    format: str,
    *,
    policy: str | ValidityPolicy = RETURNING_OFFICER,
    on_invalid: OnInvalid = "report",
    source: str | None = None,
    encoding: str = "utf-8",
    **opts: Any,
) -> Profile:
    """Read ballots from a string (or bytes) in ``format``; see :func:`read`."""
    fmt = format_for(None, format)
    if isinstance(text, bytes) and not fmt.binary:
        text = decode(text, source=source, encoding=encoding)
    elif isinstance(text, str) and text.startswith("\ufeff"):
        text = text[1:]
    return _profile(fmt, text, source, policy=policy, on_invalid=on_invalid, **opts)


def _profile(
    fmt: Format,
    text: str | bytes | Lines | Blocks,
    source: str | None,
    *,
    policy: str | ValidityPolicy,
    on_invalid: OnInvalid,
    **opts: Any,
) -> Profile:
    """Parse ``text`` in ``fmt``, then judge its papers into a profile."""
    profile_opts = {k: opts.pop(k) for k in _PROFILE_OPTIONS if k in opts}
    given = {k: opts.pop(k) for k in ("seats", "title") if k in opts}
    particulars = {k: v for k, v in given.items() if v is not None}
    accepted = inspect.signature(fmt.parse).parameters
    unknown = sorted(k for k in opts if k not in accepted or k == "source")
    if unknown:
        raise TypeError(f"the {fmt.name} reader has no option {', '.join(map(repr, unknown))}")
    with collector_paused():  # a large file makes objects by the hundred thousand, no cycles
        raw = fmt.parse(text, source=source, **opts)
        if particulars:
            raw = attrs.evolve(raw, **particulars)
        try:
            return raw.to_profile(policy, on_invalid=on_invalid, **profile_opts)
        except BallotError as exc:  # what the file holds cannot make a profile (two ids alike...)
            raise BallotFileError(str(exc), path=source) from exc


def read(
    path: PathLike,
    format: str | None = None,
    *,
    policy: str | ValidityPolicy = RETURNING_OFFICER,
    on_invalid: OnInvalid = "report",
    encoding: str = "utf-8",
    **opts: Any,
) -> Profile:
    """Read a ballot file into a :class:`Profile`, choosing the format by extension.

    ``policy`` is the validity policy (``"returning-officer"``, ``"strict"``, ``"as-cast"``
    or a :class:`~votecount.validity.ValidityPolicy`). Papers it sets aside are listed in
    ``profile.validation``; with ``on_invalid="raise"`` the first one raises
    :class:`~votecount.errors.InvalidBallotError`. A file that cannot be read at all raises
    :class:`~votecount.errors.BallotFileError` naming the line and the reason.
    ``opts`` go to the format's reader (e.g. ``layout=`` for CSV); ``seats=`` and ``title=``
    override the file's own (PrefLib and CSV files have no seats); ``max_preferences`` /
    ``max_marks`` are limits for the validity check.

    A format that streams (BLT, PrefLib, CSV, JSON) is read a block at a time, so that
    memory grows with the distinct lines (records) of the file, not with its size.
    """
    fmt = format_for(path, format)
    source = os.fspath(path)
    if fmt.streams or fmt.blocks:
        size = regular_file_size(source)
        opened = _blocks().of_file if fmt.blocks else Lines.of_file
        text: str | bytes | Lines | Blocks = opened(source, encoding=encoding, size=size)
    elif fmt.binary:
        text = read_file_bytes(source)
    else:
        text = decode(read_file_bytes(source), source=source, encoding=encoding)  # the bytes go at once
    return _profile(fmt, text, source, policy=policy, on_invalid=on_invalid, **opts)


def _blocks() -> type[Blocks]:
    """:class:`~votecount.formats._jsonstream.Blocks`, imported for a format read in blocks
    (JSON) when one is first read: reading a BLT file does not load the JSON stream."""
    blocks: type[Blocks] = importlib.import_module("votecount.formats._jsonstream").Blocks
    return blocks


def regular_file_size(source: str) -> int:
    """The size of the regular file ``source``, at most :data:`MAX_FILE_BYTES`; else a located error.
    A file that says it is empty (as some virtual files do) may be read up to the limit.

    A directory, a FIFO or a device such as ``/dev/zero`` is refused before it is opened: a
    FIFO would block until a writer came, and ``/dev/zero`` never ends.
    """
    try:
        info = os.stat(source)
    except OSError as exc:
        raise BallotFileError(f"cannot open the file: {exc.strerror}", path=source) from exc
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a directory"
            if stat.S_ISDIR(info.st_mode)
            else "a FIFO (named pipe)"
            if stat.S_ISFIFO(info.st_mode)
            else "a device or other special file"
        )
        raise BallotFileError(f"not a regular file: it is {kind}; give a ballot file", path=source)
    if info.st_size > MAX_FILE_BYTES:
        too_big = f"bytes, more than the {MAX_FILE_BYTES:,} bytes a ballot file may have"
        raise BallotFileError(f"the file has {info.st_size:,} {too_big}", path=source)
    return MAX_FILE_BYTES if info.st_size == 0 else info.st_size


_MORE = 1 << 20
"""How much more of a file that goes on past its stated size is read at a time."""


def read_file_bytes(source: str) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_FILE_BYTES`, or a located error.

    The size is checked before reading (:func:`regular_file_size`), and the read itself stops
    one byte past the limit, so that a file growing while it is read cannot make it
    unbounded either. The file is read in one piece of the size it states (and a byte, to
    see whether it goes on), then, if it does, a megabyte at a time: a read is never asked
    for the limit at once, which would allocate a buffer of that size for every file.
    """
    size = regular_file_size(source)
    first = size + 1 if size < MAX_FILE_BYTES else _MORE
    try:
        with open(source, "rb") as handle:
            parts = [handle.read(first)]
            held = len(parts[0])
            while parts[-1] and held <= MAX_FILE_BYTES and held >= first:  # it goes on
                parts.append(handle.read(min(_MORE, MAX_FILE_BYTES + 1 - held)))
                held += len(parts[-1])
    except OSError as exc:
        raise BallotFileError(f"cannot open the file: {exc.strerror}", path=source) from exc
    data = parts[0] if len(parts) == 1 else b"".join(parts)
    if len(data) > MAX_FILE_BYTES:
        raise BallotFileError(f"the file grew while read to over {MAX_FILE_BYTES:,} bytes", path=source)
    return data


def dumps(profile: Profile, format: str, **opts: Any) -> str:
    """Write ``profile`` as text in ``format`` (see :func:`write`)."""
    return format_for(None, format).dump(profile, **opts)


def write(profile: Profile, path: PathLike, format: str | None = None, **opts: Any) -> None:
    """Write ``profile`` to ``path`` in ``format`` (by default, the one its extension says).

    Files are written as UTF-8, with ``\\n`` line ends. A file that cannot be written (its
    folder does not exist, say) raises :class:`~votecount.errors.OutputError`.
    """
    fmt = format_for(path, format)
    write_text(path, fmt.dump(profile, **opts))


def write_text(path: PathLike, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8 with ``\\n`` line ends; :class:`OutputError` if it
    cannot be written."""
    target = os.fspath(path)
    try:
        Path(target).write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise OutputError(f"cannot write the file: {exc.strerror or exc}", path=target) from exc


__all__ = ["FORMATS", "Format", "dumps", "format_for", "loads", "read", "write", "write_text"]
