"""The package of an OpenDocument spreadsheet (``.ods``): the zip (OpenDocument 1.2, Part 3)
opened to its ``content.xml`` once it is known to be a spreadsheet and not protected by a
password, and the part's prolog read before anything else, to refuse a document type
declaration (the dangerous features of XML, entities that expand to gigabytes above all, all
need one, and no spreadsheet has one).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import IO
from xml.parsers import expat

from votecount.errors import BallotFileError
from votecount.formats._common import MAX_FILE_BYTES
from votecount.formats.ods_cells import bad

MAX_CONTENT_BYTES = MAX_FILE_BYTES
"""The most bytes ``content.xml`` may decompress to: the most of any file votecount reads."""

MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"

MAX_PART_BYTES = 1 << 20
"""The most bytes read of the mimetype and the manifest."""

_ENCODING = re.compile(rb"(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)")
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError)
"""What reading a damaged zip member raises (a bad checksum, a cut stream, an encrypted or
unknown compression method)."""


def content_part(data: bytes, source: str | None) -> IO[bytes]:
    """``content.xml``, open for reading, after checking the package is a spreadsheet that is
    not protected by a password (an encrypted part would read as noise)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "mimetype" in names:
            with archive.open("mimetype") as kind:
                mimetype = kind.read(len(MIMETYPE) + 64).strip()
            if mimetype != MIMETYPE:
                bad(f"its mimetype is {mimetype[:64]!r}, not an OpenDocument spreadsheet's", source)
        if "META-INF/manifest.xml" in names:
            with archive.open("META-INF/manifest.xml") as manifest:
                if b"encryption-data" in manifest.read(MAX_PART_BYTES):
                    raise BallotFileError("the .ods file is protected by a password", path=source)
        if "content.xml" not in names:
            bad("it holds no content.xml, where OpenDocument keeps the sheets", source)
        size = archive.getinfo("content.xml").file_size
        if size > MAX_CONTENT_BYTES:
            bad(
                f"content.xml would decompress to {size:,} bytes, over the {MAX_CONTENT_BYTES:,} read", source
            )
        return archive.open("content.xml")
    except ZIP_ERRORS as exc:
        bad(str(exc), source)


def in_utf8(head: bytes) -> bool:
    """Whether a part beginning ``head`` is in UTF-8 (or ASCII), the encoding in which rows are
    cut and parsed on their own; any other is left to the parser whole."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00", b"\x4c\x6f")):
        return False
    declared = _ENCODING.match(head)
    return declared is None or declared.group(1).lower() in (b"utf-8", b"utf8", b"us-ascii", b"ascii")


class _Refused(Exception):
    """Raised inside expat's handler, to stop it (see :class:`Prolog`)."""


class Prolog:
    """expat, with no handlers but two, reading a part until its root element starts, so that
    a document type declaration before it is refused (the dangerous features of XML, entities
    above all, all need one, and no spreadsheet has one)."""

    def __init__(self) -> None:
        self.parser = expat.ParserCreate()
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.StartElementHandler = self._root
        self.done = False

    def _doctype(self, *_: object) -> None:
        raise _Refused

    def _root(self, *_: object) -> None:
        self.done = True
        raise _Refused

    def feed(self, chunk: bytes, source: str | None) -> None:
        try:
            self.parser.Parse(chunk, not chunk)
        except _Refused:
            if not self.done:
                bad("content.xml declares a document type (DOCTYPE), which no spreadsheet needs", source)
        except (expat.ExpatError, LookupError, ValueError):
            self.done = True  # not well-formed: the tree's parser says where


__all__ = ["MAX_CONTENT_BYTES", "ZIP_ERRORS", "Prolog", "content_part", "in_utf8"]
