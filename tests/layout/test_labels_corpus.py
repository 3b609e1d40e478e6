"""Labels on the real pipeline's layouts of the corpus and example maps."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from tests.paths import CORPUS_MAPS, MAPS
from transit_maps.layout import layout
from transit_maps.layout.geometry import Layout
from transit_maps.layout.labels import place_labels
from transit_maps.layout.metrics import measure
from transit_maps.loader import load_map
from transit_maps.model import Layer

INPUTS = [*CORPUS_MAPS, *sorted(MAPS.glob("*.yaml"))]


@cache
def _laid_out(path: Path) -> tuple[tuple[Layer, Layout], ...]:
    the_map = load_map(path)
    return tuple((layer, layout(layer, the_map.id)) for layer in the_map.layers)


def test_the_corpus_is_there() -> None:
    assert len(CORPUS_MAPS) >= 7


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_every_label_placed_and_clear_where_the_geometry_is_clean(path: Path) -> None:
    for layer, result in _laid_out(path):
        m = measure(result, layer)
        assert m.labels_placed == m.labels_expected, layer.id
        assert all((s.label is None) == s.junction for s in result.stations)
        # A tangled drawing (crossing edges, stations on foreign lines) can leave a station no
        # room at all; on a clean one every label must be clear of everything.
        if m.edge_crossings == 0 and m.foreign_stations == 0:
            assert m.label_overlaps == 0, (layer.id, m.as_dict())


def test_the_loom_maps_are_clean() -> None:
    for path in CORPUS_MAPS:
        if path.stem.startswith("loom-"):
            for layer, result in _laid_out(path):
                assert measure(result, layer).label_overlaps == 0, path.stem


@pytest.mark.parametrize("path", CORPUS_MAPS[:3], ids=lambda p: p.stem)
def test_placement_is_deterministic_on_real_geometry(path: Path) -> None:
    for layer, result in _laid_out(path):
        bare = tuple(replace(s, label=None) for s in result.stations)
        first = place_labels(layer, bare, result.edges)
        assert place_labels(layer, bare, result.edges) == first
