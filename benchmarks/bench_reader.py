"""Time reading large generated ballot files (BLT, CSV, JSON, ODS), each in a fresh process:
CPU seconds and peak memory.

    python benchmarks/generate_blt.py /tmp/blt-bench [--large]   # the files, from a fixed seed
    python benchmarks/generate_csv.py /tmp/csv-bench              # CSV and a form export
    python benchmarks/generate_ods.py /tmp/ods-bench              # the CSV's rows as a sheet
    python benchmarks/bench_reader.py /tmp/blt-bench [--repeat 5] [--count irv]

For every ``*.blt``, ``*.csv``, ``*.json`` and ``*.ods`` in the folder, ``votecount.read`` runs
in a new Python process ``--repeat`` times; the median and best CPU time of the read alone (parse, validity
check, grouping) and the process's peak resident memory are printed. With ``--count RULE`` the whole command
``votecount count FILE --rule RULE --format json`` is timed too (CPU of the process, start-up
and imports included). CPU time is the figure to quote on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
from pathlib import Path

from machine import cpu_model  # benchmarks/machine.py: the scripts run from this folder

ROOT = Path(__file__).resolve().parent.parent

READ_ONE = """
import json, resource, sys, time
import votecount
start = time.process_time()
profile = votecount.read(sys.argv[1])
spent = time.process_time() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"cpu": spent, "peak_kib": peak, "papers": str(profile.total_weight),
                  "unique": profile.unique_ballots, "lines": profile.validation.lines}))
"""


def read_once(path: Path) -> dict[str, float]:
    env = {"PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run(
        [sys.executable, "-c", READ_ONE, str(path)], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def count_once(path: Path, rule: str) -> float:
    """CPU seconds of the whole ``votecount count`` process (children's rusage)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "votecount", "count", str(path), "--rule", rule, "--format", "json"],
        check=True,
        stdout=subprocess.DEVNULL,
        env={"PYTHONPATH": str(ROOT / "src")},
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--count", metavar="RULE", help="also time `votecount count FILE --rule RULE`")
    args = parser.parse_args()
    print(f"# {cpu_model()}, Python {platform.python_version()}, {args.repeat} runs each")
    for path in sorted(p for kind in ("blt", "csv", "json", "ods") for p in args.folder.glob(f"*.{kind}")):
        runs = [read_once(path) for _ in range(args.repeat)]
        cpu = [r["cpu"] for r in runs]
        first = runs[0]
        line = (
            f"{path.name}: {first['lines']:,} lines, {first['unique']:,} unique; read CPU median "
            f"{statistics.median(cpu):.2f} s (best {min(cpu):.2f} s), peak "
            f"{max(r['peak_kib'] for r in runs) / 1024:.0f} MiB"
        )
        if args.count:
            whole = [count_once(path, args.count) for _ in range(args.repeat)]
            line += f"; whole `count --rule {args.count}` CPU median {statistics.median(whole):.2f} s"
        print(line, flush=True)


if __name__ == "__main__":
    main()
