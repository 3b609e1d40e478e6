"""The grid router's A* (`grid.route`): same paths, same expansion counts as a plain A*.

`route` stores states as ints and works out each cell's moves once; `reference_route` below is
the straightforward search it replaced. Both must agree exactly (path and expansions), on
random grids with paths, stations, reserved and locked cells, trails and crossings, because the
layout's output and its work budgets depend on both.
"""

from __future__ import annotations

import copy
import functools
import heapq
import math
import random

import pytest

from transit_maps.layout.grid import (
    _STEP_COST,
    BEND,
    CROSSING,
    DIRS,
    HOP,
    MAX_EXPANSIONS,
    OFF_TRAIL,
    RESERVED,
    SHARP_BEND,
    TRAIL_HOP,
    Bends,
    Cell,
    Ends,
    Grid,
    _on_ray,
    edge_key,
    octi_distance,
    route,
    turn_costs,
)


def reference_route(
    grid: Grid,
    source: Ends,
    target: Ends,
    min_steps: int,
    weight: float,
    crossing: bool = False,
    pad: int = 8,
    max_expansions: int = MAX_EXPANSIONS,
    bends: Bends = BEND,
    wander: bool = False,
    estimate: bool = True,
    totals: list[float] | None = None,
) -> list[Cell] | None:
    """grid.route as it was before states became ints (a plain A* on tuples).

    With `estimate` False, a plain Dijkstra search (no estimate at all): the cheapest path
    for sure. The cost of the path found is appended to `totals`, when given."""
    names = (source.station, target.station)
    turn_table = turn_costs(bends)
    tx = [c[0] for c in target.cells]
    ty = [c[1] for c in target.cells]
    bx0, bx1, by0, by1 = min(tx), max(tx), min(ty), max(ty)
    # min_steps only matters when some pair of end cells is closer than that
    nearest = min(octi_distance(a, b) for a in source.cells for b in target.cells)
    need = min_steps if nearest < min_steps else 0
    sx = [c[0] for c in source.cells]
    sy = [c[1] for c in source.cells]
    margin = pad + max(0, need - nearest) // 2 + 1
    wx0 = max(grid.x0, min(bx0, *sx) - margin)
    wx1 = min(grid.x1, max(bx1, *sx) + margin)
    wy0 = max(grid.y0, min(by0, *sy) - margin)
    wy1 = min(grid.y1, max(by1, *sy) + margin)
    used_edges = grid.used_edges
    used_nodes = grid.used_nodes
    station_at = grid.station_at
    reserved = grid.reserved
    trail = grid.trail
    min_hop = TRAIL_HOP if trail else HOP
    locked = grid.locked
    targets = target.cells

    known: dict[Cell, float] = {}  # node costs do not change during one search
    # With one target cell, a state heading off the ray to it must still turn: its heuristic
    # adds the cheapest bend (admissible, and it spares most expansions of the local search).
    single = len(targets) == 1
    tx0, ty0 = next(iter(targets)) if single else (0, 0)
    turn_floor = weight * min(b for b in bends[1:] if b > 0) if single else 0.0
    per_45 = weight * min(bends[t] / t for t in (1, 2, 3))

    def node_cost(c: Cell) -> float:
        cost = known.get(c)
        if cost is None:
            cost = known[c] = _node_cost(c)
        return cost

    def _node_cost(c: Cell) -> float:
        """inf where the path may not go; else the cost of passing through c."""
        if c in targets:
            return 0.0
        if c in station_at:
            return math.inf
        cost = 0.0
        if c in used_nodes:
            if not crossing:
                return math.inf
            cost = CROSSING
        for station in reserved.get(c, ()):
            if station not in names:
                cost += RESERVED
        for station in locked.get(c, ()):
            if station not in names:
                if not crossing:
                    return math.inf
                cost += CROSSING
        return cost

    def h(x: int, y: int, steps: int) -> float:
        dx = max(bx0 - x, 0, x - bx1)
        dy = max(by0 - y, 0, y - by1)
        return max(dx, dy, need - steps) * min_hop

    # state: (x, y, direction of arrival, steps capped at need)
    State = tuple[int, int, int, int]
    best: dict[State, float] = {}
    parent: dict[State, State | None] = {}
    heap: list[tuple[float, float, int, State]] = []
    tick = 0
    for cell, cost in sorted(source.cells.items()):
        for d in range(8):
            pc = source.port_cost.get((cell, d), math.inf)
            if pc == math.inf:
                continue
            nx_, ny_ = cell[0] + DIRS[d][0], cell[1] + DIRS[d][1]
            if not (wx0 <= nx_ <= wx1 and wy0 <= ny_ <= wy1):
                continue
            if edge_key(cell, (nx_, ny_)) in used_edges:
                continue
            nc = node_cost((nx_, ny_))
            if nc == math.inf:
                continue
            state = (nx_, ny_, d, min(1, need))
            hop = _STEP_COST[d]
            if trail:
                hop = TRAIL_HOP if edge_key(cell, (nx_, ny_)) in trail else hop + OFF_TRAIL
            g = cost + pc + hop + nc
            if g < best.get(state, math.inf):
                best[state] = g
                parent[state] = (cell[0], cell[1], -1, 0)
                tick += 1
                heapq.heappush(heap, (g + (h(nx_, ny_, 1) if estimate else 0.0), g, tick, state))
    goal: tuple[float, State] | None = None
    expansions = 0
    while heap:
        f, g, _, state = heapq.heappop(heap)
        if goal is not None and f >= goal[0]:
            break
        if g > best.get(state, math.inf):
            continue
        expansions += 1
        grid.expansions += 1
        if expansions > max_expansions:
            break
        x, y, d_in, steps = state
        cell = (x, y)
        if cell in targets:
            if steps >= need:
                end = target.port_cost.get((cell, (d_in + 4) % 8), math.inf)
                total = g + targets[cell] + end
                if total < math.inf and (goal is None or total < goal[0]):
                    goal = (total, state)
            if cell in station_at:
                continue  # a path never runs through a station
            # an unsettled target's other candidate cells may be passed on the way
        turn_cost = turn_table[d_in]
        ns = steps + 1 if steps < need else steps
        for d in range(8):
            b = turn_cost[d]
            if b == math.inf:
                continue
            ddx, ddy = DIRS[d]
            nx_, ny_ = x + ddx, y + ddy
            if not (wx0 <= nx_ <= wx1 and wy0 <= ny_ <= wy1):
                continue
            nxt = (nx_, ny_)
            if (cell, nxt) in used_edges or (nxt, cell) in used_edges:
                continue
            passing = known.get(nxt)  # node_cost(nxt), inlined
            if passing is None:
                passing = known[nxt] = _node_cost(nxt)
            if passing == math.inf:
                continue
            hop = _STEP_COST[d]
            if trail:
                hop = TRAIL_HOP if edge_key(cell, nxt) in trail else hop + OFF_TRAIL
            ng = g + weight * b + hop + passing
            hx = max(bx0 - nx_, 0, nx_ - bx1)
            hy = max(by0 - ny_, 0, ny_ - by1)
            nearest_target = max(hx, hy)
            farthest_target = max(nx_ - bx0, bx1 - nx_, ny_ - by0, by1 - ny_)
            short = need - ns
            nstate = (nx_, ny_, d, ns)
            if wander and nearest_target >= short:  # any way on is long enough
                nstate = (nx_, ny_, d, need)
            if ng < best.get(nstate, math.inf):
                best[nstate] = ng
                parent[nstate] = state
                tick += 1
                est = max(nearest_target, short) * min_hop
                if wander and short > farthest_target:
                    # headings within 90 degrees make at most 2 times the distance, within
                    # 135 at most 3 times: a longer path turns by 90, 135 or 180 degrees
                    turns = 2 if short <= 2 * farthest_target else 3
                    if short > 3 * farthest_target:
                        turns = 4
                    est += turns * per_45
                elif single and not _on_ray(tx0 - nx_, ty0 - ny_, ddx, ddy):
                    est += turn_floor  # the target is off this heading: one bend at least
                heapq.heappush(heap, (ng + (est if estimate else 0.0), ng, tick, nstate))
    if goal is None:
        return None
    if totals is not None:
        totals.append(goal[0])
    path: list[Cell] = []
    cur: State | None = goal[1]
    while cur is not None:
        path.append((cur[0], cur[1]))
        cur = parent.get(cur)
    path.reverse()
    return path


def random_case(seed: int) -> tuple[Grid, Ends, Ends, int, float, bool, int, int, Bends]:
    """A seeded grid with routed paths, stations, reserved/locked cells, maybe a trail."""
    rng = random.Random(seed)
    size = rng.randint(6, 22)
    grid = Grid(0, 0, size, size)
    cells = [(x, y) for x in range(size + 1) for y in range(size + 1)]
    for i in range(rng.randint(2, 12)):
        grid.station_at[rng.choice(cells)] = f"s{i}"
    for _ in range(rng.randint(0, 8)):  # random walks as routed paths
        c = rng.choice(cells)
        path = [c]
        for _ in range(rng.randint(1, 10)):
            dx, dy = rng.choice(DIRS)
            n = (path[-1][0] + dx, path[-1][1] + dy)
            if grid.inside(n) and n not in path:
                path.append(n)
        if len(path) > 1:
            grid.occupy(path)
    names = sorted(set(grid.station_at.values()))
    for _ in range(rng.randint(0, 10)):
        grid.reserved[rng.choice(cells)] = tuple(rng.sample(names, rng.randint(1, 2)))
    for _ in range(rng.randint(0, 6)):
        grid.locked[rng.choice(cells)] = (rng.choice(names),)
    if rng.random() < 0.3:
        c = rng.choice(cells)
        for _ in range(rng.randint(2, 12)):
            dx, dy = rng.choice(DIRS)
            n = (c[0] + dx, c[1] + dy)
            grid.trail.add(edge_key(c, n))
            c = n

    def ends(station: str) -> Ends:
        picks = rng.sample(cells, rng.choice((1, 1, 2, 5)))
        cost = {c: float(rng.choice((0, 0, 1, 2.5))) for c in picks}
        ports = {
            (c, d): float(rng.choice((0, 0, 0.5, 3, math.inf))) for c in picks for d in range(8)
        }
        return Ends(cost, ports, station)

    source, target = ends(names[0]), ends(names[-1])
    return (
        grid,
        source,
        target,
        rng.choice((0, 1, 3, 6, 12)),
        float(rng.randint(1, 3)),
        rng.random() < 0.3,
        rng.choice((1, 3, 8)),
        rng.choice((30, 400, 10_000)),
        rng.choice((BEND, SHARP_BEND)),
    )


@pytest.mark.parametrize("wander", [False, True])
@pytest.mark.parametrize("seed", range(400))
def test_route_matches_the_plain_search(seed: int, wander: bool) -> None:
    grid, source, target, steps, weight, crossing, pad, cap, bends = random_case(seed)
    plain = copy.deepcopy(grid)
    got = route(grid, source, target, steps, weight, crossing, pad, cap, bends, wander)
    want = reference_route(plain, source, target, steps, weight, crossing, pad, cap, bends, wander)
    assert got == want
    assert grid.expansions == plain.expansions


def test_wandering_search_finds_the_cheapest_path() -> None:
    """`wander`'s estimate of the turns still to make never overestimates: the path found
    costs what a plain Dijkstra search's costs, on every random case that must make up length
    (a long path between close ends), and it takes fewer expansions than without it."""
    compared = 0
    # (name, wander, estimate)
    modes = (("plain", False, True), ("wander", True, True), ("dijkstra", False, False))
    expansions = {name: 0 for name, _, _ in modes}
    for seed in range(120):
        grid, source, target, _, weight, crossing, pad, _, bends = random_case(seed)
        nearest = min(octi_distance(a, b) for a in source.cells for b in target.cells)
        steps = nearest + 4 + seed % 9  # longer than any path straight there
        costs: dict[str, list[float]] = {name: [] for name, _, _ in modes}
        for name, wander, estimate in modes:
            twin = copy.deepcopy(grid)
            search = functools.partial(
                reference_route, wander=wander, estimate=estimate, totals=costs[name]
            )
            search(twin, source, target, steps, weight, crossing, pad, 10**6, bends)
            expansions[name] += twin.expansions
        assert len(costs["wander"]) == len(costs["dijkstra"]) == len(costs["plain"])
        if costs["dijkstra"]:
            assert costs["wander"][0] == pytest.approx(costs["dijkstra"][0])
            assert costs["plain"][0] == pytest.approx(costs["dijkstra"][0])
            compared += 1
    assert compared > 60
    assert expansions["wander"] < 0.8 * expansions["plain"]


def test_route_finds_paths_in_the_random_cases() -> None:
    """The comparison above is not vacuous: most cases have a path, some hit the cap, some
    must make up length (where `wander` searches differently)."""
    found = capped = wandering = 0
    for seed in range(400):
        grid, source, target, steps, weight, crossing, pad, cap, bends = random_case(seed)
        found += route(grid, source, target, steps, weight, crossing, pad, cap, bends) is not None
        capped += grid.expansions > cap
        wandering += steps > min(octi_distance(a, b) for a in source.cells for b in target.cells)
    assert found > 200 and capped > 10 and wandering > 50
