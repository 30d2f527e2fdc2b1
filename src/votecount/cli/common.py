"""What the commands share: reading a ballot file with the common flags, whole numbers and
KEY=VALUE options as the command line gives them."""

from __future__ import annotations

import argparse
import importlib
import inspect
import re
from types import ModuleType
from typing import Any

import attrs

from votecount.constraints import Constraint
from votecount.errors import OptionError, VotecountError
from votecount.formats import format_for, read
from votecount.formats._common import LAYOUTS
from votecount.profile import Profile


@attrs.frozen
class Finished:
    """A command's output with the exit status it asks for (``votecount audit`` exits 1
    when the sheet differs); a command returning plain text exits 0."""

    text: str
    status: int = 0


ENCODING_HELP = "the ballot file's text encoding, e.g. latin-1 (default: utf-8)"


def parse_option(text: str) -> tuple[str, Any]:
    """A rule option ``KEY=VALUE``: ``true``/``false`` and whole numbers become values."""
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


def whole_number(text: str) -> int:
    """A count of seats in ASCII digits (``int()`` would also take ``٣`` or ``3_0``)."""
    if not (text.isascii() and text.isdigit() and len(text) <= 18):
        raise argparse.ArgumentTypeError(f"{text[:20]!r} is not a whole number")
    return int(text)


READER_FLAGS = {
    "layout": "--layout",
    "candidates": "--candidates",
    "rank_columns": "--rank-columns",
    "id_column": "--id-column",
    "ignore_columns": "--ignore-columns",
    "sheet": "--sheet",
}
"""The reader options the command line gives, by their flags (CSV and spreadsheet files).
Each is kept in the namespace as ``read_<option>``, clear of a command's own arguments (the
audit's published ``sheet``, say)."""


def add_reading_arguments(parser: argparse.ArgumentParser) -> None:
    """``--policy`` and ``--encoding``, which every command reading a ballot file takes, and
    the flags that say how to read a table (CSV, spreadsheet) where its header does not."""
    parser.add_argument(
        "--policy", help="ballot validity policy (see docs/validity.md); default: returning-officer"
    )
    parser.add_argument("--encoding", help=ENCODING_HELP)
    table = parser.add_argument_group(
        "reading a table (CSV, .xlsx, .ods)", "where the header does not say it (docs/formats.md)"
    )
    table.add_argument(
        "--layout",
        dest="read_layout",
        choices=LAYOUTS,
        help="preferences: columns hold names in order; ranks: one column per candidate holding "
        "ranks; marks: one column per candidate holding crosses",
    )
    table.add_argument(
        "--candidates",
        dest="read_candidates",
        metavar="FILE|LIST",
        help="the candidates standing: a file of one name a line, or a comma list; a name "
        "matching none of them is reported with the nearest",
    )
    table.add_argument(
        "--rank-columns",
        dest="read_rank_columns",
        metavar="COLS",
        help="the columns holding 1st, 2nd... preferences, in order: headers or numbers from 1, "
        "comma-separated",
    )
    table.add_argument(
        "--id-column", dest="read_id_column", metavar="COL", help="the column holding each ballot's id"
    )
    table.add_argument(
        "--ignore-columns",
        dest="read_ignore_columns",
        metavar="COLS",
        help="columns to leave out, comma-separated",
    )
    table.add_argument(
        "--sheet", dest="read_sheet", help="the sheet of a spreadsheet to read (name or number from 1)"
    )


def read_ballots(path: str, args: argparse.Namespace) -> Any:
    """The profile in ``path``, read with the command's ``--policy``, ``--encoding`` and
    table flags. A table flag given for a file that is not a table is refused, not ignored."""
    options = {k: getattr(args, k) for k in ("policy", "encoding") if getattr(args, k, None) is not None}
    flags = {k: getattr(args, f"read_{k}", None) for k in READER_FLAGS}
    given = {k: v for k, v in flags.items() if v is not None}
    if given:
        fmt = format_for(path)
        accepted = inspect.signature(fmt.parse).parameters
        refused = [READER_FLAGS[k] for k in given if k not in accepted]
        if refused:
            raise OptionError(
                f"{', '.join(refused)} {'does' if len(refused) == 1 else 'do'} not apply to "
                f"{fmt.name} files; only to tables (CSV, .xlsx, .ods)",
                option=refused[0],
                value=str(given),
            )
    return read(path, **options, **given)


def _constraint_files() -> ModuleType:
    """:mod:`votecount.constraint_files` (and TOML with it), imported for a count that has
    constraints: a count without them does not load it."""
    return importlib.import_module("votecount.constraint_files")


def charts_module() -> ModuleType:
    """:mod:`votecount.charts`, or a one-line error saying how to install matplotlib."""
    try:
        return importlib.import_module("votecount.charts")
    except ModuleNotFoundError as error:
        if error.name is None or not error.name.startswith(("matplotlib", "numpy")):
            raise
        raise VotecountError(
            "drawing charts needs matplotlib: pip install 'votecount[plot]'"
        ) from error


def add_option_argument(parser: argparse.ArgumentParser) -> None:
    """``--option KEY=VALUE``, a rule option (repeatable), for every command that counts."""
    parser.add_argument(
        "--option",
        "-o",
        action="append",
        default=[],
        type=parse_option,
        metavar="KEY=VALUE",
        help="a rule option, e.g. --option look_back=earliest (repeatable; see docs/rules/)",
    )


def add_constraint_arguments(parser: argparse.ArgumentParser) -> None:
    """``--at-least``, ``--at-most`` and ``--constraints``: seat constraints as people write them."""
    for flag, word in (("--at-least", "at least"), ("--at-most", "at most")):
        parser.add_argument(
            flag,
            action="append",
            default=[],
            metavar="ATTR=VALUE:N",
            help=f"{word} N seats for candidates with ATTR=VALUE, e.g. gender=F:3 (repeatable)",
        )
    parser.add_argument(
        "--constraints",
        metavar="TOML",
        help="a file giving candidates' attributes and seat constraints (docs/constraints.md)",
    )


def constrained(profile: Profile, args: argparse.Namespace) -> tuple[Profile, list[Constraint]]:
    """The profile with the attributes a ``--constraints`` file gives its candidates, and the
    seat constraints of ``--constraints``, ``--at-least`` and ``--at-most``."""
    constraints: list[Constraint] = []
    if args.constraints:
        files = _constraint_files()
        attributes, from_file = files.load_constraint_file(args.constraints)
        profile = files.apply_attributes(profile, attributes)
        constraints.extend(from_file)
    if args.at_least or args.at_most:
        parse = _constraint_files().parse_constraint
        constraints.extend(parse(t, kind="at_least") for t in args.at_least)
        constraints.extend(parse(t, kind="at_most") for t in args.at_most)
    return profile, constraints
