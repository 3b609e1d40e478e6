"""Shortcuts taken for speed give exactly what the plain formulas give (same floats, same order).

The layout's output must not depend on them: `path_cost` by direction tables, the cached
`node_terms` of the line ordering, `Grid.occupy`/`release` with inlined counting, the grid
index's `each_near`, and the router's `_reserve` over the waiting stations only.
"""

from __future__ import annotations

import itertools
import random
from types import SimpleNamespace
from typing import Any

import pytest

from tests.layout.test_ordering_random import _network
from transit_maps.layout import improve_base, ordering_cost
from transit_maps.layout.chains import Chain
from transit_maps.layout.dimensions import LABEL_GAP
from transit_maps.layout.geometry import Box, PlacedEdge, PlacedStation
from transit_maps.layout.grid import DIRS, Cell, Grid, edge_key
from transit_maps.layout.label_scene import Scene
from transit_maps.layout.router import Router
from transit_maps.layout.spatial import (
    GridIndex,
    bounds_gap,
    box_point_distance,
    segment_box_distance,
)


def _walk(rng: random.Random, length: int) -> list[Cell]:
    path = [(0, 0)]
    for _ in range(length):
        dx, dy = rng.choice(DIRS)
        path.append((path[-1][0] + dx, path[-1][1] + dy))
    return path


def plain_path_cost(path: list[Cell], weight: int) -> float:
    """improve_base.path_cost as first written."""
    cost = 0.0
    for a, b in itertools.pairwise(path):
        cost += (
            improve_base.STEP_COST
            if a[0] == b[0] or a[1] == b[1]
            else improve_base.DIAGONAL_STEP_COST
        )
    for a, b, c in zip(path, path[1:], path[2:], strict=False):
        d1 = DIRS.index((b[0] - a[0], b[1] - a[1]))
        d2 = DIRS.index((c[0] - b[0], c[1] - b[1]))
        t = min(abs(d1 - d2) % 8, 8 - abs(d1 - d2) % 8)
        turn = improve_base.TURN_COST
        cost += weight * (turn[t] if t < 4 else 2 * turn[3])
    return cost


@pytest.mark.parametrize("seed", range(20))
def test_path_cost_matches_the_plain_formula(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(50):
        path = _walk(rng, rng.randint(1, 30))
        weight = rng.randint(1, 5)
        r: Any = SimpleNamespace(routed={0: path}, chains=[SimpleNamespace(lines=("x",) * weight)])
        assert improve_base.path_cost(r, 0) == plain_path_cost(path, weight)  # exactly


def test_path_cost_of_a_path_that_is_not_a_grid_walk() -> None:
    """Steps longer than one cell take the plain formula (the tables know unit steps only)."""
    for path in ([(0, 0), (2, 0)], [(0, 0), (3, 3)], [(0, 0), (0, 0)]):
        r: Any = SimpleNamespace(routed={0: path}, chains=[SimpleNamespace(lines=("a",))])
        assert improve_base.path_cost(r, 0) == plain_path_cost(path, 1)


@pytest.mark.parametrize("seed", range(10))
def test_cached_node_terms_match_the_direct_count(seed: int) -> None:
    layer, result = _network(seed)
    net = ordering_cost.Network(layer, result.edges)
    rng = random.Random(seed)
    for _ in range(30):
        orders = [rng.sample(list(e.lines), len(e.lines)) for e in result.edges]
        for v in net.nodes():
            expected = ordering_cost._node_terms(net, orders, v)
            assert ordering_cost.node_terms(net, orders, v) == expected
            assert ordering_cost.node_terms(net, orders, v) == expected  # from the cache


def plain_occupy(used_edges: dict[Any, int], used_nodes: dict[Cell, int], path: list[Cell]) -> None:
    for a, b in itertools.pairwise(path):
        keys = [edge_key(a, b)]
        if a[0] != b[0] and a[1] != b[1]:
            keys.append(edge_key((a[0], b[1]), (b[0], a[1])))
        for key in keys:
            used_edges[key] = used_edges.get(key, 0) + 1
    for c in path[1:-1]:
        used_nodes[c] = used_nodes.get(c, 0) + 1


@pytest.mark.parametrize("seed", range(10))
def test_occupy_and_release_keep_the_plain_counts(seed: int) -> None:
    rng = random.Random(seed)
    grid = Grid(-50, -50, 50, 50)
    edges: dict[Any, int] = {}
    nodes: dict[Cell, int] = {}
    live: list[list[Cell]] = []
    for _ in range(60):
        if live and rng.random() < 0.4:
            path = live.pop(rng.randrange(len(live)))
            grid.release(path)
            # the plain release: the counts of every other live path, rebuilt
            edges.clear()
            nodes.clear()
            for p in live:
                plain_occupy(edges, nodes, p)
        else:
            path = _walk(rng, rng.randint(1, 12))
            grid.occupy(path)
            plain_occupy(edges, nodes, path)
            live.append(path)
        assert grid.used_edges == edges
        assert grid.used_nodes == nodes


def test_each_near_visits_the_cells_of_the_box_in_order() -> None:
    rng = random.Random(3)
    index: GridIndex[int] = GridIndex()
    boxes = []
    for n in range(200):
        box = Box(rng.uniform(-300, 300), rng.uniform(-300, 300), rng.uniform(0, 90), 20.0)
        boxes.append(box)
        index.insert(box, n)
    for _ in range(100):
        probe = Box(rng.uniform(-300, 300), rng.uniform(-300, 300), rng.uniform(0, 200), 40.0)
        plain = [index._items[n] for key in index._span(probe) for n in index._cells.get(key, ())]
        assert list(index.each_near(probe)) == plain


def plain_reserve(r: Router) -> tuple[dict[Cell, tuple[str, ...]], dict[Cell, tuple[str, ...]]]:
    """Router._reserve as first written: over every settled station, in name order."""
    reserved: dict[Cell, list[str]] = {}
    locked: dict[Cell, list[str]] = {}
    for station, cell in sorted(r.settled.items()):
        if r.pending[station] <= 0 or station in r.bars:
            continue
        near = [(cell[0] + dx, cell[1] + dy) for dx, dy in DIRS]
        open_cells = [c for d, c in enumerate(near) if r.grid.port_free(cell, d) and r.grid.free(c)]
        target = locked if len(open_cells) <= r.pending[station] + 1 else reserved
        for c in open_cells if target is locked else near:
            target.setdefault(c, []).append(station)
    return (
        {c: tuple(v) for c, v in reserved.items()},
        {c: tuple(v) for c, v in locked.items()},
    )


@pytest.mark.parametrize("seed", range(5))
def test_reserve_over_waiting_stations_matches_the_full_scan(seed: int) -> None:
    rng = random.Random(seed)
    names = [f"s{i}" for i in range(12)]
    chains = [
        Chain((a, b), ("l",)) for a, b in itertools.combinations(names, 2) if rng.random() < 0.3
    ]
    embedding = {n: (float(rng.randrange(0, 30)), float(rng.randrange(0, 30))) for n in names}
    grid = Grid(-10, -10, 40, 40)
    r = Router(grid, chains, {}, embedding, 2)
    for ci in rng.sample(range(len(chains)), len(chains)):
        r.route_chain(ci)
        assert (grid.reserved, grid.locked) == plain_reserve(r)
    for ci in sorted(r.routed)[::2]:
        r._unroute(ci)
        assert (grid.reserved, grid.locked) == plain_reserve(r)
        assert r.waiting == {s for s, n in r.pending.items() if n > 0}


def plain_clear(scene: Scene, box: Box, gap: float = LABEL_GAP) -> bool:
    """Scene.clear as first written (with the distance functions of `spatial`)."""
    reach = scene.reach
    grown = Box(box.x - reach, box.y - reach, box.width + 2 * reach, box.height + 2 * reach)
    for centre, r in scene.markers.each_near(grown):
        if box_point_distance(box, centre) < r + gap - 1e-9:
            return False
    for a, b, half, *_ in scene.tracks.each_near(grown):
        if bounds_gap(a, b, box) < half + gap and (
            segment_box_distance(a, b, box) < half + gap - 1e-9
        ):
            return False
    return True


@pytest.mark.parametrize("seed", range(5))
def test_scene_clear_matches_the_plain_test(seed: int) -> None:
    rng = random.Random(seed)
    points = [(rng.uniform(0, 600), rng.uniform(0, 600)) for _ in range(40)]
    stations = [
        PlacedStation(f"s{i}", x, y, rng.random() < 0.2, None, lines=("a",) * (i % 4))
        for i, (x, y) in enumerate(points)
    ]
    edges = [
        PlacedEdge(f"s{i}", f"s{i + 1}", ("a",) * rng.randint(1, 4), (points[i], points[i + 1]))
        for i in range(0, 39, 2)
    ]
    scene = Scene(stations, edges)
    for _ in range(400):
        box = Box(rng.uniform(-20, 620), rng.uniform(-20, 620), rng.uniform(10, 120), 16.0)
        for gap in (LABEL_GAP, 0.0):
            assert scene.clear(box, gap) == plain_clear(scene, box, gap)
