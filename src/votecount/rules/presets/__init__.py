"""Every statutory STV rule, each a :class:`~votecount.rules.presets.preset.Preset` of the
one engine's options with the clause beside every field, in one place:

- :mod:`~votecount.rules.presets.scottish`: Scottish local government STV (``scottish-stv``);
- :mod:`~votecount.rules.presets.ers97`: the Electoral Reform Society's 1997 rules (``ers97``);
- :mod:`~votecount.rules.presets.northern_ireland`: Northern Ireland local elections;
- :mod:`~votecount.rules.presets.australian_senate`: the Australian Senate;
- :mod:`~votecount.rules.presets.act_hare_clark`: the ACT's Hare-Clark;
- :mod:`~votecount.rules.presets.meek`: Meek, New Zealand Meek and Warren.

:func:`count_with_options` is the rule ``stv``: the same engine with options of the caller's
choosing, starting from a preset if asked. docs/rules/presets.md is generated from these
presets (``python docs/make_presets_page.py``) and a test keeps it current.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from votecount.errors import RuleError
from votecount.profile import Profile
from votecount.result import Result
from votecount.rules.presets.act_hare_clark import ACT_HARE_CLARK
from votecount.rules.presets.australian_senate import AUSTRALIAN_SENATE
from votecount.rules.presets.ers97 import ERS97
from votecount.rules.presets.meek import MEEK, NZ_MEEK, WARREN
from votecount.rules.presets.northern_ireland import NORTHERN_IRELAND
from votecount.rules.presets.preset import FIELDS, Preset, PresetRule
from votecount.rules.presets.scottish import SCOTTISH
from votecount.rules.stv import STVOptions, count_stv
from votecount.ties import TiePolicy

PRESETS: Mapping[str, Preset] = {
    preset.name: preset
    for preset in (
        SCOTTISH,
        ERS97,
        NORTHERN_IRELAND,
        AUSTRALIAN_SENATE,
        ACT_HARE_CLARK,
        MEEK,
        NZ_MEEK,
        WARREN,
    )
}
"""Every preset by rule name: ``PRESETS["scottish-stv"].options`` is what that rule counts with."""


def count_with_options(
    profile: Profile, *, seats: int, ties: TiePolicy, constraints: Sequence[Any] = (), **options: Any
) -> Result:
    """STV with every option given by the caller: any field of
    :class:`~votecount.rules.stv.options.STVOptions` (``preset="scottish-stv"`` starts from a
    preset's options)."""
    base_name = options.pop("preset", None)
    if base_name is not None and str(base_name) not in PRESETS:
        raise RuleError(f"unknown STV preset {base_name!r}; known: {', '.join(sorted(PRESETS))}")
    base = PRESETS[str(base_name)].options if base_name is not None else STVOptions()
    unknown = sorted(set(options) - set(FIELDS))
    if unknown:
        raise RuleError(f"unknown STV options: {', '.join(unknown)}; known: {', '.join(sorted(FIELDS))}")
    try:
        chosen = attrs.evolve(base, **options)
    except RuleError:
        raise
    except (ValueError, TypeError) as exc:
        # attrs' validators put their message first, then the field and the choices
        detail = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
        raise RuleError(f"bad STV option: {detail}") from None
    return count_stv(profile, seats=seats, ties=ties, constraints=constraints, options=chosen)


__all__ = ["PRESETS", "Preset", "PresetRule", "count_with_options"]
