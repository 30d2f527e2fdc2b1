"""Only regular files are read, and only up to a size: a directory, a FIFO or ``/dev/zero``
fails at once with a located error instead of blocking or filling memory (issue 11)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import votecount.formats
from votecount import BallotFileError
from votecount.formats import read

SMALL = '2 1\n1 1 0\n0\n"A"\n"B"\n"T"\n'


def refused(path: Path | str, words: str) -> None:
    started = time.monotonic()
    with pytest.raises(BallotFileError) as info:
        read(path, "blt")
    assert time.monotonic() - started < 5  # at once: nothing was read
    assert info.value.path == os.fspath(path) and words in str(info.value)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    refused(tmp_path, "not a regular file: it is a directory")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "ballots.blt"
    os.mkfifo(fifo)
    refused(fifo, "a FIFO")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused() -> None:
    refused("/dev/zero", "a device or other special file")


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ballots = tmp_path / "small.blt"
    ballots.write_text(SMALL, encoding="utf-8")
    monkeypatch.setattr(votecount.formats, "MAX_FILE_BYTES", len(SMALL))
    assert read(ballots).total_weight == 1
    monkeypatch.setattr(votecount.formats, "MAX_FILE_BYTES", len(SMALL) - 1)
    refused(ballots, f"the file has {len(SMALL)} bytes, more than the {len(SMALL) - 1} bytes")


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    refused(tmp_path / "gone.blt", "cannot open the file")
