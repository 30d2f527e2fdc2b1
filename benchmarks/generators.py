"""How long the ballot generators take to make a million-voter profile (the suite's
``--generators`` section; see suite.py).

For each model and ballot-length model: the best wall-clock and CPU times of ``repeat`` runs
(CPU time is the fairer figure on a busy machine), the number of distinct ballots, and the
time to write the profile as BLT into a temporary folder (nothing is kept).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from votecount import Profile, write
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


def table(voters: int, candidates: int, repeat: int = 1) -> None:
    """Print the table for ``voters`` voters and ``candidates`` candidates."""
    lengths_models = [("scottish", Lengths.scottish()), ("full", Lengths.full())]
    print(f"{voters:,} voters, {candidates} candidates, best of {repeat}")
    header = f"{'model':24} {'lengths':10} {'ballots':9} {'wall s':>7} {'cpu s':>6} {'distinct':>10}"
    print(f"{header} {'write BLT':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for name, make in models(candidates, voters).items():
            for label, lengths in lengths_models:
                kinds = ("ranked", "plurality") if label == "full" else ("ranked",)
                for kind in kinds:
                    one = Lengths.exactly(1) if kind == "plurality" else lengths
                    seconds, cpu, profile = best_of(repeat, lambda m=make, x=one, k=kind: m(x, k))
                    assert profile.total_weight == voters
                    written = ""
                    if kind == "ranked":
                        start = time.perf_counter()
                        write(profile, Path(folder) / "bench.blt")
                        written = f"{time.perf_counter() - start:.2f}"
                    shown = label if kind == "ranked" else "1 cross"
                    print(
                        f"{name:24} {shown:10} {kind:9} {seconds:7.2f} {cpu:6.2f} "
                        f"{profile.unique_ballots:10,} {written:>10}",
                        flush=True,
                    )

