"""``votecount audit``: does a published count sheet follow from the ballots? (docs/audit.md)

The exit status says: 0 the sheet agrees with the recount, 1 it differs, 2 an error (a file
that cannot be read, or candidates that cannot be paired).
"""

from __future__ import annotations

import argparse

from votecount.audit import audit, render_json, render_text
from votecount.cli.common import (
    Finished,
    add_option_argument,
    add_reading_arguments,
    read_ballots,
    whole_number,
)

NAME = "audit"
HELP = "audit a published count sheet against the ballots"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Recount the ballots in BALLOTS under RULE and compare every stage with the published "
        "count SHEET (a Scottish council CSV, RCTab's JSON round report, or votecount's JSON "
        "result). Exit status: 0 agree, 1 differ, 2 error."
    )
    parser.add_argument("ballots", help="ballot file: .blt, .csv, .soi, .toi or .json")
    parser.add_argument("sheet", help="the published count sheet: .csv (Scottish councils) or .json")
    parser.add_argument("--rule", "-r", required=True, help="counting rule (see `votecount rules`)")
    parser.add_argument("--ward", "-w", help="which ward of a sheet file holding many: its code or name")
    parser.add_argument(
        "--seats", "-s", type=whole_number, help="seats (default: the sheet's, else the file's)"
    )
    parser.add_argument("--format", "-f", default="text", choices=["text", "json"], help="output format")
    add_option_argument(parser)
    add_reading_arguments(parser)


def run(args: argparse.Namespace) -> Finished:
    profile = read_ballots(args.ballots, args)
    found = audit(profile, args.sheet, args.rule, ward=args.ward, seats=args.seats, **dict(args.option))
    text = render_json(found) if args.format == "json" else render_text(found)
    return Finished(text, {"agree": 0, "differ": 1}.get(found.verdict, 2))
