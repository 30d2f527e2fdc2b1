"""PrefLib declared totals: a file cut short or edited is refused, never counted."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from helpers import reading_error, shared_path
from votecount.errors import BallotFileError
from votecount.formats import loads, read

error_of = reading_error("soi")

ORDERS, ALTERNATIVES = "NUMBER UNIQUE ORDERS", "NUMBER ALTERNATIVES"
HEAD = "# NUMBER ALTERNATIVES: 2\n# ALTERNATIVE NAME 1: A\n# ALTERNATIVE NAME 2: B\n"


def _data_lines(text: str) -> list[tuple[int, int, Fraction]]:
    """Each data line of a PrefLib text as (line number, offset of its start, its count),
    read with plain string methods, apart from the reader under test."""
    out = []
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        if line.strip() and not line.startswith("#"):
            out.append((number, offset, Fraction(line.split(":")[0].strip())))
        offset += len(line)
    return out


def _header_line(text: str, key: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(f"# {key}:"))


@pytest.mark.parametrize(
    "text, key, words",
    [
        (HEAD + "# NUMBER VOTERS: 5\n3: 1,2\n1: 2\n", "NUMBER VOTERS", "VOTERS: 5, but the file holds 4"),
        (HEAD + "# NUMBER VOTERS: 3\n3: 1,2\n1: 2\n", "NUMBER VOTERS", "VOTERS: 3, but the file holds 4"),
        (HEAD + "# NUMBER VOTERS: 1\n1/3: 1,2\n1/3: 2\n", "NUMBER VOTERS", "holds 2/3 voters"),
        (HEAD + "# NUMBER UNIQUE ORDERS: 3\n3: 1,2\n1: 2\n", "NUMBER UNIQUE ORDERS", "holds 2 data lines"),
        (HEAD + "# NUMBER VOTERS: 4\n# NUMBER UNIQUE ORDERS: 1\n3: 1,2\n1: 2\n", ORDERS, "2 data"),
        (HEAD + "# NUMBER VOTERS: \u00b2\n1: 1\n", "NUMBER VOTERS", "is not a number"),
        (HEAD + "# NUMBER UNIQUE ORDERS: 1.5\n1: 1\n", "NUMBER UNIQUE ORDERS", "is not a whole number"),
        (
            "# NUMBER ALTERNATIVES: 3\n# ALTERNATIVE NAME 1: A\n# ALTERNATIVE NAME 3: C\n1: 1\n",
            "NUMBER ALTERNATIVES",
            "NUMBER ALTERNATIVES is 3, but the file names 2 (no '# ALTERNATIVE NAME 2:'",
        ),
        (HEAD + "# ALTERNATIVE NAME 3: C\n1: 1\n", ALTERNATIVES, "NAME 3:' names an alternative beyond"),
        ("# NUMBER ALTERNATIVES: 1\n", "NUMBER ALTERNATIVES", "no data lines"),
    ],
)
def test_a_declared_total_that_does_not_match_is_an_error_on_its_header_line(
    text: str, key: str, words: str
) -> None:
    err = error_of(text)
    assert err.line == _header_line(text, key) and words in err.reason


def test_matching_totals_read_and_check_totals_false_reads_a_mismatch() -> None:
    good = HEAD + "# NUMBER VOTERS: 4\n# NUMBER UNIQUE ORDERS: 2\n3: 1,2\n1: 2\n"
    assert loads(good, "soi").total_weight == 4
    bad = good.replace("VOTERS: 4", "VOTERS: 9")
    assert loads(bad, "soi", check_totals=False).total_weight == 4
    fractional = HEAD + "# NUMBER VOTERS: 2/3\n1/3: 1,2\n1/3: 2\n"
    assert loads(fractional, "soi").total_weight == Fraction(2, 3)


def test_a_truncated_nsw_file_is_refused_naming_both_numbers(tmp_path: Path) -> None:
    """The issue's case: a file declaring 49,266 voters cut short keeps only part of them."""
    original = shared_path("preflib", "00058_nswla", "00058-00000008.soi")
    text = original.read_text(encoding="utf-8")
    lines = _data_lines(text)
    for keep in (len(lines) - 1, len(lines) * 3 // 4, len(lines) // 2, 1):
        cut = lines[keep][1]
        held = sum(weight for _, _, weight in lines[:keep])
        path = tmp_path / f"cut{keep}.soi"
        path.write_text(text[:cut], encoding="utf-8")
        with pytest.raises(BallotFileError) as info:
            read(path)
        err = info.value
        assert err.path == str(path) and err.line == _header_line(text, "NUMBER VOTERS")
        assert f"NUMBER VOTERS: 49266, but the file holds {held} voters" in err.reason
    assert read(original).total_weight == 49266


def test_every_truncation_of_a_small_real_file_before_its_last_line_is_refused(tmp_path: Path) -> None:
    """ERS set 2 cut at every line boundary (as files in a temp folder) and at every byte
    before its last data line: each is an error, never a smaller election counted."""
    text = shared_path("preflib", "00007_ers", "00007-00000002.soi").read_text(encoding="utf-8")
    assert text.isascii()
    lines = _data_lines(text)
    voters_line = _header_line(text, "NUMBER VOTERS")
    for keep in range(len(lines)):
        path = tmp_path / "cut.soi"
        path.write_text(text[: lines[keep][1]], encoding="utf-8")
        with pytest.raises(BallotFileError) as info:
            read(path)
        assert info.value.line == voters_line
    for cut in range(lines[-1][1]):
        with pytest.raises(BallotFileError):
            loads(text[:cut], "soi")
