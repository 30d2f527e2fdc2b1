"""Audit a published count sheet against the ballots: :func:`audit`.

    >>> found = votecount.audit("ward.blt", "sheet.csv", "scottish-stv", ward="S13002967")
    >>> found.verdict, found.causes

The sheet may be a Scottish council CSV (one ward or many), Edinburgh's results JSON,
RCTab's round report, or votecount's own JSON result (:mod:`votecount.audit.readers`). The
audit pairs its candidates with the ballot file's (:mod:`votecount.audit.names`), recounts,
and reports every stage and candidate where they differ, by how much, whether the sheet
agrees with itself (:mod:`votecount.audit.checks`), whether the elected set changes, and the
likely cause (:mod:`votecount.audit.compare`). docs/audit.md shows it on every Scottish ward.
"""

from votecount.audit.compare import Audit, Difference, audit
from votecount.audit.readers import read_sheet
from votecount.audit.report import audit_to_dict, render_json, render_text
from votecount.audit.sheet import PublishedCandidate, PublishedSheet

__all__ = [
    "Audit",
    "Difference",
    "PublishedCandidate",
    "PublishedSheet",
    "audit",
    "audit_to_dict",
    "read_sheet",
    "render_json",
    "render_text",
]
