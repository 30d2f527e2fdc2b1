"""The ``votecount`` command: one module per subcommand, listed in :data:`COMMANDS`.

    votecount count FILE --rule RULE [--seats N] [--seed S] [--format text|markdown|html|json|csv]
    votecount count --example
    votecount count FILE --rule RULE --vacated NAME    (countback: who fills NAME's seat)
    votecount chart FILE --rule RULE --kind stages|flow|bars --output FILE.svg|.png|.pdf
    votecount validate FILE
    votecount convert IN OUT
    votecount generate --model plackett-luce --candidates 8 --voters 5000 --seed 1 --output w.blt
    votecount rules
    votecount --version
    votecount audit BALLOTS SHEET --rule RULE [--ward W] [--format text|json]   (exit 1: differs)
    votecount margin FILE --rule RULE [--seats N] [--format text|json]

A command module has ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args)``, which
returns the text to print (or ``None``). Adding a command is a module and a line in
:data:`COMMANDS`; nothing registers itself. Only the module of the command given is imported
(a count need not load the auditor, the charts or the cast-vote-record readers): start-up is
part of every run's time.

Errors (a malformed file, an unknown rule, an impossible constraint, a tie that needs lot)
are the library's own (:class:`~votecount.errors.VotecountError`): they print one line
naming the cause, and the file and line where there is one, and exit with status 2. Anything
else is a bug in votecount, and is left to print its traceback so that it can be reported.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from votecount import __version__
from votecount.cli.common import Finished
from votecount.errors import TieError, VotecountError
from votecount.formats import write_text
from votecount.progress import for_stream, reporting

COMMANDS: tuple[str, ...] = ("count", "chart", "validate", "convert", "generate", "rules", "audit", "margin")
"""Every subcommand (each the module ``votecount.cli.NAME``), in the order ``votecount --help``
lists them."""


def command_module(name: str) -> ModuleType:
    """The module of the subcommand ``name`` (one of :data:`COMMANDS`), imported now."""
    if name not in COMMANDS:
        raise KeyError(name)
    return importlib.import_module(f"votecount.cli.{name}")


DESCRIPTION = """\
Count elections the way returning officers do, exactly.

Start with the bundled example:      votecount count --example
Count a BLT file by Scottish STV:    votecount count ward.blt --rule scottish-stv
Draw the flow of its transfers:      votecount chart ward.blt --rule scottish-stv --output flow.svg
Plurality with a gender minimum:     votecount count nec.csv --rule block --seats 6 --at-least gender=F:3
Generate seeded ballots:             votecount generate --candidates 8 --voters 5000 --seed 1 -o w.blt
List the counting rules:             votecount rules
"""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every subcommand, or with ``only`` that one alone."""
    parser = argparse.ArgumentParser(
        prog="votecount",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"votecount {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (only,) if only is not None else COMMANDS:
        command = command_module(name)
        command.add_arguments(sub.add_parser(command.NAME, help=command.HELP))
    return parser


def _command_given(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` starts with, if it starts with one (else every subcommand is
    loaded, for the help and for argparse's own errors)."""
    return argv[0] if argv and argv[0] in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status (0 ok, 2 error)."""
    given = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_given(given))
    args = parser.parse_args(given)
    progress = for_stream(sys.stderr)
    try:
        with reporting(progress):
            finished = _run(parser, args)
        if finished is None:
            return 0
        status = finished.status if isinstance(finished, Finished) else 0
        output = finished.text if isinstance(finished, Finished) else finished
        if getattr(args, "output", None) and args.command == "count":
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
    return status


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str | Finished | None:
    """The command's output (with its exit status, for a :class:`Finished`), or ``None``
    when there is none (help was printed)."""
    if args.command in COMMANDS:
        output: str | Finished | None = command_module(args.command).run(args)
        return output
    parser.print_help()
    return None


__all__ = ["COMMANDS", "build_parser", "command_module", "main"]
