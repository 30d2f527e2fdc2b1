"""The engine's table of surplus transfer methods, by the name an options record gives.

``STVOptions(surplus=NAME)`` counts with ``TRANSFER_METHODS[NAME]``. To add a method, write
an object that follows :class:`~votecount.rules.stv.count.TransferMethod` (or subclass
:class:`~votecount.rules.stv.gregory.PileTransfers`) in a module of its own, and list it
here; see docs/architecture.md.
"""

from __future__ import annotations

from collections.abc import Mapping

from votecount.rules.stv.count import TransferMethod
from votecount.rules.stv.gregory import UnweightedGregory, WeightedInclusiveGregory
from votecount.rules.stv.meek import MEEK_METHOD, NZ_MEEK_METHOD, WARREN_METHOD

TRANSFER_METHODS: Mapping[str, TransferMethod] = {
    method.name: method
    for method in (
        WeightedInclusiveGregory(),
        UnweightedGregory("uig", last_parcel=False),
        UnweightedGregory("last-parcel", last_parcel=True),
        MEEK_METHOD,
        WARREN_METHOD,
        NZ_MEEK_METHOD,
    )
}
"""Every surplus method by name: ``wigm``, ``uig``, ``last-parcel``, ``meek``, ``warren``,
``meek-nz``."""

__all__ = ["TRANSFER_METHODS"]
