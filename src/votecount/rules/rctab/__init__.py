"""RCTab's counts: the US certified tabulator's rule options and round loop.

:func:`count_papers` counts papers as written under :class:`RCTabOptions` (each option
documented with RCTab's configuration key); :func:`count_rctab` is the ``rctab`` rule of
the rule table, for ballots already read into a profile. See ``docs/us-cvr.md``.
"""

from votecount.rules.rctab.count import RULE, count_papers
from votecount.rules.rctab.options import RCTabOptions, from_rctab_rules
from votecount.rules.rctab.papers import OVERVOTE
from votecount.rules.rctab.tiebreak import JavaRandom

__all__ = ["OVERVOTE", "RULE", "JavaRandom", "RCTabOptions", "count_papers", "from_rctab_rules"]
