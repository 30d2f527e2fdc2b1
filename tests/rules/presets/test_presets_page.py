"""The presets: each sets every option with its clause, and the docs page says what the code does."""

from __future__ import annotations

import importlib.util

import attrs
import pytest

from helpers import PROJECT_ROOT
from votecount.errors import RuleError
from votecount.rules import RULES
from votecount.rules.presets import PRESETS
from votecount.rules.presets.preset import Preset
from votecount.rules.stv import STVOptions

ROOT = PROJECT_ROOT


def _page_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_presets_page", ROOT / "docs" / "make_presets_page.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_docs_page_is_generated_from_the_presets_as_they_stand() -> None:
    page = _page_module()
    assert (ROOT / "docs" / "rules" / "presets.md").read_text(encoding="utf-8") == page.render(), (
        "docs/rules/presets.md is out of date: run python docs/make_presets_page.py"
    )


def test_the_page_shows_every_field_of_every_preset_with_its_clause() -> None:
    text = (ROOT / "docs" / "rules" / "presets.md").read_text(encoding="utf-8")
    for preset in PRESETS.values():
        section = text.split(f"## `{preset.name}`", 1)[1].split("\n## ", 1)[0]
        for name, (_, clause) in preset.settings.items():
            assert f"| `{name}` |" in section and clause.replace("|", "\\|") in section


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_preset_sets_every_option_with_a_clause(name: str) -> None:
    preset = PRESETS[name]
    assert list(preset.settings) == [f.name for f in attrs.fields(STVOptions)]
    assert all(clause.strip() for clause in preset.clauses.values())
    assert RULES[name].summary == preset.summary


def test_a_preset_that_leaves_an_option_unset_or_names_a_stranger_is_refused() -> None:
    settings = dict(PRESETS["scottish-stv"].settings)
    del settings["look_back"]
    with pytest.raises(RuleError, match="leaves unset: look_back"):
        Preset(name="x", statute="s", summary="s", settings=settings)
    settings = {**PRESETS["scottish-stv"].settings, "lookback": ("earliest", "typo")}
    with pytest.raises(RuleError, match="no such option: lookback"):
        Preset(name="x", statute="s", summary="s", settings=settings)


def test_the_scottish_clauses_are_the_2007_orders_numbers() -> None:
    """SSI 2007/42 Sch. 1: r. 46 the quota, r. 47 return of councillors, r. 48 transfer,
    r. 49 its supplementary provisions, r. 50 exclusion, r. 52 the last vacancies."""
    clauses = PRESETS["scottish-stv"].clauses
    assert clauses["quota"].startswith("r. 46 ")
    assert clauses["elect_on"].startswith("r. 47(1) ")
    assert clauses["surplus"].startswith("r. 48")
    assert clauses["surplus_order"].startswith("r. 49(1) ")
    assert clauses["exclusion"].startswith("r. 50(1) ")
    assert clauses["elect_remaining"].startswith("r. 52(1) ")
