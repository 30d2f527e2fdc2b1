"""Every Python example in README.md and docs/ runs as it is written.

A fenced ``python`` (or ``pycon``) block with ``>>>`` prompts is a doctest: its output must be
what the page shows. A block without prompts is a script: it must run. The blocks of one page
share a namespace, in page order, as a reader would type them, and run in a fresh folder in
which the files the pages name (``ward.blt``, ``ballots.csv``, ``race.toi``, ``npf.toml``)
exist; ``SETUP`` gives a page the values its text assumes (a ``profile``, say) where it does
not build them itself. A page whose examples need ../shared/data skips without it.
"""

from __future__ import annotations

import doctest
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

import votecount
from helpers import DOCS, PROJECT_ROOT, shared_path
from votecount import examples

FENCE = re.compile(r"^```(?:python|pycon|py)[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
PAGES = sorted(
    p.relative_to(PROJECT_ROOT).as_posix() for p in [PROJECT_ROOT / "README.md", *DOCS.rglob("*.md")]
)

# what a page's text assumes before its first example (run in the page's folder of files)
_GENDERED = """
import votecount
from votecount import Candidate, Profile
from votecount.constraints import Constraint
field = [("Furlong", "M", 2399), ("Glover", "M", 2096), ("Brookfield", "F", 2010),
         ("Mohammed", "M", 1931), ("Elliott", "F", 1473), ("Lowe", "F", 1382),
         ("Farnsworth", "F", 1363), ("Morgan", "F", 1304), ("D. Williams", "M", 900)]
profile = Profile.from_totals({Candidate(n, attributes={"gender": g}): v for n, g, v in field})
"""
_RANKED = "import votecount\nprofile = votecount.read('ward.blt')\n"
_GENERATED = (
    "import votecount\nfrom votecount.generate import plackett_luce, popularity\n"
    "profile = plackett_luce(6, 150, popularity(6), seed=1)\n"
)
SETUP: dict[str, str] = {
    "docs/audit.md": (
        "import votecount\n"
        "profile = votecount.Profile.from_rankings('ABC', [('AB', 5), ('BC', 4), ('CA', 3)])\n"
    ),
    "docs/constraints.md": _GENDERED,
    "docs/rules/plurality.md": _GENDERED,
    "docs/rules/stv.md": _RANKED,
    "docs/rules/meek.md": _GENERATED,
    "docs/constrained-stv.md": (
        "import votecount\nfrom votecount import Candidate\nfrom votecount.constraints import Constraint\n"
        "from votecount.generate import plackett_luce, popularity\n"
        "cands = [Candidate(n, attributes={'gender': g}) for n, g in zip('ABCDEFGHIJ', 'MMMMMFFFFF')]\n"
        "profile = plackett_luce(cands, 600, popularity(10), seed=1, seats=9)\n"
    ),
    "docs/rules/preferential.md": (
        "from votecount import Profile\n"
        "mps = Profile.from_rankings('ABC', [('AB', 30), ('BC', 20), ('CB', 10)])\n"
        "members = Profile.from_rankings('ABC', [('BA', 300), ('CA', 250), ('AC', 200)])\n"
        "affiliates = Profile.from_rankings('ABC', [('CB', 90), ('AB', 60)])\n"
    ),
}
SLOW = {
    "docs/constrained-stv.md",  # whole NEC-sized counts under two constraint methods
    "docs/results.md",  # imports pandas and matplotlib (2.5 s of CPU); its parts have their own tests
}


def _files(folder: Path) -> None:
    """The ballot and constraint files the pages name, in ``folder``."""
    shutil.copy(examples.path(), folder / "ward.blt")
    (folder / "ballots.csv").write_text("weight,Ann,Bob,Cat\n3,1,2,\n2,2,1,3\n1,,1,2\n", encoding="utf-8")
    race = votecount.Profile.from_rankings("ABC", [("AB", 4), ("BC", 3), ("CB", 2)])
    votecount.write(race, folder / "race.toi")
    page = (DOCS / "constraints.md").read_text(encoding="utf-8")
    toml = re.search(r"^```toml\n(.*?)^```", page, re.MULTILINE | re.DOTALL)
    assert toml, "docs/constraints.md shows a constraint file"
    (folder / "npf.toml").write_text(toml.group(1), encoding="utf-8")


def _blocks(page: str) -> list[tuple[int, str]]:
    text = (PROJECT_ROOT / page).read_text(encoding="utf-8")
    return [(text[: m.start()].count("\n") + 2, m.group(1)) for m in FENCE.finditer(text)]


@pytest.mark.parametrize(
    "page", [pytest.param(p, marks=pytest.mark.slow) if p in SLOW else p for p in PAGES if _blocks(p)]
)
def test_page_examples_run(page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = _blocks(page)
    real_data = any("../shared/data/" in block for _, block in blocks)
    if real_data:
        shared_path()  # skips without the real data
    _files(tmp_path)
    monkeypatch.chdir(PROJECT_ROOT if real_data else tmp_path)  # the real data's paths are the project's
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    exec(SETUP.get(page, ""), namespace)
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for line, block in blocks:
        where = f"{page}, line {line}"
        if ">>>" in block:
            test = parser.get_doctest(block, namespace, where, page, line - 1)
            failures, _ = runner.run(test, clear_globs=False)
            namespace.update(test.globs)  # a DocTest runs in a copy of the names it is given
            assert failures == 0, f"the example at {where} does not print what the page shows"
        else:
            exec(compile(block, where, "exec"), namespace)


def test_every_page_with_examples_is_collected() -> None:
    """The pages the issue named run here: README, the quick start, and this feature's page."""
    with_examples = {p for p in PAGES if _blocks(p)}
    assert {"README.md", "docs/quickstart.md", "docs/results.md", "docs/formats.md"} <= with_examples
