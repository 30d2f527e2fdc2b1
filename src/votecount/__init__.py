"""votecount: count elections the way returning officers do, exactly.

>>> import votecount
>>> profile = votecount.Profile.from_marks("ABC", [("A", 5), ("B", 3), ("C", 1)])
>>> votecount.count(profile, "fptp").elected
(Candidate('A'),)
"""

from votecount.api import count, recount
from votecount.audit import Audit, audit  # the function: it shadows its package here
from votecount.ballots import Candidate, PluralityBallot, RankedBallot
from votecount.countback import Countback, countback  # the function: it shadows its module here
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
from votecount.formats import read, write
from votecount.profile import Profile
from votecount.result import Event, Result, Round, Transfer
from votecount.ties import ExplicitOrder, Lot, Refuse, TieRecord

__version__ = "0.1.0"

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
