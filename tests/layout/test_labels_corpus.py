"""Labels on the real pipeline's layouts of the corpus and example maps."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from tests.paths import CORPUS_MAPS, MAPS
from transit_maps.layout import layout
from transit_maps.layout.geometry import Layout
from transit_maps.layout.label_candidates import candidates, scan_candidates
from transit_maps.layout.label_scene import Scene
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
def test_every_label_placed_and_no_overlap_left_that_a_free_place_could_avoid(path: Path) -> None:
    for layer, result in _laid_out(path):
        m = measure(result, layer)
        assert m.labels_placed == m.labels_expected, layer.id
        assert all((s.label is None) == s.junction for s in result.stations)
        # Where a label still overlaps something, the drawing left it no free place at all:
        # every candidate box (all tiers and the fine scan) hits a marker, a line or a label.
        scene = Scene(result.stations, result.edges)
        for s in result.stations:
            if s.label is not None:
                scene.put(s.id, s.label.box)
        for s in result.stations:
            if s.label is None:
                continue
            if scene.clear(s.label.box) and not scene.label_conflicts(s.label.box, skip=s.id):
                continue
            boxes = [c.box for c in candidates(s, []) + candidates(s, [], far=True)]
            boxes += [c.box for c in scan_candidates(s)]
            free = [b for b in boxes if scene.clear(b) and not scene.label_conflicts(b, skip=s.id)]
            assert not free, (path.stem, s.id, free[0])


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_no_label_overlaps_anything_on_any_corpus_or_example_map(path: Path) -> None:
    # (where labels find no free place the engine spreads the drawing, `layout._finish`)
    for layer, result in _laid_out(path):
        m = measure(result, layer)
        assert (m.label_label_overlaps, m.label_station_overlaps, m.label_line_overlaps) == (
            0,
            0,
            0,
        ), (path.stem, layer.id)


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
