"""Counting rules. Each module registers its rules in :mod:`votecount.rules.registry`.

Every module of this package is imported here, so a new rule module registers itself by
existing; nothing else needs to list it.
"""

from __future__ import annotations

import importlib
import pkgutil

from votecount.rules.registry import RULES, RuleSpec, get_rule, register

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    if _module != "registry" and not _module.startswith("_"):
        importlib.import_module(f"{__name__}.{_module}")

__all__ = ["RULES", "RuleSpec", "get_rule", "register"]
