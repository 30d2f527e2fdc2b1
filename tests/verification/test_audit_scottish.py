"""votecount.audit on the Scottish councils' published sheets.

The default run audits Glasgow 2017 Linn from the 2017 file of 351 wards, picked by name, as
a user would; the sweep over all 703 wards with an official sheet (``-m slow``) must find the
five differences docs/verification.md documents, and nothing else.
"""

from __future__ import annotations

import sys

import pytest
import scottish_official as so

from helpers import PROJECT_ROOT, shared_path
from votecount.audit import audit
from votecount.audit.compare import FIRST_PREFERENCES, RULE_OR_BALLOTS, TYPING

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))

SHEET_2017 = ("scottish", "official", "2017", "council17-mulvenna-org.csv")


def test_linn_s_typing_error_is_found_from_the_sheet_file() -> None:
    sheet = shared_path(*SHEET_2017)
    ballots = shared_path("scottish", "blt", "12_cands", "glasgow_2017_ward1.blt")
    found = audit(ballots, sheet, so.RULE, ward="Linn")
    assert found.title == "Glasgow City 2017: Linn (S13002967)"
    assert found.verdict == "differ"
    (difference,) = found.differences
    # docs/verification.md: the sheet prints 393 for Alan Digney at stage 3; 293 + 10 = 303.
    assert (difference.stage, difference.candidate, difference.ours, difference.sheet) == (
        3,
        "Alan Digney",
        303,
        393,
    )
    assert difference.cause == TYPING
    assert not found.elected_changes
    assert found.our_stages == found.sheet_stages == 11


@pytest.mark.slow
def test_the_audit_of_every_ward_finds_the_five_documented_differences() -> None:
    data = shared_path("scottish")
    import audit_scottish  # benchmarks/audit_scottish.py

    entries = so.load_index(data)
    results = {name: found for name, found, _ in map(audit_scottish.audit_ward, entries)}
    assert not [n for n, f in results.items() if isinstance(f, str)]
    differing = {n for n, f in results.items() if not isinstance(f, str) and f.verdict != "agree"}
    assert differing == set(so.DOCUMENTED)
    causes = {n: results[n].causes for n in differing}  # type: ignore[union-attr]
    assert causes == {
        "glasgow_2017_ward1": (TYPING,),
        "midlothian_2017_ward1": (TYPING,),
        "east_dunbartonshire_2022_ward4": (TYPING,),
        "south_ayrshire_2022_ward3": (FIRST_PREFERENCES,),
        "edinburgh_2022_ward2": (RULE_OR_BALLOTS,),
    }
    assert not any(f.elected_changes for f in results.values() if not isinstance(f, str))
