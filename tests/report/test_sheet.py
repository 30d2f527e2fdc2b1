"""The count sheet is built in votecount.report from a result; a result prints through it."""

from __future__ import annotations

import pytest

import votecount
from votecount import examples
from votecount.errors import OptionError, VotecountError
from votecount.report import CountSheet, render


def example_result() -> votecount.Result:
    return votecount.count(votecount.read(examples.path()), "scottish-stv")


def test_print_and_the_notebook_show_the_sheet_the_report_renders() -> None:
    result = example_result()
    sheet = CountSheet.from_result(result)
    assert str(result) == render(result, "text") == sheet.text()
    assert result._repr_markdown_() == render(result, "markdown") == sheet.markdown()
    assert render(result, "html") == sheet.html()
    assert render(result, "csv") == sheet.csv()
    assert str(result).startswith("Riverside Ward (example)\n========================\n")


def test_an_unknown_sheet_format_is_the_librarys_error_naming_the_known_ones() -> None:
    with pytest.raises(OptionError, match="unknown sheet format 'pdf'; use one of text, markdown") as raised:
        render(example_result(), "pdf")
    assert isinstance(raised.value, VotecountError)
    assert raised.value.value == "pdf" and raised.value.option == "sheet format"
    assert raised.value.choices == ("text", "markdown", "html", "csv")
