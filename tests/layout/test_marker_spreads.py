"""Station markers keep their size when the drawing spreads (`layout._finish`): where two
overlap at the first spread that places every label, a larger spread is tried (up to
`MARKER_SPREADS` more) for one where none do.

The case is held-out Frankfurt's: a U-Bahn station drawn half a gap from the Hauptbahnhof,
whose marker runs across the 8-line S-Bahn trunk and so reaches 34 units to either side."""

from __future__ import annotations

from typing import Any

import pytest

import transit_maps.layout as engine
from tests.layout.spread_log import started_drawings
from transit_maps.layout import _finish
from transit_maps.layout.dimensions import GRID
from transit_maps.layout.geometry import Layout
from transit_maps.layout.markers import marker_overlaps
from transit_maps.layout.metrics import label_overlap_counts
from transit_maps.layout.octi import Schematic
from transit_maps.loader import load_map_text
from transit_maps.model import Layer

TRUNK = 8
_LINES = "\n".join(
    f"      s{k}:\n        title: S{k}\n        stations: [west, hub, east]" for k in range(TRUNK)
)
MAP = f"""
title: Trunk
layers:
  network:
    title: Network
    kind: other
    lines:
{_LINES}
      u:
        title: U
        stations: [park, fair, hub]
"""


def _layer() -> Layer:
    return load_map_text(MAP, "trunk.yaml").layers[0]


def _schematic(fair: tuple[float, float]) -> Schematic:
    """The trunk west-hub-east along y = 0; the U line from a park south-west of the hub,
    east through `fair`, then up into the hub (grid units: one station gap is 1)."""
    out = Schematic()
    out.positions = {"west": (-2.0, 0.0), "hub": (0.0, 0.0), "east": (2.0, 0.0)}
    out.positions["park"] = (fair[0] - 1.5, fair[1])
    out.positions["fair"] = fair
    out.paths = {
        ("west", "hub"): [(-2.0, 0.0), (0.0, 0.0)],
        ("hub", "east"): [(0.0, 0.0), (2.0, 0.0)],
        ("park", "fair"): [out.positions["park"], fair],
        ("fair", "hub"): [fair, (fair[1], fair[1]), (0.0, 0.0)],
    }
    out.angles = {"west": 0.0, "hub": 0.0, "east": 0.0, "park": 0.0, "fair": 0.0}
    return out


def _spread(laid: Layout) -> float:
    """The spread a drawing was framed at: west and hub are two gaps apart."""
    at = {s.id: s.x for s in laid.stations}
    return (at["hub"] - at["west"]) / 2 / GRID


def _spreads(started: list[tuple[float, Any]]) -> list[float]:
    return [spread for spread, _ in started]


def test_a_marker_beside_a_wide_interchange_is_spread_clear(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layer = _layer()
    started = started_drawings(monkeypatch)
    # 10.6 units from the hub's pill at the usual gap (both markers 6 thick): they overlap
    laid = _finish(layer, "trunk", _schematic((0.22, 0.5)))
    assert _spreads(started) == [1.0, 1.25]
    assert marker_overlaps(laid) == 0
    assert sum(label_overlap_counts(laid)) == 0
    assert _spread(laid) == 1.25
    assert all(s.label is not None for s in laid.stations if not s.junction)


def test_markers_clear_at_the_first_spread_keep_it(monkeypatch: pytest.MonkeyPatch) -> None:
    layer = _layer()
    started = started_drawings(monkeypatch)
    laid = _finish(layer, "trunk", _schematic((0.5, 1.0)))
    assert marker_overlaps(laid) == 0
    assert _spread(laid) == 1.0
    assert _spreads(started) == [1.0]


def test_markers_that_no_spread_clears_keep_the_first_clean_spread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layer = _layer()
    started = started_drawings(monkeypatch)
    monkeypatch.setattr(engine, "apart", lambda *_: None)  # nothing moves along its track
    # a station on the hub's own pill: no spread takes it off, and only MARKER_SPREADS more
    # spreads are tried before the first without label overlaps is kept
    laid = _finish(layer, "trunk", _schematic((0.0, 0.1)))
    assert marker_overlaps(laid) > 0
    assert sum(label_overlap_counts(laid)) == 0
    assert _spread(laid) == 1.0
    assert _spreads(started) == [1.0, 1.25, 1.5][: 1 + engine.MARKER_SPREADS]


def test_markers_that_no_spread_clears_move_apart_along_their_track(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layer = _layer()
    started = started_drawings(monkeypatch)
    # the same station on the hub's pill: after the spreads, it moves back along its own
    # track, towards the park, until it is half a station gap from the hub (`markers_apart`),
    # and the drawing is spread and labelled again
    laid = _finish(layer, "trunk", _schematic((0.0, 0.1)))
    assert marker_overlaps(laid) == 0
    assert sum(label_overlap_counts(laid)) == 0
    assert all(s.label is not None for s in laid.stations if not s.junction)
    tried = [1.0, 1.25, 1.5][: 1 + engine.MARKER_SPREADS]
    assert _spreads(started)[: len(tried)] == tried
    at = {s.id: (s.x, s.y) for s in laid.stations}
    assert at["fair"][0] < at["hub"][0]  # moved towards the park
    assert at["fair"][1] == pytest.approx(at["park"][1])  # on its own track
