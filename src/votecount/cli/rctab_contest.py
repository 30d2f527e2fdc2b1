"""Not a command: what ``votecount count --rctab CONFIG.json`` does — read an RCTab
configuration and the cast-vote records it names, and count the contest as it says."""

from __future__ import annotations

from votecount.errors import VotecountError
from votecount.formats.cvr import read_rctab_config
from votecount.result import Result
from votecount.rules.rctab import count_papers, from_rctab_rules


def count_rctab_config(path: str) -> tuple[tuple[Result, ...], dict[str, str]]:
    """The results of the contest the configuration at ``path`` describes (one per pass of
    a multi-pass count), and its ``outputSettings`` for RCTab's JSON report."""
    contest = read_rctab_config(path)
    config = contest.config
    problems = config.problems()
    if contest.unknown:
        texts = ", ".join(f"{text!r} ({n} marks)" for text, n in contest.unknown)
        problems.append(f"the records name candidates the configuration does not have: {texts}")
    if problems:
        raise VotecountError(f"{path}: RCTab would refuse this configuration: " + "; ".join(problems))
    options, seats = from_rctab_rules(config.rules)
    election = contest.election
    results = count_papers(
        election.candidates,
        election.papers,
        options,
        seats,
        excluded=election.withdrawn,
        write_in=contest.undeclared_write_in,
        title=config.output.contest_name,
    )
    out = config.output
    info = {
        "contest": out.contest_name,
        "date": out.contest_date,
        "jurisdiction": out.contest_jurisdiction,
        "office": out.contest_office,
    }
    return results, info


__all__ = ["count_rctab_config"]
