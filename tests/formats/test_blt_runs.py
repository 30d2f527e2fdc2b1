"""Runs: a stretch of new, distinct, clean BLT lines goes to the tally with no step per line.

The oracle is the careful path (``batches=False``, every line read on its own) and, for line
numbers, the lines as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from votecount import read
from votecount.formats import blt, blt_batches, blt_coding, loads
from votecount.formats.blt import parse_blt
from votecount.formats.blt_batches import leading_ballots
from votecount.progress import reporting

NAMES = '"A"\n"B"\n"C"\n"T"\n'


def distinct_lines(n: int) -> list[str]:
    """``n`` clean lines, each text different (the weight is the line's own number)."""
    rankings = ["1 2 3", "2 1", "3", "3 2 1", "2 3"]
    return [f"{i} {rankings[i % len(rankings)]} 0\n" for i in range(1, n + 1)]


def test_distinct_clean_lines_are_one_run_and_read_as_the_careful_path_reads() -> None:
    text = "3 1\n" + "".join(distinct_lines(300)) + "0\n" + NAMES
    raw = parse_blt(text)
    assert raw.clean is not None and len(raw.clean.runs) == 1 and not raw.clean.lines
    (run,) = raw.clean.runs
    assert run.first == 2 and len(run.rankings) == 300  # the header is line 1
    assert run.weights[:3] == [1, 2, 3] and run.rankings[0] == b"\x01\x00"  # "2 1": B, then A
    fast, careful = raw.to_profile(), parse_blt(text, batches=False).to_profile()
    assert fast == careful and fast.validation == careful.validation
    assert fast.total_weight == 300 * 301 // 2 and fast.validation.lines == 300


def test_a_run_stops_at_the_first_line_that_is_not_a_new_ballot() -> None:
    held = ["1 2 0", "12 1 0", "3 1 0", "0", "1 2 0"]
    assert leading_ballots(held, 0) == ("1 2 0\n12 1 0\n3 1 0", 3)
    assert leading_ballots(held, 3) == ("", 0)  # the end of the ballots
    for stop in ["[tie 1 2]", "", "0 1 2 0", "(p1) 1 2 0", " 1 2 0", "-2"]:
        assert leading_ballots(["2 1 0", "3 1 0", stop, "1 0"], 0) == ("2 1 0\n3 1 0", 2)


@pytest.mark.parametrize(
    "odd",
    [
        "7 1 1 0\n", "7 1 2 1 0\n", "7 1 4 0\n", "7 1=2 0\n", "7 1.5 0\n", "7 1  2 0\n",
        "7 01 0\n", "1 2 1 0\n", "7 0\n",
    ],
    ids=[
        "twice", "twice-apart", "unknown", "equal", "decimal", "two-spaces", "leading-zero",
        "a-text-again", "empty",
    ],
)
def test_one_odd_line_among_them_and_no_run_is_taken(odd: str) -> None:
    body = distinct_lines(300)
    body.insert(150, odd)
    text = "3 1\n" + "".join(body) + "0\n" + NAMES
    raw = parse_blt(text)
    assert raw.clean is not None and raw.clean.runs == []
    fast, careful = raw.to_profile(), parse_blt(text, batches=False).to_profile()
    assert fast == careful and fast.validation == careful.validation


@pytest.mark.parametrize("n", [3, 12, 20, 25, 32, 40, 200])
def test_a_candidate_named_twice_is_found_whichever_way_it_is_looked_for(n: int) -> None:
    import random

    draw = random.Random(n)
    for _ in range(200):
        rows = []
        for _ in range(draw.randint(1, 6)):
            ranking = draw.sample(range(1, n + 1), draw.randint(1, min(n, 8)))
            if draw.random() < 0.15:  # a candidate again, anywhere after its first place
                ranking.insert(draw.randint(1, len(ranking)), draw.choice(ranking))
            rows.append([draw.randint(1, 9), *ranking, 0])
        lines = [" ".join(map(str, row)) for row in rows]
        text = "\n".join(lines)
        twice = any(len(set(row[1:-1])) != len(row) - 2 for row in rows)
        rankings = [bytes(c - 1 for c in row[1:-1]) for row in rows]
        joined = b"\xfe".join(rankings) + b"\xfe"
        assert blt_coding.twice_by_candidate(joined, n) == twice, rows  # both ways, whichever
        assert blt_coding.twice_by_ranking(rankings) == twice, rows  # the reader takes
        coded = blt_coding.coded_rankings(rows, n, text)
        assert coded == (None if twice else rankings), rows
        assert blt_coding.coded_lines(lines, text, n) == (None if twice else (rankings, [r[0] for r in rows]))


def test_rows_are_coded_only_when_each_line_is_closed_by_its_zero_alone() -> None:
    coded = blt_coding.coded_rankings
    assert coded([[2, 1, 3, 0], [1, 2, 0]], 3, "2 1 3 0\n1 2 0") == [b"\x00\x02", b"\x01"]
    assert coded([[2, 1, 0, 3, 0], [1, 2, 0]], 3, "2 1 0 3 0\n1 2 0") is None  # a 0 inside
    assert coded([[2, 1, 3], [1, 2, 0, 0]], 3, "2 1 3\n1 2 0 0") is None  # a 0 moved
    assert coded([[2, 1, 3, 0], [1, 4, 0]], 3, "2 1 3 0\n1 4 0") is None  # no candidate 4


_NUMBERS = ["0", "1", "2", "3", "9", "10", "11", "12", "13", "25", "99", "100", "01", "00", "010", "1000"]
_SPACES = [" ", " ", " ", " ", " ", "  ", ""]


@pytest.mark.parametrize("n", [1, 3, 9, 10, 12, 25, 99])
def test_lines_are_coded_from_their_text_exactly_as_from_json(n: int) -> None:
    """The two ways of coding (from the text, up to 99 candidates; from JSON-parsed rows)
    take and decline the same lines and give the same codes: weights and numbers with
    leading zeros, past the candidates, of three digits, twice side by side or apart, a 0
    inside a line, an empty ranking, a space too many or too few."""
    import random

    draw = random.Random(1000 + n)
    taken = declined = 0
    for _ in range(3000):
        lines = []
        for _ in range(draw.randint(1, 5)):
            weight = draw.choice(["1", "7", "10", "250", "1000", "0", "01", "007", ""])
            if draw.random() < 0.7:  # mostly clean: distinct known candidates, then 0
                numbers = [str(c) for c in draw.sample(range(1, n + 1), draw.randint(1, min(n, 6)))] + ["0"]
            else:
                numbers = [draw.choice(_NUMBERS) for _ in range(draw.randint(0, 5))]
            if draw.random() < 0.1 and len(numbers) > 1:  # one number again, next to itself
                at = draw.randrange(len(numbers) - 1)
                numbers.insert(at, numbers[at])
            line = weight
            for number in numbers:
                line += (draw.choice(_SPACES) if draw.random() < 0.05 else " ") + number
            lines.append(line)
        text = "\n".join(lines)
        rows = blt_coding.rows_of(text)
        from_json = None
        if rows and all(len(row) > 0 for row in rows):
            rankings = blt_coding.coded_rankings(rows, n, text)
            from_json = None if rankings is None else (rankings, [row[0] for row in rows])
        assert blt_coding.coded_text(lines, text, n) == from_json, lines
        taken += from_json is not None
        declined += from_json is None
    assert taken > 300 and declined > 300  # both kinds were met


def test_two_digit_numbers_become_one_byte_each() -> None:
    lines = ["3 12 1 10 0", "1 9 11 0"]
    coded = blt_coding.coded_text(lines, "\n".join(lines), 12)
    assert coded == ([bytes([11, 0, 9]), bytes([8, 10])], [3, 1])
    for odd in ("3 12 12 0", "3 13 0", "3 012 0", "3 120 0", "03 1 0", "3 1 0 ", " 3 1 0", "3  1 0"):
        assert blt_coding.coded_text([odd, "1 2 0"], odd + "\n1 2 0", 12) is None, odd


def test_a_text_of_a_run_met_again_later_is_added_to_its_ranking() -> None:
    body = distinct_lines(300)
    text = "3 1\n" + "".join(body) + "[tie 3 2 1]\n" + body[0] + body[0] + "0\n" + NAMES
    raw = parse_blt(text)
    assert raw.clean is not None and len(raw.clean.runs) == 1 and len(raw.clean.lines) == 1
    fast, careful = raw.to_profile(), parse_blt(text, batches=False).to_profile()
    assert fast == careful and fast.validation == careful.validation
    assert fast.validation.lines == 302 and raw.clean.papers == 302


def test_a_preference_limit_names_the_lines_of_a_run() -> None:
    body = distinct_lines(300)
    text = "3 1\n" + "".join(body) + "0\n" + NAMES
    fast = loads(text, "blt", source="r.blt", max_preferences=2)
    careful = loads(text.replace(" ", "\t"), "blt", source="r.blt", max_preferences=2)
    assert fast == careful and fast.validation == careful.validation
    long = [n for n, line in enumerate(body, start=2) if len(line.split()) > 4]  # weight, 3 more, 0
    cut = [p.line for p in fast.validation.problems]
    assert cut == long and len(cut) == 120  # "1 2 3" and "3 2 1": two in five


def test_reading_runs_reports_the_lines_read(tmp_path: Path) -> None:
    path = tmp_path / "runs.blt"
    path.write_text("3 1\n" + "".join(distinct_lines(70_000)) + "0\n" + NAMES, encoding="utf-8")
    told: list[tuple[str, int | None]] = []

    class Recorder:
        def update(self, what: str, done: int | None = None, total: int | None = None) -> None:
            told.append((what, done))

        def finish(self) -> None:
            pass

    with reporting(Recorder()):  # type: ignore[arg-type]
        profile = read(path)
    assert profile.validation.lines == 70_000
    assert told and all(what == f"reading {path}" for what, _ in told)
    assert any(done is not None and done >= 65_536 for _, done in told)


def test_runs_are_tried_only_for_long_stretches() -> None:
    text = "3 1\n" + "".join(distinct_lines(blt.RUN_LINES - 1)) + "0\n" + NAMES
    raw = parse_blt(text)
    assert raw.clean is not None and raw.clean.runs == [] and len(raw.clean.lines) == blt.RUN_LINES - 1


def test_past_the_most_lines_in_runs_lines_are_kept_once_per_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blt_batches, "RUNS_MOST", 400)
    body = "".join(distinct_lines(300))
    text = "3 1\n" + body + "[tie 1 2 3]\n" + body + "[tie 3 2 1]\n" + body + "0\n" + NAMES
    raw = parse_blt(text)
    assert raw.clean is not None and [len(run.rankings) for run in raw.clean.runs] == [300]
    assert len(raw.clean.lines) == 300 and raw.clean.papers == 900  # the repetitions: one entry a text
    fast, careful = raw.to_profile(), parse_blt(text, batches=False).to_profile()
    assert fast == careful and fast.validation == careful.validation
