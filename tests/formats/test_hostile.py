"""Hostile input: every reader either reads a file or raises the library's own error.

Each reader (BLT, CSV, PrefLib .soi/.toi, JSON profiles, JSON results, constraint TOML) is
given random bytes, small valid files with bytes deleted, inserted or replaced (the pieces
inserted include the numbers and nesting that once escaped as ``ValueError`` or
``RecursionError``), JSON documents with a value swapped for one of the wrong type, and every
truncation of a small valid file. Reading must succeed or raise
:class:`~votecount.errors.VotecountError`; anything else fails the test with its traceback.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from votecount import Candidate, PluralityBallot, Profile, RankedBallot
from votecount.constraint_files import loads_constraint_file
from votecount.errors import VotecountError
from votecount.formats import dumps, loads
from votecount.formats.jsonio import result_from_json, result_to_json
from votecount.result import Event, Result, Round, Transfer
from votecount.ties import TieRecord
from votecount.validation import BallotProblem, ValidationReport

ANN = Candidate("Ann", "a", {"gender": "F"})
BOB = Candidate("Bob", "b")
CAT = Candidate("Cat \"the\" =Cat", "c")
RANKED = Profile(
    [ANN, BOB, CAT],
    [
        RankedBallot((0, 1), 3),
        RankedBallot((frozenset({1, 2}), 0), Fraction(1, 3)),
        RankedBallot((2,), Fraction(5, 2)),
    ],
    seats=2,
    title="Ward 9",
    withdrawn={2},
    tie_order=(1, 0, 2),
)
PLURALITY = Profile([ANN, BOB, CAT], [PluralityBallot({0}, 2), PluralityBallot({1, 2}, 1)], seats=2)


def _small_result() -> Result:
    first = Round(
        1,
        "first preferences",
        {ANN: 4, BOB: 3, CAT: 2},
        changes={ANN: 4, BOB: 3, CAT: 2},
        quota=Decimal("3.01"),
        events=(Event("elected", ANN, "reached the quota"),),
    )
    second = Round(
        2,
        "surplus of Ann",
        {ANN: Decimal("3.01"), BOB: Fraction(7, 2), CAT: 2},
        exhausted=Fraction(1, 3),
        transfers=(Transfer(ANN, "surplus", 4, {BOB: Fraction(1, 2)}, Fraction(1, 3), 0, Fraction(1, 4)),),
        events=(Event("excluded", CAT, "lowest"),),
        sections={"members": {ANN: 2}},
    )
    return Result(
        "stv",
        (ANN, BOB, CAT),
        2,
        (ANN, BOB),
        (first, second),
        9,
        options={"places": 2, "threshold": Fraction(1, 2), "order": ("a", "b"), "first": CAT},
        quota=Decimal("3.01"),
        ties=(TieRecord(2, "exclude", (BOB, CAT), "lot", (BOB, CAT)),),
        title="T",
        notes=("n",),
        validation=ValidationReport(
            "w.blt", 10, 9, {}, {"blank paper": 1}, (BallotProblem("blank paper", "set aside", 1, 7),)
        ),
    )


RESULT = result_to_json(_small_result()).encode()
TOML = b"""[candidates]
"Ann" = { gender = "F", region = "North" }
Bob = { gender = "M" }

[[constraint]]
attribute = "gender"
value = "F"
at_least = 1
at_most = 2
"""

# Small valid files of each kind: the writers' own, and hand-written ones using what the
# readers accept beyond that (BLT commas, nicknames, ballot ids; CSV ranks and crosses).
VALID: dict[str, list[bytes]] = {
    "blt": [
        dumps(RANKED, "blt").encode(),
        b'3 2\n[nick a b c]\n-3\n(p1) 2 a b=c 0\n1.5 c 0\n0\n"Ann" "Lab"\n"Bob"\n"Cat"\n"T"\n',
        b"3, 1,\n2, 1, 2, 0,\n1, 3, 0,\n0,\nAnn,\nBob,\nCat,\nT,\n",
    ],
    "csv": [
        dumps(RANKED, "csv").encode(),
        dumps(PLURALITY, "csv").encode(),
        b"id,weight,Ann,Bob,Cat\nx,3,1,2,\ny,1/2,,1,1\n",
        b"Ann;Bob\nX;\n;1\n",
    ],
    "soi": [dumps(RANKED.replace(ballots=RANKED.ballots[:1]), "soi").encode()],
    "toi": [dumps(RANKED, "toi").encode()],
    "json": [dumps(RANKED, "json").encode(), dumps(PLURALITY, "json").encode()],
    "result": [RESULT],
    "toml": [TOML],
}


def _read_result(data: bytes) -> object:
    return result_from_json(data.decode("utf-8", errors="replace"))


READERS: dict[str, Callable[[bytes], object]] = {
    "blt": lambda data: loads(data, "blt"),
    "csv": lambda data: loads(data, "csv"),
    "soi": lambda data: loads(data, "soi"),
    "toi": lambda data: loads(data, "toi", policy="strict"),
    "json": lambda data: loads(data, "json"),
    "result": _read_result,
    "toml": loads_constraint_file,
}


def reads_or_refuses(kind: str, data: bytes) -> None:
    """Read ``data``: success and :class:`VotecountError` pass, anything else fails the test."""
    with contextlib.suppress(VotecountError):
        READERS[kind](data)


def test_the_valid_files_read() -> None:
    for kind, files in VALID.items():
        for data in files:
            READERS[kind](data)


KINDS = sorted(VALID)

# What has broken readers before: numbers int() refuses or takes wrongly, division by zero,
# non-finite and huge numbers, deep nesting, stray quotes, brackets and separators.
TRICKY = [
    b"1/0",
    b"nan",
    b"NaN",
    b"inf",
    b"Infinity",
    "\u00b2".encode(),
    "\u0663".encode(),
    "\u2003".encode(),
    b"9" * 5000,
    b"1e999999999999999999999",
    b"[" * 1000,
    b"{" * 600,
    b'"',
    b"'",
    b",",
    b";",
    b":",
    b"=",
    b"-",
    b"0",
    b"\n",
    b"\r",
    b"#",
    b"[]",
    b"{}",
    b"null",
    b"true",
    b"\xff",
    b"\x00",
]
PIECES = st.one_of(st.sampled_from(TRICKY), st.binary(min_size=1, max_size=6))


@st.composite
def mutated(draw: st.DrawFn, files: list[bytes]) -> bytes:
    """A valid file with a few bytes deleted, inserted or replaced."""
    data = bytearray(draw(st.sampled_from(files)))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["delete", "insert", "replace"]))
        if action == "delete":
            del data[at : at + draw(st.integers(1, 8))]
        else:
            piece = draw(PIECES)
            end = at + (len(piece) if action == "replace" else 0)
            data[at:end] = piece
    return bytes(data)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        children: Any = value.items()
    else:
        children = enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        yield from _paths(child, (*path, key))


WRONG_VALUES = st.sampled_from(
    [None, True, 0, -1, 10**30, 1.5, "", "x", "1/0", "NaN", "1/3", "2.5", "Zed", [], {}, [1], {"a": 1}, [[]]]
)


@st.composite
def retyped(draw: st.DrawFn, files: list[bytes]) -> bytes:
    """A JSON document with a value replaced by one of another type, or a key removed."""
    doc = json.loads(draw(st.sampled_from(files)))
    for _ in range(draw(st.integers(1, 2))):
        path = draw(st.sampled_from(list(_paths(doc))[1:]))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        if isinstance(parent, dict) and draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = json.loads(json.dumps(draw(WRONG_VALUES)))  # a fresh copy
    return json.dumps(doc).encode()


@pytest.mark.parametrize("kind", KINDS)
@given(data=st.data())
def test_random_bytes_read_or_raise_a_votecount_error(kind: str, data: st.DataObject) -> None:
    reads_or_refuses(kind, data.draw(st.binary(max_size=200)))


@pytest.mark.parametrize("kind", KINDS)
@given(data=st.data())
def test_mutated_files_read_or_raise_a_votecount_error(kind: str, data: st.DataObject) -> None:
    reads_or_refuses(kind, data.draw(mutated(VALID[kind])))


@pytest.mark.parametrize("kind", ["json", "result"])
@given(data=st.data())
def test_json_with_values_of_the_wrong_type_reads_or_raises_a_votecount_error(
    kind: str, data: st.DataObject
) -> None:
    reads_or_refuses(kind, data.draw(retyped(VALID[kind])))


@pytest.mark.parametrize("kind", KINDS)
def test_every_truncation_reads_or_raises_a_votecount_error(kind: str) -> None:
    for data in VALID[kind]:
        for end in range(len(data)):
            reads_or_refuses(kind, data[:end])
