"""Who stands: a :class:`Candidate`, with the attributes seat constraints select on.

Candidates sit below ballots, results, ties and constraints, which all name them; a
candidate is a plain frozen value that knows nothing of the papers that rank it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from votecount.errors import BallotError


def _frozen_attributes(value: Mapping[str, str] | Iterable[tuple[str, str]] | None) -> Mapping[str, str]:
    try:
        items = sorted(dict(value or {}).items())
    except (TypeError, ValueError):
        raise BallotError(f"candidate attributes must map names to values, not {value!r}") from None
    return _FrozenDict((str(k), str(v)) for k, v in items)


class _FrozenDict(dict[str, str]):
    """A dict that refuses changes, so a frozen Candidate's attributes stay frozen.

    A change raises attrs' ``FrozenInstanceError``, as setting any field of a frozen value does.
    """

    def _refuse(self, *args: object, **kwargs: object) -> None:
        error = attrs.exceptions.FrozenInstanceError()
        error.add_note("candidate attributes are read-only; make a new Candidate to change them")
        raise error

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(self.items()))

    def __reduce__(self) -> tuple[type[_FrozenDict], tuple[list[tuple[str, str]]]]:
        return (_FrozenDict, (list(self.items()),))  # a pickle may not set items one by one

    def __repr__(self) -> str:
        return repr(dict(self))


@attrs.frozen(repr=False, cache_hash=True)  # a key of every stage's figures: hashed once
class Candidate:
    """A candidate: a display ``name``, a unique ``id`` and ``attributes`` for constraints.

    ``attributes`` are free-form strings (``{"gender": "F", "region": "Scotland"}``) that
    seat constraints select on. ``id`` defaults to the name.
    """

    name: str = attrs.field(converter=str)
    id: str = attrs.field(converter=str, default=attrs.Factory(lambda self: self.name, takes_self=True))
    attributes: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_attributes)

    def __repr__(self) -> str:
        parts = [repr(self.name)]
        if self.id != self.name:
            parts.append(f"id={self.id!r}")
        if self.attributes:
            parts.append(f"attributes={dict(self.attributes)!r}")
        return f"Candidate({', '.join(parts)})"

    def __str__(self) -> str:
        return self.name


__all__ = ["Candidate"]
