"""Finding a candidate by what a person types: any unambiguous part of the name, any case.

In a REPL nobody types ``"David FRYER (Ind)"``: they type ``"fryer"`` or ``"David FRYER"``.
:func:`find_candidate` tries, in order, and stops at the first step that finds anyone:

1. the exact name or id;
2. the name or id in any case (``casefold``);
3. every candidate whose name or id contains the text, in any case, with runs of spaces
   and punctuation read as one space (``"david fryer"`` finds ``"David FRYER (Ind)"``).

One candidate found is the answer. Several found at one step is an ambiguity, and the
:class:`~votecount.errors.CandidateError` lists them; none found at all gives the closest
names (:func:`difflib.get_close_matches`, on the case-folded names) as suggestions.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence

from votecount.candidates import Candidate
from votecount.errors import CandidateError

_SEPARATORS = re.compile(r"[\W_]+")


def _folded(text: str) -> str:
    """Case-folded, with every run of spaces and punctuation one space."""
    return " ".join(_SEPARATORS.sub(" ", text.casefold()).split())


def find_candidate(candidates: Sequence[Candidate], key: str | Candidate) -> Candidate:
    """The one candidate in ``candidates`` that ``key`` names (see the module's steps).

    Raises :class:`~votecount.errors.CandidateError` listing the matches when ``key`` is
    ambiguous, and suggesting the closest names when it matches nobody.
    """
    if isinstance(key, Candidate):
        if key in candidates:
            return key
        raise CandidateError(key.name, "not a candidate of this election:")
    text = str(key)
    part = _folded(text)
    steps: tuple[Callable[[Candidate], bool], ...] = (
        lambda c: text in (c.name, c.id),
        lambda c: text.casefold() in (c.name.casefold(), c.id.casefold()),
        lambda c: bool(part) and any(part in _folded(s) for s in (c.name, c.id)),
    )
    for step in steps:
        matches = [c for c in candidates if step(c)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise CandidateError(text, matches=[c.name for c in matches])
    raise CandidateError(text, suggestions=suggestions(candidates, text))


def suggestions(candidates: Sequence[Candidate], text: str, limit: int = 3) -> list[str]:
    """The names of the candidates closest to ``text``, closest first (at most ``limit``).

    A name is compared whole and word by word, so that ``"fryar"`` comes close to
    ``"David FRYER (Ind)"``.
    """
    by_folded: dict[str, str] = {}
    for c in candidates:
        by_folded.setdefault(_folded(c.name), c.name)
        for word in _folded(c.name).split():
            by_folded.setdefault(word, c.name)
    matches = importlib.import_module("difflib").get_close_matches  # loaded for a name not found
    close = matches(_folded(text), list(by_folded), n=limit * 3, cutoff=0.6)
    return list(dict.fromkeys(by_folded[f] for f in close))[:limit]


__all__ = ["find_candidate", "suggestions"]
