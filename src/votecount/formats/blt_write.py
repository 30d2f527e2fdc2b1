"""Writing a profile as a BLT file (the reader is :mod:`votecount.formats.blt`)."""

from __future__ import annotations

import re

from votecount.ballots import RankedBallot
from votecount.errors import FormatError
from votecount.formats._common import format_weight
from votecount.profile import Profile

_NICK = re.compile(r"[^\s=\[\]()\"',0-9-][^\s=\[\]()\"',]*")


def _quoted(text: str) -> str:
    if "\n" in text or "\r" in text:
        raise FormatError(f"{text!r}: a BLT name or title cannot hold a line break")
    return '"' + text.replace('"', '""') + '"'


def dumps_blt(profile: Profile) -> str:
    """Write a ranked profile as BLT: quoted names, exact weights, ``=`` for equal rankings.

    Withdrawn candidates go on a line of negative numbers; a tie order as ``[tie ...]``.
    Where candidates have ids other than their names, and every id can be written as a
    nickname, a ``[nick ...]`` line keeps them and the ballots use them. A candidate whose only
    attribute is ``description`` gets it as a second quoted string on its line (as the Scottish
    files give the party). A profile without
    ``seats`` is written with 1 seat.
    """
    if profile.kind == "plurality":
        raise FormatError(
            "BLT holds ranked ballots; this profile holds plurality ballots (write CSV or JSON)"
        )
    cands = profile.candidates
    use_nicks = any(c.id != c.name for c in cands) and all(_NICK.fullmatch(c.id) for c in cands)
    labels = [c.id if use_nicks else str(i + 1) for i, c in enumerate(cands)]
    out = [f"{len(cands)} {profile.seats or 1}"]
    if use_nicks:
        out.append("[nick " + " ".join(labels) + "]")
    if profile.withdrawn:
        out.append(" ".join(f"-{i + 1}" for i in sorted(profile.withdrawn)))
    if profile.tie_order:
        out.append("[tie " + " ".join(labels[i] for i in profile.tie_order) + "]")
    for ballot in profile.ballots:
        assert isinstance(ballot, RankedBallot)
        parts = []
        if ballot.id is not None:
            if any(ch in ballot.id for ch in ")\n\r"):
                raise FormatError(f"ballot id {ballot.id!r} cannot be written in BLT (write JSON)")
            parts.append(f"({ballot.id})")
        parts.append(format_weight(ballot.weight))
        for pref in ballot.ranking:
            if isinstance(pref, int):
                parts.append(labels[pref])
            else:
                parts.append("=".join(labels[i] for i in sorted(pref)))
        parts.append("0")
        out.append(" ".join(parts))
    out.append("0")
    for c in cands:
        description = c.attributes.get("description") if set(c.attributes) == {"description"} else None
        out.append(" ".join(_quoted(t) for t in [c.name, description] if t is not None))
    out.append(_quoted(profile.title))
    return "\n".join(out) + "\n"


__all__ = ["dumps_blt"]
