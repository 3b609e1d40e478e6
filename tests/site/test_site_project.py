"""The project's own site builds with --strict from the repository alone."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.paths import REPO
from transit_maps.loader import collect_maps, find_map_files

from .linkcheck import broken_links, injected
from .sitebuild import build
from .test_site_acceptance import census, link_targets


def test_project_site_builds_strict_from_the_repository_alone(tmp_path: Path) -> None:
    # A copy of exactly what the site reads, away from ../shared: nothing else can leak in.
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "maps", root / "maps")
    built = build(root)
    assert built.returncode == 0, built.log
    assert "WARNING" not in built.log, built.log
    assert broken_links(built.site) == []
    assert injected(built.site) == []
    maps, problems = collect_maps(find_map_files([root / "maps"]))
    assert problems == ()
    for the_map in maps:
        for layer in the_map.layers:
            for station in layer.stations:
                page = built.site / "maps" / the_map.id / layer.id / station.id / "index.html"
                assert page.is_file() != station.junction, page
    # Every `related` link written in a map shows on both stations' pages.
    pages = census(built.site)
    written = [
        (m.id, layer.id, s.id, ref)
        for m in maps
        for layer in m.layers
        for s in layer.stations
        for ref in s.related
    ]
    assert written
    for map_id, layer_id, station_id, ref in written:
        here = f"maps/{map_id}/{layer_id}/{station_id}/index.html"
        there = f"maps/{ref.map or map_id}/{ref.layer}/{ref.station}/index.html"
        assert there in link_targets(here, pages[here].hrefs), (here, there)
        assert here in link_targets(there, pages[there].hrefs), (there, here)


def test_every_docs_page_is_in_the_nav() -> None:
    nav = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    pages = sorted(p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*.md"))
    missing = [p for p in pages if p not in nav]
    assert missing == [], f"add these pages to the nav in mkdocs.yml: {missing}"


def test_plugin_docs_cover_every_option() -> None:
    from transit_maps.site.config import PluginConfig

    text = (REPO / "docs" / "plugin.md").read_text(encoding="utf-8")
    names = [name for name, _ in PluginConfig._schema]
    assert len(names) >= 10
    for name in names:
        assert f"### `{name}`" in text, name
