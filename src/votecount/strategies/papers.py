"""Papers as written, valid or not: for the validity policies of :mod:`votecount.validity`.

A reader hands the policies what the voter marked, before anything is repaired or refused:
preferences repeated or skipped, two candidates at one place, marks that name no one, blank
papers. These strategies draw each kind on purpose, or (``scribbled=True``) any mix of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from votecount.ballots import Weight
from votecount.strategies.values import weights
from votecount.validity import Mark, RawMarks, RawRanking

PaperProblem = Literal["repeat", "skip", "overvote", "unknown"]
PAPER_PROBLEMS: tuple[PaperProblem, ...] = ("repeat", "skip", "overvote", "unknown")


@st.composite
def ranked_papers(
    draw: DrawFn,
    n_candidates: int,
    *,
    problems: Sequence[PaperProblem] = PAPER_PROBLEMS,
    weight: SearchStrategy[Weight] | None = None,
    scribbled: bool = False,
    max_places: int = 6,
) -> RawRanking:
    """A preferential paper as written, with at most one of each of ``problems`` on it.

    ``"repeat"``: a candidate ranked again at a later place; ``"skip"``: a preference number
    left out; ``"overvote"``: two candidates marked at one place; ``"unknown"``: a mark that
    names no candidate. With ``problems=()`` the paper is clean. Shrinks towards a clean
    paper ranking candidate 0 only.

    ``scribbled=True`` ignores ``problems`` and draws anything a reader might hand over: 0 to
    ``max_places`` places, each blank, one mark or two (possibly the same candidate twice),
    a mark being a candidate or a mark that names none, so that problems of every kind come
    in any number and order, and a paper may be blank. Shrinks towards a blank paper.
    """
    if scribbled:
        mark = st.integers(0, n_candidates - 1)
        any_place: SearchStrategy[tuple[Mark, ...]] = st.one_of(
            st.tuples(mark),
            st.tuples(mark, mark),
            st.just(()),
            st.tuples(st.sampled_from([str(n_candidates + 1), "x"])),
        )
        scrawl = draw(st.lists(any_place, max_size=max_places))
        return RawRanking(tuple(scrawl), draw(weight if weight is not None else weights("int")))
    order = list(draw(st.permutations(range(n_candidates))))
    length = draw(st.integers(1, n_candidates))
    positions: list[tuple[Mark, ...]] = [(c,) for c in order[:length]]
    for problem in problems:
        if not draw(st.booleans()):
            continue
        at = draw(st.integers(0, len(positions)))
        if problem == "repeat":
            positions.insert(max(at, 1), (order[draw(st.integers(0, length - 1))],))
        elif problem == "skip":
            if len(positions) < 2:  # a skip needs a later preference, or it is just the end
                later = order[length] if length < n_candidates else order[0]
                positions.append((later,))
            positions.insert(min(max(at, 1), len(positions) - 1), ())
        elif problem == "overvote":
            place = min(at, len(positions) - 1)
            others = [c for c in range(n_candidates) if c not in positions[place]]
            extra = draw(st.sampled_from(others)) if others else 0
            positions[place] = (*positions[place], extra)
        elif problem == "unknown":
            positions.insert(at, (str(n_candidates + 1),))
        else:
            raise ValueError(f"unknown paper problem {problem!r}; known: {', '.join(PAPER_PROBLEMS)}")
    w = draw(weight if weight is not None else weights("int"))
    return RawRanking(tuple(positions), w)


@st.composite
def plurality_papers(
    draw: DrawFn,
    n_candidates: int,
    *,
    max_marks: int = 1,
    problems: Sequence[Literal["blank", "overvote", "repeat", "unknown"]] = (
        "blank",
        "overvote",
        "repeat",
        "unknown",
    ),
    weight: SearchStrategy[Weight] | None = None,
) -> RawMarks:
    """A "cross in a box" paper as written: valid, blank, overvoted (more than ``max_marks``
    crosses), with a candidate crossed twice, or with a mark naming no candidate."""
    top = min(max_marks, n_candidates)
    marks: list[Mark] = list(
        draw(st.lists(st.integers(0, n_candidates - 1), min_size=1, max_size=top, unique=True))
    )
    problem = draw(st.sampled_from([None, *problems]))
    if problem == "blank":
        marks = []
    elif problem == "overvote" and n_candidates > max_marks:
        rest = [c for c in range(n_candidates) if c not in marks]
        marks += draw(
            st.lists(
                st.sampled_from(rest), min_size=max_marks + 1 - len(marks), max_size=len(rest), unique=True
            )
        )
    elif problem == "repeat":
        marks.append(marks[0])
    elif problem == "unknown":
        marks.append(str(n_candidates + 1))
    w = draw(weight if weight is not None else weights("int"))
    return RawMarks(tuple(marks), w)


__all__ = ["PAPER_PROBLEMS", "PaperProblem", "plurality_papers", "ranked_papers"]
