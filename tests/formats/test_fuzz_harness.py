"""The coverage-guided fuzz harness (``fuzz/``) stays usable as the readers change.

The harness itself runs by hand (it needs atheris and never ends by itself), so nothing else
would notice if a reader's change made its seeds unreadable, sending the fuzzer off from files
that fail on their first line, or if its minimiser stopped keeping the crash it minimises.
Neither check needs atheris.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from helpers import PROJECT_ROOT
from votecount.errors import VotecountError

FUZZ = PROJECT_ROOT / "fuzz"


def _load(name: str) -> ModuleType:
    """A module of fuzz/ by its path (fuzz/ is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"fuzz_{name}", FUZZ / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(FUZZ))  # run.py imports targets.py beside it, as a script does
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(FUZZ))
    return module


targets = _load("targets")
cvr_targets = _load("cvr_targets")
run = _load("run")


@pytest.mark.parametrize("target", targets.NAMES)
def test_every_seed_reads_cleanly(target: str) -> None:
    """Each seed reads, or is refused with votecount's own error (one real file seeds another
    configuration's contest, or the ballot reader with an ES&S sheet it cannot lay out)."""
    if target in cvr_targets.CVR_TARGETS:
        if not (cvr_targets.RCTAB / cvr_targets.CONFIGS[target][0]).is_file():
            pytest.skip("the cast-vote-record targets need ../shared/data/rctab")
        pytest.importorskip("ijson")
    if target in cvr_targets.SPREADSHEET_TARGETS or target == "ess":
        pytest.importorskip("openpyxl")
    read = targets.reader(target)
    found = targets.seeds(target)
    assert found
    cleanly = 0
    for seed in found:
        try:
            read(seed)
            cleanly += 1
        except VotecountError:
            pass
    assert cleanly >= 1  # the fuzzer starts from at least one file that reads through


def test_a_dominion_pair_is_laid_out_as_a_manifest_and_its_exports(tmp_path: Path) -> None:
    data = b"manifest" + cvr_targets.SEP + b"first" + cvr_targets.SEP + b"second"
    cvr_targets._write("dominion-multi", tmp_path, data, {})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {
        "ContestManifest.json": b"manifest",
        "CvrExport_1.json": b"first",
        "CvrExport_2.json": b"second",
    }
    cvr_targets._write("dominion", tmp_path, data, {})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ContestManifest.json", "CvrExport.json"]


def _divides(data: bytes) -> None:
    """A stand-in reader with a bug: ``/0`` anywhere divides by zero; ``!`` is refused properly."""
    if b"!" in data:
        raise VotecountError("refused")
    if b"/0" in data:
        raise ZeroDivisionError("division by zero")


def test_the_minimiser_keeps_the_crash_and_drops_the_rest() -> None:
    assert run.minimise(_divides, b"3 1\n1/0 1 0\n0\n", VotecountError) == b"/0"


def test_a_votecount_error_is_not_a_finding() -> None:
    assert run._signature(_divides, b"1/0 !", VotecountError) is None
    assert run._signature(_divides, b"1/0", VotecountError) is not None
    assert run._signature(_divides, b"1", VotecountError) is None


def test_the_runner_minimises_the_findings_after_the_run(tmp_path: Path) -> None:
    (tmp_path / "finding-1.bin").write_bytes(b"3 1\n1/0 1 0\n0\n")
    (tmp_path / "finding-1.txt").write_text("ZeroDivisionError@x.py:1\n")
    (tmp_path / "finding-2.bin").write_bytes(b"12345")
    (tmp_path / "finding-2.txt").write_text("slow@blt:5-bytes\n")
    run.minimise_findings(tmp_path, _divides)
    assert (tmp_path / "finding-1.bin").read_bytes() == b"/0"
    assert (tmp_path / "finding-1.full.bin").read_bytes() == b"3 1\n1/0 1 0\n0\n"
    assert (tmp_path / "finding-2.bin").read_bytes() == b"12345"  # a slow input is kept whole
    assert not (tmp_path / "finding-2.full.bin").exists()


def test_a_worker_that_never_fuzzed_stops_the_run() -> None:
    missing = "INFO: Instrumenting votecount\nthe ess target needs ../shared/data/rctab/x.json\n"
    assert run.never_started(1, missing)
    assert run.last_words(missing).startswith("the ess target needs")
    fuzzed = "#2\tINITED cov: 60 ft: 60 corp: 1/1b exec/s: 0 rss: 80Mb\n==1== ERROR: libFuzzer: timeout\n"
    assert not run.never_started(1, fuzzed)  # a hang after fuzzing: the runner goes on
    assert not run.never_started(0, "")
