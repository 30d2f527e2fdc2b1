"""The engine's table of surplus transfer methods, by the name an options record gives.

``STVOptions(surplus=NAME)`` counts with ``TRANSFER_METHODS[NAME]``. To add a method, write
an object that follows :class:`~votecount.rules.stv.count.TransferMethod` (or subclass
:class:`~votecount.rules.stv.gregory.PileTransfers`) in a module of its own, and list it
here; see docs/architecture.md.

The Gregory methods are made here; the iterative ones (Meek, Warren) are taken from
:mod:`votecount.rules.stv.meek` when a count first asks for one, so that a count by any
other method does not load their iteration.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from votecount.rules.stv.count import TransferMethod
from votecount.rules.stv.gregory import UnweightedGregory, WeightedInclusiveGregory

_ITERATIVE = "votecount.rules.stv.meek"
"""The module of the iterative methods."""

_LATER: Mapping[str, tuple[str, str]] = {
    "meek": (_ITERATIVE, "MEEK_METHOD"),
    "warren": (_ITERATIVE, "WARREN_METHOD"),
    "meek-nz": (_ITERATIVE, "NZ_MEEK_METHOD"),
}
"""The methods taken from their modules when first asked for, by name: (module, name there)."""


class _Methods(Mapping[str, TransferMethod]):
    """Every method by name, in the order listed; an iterative one loaded when first asked for."""

    def __init__(self, made: Mapping[str, TransferMethod], later: Mapping[str, tuple[str, str]]) -> None:
        self._made = dict(made)
        self._later = later
        self._names = (*made, *later)

    def __getitem__(self, name: str) -> TransferMethod:
        method = self._made.get(name)
        if method is None:
            module, attribute = self._later[name]
            method = getattr(importlib.import_module(module), attribute)
            self._made[name] = method
        return method

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __repr__(self) -> str:
        return f"TRANSFER_METHODS({', '.join(self._names)})"


TRANSFER_METHODS: Mapping[str, TransferMethod] = _Methods(
    {
        method.name: method
        for method in (
            WeightedInclusiveGregory(),
            UnweightedGregory("uig", last_parcel=False),
            UnweightedGregory("last-parcel", last_parcel=True),
        )
    },
    _LATER,
)
"""Every surplus method by name: ``wigm``, ``uig``, ``last-parcel``, ``meek``, ``warren``,
``meek-nz``."""

__all__ = ["TRANSFER_METHODS"]
