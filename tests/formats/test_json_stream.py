"""A JSON profile read a block at a time: the same election, and the same errors, as the
document parsed whole, wherever the blocks are cut and whatever order the keys come in."""

from __future__ import annotations

import itertools
import json
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from votecount import Candidate, Profile, RankedBallot, read
from votecount import strategies as vs
from votecount.errors import BallotFileError, VotecountError
from votecount.formats import _common, _jsonstream, dumps, loads
from votecount.formats.jsonio import parse_document, parse_json, profile_to_dict
from votecount.progress import reporting
from votecount.tally import CleanTally

ANN, BOB, CAT = Candidate("Ann", "a"), Candidate('B"o}b{'), Candidate("Cé \\ ☃", "c")
SMALL = Profile(
    [ANN, BOB, CAT],
    [RankedBallot((0, 1), 2), RankedBallot((2,), 1), RankedBallot((1, 0, 2), 3, "p}1")],
    seats=1,
    title="Ward {9}",
)


@contextmanager
def blocks_of(size: int) -> Iterator[None]:
    """Files and texts read in blocks of ``size`` characters (bytes for a file)."""
    with mock.patch.object(_common, "BLOCK_CHARS", size):
        yield


def outcome(parse: Callable[..., Any], text: str) -> tuple[Any, ...]:
    """What reading ``text`` gives: the profile and its report, or the error and its line."""
    try:
        profile = parse(text, source="p.json").to_profile()
    except VotecountError as exc:
        return ("error", type(exc).__name__, str(exc), getattr(exc, "line", None))
    return ("profile", profile, profile.validation)


def layouts(doc: dict[str, Any]) -> list[str]:
    """``doc`` as the writer lays it out, on one line, and indented (records over many lines)."""
    return [
        json.dumps(doc),
        json.dumps(doc, indent=2, ensure_ascii=False),
        json.dumps(doc, separators=(",", ":")),
    ]


def with_problems(profile: Profile) -> dict[str, Any]:
    """``profile``'s document with its ballots repeated and papers the policy repairs or sets
    aside (an unknown candidate, one ranked twice, a blank paper, a zero weight) among them."""
    doc = profile_to_dict(profile)
    first = profile.candidates[0].id
    doc["ballots"] = [
        *doc["ballots"],
        {"ranking": ["no such"], "weight": 2},
        *doc["ballots"],
        {"ranking": [first, first]},
        {"ranking": []},
        {"weight": 0, "ranking": [first]},
        *doc["ballots"][:1],
    ]
    return doc


def test_block_boundaries_anywhere_in_a_record_or_a_string_change_nothing() -> None:
    """Every block size from one character up: each cut falls inside a record, inside a
    string (escapes and braces in names and ids), between records and between keys."""
    for text in layouts(with_problems(SMALL)):
        whole = outcome(parse_document, text)
        assert whole[0] == "profile"
        for size in range(1, 25):
            with blocks_of(size):
                assert outcome(parse_json, text) == whole, size


def test_a_file_read_in_blocks_cut_inside_a_character_reads_the_same(tmp_path: Path) -> None:
    """A file's blocks are bytes: a cut inside a two- or three-byte character, and a
    byte-order mark, decode as the whole file does."""
    path = tmp_path / "p.json"
    path.write_bytes(b"\xef\xbb\xbf" + dumps(SMALL, "json").encode())
    expected = loads(dumps(SMALL, "json"), "json", source=str(path))
    for size in (1, 2, 3, 7):
        with blocks_of(size):
            profile = read(path)
            assert profile == expected and profile.validation == expected.validation


def test_a_bad_byte_in_a_streamed_file_names_its_line_as_before(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    text = dumps(SMALL, "json")
    cut = text.index('"Ward')
    path.write_bytes(text[:cut].encode() + b"\xff" + text[cut:].encode())
    with blocks_of(5), pytest.raises(BallotFileError) as info:
        read(path)
    assert info.value.line == text[:cut].count("\n") + 1 and "0xff" in info.value.reason


def test_keys_in_any_order_read_the_same() -> None:
    """``ballots`` before ``candidates`` (or anywhere): the records wait, as distinct texts."""
    doc = with_problems(SMALL)
    whole = outcome(parse_document, json.dumps(doc, indent=1))
    for keys in itertools.permutations(["candidates", "ballots", "seats", "title"]):
        reordered = {key: doc[key] for key in (*keys, "tie_order")}
        text = json.dumps(reordered, indent=1)
        assert outcome(parse_json, text)[1:] == outcome(parse_document, text)[1:]
        assert outcome(parse_json, text)[1] == whole[1]


def test_each_distinct_record_is_held_once_whatever_the_key_order() -> None:
    """10,000 records of two texts, ballots first: two entries in the tally, every line kept
    (a record on line n + 2 of the file is ballot n)."""
    records = ['{"ranking": ["Ann", "Bob"], "weight": 1}', '{"ranking": ["c"], "weight": 2}'] * 5_000
    text = '{"ballots": [\n' + ",\n".join(records) + '\n],\n "candidates": ["Ann", "Bob", "c"]}'
    raw = parse_json(text)
    assert raw.papers == [] and raw.clean is not None
    assert len(raw.clean) == 2 and raw.clean.papers == 10_000
    lines = {r: list(held) for r, _, held in raw.clean.entries()}  # type: ignore[call-overload]
    assert lines[(0, 1)][:2] == [2, 4] and lines[(2,)][-1] == 10_001
    assert raw.to_profile().total_weight == 5_000 * 1 + 5_000 * 2


def test_a_record_met_again_is_not_decoded_again() -> None:
    """The scanner decodes a record's text the first time only (the decoder's calls at the
    start of a record, counted; the others are the keys and the candidates)."""
    text = '{"candidates": ["A"], "ballots": [' + ", ".join(['{"ranking": ["A"]}'] * 1000) + "]}"
    calls = []
    real = _jsonstream._DECODER.raw_decode

    def counted(s: str, idx: int = 0) -> tuple[Any, int]:
        calls.append(idx)
        return real(s, idx)

    with mock.patch.object(_jsonstream._DECODER, "raw_decode", counted):
        raw = parse_json(text)
    assert raw.clean is not None and raw.clean.papers == 1000
    assert [at for at in calls if text.startswith('{"ranking"', at)] == [text.index('{"ranking"')]


def test_duplicate_keys_read_as_the_whole_document_reads_them() -> None:
    """JSON's last value wins, in ``candidates`` and in a record; ``ballots`` twice is read
    whole, as before."""
    texts = [
        '{"candidates": ["X"], "candidates": ["A"], "ballots": [{"ranking": ["X"], "ranking": ["A"]}]}',
        '{"candidates": ["A"], "ballots": [{"ranking": ["A"]}], "ballots": []}',
        '{"ballots": [{"ranking": ["A"]}], "candidates": ["A"], "ballots": [{"ranking": ["A"]}]}',
    ]
    for text in texts:
        with blocks_of(4):
            assert outcome(parse_json, text) == outcome(parse_document, text)


def test_the_values_besides_the_ballots_are_bounded() -> None:
    """Only the ballots may make a profile large; a title of more than the bound is refused
    on its line, with no more of it read."""
    text = '{"candidates": ["A"],\n "title": "' + "x" * 5000 + '",\n "ballots": []}'
    assert parse_json(text).title == "x" * 5000
    bounded = mock.patch.object(_jsonstream, "MAX_HEAD_CHARS", 4000)
    with bounded, blocks_of(64), pytest.raises(BallotFileError, match="other than the ballots") as info:
        loads(text, "json", source="p.json")
    assert info.value.line == 2 and info.value.path == "p.json"
    # each value within the bound, together beyond it: "candidates" and ["A"] take 17
    # characters, each "k0": "xxx..." 1,006, so the fourth (on line 5) passes 4,000
    values = "".join(f' "k{i}": "{"x" * 1000}",\n' for i in range(5))
    with bounded, pytest.raises(BallotFileError, match="other than the ballots") as info:
        loads('{"candidates": ["A"],\n' + values + ' "ballots": []}', "json")
    assert info.value.line == 5


KEYS = ["format", "version", "title", "seats", "candidates", "withdrawn", "tie_order", "ballots"]


def small_documents() -> st.SearchStrategy[str]:
    """Generated profiles (ids, equal rankings, fractional weights, withdrawn candidates,
    invalid papers) as JSON text, in any layout and key order."""
    profiles = vs.profiles(
        "ranked",
        candidates=vs.candidates(names=vs.names(), ids=True, max_size=5),
        max_ballots=6,
        weight=st.one_of(vs.weights("int", max_value=9), vs.weights("fraction")),
        equal_rankings=True,
        ballot_ids=vs.ballot_ids(),
        seats=True,
        title=vs.names(),
        max_withdrawn=1,
        tie_order=True,
    )
    return st.builds(
        lambda profile, layout, keys: layouts(
            {k: v for k, v in sorted(with_problems(profile).items(), key=lambda kv: keys.index(kv[0]))}
        )[layout],
        profiles,
        st.integers(0, 2),
        st.permutations(KEYS),
    )


@settings(max_examples=20, deadline=None)
@given(text=small_documents(), size=st.integers(1, 64))
def test_the_streamed_profile_equals_the_whole_document_parse(text: str, size: int) -> None:
    with blocks_of(size):
        streamed = outcome(parse_json, text)
    assert streamed == outcome(parse_document, text)
    assert streamed[0] == "profile"


@settings(max_examples=30, deadline=None)
@given(text=small_documents(), data=st.data())
def test_a_truncated_profile_gives_a_located_error_never_a_traceback(text: str, data: st.DataObject) -> None:
    """Cut at any byte (inside a character too), read in blocks of any size: the whole
    document's own error (the file, the line, the reason), or, where only white space was
    cut, the same profile."""
    encoded = text.encode()
    end = data.draw(st.integers(0, len(encoded) - 1), label="end")
    size = data.draw(st.integers(1, 64), label="size")
    cut = encoded[:end]
    try:
        decoded = _common.decode(cut, source="p.json")
    except BallotFileError as exc:  # a character cut in two: named where it starts
        with pytest.raises(BallotFileError) as info:
            loads(cut, "json", source="p.json")
        assert str(info.value) == str(exc) and exc.line is not None
        return
    with blocks_of(size):
        streamed = outcome(parse_json, decoded)
    assert streamed == outcome(parse_document, decoded)
    if encoded[end:].strip():
        kind, name, _, line = streamed
        assert kind == "error" and name == "BallotFileError" and line is not None
    else:
        assert streamed == outcome(parse_document, text)


@pytest.mark.slow
def test_memory_grows_with_distinct_records_not_with_ballots(tmp_path: Path) -> None:
    """100,000 and 200,000 records of 50 distinct rankings: the read's peak (tracemalloc) grows
    by the eight bytes a record costs (its ordinal and line, then its line in the tally), and
    stays below the document's size (two blocks of it are held; parsed whole, the document
    took twenty times its size)."""
    names = [f"C{i}" for i in range(8)]
    texts = [json.dumps({"ranking": names[i % 8 : i % 8 + 1 + i % 5], "weight": 1}) for i in range(50)]

    def peak(n: int) -> tuple[int, int]:
        path = tmp_path / f"p{n}.json"
        body = ",\n".join("  " + texts[(i * 7919) % 50] for i in range(n))
        path.write_text('{"candidates": ' + json.dumps(names) + ', "ballots": [\n' + body + "\n]}\n")
        tracemalloc.start()
        try:
            profile = read(path)
            top = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert profile.validation is not None and profile.validation.lines == n
        return top, path.stat().st_size

    small, _ = peak(100_000)
    large, size = peak(200_000)
    assert large - small < 12 * 100_000 and large < size, (small, large, size)


def test_clean_tally_keys_are_the_record_texts() -> None:
    raw = parse_json('{"candidates": ["A", "B"], "ballots": [{"ranking": ["B", "A"], "weight": 3}]}')
    assert isinstance(raw.clean, CleanTally)
    assert raw.clean.rankings == {'{"ranking": ["B", "A"], "weight": 3}': ((1, 0), 3)}


class Told:
    """A progress reporter that keeps what it is told."""

    def __init__(self) -> None:
        self.told: list[tuple[str, int | None]] = []

    def update(self, what: str, done: int | None = None, total: int | None = None) -> None:
        self.told.append((what, done))

    def finish(self) -> None:
        return None


def test_reading_a_long_profile_tells_the_records_read(tmp_path: Path) -> None:
    """Every so many records (65,536; 100 here), even on one line, naming the file."""
    path = tmp_path / "long.json"
    path.write_text('{"candidates": ["A"], "ballots": [' + ", ".join(['{"ranking": ["A"]}'] * 1000) + "]}")
    told = Told()
    with reporting(told), mock.patch.object(_jsonstream, "_PROGRESS_RECORDS", 100), blocks_of(4096):
        assert read(path).total_weight == 1000
    assert told.told and all(what == f"reading {path}" and (done or 0) >= 100 for what, done in told.told)
