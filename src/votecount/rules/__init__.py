"""Counting rules: the table of every rule by name (:mod:`votecount.rules.table`), each a
function with its facts (:mod:`votecount.rules.spec`). Plurality rules are in
:mod:`~votecount.rules.plurality`, preferential rounds in :mod:`~votecount.rules.preferential`,
the STV engine in :mod:`~votecount.rules.stv`, and the statutory presets of that engine,
each option beside its clause, in :mod:`~votecount.rules.presets`.
"""

from __future__ import annotations

from votecount.rules.spec import OptionSpec, RuleSpec
from votecount.rules.table import RULES, get_rule

__all__ = ["RULES", "OptionSpec", "RuleSpec", "get_rule"]
