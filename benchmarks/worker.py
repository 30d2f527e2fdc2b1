"""One timed run of one counter on one workload file, in a process of its own.

    python benchmarks/worker.py TOOL RULE FILE SEATS [CONSTRAINT ...]

The suite (suite.py) starts this script once per run, alternating the counters, and takes
the whole process's CPU time and peak memory from the operating system when it ends. The
script reads FILE (for a corpus, FILE lists ballot files, one a line), counts it, writes the
result as JSON (to nowhere: the work of writing it is what counts), and prints one JSON
line: the CPU time of reading the file into a grouped profile (``read``), of the count
alone (``count``), of the floor (``floor``: one pass adding
first preferences over the grouped ballots, votecount only), and the winners of each
election.

TOOL is ``votecount`` (run with the project's Python and ``PYTHONPATH=src``) or a peer
(peers.py), run with the Python of the peers' own environment: this script imports
votecount only for ``votecount``, and the peers' module only for a peer, so that no counter's
whole process pays for loading another's code.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

DROOP_ENV = "VOTECOUNT_BENCH_DROOP"
"""The Droop checkout, for TOOL ``droop`` (suite.py --droop sets it)."""


def files_of(path: Path) -> list[Path]:
    """The ballot files of a workload: the file itself, or those a ``.txt`` lists."""
    if path.suffix == ".txt":
        return [Path(line) for line in path.read_text(encoding="utf-8").split("\n") if line]
    return [path]


def run_votecount(rule: str, files: list[Path], seats: int, constraints: list[str]) -> dict[str, Any]:
    import votecount
    from votecount.formats import format_for
    from votecount.formats.result_json import result_to_json

    count_cpu = floor_cpu = read_cpu = 0.0
    winners = []
    parsed = []
    if constraints:  # (a count without constraints loads no constraint-file reader)
        from votecount.constraint_files import parse_constraint

        parsed = [parse_constraint(text) for text in constraints]
    # votecount loads a module when first used: load the reader and the rules before the
    # clocks start, so that read and count time the work (the whole process includes them)
    count, read = votecount.count, votecount.read
    for path in files:
        format_for(path).parse  # noqa: B018  (imports the format's reader)
        took, profile = timed(lambda p=path: read(p))
        read_cpu += took
        if parsed:
            profile = profile.replace(candidates=with_genders(profile.candidates))
        floor_cpu += timed(lambda p=profile: floor(p))[0]
        took, result = timed(
            lambda p=profile: count(p, rule, seats=seats or None, seed=1, constraints=parsed)
        )
        count_cpu += took
        result_to_json(result)  # the JSON text ``votecount count --format json`` prints
        winners.append([c.name for c in result.elected])
    return {"count": count_cpu, "floor": floor_cpu, "read": read_cpu, "winners": winners}


def with_genders(candidates: Any) -> tuple[Any, ...]:
    """The generated candidates (strongest first) as alternately M and F, so that a minimum
    of women binds."""
    from votecount import Candidate

    return tuple(
        Candidate(c.name, c.id, {"gender": "F" if i % 2 else "M"}) for i, c in enumerate(candidates)
    )


def floor(profile: Any) -> list[Any]:
    """The floor: one pass adding first preferences over the grouped ballots."""
    totals: list[Any] = [0] * len(profile.candidates)
    if profile.kind == "plurality":
        for b in profile.ballots:
            for c in b.marks:
                totals[c] += b.weight
        return totals
    for b in profile.ballots:
        if b.ranking:
            first = b.ranking[0]
            if type(first) is int:
                totals[first] += b.weight
    return totals


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    out = run()
    return time.process_time() - start, out


def peers_module() -> ModuleType:
    """benchmarks/peers.py (the scripts run from this folder), loaded for a peer's run only."""
    return importlib.import_module("peers")


def main(argv: list[str]) -> None:
    tool, rule, file, seats, *constraints = argv
    files = files_of(Path(file))
    if tool == "votecount":
        out = run_votecount(rule, files, int(seats), constraints)
    elif tool == "droop":
        out = peers_module().run_droop(Path(os.environ[DROOP_ENV]), rule, files)
    else:
        out = peers_module().run(tool, rule, files, int(seats))
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
