"""Shared fixtures: where the real ballot data lives, and a skip when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import shared_path


@pytest.fixture
def shared_data() -> Path:
    return shared_path()


@pytest.fixture(autouse=True)
def terminal_of_100_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test sees a terminal 100 columns wide, the text sheet's default: xdist's workers
    are given ``COLUMNS=80`` and a plain run inherits the shell's, and the text sheet fits
    itself to ``COLUMNS`` (a test of that sets its own)."""
    monkeypatch.setenv("COLUMNS", "100")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """How many workers ``-n auto`` (in pyproject's addopts) starts.

    A run of named test files (``python -m pytest tests/test_numbers.py``) stays in one
    process: starting workers, each importing everything, would take longer than the tests.
    The whole suite or a folder gets xdist's own count, one worker a core.
    """
    if config.args and all(arg.split("::")[0].endswith(".py") for arg in config.args):
        return 0
    return None


# Hypothesis profiles: "ci" (the default) keeps the whole suite within a few minutes on a
# two-core machine; "thorough" is for local runs before a release. Choose with the
# HYPOTHESIS_PROFILE environment variable (see docs/testing-with-strategies.md). A test that
# sets its own max_examples keeps it under either profile.
try:
    from hypothesis import HealthCheck, settings
except ImportError:  # hypothesis is optional for the library; its tests skip without it
    pass
else:
    settings.register_profile(
        "ci",
        max_examples=40,
        deadline=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.register_profile(
        "thorough",
        max_examples=2000,
        deadline=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
