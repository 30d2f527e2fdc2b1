"""Time reading the largest Scottish BLT file, and grouping a million generated ballots.

    python benchmarks/bench_read_and_group.py             # both workloads
    python benchmarks/bench_read_and_group.py --quick     # 100,000 ballots, 1 repeat

Workloads:

- **read**: ``votecount.read`` on the Scottish ward file with the most ballot lines (from
  ``../shared/data/scottish/index.csv``), parse + validity check + grouping, best of
  ``--repeat``; skipped with a note when the shared data is absent.
- **group**: ``group_ballots`` (what ``Profile`` does once) on 1,000,000 ranked ballots
  generated in memory with ``random`` (seed 2024): 12 candidates, a Plackett-Luce draw from
  fixed strengths, ballot lengths 1-12 weighted towards short ones, so that many papers
  repeat as in a real ward. Best of ``--repeat``. Nothing is written to disk.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import time
from collections.abc import Callable
from pathlib import Path

from machine import cpu_model  # benchmarks/machine.py: the scripts run from this folder
from votecount.ballots import RankedBallot
from votecount.formats import read
from votecount.grouping import group_ballots

ROOT = Path(__file__).resolve().parent.parent
SCOTTISH = ROOT.parent / "shared" / "data" / "scottish"


def best_of(repeat: int, work: Callable[[], object]) -> tuple[float, float, object]:
    """Best wall-clock and best CPU seconds of ``repeat`` runs (CPU time is the steadier
    figure on a shared machine), and the work's result."""
    wall = cpu = float("inf")
    out: object = None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        out = work()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu, out


def largest_scottish_file() -> tuple[Path, int] | None:
    index = SCOTTISH / "index.csv"
    if not index.exists():
        return None
    with index.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    row = max(rows, key=lambda r: int(r["n_ballot_lines"]))
    return SCOTTISH / row["ballot_file"], int(row["n_ballot_lines"])


def generated_ballots(n: int, candidates: int = 12, seed: int = 2024) -> list[RankedBallot]:
    rng = random.Random(seed)
    strengths = [1.0 / (k + 1) ** 0.8 for k in range(candidates)]
    lengths = list(range(1, candidates + 1))
    length_weights = [1.0 / k for k in lengths]
    ballots = []
    for _ in range(n):
        length = rng.choices(lengths, length_weights)[0]
        pool = list(range(candidates))
        weights = strengths[:]
        ranking = []
        for _ in range(length):
            i = rng.choices(range(len(pool)), weights)[0]
            ranking.append(pool.pop(i))
            weights.pop(i)
        ballots.append(RankedBallot(tuple(ranking)))
    return ballots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100,000 ballots, one repeat")
    parser.add_argument("--ballots", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n = 100_000 if args.quick else args.ballots
    repeat = 1 if args.quick else args.repeat

    print(f"machine: {cpu_model()}, {os.cpu_count()} CPUs; Python {platform.python_version()}")
    found = largest_scottish_file()
    if found is None:
        print("read: skipped (../shared/data/scottish is absent)")
    else:
        path, lines = found
        seconds, cpu, profile = best_of(repeat, lambda: read(path))
        print(
            f"read:  {path.name}: {lines:,} ballot lines, {profile.total_weight:,} papers "  # type: ignore[attr-defined]
            f"({profile.unique_ballots:,} unique) in {seconds:.3f} s, {cpu:.3f} s CPU "  # type: ignore[attr-defined]
            f"({lines / cpu:,.0f} lines per CPU second)"
        )

    start = time.perf_counter()
    ballots = generated_ballots(n)
    made = time.perf_counter() - start
    seconds, cpu, grouped = best_of(repeat, lambda: group_ballots(ballots))
    unique = len(grouped)  # type: ignore[arg-type]
    print(f"group: {n:,} generated ranked ballots (made in {made:.1f} s, not timed) -> {unique:,} unique")
    print(
        f"group: best of {repeat}: {seconds:.3f} s, {cpu:.3f} s CPU ({n / cpu:,.0f} ballots per CPU second)"
    )
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
