"""``votecount count``: count an election and print its count sheet (or, with ``--vacated``,
a countback)."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

from votecount.api import count
from votecount.cli.common import (
    add_constraint_arguments,
    add_option_argument,
    add_reading_arguments,
    charts_module,
    constrained,
    read_ballots,
    whole_number,
)
from votecount.errors import VotecountError
from votecount.examples import path as example_path
from votecount.formats.result_json import result_to_dict, result_to_json
from votecount.result import Result

if TYPE_CHECKING:
    from votecount.report.sheet import Figure

NAME = "count"
HELP = "count an election and print its count sheet"
EXAMPLE_FILE = "riverside.blt"
EXAMPLE_RULE = "scottish-stv"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Count the ballots in FILE under RULE and print the count sheet."
    add_count_arguments(parser)
    parser.add_argument(
        "--rctab",
        metavar="CONFIG",
        help="count the contest an RCTab configuration (JSON) describes, from the cast-vote "
        "records it names, exactly as its rules say (docs/us-cvr.md)",
    )
    parser.add_argument(
        "--format",
        "-f",
        default="text",
        choices=["text", "markdown", "html", "json", "csv", "urcvt"],
        help="output: a count sheet (text, markdown, html, csv), the whole result as JSON, or "
        "RCTab's round-by-round JSON summary (urcvt)",
    )
    parser.add_argument("--output", metavar="PATH", help="write to PATH instead of the screen")
    parser.add_argument(
        "--charts",
        action="store_true",
        help="with --format html: put the count's charts in the page (needs matplotlib: "
        "pip install 'votecount[plot]')",
    )
    parser.add_argument(
        "--vacated",
        action="append",
        default=[],
        metavar="NAME",
        help="countback: re-run the count without this elected member and say who fills the "
        "seat (repeatable; docs/countback.md)",
    )


def add_count_arguments(parser: argparse.ArgumentParser) -> None:
    """What every command that counts takes: the file (or --example), the rule and its
    options, ties, reading and seat constraints (``votecount count`` and ``votecount chart``)."""
    parser.add_argument("file", nargs="?", help="ballot file: .blt, .csv, .soi, .toi or .json")
    parser.add_argument(
        "--example", action="store_true", help=f"count the bundled example election ({EXAMPLE_FILE})"
    )
    parser.add_argument("--rule", "-r", help="counting rule (see `votecount rules`)")
    parser.add_argument(
        "--seats", "-s", type=whole_number, help="seats to fill (default: from the file, else 1)"
    )
    parser.add_argument("--seed", help="seed for drawing lots when the rules leave a tie")
    parser.add_argument(
        "--tie-order",
        help="comma-separated candidate names, favoured first, for ties the rules leave "
        "(e.g. the result of lots drawn by hand)",
    )
    add_option_argument(parser)
    add_reading_arguments(parser)
    add_constraint_arguments(parser)


def run(args: argparse.Namespace) -> str:
    if args.rctab:
        return _rctab(args)
    result = counted(args)
    if args.vacated:
        return _countback(result, args.vacated, args.format)
    if args.format == "json":
        return str(result_to_json(result))
    if args.format == "urcvt":
        return str(_module("report.urcvt").urcvt_json([result]))
    if args.charts:
        if args.format != "html":
            raise VotecountError("--charts goes with --format html: only the HTML page holds charts")
        return render(result, "html", figures=chart_figures(result))
    return render(result, args.format)


def _module(name: str) -> ModuleType:
    """``votecount.<name>``, imported when first needed: a count written as JSON loads no
    count-sheet renderer, countback or RCTab reader (start-up is part of every command's time)."""
    return importlib.import_module(f"votecount.{name}")


def render(result: Result, fmt: str, **options: Any) -> str:
    """:func:`votecount.report.sheet.render`."""
    return str(_module("report.sheet").render(result, fmt, **options))


def chart_figures(result: Result) -> list[Figure]:
    """The charts of ``result`` for its HTML page: votes at each stage and the flow of votes
    for a count of several stages, the votes as bars for a single count."""
    charts = charts_module()
    kinds = [("stages", "Votes at each stage"), ("flow", "The flow of votes, stage by stage")]
    if len(result.rounds) == 1:
        kinds = [("bars", "The votes, highest first")]
    figure = _module("report.sheet").Figure
    return [figure(charts.svg(result, kind), caption) for kind, caption in kinds]


def counted(args: argparse.Namespace) -> Result:
    """The result the arguments of :func:`add_count_arguments` ask for."""
    if args.example:
        if args.file:
            raise VotecountError("give a ballot FILE or --example, not both")
        path = str(example_path(EXAMPLE_FILE))
        rule = args.rule or EXAMPLE_RULE
    else:
        if not args.file:
            raise VotecountError("give a ballot FILE to count (or --example)")
        if not args.rule:
            raise VotecountError("choose a counting rule with --rule (see `votecount rules`)")
        path, rule = args.file, args.rule
    profile = read_ballots(path, args)
    profile, constraints = constrained(profile, args)
    tie_order = [n.strip() for n in args.tie_order.split(",")] if args.tie_order else None
    return count(
        profile,
        rule,
        seats=args.seats,
        seed=args.seed,
        tie_order=tie_order,
        constraints=constraints,
        **dict(args.option),
    )


def _rctab(args: argparse.Namespace) -> str:
    """``--rctab CONFIG``: the contest as its RCTab configuration says; each pass of a
    multi-pass count in turn."""
    if args.file or args.example or args.rule or args.vacated:
        raise VotecountError("--rctab counts the configuration's own records under its own rules: "
                             "give no FILE, --example, --rule or --vacated with it")
    results, contest = _module("cli.rctab_contest").count_rctab_config(args.rctab)
    if args.format == "urcvt":
        return str(_module("report.urcvt").urcvt_json(results, contest))
    if args.format == "json":
        documents = [result_to_dict(r) for r in results]
        return json.dumps(documents[0] if len(documents) == 1 else documents, ensure_ascii=False, indent=1)
    return "\n\n".join(render(r, args.format) for r in results)


def _countback(result: Any, vacated: list[str], fmt: str) -> str:
    """Who fills the seats of the ``vacated`` members, then the re-run's sheet (or JSON)."""
    back = _module("countback").countback(result, vacated)
    names = {key: [c.name for c in getattr(back, key)] for key in ("vacated", "filled_by", "members")}
    if fmt == "json":
        document = {"countback": names, "rerun": result_to_dict(back.rerun)}
        return json.dumps(document, ensure_ascii=False, indent=1)
    summary = [
        f"Countback: {', '.join(names['vacated'])} vacated; filled by {', '.join(names['filled_by'])}",
        f"Members after the countback: {', '.join(c.name for c in back.elected)}",
    ]
    if fmt == "csv":  # keep the CSV a table: the summary goes to stderr
        print("\n".join(summary), file=sys.stderr)
        return render(back.rerun, fmt)
    return "\n".join([*summary, "", render(back.rerun, fmt)])
