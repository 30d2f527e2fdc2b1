"""What the XML readers share: a parser that refuses DTDs, and children by local name.

XML from outside is hostile until proven otherwise. The dangerous features of XML all need a
document type declaration (``<!DOCTYPE ...>``): entities that expand to gigabytes ("billion
laughs", quadratic blow-up), external entities that read another file or fetch a URL, and
external DTDs. No cast-vote-record format uses one, so :func:`events` refuses any document
whose prolog (what comes before the root element) declares a document type, as defusedxml's
``forbid_dtd`` does, and otherwise parses with the standard library's C parser (expat), which
never fetches anything itself. defusedxml itself was measured and set aside: it swaps in the
standard library's pure-Python parser, which read the 17 MB sheet of Minneapolis 2013 (80,101
ballots) in 4.3 s of CPU against 2.0 s for the C parser.

Hart and CDF files name their elements in a namespace (a default one, or a ``cdf:`` prefix)
that varies between exporters; the readers match on the local name alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import IO, Literal, cast
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

EventKind = Literal["start", "end"]

CHUNK = 1 << 16
MAX_PROLOG = 1 << 20
"""The most bytes read looking for the root element (past the declaration and comments)."""


class UnsafeXMLError(ValueError):
    """A document that declares a document type (and so could declare entities)."""


def _prolog(head: bytes, *, final: bool = False) -> bool | None:
    """Whether ``head`` reaches the root element with no DOCTYPE before it: True (safe),
    None (read more, or with ``final`` the whole document has no root for the parser to
    reject); a DOCTYPE, or text that cannot start an XML document, raises."""
    text = head.removeprefix(b"\xef\xbb\xbf")
    if text[:1] not in (b"", b"<", b" ", b"\t", b"\r", b"\n"):
        raise UnsafeXMLError("not an XML document in UTF-8 or ASCII (a byte-order mark of UTF-16?)")
    at = 0
    while True:
        while at < len(text) and text[at : at + 1] in (b" ", b"\t", b"\r", b"\n"):
            at += 1
        rest = text[at:]
        if len(rest) < len(b"<!DOCTYPE") and not final:
            return None
        if not rest:
            return None
        if rest.startswith(b"<?"):
            closing = b"?>"
        elif rest.startswith(b"<!--"):
            closing = b"-->"
        elif rest.startswith(b"<!"):
            raise UnsafeXMLError(
                "a document type declaration (DOCTYPE), which no record file needs, is refused"
            )
        elif rest.startswith(b"<"):
            return True
        else:
            raise UnsafeXMLError("text before the root element")
        end = rest.find(closing, 2)
        if end < 0:
            return None
        at += end + len(closing)


def events(stream: IO[bytes], kinds: Sequence[EventKind] = ("end",)) -> Iterator[tuple[str, Element]]:
    """``(event, element)`` as :func:`xml.etree.ElementTree.iterparse` gives them, streamed
    from ``stream``, after checking that the document declares no document type.

    Raises :class:`UnsafeXMLError` or :class:`xml.etree.ElementTree.ParseError`.
    """
    parser: XMLPullParser[Element] = XMLPullParser(events=tuple(kinds))
    head = b""
    checked = False
    while True:
        chunk = stream.read(CHUNK)
        if not checked:
            head += chunk
            if _prolog(head, final=not chunk) is None:
                if len(head) >= MAX_PROLOG:
                    raise UnsafeXMLError("no root element in the first megabyte")
                if chunk:
                    continue
            checked, chunk = True, head
        if not chunk:
            break
        _feed(parser, chunk)
        yield from _pairs(parser)
    _feed(parser, None)
    yield from _pairs(parser)


def _feed(parser: XMLPullParser[Element], chunk: bytes | None) -> None:
    """Feed ``chunk`` to the parser (``None``: close it). A declared encoding expat cannot read
    (one Python does not know, ``LookupError``; a multi-byte one such as UTF-7, ``ValueError``)
    is a :class:`ParseError` like any other unreadable document (found by fuzzing)."""
    try:
        if chunk is None:
            parser.close()
        else:
            parser.feed(chunk)
    except (LookupError, ValueError) as exc:
        raise ParseError(f"the document's declared encoding cannot be read: {exc}") from exc


def _pairs(parser: XMLPullParser[Element]) -> Iterator[tuple[str, Element]]:
    """The parser's events so far: with only start and end asked for, ``(event, element)``."""
    return cast(Iterator[tuple[str, Element]], parser.read_events())


XML_ERRORS = (ParseError, UnsafeXMLError)
"""What :func:`events` raises for a document it will not read."""


def local(tag: str) -> str:
    """An element's name without its namespace: ``Cvr`` for ``{http://...}Cvr``."""
    return tag.rpartition("}")[2]


def child(element: Element, name: str) -> Element | None:
    """The first child element called ``name`` (in any namespace)."""
    return next((c for c in element if local(c.tag) == name), None)


def children(element: Element, name: str) -> list[Element]:
    """Every child element called ``name`` (in any namespace), in document order."""
    return [c for c in element if local(c.tag) == name]


def child_text(element: Element, name: str) -> str:
    """The trimmed text of the first child called ``name``; ``""`` where there is none."""
    found = child(element, name)
    return (found.text or "").strip() if found is not None else ""


def parse_whole(stream: IO[bytes]) -> Element:
    """A whole (small) document's root element, checked as :func:`events` checks it."""
    root: Element | None = None
    for _, element in events(stream, ("end",)):
        root = element
    if root is None:
        raise ParseError("no element")
    return root
