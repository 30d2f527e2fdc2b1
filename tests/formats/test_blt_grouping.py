"""The BLT fast path groups identical clean lines as it reads; the report must not change.

The oracle is the careful path itself: separating a line's tokens with tabs keeps it off the
fast path, so the same papers read both ways must give equal profiles and equal reports."""

from __future__ import annotations

import random

import pytest

from votecount import InvalidBallotError
from votecount.formats import loads
from votecount.formats.blt import parse_blt
from votecount.validity import RawGroup

NAMES = '"A"\n"B"\n"C"\n"D"\n"T"\n'


def both_ways(body: list[str], **options: object) -> None:
    fast = "4 2\n" + "".join(body) + "0\n" + NAMES
    careful = "4 2\n" + "".join(line.replace(" ", "\t") for line in body) + "0\n" + NAMES
    a = loads(fast, "blt", source="f.blt", **options)  # type: ignore[arg-type]
    b = loads(careful, "blt", source="f.blt", **options)  # type: ignore[arg-type]
    assert a == b
    assert a.validation == b.validation
    assert any(isinstance(p, RawGroup) for p in parse_blt(fast).papers)
    assert not any(isinstance(p, RawGroup) for p in parse_blt(careful).papers)


def lines(seed: int) -> list[str]:
    rng = random.Random(seed)
    pool = ["1 2 0", "2 1 3 0", "3 0", "1 2 3 4 0", "1 1 2 0", "1 5 2 0", "1=2 3 0", "0", "2 4 3 1 0"]
    return [f"{rng.choice(['1', '2', '0', '3/2', '1.5'])} {rng.choice(pool)}\n" for _ in range(60)]


@pytest.mark.parametrize("policy", ["returning-officer", "strict", "as-cast"])
@pytest.mark.parametrize("seed", range(5))
def test_grouped_and_careful_reading_agree(policy: str, seed: int) -> None:
    both_ways(lines(seed), policy=policy)


@pytest.mark.parametrize("seed", range(3))
def test_a_preference_limit_still_reports_every_grouped_line(seed: int) -> None:
    both_ways(lines(seed), max_preferences=2)
    both_ways(lines(seed), max_preferences=2, policy="strict")


def test_identical_lines_are_judged_once_but_counted_on_every_line() -> None:
    raw = parse_blt("3 1\n1 1 2 0\n2 1 2 0\n1 1 1 0\n3 1 2 0\n0\n" + '"A"\n"B"\n"C"\n"T"\n')
    group, repeated = raw.papers
    assert isinstance(group, RawGroup) and not isinstance(repeated, RawGroup)
    assert (group.weight, list(group.lines), list(group.weights)) == (6, [2, 3, 5], [1, 2, 3])
    report = raw.to_profile().validation
    assert report is not None and report.lines == 4 and report.read == 7
    assert [(p.line, p.weight) for p in report.problems] == [(4, 1)]


def test_lines_of_weight_one_keep_no_weights_but_give_them_back() -> None:
    (group,) = parse_blt('2 1\n1 2 0\n1 2 0\n1 2 0\n0\n"A"\n"B"\n"T"\n').papers
    assert isinstance(group, RawGroup) and not group.weights and group.weight == 3
    assert [(p.line, p.weight) for p in group.papers()] == [(2, 1), (3, 1), (4, 1)]


def test_raising_names_the_first_line_set_aside_in_file_order() -> None:
    text = "3 1\n1 1 2 3 0\n1 1 1 0\n1 1 2 3 0\n0\n" + '"A"\n"B"\n"C"\n"T"\n'
    with pytest.raises(InvalidBallotError) as info:
        loads(text, "blt", policy="strict", on_invalid="raise", max_preferences=2, source="x.blt")
    assert info.value.line == 2
