"""Time counting under each rule family on generated elections of real sizes.

    python benchmarks/bench_count.py            # every workload
    python benchmarks/bench_count.py --quick    # smaller electorates, for a smoke run

Workloads (generated in memory with votecount.generate, seeded; nothing is written):

- a Labour NEC-sized STV count: 130,000 members, 20 candidates, 9 seats, Plackett-Luce
  strengths with a long tail and Scottish-like ballot lengths;
- a large STV count: 1,000,000 voters, 12 candidates, 4 seats;
- an NEC-sized block vote: 130,000 members marking up to 6 of 15 candidates, 6 seats;
- a large alternative-vote count: 1,000,000 voters, 8 candidates.

Each count is timed as the best of ``--repeat`` runs (the profile is grouped once, before
timing: grouping has its own benchmark, bench_read_and_group.py). Rules not registered in
this version are reported as absent.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable

import votecount
from machine import cpu_model  # benchmarks/machine.py: the scripts run from this folder
from votecount import generate
from votecount.profile import Profile
from votecount.rules import RULES


def _best(repeat: int, run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def workloads(scale: float) -> list[tuple[str, Profile, int, tuple[str, ...]]]:
    nec = generate.plackett_luce(
        20,
        int(130_000 * scale),
        generate.popularity(20, 0.8),
        seed=2020,
        lengths=generate.Lengths.scottish(),
        seats=9,
    )
    large = generate.plackett_luce(
        12,
        int(1_000_000 * scale),
        generate.popularity(12, 1.0),
        seed=12,
        lengths=generate.Lengths.scottish(),
        seats=4,
    )
    block = generate.plackett_luce(
        15,
        int(130_000 * scale),
        generate.popularity(15, 0.6),
        seed=2016,
        lengths=generate.Lengths.up_to(6),
        ballots="plurality",
        seats=6,
    )
    av = generate.plackett_luce(
        8, int(1_000_000 * scale), generate.popularity(8, 0.7), seed=8, lengths=generate.Lengths.scottish()
    )
    stv_rules = (
        "scottish-stv", "ers97", "northern-ireland", "australian-senate", "meek", "nz-meek", "warren",
    )
    return [
        ("NEC-sized STV, 9 seats", nec, 9, stv_rules),
        ("1M-voter STV, 4 seats", large, 4, ("scottish-stv", "ers97", "meek")),
        ("NEC-sized block vote, 6 seats", block, 6, ("block",)),
        ("1M-voter alternative vote", av, 1, ("irv", "supplementary", "contingent")),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a tenth of the electorates")
    parser.add_argument("--repeat", type=int, default=3, help="runs per count; the best is kept")
    args = parser.parse_args()
    print(f"votecount {votecount.__version__}; Python {platform.python_version()}; {cpu_model()}; "
          f"{os.cpu_count()} cores")
    start = time.perf_counter()
    loads = workloads(0.1 if args.quick else 1.0)
    print(f"generated the elections in {time.perf_counter() - start:.1f} s\n")
    print(f"{'workload':32} {'papers':>10} {'unique':>8} {'rule':18} {'seconds':>8} {'rounds':>7}")
    for label, profile, seats, rules in loads:
        for rule in rules:
            if rule not in RULES:
                print(f"{label:32} {'':>10} {'':>8} {rule:18} {'absent':>8}")
                continue
            results: list[votecount.Result] = []

            def run(
                rule: str = rule, profile: Profile = profile, seats: int = seats,
                results: list[votecount.Result] = results,
            ) -> None:
                results.append(votecount.count(profile, rule, seats=seats, seed=1))

            seconds = _best(args.repeat, run)
            rounds = len(results[-1].rounds)
            print(
                f"{label:32} {profile.total_weight:>10,} {profile.unique_ballots:>8,} {rule:18} "
                f"{seconds:>8.3f} {rounds:>7}"
            )


if __name__ == "__main__":
    main()
