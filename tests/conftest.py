"""Shared fixtures: where the real ballot data lives, and a skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"


def shared_path(*parts: str) -> Path:
    """A path under ../shared/data; skips the calling test with a reason when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real ballot data not present at {path} (see ../shared/data/README.md)")
    return path


@pytest.fixture
def shared_data() -> Path:
    return shared_path()
