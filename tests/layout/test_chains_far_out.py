"""A chain that the embedding draws far out and back is cut where it is farthest out
(`chains.far_out`, `octi.FAR_OUT`): the router's searches reach only so far round a chain's end
stations, and a long ring chain between two nearby junctions found no path (held-out Toronto:
29 stations round the ring between two junctions 8 gaps apart; routed by the last resort, every
candidate gave up and the layout took 12.8 s)."""

from __future__ import annotations

import math

from tests.layout.engine_checks import make_layer
from transit_maps.layout.chains import Chain, contract, far_out
from transit_maps.layout.embedding import embeddings, graph_of
from transit_maps.layout.grid import SHARP_BEND
from transit_maps.layout.octi import FAR_OUT, schematise
from transit_maps.model import Layer


def ring_layer(count: int) -> Layer:
    """Junctions a and b two stations apart on a short line, and a long line of `count`
    stations from a round to b: a ring whose long side stress draws far out and back."""
    long_side = ["a", *(f"s{k}" for k in range(1, count + 1)), "b"]
    return make_layer({"short": [["x2", "x1", "a", "m", "b", "y1", "y2"]], "long": [long_side]})


def test_far_out_names_the_station_farthest_outside_the_ends_box() -> None:
    chain = Chain(("a", "p", "q", "r", "b"), ("l",))
    pos = {"a": (0.0, 0.0), "b": (4.0, 0.0), "p": (1.0, 10.0), "q": (2.0, 20.0), "r": (3.0, 9.0)}
    # 4 steps of 10 grid steps each: 40 long between ends 4 apart, a bulge of 18
    assert far_out([chain], pos, 16.0, 10) == ["q"]
    assert far_out([chain], pos, 20.0, 10) == []  # 20 out is not more than 20
    inside = {**pos, "q": (2.0, 3.0), "p": (-3.0, 1.0), "r": (5.0, -2.0)}
    assert far_out([chain], inside, 4.0, 10) == []
    # a short chain need not bulge, however far the embedding drew its stations
    assert far_out([chain], pos, 16.0, 2) == []


def test_contract_cuts_at_the_stations_given() -> None:
    layer = ring_layer(6)
    g = graph_of(layer)
    whole = {_either_way(c) for c in contract(layer, g)}
    assert ("a", "s1", "s2", "s3", "s4", "s5", "s6", "b") in whole
    cut = {_either_way(c) for c in contract(layer, g, ["s3"])}
    assert ("a", "s1", "s2", "s3") in cut
    assert ("b", "s6", "s5", "s4", "s3") in cut
    assert ("a", "s1", "s2", "s3", "s4", "s5", "s6", "b") not in cut


def _either_way(chain: Chain) -> tuple[str, ...]:
    return min(chain.stations, tuple(reversed(chain.stations)))


def test_a_long_ring_chain_routes_without_the_last_resort_on_every_candidate() -> None:
    # 40 stations round the ring, its ends 2 gaps apart: before the cut, the last candidate
    # embedding drew the ring's long side by the last resort (10 crossings counted) after
    # 250 000 A* expansions, and the others took 110 000-250 000 each (now 4 000-80 000)
    layer = ring_layer(40)
    g = graph_of(layer)
    found = embeddings(layer, None, 8)
    far = [
        far_out(
            contract(layer, g),
            {n: (x * step, y * step) for n, (x, y) in pos.items()},
            FAR_OUT,
            step,
        )
        for pos, step in found
    ]
    assert sum(1 for cut in far if cut) >= 4  # the cut is what this test is about
    for pos, step in found:
        drawn = schematise(layer, g, pos, step, math.inf, {}, set(), bends=SHARP_BEND)
        assert drawn is not None
        assert drawn.crossings == 0
