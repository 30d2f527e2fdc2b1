"""``votecount chart``: count an election and draw it (needs the ``plot`` extra: matplotlib).

    votecount chart ward.blt --rule scottish-stv --kind flow --output ward-flow.svg
    votecount chart --result ward.json --kind stages --output ward-stages.png

A chart reads only the result: ``--result`` draws one saved by ``votecount count -f json``
without counting again.

The kinds are those of :mod:`votecount.charts`: ``stages`` (votes at each stage, with the
quota), ``flow`` (a Sankey diagram of the transfers) and ``bars`` (the votes, highest first:
the chart of a plurality count). The output's extension chooses SVG, PNG or PDF.

:mod:`votecount.charts` imports matplotlib, which the core does not need: it is loaded when
this command runs, so that every other command works without it.
"""

from __future__ import annotations

import argparse

from votecount.cli.common import charts_module
from votecount.cli.count import add_count_arguments, counted
from votecount.errors import ResultFileError
from votecount.formats.result_read import result_from_json
from votecount.result import Result

NAME = "chart"
HELP = "count an election and draw it: votes at each stage, the flow of transfers, or bars"
KINDS = ("stages", "flow", "bars")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Count the ballots in FILE under RULE and draw the count as SVG, PNG or PDF "
        "(needs matplotlib: pip install 'votecount[plot]')."
    )
    add_count_arguments(parser)
    parser.add_argument(
        "--kind", "-k", choices=KINDS, default=None,
        help="stages: votes at each stage; flow: the transfers (Sankey); bars: the votes "
        "(default: flow for a count of several stages, bars for one)",
    )  # fmt: skip
    parser.add_argument(
        "--result", metavar="JSON", help="draw a result saved by `votecount count -f json`, not a count"
    )
    parser.add_argument("--output", required=True, metavar="PATH", help="the chart file: .svg, .png or .pdf")


def run(args: argparse.Namespace) -> None:
    charts = charts_module()
    result = saved_result(args.result) if args.result else counted(args)
    kind = args.kind or ("flow" if len(result.rounds) > 1 else "bars")
    charts.save(result, kind, args.output)


def saved_result(path: str) -> Result:
    """The result in the JSON document at ``path`` (as ``votecount count -f json`` writes it)."""
    try:
        with open(path, encoding="utf-8") as document:
            text = document.read()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise ResultFileError(f"cannot read the result: {reason}", path=path) from error
    return result_from_json(text, source=path)
