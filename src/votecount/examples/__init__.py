"""Example elections that ship with votecount (``votecount count --example``).

``riverside.blt`` is an invented three-seat ward of 2,283 papers and six candidates, small
enough to check by hand, with surpluses and exclusions to show a full STV count sheet.
"""

from importlib import resources
from pathlib import Path

RIVERSIDE = "riverside.blt"


def path(name: str = RIVERSIDE) -> Path:
    """The path of a bundled example election file, to read with :func:`votecount.read`."""
    return Path(str(resources.files(__name__).joinpath(name)))
