"""Audit every Scottish council ward that has an official count sheet, with ``votecount.audit``.

    python benchmarks/audit_scottish.py               # every ward, on both cores
    python benchmarks/audit_scottish.py --jobs 1      # on one
    python benchmarks/audit_scottish.py --ward linn   # one ward's audit in full

For each ward of ../shared/data/scottish/index.csv with an official result it runs what
``votecount audit BALLOTS SHEET --rule scottish-stv --ward CODE`` runs: reads the sheet
(the 2017 and 2022 CSV files, Edinburgh 2012's JSON), pairs its candidates with the ballot
file's, recounts, and compares. It prints every ward that does not agree, with the likely
cause, every sheet that disagrees with itself, and the totals. Exit status: 0 when the wards
that differ are exactly the five documented in docs/verification.md, 1 otherwise.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import time
from collections import Counter
from functools import cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT / "tests" / "verification"))

import scottish_official as so  # noqa: E402

from votecount.audit import Audit, PublishedSheet, audit, read_sheet, render_text  # noqa: E402
from votecount.audit.readers import pick_ward, scottish_wards  # noqa: E402

SHEETS = {2017: "official/2017/council17-mulvenna-org.csv", 2022: "official/2022/council.csv"}


@cache
def wards_of(year: int) -> dict[str, PublishedSheet]:
    """Every ward of a year's sheet file, read once (the file holds hundreds of wards)."""
    return scottish_wards(so.DATA_DIR / SHEETS[year])


def sheet_of(entry: so.WardEntry) -> PublishedSheet:
    """The ward's sheet: what ``read_sheet(FILE, ward=CODE)`` gives, from the file read once."""
    if entry.year in SHEETS:
        return pick_ward(wards_of(entry.year), entry.ward_code, SHEETS[entry.year])
    (path,) = (so.DATA_DIR / "official" / "2012").glob(f"*_{entry.ward_code}_ResultsJson.json")
    return read_sheet(path)


def audit_ward(entry: so.WardEntry) -> tuple[str, Audit | str, float]:
    started = time.process_time()
    try:
        found: Audit | str = audit(entry.path(so.DATA_DIR), sheet_of(entry), so.RULE)
    except Exception as exc:  # a ward's own trouble is reported, not raised
        found = f"{type(exc).__name__}: {exc}"
    return entry.name, found, time.process_time() - started


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--ward", help="audit only the wards this names, and print each in full")
    args = parser.parse_args()
    entries = so.select(so.load_index(so.DATA_DIR), args.ward)
    wall = time.perf_counter()
    for year in sorted({e.year for e in entries} & set(SHEETS)):
        wards_of(year)  # read before the workers fork, so each file is parsed once
    if args.jobs <= 1 or len(entries) == 1:
        results = [audit_ward(e) for e in entries]
    else:
        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            results = pool.map(audit_ward, entries, chunksize=8)
    wall = time.perf_counter() - wall
    verdicts: Counter[str] = Counter()
    differing, inconsistent, errors = [], [], []
    compared = rounded = 0
    for name, found, _ in results:
        if isinstance(found, str):
            errors.append((name, found))
            continue
        verdicts[found.verdict] += 1
        compared += found.compared
        rounded += found.rounded
        if args.ward:
            print(render_text(found), "\n")
        if found.verdict != "agree":
            differing.append((name, found))
        if found.inconsistencies:
            inconsistent.append((name, found))
    print(f"wards audited: {len(results)}; " + ", ".join(f"{v}: {n}" for v, n in sorted(verdicts.items())))
    print(f"figures compared: {compared} ({rounded} agree to the places their sheet prints, not to five)")
    print(f"elected set changes: {sum(f.elected_changes for _, f in differing)}")
    print(f"time: {wall:.1f} s wall, {_cpu():.1f} s CPU on {args.jobs} process(es)")
    for name, found in differing:
        print(f"\nDIFFERS {name}: {found.title}")
        print(f"  likely cause: {'; '.join(found.causes) or 'none found'}")
        for d in found.differences[:3]:
            print(f"  {d}")
        if len(found.differences) > 3:
            print(f"  ... {len(found.differences) - 3} more differences")
    for name, found in inconsistent:
        print(f"\nSHEET DISAGREES WITH ITSELF {name}: {found.title}")
        for i in found.inconsistencies:
            print(f"  {i}")
    for name, error in errors:
        print(f"\nERROR {name}: {error}")
    expected = set(so.DOCUMENTED)
    got = {name for name, _ in differing}
    if args.ward is None and (got != expected or errors):
        print(f"\nnot the documented five: extra {sorted(got - expected)}, missing {sorted(expected - got)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
