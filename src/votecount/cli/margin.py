"""``votecount margin``: how close was it? The fewest ballots whose change would change the
result (docs/audit.md): exact for IRV and for plurality seats, bounds for STV seats."""

from __future__ import annotations

import argparse
import json

from votecount.cli.common import (
    add_constraint_arguments,
    add_option_argument,
    add_reading_arguments,
    constrained,
    read_ballots,
    whole_number,
)
from votecount.margin import Margins, margin
from votecount.margin.irv import SOLVERS

NAME = "margin"
HELP = "how close was it: the fewest ballots whose change would change the result"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "The margin of the count of FILE under RULE: for IRV the exact margin of victory with "
        "the ballots to change; for plurality rules the exact margin of each seat; for STV a "
        "lower and an upper bound for each seat, each with how it was found."
    )
    parser.add_argument("file", help="ballot file: .blt, .csv, .soi, .toi or .json")
    parser.add_argument("--rule", "-r", required=True, help="counting rule (see `votecount rules`)")
    parser.add_argument("--seats", "-s", type=whole_number, help="seats (default: from the file, else 1)")
    parser.add_argument("--format", "-f", default="text", choices=["text", "json"], help="output format")
    parser.add_argument(
        "--solver",
        default="auto",
        choices=list(SOLVERS),
        help="how IRV's programs are solved: auto (HiGHS if the margin extra is installed, else "
        "exact), highs, or exact (pure Python); the margin is exact either way",
    )
    add_constraint_arguments(parser)
    add_option_argument(parser)
    add_reading_arguments(parser)


def run(args: argparse.Namespace) -> str:
    profile = read_ballots(args.file, args)
    profile, constraints = constrained(profile, args)
    found = margin(
        profile, args.rule, seats=args.seats, constraints=constraints, solver=args.solver, **dict(args.option)
    )
    return render_json(found) if args.format == "json" else render_text(found)


def render_text(found: Margins) -> str:
    lines = [
        f"Margins under {found.rule}: {found.ballots} ballots; elected {', '.join(found.elected)}",
        f"Fewest ballots that change the result: {found.margin}",
    ]
    for seat in found.seats:
        size = f"exactly {seat.lower}" if seat.exact else f"between {seat.lower} and {seat.upper}"
        lines.append(f"{seat.candidate}: {size} ballots")
        lines.append(f"  how: {seat.how}")
        for old, new, n in seat.changes:
            lines.append(f"  change {n} x [{', '.join(old)}] to [{', '.join(new)}]")
        if seat.new_winners:
            lines.append(f"  a recount then elects {', '.join(seat.new_winners)}")
    return "\n".join(lines)


def render_json(found: Margins) -> str:
    document = {
        "format": "votecount-margin",
        "version": 1,
        "rule": found.rule,
        "ballots": found.ballots,
        "elected": list(found.elected),
        "margin": found.margin,
        "seats": [
            {
                "candidate": s.candidate,
                "lower": s.lower,
                "upper": s.upper,
                "exact": s.exact,
                "how": s.how,
                "changes": [{"from": list(o), "to": list(n), "ballots": k} for o, n, k in s.changes],
                "new_winners": list(s.new_winners),
            }
            for s in found.seats
        ],
    }
    return json.dumps(document, indent=1, ensure_ascii=False)
