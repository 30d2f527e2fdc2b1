"""Coverage-guided fuzzing of one votecount reader with atheris (libFuzzer for Python).

    pip install -e '.[fuzz,cvr,spreadsheet]'
    PYTHONPATH=src python fuzz/run.py blt --seconds 600
    PYTHONPATH=src python fuzz/run.py dominion --cpu-seconds 600

Targets: blt, csv, soi, toi, json (profiles), result (JSON results), toml (constraint files);
xlsx, ods (ballot spreadsheets); ess, dominion, dominion-multi, hart, clearballot,
generic-csv, cdf-json, nist-xml, unisyn (US cast-vote records, read with one of RCTab's test
configurations from ../shared/data/rctab; see ``cvr_targets.py`` for how each lays the
fuzzer's bytes out as files, a Dominion export as its manifest and CVR JSON files).

``--seconds N`` fuzzes for N seconds of wall time; ``--cpu-seconds N`` until the workers have
spent N seconds of CPU, however long that takes on a shared machine (with ``--seconds`` too,
no longer than that wall time); the worker runs in spans
of at most the CPU time still wanted, as wall time is never less than CPU time, and the
runner starts the next span from the grown corpus until the CPU time is spent. Both are
reported at the end.

The seeds (see ``targets.py``) are copied into a fresh temporary corpus folder on every run;
nothing the fuzzer makes is kept in the repository. Findings go to ``--out`` (default: a new
temporary folder, printed at the end) as ``finding-N.bin`` (the input, minimised by the runner
at the end of the run; the whole input is kept as ``finding-N.full.bin``) and
``finding-N.txt`` (the exception and the votecount line it came from), with ``summary.json``.

What counts as a finding: an exception that is not a ``VotecountError`` (recorded, the run
going on, so one run lists every distinct crash, keyed by exception type and the
innermost votecount line); a read taking over ``--slow`` seconds (2 by default); and, as
libFuzzer reports them and stops the worker, a read over ``--hang`` seconds (10) or over
``--rss-mb`` MiB of memory (2048). The runner then restarts the worker on the grown corpus
until the time is spent, so the figures it prints cover the whole run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
STATUS = re.compile(r"^#(\d+)\s+\S+\s+cov: (\d+) ft: (\d+)", re.MULTILINE)
EXECUTED = re.compile(r"stat::number_of_executed_units: (\d+)")


def _where(exc: BaseException) -> str:
    """The innermost votecount line of ``exc``'s traceback (or the innermost line at all)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f"{os.sep}votecount{os.sep}" in f.filename] or frames
    frame = ours[-1]
    tail = frame.filename.split(f"{os.sep}src{os.sep}")[-1]
    return f"{tail}:{frame.lineno}"


def _signature(read: Callable[[bytes], Any], data: bytes, expected: type[BaseException]) -> str | None:
    """``type@file:line`` of the non-votecount exception reading ``data`` raises, else None."""
    try:
        read(data)
    except expected:
        return None
    except Exception as exc:
        return f"{type(exc).__name__}@{_where(exc)}"
    return None


def never_started(returncode: int, stderr: str) -> bool:
    """Whether a worker stopped before libFuzzer ran a single input (a target whose data is
    missing, a reader that fails to import): its log has no status line and no final count.
    Restarting it would spin on start-ups that do no fuzzing, counted as the run's CPU time."""
    return returncode != 0 and not STATUS.search(stderr) and not EXECUTED.search(stderr)


def last_words(stderr: str) -> str:
    """The last line a worker wrote (its reason for stopping)."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    return lines[-1] if lines else "(nothing)"


def minimise(read: Callable[[bytes], Any], data: bytes, expected: type[BaseException]) -> bytes:
    """The shortest input found by deleting chunks (halving in size) that keeps the same crash."""
    want = _signature(read, data, expected)
    chunk = max(1, len(data) // 2)
    while chunk >= 1:
        at = 0
        while at < len(data):
            trial = data[:at] + data[at + chunk :]
            if _signature(read, trial, expected) == want:
                data = trial
            else:
                at += chunk
        chunk //= 2
    return data


def minimise_findings(out: Path, read: Callable[[bytes], Any]) -> None:
    """Minimise each crash the workers recorded in ``out`` (``finding-N.bin``, kept whole as
    ``finding-N.full.bin``). This is done here, after the run, rather than in the worker, where
    the minimiser's reads would count against libFuzzer's time limit for one input."""
    from votecount.errors import VotecountError

    for text in sorted(out.glob("finding-*.txt")):
        binary, full = text.with_suffix(".bin"), text.with_suffix(".full.bin")
        if text.read_text().startswith("slow@") or full.exists():
            continue
        data = binary.read_bytes()
        small = minimise(read, data, VotecountError)
        full.write_bytes(data)
        binary.write_bytes(small)
        text.write_text(text.read_text() + f"minimised: {small!r}\n")


def worker(target: str, out: Path, slow: float, fuzzer_args: list[str]) -> None:
    """Run libFuzzer in this process on ``target``, recording findings into ``out``."""
    import atheris

    sys.path.insert(0, str(HERE))
    import targets

    # votecount must first be imported here, under the import hook, for its code to report coverage.
    with atheris.instrument_imports(include=["votecount"]):
        from votecount.errors import VotecountError

        read = targets.reader(target)
        targets.import_readers()
    seen = {p.read_text().splitlines()[0] for p in out.glob("finding-*.txt")}

    def record(kind: str, data: bytes, detail: str) -> None:
        n = len(list(out.glob("finding-*.txt"))) + 1
        (out / f"finding-{n}.bin").write_bytes(data)
        (out / f"finding-{n}.txt").write_text(f"{kind}\n{detail}\ninput: {data!r}\n")
        print(f"\n== finding {n}: {kind}", file=sys.stderr, flush=True)

    def one_input(data: bytes) -> None:
        start = time.process_time()
        try:
            read(data)
        except VotecountError:
            pass
        except Exception as exc:
            kind = f"{type(exc).__name__}@{_where(exc)}"
            if kind not in seen:  # minimised by the runner at the end, not in libFuzzer's timed unit
                seen.add(kind)
                record(kind, data, "".join(traceback.format_exception(exc)))
        spent = time.process_time() - start
        if spent > slow:
            kind = f"slow@{target}:{len(data)}-bytes"
            record(kind, data, f"{spent:.2f} s of CPU for {len(data)} bytes")

    atheris.Setup([sys.argv[0], *fuzzer_args], one_input)
    atheris.Fuzz()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sys.path.insert(0, str(HERE))
    import targets

    parser.add_argument("target", choices=targets.NAMES)
    parser.add_argument("--seconds", type=int, help="how long to fuzz in all, wall time (default 60)")
    parser.add_argument("--cpu-seconds", type=int, help="fuzz until the workers spent this much CPU time")
    parser.add_argument("--out", type=Path, help="where findings go (default: a new temporary folder)")
    parser.add_argument("--max-len", type=int, help="largest input tried, in bytes (default 8192 or more)")
    parser.add_argument("--slow", type=float, default=2.0, help="CPU seconds a read may take")
    parser.add_argument("--hang", type=int, default=10, help="seconds after which libFuzzer stops a read")
    parser.add_argument("--rss-mb", type=int, default=2048, help="memory after which libFuzzer stops")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)  # the corpus, in a worker
    args, rest = parser.parse_known_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix=f"votecount-fuzz-{args.target}-"))
    out.mkdir(parents=True, exist_ok=True)
    if args.worker:
        worker(args.target, out, args.slow, [*rest, str(args.worker)])
        return 0

    max_len = args.max_len or targets.MAX_LEN.get(args.target, 8192)
    corpus = Path(tempfile.mkdtemp(prefix=f"votecount-corpus-{args.target}-"))
    for n, seed in enumerate(targets.seeds(args.target)):
        (corpus / f"seed-{n}").write_bytes(seed)
    executions, coverage, features, restarts = 0, 0, 0, 0
    began, cpu_began = time.monotonic(), os.times()

    def cpu_spent() -> float:
        now = os.times()
        return now.children_user + now.children_system - cpu_began.children_user - cpu_began.children_system

    def left() -> int:
        """The next span's wall seconds: none once the CPU time (or the wall time) is spent."""
        wall = (60 if args.seconds is None else args.seconds) - int(time.monotonic() - began)
        if args.cpu_seconds is None:
            return wall
        wanted = args.cpu_seconds - cpu_spent()
        span = 0 if wanted < 1 else max(30, int(wanted))
        return span if args.seconds is None else min(span, wall)

    spans = 0
    while (span := left()) > 0:
        command = [
            sys.executable,
            __file__,
            args.target,
            "--out",
            str(out),
            "--slow",
            str(args.slow),
            "--worker",
            str(corpus),
            f"-max_total_time={span}",
            f"-max_len={max_len}",
            f"-timeout={args.hang}",
            f"-rss_limit_mb={args.rss_mb}",
            f"-artifact_prefix={out}{os.sep}",
            "-print_final_stats=1",
        ]
        run = subprocess.run(command, stderr=subprocess.PIPE, text=True, errors="replace", check=False)
        (out / f"worker-{spans}.log").write_text(run.stderr)
        spans += 1
        done = EXECUTED.search(run.stderr)
        statuses = STATUS.findall(run.stderr)
        executions += int(done.group(1)) if done else int(statuses[-1][0]) if statuses else 0
        if statuses:
            coverage, features = max(coverage, int(statuses[-1][1])), max(features, int(statuses[-1][2]))
        if never_started(run.returncode, run.stderr):
            why = last_words(run.stderr)
            print(f"the {args.target} worker stopped before fuzzing: {why}", file=sys.stderr)
            return 2
        if run.returncode == 0:
            if args.cpu_seconds is None:
                break
            continue  # a span ended with CPU time still wanted: the next span goes on
        restarts += 1  # libFuzzer stopped on a hang or memory blow-up: go on from the corpus
    minimise_findings(out, targets.reader(args.target))
    summary = {
        "target": args.target,
        "seconds": round(time.monotonic() - began),
        "cpu_seconds": round(cpu_spent()),
        "spans": spans,
        "executions": executions,
        "coverage_edges": coverage,
        "features": features,
        "corpus_files": len(list(corpus.iterdir())),
        "worker_restarts": restarts,
        "findings": [p.read_text().splitlines()[0] for p in sorted(out.glob("finding-*.txt"))],
        "libfuzzer_artifacts": sorted(
            p.name for p in out.iterdir() if p.name.split("-")[0] in ("crash", "timeout", "oom", "slow")
        ),
        "out": str(out),
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=1))
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
