"""Seat constraints as people write them: ``gender=F:3`` on the command line, and TOML files.

A constraint file gives the candidates' attributes and the constraints on them
(``docs/constraints.md``); :func:`load_constraint_file` reads one and
:func:`apply_attributes` puts the attributes on a profile's candidates. Anything that cannot
be read is a :class:`~votecount.errors.ConstraintError` naming the file and the reason.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import attrs

from votecount.ballots import Candidate
from votecount.constraints import Constraint
from votecount.errors import ConstraintError
from votecount.profile import Profile


def parse_constraint(text: str, kind: Literal["at_least", "at_most"] = "at_least") -> Constraint:
    """Read a command-line constraint ``attribute=value:count``, e.g. ``gender=F:3``.

    ``kind`` says whether the count is a minimum (``--at-least``) or a maximum
    (``--at-most``). The count is written in ASCII digits (``int()`` would also take ``٣``).
    """
    group, sep, number = text.rpartition(":")
    attribute, eq, value = group.partition("=")
    if not sep or not eq or not attribute.strip() or not value.strip():
        raise ConstraintError(
            f"cannot read constraint {text!r}: write attribute=value:count, e.g. gender=F:3"
        )
    count = number.strip()
    if not _COUNT.fullmatch(count):
        raise ConstraintError(f"cannot read constraint {text[:60]!r}: {count[:20]!r} is not a whole number")
    n = int(count)
    if kind == "at_least":
        return Constraint(attribute.strip(), value.strip(), at_least=n)
    if kind == "at_most":
        return Constraint(attribute.strip(), value.strip(), at_most=n)
    raise ConstraintError(f"kind must be 'at_least' or 'at_most', not {kind!r}")


_COUNT = re.compile(r"[+-]?[0-9]{1,18}")
_CONSTRAINT_KEYS = {"attribute", "value", "at_least", "at_most"}


class CandidateAttributes(dict[str, dict[str, str]]):
    """Candidates' attributes by name, as read from ``source`` (a constraint file).

    A plain dict that remembers where it came from, so that :func:`apply_attributes` can
    name the file when a name in it is not a candidate.
    """

    def __init__(
        self, items: Mapping[str, dict[str, str]] | None = None, *, source: str | None = None
    ) -> None:
        super().__init__(items or {})
        self.source = source


def load_constraint_file(
    path: str | Path,
) -> tuple[CandidateAttributes, tuple[Constraint, ...]]:
    """Read candidate attributes and seat constraints from a TOML file.

    Returns ``(attributes by candidate name, constraints)``; the attributes remember the
    file, for :func:`apply_attributes`'s errors. The format (see
    ``docs/constraints.md``)::

        [candidates]
        "Furlong" = { gender = "M" }
        "Brookfield" = { gender = "F", region = "East Midlands" }

        [[constraint]]
        attribute = "gender"
        value = "F"
        at_least = 2

    Errors are :class:`ConstraintError` s naming the file and, where there is one, the line.
    """
    where = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ConstraintError(f"{where}: cannot read constraint file: {exc.strerror}") from None
    return loads_constraint_file(data, source=where)


def loads_constraint_file(
    data: bytes | str, *, source: str | None = None
) -> tuple[CandidateAttributes, tuple[Constraint, ...]]:
    """:func:`load_constraint_file` for the file's contents; ``source`` names it in errors."""
    where = source or "<constraints>"
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        assert isinstance(data, bytes)
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConstraintError(
            f"{where}: not valid TOML: byte 0x{data[exc.start]:02x} on line {line} is not UTF-8"
        ) from None
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConstraintError(f"{where}: not valid TOML: {exc}") from None
    except RecursionError:
        raise ConstraintError(f"{where}: not valid TOML: nested too deeply") from None
    except ValueError as exc:  # an integer of more digits than Python converts
        raise ConstraintError(f"{where}: not valid TOML: {exc}") from None
    return _constraint_tables(table, where)


def _is_text(value: object) -> bool:
    """A TOML value taken as text: a string, or a whole number written as its digits."""
    return isinstance(value, str | int) and not isinstance(value, bool)


def _constraint_tables(
    data: dict[str, Any], where: str
) -> tuple[CandidateAttributes, tuple[Constraint, ...]]:
    unknown = sorted(set(data) - {"candidates", "constraint"})
    if unknown:
        raise ConstraintError(
            f"{where}: unknown section(s) {', '.join(unknown)}; expected [candidates] and [[constraint]]"
        )
    attributes = CandidateAttributes(source=where)
    table = data.get("candidates", {})
    if not isinstance(table, dict):
        raise ConstraintError(f"{where}: [candidates] must be a table of name = {{ ... }}")
    for name, attrs_of in table.items():
        if not isinstance(attrs_of, dict) or not all(_is_text(v) for v in attrs_of.values()):
            raise ConstraintError(
                f"{where}: candidate {name!r}: attributes must be a table of text values, "
                f'e.g. {{ gender = "F" }}'
            )
        attributes[str(name)] = {str(k): str(v) for k, v in attrs_of.items()}
    entries = data.get("constraint", [])
    if not isinstance(entries, list):
        raise ConstraintError(f"{where}: constraints are written [[constraint]], one table each")
    constraints: list[Constraint] = []
    for n, entry in enumerate(entries, start=1):
        label = f"{where}: constraint {n}"
        if not isinstance(entry, dict):
            raise ConstraintError(f"{label}: expected a table")
        extra = sorted(set(entry) - _CONSTRAINT_KEYS)
        if extra:
            raise ConstraintError(f"{label}: unknown key(s) {', '.join(extra)}")
        missing = [k for k in ("attribute", "value") if k not in entry]
        if missing:
            raise ConstraintError(f"{label}: missing {' and '.join(missing)}")
        if "at_least" not in entry and "at_most" not in entry:
            raise ConstraintError(f"{label}: give at_least, at_most or both")
        for key in ("attribute", "value"):
            if not _is_text(entry[key]):
                raise ConstraintError(f'{label}: {key} must be text, e.g. {key} = "F"')
        try:
            constraints.append(
                Constraint(
                    entry["attribute"],
                    entry["value"],
                    at_least=entry.get("at_least", 0),
                    at_most=entry.get("at_most"),
                )
            )
        except ConstraintError as exc:
            raise ConstraintError(f"{label}: {exc}") from None
    return attributes, tuple(constraints)


def apply_attributes(
    profile: Profile, attributes: Mapping[str, Mapping[str, str]], *, source: str | None = None
) -> Profile:
    """A copy of ``profile`` whose candidates carry ``attributes`` (by candidate name or id).

    Attributes given here are added to those the candidate already has, replacing any of
    the same name. A name that is not a candidate raises :class:`ConstraintError` naming
    ``source`` (the constraint file; by default the file ``attributes`` were read from).
    """
    if source is None and isinstance(attributes, CandidateAttributes):
        source = attributes.source
    known = {c.name for c in profile.candidates} | {c.id for c in profile.candidates}
    unknown = [name for name in attributes if name not in known]
    if unknown:
        where = f"{source}: " if source else ""
        raise ConstraintError(
            f"{where}unknown candidate(s) {', '.join(repr(n) for n in unknown)}; "
            f"the candidates are {', '.join(c.name for c in profile.candidates)}"
        )
    new: list[Candidate] = []
    for cand in profile.candidates:
        extra = attributes.get(cand.id, attributes.get(cand.name))
        if extra:
            merged = {**cand.attributes, **{str(k): str(v) for k, v in extra.items()}}
            cand = attrs.evolve(cand, attributes=merged)
        new.append(cand)
    return profile.replace(candidates=tuple(new))


__all__ = [
    "CandidateAttributes",
    "apply_attributes",
    "load_constraint_file",
    "loads_constraint_file",
    "parse_constraint",
]
