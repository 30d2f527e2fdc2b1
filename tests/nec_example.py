"""The Labour NEC example of docs/constrained-stv.md, and which rules are STV counts that take
seat constraints: shared by the constrained-STV and countback tests."""

from __future__ import annotations

import votecount
from votecount import Candidate, PluralityBallot, Profile, RankedBallot
from votecount.constraints import Constraint
from votecount.errors import RuleError
from votecount.generate import Bloc, popularity, slate_model
from votecount.rules import RULES

WOMEN_5 = Constraint("gender", "F", at_least=5)


# -- which rules in the table are STV counts -------------------------------------------------


def _stv_family() -> tuple[list[str], list[str]]:
    """Registered ranked rules that run on the STV engine and take constraints: multi-seat
    ones, and single-seat ones (the alternative vote). A new preset is picked up here."""
    probe = Profile.from_rankings("ABC", [("AB", 3), ("BC", 2), ("CA", 2)])
    multi, single = [], []
    for name, spec in sorted(RULES.items()):
        if spec.ballots != "ranked":
            continue
        for seats, bucket in ((2, multi), (1, single)):
            try:
                result = votecount.count(probe, name, seats=seats, seed=1)
            except RuleError:
                continue
            if "constraint_method" in result.options and result.options.get("top_after_first") is None:
                bucket.append(name)
            break
    return multi, single


STV_MULTI, STV_SINGLE = _stv_family()


# -- the Labour NEC example -------------------------------------------------------------------

# Candidates in the order of their general support (strongest first); the two slates take
# alternate places, so each has men at the top: an unconstrained count elects 3 women.
NEC_FIELD = [
    ("Adams", "M"), ("Baker", "M"), ("Khan", "F"), ("Clark", "M"), ("Davies", "M"),
    ("Lewis", "F"), ("Evans", "M"), ("Fisher", "M"), ("Morgan", "F"), ("Green", "M"),
    ("Norris", "F"), ("Owen", "F"), ("Hughes", "M"), ("Patel", "F"), ("Quinn", "F"),
    ("Irwin", "M"), ("Reid", "F"), ("Jones", "M"), ("Shah", "F"), ("Turner", "F"),
]  # fmt: skip


def nec_profile() -> Profile:
    """3,000 members, two slates (55% and 45%), seed 1: docs/constrained-stv.md."""
    cands = [Candidate(n, attributes={"gender": g}) for n, g in NEC_FIELD]
    left = [n for i, (n, _) in enumerate(NEC_FIELD) if i % 2 == 0]
    right = [n for i, (n, _) in enumerate(NEC_FIELD) if i % 2 == 1]
    blocs = [Bloc(0.55, left, 4.0, "left"), Bloc(0.45, right, 4.0, "right")]
    return slate_model(cands, 3000, blocs, seed=1, strengths=popularity(20, 0.5), seats=9)




def nec_block_profile() -> Profile:
    """The same members voting by block vote, as Labour's NEC did from 2014 to 2018: each
    paper marks the first nine candidates of the member's ranking (nine seats)."""
    ranked = nec_profile()
    papers = [PluralityBallot(b.ranking[:9], b.weight) for b in ranked.ballots if isinstance(b, RankedBallot)]
    return Profile(ranked.candidates, papers, title="Labour NEC, constituency section (example)")
