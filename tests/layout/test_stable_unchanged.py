"""Stability: an unchanged layer laid out against its own layout comes back identical.

Re-rendering a map in a pull request without changing it must move nothing (docs/reviewing.md,
"no edit" in benchmarks/stability.py), whichever candidate drew it: the layered drawing, or the
routed one after polishing and compaction, which the router does not reproduce from its pins.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

import transit_maps.layout as engine
from tests.paths import CORPUS, MAPS
from transit_maps.diff.stability import measure
from transit_maps.layout import layout
from transit_maps.layout.geometry import Layout
from transit_maps.layout.stable import SAME_PLACE, same_places, unchanged
from transit_maps.loader import load_map
from transit_maps.model import Layer, Station


@pytest.mark.parametrize(
    ("path", "layer_id"),
    [
        # a compacted routed pipeline (0.92 kept before: 2 stations of a chain moved)
        (MAPS / "genomics-pipeline.yaml", "pipeline"),
        # a routed network (0.96) and a small routed pipeline (0.90)
        (MAPS / "regional-rail.yaml", "network"),
        (CORPUS / "nf-metro-variant-calling.yaml", "pipeline"),
    ],
)
def test_an_unchanged_layer_comes_back_identical(path: Path, layer_id: str) -> None:
    the_map = load_map(path)
    layer = the_map.layer(layer_id)
    before = layout(layer, the_map.id)
    # as a Layout (the diff) and as the parsed `layout --json` export (`--previous OLD.json`)
    exported = json.loads(json.dumps(before.to_json()))
    for previous in (before, exported):
        again = layout(layer, the_map.id, previous=previous)
        assert again == before
        assert again.to_json() == before.to_json()
        assert measure(before, again).kept_share == 1.0


def _small() -> tuple[str, Layout, Layer]:
    the_map = load_map(MAPS / "ml-system.yaml")
    layer = the_map.layer("org")
    return the_map.id, layout(layer, the_map.id), layer


def test_unchanged_means_same_stations_and_edges() -> None:
    _, before, layer = _small()
    assert unchanged(layer, before) and unchanged(layer, before.to_json())
    # a new title changes labels, not the topology
    retitled = dataclasses.replace(
        layer,
        stations=tuple(dataclasses.replace(s, title=s.title + " (new)") for s in layer.stations),
    )
    assert unchanged(retitled, before)
    # one station more, or one edge less, is a changed layer
    more = dataclasses.replace(layer, stations=(*layer.stations, Station("extra", "Extra")))
    assert not unchanged(more, before)
    fewer = dataclasses.replace(before, edges=before.edges[1:])
    assert not unchanged(layer, fewer)
    assert not unchanged(layer, fewer.to_json())


def test_same_places_allows_one_translation_and_the_export_rounding() -> None:
    _, before, _ = _small()

    def moved(dx: float, dy: float, only: str | None = None) -> Layout:
        stations = tuple(
            dataclasses.replace(s, x=s.x + dx, y=s.y + dy) if only in (None, s.id) else s
            for s in before.stations
        )
        return dataclasses.replace(before, stations=stations)

    assert same_places(before, before) and same_places(before, before.to_json())
    assert same_places(moved(30.0, -12.5), before)
    assert same_places(moved(0.0, SAME_PLACE / 2, only=before.stations[-1].id), before)
    assert not same_places(moved(0.0, 1.0, only=before.stations[-1].id), before)
    gone = dataclasses.replace(before, stations=before.stations[1:])
    assert not same_places(gone, before) and not same_places(before, gone)


def test_a_previous_drawing_the_engine_would_not_draw_is_kept_by_its_pins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the same layer, drawn mirrored (as an older engine might have): laying it out again does
    # not give the previous drawing, so the pins keep the stations where they were. The
    # workflow layer as its routed drawing (the engine draws it layered unless a step against
    # the flow costs nothing): of its mirrored layered drawing the pins keep 9 of 13 stations.
    monkeypatch.setattr(engine, "FLOW_WEIGHT", 0.0)
    the_map = load_map(MAPS / "ml-system.yaml")
    layer = the_map.layer("processes")
    map_id, before = the_map.id, layout(layer, the_map.id)
    mirrored = dataclasses.replace(
        before,
        stations=tuple(
            dataclasses.replace(s, x=before.width - s.x, label=None) for s in before.stations
        ),
        edges=tuple(
            dataclasses.replace(e, path=tuple((before.width - x, y) for x, y in e.path))
            for e in before.edges
        ),
    )
    assert not same_places(before, mirrored)
    again = layout(layer, map_id, previous=mirrored)
    assert measure(mirrored, again).kept_share >= 0.9
