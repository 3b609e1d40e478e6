"""ProperDocs runs the plugin unchanged; rebuilds reuse cached layouts."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from transit_maps.site import diagrams

from .linkcheck import broken_links, injected
from .sitebuild import TEAM, build, copy_site


def test_properdocs_builds_the_team_site(tmp_path: Path) -> None:
    built = build(copy_site(TEAM, tmp_path / "s"), tool="properdocs")
    assert built.returncode == 0, built.log
    assert "WARNING" not in built.log
    assert (built.site / "maps/platform/systems/training/index.html").is_file()
    assert broken_links(built.site) == []
    assert injected(built.site) == []


def _build_in_process(root: Path) -> None:
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "_site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


def test_unchanged_map_is_not_laid_out_again(tmp_path: Path) -> None:
    from .sitebuild import FIXTURE

    root = copy_site(FIXTURE, tmp_path / "s")
    # A second map, so that one can change while the other stays cached.
    (root / "maps" / "second.yaml").write_text(
        "layers:\n  a:\n    lines:\n      l: {stations: [x, y, z]}\n", encoding="utf-8"
    )
    _build_in_process(root)
    misses = diagrams.stats["misses"]
    _build_in_process(root)
    assert diagrams.stats["misses"] == misses  # everything from the cache

    path = root / "maps" / "second.yaml"
    path.write_text(path.read_text().replace("[x, y, z]", "[x, y, z, w]"), encoding="utf-8")
    _build_in_process(root)
    assert diagrams.stats["misses"] == misses + 1  # only the changed map's one layer


def test_dirty_rebuild_renders_only_the_changed_maps_pages(tmp_path: Path) -> None:
    from .sitebuild import FIXTURE

    root = copy_site(FIXTURE, tmp_path / "s")
    second = root / "maps" / "second.yaml"
    second.write_text("layers:\n  a:\n    lines:\n      l: {stations: [x, y, z]}\n")
    site = root / "_site"

    def dirty_build() -> None:
        mkdocs_build(load_config(str(root / "mkdocs.yml"), site_dir=str(site)), dirty=True)

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)  # as `mkdocs serve --dirty` does
    try:
        dirty_build()
        before = {p: p.stat().st_mtime_ns for p in (site / "maps").rglob("*.html")}
        second.write_text(second.read_text().replace("[x, y, z]", "[x, y, w, z]"))
        dirty_build()
    finally:
        # MkDocs keeps plugin instances for the process: leave this one as a plain build finds it.
        config.plugins.on_startup(command="build", dirty=False)
        config.plugins.on_shutdown()
    rebuilt = sorted(
        p.relative_to(site).as_posix() for p in before if p.stat().st_mtime_ns != before[p]
    )
    assert rebuilt == [
        "maps/index.html",  # station counts changed
        "maps/second/a/x/index.html",
        "maps/second/a/y/index.html",
        "maps/second/a/z/index.html",
        "maps/second/index.html",
    ]
    new_page = site / "maps/second/a/w/index.html"
    assert new_page.is_file()
    assert 'href="../w/"' in (site / "maps/second/a/y/index.html").read_text()


def test_parallel_prewarm_gives_the_serial_layouts() -> None:
    from transit_maps.layout import layout
    from transit_maps.loader import load_map

    from .sitebuild import FIXTURE

    tiny = load_map(FIXTURE / "maps" / "tiny.yaml")
    jobs = [(f"prewarm-test-{i}", tiny.id, layer) for i in range(2) for layer in tiny.layers]
    misses = diagrams.stats["misses"]
    diagrams.prewarm(jobs, workers=2)
    assert diagrams.stats["misses"] == misses + len(jobs)
    for content, map_id, layer in jobs:
        cached = diagrams.cached_layout(content, map_id, layer)
        assert cached.to_json() == layout(layer, map_id).to_json()
    assert diagrams.stats["misses"] == misses + len(jobs)  # all served from the prewarmed cache
