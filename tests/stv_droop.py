"""Helpers for the STV tests: read one of Droop's test BLT files, and pick figures out of
Droop's reference reports (../shared/data/droop/test/)."""

from __future__ import annotations

import shlex
from pathlib import Path

from helpers import shared_path
from votecount.ballots import RankedBallot
from votecount.profile import Profile


def droop_blt(name: str) -> Profile:
    """Droop's ``test/blt/NAME.blt`` as a profile (via votecount.formats when it is there)."""
    path = shared_path("droop", "test", "blt", f"{name}.blt")
    try:
        from votecount.formats import read  # type: ignore[attr-defined]
    except ImportError:
        return _read_simple_blt(path)
    profile: Profile = read(path)
    return profile


def _read_simple_blt(path: Path) -> Profile:
    """Enough BLT for Droop's small test files: counts, withdrawn line, ``=`` rankings."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    n_cands, seats = (int(x) for x in lines[0].split()[:2])
    i, withdrawn, ballots = 1, set(), []
    while True:
        line = lines[i].strip()
        i += 1
        if line.startswith("["):
            continue
        if line.startswith("-"):
            withdrawn |= {int(x[1:]) - 1 for x in line.split()}
            continue
        parts = line.split()
        if parts == ["0"]:
            break
        ranking: list[int | frozenset[int]] = []
        for token in parts[1:-1]:
            if "=" in token:
                ranking.append(frozenset(int(x) - 1 for x in token.split("=")))
            else:
                ranking.append(int(token) - 1)
        ballots.append(RankedBallot(ranking, int(parts[0])))
    names = []
    while len(names) < n_cands:
        names.append(shlex.split(lines[i])[0])
        i += 1
    title = shlex.split(lines[i])[0] if i < len(lines) else ""
    return Profile(names, ballots, seats=seats, withdrawn=withdrawn, title=title)


def droop_final(name: str, rule: str) -> tuple[dict[str, str], str, str]:
    """From Droop's report ``NAME-RULE.txt``: the elected candidates' final votes, the
    non-transferable votes and the residual (lost to fractions), as printed."""
    path = shared_path("droop", "test", "ref", "report", f"{name}-{rule}.txt")
    text = path.read_text(encoding="utf-8")
    block = text[text.rindex("Action: Count Complete") :]
    elected: dict[str, str] = {}
    nontransferable = residual = ""
    for line in block.splitlines():
        line = line.strip()
        if line.startswith("Elected:"):
            cand, votes = line[len("Elected:") :].strip().rsplit(" (", 1)
            elected[cand] = votes.rstrip(")")
        elif line.startswith("Nontransferable votes:"):
            nontransferable = line.split(":")[1].strip()
        elif line.startswith("Residual:"):
            residual = line.split(":")[1].strip()
    return elected, nontransferable, residual
