"""Hypothesis strategies for testing code that counts elections (needs ``hypothesis``).

Each strategy is named after what it generates and composes the way elections do::

    from hypothesis import given
    from votecount import strategies as vs

    @given(vs.elections(rules=["fptp"]))
    def test_my_code(election):
        result = election.count()
        ...

Generated values shrink to small, readable counterexamples: candidates are called ``A``,
``B``, ``C``..., ballots shrink towards fewer preferences in candidate order, weights
towards 1, profiles towards fewer ballots and fewer candidates.

- :func:`candidates` (with attributes such as gender, for constraints; free-text
  :func:`names` and ids on request)
- :func:`ranked_ballots`, :func:`plurality_ballots` and :func:`weights`
- :func:`ranked_papers` and :func:`plurality_papers`: papers as written, including the
  invalid kinds (repeated candidates, skipped preferences, overvotes, unknown marks), for
  the validity policies of :mod:`votecount.validity`
- :func:`profiles`: candidates and weighted ballots together; on request also ballot ids
  (:func:`ballot_ids`), equal rankings, seats, a title, withdrawn candidates and a tie order,
  everything a ballot file carries
- :func:`constraint_sets`: seat constraints, feasible or infeasible on purpose
- :func:`elections`: a profile, a rule, seats, tie-break seed and constraints, ready to count

hypothesis is an optional dependency: importing this module without it raises ImportError.

The package, one subject a module; import from the package, as every name above is here:
:mod:`~votecount.strategies.values` (weights, names, ballot ids, candidates),
:mod:`~votecount.strategies.ballots` (valid ballots and profiles),
:mod:`~votecount.strategies.papers` (papers as written, valid or not),
:mod:`~votecount.strategies.constraints` (seat constraints) and
:mod:`~votecount.strategies.election` (complete elections).
"""

from __future__ import annotations

# Checked here, before any submodule imports hypothesis, so that importing the package (or
# any part of it) without hypothesis says how to install it.
try:
    import hypothesis  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        "votecount.strategies needs hypothesis, an optional dependency: "
        "pip install hypothesis (or pip install 'votecount[test]')"
    ) from exc

from votecount.strategies.ballots import plurality_ballots, profiles, ranked_ballots
from votecount.strategies.constraints import constraint_sets
from votecount.strategies.election import Election, elections, marks_allowed
from votecount.strategies.papers import PAPER_PROBLEMS, plurality_papers, ranked_papers
from votecount.strategies.values import GENDER, NAME_CHARACTERS, ballot_ids, candidates, names, weights

__all__ = [
    "GENDER",
    "NAME_CHARACTERS",
    "PAPER_PROBLEMS",
    "Election",
    "ballot_ids",
    "candidates",
    "constraint_sets",
    "elections",
    "marks_allowed",
    "names",
    "plurality_ballots",
    "plurality_papers",
    "profiles",
    "ranked_ballots",
    "ranked_papers",
    "weights",
]
