"""Progress shows on a terminal after two seconds of work, and never anywhere else."""

from __future__ import annotations

import io
from pathlib import Path

import attrs

import votecount
from votecount import examples
from votecount.progress import NO_PROGRESS, TerminalProgress, active, for_stream, reporting


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@attrs.define
class FakeClock:
    now: float = 100.0

    def __call__(self) -> float:
        return self.now


@attrs.define
class Recorder:
    updates: list[str] = attrs.field(factory=list)
    finished: bool = False

    def update(self, what: str, done: int | None = None, total: int | None = None) -> None:
        self.updates.append(what)

    def finish(self) -> None:
        self.finished = True


def test_nothing_is_shown_in_the_first_two_seconds() -> None:
    clock, terminal = FakeClock(), FakeTerminal()
    progress = TerminalProgress(terminal, clock=clock)
    clock.now += 1.9
    progress.update("reading ward.blt", 10, 100)
    progress.finish()
    assert terminal.getvalue() == ""


def test_after_two_seconds_the_phase_is_shown_then_cleared() -> None:
    clock, terminal = FakeClock(), FakeTerminal()
    progress = TerminalProgress(terminal, clock=clock)
    clock.now += 2.5
    progress.update("reading ward.blt", 25, 100)
    first = "votecount: reading ward.blt (25 of 100, 25%), 2 s"
    assert terminal.getvalue() == "\r" + first
    clock.now += 1.0
    progress.update("counting, stage 3")
    second = "votecount: counting, stage 3, 4 s"
    # the shorter line is padded over the longer one, so no old text is left showing
    assert terminal.getvalue() == "\r" + first + "\r" + second.ljust(len(first))
    progress.finish()
    assert terminal.getvalue().endswith("\r" + " " * len(second) + "\r")


def test_updates_closer_than_the_interval_are_not_printed() -> None:
    clock, terminal = FakeClock(), FakeTerminal()
    progress = TerminalProgress(terminal, clock=clock)
    clock.now += 3
    progress.update("counting, stage 1")
    clock.now += 0.1
    progress.update("counting, stage 2")
    assert "stage 2" not in terminal.getvalue()


def test_nothing_is_shown_when_the_stream_is_not_a_terminal() -> None:
    clock, piped = FakeClock(), io.StringIO()
    progress = TerminalProgress(piped, clock=clock)
    clock.now += 60
    progress.update("counting, stage 40")
    progress.finish()
    assert piped.getvalue() == ""
    assert for_stream(piped) is NO_PROGRESS
    assert isinstance(for_stream(FakeTerminal()), TerminalProgress)


def test_reporting_sets_the_reporter_for_the_block_only() -> None:
    recorder = Recorder()
    assert active() is NO_PROGRESS
    with reporting(recorder):
        assert active() is recorder
    assert active() is NO_PROGRESS


def test_an_stv_count_reports_every_stage() -> None:
    recorder = Recorder()
    result = votecount.count(votecount.read(examples.path()), "scottish-stv", progress=recorder)
    # one update per pass of the round loop, which begins a stage or ends the count
    assert recorder.updates[0] == "counting, stage 1"
    assert f"counting, stage {len(result.rounds) - 1}" in recorder.updates
    assert all(u.startswith("counting, stage ") for u in recorder.updates)
    assert active() is NO_PROGRESS


def test_a_plurality_count_reports_the_papers_it_has_counted() -> None:
    recorder = Recorder()
    profile = votecount.Profile(
        ["A", "B"], [votecount.PluralityBallot({0}, 3), votecount.PluralityBallot({1}, 2)]
    )
    votecount.count(profile, "fptp", progress=recorder)
    assert recorder.updates == ["counting the papers"]


def test_reading_a_long_ballot_file_reports_the_lines_read(tmp_path: Path) -> None:
    """BLT and PrefLib readers tell progress every 65,536 lines, naming the file; CSV every
    block of the file."""
    blt = tmp_path / "long.blt"
    blt.write_text("2 1\n" + "1 1 2 0\n2 2 0\n" * 40_000 + '0\n"A"\n"B"\n"T"\n', encoding="utf-8")
    soi = tmp_path / "long.soi"
    head = "# NUMBER ALTERNATIVES: 2\n# ALTERNATIVE NAME 1: A\n# ALTERNATIVE NAME 2: B\n"
    soi.write_text(head + "1: 1,2\n2: 2\n" * 40_000, encoding="utf-8")
    table = tmp_path / "long.csv"
    table.write_text("weight,1,2\n" + "1,A,B\n2,B,\n" * 40_000, encoding="utf-8")
    for path in (blt, soi, table):
        recorder = Recorder()
        with reporting(recorder):
            profile = votecount.read(path)
        assert profile.total_weight == 120_000
        assert recorder.updates and set(recorder.updates) == {f"reading {path}"}
