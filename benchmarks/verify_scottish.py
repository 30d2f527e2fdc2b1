"""Count every Scottish council ward that has an official result, and compare with it.

    python benchmarks/verify_scottish.py               # the whole sweep, on both cores
    python benchmarks/verify_scottish.py --jobs 1      # on one
    python benchmarks/verify_scottish.py --ward linn   # one ward's comparison in detail

For each of the 703 wards of ../shared/data/scottish/index.csv with an official elected set
it reads the ballot file with votecount's BLT reader, counts it with ``scottish-stv`` and
compares (a) the elected set and (b), for 2012 (Edinburgh), 2017 and 2022, every stage
total on the official count sheet, to the last decimal the sheet prints. It prints the
figures, the wall time, and every ward that does not match with its first differing stage.
Exit status: 0 when every difference is one of the documented exceptions
(``scottish_official.DOCUMENTED``, explained in docs/verification.md), 1 otherwise.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import resource
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from machine import cpu_model  # benchmarks/machine.py: the scripts run from this folder

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT / "tests" / "verification"))

import scottish_official as so  # noqa: E402


def _compare(entry: so.WardEntry) -> so.WardComparison:
    return so.compare_ward(entry, so.DATA_DIR)


def sweep(entries: Sequence[so.WardEntry], jobs: int) -> list[so.WardComparison]:
    """Compare every ward, on ``jobs`` processes, in index order."""
    if jobs <= 1:
        return [_compare(e) for e in entries]
    with multiprocessing.get_context("fork" if os.name == "posix" else "spawn").Pool(jobs) as pool:
        return pool.map(_compare, entries, chunksize=8)


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the pool's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def report(results: Sequence[so.WardComparison], seconds: float, jobs: int, cpu: float) -> int:
    """Print the summary and the mismatches; return the number not documented."""
    n = len(results)
    elected = sum(r.elected_match for r in results)
    staged = [r for r in results if r.year in (2017, 2022) and r.official_stages]
    staged_match = [r for r in staged if r.stages_match]
    by_year = Counter(r.year for r in staged)
    by_year_match = Counter(r.year for r in staged_match)
    edinburgh = [r for r in results if r.year == 2012]
    no_sheet = [r for r in results if r.stage_verdict == "no sheet"]
    rounded = [r for r in staged_match if r.rounded]
    count_seconds = sum(r.seconds for r in results)
    print(f"Scottish STV ({so.RULE}) against the official results, {n} wards")
    print(f"  elected set matches:   {elected} of {n}")
    print(
        f"  stage totals match:    {len(staged_match)} of {len(staged)} wards of 2017 and 2022 "
        f"with official stage figures "
        f"(2017: {by_year_match[2017]} of {by_year[2017]}; 2022: {by_year_match[2022]} of {by_year[2022]})"
    )
    cells = sum(r.cells for r in staged)
    cells_rounded = sum(r.rounded for r in staged)
    print(
        f"                         {cells} figures compared, {cells - cells_rounded} equal to five places "
        f"and {cells_rounded} (in {len(rounded)} wards) to the fewer places their sheet prints"
    )
    print(
        f"  Edinburgh 2012 stages: {sum(r.stages_match for r in edinburgh)} of {len(edinburgh)} match"
    )
    print(f"  no stage figures published (elected set only): {len(no_sheet)} wards")
    print(f"  verdicts: {dict(Counter(r.stage_verdict for r in results))}")
    print(
        f"  wall time: {seconds:.1f} s on {jobs} process{'es' if jobs != 1 else ''}, "
        f"{cpu:.1f} s of CPU (counting alone: {count_seconds:.1f} s); "
        f"machine: {os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}"
    )
    undocumented = 0
    mismatches = [r for r in results if not r.elected_match or r.stage_verdict not in ("match", "no sheet")]
    if mismatches:
        print(f"\nMismatches ({len(mismatches)}):")
    for r in mismatches:
        reason = so.DOCUMENTED.get(r.ward)
        tag = "documented" if reason else "NEW"
        undocumented += reason is None
        print(f"  [{tag}] {r.summary()}")
        if reason:
            print(f"      why: {reason}")
    noted = [r for r in results if r.notes]
    if noted:
        print(f"\nNotes ({len(noted)} wards):")
    for r in noted:
        for note in r.notes:
            print(f"  {r.ward}: {note}")
    stale = sorted(set(so.DOCUMENTED) - {r.ward for r in mismatches})
    if stale and len(results) == len(so.load_index(so.DATA_DIR)):
        print(f"\nDocumented exceptions that now match (remove them): {', '.join(stale)}")
    return undocumented


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--ward", metavar="PATTERN", help="show the detailed comparison of matching wards")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: all CPUs)")
    parser.add_argument("--year", type=int, help="only wards of this year (2012, 2017 or 2022)")
    args = parser.parse_args(argv)
    if not (so.DATA_DIR / "index.csv").exists():
        print(f"skipped: the Scottish data is not at {so.DATA_DIR} (see ../shared/data/README.md)")
        return 0
    entries = so.select(so.load_index(so.DATA_DIR), args.ward)
    if args.year:
        entries = [e for e in entries if e.year == args.year]
    if not entries:
        print(f"no ward matches {args.ward!r}")
        return 2
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    results = sweep(entries, 1 if args.ward else args.jobs)
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
    if args.ward:
        for r in results:
            print(r.detail())
            reason = so.DOCUMENTED.get(r.ward)
            if reason:
                print(f"  documented exception: {reason}")
            print()
        return 0
    return 1 if report(results, seconds, args.jobs, cpu) else 0


if __name__ == "__main__":
    sys.exit(main())
