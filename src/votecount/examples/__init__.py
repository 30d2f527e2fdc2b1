"""Example elections that ship with votecount (``votecount count --example``).

``riverside.blt`` is an invented three-seat ward of 2,283 papers and six candidates, small
enough to check by hand, with surpluses and exclusions to show a full STV count sheet.
"""

import importlib
from pathlib import Path

RIVERSIDE = "riverside.blt"


def path(name: str = RIVERSIDE) -> Path:
    """The path of a bundled example election file, to read with :func:`votecount.read`.

    (``importlib.resources`` is loaded here, when an example is asked for: it brings
    ``tempfile`` and ``zipfile`` with it, which a count of a file of its own never needs.)"""
    resources = importlib.import_module("importlib.resources")
    return Path(str(resources.files(__name__).joinpath(name)))
