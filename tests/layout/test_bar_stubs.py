"""Stubs along a port-area bar: a chain's stations are laid past them, never on them.

A station with more than eight neighbours occupies a bar of grid nodes; each of its edges leaves
from some node of the bar, and its exported path starts with a stub along the bar from the
station's centre. Were the stations of a chain laid evenly along that whole path, a chain that
leaves far out on the bar with a short route would put its first station on the stub, where the
stubs of the hub's other edges run: crossings and a station on foreign edges that the router,
counting shared grid nodes, never saw. `octi._lay_out_chain` lays them on the routed part only.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from tests.layout.handmade import make_layer
from transit_maps.layout import octi
from transit_maps.layout.chains import Chain
from transit_maps.layout.embedding import graph_of
from transit_maps.layout.metrics import drawing_faults
from transit_maps.model import Layer

Vec = tuple[float, float]


def _fan() -> tuple[Layer, dict[str, Vec]]:
    """A hub with ten two-step branches out to a report each, spread up and down.

    Each branch is hub - tool - report; in the embedding the tools stand in a column east of
    the hub, ten station gaps high, so the hub's bar is long, and a branch leaving near an end
    of the bar runs straight east, four grid steps, after a long stub.
    """
    tools = [f"t{i}" for i in range(10)]
    layer = make_layer({tool: [["hub", tool, f"r{i}"]] for i, tool in enumerate(tools)})
    embedding: dict[str, Vec] = {"hub": (0.0, 0.0)}
    for i, tool in enumerate(tools):
        embedding[tool] = (1.0, i - 4.5)
        embedding[f"r{i}"] = (2.0, i - 4.5)
    return layer, embedding


def _blind(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stations laid along the whole path, stubs included, as before."""
    lay_out = octi._lay_out_chain

    def whole_path(*args: Any) -> None:
        lay_out(*args[:6])

    monkeypatch.setattr(octi, "_lay_out_chain", whole_path)


def _schematic(layer: Layer, embedding: dict[str, Vec]) -> octi.Schematic:
    s = octi.schematise(layer, graph_of(layer), embedding)
    assert s is not None
    return s


def test_the_fan_has_a_port_area() -> None:
    layer, _ = _fan()
    g = graph_of(layer)
    assert max(d for _, d in g.degree) > octi.MAX_POINT_DEGREE
    assert nx.check_planarity(g)[0]


def test_stations_on_the_stubs_would_hide_faults(monkeypatch: pytest.MonkeyPatch) -> None:
    # the case is a real one: laid along the whole path, stations land on the stubs
    _blind(monkeypatch)
    s = _schematic(*_fan())
    assert drawing_faults(s.positions, s.paths) > s.crossings


def test_counted_crossings_match_the_geometry() -> None:
    s = _schematic(*_fan())
    assert drawing_faults(s.positions, s.paths) == s.crossings == 0


def _two_hubs(right: Vec = (3.0, 2.0), column: float = 1.5) -> tuple[Layer, dict[str, Vec]]:
    """Ten two-step chains between two hubs, each a port area, the tools in a column between
    them (at x = `column`) and off centre, so the chains leave the bars away from their
    centres."""
    tools = [f"t{i}" for i in range(10)]
    layer = make_layer({tool: [["left", tool, "right"]] for tool in tools})
    embedding: dict[str, Vec] = {"left": (0.0, 0.0), "right": right}
    for i, tool in enumerate(tools):
        embedding[tool] = (column, i - 3.5)
    return layer, embedding


def test_between_two_bars_the_count_matches_the_geometry(monkeypatch: pytest.MonkeyPatch) -> None:
    # the right hub far below the left one: most chains leave the left bar far from its centre
    layer, embedding = _two_hubs((2.0, 6.0), 1.0)
    s = _schematic(layer, embedding)
    assert drawing_faults(s.positions, s.paths) == s.crossings == 0
    _blind(monkeypatch)
    blind = _schematic(layer, embedding)
    assert drawing_faults(blind.positions, blind.paths) > blind.crossings


def _laid(path: list[tuple[int, int]], stubs: tuple[bool, bool], **pins: Vec) -> list[Vec]:
    chain = Chain(("a", "b", "c", "d"), ("l",))
    out = octi.Schematic(crossings=0, effort=0)
    octi._lay_out_chain(chain, path, out, 1, (), pins, stubs)
    return [out.positions[s] for s in ("b", "c")]


def test_stations_spread_over_the_routed_part_only() -> None:
    # a stub of 6 down the bar, then 3 steps east: the two stations split the 3 steps
    path = [(0, 0), (0, 6), (3, 6)]
    assert _laid(path, (True, False)) == [(1.0, 6.0), (2.0, 6.0)]
    # without the stub flag they spread over all 9 (the first on the stub)
    assert _laid(path, (False, False)) == [(0.0, 3.0), (0.0, 6.0)]
    # a stub at the far end: the same, mirrored
    back = list(reversed(path))
    assert _laid(back, (False, True)) == [(2.0, 6.0), (1.0, 6.0)]


def test_a_pin_on_the_routed_part_holds_with_stubs() -> None:
    path = [(0, 0), (0, 6), (6, 6)]
    # c pinned 5 steps along the routed part: b halfway before it
    assert _laid(path, (True, False), c=(5.0, 6.0)) == [(2.5, 6.0), (5.0, 6.0)]
