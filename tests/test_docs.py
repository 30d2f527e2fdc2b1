"""The examples in docs/ run as they are written."""

from __future__ import annotations

import doctest

import pytest

from helpers import DOCS

DOCTESTED = ["quickstart.md"]


@pytest.mark.parametrize("page", DOCTESTED)
def test_doc_examples_run(page: str) -> None:
    failures, tried = doctest.testfile(
        str(DOCS / page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert tried > 0
    assert failures == 0
