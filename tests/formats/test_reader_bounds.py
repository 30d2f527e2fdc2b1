"""Small hostile files finish at once in little memory; large ordinary ones in linear time."""

from __future__ import annotations

import json
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

import votecount.formats as formats
from helpers import reading_error
from votecount.errors import BallotFileError
from votecount.formats import loads
from votecount.formats._jsondoc import MAX_DEPTH
from votecount.formats.csv import parse_csv
from votecount.formats.preflib import MAX_UNNAMED, parse_preflib
from votecount.validity import RawElection, RawRanking

PREFLIB_HEAD = "# NUMBER ALTERNATIVES: 2\n# ALTERNATIVE NAME 1: A\n# ALTERNATIVE NAME 2: B\n"
JSON_HEAD = '{"candidates": ["A", "B"], "ballots": [{"ranking": '

HOSTILE = [
    ("soi", "# NUMBER ALTERNATIVES: 1000000000\n1: 1\n", "more than a file of"),
    ("soi", "# NUMBER ALTERNATIVES: 3000000\n1: 1\n#" + "x" * 3_000_000 + "\n", "names none"),
    ("soi", PREFLIB_HEAD + "1: 99999999999,1\n", None),
    ("soi", PREFLIB_HEAD + "1: " + ",".join(["1"] * 100_000) + "\n", None),
    ("csv", "A,B\n1,99999999999\n", None),
    ("csv", "A,B\n99999999999,1\n", None),
    ("json", JSON_HEAD + "[" * 100_000 + "]" * 100_000 + "}]}", "nested too deeply"),
    ("json", JSON_HEAD + "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2) + "}]}", "nested too deeply"),
]


@pytest.mark.parametrize("fmt, text, words", HOSTILE, ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(HOSTILE)])
def test_a_small_hostile_file_finishes_at_once_in_little_memory(
    fmt: str, text: str, words: str | None
) -> None:
    tracemalloc.start()
    started = time.process_time()
    try:
        if words is None:
            profile = loads(text, fmt, policy="as-cast")
            assert len(profile.candidates) == 2
        else:
            with pytest.raises(BallotFileError, match=words):
                loads(text, fmt)
    finally:
        spent = time.process_time() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert spent < 0.5, spent
    assert peak < 16 * 2**20 + 2 * len(text), peak


def test_json_nested_just_within_the_bound_reads() -> None:
    ranking = "[" * (MAX_DEPTH - 3) + '"A"' + "]" * (MAX_DEPTH - 3)
    profile = loads(JSON_HEAD + ranking + "}]}", "json")
    assert profile.validation is not None and profile.validation.read == 1


def test_json_nested_too_deep_names_the_line() -> None:
    text = '{"candidates": ["A"],\n "ballots": [\n  {"ranking": ' + "[" * 200 + "]" * 200 + "}]}"
    err = reading_error("json")(text)
    assert err.line == 3 and f"more than {MAX_DEPTH} deep" in err.reason


def test_preflib_alternatives_without_names_are_bounded() -> None:
    text = f"# NUMBER ALTERNATIVES: {MAX_UNNAMED}\n1: 1\n# {'padding' * MAX_UNNAMED}\n"
    assert len(loads(text, "soi").candidates) == MAX_UNNAMED
    err = reading_error("soi")(text.replace(str(MAX_UNNAMED), str(MAX_UNNAMED + 1)))
    assert err.line == 1 and f"more than {MAX_UNNAMED}" in err.reason


def test_a_json_profile_of_40000_ballots_reads_in_linear_time_with_each_line() -> None:
    """Locating each ballot's line once took time growing with the square of the ballots
    (22 s of CPU for 40,000); now a second or so on a slow machine."""
    ballots = [{"ranking": ["A", "B"][: 1 + i % 2], "weight": 1 + i % 3} for i in range(40_000)]
    ballots[-1] = {"ranking": ["A"], "weight": -1}
    body = ",\n".join(json.dumps(b) for b in ballots)
    text = '{"candidates": ["A", "B"],\n "ballots": [\n' + body + "\n]}\n"
    started = time.process_time()
    err = reading_error("json")(text)
    spent = time.process_time() - started
    assert err.line == 40_002 and "negative weight" in err.reason
    assert spent < 5, spent
    ok = text.replace('"weight": -1', '"weight": 1')
    profile = loads(ok, "json")
    assert profile.total_weight == sum(1 + i % 3 for i in range(39_999)) + 1


@pytest.mark.parametrize(
    "parse, text",
    [
        (parse_csv, "1,2,3\n" + "A,B,C\nB,,A\n" * 5_000),
        (parse_csv, "weight,A,B\n" + "2,1,2\n1,,1\n" * 5_000),
    ],
    ids=["csv-preferences", "csv-ranks"],
)
def test_each_distinct_line_is_decoded_once(parse: Callable[..., RawElection], text: str) -> None:
    """Identical lines share one decoded ranking: memory grows with distinct rankings. A clean
    row goes to the tally (its lines only noted); a row with a problem is a paper on its line,
    all of one row's papers sharing the one decoded ranking."""
    raw = parse(text)
    assert raw.clean is not None
    assert len(raw.papers) + raw.clean.papers == 10_000
    assert len(raw.clean) <= 2
    shared = {id(p.positions) for p in raw.papers if isinstance(p, RawRanking)}
    assert len(shared) + len(raw.clean) == 2
    tallied = [held if isinstance(held, int) else held[0] for _, _, held in raw.clean.entries()]
    assert sorted([p.line or 0 for p in raw.papers[:2]] + tallied)[:2] == [2, 3]


def test_each_distinct_preflib_line_is_decoded_once_into_the_tally() -> None:
    """Clean PrefLib lines are tallied as they are read: two texts, every line still known."""
    raw = parse_preflib(PREFLIB_HEAD + "1: 1,2\n2: 2\n" * 5_000)
    assert raw.papers == [] and raw.clean is not None
    assert len(raw.clean) == 2 and raw.clean.papers == 10_000
    lines = {r: [held] if isinstance(held, int) else list(held) for r, _, held in raw.clean.entries()}
    assert lines[(0, 1)][:2] == [4, 6] and lines[(1,)][:2] == [5, 7]
    assert raw.to_profile().total_weight == 15_000


def test_a_binary_file_is_read_without_a_buffer_the_size_of_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "small.bin"
    path.write_bytes(b"x" * 10_000)
    tracemalloc.start()
    try:
        assert formats.read_file_bytes(str(path)) == b"x" * 10_000
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20  # asking for MAX_FILE_BYTES at once allocated 4 GiB


@pytest.mark.parametrize("length", [0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 5 * (1 << 20) + 7])
def test_a_file_that_says_it_is_empty_is_read_whole_in_megabytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, length: int
) -> None:
    path = tmp_path / "virtual.bin"
    data = bytes(range(256)) * (length // 256) + bytes(length % 256)
    path.write_bytes(data)
    monkeypatch.setattr(formats, "regular_file_size", lambda source: formats.MAX_FILE_BYTES)  # as for /proc
    assert formats.read_file_bytes(str(path)) == data


def test_a_file_longer_than_the_limit_is_refused_while_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "grows.bin"
    path.write_bytes(b"y" * (3 << 20))
    monkeypatch.setattr(formats, "MAX_FILE_BYTES", (2 << 20) + 5)
    monkeypatch.setattr(formats, "regular_file_size", lambda source: 1000)  # it said 1000 bytes, then grew
    with pytest.raises(BallotFileError, match="grew while read"):
        formats.read_file_bytes(str(path))
