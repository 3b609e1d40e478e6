"""A site of the real corpus maps (read from ../shared/corpus, copied only into a temp folder)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.paths import CORPUS_MAPS
from transit_maps.loader import collect_maps

from .linkcheck import broken_links, injected
from .sitebuild import FIXTURE, build, copy_site


def test_corpus_site_builds_strict_with_every_page_and_link(tmp_path: Path) -> None:
    assert len(CORPUS_MAPS) >= 7, "the shared corpus is missing"
    root = copy_site(FIXTURE, tmp_path / "s")
    shutil.rmtree(root / "maps")
    (root / "maps").mkdir()
    for path in CORPUS_MAPS:
        shutil.copy(path, root / "maps" / path.name)
    # The fixture's pages name the fixture map; keep only a page without references.
    shutil.rmtree(root / "docs")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Corpus\n\n[All maps](maps/index.md)\n")
    built = build(root)
    assert built.returncode == 0, built.log
    assert "WARNING" not in built.log
    maps, problems = collect_maps(sorted((root / "maps").glob("*.yaml")))
    assert problems == ()
    for the_map in maps:
        for layer in the_map.layers:
            for station in layer.stations:
                page = built.site / "maps" / the_map.id / layer.id / station.id / "index.html"
                assert page.is_file() != station.junction, page
    assert broken_links(built.site) == []
    assert injected(built.site) == []
