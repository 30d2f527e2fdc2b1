"""How long the ballot generators take to make a million-voter profile.

    python benchmarks/bench_generate.py            # 1,000,000 voters, 10 candidates
    python benchmarks/bench_generate.py --voters 200000 --candidates 12 --repeat 3

Prints, for each model and ballot-length model, the best wall-clock and CPU times of
``--repeat`` runs (CPU time is the fairer figure on a busy machine), the number of distinct
ballots, and the time to write the profile as BLT into a
temporary folder (nothing is kept).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from votecount import Profile
from votecount.generate import (
    Bloc,
    Lengths,
    candidate_names,
    impartial_culture,
    plackett_luce,
    popularity,
    slate_model,
    spatial_model,
)


def models(n: int, voters: int) -> dict[str, Callable[[Lengths, str], Profile]]:
    names = candidate_names(n)
    half = n // 2
    blocs = [Bloc(0.55, names[:half], cohesion=8.0), Bloc(0.45, names[half:], cohesion=8.0)]
    return {
        "impartial culture": lambda lengths, kind: impartial_culture(
            n,
            voters,
            seed=1,
            lengths=lengths,
            ballots=kind,  # type: ignore[arg-type]
        ),
        "Plackett–Luce (Zipf)": lambda lengths, kind: plackett_luce(
            n,
            voters,
            popularity(n),
            seed=1,
            lengths=lengths,
            ballots=kind,  # type: ignore[arg-type]
        ),
        "slates (2 blocs)": lambda lengths, kind: slate_model(
            n,
            voters,
            blocs,
            seed=1,
            lengths=lengths,
            ballots=kind,  # type: ignore[arg-type]
        ),
        "1-D spatial": lambda lengths, kind: spatial_model(
            n,
            voters,
            [i / n for i in range(n)],
            seed=1,
            lengths=lengths,
            ballots=kind,  # type: ignore[arg-type]
        ),
    }


def best_of(repeat: int, make: Callable[[], Profile]) -> tuple[float, float, Profile]:
    wall, cpu, profile = float("inf"), float("inf"), None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        profile = make()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    assert profile is not None
    return wall, cpu, profile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=1_000_000)
    parser.add_argument("--candidates", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-write", action="store_true", help="skip timing the BLT writer")
    args = parser.parse_args()

    try:
        from votecount.formats import write
    except ImportError:  # the formats module is not there: time generation only
        write = None
    lengths_models = [("scottish", Lengths.scottish()), ("full", Lengths.full())]
    print(f"{args.voters:,} voters, {args.candidates} candidates, best of {args.repeat}")
    header = f"{'model':24} {'lengths':10} {'ballots':9} {'wall s':>7} {'cpu s':>6} {'distinct':>10}"
    print(f"{header} {'write BLT':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for name, make in models(args.candidates, args.voters).items():
            for label, lengths in lengths_models:
                kinds = ("ranked", "plurality") if label == "full" else ("ranked",)
                for kind in kinds:
                    one = Lengths.exactly(1) if kind == "plurality" else lengths
                    seconds, cpu, profile = best_of(args.repeat, lambda m=make, x=one, k=kind: m(x, k))
                    assert profile.total_weight == args.voters
                    written = ""
                    if write is not None and not args.no_write and kind == "ranked":
                        start = time.perf_counter()
                        write(profile, Path(folder) / "bench.blt")
                        written = f"{time.perf_counter() - start:.2f}"
                    shown = label if kind == "ranked" else "1 cross"
                    print(
                        f"{name:24} {shown:10} {kind:9} {seconds:7.2f} {cpu:6.2f} "
                        f"{profile.unique_ballots:10,} {written:>10}",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
