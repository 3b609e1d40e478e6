"""Crossings at port-area stations: stubs along the bar are the station, not crossings."""

from __future__ import annotations

from tests.layout.handmade import make_layer, make_layout
from transit_maps.layout.geometry import Point
from transit_maps.layout.markers import PORT_NEIGHBOURS, SIDE_PORTS
from transit_maps.layout.metrics import measure


def _star(bent: list[Point] | None = None) -> int:
    """Crossings of a hub with nine edges drawn from a vertical bar, as the engine exports them.

    Each edge runs up or down the bar from the hub's centre (0, 0) to its own node, then east
    or west to a leaf; stubs that leave the centre the same way overlap along the bar.
    """
    leaves = [f"n{i}" for i in range(9)]
    layer = make_layer({leaf: [["hub", leaf]] for leaf in leaves})
    pos: dict[str, Point] = {"hub": (0.0, 0.0)}
    paths: dict[tuple[str, str], list[Point]] = {}
    for i, leaf in enumerate(leaves):
        y = 24.0 * (i // 2 + 1) * (1 if i % 4 < 2 else -1)
        x = 96.0 if i % 2 == 0 else -96.0
        pos[leaf] = (x, y)
        paths[("hub", leaf)] = [(0.0, 0.0), (0.0, y), (x, y)]
    if bent is not None:  # n0's edge drawn another way (its station at the path's end)
        paths[("hub", "n0")] = bent
        pos["n0"] = bent[-1]
    return measure(make_layout(layer, pos, paths), layer).edge_crossings


def test_stubs_overlapping_along_a_port_area_are_no_crossings() -> None:
    assert PORT_NEIGHBOURS == 8
    assert _star() == 0


def test_a_real_crossing_next_to_a_port_area_still_counts() -> None:
    # n0's edge leaves the bar at (0, 24), east, then turns back across n4's horizontal run
    # (n4 sits at y = 72, east): it crosses that run at (48, 72)
    bent: list[Point] = [(0.0, 0.0), (0.0, 24.0), (48.0, 24.0), (48.0, 96.0), (96.0, 96.0)]
    assert _star(bent) == 1


def test_edges_of_an_ordinary_station_overlapping_still_count() -> None:
    # the same overlap at a station of two edges is a defect (see test_metrics_figures)
    layer = make_layer({"a": [["c", "e"]], "b": [["c", "f"]]})
    pos: dict[str, Point] = {"c": (0, 0), "e": (96, 0), "f": (96, 48)}
    paths = {("c", "f"): [(0.0, 0.0), (48.0, 0.0), (96.0, 48.0)]}
    assert measure(make_layout(layer, pos, paths), layer).edge_crossings == 1


def _fan(leaves: int) -> int:
    """Crossings of a step whose edges run down a bar from its centre (0, 0), then east to
    `leaves` alternatives, one per track below: the stubs overlap along the bar."""
    names = [f"x{i}" for i in range(leaves)]
    layer = make_layer({"a": [["in", "s", names[0]]], **{n: [["s", n]] for n in names[1:]}})
    pos: dict[str, Point] = {"in": (-96.0, 0.0), "s": (0.0, 0.0)}
    paths: dict[tuple[str, str], list[Point]] = {("in", "s"): [(-96.0, 0.0), (0.0, 0.0)]}
    for i, name in enumerate(names):
        pos[name] = (96.0, 24.0 * i)
        paths[("s", name)] = [(0.0, 0.0), (0.0, 24.0 * i), (96.0, 24.0 * i)]
    return measure(make_layout(layer, pos, paths), layer).edge_crossings


def test_stubs_of_a_station_with_more_than_side_ports_to_one_side_are_no_crossings() -> None:
    # seven neighbours, six of them east: a port area (`markers.has_port_area`)
    assert _fan(SIDE_PORTS + 1) == 0
    # six neighbours, five east: a point, whose edges may not leave it on top of each other
    assert _fan(SIDE_PORTS) > 0
