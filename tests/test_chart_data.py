"""What the charts show, worked out without drawing: columns that add up and flows that
carry every vote from one stage to the next."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from fractions import Fraction
from itertools import pairwise
from pathlib import Path

import pytest

import votecount
from helpers import PROJECT_ROOT
from votecount import examples
from votecount.chart_data import LOST, NON_TRANSFERABLE, Node, columns, links, outcomes


@pytest.fixture(scope="module")
def riverside() -> votecount.Profile:
    return votecount.read(examples.path())


@pytest.mark.parametrize("rule", ["scottish-stv", "ers97", "meek", "irv"])
def test_every_vote_flows_from_one_stage_to_the_next(riverside: votecount.Profile, rule: str) -> None:
    result = votecount.count(riverside, rule, seats=1 if rule == "irv" else None)
    cols = columns(result)
    for col in cols:
        assert sum(col.values.values(), Fraction(0)) == Fraction(result.valid_poll)
    leaving: dict[tuple[int, Node], Fraction] = defaultdict(Fraction)
    arriving: dict[tuple[int, Node], Fraction] = defaultdict(Fraction)
    for link in links(result):
        assert link.votes > 0
        leaving[link.stage - 1, link.source] += link.votes
        arriving[link.stage, link.target] += link.votes
    for before, after in pairwise(cols):
        for node, value in before.values.items():
            assert leaving[before.stage, node] == value, (rule, before.stage, node)
        for node, value in after.values.items():
            assert arriving[after.stage, node] == value, (rule, after.stage, node)


def test_the_flows_of_an_exclusion_are_the_papers_next_preferences(riverside: votecount.Profile) -> None:
    # riverside.blt: Fergus Kerr (6) is on "85 6 4 5 0" and "41 6 0"; excluded at stage 3,
    # 85 papers go to Duncan Fraser (4) and 41 have no next preference
    result = votecount.count(riverside, "scottish-stv")
    fergus, duncan = result.candidate("fergus"), result.candidate("duncan")
    moved = {(k.source, k.target): k.votes for k in links(result) if k.stage == 3 and k.kind == "exclusion"}
    assert moved == {(fergus, duncan): 85, (fergus, NON_TRANSFERABLE): 41}
    assert outcomes(result)[fergus] == ("excluded", 3)
    # Ailsa Grant's surplus at stage 2: 686 - 571 = 115 leave her, of which some is lost
    surplus = {k.target: k.votes for k in links(result) if k.stage == 2 and k.kind == "surplus"}
    assert sum(surplus.values()) == 115 and LOST in surplus


def test_a_rule_without_recorded_transfers_has_its_moves_inferred(riverside: votecount.Profile) -> None:
    result = votecount.count(riverside, "meek")
    kinds = {k.kind for k in links(result)}
    assert "inferred" in kinds and kinds <= {"kept", "inferred"}


def test_the_core_and_the_command_line_work_without_matplotlib_or_pandas(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "sys.modules['matplotlib'] = sys.modules['pandas'] = None\n"
        "import votecount, votecount.chart_data, votecount.explain\n"
        "from votecount.cli import main\n"
        "print('count', main(['count', '--example']) == 0)\n"
        f"print('chart', main(['chart', '--example', '--output', {str(tmp_path / 'f.svg')!r}]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert "count True" in done.stdout and "chart 2" in done.stdout
    assert "drawing charts needs matplotlib: pip install 'votecount[plot]'" in done.stderr
