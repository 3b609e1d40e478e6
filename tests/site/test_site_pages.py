"""Golden generated pages: the markdown `generate_pages` writes for the fixture map.

To update after an intended change: `TRANSIT_MAPS_UPDATE_GOLDEN=1 pytest tests/site`, then read
the diff of tests/site/golden/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from transit_maps.loader import load_map
from transit_maps.site.pages import GeneratedPage, PageOptions, generate_pages

from .sitebuild import FIXTURE

GOLDEN = Path(__file__).parent / "golden"
MENTIONS = {("tiny", "systems", "training"): [("index.md", "Fixture site")]}


def pages(tabs: bool) -> dict[str, GeneratedPage]:
    the_map = load_map(FIXTURE / "maps" / "tiny.yaml")
    options = PageOptions(tabs=tabs, mentions=MENTIONS)
    return {p.src_uri: p for p in generate_pages([the_map], options)}


CASES = {
    "maps-index.md": ("maps/index.md", False),
    "map-sections.md": ("maps/tiny/index.md", False),
    "map-tabs.md": ("maps/tiny/index.md", True),
    "station-training.md": ("maps/tiny/systems/training/index.md", False),
    "station-review.md": ("maps/tiny/processes/review/index.md", False),
    "solution-mlflow.md": ("maps/tiny/solutions/mlflow/index.md", True),
    "coverage.md": ("maps/tiny/coverage/index.md", False),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_generated_page_matches_golden(name: str) -> None:
    uri, tabs = CASES[name]
    text = pages(tabs)[uri].markdown
    golden = GOLDEN / name
    if os.environ.get("TRANSIT_MAPS_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_page_set_is_complete_and_stable() -> None:
    first, second = pages(False), pages(False)
    assert list(first) == list(second)
    assert [p.markdown for p in first.values()] == [p.markdown for p in second.values()]
    assert sorted(first) == [
        "maps/index.md",
        "maps/tiny/coverage/index.md",
        "maps/tiny/index.md",
        "maps/tiny/org/engineer/index.md",
        "maps/tiny/org/scientist/index.md",
        "maps/tiny/processes/experiment/index.md",
        "maps/tiny/processes/frame/index.md",
        "maps/tiny/processes/review/index.md",
        "maps/tiny/solutions/feast/index.md",
        "maps/tiny/solutions/mlflow/index.md",
        "maps/tiny/systems/batch/index.md",
        "maps/tiny/systems/ingest/index.md",
        "maps/tiny/systems/registry/index.md",
        "maps/tiny/systems/serving/index.md",
        "maps/tiny/systems/sources/index.md",
        "maps/tiny/systems/training/index.md",
    ]
    assert [p.src_uri for p in first.values() if p.in_nav] == [
        "maps/index.md",
        "maps/tiny/index.md",
    ]


def test_station_and_solution_pages_can_be_turned_off() -> None:
    the_map = load_map(FIXTURE / "maps" / "tiny.yaml")
    options = PageOptions(prefix="docs/arch", station_pages=False, solution_pages=False)
    result = {p.src_uri: p for p in generate_pages([the_map], options)}
    assert sorted(result) == [
        "docs/arch/index.md",
        "docs/arch/tiny/coverage/index.md",
        "docs/arch/tiny/index.md",
    ]
    for page in result.values():
        assert "systems/" not in page.markdown and "solutions/" not in page.markdown


def test_cross_map_relations_link_between_maps(tmp_path: Path) -> None:
    from transit_maps.loader import load_maps

    (tmp_path / "a.yaml").write_text(
        "layers:\n  systems:\n    lines:\n      l: {stations: [x, y]}\n"
        "    stations:\n      x: {related: ['b:org/owner']}\n"
    )
    (tmp_path / "b.yaml").write_text(
        "layers:\n  org:\n    lines:\n      p: {stations: [owner, z]}\n"
    )
    maps = load_maps([tmp_path / "a.yaml", tmp_path / "b.yaml"])
    result = {p.src_uri: p.markdown for p in generate_pages(maps)}
    assert (
        "- Org (B): [Owner](../../../b/org/owner/index.md)" in result["maps/a/systems/x/index.md"]
    )
    # ... and the backlink on the other map's page.
    owner = result["maps/b/org/owner/index.md"]
    assert "- Systems (A): [X](../../../a/systems/x/index.md)" in owner
