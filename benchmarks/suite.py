"""The benchmark suite: votecount and the other Python counters, side by side, on the same
seeded ballots, with each count set against the floor.

    python benchmarks/suite.py --quick                 # a smoke run: small electorates, 1 run
    python benchmarks/suite.py                         # the eight workloads, 5 alternating runs
    python benchmarks/suite.py --only irv-200k,meek --peers benchmarks/.venv-peers/bin/python
    python benchmarks/suite.py --droop ~/src/droop     # Droop too, from a checkout of it

A plain runner rather than pytest-benchmark: each run is a process of its own (worker.py),
so that the whole process (start, read, count, JSON out) and its peak memory are measured
by the operating system, and the peers run in their own environment's Python, which
pytest-benchmark, timing functions inside one interpreter, cannot do.

For each workload (workloads.py, generated into a temporary folder from fixed seeds) and
rule, the counters run in turn, ``--runs`` times round (alternating, so that a busy spell
of a shared machine falls on all of them); the table gives medians of CPU time (user +
system) for the count alone and for the whole process (votecount's less the floor it works
out for the table, which no peer does), the median peak memory, the count as a multiple of
the floor (one pass adding first preferences over the grouped ballots),
and whether the winners agree with votecount's, with a note wherever a peer's rule differs.
Then the scaling picture: IRV's count CPU per distinct ballot from 125,000 to 2,000,000
ballots. ``--markdown FILE`` writes the tables for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import generators
import votecount
from machine import cpu_model
from peers import ADAPTERS, DROOP_RULES, PEERS, RULES
from worker import DROOP_ENV
from workloads import WORKLOADS, Workload, make_profile

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
DEFAULT_PEERS = HERE / ".venv-peers" / "bin" / "python"
SCALING = (125_000, 250_000, 500_000, 1_000_000, 2_000_000)


@dataclass
class Runs:
    """The runs of one counter on one count."""

    tool: str
    count: list[float]
    whole: list[float]
    peak_mib: list[float]
    floor: list[float]
    read: list[float]
    winners: list[list[str]] | None = None
    failed: str = ""


def run_once(python: str, tool: str, rule: str, file: Path, seats: int, constraints: tuple[str, ...],
             droop: Path | None) -> tuple[dict[str, object], float, float]:
    """One run in its own process: what it printed, its CPU time and its peak memory (MiB)."""
    env = dict(os.environ, PYTHONPATH=str(SRC))
    if droop is not None:
        env[DROOP_ENV] = str(droop)
    cmd = [python, str(HERE / "worker.py"), tool, rule, str(file), str(seats), *constraints]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=HERE)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text, problem = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        lines = problem.strip().splitlines() or ["no output"]
        return {"error": lines[-1][:160]}, 0.0, 0.0
    return json.loads(text.strip().splitlines()[-1]), usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def write_apart(w: Workload, folder: Path, scale: float) -> tuple[Path, int, int, float, float]:
    """:func:`workloads.write_workload` in a process of its own: the suite stays small, and a
    worker's peak memory (which on Linux counts from the process that started it) is its own."""
    env = dict(os.environ, PYTHONPATH=str(SRC))
    cmd = [sys.executable, str(HERE / "workloads.py"), w.key, str(folder), str(scale)]
    out = subprocess.run(cmd, env=env, cwd=HERE, check=True, capture_output=True, text=True).stdout
    path, papers, unique, made, written = json.loads(out.strip().splitlines()[-1])
    return Path(path), papers, unique, made, written


@cache
def votecount_python(peers_python: str | None) -> str:
    """The Python votecount runs with: the peers' own, where it has attrs (votecount's one
    dependency: ``peers-requirements.txt`` installs it), so that every counter starts the same
    interpreter with the same site; else the suite's. A base interpreter's site can cost what
    a venv's does not (on the project's machine, a ``.pth`` file of the sandbox imports
    certifi at every start: about 30 ms of CPU that the peers, in their venv, never paid)."""
    if peers_python:
        probe = subprocess.run([peers_python, "-c", "import attrs"], capture_output=True, check=False)
        if probe.returncode == 0:
            return peers_python
    return sys.executable


def counters_for(
    rule: str, constrained: bool, peers_python: str | None, droop: Path | None, skip: set[str]
) -> list[tuple[str, str]]:
    """(tool, Python to run it with) for a rule: votecount, then the peers that count it."""
    tools = [("votecount", votecount_python(peers_python))]
    if constrained:
        return tools  # no peer counts seat constraints
    if peers_python:
        tools += [(p, peers_python) for p in PEERS if (p, rule) in RULES and p in ADAPTERS and p not in skip]
    if droop is not None and rule in DROOP_RULES:
        tools.append(("droop", sys.executable))
    return tools


def measure(w: Workload, rule: str, file: Path, constraints: tuple[str, ...], runs: int,
            peers_python: str | None, droop: Path | None, skip: set[str]) -> list[Runs]:
    tools = counters_for(rule, bool(constraints), peers_python, droop, skip)
    results = {t: Runs(t, [], [], [], [], []) for t, _ in tools}
    for _ in range(runs):
        for tool, python in tools:  # alternate the counters, run after run
            r = results[tool]
            if r.failed:
                continue
            out, cpu, peak = run_once(python, tool, rule, file, w.seats, constraints, droop)
            if "error" in out:
                r.failed = str(out["error"])
                continue
            r.count.append(float(out["count"]))  # type: ignore[arg-type]
            # The floor is the benchmark's own yardstick, not part of reading, counting or
            # writing: votecount's process works it out, so its time is taken off the whole.
            r.whole.append(cpu - float(out.get("floor") or 0.0))  # type: ignore[arg-type]
            r.peak_mib.append(peak)
            if out.get("read") is not None:
                r.read.append(float(out["read"]))  # type: ignore[arg-type]
            if out.get("floor") is not None:
                r.floor.append(float(out["floor"]))  # type: ignore[arg-type]
            r.winners = out["winners"]  # type: ignore[assignment]
    return list(results.values())


def agreement(mine: list[list[str]] | None, theirs: list[list[str]] | None) -> str:
    if mine is None or theirs is None:
        return ""
    same = sum(sorted(a) == sorted(b) for a, b in zip(mine, theirs, strict=False))
    if len(mine) == 1:
        return "yes" if same else "no"
    return f"{same}/{len(mine)}"


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def rows_for(label: str, rule: str, runs: list[Runs]) -> list[str]:
    """Markdown rows: one per counter."""
    mine = runs[0]
    floor = median(mine.floor)
    out = []
    for r in runs:
        if r.failed:
            out.append(f"| {label} | {rule} | {r.tool} | failed: {r.failed} | | | | | | |")
            continue
        count, whole = median(r.count), median(r.whole)
        times_floor = f"{count / floor:.1f}×" if r is mine and floor > 0 else ""
        vs = "" if r is mine else f"{count / median(mine.count):.2f} / {whole / median(mine.whole):.2f}"
        note = "" if r is mine else RULES.get((r.tool, rule), "Droop" if r.tool == "droop" else "")
        agree = "" if r is mine else agreement(mine.winners, r.winners)
        out.append(
            f"| {label} | {rule} | {r.tool} | {median(r.read):.2f} | {count:.3f} | {whole:.2f} | "
            f"{median(r.peak_mib):.0f} | "
            f"{times_floor} | {vs} | {agree} | {note} |"
        )
        label = ""
    return out


TABLE_HEAD = (
    "| workload | rule | counter | read CPU s | count CPU s | whole CPU s | peak MiB | count ÷ floor "
    "| peer ÷ votecount (count / whole) | winners agree | how the peer's rule differs |\n"
    "|---|---|---|---:|---:|---:|---:|---:|---:|---|---|"
)


def scaling(scale: float) -> list[str]:
    """IRV's count CPU per distinct ballot as the electorate grows (workload irv-1m's shape)."""
    shape = next(w for w in WORKLOADS if w.key == "irv-1m")
    rows = ["| ballots | distinct | count CPU s | floor CPU s | µs per distinct ballot | count ÷ floor |",
            "|---:|---:|---:|---:|---:|---:|"]
    for voters in SCALING:
        n = max(1000, int(voters * scale))
        profile = make_profile(shape, n)
        counts, floors = [], []
        for _ in range(3):
            start = time.process_time()
            votecount.count(profile, "irv")
            counts.append(time.process_time() - start)
            start = time.process_time()
            _first_preferences(profile)
            floors.append(time.process_time() - start)
        c, f = statistics.median(counts), statistics.median(floors)
        rows.append(
            f"| {n:,} | {profile.unique_ballots:,} | {c:.3f} | {f:.4f} | "
            f"{c / profile.unique_ballots * 1e6:.2f} | {c / f:.1f}× |"
        )
        print(rows[-1], flush=True)
    return rows


def _first_preferences(profile: votecount.Profile) -> list[object]:
    totals: list[object] = [0] * len(profile.candidates)
    for b in profile.ballots:
        if b.ranking:  # type: ignore[union-attr]
            totals[b.ranking[0]] += b.weight  # type: ignore[union-attr, operator]
    return totals


def compiled_like_an_install() -> None:
    """Byte-compile votecount's modules, as installing a package does, so that its processes
    start as the peers' do (pip compiled theirs when it installed them): run from a fresh
    checkout with ``PYTHONDONTWRITEBYTECODE`` set, every process would otherwise compile
    every module it imports again, about a tenth of a second of CPU in each whole process."""
    compileall.compile_dir(SRC, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="electorates 1/50 the size, one run, no Senate")
    parser.add_argument("--runs", type=int, help="alternating runs per counter (default 5; --quick 1)")
    parser.add_argument("--only", help="workloads to run, by key, comma-separated: " +
                        ", ".join(w.key for w in WORKLOADS))
    parser.add_argument(
        "--peers", help=f"the peers' Python (default {DEFAULT_PEERS.relative_to(HERE.parent)}, if it exists; "
        "'none': votecount alone)"
    )
    parser.add_argument("--skip", default="", help="peers to leave out, comma-separated (e.g. votekit)")
    parser.add_argument("--droop", type=Path, help="a checkout of Droop, to count with it too")
    parser.add_argument("--no-scaling", action="store_true", help="skip the scaling picture")
    parser.add_argument(
        "--generators", action="store_true",
        help="time every generator model on 1,000,000 voters, 10 candidates (1/50 with --quick) and stop",
    )
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    args = parser.parse_args()
    scale = 0.02 if args.quick else 1.0
    runs = args.runs or (1 if args.quick else 5)
    peers_python = args.peers or (str(DEFAULT_PEERS) if DEFAULT_PEERS.exists() else None)
    if args.peers == "none":
        peers_python = None
    chosen = [w for w in WORKLOADS if not args.only or w.key in args.only.split(",")]
    if args.quick and not args.only:
        chosen = [w for w in chosen if w.key != "senate"]
    mine = votecount_python(peers_python)
    where = "the peers' environment" if mine != sys.executable else "the suite's own Python"
    header = (f"votecount {votecount.__version__}; Python {platform.python_version()}; {cpu_model()}; "
              f"{os.cpu_count()} cores; {runs} run(s) each, medians of CPU time; votecount run in {where}")
    print(header)
    if args.generators:
        generators.table(int(1_000_000 * scale), 10)
        return
    lines = [header, "", TABLE_HEAD]
    compiled_like_an_install()
    with tempfile.TemporaryDirectory(prefix="votecount-bench-") as tmp:
        for w in chosen:
            file, papers, unique, made, written = write_apart(w, Path(tmp), scale)
            what = f"{papers} files" if w.corpus else f"{papers:,} papers, {unique:,} distinct"
            print(f"\n{w.title}: {what} (generated in {made:.1f} s of CPU, written in {written:.1f} s)",
                  flush=True)
            variants = [(), w.constraints] if w.both_ways else [w.constraints]
            for constraints in variants:
                for rule in w.rules:
                    label = w.key + (f" + {', '.join(constraints)}" if constraints else "")
                    runs_of = measure(w, rule, file, constraints, runs, peers_python, args.droop,
                                      set(args.skip.split(",")))
                    rows = rows_for(label, rule, runs_of)
                    print("\n".join(rows), flush=True)
                    lines += rows
    if not args.no_scaling:  # last: it generates its profiles in this process
        print("\nScaling: IRV, 20 candidates")
        lines += ["", *scaling(scale)]
    if args.markdown:
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
