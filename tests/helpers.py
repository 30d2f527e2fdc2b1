"""What many test modules share: where the project and the real ballot data are, and how to
catch a reader's error. On the import path of every test (pyproject: pythonpath)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from votecount.errors import BallotFileError
from votecount.formats import loads

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"
DOCS = PROJECT_ROOT / "docs"


def shared_path(*parts: str) -> Path:
    """A path under ../shared/data; skips the calling test with a reason when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real ballot data not present at {path} (see ../shared/data/README.md)")
    return path


def reading_error(fmt: str) -> Callable[..., BallotFileError]:
    """A function that reads ``text`` as ``fmt`` (from a file it calls ``e.<fmt>``), expects a
    :class:`BallotFileError` naming that file, and returns it for the test to inspect."""

    def error_of(text: str | bytes, **options: object) -> BallotFileError:
        source = f"e.{fmt}"
        with pytest.raises(BallotFileError) as info:
            loads(text, fmt, source=source, **options)  # type: ignore[arg-type]
        assert info.value.path == source
        return info.value

    return error_of
