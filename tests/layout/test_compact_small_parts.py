"""Compaction moves small parts alone (a terminus, a short branch), scales its growth cost with
the size of the drawing, and nudges a crowded station along its chain."""

from __future__ import annotations

import math

from transit_maps.layout.chains import Chain
from transit_maps.layout.compact import _spread
from transit_maps.layout.compact_axis import (
    GROW_COST,
    GROW_COST_EDGES,
    MIN_EDGE,
    Drawing,
    LengthSpread,
)
from transit_maps.layout.compact_cut import _best_shift, _Net, _seed_parts, compact_cuts
from transit_maps.layout.octi import Schematic


def tied_drawing() -> Drawing:
    # a-b: 6 units to the terminus b; the diagonal c-e and the vertical c-a tie everything
    # else together, so a cut across x takes the whole drawing, or lengthens a-b, or moves a,
    # c and e right, which lengthens h-a (1 unit, a terminus at h): by half a unit at most
    return Drawing(
        {"a": (0.0, 0.0), "b": (6.0, 0.0), "c": (0.0, -3.0), "e": (8.0, -11.0), "h": (-1.0, 0.0)},
        [
            [(0.0, 0.0), (6.0, 0.0)],
            [(0.0, -3.0), (8.0, -11.0)],
            [(0.0, -3.0), (0.0, 0.0)],
            [(-1.0, 0.0), (0.0, 0.0)],
        ],
        [1, 8, 3, 1],
    )


def test_a_terminus_is_a_small_part_by_itself() -> None:
    net = _Net(tied_drawing(), (1, 0))
    b = net.keys["b"]
    assert {b: (1, 0)} in _seed_parts(net)
    assert {net.keys["h"]: (1, 0)} in _seed_parts(net)
    # c, e and a are tied by the diagonal and the vertical: they would move together, but
    # they are more than half the drawing
    assert not any(net.keys["a"] in part for part in _seed_parts(net))


def test_only_the_small_part_shortens_a_long_edge_to_a_terminus() -> None:
    d = tied_drawing()
    cut, _ = compact_cuts(d, (1, 0), 0.0)
    a, b = cut.chains[0]
    assert b[0] - a[0] >= 5.5
    after, moved = compact_cuts(d, (1, 0), 0.0, small=True)
    assert moved
    a, b = after.chains[0]
    assert MIN_EDGE <= b[0] - a[0] < 5.5
    assert b[1] == a[1] == 0.0  # still horizontal


def test_a_small_part_stays_inside_the_drawing() -> None:
    # b is the shortest edge's terminus on the drawing's right edge: growing a-b would push b
    # out of the box, so a small part may not
    d = Drawing(
        {"a": (0.0, 0.0), "b": (1.0, 0.0), "c": (0.0, -3.0), "e": (3.0, -6.0)},
        [[(0.0, 0.0), (1.0, 0.0)], [(0.0, -3.0), (3.0, -6.0)], [(0.0, -3.0), (0.0, 0.0)]],
        [1, 1, 1],
    )
    net = _Net(d, (1, 0))
    part = {net.keys["b"]: (1, 0)}
    lengths = [2.0, 6 * math.sqrt(2), 6.0]  # half units
    need = [2.0, 2.0, 2.0]
    spread = LengthSpread(list(lengths), d.steps, 0.0)
    free = _best_shift(net, part, spread, lengths, need, d.steps)
    assert free is not None and free[1] < 0  # forward: a-b grows
    boxed = _best_shift(net, part, spread, lengths, need, d.steps, (0, -8, 2, 0))
    assert boxed is None


def test_the_growth_cost_falls_with_the_number_of_edges() -> None:
    small = LengthSpread([2.0] * 10, [1] * 10)
    assert small.grow_cost == GROW_COST
    big = LengthSpread([2.0] * 300, [1] * 300)
    assert math.isclose(big.grow_cost, GROW_COST * GROW_COST_EDGES / 300)


def test_a_nudged_station_moves_along_its_chain() -> None:
    chain = Chain(("a", "m", "b"), ())
    path = [(0.0, 0.0), (4.0, 0.0)]
    even = Schematic(positions={"a": (0.0, 0.0), "b": (4.0, 0.0)}, paths={}, angles={})
    _spread(chain, path, even)
    assert even.positions["m"] == (2.0, 0.0)
    nudged = Schematic(positions={"a": (0.0, 0.0), "b": (4.0, 0.0)}, paths={}, angles={})
    _spread(chain, path, nudged, shifts={"m": 0.5})
    assert nudged.positions["m"] == (2.5, 0.0)
    assert nudged.paths[("a", "m")] == [(0.0, 0.0), (2.5, 0.0)]
    assert nudged.paths[("m", "b")] == [(2.5, 0.0), (4.0, 0.0)]


def test_a_bend_slides_instead_of_pulling_the_rest_along() -> None:
    # a -(horizontal)- bend (1, 0) -(diagonal)- bend (2, 1) -(horizontal)- b; b moves along
    # (0, 1). The horizontal piece would pull the bend (2, 1) along, and the diagonal then a:
    # the bend slides along the diagonal instead, so a stays where it is
    d = Drawing(
        {"a": (0.0, 0.0), "b": (3.0, 1.0), "g": (3.0, 4.0)},
        [[(0.0, 0.0), (1.0, 0.0), (2.0, 1.0), (3.0, 1.0)], [(3.0, 1.0), (3.0, 4.0)]],
        [2, 3],
    )
    net = _Net(d, (0, 1))
    b, bend = net.keys["b"], net.index[(4, 2)]  # half units
    motion = net.motion({b})
    assert motion == {b: (0, 1), bend: (1, 1)}
    net.move(motion, -1)  # forward by half a unit: b down, the bend down the diagonal
    assert net.xy[b] == [6, 3]
    assert net.xy[bend] == [5, 3]  # b's horizontal piece is shorter, still horizontal
    # every piece keeps its direction: (1, 0) -> bend is still diagonal, bend -> b horizontal
    corner = net.index[(2, 0)]
    dx, dy = net.xy[bend][0] - net.xy[corner][0], net.xy[bend][1] - net.xy[corner][1]
    assert dx == dy > 0
