"""Pairing the candidates of a published count sheet with the ballot file's candidates.

A sheet names its candidates as the returning officer printed them ("Yvonne Allan"); a ballot
file as someone typed them (``Yvonne ALLAN (Lab)``, ``"Lab ""JEAN MORRISON"" "``, ``St ew ar t
AD AM S``, double-encoded UTF-8, U+FFFD). :func:`map_candidates` pairs the two lists by first
preferences *and* name, and says where a pairing is unsure rather than guess: an audit that
compared the wrong candidates' figures would report differences that are not there.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

import attrs


class SheetCandidate(Protocol):
    """What the pairing needs of a sheet's candidate: the name, and the first preferences
    the sheet gives (``None`` when it gives none)."""

    @property
    def name(self) -> str: ...

    @property
    def first_preferences(self) -> Decimal | Fraction | None: ...


def _unmangle(text: str) -> str:
    """Undo double-encoded UTF-8 (``OisÃ­n`` -> ``Oisín``) where that is what happened."""
    for encoding in ("cp1252", "latin-1"):
        try:
            fixed = text.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != text:
            return fixed
    return text


def name_letters(text: str) -> str:
    """A name reduced to lower-case ASCII letters: no quotes, spaces, accents or mojibake.

    Spacing is dropped altogether because some files break it (``St ew ar t AD AM S``).
    A U+FFFD replacement character becomes ``?``, which :func:`name_score` lets match any
    letter.
    """
    text = _unmangle(text).replace("\ufffd", "?")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z?]", "", folded.lower())


def _surname(official_name: str) -> str:
    words = [w for w in re.split(r"\s+", official_name.strip()) if w]
    return name_letters(words[-1]) if words else ""


def _letters_found(needle: str, haystack: str) -> float:
    """The fraction of ``needle``'s letters that appear, in order and in runs, in ``haystack``."""
    if not needle:
        return 0.0
    if needle in haystack:
        return 1.0
    if "?" in haystack:
        pattern = "".join("." if ch == "?" else re.escape(ch) for ch in haystack)
        # A replacement character may stand for one or two letters of an accented name.
        pattern = pattern.replace(".", ".{0,2}")
        if re.search(pattern.replace(".{0,2}.{0,2}", ".{0,2}"), needle):
            return 1.0
    matcher = difflib.SequenceMatcher(None, needle, haystack, autojunk=False)
    found = sum(block.size for block in matcher.get_matching_blocks() if block.size >= 3)
    return found / len(needle)


def _prefix_found(word: str, haystack: str) -> float:
    """The fraction of ``word`` whose longest prefix (3+ letters) occurs in ``haystack``.

    Given names are shortened, not misspelt: ``Ken`` for ``Kenneth``, ``Chris`` for
    ``Christopher``.
    """
    if not word:
        return 0.0
    if _letters_found(word, haystack) == 1.0 and word in haystack:
        return 1.0
    for end in range(len(word), 2, -1):
        if word[:end] in haystack:
            return end / len(word)
    return 0.0


def name_score(official_name: str, blt_name: str) -> float:
    """How well an official name matches a ballot file's candidate name, from 0 to 1.

    The surname counts for half (allowing a misspelt letter or two); the other names for
    the rest, half for the best found and half for the average (ballot files often drop
    middle names, or shorten ``Kenneth`` to ``Ken``, yet three candidates of one ward may
    all be ``... John Macleod``). Party labels and quoting in the ballot file are ignored
    because only the official name's letters are looked for.
    """
    blt = name_letters(blt_name)
    surname = _surname(official_name)
    if not blt or not surname:
        return 0.0
    others = [name_letters(w) for w in official_name.split()[:-1]]
    others = [w for w in others if w]
    surname_part = _letters_found(surname, blt)
    found = [_prefix_found(w, blt) for w in others]
    other_part = 0.5 * max(found) + 0.5 * sum(found) / len(found) if found else 1.0
    return 0.5 * surname_part + 0.5 * other_part


SURE_NAME = 0.75
"""A name score at or above this is taken as the same person (with first preferences)."""

SURE_MARGIN = 0.1
"""Without first preferences, a name must beat every rival's score by this much."""


@attrs.frozen
class CandidatePairing:
    """One official candidate paired with a ballot file candidate, and the evidence."""

    official: str
    official_index: int
    blt_index: int | None
    blt_name: str | None
    name_score: float
    official_first: Decimal | Fraction | None
    blt_first: int | None
    sure: bool
    reason: str

    @property
    def first_preferences_agree(self) -> bool | None:
        if self.official_first is None or self.blt_first is None:
            return None
        return self.official_first == self.blt_first


@attrs.frozen
class CandidateMap:
    """The pairing of a ward's official candidates with its ballot file's candidates."""

    pairings: tuple[CandidatePairing, ...]
    unmatched_blt: tuple[int, ...]
    """Ballot-file candidates no official candidate was paired with (a sheet short a row)."""

    blt_names: tuple[str, ...] = ()

    @property
    def sure(self) -> bool:
        """Whether every official candidate was paired without doubt."""
        return all(p.sure for p in self.pairings)

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(f"{p.official}: {p.reason}" for p in self.pairings if not p.sure)

    @property
    def notes(self) -> tuple[str, ...]:
        """Facts worth knowing: first preferences that differ, candidates the sheet lacks."""
        out = [
            f"{p.official}: {p.reason}"
            for p in self.pairings
            if p.sure and p.first_preferences_agree is False
        ]
        out += [
            f"{self.blt_names[i] if i < len(self.blt_names) else i + 1} (ballot file candidate "
            f"{i + 1}) is not on the official sheet; their totals are not compared"
            for i in self.unmatched_blt
        ]
        return tuple(out)

    def blt_of(self) -> dict[int, int]:
        """Official candidate position -> ballot file index, for the pairings made."""
        return {p.official_index: p.blt_index for p in self.pairings if p.blt_index is not None}


def _judge(
    score: float,
    margin: float,
    official_first: Decimal | Fraction | None,
    blt_first: int | None,
    only_fit: bool,
) -> tuple[bool, str]:
    """Whether one pairing is sure, and why (see :func:`map_candidates`)."""
    if official_first is not None and blt_first is not None and official_first == blt_first:
        if score >= SURE_NAME:
            return True, "first preferences and name agree"
        if only_fit:
            return True, f"first preferences agree and no other name fits better (name score {score:.2f})"
        return False, f"first preferences agree but the name does not (name score {score:.2f})"
    if official_first is None or blt_first is None:
        if score >= SURE_NAME and margin >= SURE_MARGIN:
            return True, f"the sheet gives no first preferences; the name agrees (margin {margin:.2f})"
        return False, (
            f"the sheet gives no first preferences and the name is not decisive "
            f"(score {score:.2f}, margin {margin:.2f})"
        )
    gap = Fraction(blt_first) - Fraction(official_first)
    if abs(gap) <= 1 and score >= 0.9 and margin >= SURE_MARGIN:
        shown = f"{int(gap):+}" if gap.denominator == 1 else str(gap)
        return True, (
            f"name agrees; first preferences differ by {shown} "
            f"(ballot file {blt_first}, sheet {official_first})"
        )
    return False, (
        f"first preferences differ (ballot file {blt_first}, sheet {official_first}; name score {score:.2f})"
    )


def map_candidates(
    official: Sequence[SheetCandidate],
    blt_names: Sequence[str],
    blt_first: Sequence[int] | None,
) -> CandidateMap:
    """Pair official candidates with ballot file candidates by first preferences and name.

    Pairs are taken greedily, best first, where better means equal first preferences, then a
    higher :func:`name_score`. A pairing is *sure* when

    - the first preferences agree and the name agrees (score >= :data:`SURE_NAME`) or no
      other ballot-file name fits the official one better (``Bob`` for ``Robert``); or
    - the sheet gives no first preferences, and the name agrees and beats every rival by
      :data:`SURE_MARGIN`, both among the ballot file's names and among the sheet's; or
    - the first preferences differ by one vote and the name leaves no doubt (the data's
      README names two wards whose files differ from the sheet by one vote).

    Anything else is reported as unsure, never guessed.
    """
    n_official, n_blt = len(official), len(blt_names)
    scores = [[name_score(o.name, b) for b in blt_names] for o in official]

    def first_equal(o: int, b: int) -> bool:
        fp = official[o].first_preferences
        return blt_first is not None and fp is not None and fp == blt_first[b]

    pairs = sorted(
        ((first_equal(o, b), scores[o][b], o, b) for o in range(n_official) for b in range(n_blt)),
        reverse=True,
    )
    chosen: dict[int, int] = {}
    taken: set[int] = set()
    for _, score, o, b in pairs:
        if o in chosen or b in taken or score <= 0.0:
            continue
        chosen[o] = b
        taken.add(b)
    pairings = []
    for o, cand in enumerate(official):
        fp = cand.first_preferences
        if o not in chosen:
            pairings.append(
                CandidatePairing(
                    cand.name, o, None, None, 0.0, fp, None, False, "no ballot file candidate left to pair"
                )
            )
            continue
        b = chosen[o]
        score = scores[o][b]
        blt_fp = blt_first[b] if blt_first is not None else None
        # The margin by which this pairing beats the next best, from both sides: the next
        # ballot-file name for this official name, and the next official name for this
        # ballot-file name (a ward with three candidates called ... John Macleod needs both).
        rivals = [scores[o][x] for x in range(n_blt) if x != b]
        rivals += [scores[y][b] for y in range(n_official) if y != o]
        margin = score - max(rivals, default=0.0)
        only_fit = sum(first_equal(o, x) for x in range(n_blt)) == 1 and max(scores[o]) == score
        sure, reason = _judge(score, margin, fp, blt_fp, only_fit)
        pairings.append(CandidatePairing(cand.name, o, b, blt_names[b], score, fp, blt_fp, sure, reason))
    unmatched = tuple(b for b in range(n_blt) if b not in taken)
    return CandidateMap(tuple(pairings), unmatched, tuple(blt_names))
