"""The documentation site builds from docs/ with MkDocs (the ``docs`` extra), strictly: a broken
link, a page missing from the navigation or a bad configuration fails the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import DOCS, PROJECT_ROOT

pytest.importorskip("mkdocs", reason="the site is built with MkDocs: pip install -e '.[docs]'")
pytest.importorskip("material", reason="the site's theme is mkdocs-material: pip install -e '.[docs]'")
from mkdocs.commands.build import build  # after the skips: the docs extra
from mkdocs.config import load_config


def test_the_site_builds_with_every_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")  # the theme's notice about MkDocs 2 is not ours to print
    config = load_config(str(PROJECT_ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)  # strict: a warning aborts the build
    for page in DOCS.rglob("*.md"):
        relative = page.relative_to(DOCS).with_suffix("")
        built = tmp_path / "site" / ("index.html" if relative.name == "index" else relative / "index.html")
        assert built.exists(), f"{page} was not built"
    assert (tmp_path / "site" / "figures" / "riverside-flow.png").exists()
