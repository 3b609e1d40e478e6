"""A port area's pill never covers another station's marker or bar.

Render draws a port-area station (more than eight neighbours) as a pill over every stub vertex
on its bar's line (`layout.markers.port_bars`), so a path that leaves the bar's end along the
bar lengthens the pill. In a dense pipeline two bars stood in one column and both bars' paths
ran into the one cell between them: the pills were drawn over each other, and no metric saw it.
Now the pipeline router keeps such runs a station gap short of the next station in the column
(`pipeline_routes._bar_reach`), a pill stops before a point another station's edge passes, and
`metrics.marker_overlaps` counts markers drawn over each other.
"""

from __future__ import annotations

import pytest

from tests.render.fixtures.layouts import port_area
from transit_maps.layout import pipeline_routes
from transit_maps.layout.geometry import Layout, LineStyle, PlacedEdge, PlacedStation, Point
from transit_maps.layout.grid import Cell, edge_key
from transit_maps.layout.markers import PortBar, marker_overlaps, port_bars
from transit_maps.layout.pipeline_dense_routes import route_dense
from transit_maps.layout.pipeline_ranks import Arc

LINES = ("a", "b", "c")  # three lines on every edge: pills 28 units thick (radius 14)


def _hub(
    hub: str, y: float, last: tuple[Point, ...]
) -> tuple[list[PlacedStation], list[PlacedEdge]]:
    """A port-area station at (0, y) with nine neighbours: eight level with its bar's cells
    below it (stubs down the bar, then east), and a ninth reached by the path `last` (from
    the hub, the hub's own position left out)."""
    stations = [PlacedStation(hub, 0, y, False, None, hub, LINES, True, False, 90)]
    edges = []
    for k in range(8):
        name = f"{hub}{k}"
        row = y + 48 * k
        stations.append(PlacedStation(name, 192, row, False, None, name, LINES))
        stub = ((0.0, row),) if k else ()
        edges.append(PlacedEdge(hub, name, LINES, ((0.0, y), *stub, (192.0, row))))
    end = last[-1]
    name = f"{hub}8"
    stations.append(PlacedStation(name, end[0], end[1], False, None, name, LINES))
    edges.append(PlacedEdge(hub, name, LINES, ((0.0, y), *last)))
    return stations, edges


def _two_bars(top_last: tuple[Point, ...], bottom_last: tuple[Point, ...]) -> Layout:
    """Two port areas in one column: `top` at y = 0 (bar stubs down to 336), `bottom` at
    y = 600 (down to 936); the ninth paths as given."""
    top, top_edges = _hub("top", 0, top_last)
    bottom, bottom_edges = _hub("bottom", 600, bottom_last)
    lines = tuple(LineStyle(line, "#000000") for line in LINES)
    return Layout("m", "l", 400, 1000, (*top, *bottom), (*top_edges, *bottom_edges), lines)


def _span(bar: PortBar) -> tuple[float, float]:
    """Top and bottom of a vertical bar (x = 0)."""
    assert round(bar.start[0], 6) == round(bar.end[0], 6) == 0
    return round(bar.start[1], 6), round(bar.end[1], 6)


def test_a_pill_lengthened_onto_another_bar_is_an_overlap() -> None:
    # the top bar's ninth path runs down the column to 576, 24 short of the bottom hub
    laid = _two_bars(((0, 576), (-24, 600), (-24, 700)), ((96, 960),))
    bars = port_bars(laid)
    assert _span(bars["top"]) == (0, 576)
    assert marker_overlaps(laid) == 1
    # ending at 336 like its other stubs, it keeps clear
    assert marker_overlaps(_two_bars(((0, 336), (-24, 360), (-24, 700)), ((96, 960),))) == 0


def test_a_pill_stops_where_another_stations_path_passes() -> None:
    # both ninth paths run along the column to 468 and meet there (the dense drawing's case):
    # a pill over that point would hide where the other line goes
    laid = _two_bars(((0, 468), (-48, 516), (-48, 700)), ((0, 468), (24, 468), (192, 468)))
    bars = port_bars(laid)
    assert _span(bars["top"]) == (0, 336)
    assert _span(bars["bottom"]) == (600, 936)
    assert marker_overlaps(laid) == 0


def test_ordinary_markers_do_not_overlap() -> None:
    assert marker_overlaps(port_area()) == 0


def _fan_below(n: int) -> tuple[list[Arc], dict[str, Cell], dict[str, list[Cell]]]:
    """A bar (cells (0, 0) to (0, 4)) with arcs to n stations in the next column, two cells
    apart from its top down; a station two cells below the bar in its column, with one arc."""
    cell: dict[str, Cell] = {"hub": (0, 2), "s": (0, 6), "u": (4, 2 * n + 2)}
    arcs = []
    for i in range(n):
        cell[f"t{i}"] = (4, 2 * i)
        arcs.append(Arc("hub", f"t{i}", 1, ()))
    arcs.append(Arc("s", "u", 1, ()))
    return arcs, cell, {"hub": [(0, k) for k in range(5)]}


def _run_below(n: int) -> int:
    """How far down the column the hub's paths run (the bottom of its drawn pill)."""
    arcs, cell, bars = _fan_below(n)
    routed = route_dense(arcs, cell, bars)
    assert routed is not None
    bottom = 4
    for arc, path in zip(arcs, routed.with_stubs(arcs, cell), strict=True):
        if arc.left == "hub":
            for x, y in path[1:]:
                if x != 0:
                    break
                bottom = max(bottom, y)
    return bottom


def test_a_bar_run_stops_a_station_gap_short_of_the_next_station(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _run_below(7) == 4  # the arcs beyond the bar leave its end sideways
    # before: one of them ran on down the column, next to the station at (0, 6)
    monkeypatch.setattr(pipeline_routes, "_bar_reach", lambda cell, bars: [])
    assert _run_below(7) == 5


def test_closed_column_edges() -> None:
    reach = pipeline_routes._bar_reach
    bar = [(0, k) for k in range(5)]
    # a station two cells below: the bar's end may not step down; four below: two steps
    assert reach({"hub": (0, 2), "s": (0, 6)}, {"hub": bar}) == [((0, 4), (0, 5))]
    assert reach({"hub": (0, 2), "s": (0, 8)}, {"hub": bar}) == [((0, 6), (0, 7))]
    # a station above the bar, and a waypoint (no marker) below it
    above = {"hub": (0, 2), "s": (0, -4), "\x000:1:1": (0, 6)}
    assert reach(above, {"hub": bar}) == [((0, -3), (0, -2))]
    # two bars two cells apart share the cell between them; four apart, each gets one
    other = [(0, k) for k in range(6, 9)]
    assert reach({"hub": (0, 2), "o": (0, 7)}, {"hub": bar, "o": other}) == []
    farther = [(0, k) for k in range(8, 11)]
    closed = reach({"hub": (0, 2), "o": (0, 9)}, {"hub": bar, "o": farther})
    assert closed == [((0, 5), (0, 6)), ((0, 6), (0, 7))]
    assert all(edge_key(a, b) == (a, b) for a, b in closed)
