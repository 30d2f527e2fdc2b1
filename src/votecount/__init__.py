"""votecount: count elections the way returning officers do, exactly.

>>> import votecount
>>> profile = votecount.Profile.from_marks("ABC", [("A", 5), ("B", 3), ("C", 1)])
>>> votecount.count(profile, "fptp").elected
(Candidate('A'),)
"""

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from votecount.errors import (
    BallotError,
    BallotFileError,
    CandidateError,
    ConstraintError,
    FormatError,
    InvalidBallotError,
    OptionError,
    OutputError,
    ResultFileError,
    RuleError,
    SheetError,
    TieError,
    VotecountError,
)

if TYPE_CHECKING:  # the names, for type checkers and readers; at run time each loads when first used
    from votecount.api import count, recount
    from votecount.audit import Audit, audit
    from votecount.ballots import Candidate, PluralityBallot, RankedBallot
    from votecount.countback import Countback, countback
    from votecount.formats import read, write
    from votecount.profile import Profile
    from votecount.result import Event, Result, Round, Transfer
    from votecount.ties import ExplicitOrder, Lot, Refuse, TieRecord

__version__ = "0.1.0"

_WHERE = {
    **dict.fromkeys(("count", "recount"), "votecount.api"),
    **dict.fromkeys(("Audit", "audit"), "votecount.audit"),
    **dict.fromkeys(("Candidate", "PluralityBallot", "RankedBallot"), "votecount.ballots"),
    **dict.fromkeys(("Countback", "countback"), "votecount.countback"),
    **dict.fromkeys(("read", "write"), "votecount.formats"),
    "Profile": "votecount.profile",
    **dict.fromkeys(("Event", "Result", "Round", "Transfer"), "votecount.result"),
    **dict.fromkeys(("ExplicitOrder", "Lot", "Refuse", "TieRecord"), "votecount.ties"),
}
"""Where each public name but the errors lives: ``import votecount`` loads none of them, so
that a command that counts a BLT file does not load the auditor or the spreadsheet readers.
Each is imported the first time it is used."""

_SHADOWING = frozenset({"audit", "countback"})
"""Functions named as the submodule they live in: here the name is the function."""


def __getattr__(name: str) -> Any:
    """A public name, imported when first used (PEP 562); a submodule by its name too."""
    where = _WHERE.get(name)
    if where is None:
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as missing:
            if missing.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(where), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})


class _Package(types.ModuleType):
    """The package's module: importing the submodule ``votecount.audit`` (or ``countback``)
    must not put the module where the function of that name is."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SHADOWING and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "Audit",
    "BallotError",
    "BallotFileError",
    "Candidate",
    "CandidateError",
    "ConstraintError",
    "Countback",
    "Event",
    "ExplicitOrder",
    "FormatError",
    "InvalidBallotError",
    "Lot",
    "OptionError",
    "OutputError",
    "PluralityBallot",
    "Profile",
    "RankedBallot",
    "Refuse",
    "Result",
    "ResultFileError",
    "Round",
    "RuleError",
    "SheetError",
    "TieError",
    "TieRecord",
    "Transfer",
    "VotecountError",
    "audit",
    "count",
    "countback",
    "read",
    "recount",
    "write",
]
