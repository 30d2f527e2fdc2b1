"""The small values every other strategy is built from: weights, names, ids and candidates.

They shrink to what a person reads most easily: weights towards 1, candidates towards a few
called ``A``, ``B``, ``C``..., with the first value of each attribute.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Literal

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from votecount.ballots import Candidate, Weight
from votecount.generate import candidate_names

GENDER: Mapping[str, Sequence[str]] = {"gender": ("F", "M")}
"""The attribute most constraints select on, as used by :func:`candidates`."""

WeightKind = Literal["one", "int", "fraction"]


def weights(
    kind: WeightKind = "int", *, max_value: int = 5, max_denominator: int = 6, zero: bool = False
) -> SearchStrategy[Weight]:
    """Ballot weights: always ``1``, whole numbers from 1, or exact fractions (colleges).

    ``"int"``: 1 to ``max_value``. ``"fraction"``: ``p/q`` with ``q`` from 1 to
    ``max_denominator`` and ``p`` from 1 to ``max_value * max_denominator``; whole ones are
    given as ``int``. ``zero=True`` lets ``"int"`` and ``"fraction"`` weights be 0 as well
    (a paper a file lists with no weight). Shrinks towards 1 (towards 0 with ``zero=True``).
    """
    low = 0 if zero else 1
    if kind == "one":
        return st.just(1)
    if kind == "int":
        return st.integers(low, max_value)
    if kind == "fraction":
        if max_denominator < 1:
            raise ValueError(f"max_denominator must be at least 1, not {max_denominator}")
        top = max_value * max_denominator
        return st.builds(Fraction, st.integers(low, top), st.integers(1, max_denominator)).map(
            lambda w: int(w) if w.denominator == 1 else w
        )
    raise ValueError(f"weights kind must be 'one', 'int' or 'fraction', not {kind!r}")


NAME_CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))
"""Any character a name or title may hold: no surrogates, controls or line breaks."""


def names(*, min_size: int = 1, max_size: int = 12) -> SearchStrategy[str]:
    """Free text as people type names and titles: any letters, marks, spaces and symbols
    (:data:`NAME_CHARACTERS`), stripped of surrounding space. With ``min_size >= 1``, never
    empty. For :func:`candidates` ``names=`` and :func:`profiles` ``title=``."""
    text = st.text(NAME_CHARACTERS, min_size=min_size, max_size=max_size).map(str.strip)
    return text.filter(bool) if min_size >= 1 else text


def ballot_ids() -> SearchStrategy[str | None]:
    """Ballot identifiers as a file may give them (BLT ``(id)``, a CSV id column): none, or
    one to six letters, digits, spaces, hyphens and underscores. For :func:`profiles`
    ``ballot_ids=``."""
    return st.one_of(st.none(), st.text("abcxyz019 -_", min_size=1, max_size=6))


@st.composite
def candidates(
    draw: DrawFn,
    *,
    min_size: int = 1,
    max_size: int = 6,
    attributes: Mapping[str, Sequence[str]] | None = None,
    names: SearchStrategy[str] | None = None,
    ids: bool = False,
    partial_attributes: bool = False,
) -> tuple[Candidate, ...]:
    """Candidates ``A``, ``B``, ... with each attribute drawn from its listed values.

    ``attributes={"gender": ("F", "M")}`` (or :data:`GENDER`) gives every candidate a
    gender, shrinking towards the first value listed. The options below are off by default
    (and then draw nothing):

    - ``names``: a strategy for the names instead of letters, e.g. :func:`names` for free
      text (drawn unique);
    - ``ids=True``: half the time, the candidates get ids ``c0``, ``c1``, ... that differ
      from their names (otherwise the id is the name);
    - ``partial_attributes=True``: each candidate may lack any of the ``attributes``.
    """
    if not 1 <= min_size <= max_size:
        raise ValueError(f"need 1 <= min_size <= max_size, not {min_size}, {max_size}")
    if names is None:
        chosen = candidate_names(draw(st.integers(min_size, max_size)))
    else:
        chosen = tuple(draw(st.lists(names, min_size=min_size, max_size=max_size, unique=True)))
    with_ids = ids and draw(st.booleans())
    out = []
    for i, name in enumerate(chosen):
        drawn = {}
        for key, values in (attributes or {}).items():
            if partial_attributes and not draw(st.booleans()):
                continue
            drawn[key] = draw(st.sampled_from(tuple(values)))
        out.append(Candidate(name, f"c{i}" if with_ids else name, drawn))
    return tuple(out)


__all__ = ["GENDER", "NAME_CHARACTERS", "WeightKind", "ballot_ids", "candidates", "names", "weights"]
