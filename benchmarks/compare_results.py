"""Save every count's printed result, and later check that a change left each byte alone.

    python benchmarks/compare_results.py save DIR       # before a change that must not alter results
    python benchmarks/compare_results.py compare DIR    # after it: exit 1 on any difference

What is saved, one file per count and format (JSON result, and the text, Markdown, HTML
and CSV sheets):

- every Scottish council ward with an official result in ../shared/data/scottish/, counted
  by ``scottish-stv``;
- the bundled example and every file of Droop's test ballots, under every rule that
  counts ranked ballots (lot drawn from seed 2026 where a tie needs it);
- every election the test suite counts through ``votecount.count``: the suite is run with
  a plugin (this module) that records each call, keyed by a digest of its ballots, rule and
  options, so that the order in which tests run does not matter.

A count that raises is saved as its error message, so a change in what fails is caught
too. Nothing here is committed: DIR is yours (for instance a temporary folder).
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import hashlib
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA = PROJECT_ROOT.parent / "shared" / "data"
SHEET_FORMATS = ("text", "markdown", "html", "csv")
RECORD_ENV = "VOTECOUNT_RECORD_RESULTS"
PLUGIN_ARGS = ("-p", "compare_results", "-p", "no:cacheprovider")
_PLACES = (
    (re.compile(r"/tmp/pytest-of-[^/]+/pytest-\d+/"), "<tmp>/"),
    (re.compile(re.escape(str(DATA.resolve()))), "<shared-data>"),
    (re.compile(re.escape(str(DATA))), "<shared-data>"),
    (re.compile(re.escape(str(PROJECT_ROOT))), "<checkout>"),
)


def _placeless(text: str) -> str:
    """``text`` with the paths that differ between checkouts and runs (the checkout, the
    shared data, pytest's temporary folders) replaced by placeholders: where a file was read
    from is not part of its count."""
    for pattern, placeholder in _PLACES:
        text = pattern.sub(placeholder, text)
    return text


def _render_all(result: Any) -> dict[str, str]:
    from votecount.formats.jsonio import result_to_json
    from votecount.report.sheet import render

    out = {"json": result_to_json(result)}
    for fmt in SHEET_FORMATS:
        out[fmt] = render(result, fmt)
    return {fmt: _placeless(text) for fmt, text in out.items()}


def _write(folder: Path, key: str, outputs: dict[str, str]) -> None:
    for fmt, text in outputs.items():
        target = folder / f"{key}.{fmt}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _count_file(job: tuple[str, str, str, int | None]) -> tuple[str, dict[str, str]]:
    """Count one file under one rule; an error is kept as the output."""
    import votecount

    key, path, rule, seed = job
    try:
        profile = votecount.read(path)
        result = votecount.count(profile, rule, seed=seed)
        return key, _render_all(result)
    except Exception as exc:
        return key, {"error": _placeless(f"{type(exc).__name__}: {exc}\n")}


def _ranked_rules() -> list[str]:
    from votecount.rules import RULES

    return sorted(name for name, spec in RULES.items() if spec.ballots in ("ranked", "either"))


def _jobs() -> Iterator[tuple[str, str, str, int | None]]:
    index = DATA / "scottish" / "index.csv"
    if index.exists():
        with index.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row["official_elected"].strip():
                    blt = DATA / "scottish" / row["ballot_file"]
                    yield f"scottish/{blt.stem}", str(blt), "scottish-stv", None
    from votecount.examples import path as example_path

    files = [Path(example_path())]
    droop = DATA / "droop" / "test" / "blt"
    if droop.exists():
        files += sorted(droop.glob("*.blt"))
    for rule in _ranked_rules():
        for f in files:
            yield f"files/{rule}/{f.stem}", str(f), rule, 2026


def save_corpus(folder: Path, processes: int) -> int:
    jobs = list(_jobs())
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for key, outputs in pool.imap_unordered(_count_file, jobs, chunksize=4):
            _write(folder, key, outputs)
    return len(jobs)


def save_tests(folder: Path) -> int:
    """Run the default test suite with this module as a plugin that records every count."""
    env = dict(os.environ, **{RECORD_ENV: str(folder / "tests")})
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parent), env.get("PYTHONPATH", "")])
    env.setdefault("HYPOTHESIS_PROFILE", "ci")
    code = subprocess.call(
        [sys.executable, "-m", "pytest", "-q", "-x", "-n", "0", *PLUGIN_ARGS],
        cwd=PROJECT_ROOT,
        env=env,
    )
    if code != 0:
        raise SystemExit(f"the test suite failed (exit {code}); results not saved")
    return len(list((folder / "tests").glob("*.json")))


def save(folder: Path, processes: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    n = save_corpus(folder, processes)
    t = save_tests(folder)
    print(f"saved {n} corpus counts and {t} counts from the test suite in {folder}")


def compare(saved: Path, processes: int, keep: Path | None = None) -> int:
    with tempfile.TemporaryDirectory(prefix="votecount-results-") as tmp:
        fresh = keep if keep is not None else Path(tmp)
        save(fresh, processes)
        before = {p.relative_to(saved) for p in saved.rglob("*") if p.is_file()}
        after = {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()}
        # The test suite's counts are keyed by their input: a test whose generated input
        # changed records another key, which is listed but is not a difference in output.
        gone = sorted(p for p in before - after if p.parts[0] != "tests")
        new = sorted(p for p in after - before if p.parts[0] != "tests")
        common = sorted(before & after)
        changed = [p for p in common if not filecmp.cmp(saved / p, fresh / p, shallow=False)]
        tests_only = len([p for p in (before ^ after) if p.parts[0] == "tests"])
        print(f"{len(common)} outputs compared byte for byte, {len(changed)} differ")
        if tests_only:
            print(f"({tests_only} test-suite outputs present on one side only: their inputs changed)")
        for label, paths in (("changed", changed), ("missing now", gone), ("new", new)):
            for p in paths[:50]:
                print(f"  {label}: {p}")
        return 1 if changed or gone or new else 0


# -- the pytest plugin (loaded with ``-p compare_results``) ----------------------------------


def _digest_text(profile: Any, rule: str, kwargs: dict[str, Any]) -> str:
    from votecount.formats.jsonio import dumps_json

    try:
        ballots = dumps_json(profile)
    except Exception:
        ballots = repr(profile)
    described = {k: getattr(v, "describe", lambda v=v: repr(v))() for k, v in sorted(kwargs.items())}
    return _placeless(f"{ballots}\n{rule}\n{described!r}")


def pytest_configure(config: Any) -> None:
    folder = os.environ.get(RECORD_ENV)
    if not folder:
        return
    from hypothesis import settings

    import votecount
    import votecount.api

    # the same examples on every run, so that a test's counts have the same keys
    settings.register_profile("record", settings.get_profile("ci"), derandomize=True, database=None)
    settings.load_profile("record")
    original = votecount.api.count
    target = Path(folder)

    def recording_count(profile: Any, rule: str, **kwargs: Any) -> Any:
        given = _digest_text(profile, rule, kwargs)
        key = hashlib.sha256(given.encode("utf-8")).hexdigest()[:24]
        _write(target, key, {"input": given})
        try:
            result = original(profile, rule, **kwargs)
        except Exception as exc:
            _write(target, key, {"error": _placeless(f"{type(exc).__name__}: {exc}\n")})
            raise
        try:
            _write(target, key, _render_all(result))
        except Exception as exc:
            _write(target, key, {"error": f"printing: {type(exc).__name__}: {exc}\n"})
        return result

    votecount.api.count = recording_count  # type: ignore[assignment]
    votecount.count = recording_count  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="with compare: save the fresh outputs here, to inspect")
    args = parser.parse_args(argv)
    # The text sheet fits the terminal it is printed to: save and compare at one width.
    os.environ["COLUMNS"] = "100"
    if args.action == "save":
        save(args.folder, args.jobs)
        return 0
    return compare(args.folder, args.jobs, args.keep)


if __name__ == "__main__":
    sys.exit(main())
