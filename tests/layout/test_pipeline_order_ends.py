"""Ends fanned out from one node stand on both sides of the arcs that go on (`centred_ends`)."""

from __future__ import annotations

from tests.layout.engine_checks import make_layer
from tests.layout.test_pipeline_layered import check_geometry
from transit_maps.layout.embedding import graph_of
from transit_maps.layout.pipeline import layered_schematic
from transit_maps.layout.pipeline_order import Nbrs, centred_ends, crossings


def _nbrs(arcs: list[tuple[str, str]], nodes: list[str]) -> tuple[Nbrs, Nbrs]:
    left: Nbrs = {n: [] for n in nodes}
    right: Nbrs = {n: [] for n in nodes}
    for a, b in arcs:
        right[a].append((b, 1))
        left[b].append((a, 1))
    return left, right


def test_ends_split_around_the_through_node_without_new_crossings() -> None:
    nodes = ["p", "x", "e1", "e2", "e3", "e4", "y", "src", "q"]
    arcs = [("p", n) for n in ("x", "e1", "e2", "e3", "e4")] + [("x", "y"), ("src", "q")]
    left, right = _nbrs(arcs, nodes)
    layers = [["p"], ["x", "e1", "e2", "e3", "e4"], ["y", "q"]]
    out = centred_ends(layers, left, right)
    assert out[1] == ["e1", "e2", "x", "e3", "e4"]
    assert crossings(out, right) == crossings(layers, right) == 0


def test_sources_into_one_node_split_too() -> None:
    nodes = ["s1", "s2", "s3", "w", "a", "j"]
    arcs = [("s1", "j"), ("s2", "j"), ("s3", "j"), ("w", "j"), ("a", "w")]
    left, right = _nbrs(arcs, nodes)
    layers = [["a"], ["w", "s1", "s2", "s3"], ["j"]]
    assert centred_ends(layers, left, right)[1] == ["s1", "w", "s2", "s3"]


def test_a_step_feeding_five_tools_and_the_trunk_draws_without_crossing() -> None:
    tools = [f"tool{i}" for i in range(5)]
    layer = make_layer(
        {
            "main": [["reads", "align", "sort", "call", "report"], *[["align", t] for t in tools]],
        }
    )
    drawn = layered_schematic(layer, graph_of(layer))
    assert drawn is not None and drawn.crossings == 0
    check_geometry(layer, drawn)
    y = {n: p[1] for n, p in drawn.positions.items()}
    assert min(y[t] for t in tools) < y["sort"] < max(y[t] for t in tools)
