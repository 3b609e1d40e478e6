"""Ports at fan-ins and fan-outs of the layered drawing (`pipeline_routes.fan_ports`).

The arcs on one side of a point station must take its ports in the order of their next nodes,
top to bottom, or two of them cross. The case below is the fan-in of nf-core/chipseq's IGV
session, made small: into `x` run a straight arc from level `a`, a long arc from `b` one track
below, and a one-column arc from `c` two tracks below; `s` feeds all three, so `b`'s arc is
shut in between the other two. Drawn greedily, `c`'s arc takes the south-west diagonal first
(it has no waypoint, so it is drawn before `b`'s) and `b`'s arc finds no port left between
west and south-west: it crossed one of the others.
"""

from __future__ import annotations

from transit_maps.layout.grid import DIRS
from transit_maps.layout.pipeline_ranks import Arc, waypoint_name
from transit_maps.layout.pipeline_routes import Budget, fan_ports, port_of, route_arcs

W, SW, S = DIRS.index((-1, 0)), DIRS.index((-1, 1)), DIRS.index((0, 1))
WA, WB, WC = (waypoint_name("t", i, 0) for i in range(3))
CELL = {
    "s": (0, 2),
    "a": (4, 0),
    "b": (4, 2),
    WC: (4, 4),
    WA: (8, 0),
    WB: (8, 2),
    "c": (8, 4),
    "x": (12, 0),
}
ARCS = [
    Arc("s", "a", 1, ()),
    Arc("s", "b", 1, ()),
    Arc("s", "c", 1, (WC,)),
    Arc("a", "x", 1, (WA,)),
    Arc("b", "x", 1, (WB,)),
    Arc("c", "x", 1, ()),
]


def test_fan_in_ports_follow_the_order_of_the_arcs() -> None:
    fixed = fan_ports(ARCS, CELL, {})
    assert fixed[("a", "x", -1)] == {W}
    assert fixed[("b", "x", -1)] == {SW}
    assert fixed[("c", "x", -1)] == {S}
    # the fan-out of s: its preferred ports (north-east, east, south-east) are in order already
    assert not any(key[0] == "s" for key in fixed)


def test_fan_in_of_three_is_drawn_without_crossing() -> None:
    routed = route_arcs(ARCS, CELL, {}, Budget())
    assert routed is not None
    assert routed.crossings() == 0
    into_x = [port_of(p[-1], p[-2]) for p in routed.paths[3:]]
    assert into_x == [W, SW, S]
