"""The ``votecount`` command: count an election, check a ballot file, convert between formats.

    votecount count FILE --rule RULE [--seats N] [--seed S] [--format text|markdown|html|json|csv]
    votecount count --example
    votecount count FILE --rule RULE --vacated NAME    (countback: who fills NAME's seat)
    votecount validate FILE
    votecount convert IN OUT
    votecount rules

Errors (a malformed file, an unknown rule, an impossible constraint, a tie that needs lot)
are the library's own (:class:`~votecount.errors.VotecountError`): they print one line
naming the cause, and the file and line where there is one, and exit with status 2. Anything
else is a bug in votecount, and is left to print its traceback so that it can be reported.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from votecount.errors import TieError, VotecountError
from votecount.progress import for_stream, reporting
from votecount.validation import plausibility_warnings

EXAMPLE_FILE = "riverside.blt"
EXAMPLE_RULE = "scottish-stv"

DESCRIPTION = """\
Count elections the way returning officers do, exactly.

Start with the bundled example:      votecount count --example
Count a BLT file by Scottish STV:    votecount count ward.blt --rule scottish-stv
Plurality with a gender minimum:     votecount count nec.csv --rule block --seats 6 --at-least gender=F:3
List the counting rules:             votecount rules
"""


def _parse_option(text: str) -> tuple[str, Any]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"rule options are KEY=VALUE, not {text!r}")
    lowered = value.lower()
    parsed: Any = value
    if lowered in ("true", "yes"):
        parsed = True
    elif lowered in ("false", "no"):
        parsed = False
    elif _INTEGER.fullmatch(value):
        parsed = int(value)
    return key.replace("-", "_"), parsed


_INTEGER = re.compile(r"-?[0-9]{1,18}")


def _whole_number(text: str) -> int:
    """A count of seats in ASCII digits (``int()`` would also take ``٣`` or ``3_0``)."""
    if not (text.isascii() and text.isdigit() and len(text) <= 18):
        raise argparse.ArgumentTypeError(f"{text[:20]!r} is not a whole number")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="votecount",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    count = sub.add_parser(
        "count",
        help="count an election and print its count sheet",
        description="Count the ballots in FILE under RULE and print the count sheet.",
    )
    count.add_argument("file", nargs="?", help="ballot file: .blt, .csv, .soi, .toi or .json")
    count.add_argument(
        "--example", action="store_true", help=f"count the bundled example election ({EXAMPLE_FILE})"
    )
    count.add_argument("--rule", "-r", help="counting rule (see `votecount rules`)")
    count.add_argument(
        "--seats", "-s", type=_whole_number, help="seats to fill (default: from the file, else 1)"
    )
    count.add_argument("--seed", help="seed for drawing lots when the rules leave a tie")
    count.add_argument(
        "--tie-order",
        help="comma-separated candidate names, favoured first, for ties the rules leave "
        "(e.g. the result of lots drawn by hand)",
    )
    count.add_argument(
        "--format",
        "-f",
        default="text",
        choices=["text", "markdown", "html", "json", "csv"],
        help="output: a count sheet (text, markdown, html, csv) or the whole result as JSON",
    )
    count.add_argument(
        "--option",
        "-o",
        action="append",
        default=[],
        type=_parse_option,
        metavar="KEY=VALUE",
        help="a rule option, e.g. --option look_back=earliest (repeatable; see docs/rules/)",
    )
    count.add_argument(
        "--policy", help="ballot validity policy (see docs/validity.md); default: returning-officer"
    )
    count.add_argument("--encoding", help=_ENCODING_HELP)
    count.add_argument(
        "--at-least",
        action="append",
        default=[],
        metavar="ATTR=VALUE:N",
        help="at least N seats for candidates with ATTR=VALUE, e.g. gender=F:3 (repeatable)",
    )
    count.add_argument(
        "--at-most",
        action="append",
        default=[],
        metavar="ATTR=VALUE:N",
        help="at most N seats for candidates with ATTR=VALUE (repeatable)",
    )
    count.add_argument(
        "--constraints",
        metavar="TOML",
        help="a file giving candidates' attributes and seat constraints (docs/constraints.md)",
    )
    count.add_argument("--output", metavar="PATH", help="write to PATH instead of the screen")
    count.add_argument(
        "--vacated",
        action="append",
        default=[],
        metavar="NAME",
        help="countback: re-run the count without this elected member and say who fills the "
        "seat (repeatable; docs/countback.md)",
    )

    validate = sub.add_parser(
        "validate",
        help="read a ballot file and report valid, repaired and set-aside papers",
        description="Read FILE and report how many papers are counted as cast, repaired "
        "or set aside, with the line and reason for each one set aside.",
    )
    validate.add_argument("file")
    validate.add_argument("--policy", help="ballot validity policy (default: returning-officer)")
    validate.add_argument("--encoding", help=_ENCODING_HELP)

    convert = sub.add_parser(
        "convert",
        help="convert a ballot file to another format",
        description="Read IN and write its ballots to OUT; formats follow the file extensions.",
    )
    convert.add_argument("input", metavar="IN")
    convert.add_argument("output", metavar="OUT")
    convert.add_argument("--policy", help="ballot validity policy used when reading IN")
    convert.add_argument("--encoding", help=_ENCODING_HELP)

    sub.add_parser("rules", help="list the counting rules", description="List the counting rules.")
    return parser


_ENCODING_HELP = "the ballot file's text encoding, e.g. latin-1 (default: utf-8)"


def _read(path: str, args: argparse.Namespace) -> Any:
    from votecount.formats import read

    options = {k: getattr(args, k) for k in ("policy", "encoding") if getattr(args, k) is not None}
    return read(path, **options)


def _example_path() -> Path:
    from votecount.examples import path

    return path(EXAMPLE_FILE)


def _count(args: argparse.Namespace) -> str:
    from votecount.api import count

    if args.example:
        if args.file:
            raise VotecountError("give a ballot FILE or --example, not both")
        path = str(_example_path())
        rule = args.rule or EXAMPLE_RULE
    else:
        if not args.file:
            raise VotecountError("give a ballot FILE to count (or --example)")
        if not args.rule:
            raise VotecountError("choose a counting rule with --rule (see `votecount rules`)")
        path, rule = args.file, args.rule
    profile = _read(path, args)
    constraints: list[Any] = []
    if args.constraints or args.at_least or args.at_most:
        from votecount import constraint_files as cons

        if args.constraints:
            attributes, from_file = cons.load_constraint_file(args.constraints)
            profile = cons.apply_attributes(profile, attributes)
            constraints.extend(from_file)
        constraints.extend(cons.parse_constraint(t, kind="at_least") for t in args.at_least)
        constraints.extend(cons.parse_constraint(t, kind="at_most") for t in args.at_most)
    tie_order = [n.strip() for n in args.tie_order.split(",")] if args.tie_order else None
    result = count(
        profile,
        rule,
        seats=args.seats,
        seed=args.seed,
        tie_order=tie_order,
        constraints=constraints,
        **dict(args.option),
    )
    if args.vacated:
        return _countback(result, args.vacated, args.format)
    if args.format == "json":
        from votecount.formats.jsonio import result_to_json

        return str(result_to_json(result))
    from votecount.report.sheet import render

    return render(result, args.format)


def _countback(result: Any, vacated: list[str], fmt: str) -> str:
    """Who fills the seats of the ``vacated`` members, then the re-run's sheet (or JSON)."""
    from votecount.countback import countback

    back = countback(result, vacated)
    names = {key: [c.name for c in getattr(back, key)] for key in ("vacated", "filled_by", "members")}
    if fmt == "json":
        import json

        from votecount.formats.jsonio import result_to_dict

        document = {"countback": names, "rerun": result_to_dict(back.rerun)}
        return json.dumps(document, ensure_ascii=False, indent=1)
    from votecount.report.sheet import render

    summary = [
        f"Countback: {', '.join(names['vacated'])} vacated; filled by {', '.join(names['filled_by'])}",
        f"Members after the countback: {', '.join(c.name for c in back.elected)}",
    ]
    if fmt == "csv":  # keep the CSV a table: the summary goes to stderr
        print("\n".join(summary), file=sys.stderr)
        return render(back.rerun, fmt)
    return "\n".join([*summary, "", render(back.rerun, fmt)])


def _validate(args: argparse.Namespace) -> str:
    profile = _read(args.file, args)
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
        where = f"line {problem.line}: " if problem.line is not None else ""
        detail = f" ({problem.detail})" if problem.detail else ""
        lines.append(f"  {where}{problem.action}: {problem.reason}{detail} x{problem.weight}")
    lines.extend(f"warning: {w}" for w in report.with_warnings(found).warnings)
    return "\n".join(lines)


def _convert(args: argparse.Namespace) -> str:
    from votecount.formats import write

    profile = _read(args.input, args)
    write(profile, args.output)
    return f"wrote {profile.total_weight} papers ({profile.unique_ballots} unique) to {args.output}"


def _rules() -> str:
    from votecount.rules import RULES

    if not RULES:
        return "no rules are registered"
    width = max(len(name) for name in RULES)
    lines = []
    for name, spec in sorted(RULES.items()):
        aliases = f" (also: {', '.join(spec.aliases)})" if spec.aliases else ""
        lines.append(f"{name.ljust(width)}  [{spec.ballots}] {spec.summary}{aliases}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status (0 ok, 2 error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    progress = for_stream(sys.stderr)
    try:
        with reporting(progress):
            output = _run(parser, args)
        if output is None:
            return 0
        if getattr(args, "output", None) and args.command == "count":
            from votecount.formats import write_text

            write_text(args.output, output + "\n")
            return 0
    except VotecountError as error:
        progress.finish()  # clear the progress line before the error is printed
        print(f"votecount: error: {error}", file=sys.stderr)
        if isinstance(error, TieError):
            print(
                "votecount: on the command line, draw lots with --seed S, or give the order the "
                "returning officer drew with --tie-order NAME,NAME,... (favoured first)",
                file=sys.stderr,
            )
        return 2
    finally:
        progress.finish()
    try:
        print(output)
    except BrokenPipeError:
        # the reader (``| head``) stopped listening: not an error of ours
        sys.stderr.close()
    return 0


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str | None:
    """The command's output, or ``None`` when there is none (help was printed)."""
    if args.command == "count":
        return _count(args)
    if args.command == "validate":
        return _validate(args)
    if args.command == "convert":
        return _convert(args)
    if args.command == "rules":
        return _rules()
    parser.print_help()
    return None
