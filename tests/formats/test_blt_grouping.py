"""The BLT fast path groups clean lines as it reads; the election and report must not change.

The oracle is the careful path itself: ``parse_blt(..., batches=False)`` reads every line one
at a time, and separating a line's tokens with tabs keeps it off the fast path, so the same
papers read these ways must give equal profiles and equal reports."""

from __future__ import annotations

import random

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from votecount import BallotFileError, InvalidBallotError
from votecount.formats import blt, loads
from votecount.formats._common import Lines
from votecount.formats.blt import parse_blt

NAMES = '"A"\n"B"\n"C"\n"D"\n"T"\n'


def both_ways(body: list[str], **options: object) -> None:
    fast = "4 2\n" + "".join(body) + "0\n" + NAMES
    careful = "4 2\n" + "".join(line.replace(" ", "\t") for line in body) + "0\n" + NAMES
    a = loads(fast, "blt", source="f.blt", **options)  # type: ignore[arg-type]
    b = loads(careful, "blt", source="f.blt", **options)  # type: ignore[arg-type]
    assert a == b
    assert a.validation == b.validation
    assert len(parse_blt(fast).clean or ()) > 0
    assert len(parse_blt(careful).clean or ()) == 0


def lines(seed: int) -> list[str]:
    rng = random.Random(seed)
    pool = ["1 2 0", "2 1 3 0", "3 0", "1 2 3 4 0", "1 1 2 0", "1 5 2 0", "1=2 3 0", "0", "2 4 3 1 0"]
    return [f"{rng.choice(['1', '2', '0', '3/2', '1.5'])} {rng.choice(pool)}\n" for _ in range(60)]


@pytest.fixture(params=[blt.RUN_LINES, 1], ids=["runs-of-256", "runs-of-1"])
def run_lines(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """The fewest lines the reader takes as a run: as shipped, and 1 (every stretch tried)."""
    monkeypatch.setattr(blt, "RUN_LINES", request.param)
    return request.param  # type: ignore[no-any-return]


@pytest.mark.parametrize("policy", ["returning-officer", "strict", "as-cast"])
@pytest.mark.parametrize("seed", range(5))
def test_grouped_and_careful_reading_agree(policy: str, seed: int, run_lines: int) -> None:
    both_ways(lines(seed), policy=policy)


@pytest.mark.parametrize("seed", range(3))
def test_a_preference_limit_still_reports_every_grouped_line(seed: int, run_lines: int) -> None:
    both_ways(lines(seed), max_preferences=2)
    both_ways(lines(seed), max_preferences=2, policy="strict")


def test_identical_lines_are_decoded_once_but_counted_on_every_line() -> None:
    raw = parse_blt("3 1\n1 1 2 0\n2 1 2 0\n1 1 1 0\n3 1 2 0\n0\n" + '"A"\n"B"\n"C"\n"T"\n')
    assert raw.clean is not None and len(raw.clean) == 3  # three texts of one ranking
    assert [p.line for p in raw.papers] == [4]  # the repeated candidate, read carefully
    table, weight, papers = raw.clean.weights()
    assert (table, weight, papers) == ({(0, 1): 6}, 6, 3)
    report = raw.to_profile().validation
    assert report is not None and report.lines == 4 and report.read == 7
    assert [(p.line, p.weight) for p in report.problems] == [(4, 1)]


def test_a_text_on_many_lines_keeps_every_line_number() -> None:
    raw = parse_blt('2 1\n1 2 0\n1 2 0\n1 2 0\n0\n"A"\n"B"\n"T"\n')
    assert raw.clean is not None
    ((ranking, weight, held),) = raw.clean.entries()
    assert (ranking, weight, list(held)) == ((1,), 1, [2, 3, 4])  # type: ignore[arg-type]
    assert list(raw.clean.longer_than(0)) == [((1,), 1, 2), ((1,), 1, 3), ((1,), 1, 4)]


def test_raising_names_the_first_line_set_aside_in_file_order() -> None:
    text = "3 1\n1 1 2 3 0\n1 1 1 0\n1 1 2 3 0\n0\n" + '"A"\n"B"\n"C"\n"T"\n'
    with pytest.raises(InvalidBallotError) as info:
        loads(text, "blt", policy="strict", on_invalid="raise", max_preferences=2, source="x.blt")
    assert info.value.line == 2


TOKENS = ["1", "2", "3", "4", "5", "0", "01", "1=2", "-1", "x", "99", "1.5", "3/2", "", " ", "\t", "(b)"]


@st.composite
def ballot_lines(draw: st.DrawFn) -> str:
    """Ballot lines near the fast path's edges: plain, spaced oddly, or not clean at all."""
    weight = draw(st.sampled_from(["1", "2", "0", "10", "007", "1.5", "99999999999999999999"]))
    prefs = draw(st.lists(st.sampled_from(TOKENS), max_size=6))
    end = draw(st.sampled_from([" 0", " 0 ", "  0", " 0 0", ""]))
    return weight + " " + " ".join(prefs) + end


@given(st.lists(ballot_lines(), max_size=30), st.integers(1, 3), st.sampled_from([blt.RUN_LINES, 1]))
def test_batches_read_what_the_careful_path_reads(body: list[str], repeat: int, run_lines: int) -> None:
    text = "4 2\n" + "\n".join(body * repeat) + "\n0\n" + NAMES
    outcomes = []
    for batches in (True, False):
        try:
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(blt, "RUN_LINES", run_lines)  # 1: every stretch of lines tried as a run
                raw = parse_blt(text, source="f.blt", batches=batches)
            profile = raw.to_profile()
            outcomes.append((profile, profile.validation, raw.title, raw.candidates))
        except BallotFileError as error:
            outcomes.append((str(error),))
    assert outcomes[0] == outcomes[1]


def test_lines_come_a_block_at_a_time_and_keep_their_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    import votecount.formats._common as common

    monkeypatch.setattr(common, "BLOCK_CHARS", 8)  # a block holds a line or two
    text = "2 1\r\n" + "1 1 0\r\n" * 5 + "1 x 0\n0\n" + '"A"\n"B"\n"T"\n'
    raw = parse_blt(Lines.of_text(text, "f.blt"), source="f.blt")
    assert [p.line for p in raw.papers] == [7]
    assert raw.clean is not None and raw.clean.papers == 5 and raw.title == "T"


CLEAN_LINES = st.lists(st.integers(1, 4), min_size=1, max_size=4, unique=True).map(
    lambda prefs: " ".join(map(str, [1, *prefs, 0]))
)


@st.composite
def odd_plain_line(draw: st.DrawFn) -> str:
    """A line of whole numbers only that a batch must not take as clean: a number past the
    candidates (or past a byte), a 0 too early or missing, no preference, a weight too long,
    a candidate twice."""
    weight = draw(st.sampled_from([1, 2, 0, 10**17, 10**18, 10**30]))
    prefs = draw(st.lists(st.sampled_from([1, 2, 3, 4, 5, 0, 253, 254, 255, 256, 300]), max_size=5))
    end = draw(st.sampled_from([[0], [], [0, 0]]))
    return " ".join(map(str, [weight, *prefs, *end]))


ODD_LINES = ["1 5 0", "1 254 0", "1 255 0", "1 256 0", "1 1 0 2 0", "1 1 2", "1 0", "1 2 2 0", f"{10**18} 1"]


@pytest.mark.parametrize("odd_line", [None, *ODD_LINES])
@given(
    clean=st.lists(CLEAN_LINES, max_size=20, unique=True),
    odd=st.one_of(st.none(), odd_plain_line()),
    where=st.integers(0, 20),
)
@example(clean=["1 1 0", "1 2 3 0"], odd=None, where=1)
@example(clean=["1 3 0"], odd="1 0 2 0", where=0)  # with "1 1 2": as many 0s as lines, misplaced
@settings(max_examples=12)  # for each odd line given
def test_a_batch_of_plain_lines_reads_as_the_careful_path_does(
    clean: list[str], odd: str | None, where: int, odd_line: str | None
) -> None:
    """Clean lines and at most one odd one: the batch is taken whole only if it is clean
    (each kind of odd line is given once; hypothesis draws more)."""
    body = list(clean)
    for line in (odd, odd_line):
        if line is not None and line not in body:
            body.insert(min(where, len(body)), line)
    text = "4 2\n" + "\n".join(body) + "\n0\n" + NAMES
    outcomes = []
    for batches in (True, False):
        try:
            raw = parse_blt(text, source="f.blt", batches=batches)
            profile = raw.to_profile()
            outcomes.append((profile, profile.validation))
        except BallotFileError as error:
            outcomes.append((str(error),))
    assert outcomes[0] == outcomes[1]


def test_a_clean_batch_goes_to_the_tally_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    taken = []
    original = blt.tally_clean_batch

    def spy(*args: object) -> bool:
        taken.append(original(*args))  # type: ignore[arg-type]
        return taken[-1]

    monkeypatch.setattr(blt, "tally_clean_batch", spy)
    raw = parse_blt("4 1\n3 1 2 0\n2 4 0\n1 3 1 2 0\n0\n" + NAMES)
    assert taken == [True]
    assert raw.clean is not None
    table = raw.clean.weights()[0]
    assert set(map(type, table)) == {bytes}  # kept coded, one byte an index
    assert {tuple(r): w for r, w in table.items()} == {(0, 1): 3, (3,): 2, (2, 0, 1): 1}
    taken.clear()
    parse_blt("4 1\n3 1 2 0\n2 4 4 0\n0\n" + NAMES)  # a candidate twice: the batch line by line
    assert taken == [False]
