"""``votecount validate``: read a ballot file and report what was counted, repaired and set
aside, line by line."""

from __future__ import annotations

import argparse

from votecount.cli.common import add_reading_arguments, read_ballots
from votecount.validation import plausibility_warnings

NAME = "validate"
HELP = "read a ballot file and report valid, repaired and set-aside papers"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Read FILE and report how many papers are counted as cast, repaired "
        "or set aside, with the line and reason for each one set aside."
    )
    parser.add_argument("file")
    add_reading_arguments(parser)


def run(args: argparse.Namespace) -> str:
    profile = read_ballots(args.file, args)
    report = profile.validation
    lines = [f"{args.file}: {len(profile.candidates)} candidates, seats {profile.seats or '-'}"]
    found = plausibility_warnings(
        candidates=len(profile.candidates) - len(profile.withdrawn),
        seats=profile.seats,
        weights=(b.weight for b in profile.ballots),
        total=profile.total_weight,
    )
    if report is None:
        lines.append(f"{profile.total_weight} papers read, all counted as cast")
        lines.extend(f"warning: {w}" for w in found)
        return "\n".join(lines)
    lines.append(f"policy: {report.policy or 'default'}")
    lines.append(f"papers read:        {report.read}")
    lines.append(f"counted as cast:    {report.counted_as_cast}")
    for reason, weight in sorted(report.repaired.items()):
        lines.append(f"repaired ({reason}): {weight}")
    for reason, weight in sorted(report.rejected.items()):
        lines.append(f"set aside ({reason}): {weight}")
    for problem in report.problems:
        where = f"line {problem.line}" if problem.line is not None else ""
        if problem.ballot_id is not None:
            where = f"{where} (ballot {problem.ballot_id})" if where else f"ballot {problem.ballot_id}"
        where = f"{where}: " if where else ""
        detail = f" ({problem.detail})" if problem.detail else ""
        lines.append(f"  {where}{problem.action}: {problem.reason}{detail} x{problem.weight}")
    lines.extend(f"warning: {w}" for w in report.with_warnings(found).warnings)
    return "\n".join(lines)
