"""Ports assigned in cyclic order before the dense drawing's paths are routed (layout-dense.md)."""

from __future__ import annotations

import math
from itertools import pairwise

import networkx as nx
import pytest

from tests.layout.test_pipeline_dense import profilers
from tests.layout.test_pipeline_layered import check_geometry
from transit_maps.layout.embedding import components, graph_of
from transit_maps.layout.grid import DIRS
from transit_maps.layout.pipeline import bar_room, port_bar
from transit_maps.layout.pipeline_dense import _variant, dense_schematic, stretched
from transit_maps.layout.pipeline_dense_ports import _cyclic, allowed, assign_ports
from transit_maps.layout.pipeline_dense_routes import route_dense
from transit_maps.layout.pipeline_order import crossings, neighbours, ordered, tracks
from transit_maps.layout.pipeline_ranks import Arc, Ranked, ranked
from transit_maps.model import Layer


def _clockwise(ports: list[int]) -> bool:
    """Whether the ports, read in turn, go once round clockwise (each step 1..7 ahead)."""
    steps = [(b - a) % 8 for a, b in zip(ports, ports[1:] + ports[:1], strict=True)]
    return len(set(ports)) == len(ports) and (len(ports) == 1 or sum(steps) == 8)


def test_seven_arcs_on_one_side_nest_round_the_station() -> None:
    """Seven neighbours in the next column, top to bottom: seven ports clockwise, the middle
    one east, the outer ones round the back (north-west, south-west)."""
    arcs = [Arc("s", f"n{k}", 1, ()) for k in range(7)]
    cell = {"s": (0, 0), **{f"n{k}": (4, (k - 3) * 4) for k in range(7)}}
    rings = assign_ports(arcs, cell, {})
    ring = rings["s"]
    ports = [d for _, d in ring]
    assert [i for (i, _), _ in ring] == list(range(7))  # top to bottom = clockwise
    assert ports == [5, 6, 7, 0, 1, 2, 3]
    # each neighbour's own single end points back at s
    for k in range(7):
        (((i, end), d),) = rings[f"n{k}"]
        assert (i, end) == (k, 1) and DIRS[d][0] <= 0


def test_cyclic_assignment_is_the_cheapest_order_preserving_one() -> None:
    angles = (-1.2, -0.5, 0.0, 0.4, 2.5, 3.0)
    ports = list(_cyclic(angles))
    assert _clockwise(ports)
    assert ports[2] == 0  # straight east stays east
    assert _cyclic((0.1,)) == (0,)


def test_allowed_ports_keep_the_cyclic_order() -> None:
    ring = [((0, 0), 7), ((1, 0), 0), ((2, 0), 1)]
    assert allowed(ring, 1, {}) == [0]  # between north-east and south-east: east only
    assert allowed(ring, 0, {}) == [2, 3, 4, 5, 6, 7]  # its own, or round the back
    # a neighbour drawn by another port moves the bound
    assert allowed(ring, 1, {(2, 0): 2}) == [0, 1]
    assert allowed([((0, 0), 3)], 0, {}) == list(range(8))
    assert allowed([((0, 0), 3), ((1, 1), 6)], 0, {}) == [7, 0, 1, 2, 3, 4, 5]


def _prepared(
    layer: Layer,
) -> tuple[nx.Graph, Ranked, list[list[str]], dict[str, int], dict[str, int]]:
    """The dense drawing's inputs for a layer: its graph, stretched ranks, the first order
    within the ranks, the bars' room and the tracks."""
    g = graph_of(layer)
    comp = components(layer, g)[0]
    rk = stretched(ranked(layer, comp, "0", False, False), comp)
    layers = ordered(rk, comp)[0]
    room = bar_room(rk.arcs, g, sides=False)
    return g, rk, layers, room, tracks(rk, layers, room, False)


def _drawn(n: int, report: bool, ported: bool):  # type: ignore[no-untyped-def]
    layer = profilers(n, report)
    g, rk, layers, room, y = _prepared(layer)
    between = crossings(layers, neighbours(rk)[1])
    return layer, _variant(layer, g, rk, layers, room, y, 4, 2, False, ported), between


@pytest.mark.parametrize(("n", "report"), [(6, True), (7, True), (6, False), (7, False)])
def test_ported_paths_cross_no_more_than_the_order(n: int, report: bool) -> None:
    """Without ports the paths crossed more than the order within the ranks (profilers(7):
    32 against 24; profilers(6) drew nothing); in cyclic order they cross as the order does."""
    layer, plain, between = _drawn(n, report, ported=False)
    _, ported, _ = _drawn(n, report, ported=True)
    assert ported is not None
    assert ported.crossings <= between
    assert plain is None or ported.crossings < plain.crossings
    check_geometry(layer, ported)


def test_ported_drawing_keeps_the_cyclic_order_at_a_fan() -> None:
    """In the drawing kept for profilers(7), the merge step's arcs leave it in the vertical
    order of the profilers they lead to."""
    layer = profilers(7)
    drawn = dense_schematic(layer, graph_of(layer))
    assert drawn is not None
    at = drawn.positions["merge"]
    angle = {}
    for (a, b), path in drawn.paths.items():
        if "merge" in (a, b) and not {a, b} & {"qc"}:
            other = b if a == "merge" else a
            step = path[1] if a == "merge" else path[-2]
            angle[other] = math.atan2(step[1] - at[1], step[0] - at[0])
    by_height = sorted(angle, key=lambda t: drawn.positions[t][1])
    assert len(by_height) == 7
    # clockwise from the top: the angles of the first steps rise (once round, from the back)
    turns = [angle[t] for t in by_height]
    steps = [(b - a) % (2 * math.pi) for a, b in pairwise(turns)]
    assert sum(steps) < 2 * math.pi


def test_routing_stops_once_it_crosses_more_than_allowed() -> None:
    layer = profilers(7)
    _, rk, layers, room, y = _prepared(layer)
    cell = {n: (r * 4, y[n] * 2) for n, r in rk.rank.items()}
    bars = {n: port_bar(n, rk.arcs, cell, layers[rk.rank[n]], room[n]) for n in room}
    assert all(b is not None for b in bars.values())
    full = route_dense(rk.arcs, cell, bars, ported=True)  # type: ignore[arg-type]
    assert full is not None and full.crossings() > 2
    assert route_dense(rk.arcs, cell, bars, ported=True, most=2) is None  # type: ignore[arg-type]


def test_fitted_columns_even_out_the_estimated_lengths() -> None:
    """Gaps only short arcs cross widen, towards the length of the arcs spanning several."""
    from transit_maps.layout.pipeline_dense_spacing import WIDTHS, _piece, fitted_columns

    _, rk, layers, _, y = _prepared(profilers(7))
    xs = fitted_columns(rk, y, 2)
    widths = [b - a for a, b in pairwise(xs)]
    assert len(xs) == len(layers)
    assert all(w in WIDTHS for w in widths)

    def cv(width: list[int]) -> float:
        lengths = [
            sum(_piece(width[rk.rank[a]], abs(y[b] - y[a]) * 2) for a, b in pairwise(arc.nodes))
            for arc in rk.arcs
        ]
        mean = sum(lengths) / len(lengths)
        return math.sqrt(sum((x - mean) ** 2 for x in lengths) / len(lengths)) / mean

    assert cv(widths) < cv([WIDTHS[0]] * len(widths)) - 0.05


@pytest.mark.parametrize("n", [5, 7])
def test_dense_drawing_with_fitted_columns_is_more_even(n: int) -> None:
    """profilers(5) and (7): length CV 0.65 and 0.63 with even columns, now under 0.45."""
    from transit_maps.layout.octi import length_cv

    layer = profilers(n)
    drawn = dense_schematic(layer, graph_of(layer))
    assert drawn is not None
    assert length_cv(drawn) < 0.45
    check_geometry(layer, drawn)


def test_extra_variants_only_while_the_budget_lasts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The (8, 4) spacing and the busiest fans first come after every main variant, and only
    while the A* expansions spent stay under DENSE_BUDGET."""
    import transit_maps.layout.pipeline_dense as dense

    order = dense._variants(2)
    firsts = [extra for extra, *_ in order]
    assert firsts == sorted(firsts)  # every main variant before any extra one
    assert any(busiest for *_, busiest, _ in order)

    drawn: list[bool] = []
    original = dense._variant

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        drawn.append(args[8])  # busiest first
        return original(*args, **kwargs)

    monkeypatch.setattr(dense, "_variant", counting)
    layer = profilers(3, report=False)
    dense_schematic(layer, graph_of(layer))
    assert any(drawn)  # a small layer: the extras are drawn
    drawn.clear()
    monkeypatch.setattr(dense, "DENSE_BUDGET", 0)
    assert dense_schematic(layer, graph_of(layer)) is not None
    assert drawn and not any(drawn)
