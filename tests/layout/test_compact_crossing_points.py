"""Stations spread along a chain after compaction keep clear of the points where another chain
crosses it, including a crossing at a bend of either path (held-out Hamburg, session 18: a U2
station was spread onto the bend where the U3 crossed its line, and the U3 ran through it)."""

from __future__ import annotations

import math

from transit_maps.layout.chains import Chain
from transit_maps.layout.compact import CLEAR_OF_EDGES, _crossing_points, _spread
from transit_maps.layout.octi import Schematic

# chain 0 runs straight along y = 1 from x = 0 to x = 4; chain 1 comes up x = 2 and bends
# at (2, 1), on chain 0's line, towards the north-east: they cross at that bend
STRAIGHT = [(0.0, 1.0), (4.0, 1.0)]
BENT = [(2.0, 3.0), (2.0, 1.0), (3.0, 0.0)]


def test_a_crossing_at_a_bend_is_a_crossing_point_of_both_chains() -> None:
    points = _crossing_points([STRAIGHT, BENT])
    assert (2.0, 1.0) in points[0]
    assert (2.0, 1.0) in points[1]


def test_chains_that_meet_at_their_ends_do_not_cross() -> None:
    # a shared station is where two chains meet, not where they cross
    meeting = [(4.0, 1.0), (4.0, 3.0)]
    assert _crossing_points([STRAIGHT, meeting]) == {}


def test_a_station_is_not_spread_onto_a_crossing_at_a_bend() -> None:
    # one station in the middle of chain 0 would sit at (2, 1), where chain 1 bends across
    chain = Chain(("a", "m", "b"), ())
    out = Schematic(positions={"a": STRAIGHT[0], "b": STRAIGHT[-1]}, paths={}, angles={})
    _spread(chain, list(STRAIGHT), out, _crossing_points([STRAIGHT, BENT])[0])
    assert math.dist(out.positions["m"], (2.0, 1.0)) >= CLEAR_OF_EDGES
    assert out.positions["m"][1] == 1.0  # still on its own line
