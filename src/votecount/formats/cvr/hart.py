"""Hart cast-vote records: a folder of XML files, one ballot sheet per file.

The layout (Hart Verity's CVR export, as RCTab's ``HartCvrReader`` reads it): the source's
``filePath`` is a folder of ``.xml`` files (detached signatures, ``.sig.xml``, are not
records), read in the order of their names. Each file is a ``Cvr`` with a ``CvrGuid`` (the
record's id) and ``Contests``; the ``Contest`` whose ``Id`` is the source's ``contestId`` is
the record (a sheet without it holds no ballot of this contest). Its ``Options`` are the
candidates marked, each an ``Option`` with an ``Id`` (the candidate's code, matched against
the configuration's aliases; the ``undeclaredWriteInLabel`` is the write-in's id) and a
``Value``: a string of ``0`` and ``1``, one character per rank, ``1`` where the voter marked
that candidate at that rank (``0100``: second choice).

Each file is small and parsed whole by the standard library's parser, after
:mod:`votecount.formats.cvr._xml` has refused any document type declaration, so that a file
from outside cannot declare an entity to expand (billion laughs) or an external one to read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from votecount.formats.cvr._xml import XML_ERRORS, child, child_text, local, parse_whole
from votecount.formats.cvr.common import (
    UNDECLARED_WRITE_IN,
    CastVoteRecord,
    Ranking,
    Skipped,
    damaged,
    files_in,
)
from votecount.formats.rctab_config import CvrSource

NAME = "Hart"


def read(source: CvrSource, *, max_rankings: int | None, skipped: Skipped) -> Iterator[CastVoteRecord]:
    """Every file's record of the source's contest (see the module's docstring)."""
    folder = source.path
    assert folder is not None
    ordinal = 0
    for path in files_in(folder, what="Hart records"):
        name = path.name.lower()
        if not name.endswith("xml") or name.endswith(".sig.xml") or not path.is_file():
            continue
        ordinal += 1
        record = _read_file(path, ordinal, source)
        if record is None:
            skipped.add("Hart sheet without this contest")
        else:
            yield record


def _read_file(path: Path, ordinal: int, source: CvrSource) -> CastVoteRecord | None:
    try:
        with path.open("rb") as handle:
            root = parse_whole(handle)
    except (*XML_ERRORS, OSError) as exc:
        raise damaged(path, f"not a readable Hart record: {exc}", line=ordinal) from None
    record_id = child_text(root, "CvrGuid") or path.stem
    contests = child(root, "Contests")
    for contest in contests if contests is not None else ():
        if local(contest.tag) != "Contest" or child_text(contest, "Id") != source.contest_id:
            continue
        rankings: list[Ranking] = []
        options = child(contest, "Options")
        for option in options if options is not None else ():
            code = child_text(option, "Id")
            if not code:
                raise damaged(path, "an option has no Id", line=ordinal, record=record_id)
            if code == source.undeclared_write_in_label:
                code = UNDECLARED_WRITE_IN
            value = child_text(option, "Value")
            if value.strip("01"):
                raise damaged(
                    path,
                    f"option {code}: Value {value[:20]!r} is not 0s and 1s",
                    line=ordinal,
                    record=record_id,
                )
            rankings.extend((rank, code) for rank, mark in enumerate(value, start=1) if mark == "1")
        return CastVoteRecord(record_id, ordinal, tuple(sorted(rankings, key=lambda r: r[0])), path)
    return None
