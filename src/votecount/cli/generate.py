"""``votecount generate``: seeded ballots from one of the models of :mod:`votecount.generate`,
written in any ballot format.

    votecount generate --model plackett-luce --candidates 8 --voters 5000 --seed 1 \\
        --lengths scottish --seats 3 --output ward.blt

The same arguments and seed always write the same file (the generators' promise). Without
``--output`` the ballots are printed in ``--format`` (BLT by default).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from votecount import generate
from votecount.cli.common import whole_number
from votecount.errors import OptionError, VotecountError
from votecount.formats import FORMATS, dumps, write
from votecount.profile import Profile

NAME = "generate"
HELP = "generate seeded ballots from a voting model and write them in any format"

MODELS = ("impartial", "plackett-luce", "slates", "spatial")
LENGTHS = "full, scottish, exactly:K, up-to:K or geometric:P"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Generate ballots from a seeded model (docs/generators.md) and write them as a ballot file. "
        "The same arguments and seed always give the same ballots."
    )
    parser.add_argument("--model", "-m", choices=MODELS, default="plackett-luce", help="the voting model")
    parser.add_argument(
        "--candidates", "-c", default="6",
        help="a number of candidates (named A, B, ...) or their names, comma-separated (default 6)",
    )  # fmt: skip
    parser.add_argument("--voters", "-n", type=whole_number, default=1000, help="papers (default 1000)")
    parser.add_argument("--seed", required=True, help="the seed: the same seed gives the same ballots")
    parser.add_argument("--lengths", default=None, help=f"preferences per paper: {LENGTHS}")
    parser.add_argument("--ballots", choices=("ranked", "plurality"), default="ranked")
    parser.add_argument("--seats", "-s", type=whole_number, help="seats, written where the format holds it")
    parser.add_argument("--title", default="", help="the election's title (default: the model's name)")
    parser.add_argument(
        "--skew", type=float, default=1.0,
        help="plackett-luce and slates: strengths 1, 1/2^skew, 1/3^skew, ... (0: all equal; default 1)",
    )  # fmt: skip
    parser.add_argument(
        "--strengths", help="plackett-luce and slates: one strength per candidate, comma-separated"
    )
    parser.add_argument(
        "--bloc", action="append", default=[], metavar="SHARE:NAME,NAME[:COHESION]",
        help="slates: a bloc of voters preferring a slate, e.g. 0.55:A,C,E:4 (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--positions",
        help="spatial: the candidates' places on a left-right line, e.g. --positions=-1,0,1 "
        "(default: evenly from -1 to 1)",
    )
    parser.add_argument("--format", "-f", choices=sorted(FORMATS), help="ballot format")
    parser.add_argument("--output", "-o", metavar="PATH", help="write to PATH (format from its extension)")


def run(args: argparse.Namespace) -> str | None:
    profile = generated(args)
    if args.output:
        write(profile, args.output, args.format)
        return None
    return dumps(profile, args.format or "blt").rstrip("\n")


def generated(args: argparse.Namespace) -> Profile:
    """The profile the arguments describe; a model's refusal becomes a one-line error."""
    candidates = _candidates(args.candidates)
    common = {
        "seed": args.seed,
        "lengths": parse_lengths(args.lengths),
        "ballots": args.ballots,
        "seats": args.seats,
        "title": args.title,
    }
    n = candidates if isinstance(candidates, int) else len(candidates)
    makers: dict[str, Callable[[], Profile]] = {
        "impartial": lambda: generate.impartial_culture(candidates, args.voters, **common),
        "plackett-luce": lambda: generate.plackett_luce(
            candidates, args.voters, _strengths(args, n), **common
        ),
        "slates": lambda: generate.slate_model(
            candidates,
            args.voters,
            [_bloc(text) for text in args.bloc] or _no_blocs(),
            strengths=_strengths(args, n),
            **common,
        ),
        "spatial": lambda: generate.spatial_model(candidates, args.voters, _positions(args, n), **common),
    }
    try:
        return makers[args.model]()
    except (ValueError, KeyError) as error:  # the models refuse impossible arguments so
        reason = error.args[0] if error.args else str(error)
        raise VotecountError(f"cannot generate: {reason}") from error


def _candidates(text: str) -> int | list[str]:
    if text.isascii() and text.isdigit():
        return int(text)
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise VotecountError("--candidates takes a number or comma-separated names")
    return names


def parse_lengths(text: str | None) -> generate.Lengths | None:
    """``--lengths`` as a :class:`~votecount.generate.Lengths` (``None``: the model's default)."""
    if text is None:
        return None
    kind, _, value = text.partition(":")
    try:
        if kind == "full" and not value:
            return generate.Lengths.full()
        if kind == "scottish" and not value:
            return generate.Lengths.scottish()
        if kind == "exactly":
            return generate.Lengths.exactly(int(value))
        if kind == "up-to":
            return generate.Lengths.up_to(int(value))
        if kind == "geometric":
            return generate.Lengths.geometric(float(value))
    except ValueError as error:
        raise OptionError(f"--lengths {text!r}: {error}", option="lengths", value=text) from None
    raise OptionError(f"--lengths {text!r} is not one of {LENGTHS}", option="lengths", value=text)


def _numbers(text: str, what: str) -> list[float]:
    try:
        return [float(x) for x in text.split(",")]
    except ValueError:
        raise VotecountError(f"{what} are comma-separated numbers, not {text!r}") from None


def _strengths(args: argparse.Namespace, n: int) -> list[float] | tuple[float, ...]:
    if args.strengths:
        return _numbers(args.strengths, "--strengths")
    return generate.popularity(n, args.skew)


def _positions(args: argparse.Namespace, n: int) -> list[float]:
    if args.positions:
        return _numbers(args.positions, "--positions")
    return [-1 + 2 * i / (n - 1) if n > 1 else 0.0 for i in range(n)]


def _bloc(text: str) -> generate.Bloc:
    """``SHARE:NAME,NAME[:COHESION]`` as a :class:`~votecount.generate.Bloc`."""
    parts = text.split(":")
    if len(parts) not in (2, 3):
        raise VotecountError(f"--bloc takes SHARE:NAME,NAME[:COHESION], not {text!r}")
    share, *rest = _numbers(parts[0], "a bloc's share"), parts[1]
    cohesion = _numbers(parts[2], "a bloc's cohesion")[0] if len(parts) == 3 else 10.0
    names = [name.strip() for name in rest[0].split(",") if name.strip()]
    return generate.Bloc(share[0], names, cohesion)


def _no_blocs() -> list[generate.Bloc]:
    raise VotecountError("the slates model needs at least one --bloc SHARE:NAME,NAME")
