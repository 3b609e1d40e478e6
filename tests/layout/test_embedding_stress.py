"""Pivot MDS and the octilinear turn (`layout.embedding_stress`) on small known graphs."""

from __future__ import annotations

import math

import networkx as nx

from transit_maps.layout.embedding import crossings
from transit_maps.layout.embedding_stress import octilinear_turn, pivot_mds


def _grid(w: int, h: int) -> tuple[nx.Graph, list[str]]:
    g = nx.Graph()
    nodes = [f"n{x}-{y}" for y in range(h) for x in range(w)]
    g.add_nodes_from(nodes)
    for y in range(h):
        for x in range(w):
            if x + 1 < w:
                g.add_edge(f"n{x}-{y}", f"n{x + 1}-{y}")
            if y + 1 < h:
                g.add_edge(f"n{x}-{y}", f"n{x}-{y + 1}")
    return g, nodes


def test_pivot_mds_unfolds_a_grid_without_crossings() -> None:
    g, nodes = _grid(8, 5)
    pos = pivot_mds(g, nodes)
    assert set(pos) == set(nodes)
    assert crossings(g, nodes, pos) == 0
    # one hop is about one unit: the median edge is scaled to exactly 1
    lengths = sorted(math.dist(pos[a], pos[b]) for a, b in g.edges())
    assert abs(lengths[len(lengths) // 2] - 1.0) < 1e-9
    # the long side stays the long side
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    spans = sorted((max(xs) - min(xs), max(ys) - min(ys)))
    assert spans[1] > 1.3 * spans[0]


def test_pivot_mds_lays_a_path_out_straight_in_order() -> None:
    g = nx.path_graph([f"s{i}" for i in range(12)])
    nodes = list(g)
    pos = pivot_mds(g, nodes)
    first, last = pos["s0"], pos["s11"]
    assert math.dist(first, last) > 10.0  # stretched out, not folded
    # every station is further from s0 than the one before
    dists = [math.dist(first, pos[n]) for n in nodes]
    assert dists == sorted(dists)


def test_pivot_mds_is_deterministic_and_handles_tiny_components() -> None:
    g, nodes = _grid(6, 6)
    assert pivot_mds(g, nodes) == pivot_mds(g, nodes)
    pair = nx.Graph([("a", "b")])
    assert pivot_mds(pair, ["a", "b"]) == {"a": (0.0, 0.0), "b": (1.0, 0.0)}


def test_octilinear_turn_brings_a_tilted_grid_back_onto_the_axes() -> None:
    g, nodes = _grid(5, 3)
    tilt = math.radians(17)
    pos = {
        n: (
            x * math.cos(tilt) - y * math.sin(tilt),
            x * math.sin(tilt) + y * math.cos(tilt),
        )
        for n in nodes
        for x, y in [tuple(map(float, n[1:].split("-")))]
    }
    turned = octilinear_turn(g, nodes, pos, [["n0-0", "n4-0"]])
    for a, b in g.edges():
        dx = turned[b][0] - turned[a][0]
        dy = turned[b][1] - turned[a][1]
        assert min(abs(dx), abs(dy)) < 1e-9  # horizontal or vertical again
    # wider than tall, and the route n0-0 -> n4-0 runs left to right
    xs = [p[0] for p in turned.values()]
    ys = [p[1] for p in turned.values()]
    assert max(xs) - min(xs) > max(ys) - min(ys)
    assert turned["n4-0"][0] > turned["n0-0"][0]
