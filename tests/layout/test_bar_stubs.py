"""Stubs along a port-area bar: the router keeps a chain's stations off them.

A station with more than eight neighbours occupies a bar of grid nodes; each of its edges leaves
from some node of the bar, and its exported path starts with a stub along the bar from the
station's centre. The stations of a chain are laid evenly along that whole path, so a chain that
leaves far out on the bar with a short route would put its first station on the stub, where the
stubs of the hub's other edges run: crossings and a station on foreign edges that the router,
counting shared grid nodes, never saw. `Router.bar_steps` makes such a route long enough.
"""

from __future__ import annotations

import networkx as nx
import pytest

from tests.layout.handmade import make_layer
from transit_maps.layout import octi
from transit_maps.layout.embedding import graph_of
from transit_maps.layout.grid import BEND, DIRS, Ends, Grid, route
from transit_maps.layout.metrics import drawing_faults
from transit_maps.layout.router import BAR_CLEARANCE, Router
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


def _schematic(monkeypatch: pytest.MonkeyPatch | None = None) -> octi.Schematic:
    layer, embedding = _fan()
    if monkeypatch is not None:  # the router blind to its stubs, as before
        monkeypatch.setattr(Router, "bar_steps", lambda self, chain, station: {})
    s = octi.schematise(layer, graph_of(layer), embedding)
    assert s is not None
    return s


def test_the_fan_has_a_port_area() -> None:
    layer, _ = _fan()
    g = graph_of(layer)
    assert max(d for _, d in g.degree) > octi.MAX_POINT_DEGREE
    assert nx.check_planarity(g)[0]


def test_without_bar_steps_the_stubs_hide_faults(monkeypatch: pytest.MonkeyPatch) -> None:
    # the case is a real one: a router blind to its stubs counts fewer crossings than there are
    s = _schematic(monkeypatch)
    assert drawing_faults(s.positions, s.paths) > s.crossings


def test_counted_crossings_match_the_geometry() -> None:
    s = _schematic()
    assert drawing_faults(s.positions, s.paths) == s.crossings == 0


def test_bar_steps_grow_with_the_stub() -> None:
    layer, embedding = _fan()
    g = graph_of(layer)
    chains = octi.contract(layer, g)
    scaled = {n: (x * octi.STEP, y * octi.STEP) for n, (x, y) in embedding.items()}
    r = Router(Grid(-40, -40, 40, 40), chains, {}, scaled, octi.STEP)
    r.settle_bar("hub")
    centre = r.settled["hub"]
    chain = next(c for c in chains if "hub" in c.ends and c.steps == 2)
    extra = r.bar_steps(chain, "hub")
    least = octi.STEP * chain.steps
    for cell in r.bars["hub"]:
        stub = max(abs(cell[0] - centre[0]), abs(cell[1] - centre[1]))
        # the route of n pieces needs (n - 1) * stub + BAR_CLEARANCE steps
        assert least + extra.get(cell, 0) == max(least, stub + BAR_CLEARANCE)
    # a chain without stations between its ends has no stub to keep off
    direct = next((c for c in chains if c.steps == 1), None)
    assert direct is None or r.bar_steps(direct, "hub") == {}


def test_route_takes_the_extra_steps_of_its_end_cells() -> None:
    # two source cells side by side, the target two steps east of both: the far cell of the
    # source needs six extra steps, so the route starts from the near one
    grid = Grid(-20, -20, 20, 20)
    ports = {(c, d): 0.0 for c in ((0, 0), (0, 1)) for d in range(len(DIRS))}
    source = Ends({(0, 0): 0.0, (0, 1): 0.0}, ports, "a", {(0, 1): 6})
    target = Ends({(2, 0): 0.0}, {((2, 0), d): 0.0 for d in range(8)}, "b")
    path = route(grid, source, target, 2, 1.0, bends=BEND)
    assert path is not None and path[0] == (0, 0) and len(path) - 1 == 2
    # only the far cell: the path is at least 2 + 6 steps long
    only_far = Ends({(0, 1): 0.0}, ports, "a", {(0, 1): 6})
    path = route(grid, only_far, target, 2, 1.0, bends=BEND)
    assert path is not None and path[0] == (0, 1) and len(path) - 1 >= 8
    # a target cell's extra steps count too
    far_target = Ends({(2, 0): 0.0}, {((2, 0), d): 0.0 for d in range(8)}, "b", {(2, 0): 4})
    path = route(grid, Ends({(0, 0): 0.0}, ports, "a"), far_target, 2, 1.0, bends=BEND)
    assert path is not None and len(path) - 1 >= 6


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
    s = octi.schematise(layer, graph_of(layer), embedding)
    assert s is not None
    assert drawing_faults(s.positions, s.paths) == s.crossings == 0
    monkeypatch.setattr(Router, "bar_steps", lambda self, chain, station: {})
    blind = octi.schematise(layer, graph_of(layer), embedding)
    assert blind is not None
    assert drawing_faults(blind.positions, blind.paths) > blind.crossings


def test_off_stubs_measures_the_whole_path() -> None:
    layer, embedding = _two_hubs()
    chains = octi.contract(layer, graph_of(layer))
    scaled = {n: (x * octi.STEP, y * octi.STEP) for n, (x, y) in embedding.items()}
    r = Router(Grid(-40, -40, 40, 40), chains, {}, scaled, octi.STEP)
    r.settle_bar("left")
    r.settle_bar("right")
    chain = next(c for c in chains if c.ends == ("left", "right"))
    (lx, ly), (rx, ry) = r.settled["left"], r.settled["right"]
    assert rx - lx == 6
    # level with the right bar's centre: stubs 1 and 0, a run of 6: (1 + 6) / 2 > 1
    assert r.off_stubs(chain, [(lx + k, ry) for k in range(7)])
    # far up both bars: stubs 8 and 9 and a run of 6 make 23 >= 2 * 9 + BAR_CLEARANCE (the
    # other stub lengthens the path too: the sum of both bars' extra steps asks for more)
    top = ly - 8
    assert ry - top == 9
    assert r.off_stubs(chain, [(lx + k, top) for k in range(7)])
    # a chain out to a terminus, far up the bar with a short run: its station is on the stub
    fan, at = _fan()
    fan_chains = octi.contract(fan, graph_of(fan))
    scaled = {n: (x * octi.STEP, y * octi.STEP) for n, (x, y) in at.items()}
    r = Router(Grid(-40, -40, 40, 40), fan_chains, {}, scaled, octi.STEP)
    r.settle_bar("hub")
    cx, cy = r.settled["hub"]
    branch = next(c for c in fan_chains if "hub" in c.ends)
    assert branch.ends[0] == "hub"
    assert not r.off_stubs(branch, [(cx + k, cy - 5) for k in range(5)])  # (5 + 4) / 2 < 5
    assert r.off_stubs(branch, [(cx + k, cy - 3) for k in range(5)])  # (3 + 4) / 2 > 3
