"""Each count sheet format, parsed as its own kind of file, says what the result says.

A sheet is checked by reading it back (the ``csv`` module for CSV, ``html.parser`` for HTML,
the pipe table split into cells for Markdown, the dashed rule's column spans for text), not
by looking for a substring: the cells must be the result's own figures, row by row and
stage by stage, whatever a candidate's name holds (commas, quotes, ``|``, ``<`` and ``&``).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cache

import pytest

import votecount
from sheet_reading import READERS
from votecount import Candidate, Profile, Result, examples
from votecount.constraints import Constraint
from votecount.numbers import format_number
from votecount.report.sheet import render

FORMATS = ("markdown", "html", "csv", "text")


# --- the elections --------------------------------------------------------------------------


def riverside() -> Result:
    """The bundled example: Scottish STV to 5 places, surpluses, exclusions, fractions lost."""
    return votecount.count(votecount.read(examples.path()), "scottish-stv")


# Names that each sheet format must escape or quote: a comma and quotes (CSV), a pipe
# (Markdown), angle brackets and an ampersand (HTML).
ANN = 'Ann "Nan" Smith, Lab|Co-op'
BOB = "Bob <Ind> & Co"


def block_vote_with_a_constraint() -> Result:
    """Two seats by block vote, at least one woman: the second-placed man is passed over."""
    genders = {ANN: "F", BOB: "M", "Cat Jones": "F", "Dan Brown": "M", "Eve Black": "F"}
    candidates = [Candidate(name, attributes={"gender": g}) for name, g in genders.items()]
    papers = [
        ((BOB, "Dan Brown"), 40),
        ((ANN, BOB), 35),
        (("Cat Jones", "Eve Black"), 12),
        (("Dan Brown",), 30),
        ((BOB, "Cat Jones"), 8),
        ((), 2),  # blank: set aside
        ((ANN, BOB, "Cat Jones"), 5),  # too many marks: set aside
    ]
    profile = Profile.from_marks(candidates, papers)
    return votecount.count(profile, "block", seats=2, constraints=[Constraint("gender", "F", 1)])


def irv() -> Result:
    """Three rounds of the alternative vote, with papers exhausting and the quota falling."""
    profile = Profile.from_rankings(
        "ABCD", [("A", 6), ("BA", 3), ("BC", 1), ("B", 1), ("C", 4), ("DC", 2), ("D", 1)]
    )
    return votecount.count(profile, "irv")


ELECTIONS: dict[str, Callable[[], Result]] = {
    "riverside": riverside,
    "block": block_vote_with_a_constraint,
    "irv": irv,
}


@cache
def result_of(election: str) -> Result:
    return ELECTIONS[election]()


# --- what the result says the sheet must show ------------------------------------------------


def single_count(result: Result) -> bool:
    """A one-round count without a quota: its sheet lists the candidates by votes."""
    return len(result.rounds) == 1 and result.quota is None


def rows_in_order(result: Result) -> list[Candidate]:
    """The candidates as the sheet lists them: by votes, most first (ties in ballot-file
    order), for a single count; in ballot-file order for a count in stages."""
    if not single_count(result):
        return list(result.candidates)
    votes = result.rounds[0].votes
    return sorted(result.candidates, key=lambda c: (-votes.get(c, 0), result.candidates.index(c)))


def status_of(result: Result, candidate: Candidate) -> str:
    """The last column. In stages: the stage at which the candidate was elected or excluded.
    In a single count: elected, skipped (naming the constraints the count's reason cites)
    or not elected."""
    for r in result.rounds:
        for event in r.events:
            if event.candidate != candidate:
                continue
            if not single_count(result) and event.action in ("elected", "excluded", "withdrawn"):
                return f"{event.action} (stage {r.number})"
            if single_count(result) and event.action == "elected":
                return "elected"
            if single_count(result) and "skipped" in event.reason:
                cited = [k for k in result.options["constraints"] if f"'{k}'" in event.reason]
                assert cited, event.reason
                return "skipped: " + "; ".join(cited)
    return "not elected" if single_count(result) else ""


def title_of(result: Result) -> str:
    if result.title:
        return result.title
    seats = f"{result.seats} seat{'s' if result.seats != 1 else ''}"
    return f"Block vote, {seats}" if result.rule == "block" else f"Count by {result.rule}, {seats}"


def figure(cell: str) -> Decimal:
    return Decimal(cell.replace(",", ""))


def as_csv(cell: str) -> str:
    """A figure as the CSV sheet writes it: no grouping, no plus sign, no ``~``."""
    return cell.replace(",", "").removeprefix("+").removesuffix("~")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("election", sorted(ELECTIONS))
def test_the_sheet_read_back_holds_the_results_figures(election: str, fmt: str) -> None:
    result = result_of(election)
    table = READERS[fmt](render(result, fmt))
    places = result.places
    stages = len(result.rounds)
    candidates = rows_in_order(result)
    shown = as_csv if fmt == "csv" else str

    # one column for the names, two a stage (the first stage's votes alone), one for the status
    assert len(table.head) == 2 * stages + 1
    assert all(len(row) == len(table.head) for row in table.rows)
    assert table.head[0] == "Candidate" and table.head[-1] == ""
    if stages == 1:
        assert table.head[1] == "Votes"
    else:
        assert table.head[1] == "Stage 1 votes"
        for k in range(2, stages + 1):
            assert table.head[2 * k - 2 : 2 * k] == (f"Stage {k} transfers", "total")

    # the candidates in the sheet's order, then the rows of papers out of the count
    assert [row[0] for row in table.rows[: len(candidates)]] == [c.name for c in candidates]
    below = {row[0]: row for row in table.rows[len(candidates) :]}
    assert len(below) == len(table.rows) - len(candidates)
    assert ("Non-transferable" in below) == any(r.exhausted for r in result.rounds)
    assert ("Lost to fractions" in below) == any(r.lost_to_fractions for r in result.rounds)
    assert list(below)[-1] in ("Total", "Quota")

    for k, r in enumerate(result.rounds):
        total, change = 2 * k + 1, 2 * k
        for row, candidate in zip(table.rows, candidates, strict=False):
            assert row[total] == shown(format_number(r.votes.get(candidate), places)), (candidate, r.number)
            if k:
                moved = r.changes.get(candidate)
                assert row[change] == (shown(format_number(moved, places, signed=True)) if moved else "")
        assert below["Total"][total] == shown(format_number(r.total, places))
        if "Non-transferable" in below:
            assert below["Non-transferable"][total] == shown(format_number(r.exhausted, places))
        if "Lost to fractions" in below:
            assert below["Lost to fractions"][total] == shown(format_number(r.lost_to_fractions, places))
        # the column adds up: every vote is with a candidate, non-transferable or lost
        column = [row[total] for row in table.rows if row[0] not in ("Total", "Quota")]
        assert sum(figure(cell) for cell in column if cell) == figure(below["Total"][total])

    assert [row[-1] for row in table.rows[: len(candidates)]] == [status_of(result, c) for c in candidates]
    assert all(row[-1] == "" for row in below.values())

    assert table.title == title_of(result)
    assert table.notes[0].startswith(f"Rule: {result.rule}; ")
    names = [c.name for c in result.elected]
    if fmt == "text":
        assert table.elected is None and table.facts is None
        assert table.notes[-1] == "Elected, in order: " + ", ".join(names)
    else:
        assert table.elected is not None and table.facts is not None
        assert [entry.split(" — ")[0] for entry in table.elected] == names
        assert table.facts["Seats"] == str(result.seats)
        assert table.facts["Valid poll"] == shown(format_number(result.valid_poll, places))
        quotas = {r.quota for r in result.rounds}
        if result.quota is not None and len(quotas) == 1:
            assert table.facts["Quota"] == shown(format_number(result.quota, places))
        else:
            assert "Quota" not in table.facts


@pytest.mark.parametrize("election", sorted(ELECTIONS))
def test_every_format_reads_back_to_the_same_table(election: str) -> None:
    result = result_of(election)
    tables = {fmt: READERS[fmt](render(result, fmt)) for fmt in FORMATS}
    # text strips its padding, so a cell's own leading spaces (a college's sections) are lost there
    stripped = {fmt: tuple(tuple(c.strip() for c in row) for row in t.rows) for fmt, t in tables.items()}
    assert len({t.head for t in tables.values()}) == 1
    assert stripped["markdown"] == stripped["html"] == stripped["text"]
    assert tables["markdown"].rows == tables["html"].rows
    # the CSV sheet holds the same figures, written as numbers
    as_numbers = tuple(
        (row[0], *(as_csv(cell) for cell in row[1:-1]), row[-1]) for row in tables["html"].rows
    )
    assert tables["csv"].rows == as_numbers
    notes = tables["markdown"].notes
    assert notes == tables["html"].notes == tables["csv"].notes
    assert tables["text"].notes == (*notes, "Elected, in order: " + ", ".join(c.name for c in result.elected))
    assert tables["markdown"].title == tables["html"].title == tables["text"].title == tables["csv"].title
    assert tables["markdown"].elected == tables["html"].elected == tables["csv"].elected
    assert tables["markdown"].facts == tables["html"].facts
    assert tables["csv"].facts == {k: as_csv(v) for k, v in (tables["html"].facts or {}).items()}


def test_the_names_that_need_escaping_come_back_whole() -> None:
    result = result_of("block")
    assert {ANN, BOB} <= {c.name for c in result.elected}
    for fmt in FORMATS:
        table = READERS[fmt](render(result, fmt))
        labels = [row[0] for row in table.rows[: len(result.candidates)]]
        assert labels == [c.name for c in rows_in_order(result)] and {ANN, BOB} <= set(labels), fmt
        if fmt != "text":
            assert [entry.split(" — ")[0] for entry in table.elected or ()] == [BOB, ANN]


def test_the_elections_cover_what_the_sheet_can_show() -> None:
    """The three counts between them have one and several stages, papers exhausted and votes
    lost to fractions, a fixed quota and one that changes, exact and decimal figures, and a
    candidate skipped for a seat constraint."""
    results = [result_of(name) for name in ELECTIONS]
    assert {len(r.rounds) == 1 for r in results} == {True, False}
    assert any(any(x.exhausted for x in r.rounds) for r in results)
    assert any(any(x.lost_to_fractions for x in r.rounds) for r in results)
    assert any(len({x.quota for x in r.rounds}) > 1 for r in results)
    assert {r.places for r in results} >= {None, 5}
    block = result_of("block")
    assert [status_of(block, c) for c in rows_in_order(block)].count("skipped: at least 1 of gender=F") == 1
