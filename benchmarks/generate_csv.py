"""Write the reader benchmarks' CSV files (issue 11) into a folder, from a fixed seed.

``lines1m.csv``: 1,000,000 rows drawn from 400 distinct rankings over 12 candidates
(Plackett–Luce, weights 0.8^k, cut to a length drawn from 1..12, as ``generate_blt.py``), in the
``preferences`` layout: a header ``1,2,...,12`` and one candidate name a cell.
``form1m.csv``: the same rankings as a form service exports them: a timestamp and an e-mail
address on every row (so that no two lines are alike), then a ranking grid of one column per
candidate, ``Rank the candidates [C1]``..., holding ``1st choice``, ``2nd choice``...

    python benchmarks/generate_csv.py /tmp/csv-bench
    python benchmarks/bench_reader.py /tmp/csv-bench
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

from generate_blt import plackett_luce  # benchmarks/generate_blt.py: the scripts run from this folder

CANDIDATES = 12
ROWS = 1_000_000


def ordinal(k: int) -> str:
    return f"{k}{'st' if k == 1 else 'nd' if k == 2 else 'rd' if k == 3 else 'th'} choice"


def main(folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)
    weights = [0.8**k for k in range(CANDIDATES)]
    pool: list[list[int]] = []
    while len(pool) < 400:  # 400 distinct rankings
        ranking = plackett_luce(rng, weights)[: rng.randint(1, CANDIDATES)]
        if ranking not in pool:
            pool.append(ranking)
    drawn = [rng.choice(pool) for _ in range(ROWS)]
    names = [f"C{i + 1}" for i in range(CANDIDATES)]
    with open(out / "lines1m.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([str(k) for k in range(1, CANDIDATES + 1)])
        writer.writerows([names[c] for c in ranking] for ranking in drawn)
    question = "Rank the candidates in order of preference"
    with open(out / "form1m.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["Timestamp", "Email Address", *(f"{question} [{n}]" for n in names)])
        for k, ranking in enumerate(drawn):
            place = {c: ordinal(r) for r, c in enumerate(ranking, 1)}
            s = k % 86_400
            stamp = f"2026/03/{1 + k // 86_400:02d} {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"
            cells = [place.get(c, "") for c in range(CANDIDATES)]
            writer.writerow([stamp, f"voter{k}@example.org", *cells])
    distinct = len({tuple(r) for r in drawn})
    print(f"{ROWS:,} rows of {distinct} distinct rankings in lines1m.csv and form1m.csv")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "csv-bench")
