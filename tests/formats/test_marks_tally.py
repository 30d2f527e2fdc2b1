"""Plurality ("marks") tables group their clean rows as they are read, as ranked ones do: the
profile and the report must be what judging every row as a paper of its own gives."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from votecount import InvalidBallotError
from votecount.formats import loads
from votecount.formats.csv import parse_csv
from votecount.validity import RawElection, RawMarks

NAMES = ["Ann", "Bob", "Cat", "Dee"]


def table(rows: list[tuple[int, str]]) -> str:
    """A marks CSV: a weight, then a cross (or anything written) under each candidate."""
    return "weight," + ",".join(NAMES) + "\n" + "".join(f"{w},{cells}\n" for w, cells in rows)


def each_row_a_paper(raw: RawElection) -> RawElection:
    """The same election with every row a paper of its own: the clean rows the tally holds
    become papers on their lines again (the oracle)."""
    assert raw.clean is not None and raw.clean.marks
    papers = list(raw.papers)
    for marks, weight, held in raw.clean.entries():
        for line in (held,) if isinstance(held, int) else held:
            papers.append(RawMarks(marks, weight, line))
    papers.sort(key=lambda paper: paper.line or 0)
    return RawElection(raw.candidates, papers, seats=raw.seats, title=raw.title, source=raw.source)


CELLS = st.lists(st.sampled_from(["X", "", "", "x", "1"]), min_size=4, max_size=4).map(",".join)


@given(st.lists(st.tuples(st.integers(0, 3), CELLS), min_size=1, max_size=25), st.integers(1, 4))
def test_clean_marks_are_tallied_and_judged_as_papers_would_be(
    rows: list[tuple[int, str]], seats: int
) -> None:
    raw = parse_csv(table(rows), source="m.csv", layout="marks")
    for policy in ("returning-officer", "strict"):
        grouped = raw.to_profile(policy, max_marks=seats)
        oracle = each_row_a_paper(raw).to_profile(policy, max_marks=seats)
        assert grouped == oracle
        assert grouped.validation == oracle.validation


def test_a_repeated_row_is_decoded_once_and_too_many_marks_name_every_line() -> None:
    rng = random.Random(7)
    rows = [(1, rng.choice(["X,,,", ",X,,", "X,X,,", "X,X,X,"])) for _ in range(200)]
    raw = parse_csv(table(rows), source="m.csv", layout="marks")
    assert raw.clean is not None and len(raw.clean) == 4 and raw.papers == []
    profile = raw.to_profile(max_marks=2)
    assert profile.validation is not None
    too_many = [p.line for p in profile.validation.problems]
    assert too_many == [n + 2 for n, (_, cells) in enumerate(rows) if cells == "X,X,X,"]
    with pytest.raises(InvalidBallotError) as info:
        raw.to_profile(on_invalid="raise", max_marks=2)
    assert info.value.line == too_many[0]


def test_the_table_reads_as_before_through_read() -> None:
    text = table([(10, "X,,,"), (4, ",x,,"), (2, "X,X,,"), (1, ",,,"), (3, ",,X,"), (10, "X,,,")])
    p = loads(text, "csv", seats=1)
    marked = {(b.marks, b.weight) for b in p.ballots}
    assert marked == {(frozenset({0}), 20), (frozenset({1}), 4), (frozenset({2}), 3)}
    assert p.validation is not None
    assert p.validation.rejected == {"more marks than allowed": 2, "blank paper": 1}
    assert p.validation.counted_as_cast == 27 and p.validation.lines == 6
