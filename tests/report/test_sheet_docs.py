"""docs/sheets.md: its Python example runs, and the sheets it shows are the ones printed today."""

from __future__ import annotations

import re

import votecount
from helpers import DOCS
from votecount import examples
from votecount.report import CountSheet, render

PAGE = DOCS / "sheets.md"


def blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_python_example_runs_and_makes_what_it_says() -> None:
    (code,) = blocks("python")
    space: dict[str, object] = {}
    exec(compile(code, str(PAGE), "exec"), space)
    assert str(space["page"]).startswith("<!DOCTYPE html>")
    assert max(map(len, str(space["narrow"]).split("\n"))) <= 72
    assert "<figcaption>A chart, as SVG text</figcaption>" in str(space["with_chart"])
    assert str(space["fragment"]).startswith("<style>")


def test_the_text_and_csv_shown_are_the_sheets_printed_today() -> None:
    """If the layout changes, paste `CountSheet.from_result(result).text(72)` and the CSV."""
    result = votecount.count(votecount.read(examples.path()), "scottish-stv")
    (text,) = blocks("text")
    (csv_sheet,) = blocks("csv")
    assert text == CountSheet.from_result(result).text(72) + "\n"
    assert csv_sheet == render(result, "csv")
