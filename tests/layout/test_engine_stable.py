"""Stability: `previous` keeps stations where they were when one station is added."""

from __future__ import annotations

import dataclasses
import math
import statistics

import pytest

from tests.paths import CORPUS
from transit_maps.layout import Layout, layout
from transit_maps.layout.dimensions import GRID
from transit_maps.loader import load_map
from transit_maps.model import Layer, Station


def with_one_more_station(layer: Layer) -> Layer:
    """The layer with a new station in the middle of its first line's route."""
    line = layer.lines[0]
    stops = list(line.stations)
    stops.insert(len(stops) // 2, "new-station")
    lines = (dataclasses.replace(line, stations=tuple(stops)), *layer.lines[1:])
    stations = (*layer.stations, Station("new-station", "New station"))
    return Layer(layer.id, layer.title, layer.kind, lines, stations, layer.zones)


def kept_and_moved(before: Layout, after: Layout) -> tuple[float, float]:
    """Share of old stations at the same place (after the best translation), mean move in gaps."""
    a = {s.id: (s.x, s.y) for s in before.stations}
    b = {s.id: (s.x, s.y) for s in after.stations if s.id in a}
    dx = statistics.median(b[k][0] - a[k][0] for k in b)
    dy = statistics.median(b[k][1] - a[k][1] for k in b)
    moves = [math.dist(a[k], (b[k][0] - dx, b[k][1] - dy)) for k in b]
    return sum(1 for m in moves if m < 1) / len(moves), statistics.mean(moves) / GRID


@pytest.mark.parametrize("name", ["loom-freiburg", "loom-freiburg-topology"])
def test_previous_keeps_the_map_in_place(name: str) -> None:
    the_map = load_map(CORPUS / f"{name}.yaml")
    layer = the_map.layers[0]
    before = layout(layer, the_map.id)
    edited = with_one_more_station(layer)
    for previous in (before, before.to_json()):
        after = layout(edited, the_map.id, previous=previous)
        kept, moved = kept_and_moved(before, after)
        assert kept >= 0.9 and moved < 0.5, (kept, moved)


def test_same_input_and_previous_reproduce_the_layout() -> None:
    the_map = load_map(CORPUS / "loom-wien.yaml")
    layer = the_map.layers[0]
    before = layout(layer, the_map.id)
    again = layout(layer, the_map.id, previous=before)
    assert again == before  # see also test_stable_unchanged.py
