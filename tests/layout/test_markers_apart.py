"""Markers that overlap at every spread, moved apart along their tracks (`markers_apart`)."""

from __future__ import annotations

import math

from tests.layout.engine_checks import make_layer
from tests.layout.test_fuzz import fuzz
from transit_maps.layout import layout
from transit_maps.layout.markers_apart import NEAR_STATION, apart
from transit_maps.layout.metrics import measure
from transit_maps.layout.octi import Schematic
from transit_maps.model import Layer


def _side_by_side() -> tuple[Schematic, Layer]:
    # two lines side by side, 0.3 grid steps apart; the middle station of each stands beside
    # the other's
    layer = make_layer({"top": [["a", "m", "b"]], "low": [["c", "w", "d"]]})
    schematic = Schematic(
        positions={
            "a": (0.0, 0.0),
            "m": (2.0, 0.0),
            "b": (4.0, 0.0),
            "c": (0.0, 0.3),
            "w": (2.0, 0.3),
            "d": (4.0, 0.3),
        },
        paths={
            ("a", "m"): [(0.0, 0.0), (2.0, 0.0)],
            ("m", "b"): [(2.0, 0.0), (4.0, 0.0)],
            ("c", "w"): [(0.0, 0.3), (2.0, 0.3)],
            ("w", "d"): [(2.0, 0.3), (4.0, 0.3)],
        },
        angles=dict.fromkeys("ambcwd", 0.0),
    )
    return schematic, layer


def test_a_station_moves_along_its_own_track_clear_of_the_other() -> None:
    schematic, layer = _side_by_side()
    moved = apart(layer, schematic, [("m", "w")])
    assert moved is not None
    # the second of the pair moves first: a quarter step at a time, forward first
    assert moved.positions["w"] == (2.5, 0.3)
    assert math.dist(moved.positions["w"], moved.positions["m"]) >= NEAR_STATION
    assert moved.paths[("c", "w")] == [(0.0, 0.3), (2.5, 0.3)]
    assert moved.paths[("w", "d")] == [(2.5, 0.3), (4.0, 0.3)]
    assert {n: p for n, p in moved.positions.items() if n != "w"} == {
        n: p for n, p in schematic.positions.items() if n != "w"
    }
    assert schematic.positions["w"] == (2.0, 0.3)  # the schematic given is left as it was


def test_a_station_with_no_room_on_its_track_stays() -> None:
    schematic, layer = _side_by_side()
    # its neighbours a quarter step either side: nowhere to go at least half a step from both
    tight = Schematic(
        positions={**schematic.positions, "c": (1.75, 0.3), "d": (2.25, 0.3)},
        paths={
            **schematic.paths,
            ("c", "w"): [(1.75, 0.3), (2.0, 0.3)],
            ("w", "d"): [(2.0, 0.3), (2.25, 0.3)],
            ("a", "m"): [(1.75, 0.0), (2.0, 0.0)],
            ("m", "b"): [(2.0, 0.0), (2.25, 0.0)],
        },
        angles=schematic.angles,
    )
    tight.positions.update({"a": (1.75, 0.0), "b": (2.25, 0.0)})
    assert apart(layer, tight, [("m", "w")]) is None


def test_two_chains_side_by_side_keep_their_markers_apart() -> None:
    # case 185 of the pipeline fuzz (23 steps, a collector): two chains between the same two
    # stations run side by side along a diagonal trunk, one through a station of ten lines, the
    # other through one of two; both were laid at the middle, 0.35 grid steps apart across the
    # track, and their markers overlapped at every spread
    layer = fuzz.case(185, flows=True)[2]
    m = measure(layout(layer, "fuzz"), layer)
    assert m.marker_overlaps == 0
    assert m.edge_crossings == 0
    assert m.label_label_overlaps + m.label_station_overlaps + m.label_line_overlaps == 0
    assert m.labels_placed == m.labels_expected
