"""RCTab's counts: the US certified tabulator's rule options and round loop.

:func:`count_papers` counts papers as written under :class:`RCTabOptions` (each option
documented with RCTab's configuration key); :func:`count_rctab` is the ``rctab`` rule of
the rule table, for ballots already read into a profile. See ``docs/us-cvr.md``.

Each name is imported from its module when first used (PEP 562), so that the rule table,
which needs only the options, does not load the round loop for every count.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from votecount.rules.rctab.count import RULE, count_papers
    from votecount.rules.rctab.options import RCTabOptions, from_rctab_rules
    from votecount.rules.rctab.papers import OVERVOTE
    from votecount.rules.rctab.tiebreak import JavaRandom

_WHERE = {
    "RULE": "count",
    "count_papers": "count",
    "RCTabOptions": "options",
    "from_rctab_rules": "options",
    "OVERVOTE": "papers",
    "JavaRandom": "tiebreak",
}


def __getattr__(name: str) -> Any:
    """The public name ``name``, imported from its module on first use."""
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{where}"), name)
    globals()[name] = value
    return value


__all__ = ["OVERVOTE", "RULE", "JavaRandom", "RCTabOptions", "count_papers", "from_rctab_rules"]
