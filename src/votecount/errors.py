"""The errors votecount raises, each carrying what caused it.

Every error is a :class:`VotecountError`, so a caller can catch them all at once; each
subclass names the file and line, the candidates, or the constraints involved, so that the
message alone tells a returning officer what to look at.
"""

from __future__ import annotations

from collections.abc import Sequence


class VotecountError(Exception):
    """Base class of every error votecount raises on purpose."""


class _Located(VotecountError, ValueError):
    """An error about a place in a ballot file: the message starts with the file and line."""

    prefix = ""

    def __init__(self, reason: str, *, path: str | None = None, line: int | None = None) -> None:
        self.reason = reason
        self.path = path
        self.line = line
        where = path or "<input>"
        if line is not None:
            where = f"{where}, line {line}"
        super().__init__(f"{where}: {self.prefix}{reason}")


class BallotFileError(_Located):
    """A ballot file that cannot be read: names the file, the line (1-based) and the reason."""


class SheetError(_Located):
    """A published count sheet that cannot be read or audited: names the file, the line
    or key where known, and the reason (see :mod:`votecount.audit`)."""


class InvalidBallotError(_Located):
    """A ballot that the validity policy sets aside, raised only when asked to be strict."""

    prefix = "invalid ballot: "


class ConstraintError(VotecountError, ValueError):
    """Seat constraints that no choice of candidates can meet, named one by one."""

    def __init__(self, reason: str, constraints: Sequence[object] = ()) -> None:
        self.reason = reason
        self.constraints = tuple(constraints)
        super().__init__(reason)


class TieError(VotecountError):
    """A tie that the rules cannot break without lot, and the policy says not to draw one.

    ``candidates`` are the tied candidates' names; a returning officer draws lots and gives
    the decision back, for instance as an explicit order (``--tie-order``).
    """

    def __init__(self, candidates: Sequence[str], *, purpose: str, stage: int | None = None) -> None:
        self.candidates = tuple(candidates)
        self.purpose = purpose
        self.stage = stage
        at = f" at stage {stage}" if stage is not None else ""
        names = ", ".join(self.candidates)
        super().__init__(
            f"tie{at} between {names} ({purpose}) that the rules cannot break without lot; "
            "draw lots and give the order back (tie_break=ExplicitOrder([...])), "
            "or pass a seed to draw lots reproducibly"
        )


class CandidateError(VotecountError, LookupError):
    """A candidate asked for by a name, id or number that the election does not have.

    ``candidate`` is the key as given, so that a caller can say which name to correct;
    ``matches`` the names it fits when it fits several (say more of the name), and
    ``suggestions`` the closest names when it fits none.
    """

    def __init__(
        self,
        candidate: object,
        reason: str = "unknown candidate",
        *,
        matches: Sequence[str] = (),
        suggestions: Sequence[str] = (),
    ) -> None:
        self.candidate = candidate
        self.matches = tuple(matches)
        self.suggestions = tuple(suggestions)
        message = f"{reason} {candidate!r}"
        if self.matches:
            listed = ", ".join(repr(name) for name in self.matches)
            message = f"{candidate!r} fits {len(self.matches)} candidates: {listed}; give more of the name"
        elif self.suggestions:
            message += f"; did you mean {' or '.join(repr(name) for name in self.suggestions)}?"
        super().__init__(message)


class OptionError(VotecountError, ValueError):
    """An option given a value that is not one of its choices (a sheet format, a validity
    policy). ``option`` names the option, ``value`` is what was given and ``choices`` what
    would have done; the message says all three.
    """

    def __init__(self, message: str, *, option: str, value: object, choices: Sequence[str] = ()) -> None:
        self.option = option
        self.value = value
        self.choices = tuple(choices)
        super().__init__(message)


class BallotError(VotecountError, ValueError):
    """A candidate, ballot or profile made in Python from values that cannot make one.

    A negative or inexact (float) weight, a preference that is not a candidate index, a
    ballot naming a candidate the profile does not have, ranked and plurality papers mixed,
    two candidates with one id. (A ballot *file* that cannot be read is a
    :class:`BallotFileError`, which names its line.)
    """


class RuleError(VotecountError, ValueError):
    """A rule asked for with options that do not fit it, or an election it cannot count."""


class FormatError(VotecountError, ValueError):
    """A profile that a ballot format cannot hold.

    Raised by the writers (plurality papers written as BLT, a line break inside a PrefLib
    name, ballot ids in a format without them), so that the message says which format to
    choose instead. (A format that does not exist is an :class:`OptionError`.)
    """


class ResultFileError(VotecountError, ValueError):
    """A result document (votecount's JSON) that cannot be read back.

    ``key`` is where in the document the problem is (``rounds[2].votes``), so that a damaged
    record can be found and mended by hand; ``path`` and ``line`` are given where known.
    """

    def __init__(
        self, reason: str, *, key: str | None = None, path: str | None = None, line: int | None = None
    ) -> None:
        self.reason = reason
        self.key = key
        self.path = path
        self.line = line
        where = path or "result document"
        if line is not None:
            where = f"{where}, line {line}"
        if key:
            where = f"{where}, {key}"
        super().__init__(f"{where}: {reason}")


class OutputError(VotecountError, OSError):
    """A file that cannot be written (a folder that does not exist, no permission): names it.

    It is an :class:`OSError` too, as the failure to write is the operating system's.
    """

    def __init__(self, reason: str, *, path: str) -> None:
        self.reason = reason
        self.path = path
        super().__init__(f"{path}: {reason}")


class TieOrderError(OptionError):
    """A tie order (``tie_order=``, ``--tie-order``) naming someone who does not stand.

    A misspelt name would otherwise lie unused until a tie needed it. ``unknown`` are the
    names given that match no candidate's name or id; ``choices`` are the candidates' names.
    """

    def __init__(self, unknown: Sequence[str], candidates: Sequence[str]) -> None:
        self.unknown = tuple(unknown)
        who = ", ".join(repr(name) for name in self.unknown)
        standing = ", ".join(candidates) or "none"
        super().__init__(
            f"the tie order names {who}, who {'does' if len(self.unknown) == 1 else 'do'} not "
            f"stand; the candidates are: {standing}",
            option="tie_order",
            value=self.unknown,
            choices=candidates,
        )
