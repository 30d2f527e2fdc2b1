"""``votecount convert``: read a ballot file and write its ballots in another format."""

from __future__ import annotations

import argparse

from votecount.cli.common import add_reading_arguments, read_ballots
from votecount.formats import write

NAME = "convert"
HELP = "convert a ballot file to another format"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Read IN and write its ballots to OUT; formats follow the file extensions."
    parser.add_argument("input", metavar="IN")
    parser.add_argument("output", metavar="OUT")
    add_reading_arguments(parser)


def run(args: argparse.Namespace) -> str:
    profile = read_ballots(args.input, args)
    write(profile, args.output)
    return f"wrote {profile.total_weight} papers ({profile.unique_ballots} unique) to {args.output}"
