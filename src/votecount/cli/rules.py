"""``votecount rules``: list the counting rules, with their aliases."""

from __future__ import annotations

import argparse

from votecount.rules import RULES

NAME = "rules"
HELP = "list the counting rules"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "List the counting rules."


def run(args: argparse.Namespace) -> str:
    if not RULES:
        return "no rules are registered"
    width = max(len(name) for name in RULES)
    lines = []
    for name, spec in sorted(RULES.items()):
        aliases = f" (also: {', '.join(spec.aliases)})" if spec.aliases else ""
        lines.append(f"{name.ljust(width)}  [{spec.ballots}] {spec.summary}{aliases}")
    return "\n".join(lines)
