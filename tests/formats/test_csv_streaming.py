"""The CSV reader takes a file a row at a time: the same election as reading it whole, the
layout found from the leading rows, and a located error for anything that does not fit."""

from __future__ import annotations

import contextlib
import csv
import io
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import reading_error
from votecount import read
from votecount.errors import BallotFileError
from votecount.formats import _common, loads
from votecount.formats.csv import parse_csv
from votecount.formats.table import SAMPLE_ROWS
from votecount.tally import CleanTally
from votecount.validity import RawElection, RawMarks
from whole_csv import whole_csv

error_of = reading_error("csv")


def lines_of(raw: RawElection) -> list[int]:
    """Every line the tally holds, in order."""
    assert raw.clean is not None
    found: list[int] = []
    for _, _, held in raw.clean.entries():
        found += [held] if isinstance(held, int) else list(held)
    return sorted(found)


def as_papers(raw: RawElection) -> RawElection:
    """``raw`` with the clean rows of a tally of marks made papers again, as the whole-file
    reader made them (it tallied only rankings), and every paper's known marks in index
    order."""
    papers = list(raw.papers)
    if raw.clean is not None and raw.clean.marks:
        for marks, weight, held in raw.clean.entries():
            papers += [RawMarks(marks, weight, n) for n in ([held] if isinstance(held, int) else held)]
        papers.sort(key=lambda paper: paper.line or 0)
    ordered = [
        attrs.evolve(p, marks=tuple(sorted(p.marks)))  # type: ignore[type-var]
        if isinstance(p, RawMarks) and all(isinstance(m, int) for m in p.marks)
        else p
        for p in papers
    ]
    return attrs.evolve(raw, papers=ordered, clean=CleanTally())


def same_election(text: str, **options: Any) -> RawElection:
    """Read ``text`` streaming and whole; both must fail, or give the same election."""
    try:
        whole = whole_csv(text, **options)
    except BallotFileError:
        with pytest.raises(BallotFileError):
            parse_csv(text, **options)
        raise
    streamed = parse_csv(text, **options)
    assert as_papers(streamed) == as_papers(whole)  # candidates, papers (lines, ids), notes...
    assert streamed.to_profile() == whole.to_profile()
    assert streamed.clean is not None and whole.clean is not None
    if streamed.clean.marks:  # the whole-file reader tallied only rankings
        return streamed
    assert streamed.clean.weights() == whole.clean.weights()
    assert lines_of(streamed) == lines_of(whole)
    return streamed


def test_rows_that_say_nothing_of_the_layout_are_held_until_one_does() -> None:
    """The first rows mark only 1s: ranks or crosses? Line 5's 2 says ranks; the rows held
    are then read as ranks, on their own lines."""
    text = "A,B,C\n1,,\n,1,\n1,,\n2,1,\n"
    raw = same_election(text)
    assert lines_of(raw) == [2, 3, 4, 5]
    assert raw.to_profile().ballots[0].ranking == (0,)  # type: ignore[union-attr]


def test_a_row_after_the_deciding_one_that_contradicts_it_is_a_located_error() -> None:
    rows = "A,B,C\n1,,\n2,1,\n" + "1,2,3\n" * 3000 + ",X,\n"
    err = error_of(rows)
    assert err.line == 3004
    assert "rank 'X' for 'B' is not a whole number from 1 up" in err.reason
    assert "read as ranks from line 3, where '2' is the first rank above 1" in err.reason
    err = error_of("A,B\nX,\n" + ",x\n" * 2000 + "2,\n")
    assert err.line == 2003 and "'2' for 'A' is not a cross" in err.reason
    assert "read as marks from line 2" in err.reason


def test_the_sample_ends_after_its_rows_without_guessing() -> None:
    """Only 1s in the first SAMPLE_ROWS rows: the reader asks for the layout, naming the line
    it reached, rather than hold the file; with the layout given, the same file reads."""
    text = "A,B\n" + "1,\n,1\n" * (SAMPLE_ROWS // 2) + "2,1\n"
    err = error_of(text)
    assert err.line == 1
    assert f"every mark in the first {SAMPLE_ROWS:,} rows, to line {SAMPLE_ROWS + 1}, is 1" in err.reason
    assert "layout='ranks'" in err.reason
    profile = loads(text, "csv", layout="ranks")
    assert profile.validation is not None and profile.validation.lines == SAMPLE_ROWS + 1
    inside = "A,B\n" + "1,\n,1\n" * (SAMPLE_ROWS // 2 - 1) + "1,\n2,1\n"  # the last row held decides
    assert same_election(inside).clean is not None


def test_a_form_keyed_by_the_cells_it_reads_groups_rows_with_different_timestamps() -> None:
    text = "Timestamp,Rank [A],Rank [B]\n" + "".join(f"t{k},{1 + k % 2},{2 - k % 2}\n" for k in range(500))
    raw = same_election(text)
    assert raw.clean is not None and len(raw.clean) == 2 and raw.clean.papers == 500


def test_a_quoted_cell_over_several_lines_is_one_row_on_its_last_line() -> None:
    text = 'weight,1,2\n2,"Ann\nLee",Bob\n2,"Ann\nLee",Bob\n1,Bob,Cat\n1,Bob,Cat\n'
    raw = same_election(text)
    assert lines_of(raw) == [3, 5, 6, 7]
    assert [c.name for c in raw.candidates] == ["Ann\nLee", "Bob", "Cat"]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 13])
def test_a_file_read_in_small_blocks_is_read_as_its_text(tmp_path: Path, monkeypatch: Any, size: int) -> None:
    text = (
        '# comment\r\nid,weight,1,2\r\n,2,"Ann\r\nLee",Bob\r\nb7,1,Bob,\r\n'
        ',2,"Ann\r\nLee",Bob\r\n\r\n,1,Bob,Cat'
    )
    path = tmp_path / "e.csv"
    path.write_bytes(text.encode())
    monkeypatch.setattr(_common, "BLOCK_CHARS", size)
    assert read(path) == loads(text, "csv")
    assert read(path).validation == loads(text, "csv", source=str(path)).validation


CELL = st.sampled_from(
    ["", " ", "1", "2", "3", "1st", "X", "x", "0", "Ann", "ann", "Bob", "BOB", "Ann=Bob", " Bob ", "Ann\nLee"]
)


@st.composite
def tables(draw: st.DrawFn) -> str:
    """Small CSV tables of every shape the reader meets: rank, candidate or grid headers,
    weights, ids, a column left out, repeated and blank rows, rows of 1s first, quoting."""
    width = draw(st.integers(1, 4))
    kind = draw(st.sampled_from(["positions", "candidates", "grid"]))
    if kind == "positions":
        heads = [f"Choice {k}" for k in range(1, width + 1)]
    elif kind == "candidates":
        heads = ["Ann", "Bob", "Cat", "Dee"][:width]
    else:
        heads = [f"Rank [{n}]" for n in ["Ann", "Bob", "Cat", "Dee"][:width]]
    extra = draw(st.lists(st.sampled_from(["weight", "id", "Timestamp"]), unique=True))
    header = extra + heads
    pool = draw(st.lists(st.lists(CELL, min_size=width, max_size=width), min_size=1, max_size=6))
    rows = []
    for k in range(draw(st.integers(0, 25))):
        cells = list(draw(st.sampled_from(pool)))
        lead = {
            "weight": draw(st.sampled_from(["1", "2", "1.5"])),
            "id": draw(st.sampled_from(["", "", f"b{k}"])),
            "Timestamp": f"t{k}",
        }
        row = [lead[e] for e in extra] + cells
        if draw(st.booleans()) and not any(c.strip() for c in row[len(extra) :]):
            row = [""] * len(row)  # a blank row
        rows.append(row[: draw(st.integers(len(extra), len(row)))] if draw(st.booleans()) else row)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@given(tables(), st.sampled_from([None, "preferences", "ranks", "marks"]))
def test_streaming_reads_a_table_as_the_whole_file_reader_did(text: str, layout: str | None) -> None:
    with contextlib.suppress(BallotFileError):  # both refused it
        same_election(text, layout=layout)


SMALL = (
    '# votecount: {"title": "Caf\u00e9"}\r\nid,weight,Choice 1,Choice 2\r\n'
    ',2,Zo\u00eb,Bob\r\nb1,1,"Bob\r\nJr",\r\n,2,Zo\u00eb,Bob\r\n\r\n,1,Bob=Zo\u00eb,\r\n'
)


def test_a_file_cut_at_any_byte_reads_as_its_text_or_is_a_located_error() -> None:
    data = SMALL.encode()
    outcomes = set()
    for cut in range(len(data) + 1):
        part = data[:cut]
        try:
            text = part.decode("utf-8")
        except UnicodeDecodeError:  # cut inside a character: the decoder names the line
            with pytest.raises(BallotFileError):
                loads(part, "csv", source="cut.csv")
            outcomes.add("undecodable")
            continue
        try:
            profile = loads(part, "csv", source="cut.csv")
        except BallotFileError as err:
            assert err.path == "cut.csv" and err.line is not None
            with pytest.raises(BallotFileError) as whole:
                whole_csv(text, source="cut.csv")
            assert (whole.value.line, whole.value.reason) == (err.line, err.reason)
            outcomes.add("error")
            continue
        assert profile == whole_csv(text, source="cut.csv").to_profile()
        outcomes.add("read")
    assert outcomes == {"undecodable", "error", "read"}


@pytest.mark.parametrize("head", ["A,B", "Timestamp,A,B", "id,A,B"])
@pytest.mark.parametrize("bad", ['"' + "x" * 200_000 + '",1', "1\r2,1", '"1\n\n' + "x" * 200_000 + '",1'])
def test_a_line_the_csv_module_refuses_is_named_as_before(head: str, bad: str) -> None:
    lead = "" if head == "A,B" else "t,"
    text = f"{head}\n{lead}1,2\n{lead}1,2\n{lead}{bad}\n{lead}2,1\n"
    err = error_of(text)
    with pytest.raises(BallotFileError) as whole:
        whole_csv(text, source="e.csv")
    assert err.reason.startswith("bad CSV: ")
    assert (err.line, err.reason) == (whole.value.line, whole.value.reason)


def test_a_forms_candidates_are_named_by_the_spelling_of_most_papers_as_before() -> None:
    """Before, each distinct row counted a spelling once, and a form's rows were all distinct
    (their timestamps); now a form's rows group by the cells that are read, and a spelling
    still counts once a paper: 'alice' on three papers beats 'Alice' on two."""
    text = "Timestamp,1,2\nt1,alice,Bob\nt2,alice,Bob\nt3,alice,Bob\nt4,Alice,Cat\nt5,Alice,\n"
    raw = same_election(text)
    assert [c.name for c in raw.candidates] == ["alice", "Bob", "Cat"]
    plain = "1,2\nalice,Bob\nalice,Bob\nalice,Bob\nAlice,Cat\nAlice,\n"  # rows alike count once
    assert [c.name for c in same_election(plain).candidates] == ["Alice", "Bob", "Cat"]
