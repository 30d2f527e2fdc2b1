"""Candidates' names as people type them into forms and spreadsheets.

Two cells name the same candidate when they are equal after Unicode NFKC normalisation, case
folding and collapsing runs of spaces (``alice  moore``, ``Alice Moore ``, ``ALICE MOORE`` and
``Alice\u00a0Moore`` are one candidate). Each such merge is listed in the validation report as
a warning (code ``name-merged``), so that nothing is merged out of sight.

With a candidate list (``candidates=``, on the command line ``--candidates``) the listed
spelling is the candidate's name, and a cell matching no listed name is an unknown candidate:
the validity policy decides what happens to the paper, and the report names the nearest listed
names (code ``unknown-name``; :func:`difflib.get_close_matches`). Without a list, candidates
are taken as they first appear and each is named by its most frequent spelling; names that
look alike but are not equal (``Alice Moore``, ``Alcie Moore``) are warned of
(``names-alike``), as one may be a misspelling of the other.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from collections import Counter
from collections.abc import Sequence

from votecount.candidates import Candidate
from votecount.errors import BallotFileError
from votecount.formats._common import shown, unique_candidates
from votecount.validation import ValidationWarning
from votecount.validity import Mark

MAX_LIST_BYTES = 1024**2
"""The largest candidate-list file read (a megabyte holds tens of thousands of names)."""

_ALIKE = 0.85
"""How alike (difflib ratio) two names found in a file must be to be warned of."""
_MAX_ALIKE_CHECK = 200
MAX_LISTED = 50
"""The most warnings of one kind listed one by one; past it, one more says how many are left."""


def _at_most(warnings: list[ValidationWarning], code: str, what: str) -> list[ValidationWarning]:
    if len(warnings) <= MAX_LISTED:
        return warnings
    more = len(warnings) - MAX_LISTED
    return [*warnings[:MAX_LISTED], ValidationWarning(code, f"and {more:,} more {what}")]


def name_key(text: str) -> str:
    """The form under which two spellings of a name are the same candidate."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _how(typed: str, name: str) -> str:
    """What differs between two spellings with the same :func:`name_key`."""
    ways = []
    if any(unicodedata.normalize("NFKC", s) != s for s in (typed, name)):
        ways.append("Unicode form")
    if any(" ".join(s.split()) != s for s in (typed, name)):
        ways.append("spaces")
    plain = {" ".join(unicodedata.normalize("NFKC", s).split()) for s in (typed, name)}
    if len(plain) > 1:
        ways.append("case")
    return ", ".join(ways)


def candidate_list(value: str | os.PathLike[str] | Sequence[str | Candidate]) -> tuple[Candidate, ...]:
    """The candidates a caller lists: candidates or names, a comma list (``"Ann, Bob"``), or a
    file of one name a line (blank lines and lines starting with ``#`` skipped)."""
    if isinstance(value, os.PathLike) or (isinstance(value, str) and os.path.isfile(value)):
        path = os.fspath(value)
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_LIST_BYTES + 1)
        except OSError as exc:
            raise BallotFileError(f"cannot read the candidate list: {exc.strerror}", path=path) from exc
        if len(data) > MAX_LIST_BYTES:
            raise BallotFileError(f"a candidate list is at most {MAX_LIST_BYTES:,} bytes", path=path)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise BallotFileError("the candidate list is not UTF-8 text", path=path) from exc
        names = [line.strip() for line in text.splitlines()]
        names = [n for n in names if n and not n.startswith("#")]
        source: str | None = path
    elif isinstance(value, str):
        names = [n.strip() for n in value.split(",") if n.strip()]
        source = None
    else:
        listed = tuple(c if isinstance(c, Candidate) else Candidate(str(c)) for c in value)
        return listed
    if not names:
        raise BallotFileError("the candidate list names no candidate", path=source)
    keys = Counter(name_key(n) for n in names)
    twice = [n for n in names if keys[name_key(n)] > 1]
    if twice:
        raise BallotFileError(
            f"the candidate list names {shown(twice[0])} twice (names are compared ignoring case and spaces)",
            path=source,
        )
    return unique_candidates(names)


class NameBook:
    """Turns the names in cells into candidate indices, remembering every merge and miss.

    ``listed``: the candidates, fixed; ``None``: candidates are found as they appear.
    """

    def __init__(self, listed: Sequence[Candidate] | None) -> None:
        self.growing = listed is None
        self._listed = tuple(listed or ())
        self._exact: dict[str, int] = {}
        self._keys: dict[str, int] = {}
        for i, c in enumerate(self._listed):
            self._exact.setdefault(c.name, i)
            self._keys.setdefault(name_key(c.name), i)
        for i, c in enumerate(self._listed):
            self._exact[c.id] = i
        self._spellings: list[list[str]] = []  # found candidates' spellings, first seen first
        self._seen: dict[str, int] = dict(self._exact)  # spellings met, and the listed ones
        self._count: dict[str, int] = {}
        self._first_line: dict[str, int | None] = {}
        self._unknown: dict[str, int | None] = {}

    def knows(self, text: str) -> bool:
        """Whether ``text`` names a candidate already known."""
        return text in self._seen or name_key(text) in self._keys

    def mark(self, text: str, line: int | None = None) -> Mark:
        """The candidate ``text`` names (its index), or ``text`` itself when it names none.

        Each distinct spelling is normalised once, at its first line.
        """
        index = self._seen.get(text)
        if index is not None:
            if self.growing:
                self._count[text] += 1
            return index
        key = name_key(text)
        index = self._keys.get(key)
        if index is None:
            if not self.growing:
                self._unknown.setdefault(text, line)
                return text
            index = self._keys[key] = len(self._spellings)
            self._spellings.append([])
        self._seen[text] = index
        self._first_line[text] = line
        if self.growing:
            self._spellings[index].append(text)
            self._count[text] = 1
        return index

    def count_again(self, texts: Sequence[str], times: int) -> None:
        """``texts``, met by :meth:`mark` once, stand for ``times`` more papers (a row met
        again), for naming each candidate by its most frequent spelling."""
        if self.growing:
            for text in texts:
                self._count[text] += times

    def nearest(self, text: str) -> str:
        """The listed names nearest ``text`` (up to three, by difflib's ratio), for a message."""
        keys = {name_key(c.name): c.name for c in self.candidates()}
        near = difflib.get_close_matches(name_key(text), list(keys), n=3, cutoff=0.6)
        return ", ".join(shown(keys[k]) for k in near) if near else "none close"

    def candidates(self) -> tuple[Candidate, ...]:
        """The listed candidates, or those found, each named by its most frequent spelling."""
        if not self.growing:
            return self._listed
        return unique_candidates([self._name(i) for i in range(len(self._spellings))])

    def _name(self, index: int) -> str:
        return max(self._spellings[index], key=self._count.__getitem__)  # first seen on a tie

    def warnings(self) -> list[ValidationWarning]:
        """Every merge, every unknown name with the nearest listed, every pair of names alike;
        past :data:`MAX_LISTED` of one kind, one warning says how many more there are."""
        names = [c.name for c in self.candidates()]
        merged = [
            ValidationWarning(
                "name-merged",
                f"{shown(typed)} read as {shown(names[self._seen[typed]])} "
                f"(they differ only in {_how(typed, names[self._seen[typed]])})",
                line,
            )
            for typed, line in self._first_line.items()
            if typed != names[self._seen[typed]]
        ]
        found = _at_most(merged, "name-merged", "spellings merged")
        unknown = list(self._unknown.items())
        for typed, line in unknown[:MAX_LISTED]:
            found.append(
                ValidationWarning(
                    "unknown-name",
                    f"{shown(typed)} is not a listed candidate (nearest: {self.nearest(typed)})",
                    line,
                )
            )
        if len(unknown) > MAX_LISTED:
            more = len(unknown) - MAX_LISTED
            found.append(ValidationWarning("unknown-name", f"and {more:,} more names that are not listed"))
        if self.growing and 1 < len(names) <= _MAX_ALIKE_CHECK:
            alike = []
            keys = [name_key(n) for n in names]
            for a, name in enumerate(names):
                for b in range(a + 1, len(names)):
                    other = names[b]
                    pair = difflib.SequenceMatcher(None, keys[a], keys[b])
                    if min(pair.real_quick_ratio(), pair.quick_ratio()) >= _ALIKE and pair.ratio() >= _ALIKE:
                        alike.append(
                            ValidationWarning(
                                "names-alike",
                                f"{shown(name)} and {shown(other)} are read as two candidates though "
                                "the names look alike; if they are one, give the candidate list "
                                "(candidates=, on the command line --candidates)",
                            )
                        )
            found += _at_most(alike, "names-alike", "pairs of names alike")
        return found


__all__ = ["NameBook", "candidate_list", "name_key"]
