"""The last resort of label placement, for a station stuck at every spread (`labels._Placer.
_last_resort` with the wide scan of `label_candidates.scan_candidates`, and `layout._finish`).

Found on a seeded network with tunnels of 218 stations: two lines ran 60 units either side of
Schillerhausen at every spread (compaction keeps parallel runs half a gap apart, and the
spread scales that gap only up to 68 units), nearer than its name is long. No spread freed it;
the placement kept spread 2.5 with the name across a line. The wide scan finds it a place
beyond that line, and `_finish` keeps the smallest spread whose placement is then clean."""

from __future__ import annotations

from typing import Any

import pytest

import transit_maps.layout as engine
from tests.layout.rail_cases import tunnel_layer
from tests.layout.spread_log import started_drawings
from transit_maps.layout import layout
from transit_maps.layout.geometry import PlacedStation
from transit_maps.layout.label_candidates import SCAN_REACH, scan_candidates
from transit_maps.layout.metrics import measure
from transit_maps.layout.spatial import box_point_distance


def _station(title: str) -> PlacedStation:
    return PlacedStation("s", 500.0, 300.0, False, None, title, ("l",), False, False, 90.0)


def test_the_wide_scan_reaches_as_far_by_the_boxes_edges() -> None:
    station = _station("Schillerhausen")
    at = (station.x, station.y)
    narrow = scan_candidates(station)
    wide = scan_candidates(station, wide=True)
    for boxes in (narrow, wide):
        assert all(box_point_distance(c.box, at) <= SCAN_REACH + 1e-9 for c in boxes)

    # a box whose centre lies beyond the reach along x, its near edge within it: a long name
    # beyond a line that runs close by
    def beyond(c: Any) -> bool:
        return abs(c.box.x + c.box.width / 2 - station.x) > SCAN_REACH

    assert not any(beyond(c) for c in narrow)
    assert any(beyond(c) for c in wide)
    assert {(c.box.x, c.box.y) for c in narrow} <= {(c.box.x, c.box.y) for c in wide}


def test_a_name_stuck_at_every_spread_is_placed_clear_at_the_smallest_spread_it_can(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layer = tunnel_layer(220, seed=5)
    started = started_drawings(monkeypatch)
    drawn = layout(layer, "tunnels")
    m = measure(drawn, layer)
    assert m.label_overlaps == 0
    assert m.labels_placed == m.labels_expected
    # every spread left some station stuck, so each was finished in turn, smallest first
    assert [s for s, _ in started] == list(engine.LABEL_ROOM)
    assert all(p.labels.stuck for _, p in started)
    kept = next(s for s, p in started if p.laid() is drawn)
    assert kept < max(engine.LABEL_ROOM)
    for spread, pending in started:
        if spread < kept:
            assert measure(pending.laid(), layer).label_overlaps > 0
