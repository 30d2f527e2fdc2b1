"""Seeded ballot generators: profiles that look like real elections, reproducibly.

Every generator takes the candidates (names, :class:`~votecount.ballots.Candidate` s, or a
number), the number of voters and a ``seed``, and returns a grouped
:class:`~votecount.profile.Profile`. The same arguments and seed give the same profile, on
every platform and Python version: the only source of chance is
``random.Random(seed).random()``, whose sequence Python guarantees not to change.

The models (see ``docs/generators.md`` for a picture of each against the Scottish council
data):

- :func:`impartial_culture`: every ordering of the candidates equally likely.
- :func:`plackett_luce`: candidates have strengths; a voter picks a first preference in
  proportion to strength, then a second among the rest in proportion to strength, and so on.
- :func:`slate_model`: voters fall into blocs, each preferring its own slate (a party, or a
  left and a centre-left slate); within a bloc, Plackett–Luce with the slate's strengths
  multiplied by the bloc's ``cohesion``.
- :func:`spatial_model`: candidates and voters on a left–right line; a voter ranks the
  candidates from nearest to farthest.

How many preferences each voter writes is a separate choice, a :class:`Lengths`: every
candidate, exactly k, a geometric fall-off, or :meth:`Lengths.scottish` (fitted to the
Scottish council elections of 2007–2022, where most voters rank two to four candidates).
With ``ballots="plurality"`` the same models give "cross in a box" papers: a voter marks
their first ``length`` preferences (one, by default).

Generation is by counts, not by voter: the voters at each prefix of a ranking are split
among the next preferences in one multinomial draw, so a million voters cost one draw each
per preference written, and each distinct ballot is built once.

The package, one subject a module; import from the package, as every name below is here:

- :mod:`~votecount.generate.lengths`: :class:`Lengths`, how many preferences a voter writes;
- :mod:`~votecount.generate.sampling`: :func:`multinomial` and the count-based samplers;
- :mod:`~votecount.generate.profiles`: the arguments every model shares, and the profile it
  returns (:func:`candidate_names`);
- :mod:`~votecount.generate.models`: :func:`impartial_culture`, :func:`plackett_luce` and
  :func:`popularity`;
- :mod:`~votecount.generate.slates`: :class:`Bloc`, :func:`blocs_by`, :func:`slate_model`;
- :mod:`~votecount.generate.spatial`: :func:`spatial_model`;
- :mod:`~votecount.generate.summaries`: :func:`ballot_lengths`, :func:`first_preferences`.
"""

from __future__ import annotations

from votecount.generate.lengths import Lengths
from votecount.generate.models import impartial_culture, plackett_luce, popularity
from votecount.generate.profiles import BallotKind, Seed, candidate_names
from votecount.generate.sampling import multinomial
from votecount.generate.slates import Bloc, blocs_by, slate_model
from votecount.generate.spatial import spatial_model
from votecount.generate.summaries import ballot_lengths, first_preferences

__all__ = [
    "BallotKind",
    "Bloc",
    "Lengths",
    "Seed",
    "ballot_lengths",
    "blocs_by",
    "candidate_names",
    "first_preferences",
    "impartial_culture",
    "multinomial",
    "plackett_luce",
    "popularity",
    "slate_model",
    "spatial_model",
]
