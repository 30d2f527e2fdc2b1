"""What the commands share: reading a ballot file with the common flags, whole numbers and
KEY=VALUE options as the command line gives them."""

from __future__ import annotations

import argparse
import importlib
import re
from types import ModuleType
from typing import Any

from votecount.errors import VotecountError
from votecount.formats import read

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


def add_reading_arguments(parser: argparse.ArgumentParser) -> None:
    """``--policy`` and ``--encoding``, which every command reading a ballot file takes."""
    parser.add_argument(
        "--policy", help="ballot validity policy (see docs/validity.md); default: returning-officer"
    )
    parser.add_argument("--encoding", help=ENCODING_HELP)


def read_ballots(path: str, args: argparse.Namespace) -> Any:
    """The profile in ``path``, read with the command's ``--policy`` and ``--encoding``."""
    options = {k: getattr(args, k) for k in ("policy", "encoding") if getattr(args, k, None) is not None}
    return read(path, **options)


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
