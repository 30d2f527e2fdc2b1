"""The margins docs/audit.md shows: Labour's preferential and block counts, and a sample of
Scottish wards.

    python benchmarks/margins.py            # every figure, with the CPU time of each
    python benchmarks/margins.py stv        # only the Scottish STV wards (or: labour, irv, wide)
    python benchmarks/margins.py wide --solver exact   # the IRV ones with the pure solver
    python benchmarks/margins.py every [--limit 300] [--jobs 2]   # every ward of 10-14

``wide`` is the wards of 10 to 14 candidates counted as one IRV seat (docs/margins.md),
with the candidates, distinct ballots, margin, partial and complete orders solved and CPU
time of each. ``every`` is the same for every Scottish ward of 10 to 14 candidates, each
in a process of its own with a limit on its CPU time.

Labour's deputy leadership ballots were not published: the profiles are the ones
tests/verification/test_labour_preferential.py builds to reproduce every published round
(later preferences exhaust), so their margins are those of that construction. The 2010
leadership uses the real ballots of the 266 MPs (PrefLib). The NPF 2012 block count uses
papers generated to give the published totals (tests/verification/test_labour_nec.py).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(PROJECT_ROOT / "tests"), str(PROJECT_ROOT / "tests" / "verification")]

import scottish_official as so  # noqa: E402
import test_labour_nec as nec  # noqa: E402
import test_labour_preferential as lp  # noqa: E402

import votecount  # noqa: E402
from votecount.margin import Margins, margin  # noqa: E402
from votecount.margin.irv import ballots_of, irv_margin  # noqa: E402

SCOTTISH_STV = [
    "aberdeen_2017_ward11",
    "glasgow_2017_ward1",
    "midlothian_2017_ward1",
    "edinburgh_2022_ward2",
    "south_ayrshire_2022_ward3",
    "aberdeen_2022_ward11",
]
SCOTTISH_IRV = [
    "aberdeen_2017_ward11",
    "aberdeen_2022_ward11",
    "aberdeen_2017_ward10",
    "aberdeen_2017_ward13",
]
SCOTTISH_WIDE = [
    "glasgow_2012_ward5",  # 14 candidates
    "glasgow_2012_ward11",  # 13
    "glasgow_2007_eastcentre",  # 13
    "edinburgh_2022_ward12",  # 12
    "north_ayrshire_2022_north_coast",  # 12
    "north_lanarkshire_2017_ward19",  # 12
    "glasgow_2012_ward10",  # 11
    "orkney_2012_ward2",  # 11
    "renfrewshire_2022_ward4",  # 11
    "south_lanarkshire_2012_ward15",  # 10
    "highland_2017_ward18",  # 10
]


def show(label: str, found: Margins, seconds: float) -> None:
    print(f"\n{label} ({found.rule}, {found.ballots} ballots): margin {found.margin}; {seconds:.2f} s CPU")
    for seat in found.seats:
        size = f"{seat.lower}" if seat.exact else f"{seat.lower} to {seat.upper}"
        print(f"  {seat.candidate}: {size}; {seat.how}")
        for old, new, n in seat.changes[:3]:
            print(f"    change {n} x [{', '.join(old)}] -> [{', '.join(new)}]")
        print(f"    then elected: {', '.join(seat.new_winners)}")


SOLVER = sys.argv[sys.argv.index("--solver") + 1] if "--solver" in sys.argv else "auto"


def timed(label: str, profile: votecount.Profile, rule: str, **options: object) -> None:
    started = time.process_time()
    if rule == "irv":
        options["solver"] = SOLVER
    found = margin(profile, rule, **options)  # type: ignore[arg-type]
    show(label, found, time.process_time() - started)


def wide(name: str, profile: votecount.Profile) -> None:
    """One row of docs/margins.md's table: the search's own figures."""
    winner = profile.candidates.index(votecount.count(profile, "irv", seats=1).elected[0])
    started = time.process_time()
    found = irv_margin(profile, winner, SOLVER)
    seconds = time.process_time() - started
    print(
        f"| {name} | {len(profile.candidates)} | {len(ballots_of(profile)):,} | {found.margin:,} | "
        f"{found.tails_solved:,} | {found.orders_tried:,} | {seconds:.1f} s |",
        flush=True,
    )


BLT = so.DATA_DIR / "blt"


def one(path: str) -> None:
    """One row of the table for the ward in ``path`` (run by :func:`every`, one process each)."""
    wide(Path(path).stem, votecount.read(path))


def every(limit: int, jobs: int) -> None:
    """Every Scottish ward of 10 to 14 candidates, each in a process of its own given
    ``limit`` seconds of CPU (a ward that needs more is listed as such), ``jobs`` at a time."""
    paths = sorted(BLT.glob("1[0-4]_cands/*.blt"), key=lambda p: (p.parent.name, p.stem))

    def run(path: Path) -> str:
        def cap() -> None:
            resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 5))

        done = subprocess.run(
            [sys.executable, __file__, "one", str(path), "--solver", SOLVER],
            capture_output=True,
            text=True,
            preexec_fn=cap,
            check=False,
        )
        row = done.stdout.strip().splitlines()[-1:] if done.returncode == 0 else []
        return row[0] if row else f"| {path.stem} | {path.parent.name[:2]} | | over {limit} s of CPU | | | |"

    print("| ward | candidates | distinct ballots | margin | partial orders | complete orders | CPU |")
    with ThreadPoolExecutor(jobs) as pool:
        for row in pool.map(run, paths):
            print(row, flush=True)


def option(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def main() -> None:
    if sys.argv[1:2] == ["one"]:
        one(sys.argv[2])
        return
    if sys.argv[1:2] == ["every"]:
        every(option("--limit", 300), option("--jobs", 2))
        return
    parts = {a for a in sys.argv[1:] if a in {"labour", "irv", "stv", "wide"}} or {
        "labour",
        "irv",
        "stv",
        "wide",
    }
    if "labour" in parts:
        labour()
    entries = {e.name: e for e in so.load_index(so.DATA_DIR)}
    for name in SCOTTISH_IRV if "irv" in parts else ():
        profile = votecount.read(entries[name].path(so.DATA_DIR))
        timed(f"{entries[name].label} counted as one seat by IRV", profile, "irv", seats=1)
    if "wide" in parts:
        print("\n| ward | candidates | distinct ballots | margin | partial orders | complete orders | CPU |")
    for name in SCOTTISH_WIDE if "wide" in parts else ():
        wide(name, votecount.read(entries[name].path(so.DATA_DIR)))
    for name in SCOTTISH_STV if "stv" in parts else ():
        profile = votecount.read(entries[name].path(so.DATA_DIR))
        timed(entries[name].label, profile, "scottish-stv")


def labour() -> None:
    timed("Labour deputy leadership 2015 (constructed)", lp.deputy_2015_profile(), "irv")
    timed("Labour deputy leadership 2020 (constructed)", lp.deputy_2020_profile(), "irv")
    timed("Labour leadership 2010, MPs' ballots", lp.mps_2010(), "irv")
    npf = nec.profile_from_papers(nec.NPF_2012_EAST_MIDLANDS, 4)
    timed("NPF 2012 East Midlands, block vote", npf, "block", seats=4)
    timed(
        "NPF 2012 East Midlands, block vote, at least 2 women",
        npf,
        "block",
        seats=4,
        constraints=nec.women(2),
    )


if __name__ == "__main__":
    main()
