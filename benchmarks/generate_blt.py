"""Write the reader benchmarks' BLT (and JSON) files (issue 11) into a folder, from a fixed seed.

``pl``: 200,000 ballots drawn Plackett–Luce over 12 candidates (weights 0.8^k), each ranking
cut to a uniformly drawn length 1..12, identical rankings written once as weighted lines.
``lines``: 1,000,000 lines of weight 1 drawn from 400 distinct rankings (the memory test).
``ids``: the same 1,000,000 lines, each with a ballot id.
``lines1m.json`` and ``oneline1m.json``: the same 1,000,000 ballots as a JSON profile, one
record a line as votecount writes it, and on one line with the ballots before the candidates
(as ``json.dumps`` writes a dict built that way).
``lines5m`` (only with ``--large``): 5,000,000 lines of weight 1 over 150 candidates, drawn
from 200,000 distinct rankings (Plackett–Luce, weights 0.97^k, cut to lengths 1..12).

    python benchmarks/generate_blt.py /tmp/blt-bench [--large]
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path


def plackett_luce(rng: random.Random, weights: list[float]) -> list[int]:
    left = list(range(len(weights)))
    order = []
    while left:
        pick = rng.choices(left, [weights[i] for i in left])[0]
        order.append(pick)
        left.remove(pick)
    return order


def write_blt(path: Path, n: int, lines: list[str]) -> None:
    names = "".join(f'"C{i + 1}"\n' for i in range(n))
    path.write_text(f"{n} 1\n" + "".join(lines) + "0\n" + names + '"bench"\n', encoding="utf-8")


def write_json(out: Path, n: int, drawn: list[list[int]]) -> None:
    """``drawn`` as two JSON profiles: each distinct record's text is made once."""
    texts: dict[tuple[int, ...], str] = {}
    for ranking in drawn:
        key = tuple(ranking)
        if key not in texts:
            texts[key] = json.dumps({"ranking": [f"C{c + 1}" for c in ranking], "weight": 1})
    records = [texts[tuple(r)] for r in drawn]
    names = [{"name": f"C{i + 1}", "id": f"C{i + 1}"} for i in range(n)]
    head = {"format": "votecount-profile", "version": 1, "title": "bench", "seats": 1}
    lines = [f" {json.dumps(k)}: {json.dumps(v)},\n" for k, v in head.items()]
    candidates = ",\n".join("  " + json.dumps(c) for c in names)
    body = ",\n".join("  " + t for t in records)
    (out / "lines1m.json").write_text(
        "{\n" + "".join(lines) + f' "candidates": [\n{candidates}\n ],\n "ballots": [\n{body}\n ]\n}}\n',
        encoding="utf-8",
    )
    plain = json.dumps([c["name"] for c in names])
    (out / "oneline1m.json").write_text(
        '{"ballots": [' + ", ".join(records) + f'], "candidates": {plain}, "seats": 1}}', encoding="utf-8"
    )


def large(out: Path, rng: random.Random) -> None:
    """The 5,000,000-line file: a pool of distinct rankings, lines drawn from it in C."""
    n = 150
    strengths = [0.97**k for k in range(n)]
    pool: set[str] = set()
    while len(pool) < 200_000:
        left = list(range(n))
        picked = []
        for _ in range(rng.randint(1, 12)):
            pick = rng.choices(left, [strengths[i] for i in left])[0]
            picked.append(pick)
            left.remove(pick)
        pool.add(" ".join(str(c + 1) for c in picked))
    texts = sorted(pool)
    drawn = rng.choices(texts, k=5_000_000)
    write_blt(out / "lines5m.blt", n, [f"1 {t} 0\n" for t in drawn])
    print("5,000,000 lines over 150 candidates in lines5m.blt")


def main(folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)
    weights = [0.8**k for k in range(12)]
    counts: Counter[tuple[int, ...]] = Counter()
    for _ in range(200_000):
        order = plackett_luce(rng, weights)
        counts[tuple(order[: rng.randint(1, 12)])] += 1
    rows = [f"{w} {' '.join(str(c + 1) for c in r)} 0\n" for r, w in sorted(counts.items())]
    write_blt(out / "pl200k.blt", 12, rows)
    pool = [plackett_luce(rng, weights)[: rng.randint(1, 12)] for _ in range(400)]
    texts = [" ".join(str(c + 1) for c in r) for r in pool]
    picks = [rng.randrange(len(texts)) for _ in range(1_000_000)]
    drawn = [texts[i] for i in picks]
    write_blt(out / "lines1m.blt", 12, [f"1 {t} 0\n" for t in drawn])
    write_blt(out / "ids1m.blt", 12, [f"(b{i}) 1 {t} 0\n" for i, t in enumerate(drawn)])
    write_json(out, 12, [pool[i] for i in picks])
    print(
        f"{len(rows)} weighted lines in pl200k.blt; 1,000,000 lines in lines1m.blt and ids1m.blt; "
        "1,000,000 ballots in lines1m.json and oneline1m.json"
    )


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--large"]
    main(args[0] if args else "blt-bench")
    if "--large" in sys.argv:
        large(Path(args[0] if args else "blt-bench"), random.Random(150))
