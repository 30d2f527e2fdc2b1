"""Hostile input for the readers of spreadsheets and US cast-vote records.

As ``test_hostile.py`` does for the text formats: each reader (ballot .xlsx and .ods, ES&S
workbooks, Dominion exports single and split, Hart, Clear Ballot, RCTab's generic CSV, NIST
CDF JSON and XML, Unisyn; RCTab's configurations) is given random bytes, real files with
bytes deleted, inserted or replaced, and every truncation of a small file. Reading must succeed or raise
:class:`~votecount.errors.VotecountError`; anything else fails the test with its traceback.

The readers are the coverage-guided fuzzer's (``fuzz/cvr_targets.py``), so the two lay files
out the same way: a spreadsheet's cell parts zipped into a workbook, a Dominion manifest and
its exports split at a marker line, each cast-vote-record file read as a whole contest with
one of RCTab's own test configurations (from ``../shared/data/rctab``; those tests skip
without it). The whole-file tests give the spreadsheets' bytes as they come off the disk.
"""

from __future__ import annotations

import contextlib
import importlib.util
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import PROJECT_ROOT
from votecount.errors import VotecountError
from votecount.formats import loads
from votecount.formats.rctab_config import load_rctab_config

FUZZ = PROJECT_ROOT / "fuzz"


def _load(name: str) -> ModuleType:
    """A script of fuzz/ by its path, with fuzz/ on the import path as when it runs."""
    spec = importlib.util.spec_from_file_location(f"fuzz_{name}", FUZZ / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(FUZZ))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(FUZZ))
    return module


targets = _load("targets")
CVR = targets.cvr_targets.CVR_TARGETS
SHEETS = targets.cvr_targets.SPREADSHEET_TARGETS


@cache
def _reader(target: str) -> Callable[[bytes], Any]:
    if target in CVR and not (targets.cvr_targets.RCTAB / targets.cvr_targets.CONFIGS[target][0]).is_file():
        pytest.skip("the cast-vote-record readers are tried with RCTab's tests in ../shared/data/rctab")
    if target in SHEETS or target == "ess":
        pytest.importorskip("openpyxl")
    pytest.importorskip("ijson")
    return targets.reader(target)  # type: ignore[no-any-return]


@cache
def _seeds(target: str) -> tuple[bytes, ...]:
    _reader(target)
    return tuple(targets.seeds(target))


def reads_or_refuses(target: str, data: bytes) -> None:
    with contextlib.suppress(VotecountError):
        _reader(target)(data)


def whole_file(kind: str, data: bytes) -> None:
    """A spreadsheet's bytes as they come off the disk."""
    with contextlib.suppress(VotecountError):
        loads(data, kind)


TRICKY = [b"<", b">", b"/>", b'"', b",", b"\n", b"{", b"}", b"[", b"]", b"0", b"-1", b"\xff", b"\x00"]
TRICKY += [b"99999999999999999999", b"1e999", b"NaN", b"null", b"&amp;", b"<![CDATA[", b"<!DOCTYPE a>"]
PIECES = st.one_of(st.sampled_from(TRICKY), st.binary(min_size=1, max_size=6))


@st.composite
def mutated(draw: st.DrawFn, files: tuple[bytes, ...]) -> bytes:
    """A real file with a few bytes deleted, inserted or replaced."""
    data = bytearray(draw(st.sampled_from(files)))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["delete", "insert", "replace"]))
        if action == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        else:
            piece = draw(PIECES)
            data[at : at + (len(piece) if action == "replace" else 0)] = piece
    return bytes(data)


@pytest.mark.parametrize("target", SHEETS + CVR)
@settings(max_examples=10)
@given(data=st.binary(max_size=300))
def test_random_bytes_read_or_raise_a_votecount_error(target: str, data: bytes) -> None:
    reads_or_refuses(target, data)


@pytest.mark.parametrize("kind", SHEETS)
@settings(max_examples=10)
@given(data=st.binary(max_size=300))
def test_random_bytes_as_a_whole_spreadsheet_read_or_raise_a_votecount_error(kind: str, data: bytes) -> None:
    whole_file(kind, b"PK\x03\x04" + data)  # past the ZIP signature, to the container's parsing


@pytest.mark.parametrize("target", SHEETS + CVR)
@settings(max_examples=10)
@given(data=st.data())
def test_mutated_real_files_read_or_raise_a_votecount_error(target: str, data: st.DataObject) -> None:
    reads_or_refuses(target, data.draw(mutated(_seeds(target))))


def test_every_truncation_of_a_small_file_reads_or_raises_a_votecount_error() -> None:
    """RCTab's smallest cast-vote-record file (101 bytes of generic CSV) cut at every byte, in
    the default run; every seed of every reader, in the slow run below."""
    data = _seeds("generic-csv")[1]
    assert len(data) == 101
    for end in range(len(data)):
        reads_or_refuses("generic-csv", data[:end])


@pytest.mark.slow
@pytest.mark.parametrize("target", SHEETS + CVR)
def test_every_truncation_of_every_seed_reads_or_raises_a_votecount_error(target: str) -> None:
    for data in _seeds(target):
        for end in range(len(data)):
            reads_or_refuses(target, data[:end])


@pytest.mark.slow
@pytest.mark.parametrize("kind", SHEETS)
def test_every_truncation_of_a_whole_spreadsheet_reads_or_raises_a_votecount_error(kind: str) -> None:
    files = targets.cvr_targets
    content = _seeds(kind)[0]
    data = files.ods_file(content) if kind == "ods" else files._xlsx_template(list(files.BALLOT_SHEETS[0]))
    for end in range(len(data)):
        whole_file(kind, data[:end])


CONFIGS = tuple(sorted({config for config, _ in targets.cvr_targets.CONFIGS.values()}))


@cache
def _config_texts() -> tuple[bytes, ...]:
    return tuple((targets.cvr_targets.RCTAB / name).read_bytes() for name in CONFIGS)


@settings(max_examples=20)
@given(data=st.data())
def test_mutated_rctab_configurations_read_or_raise_a_votecount_error(data: st.DataObject) -> None:
    """The configuration reader too (it reads JSON from a path): RCTab's own configurations
    of the targets above, damaged as the record files are."""
    if not (targets.cvr_targets.RCTAB / CONFIGS[0]).is_file():
        pytest.skip("RCTab's configurations are in ../shared/data/rctab")
    text = data.draw(st.one_of(mutated(_config_texts()), st.binary(max_size=200)))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.json"
        path.write_bytes(text)
        with contextlib.suppress(VotecountError):
            load_rctab_config(path)


def test_a_contest_selection_that_is_not_a_list_of_objects_is_refused() -> None:
    """Found by the cdf-json fuzz target: ``ContestSelection`` a string, once an AttributeError."""
    minimised = (
        b'{"":"","":[{"":"","":[{"":"","":[{"":[{"":"","":[{"":2}]},{"":"","":[{"":"","":6}]}],"":""'
        b'}],"":""}],"":[{"":"","":""}],"":""}],"Election":[{"":"","":"","":[{"":""},{"":"","":""},{'
        b'"":"","":"","":""}],"Contest":[{"":"","Name":"aliases file 1","ContestSelection":"s","":[{'
        b'"":"","":"","":"","":[""]},{"":"","":"","":[""]}]}],"":""}],"":""}'
    )
    with pytest.raises(VotecountError, match="ContestSelection is not a list of objects"):
        _reader("cdf-json")(minimised)
