"""Line ordering on seeded random networks, against the exhaustive optimum of the objective."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace

from tests.layout.handmade import make_layer, make_layout
from transit_maps.layout.geometry import Layout
from transit_maps.layout.ordering import order_lines, ordering_cost
from transit_maps.model import Layer

STEPS = ((1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1))
TRUNK = ((1, 2), (2, 2), (3, 2))
# Exhaustive search is only affordable for a few small bundles.
MAX_COMBINATIONS = 600


def _network(seed: int) -> tuple[Layer, Layout]:
    """Lines on a 5x5 grid: random walks, most of them running along a shared trunk."""
    rng = random.Random(seed)
    routes: dict[str, list[list[str]]] = {}
    for n in range(rng.randint(2, 4)):
        cell = (rng.randrange(5), rng.randrange(5))
        route = [cell]
        for _ in range(rng.randint(2, 5)):
            dx, dy = rng.choice(STEPS)
            nxt = (cell[0] + dx, cell[1] + dy)
            if 0 <= nxt[0] < 5 and 0 <= nxt[1] < 5 and nxt not in route:
                route.append(nxt)
                cell = nxt
        if rng.random() < 0.7:
            start = rng.choice([(0, 1), (0, 2), (0, 3), (1, 1), (1, 3)])
            end = rng.choice([(4, 1), (4, 2), (4, 3), (3, 1), (3, 3)])
            route = [start, *TRUNK, end]
            if rng.random() < 0.5:
                route.reverse()
        routes[f"l{n}"] = [[f"s{x}-{y}" for x, y in route]]
    layer = make_layer(routes)
    pos = {}
    for s in layer.stations:
        x, y = s.id[1:].split("-")
        pos[s.id] = (48.0 * int(x), 48.0 * int(y))
    return layer, make_layout(layer, pos)


def _optimum(layer: Layer, result: Layout) -> float | None:
    bundles = [i for i, e in enumerate(result.edges) if len(e.lines) > 1]
    choices = [list(itertools.permutations(result.edges[i].lines)) for i in bundles]
    if not bundles or len(list(itertools.product(*choices))) > MAX_COMBINATIONS:
        return None
    best = float("inf")
    for combo in itertools.product(*choices):
        edges = list(result.edges)
        for i, order in zip(bundles, combo, strict=True):
            edges[i] = replace(edges[i], lines=order)
        best = min(best, ordering_cost(layer, edges))
        if best == 0:
            break
    return best


def test_ordering_is_near_optimal_and_never_worse_than_the_line_order() -> None:
    ours = optimum = 0.0
    compared = 0
    for seed in range(1000, 1200):
        layer, result = _network(seed)
        ordered = order_lines(layer, result.edges)
        assert [sorted(e.lines) for e in ordered] == [sorted(e.lines) for e in result.edges]
        assert ordering_cost(layer, ordered) <= ordering_cost(layer, result.edges)
        best = _optimum(layer, result)
        if best is not None:
            compared += 1
            ours += ordering_cost(layer, ordered)
            optimum += best
    assert compared >= 100
    # Measured: equal to the optimum on all 139 of them; allow one in-station separation.
    assert ours <= optimum + 9
