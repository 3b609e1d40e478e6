"""The engine's A* as it was before its search tables became lists (a reference for tests).

`tests/layout/test_engine_speedups.py` checks that `grid.route` finds the same path after the
same number of expansions on random grids.
"""

from __future__ import annotations

import heapq
import math

from transit_maps.layout.grid import (
    BEND,
    CROSSING,
    DIAGONAL_HOP,
    DIRS,
    HOP,
    MAX_EXPANSIONS,
    OFF_TRAIL,
    RESERVED,
    TRAIL_HOP,
    Bends,
    Cell,
    Ends,
    Grid,
    _steps_table,
    _turn_floor,
    _weighted_turns,
    edge_key,
)

_STEP_COST = tuple(HOP if d % 2 == 0 else DIAGONAL_HOP for d in range(8))


def route_before(
    grid: Grid,
    source: Ends,
    target: Ends,
    min_steps: int,
    weight: float,
    crossing: bool = False,
    pad: int = 8,
    max_expansions: int = MAX_EXPANSIONS,
    bends: Bends = BEND,
) -> list[Cell] | None:
    """`grid.route` as it was before its tables became lists (dicts throughout)."""
    names = (source.station, target.station)
    targets = target.cells
    tx = [c[0] for c in targets]
    ty = [c[1] for c in targets]
    bx0, bx1, by0, by1 = min(tx), max(tx), min(ty), max(ty)
    # min_steps only matters when some pair of end cells is closer than that
    nearest = min(max(abs(ax - bx), abs(ay - by)) for ax, ay in source.cells for bx, by in targets)
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
    inf = math.inf

    # A cell of the window is the int (x - wx0) * span + (y - wy0); a state is
    # ((cell * 8 + direction) << bits) | steps, with steps in 0..need.
    span = wy1 - wy0 + 1
    bits = need.bit_length()
    mask = (1 << bits) - 1
    # weighted bend cost by [direction of arrival][direction of leaving]; inf: never
    turn_w = _weighted_turns(weight, bends)

    # With one target cell, a state heading off the ray to it must still turn: its heuristic
    # adds the cheapest bend (admissible, and it spares most expansions of the local search).
    single = len(targets) == 1
    tx0, ty0 = next(iter(targets)) if single else (0, 0)
    turn_floor = _turn_floor(weight, bends) if single else 0.0
    target_at = {
        (c[0] - wx0) * span + (c[1] - wy0): c
        for c in targets
        if wx0 <= c[0] <= wx1 and wy0 <= c[1] <= wy1
    }

    known: dict[int, float] = {}  # node costs do not change during one search

    def node_cost(c: Cell) -> float:
        """inf where the path may not go; else the cost of passing through c."""
        if c in targets:
            return 0.0
        if c in station_at:
            return inf
        cost = 0.0
        if c in used_nodes:
            if not crossing:
                return inf
            cost = CROSSING
        for station in reserved.get(c, ()):
            if station not in names:
                cost += RESERVED
        for station in locked.get(c, ()):
            if station not in names:
                if not crossing:
                    return inf
                cost += CROSSING
        return cost

    # A move: (direction, the state it leads to without its steps, hop, cost of the cell
    # reached, the heuristic's distance from there, the estimate when that distance decides it,
    # whether the target is off that heading).
    Move = tuple[int, int, float, float, int, float, bool]

    steps_table = _steps_table(span)

    def moves_of(ci: int) -> list[Move]:
        x, y = divmod(ci, span)
        x += wx0
        y += wy0
        cell = (x, y)
        out: list[Move] = []
        append = out.append
        table = steps_table
        if not (wx0 < x < wx1 and wy0 < y < wy1):  # on the edge of the window
            table = tuple(m for m in table if wx0 <= x + m[1] <= wx1 and wy0 <= y + m[2] <= wy1)
        for d, ddx, ddy, forward, hop, sh in table:
            nx_ = x + ddx
            ny_ = y + ddy
            nxt = (nx_, ny_)
            key = (cell, nxt) if forward else (nxt, cell)  # edge_key(cell, nxt)
            if key in used_edges:
                continue
            nci = ci + sh
            passing = known.get(nci)
            if passing is None:
                passing = known[nci] = node_cost(nxt)
            if passing == inf:
                continue
            if trail:
                hop = TRAIL_HOP if key in trail else hop + OFF_TRAIL
            hx = bx0 - nx_ if nx_ < bx0 else (nx_ - bx1 if nx_ > bx1 else 0)
            hy = by0 - ny_ if ny_ < by0 else (ny_ - by1 if ny_ > by1 else 0)
            dist = hx if hx > hy else hy
            far = dist * min_hop  # the estimate when the distance outweighs the length needed
            # not _on_ray(tx0 - nx_, ty0 - ny_, ddx, ddy): the offset to the target is not a
            # non-negative multiple of the step (collinear and not behind)
            rx = tx0 - nx_
            ry = ty0 - ny_
            off = single and (rx * ddy != ry * ddx or rx * ddx + ry * ddy < 0)
            if off:
                far += turn_floor
            append((d, (nci * 8 + d) << bits, hop, passing, dist, far, off))
        return out

    best: dict[int, float] = {}
    parent: dict[int, int | Cell] = {}  # a first step's parent is its source cell
    heap: list[tuple[float, float, int, int]] = []
    tick = 0
    first_steps = min(1, need)
    for cell, cost in sorted(source.cells.items()):
        for d in range(8):
            pc = source.port_cost.get((cell, d), inf)
            if pc == inf:
                continue
            nx_, ny_ = cell[0] + DIRS[d][0], cell[1] + DIRS[d][1]
            if not (wx0 <= nx_ <= wx1 and wy0 <= ny_ <= wy1):
                continue
            if edge_key(cell, (nx_, ny_)) in used_edges:
                continue
            nci = (nx_ - wx0) * span + (ny_ - wy0)
            nc = known.get(nci)
            if nc is None:
                nc = known[nci] = node_cost((nx_, ny_))
            if nc == inf:
                continue
            state = ((nci * 8 + d) << bits) | first_steps
            hop = _STEP_COST[d]
            if trail:
                hop = TRAIL_HOP if edge_key(cell, (nx_, ny_)) in trail else hop + OFF_TRAIL
            g = cost + pc + hop + nc
            if g < best.get(state, inf):
                best[state] = g
                parent[state] = cell
                tick += 1
                dx = max(bx0 - nx_, 0, nx_ - bx1)
                dy = max(by0 - ny_, 0, ny_ - by1)
                heapq.heappush(heap, (g + max(dx, dy, need - 1) * min_hop, g, tick, state))
    goal_cost = inf  # every pushed f is finite
    goal = -1
    expansions = 0
    moves_at: dict[int, list[Move]] = {}
    best_get = best.get
    push = heapq.heappush
    pop = heapq.heappop
    while heap:
        f, g, _, state = pop(heap)
        if f >= goal_cost:
            break
        if g > best[state]:
            continue
        expansions += 1
        if expansions > max_expansions:
            break
        steps = state & mask
        ci = state >> bits
        d_in = ci & 7
        ci >>= 3
        if ci in target_at:
            cell = target_at[ci]
            if steps >= need:
                end = target.port_cost.get((cell, (d_in + 4) % 8), inf)
                total = g + targets[cell] + end
                if total < goal_cost:
                    goal_cost, goal = total, state
            if cell in station_at:
                continue  # a path never runs through a station
            # an unsettled target's other candidate cells may be passed on the way
        moves = moves_at.get(ci)
        if moves is None:
            moves = moves_at[ci] = moves_of(ci)
        turn_cost = turn_w[d_in]
        if not need:  # no length to make up (most searches): a state is its cell and heading
            for d, nstate, hop, passing, _, far, _ in moves:
                ng = g + turn_cost[d] + hop + passing
                if ng < best_get(nstate, inf):
                    best[nstate] = ng
                    parent[nstate] = state
                    tick += 1
                    push(heap, (ng + far, ng, tick, nstate))
            continue
        ns = steps + 1 if steps < need else steps
        short = need - ns
        for d, base, hop, passing, dist, far, off in moves:
            ng = g + turn_cost[d] + hop + passing
            nstate = base | ns
            if ng < best_get(nstate, inf):
                best[nstate] = ng
                parent[nstate] = state
                tick += 1
                if dist >= short:
                    est = far
                else:
                    est = short * min_hop
                    if off:
                        est += turn_floor  # the target is off this heading: one bend at least
                push(heap, (ng + est, ng, tick, nstate))
    grid.expansions += expansions
    if goal < 0:
        return None
    path: list[Cell] = []
    cur: int | Cell = goal
    while isinstance(cur, int):
        ci = cur >> (bits + 3)
        path.append((wx0 + ci // span, wy0 + ci % span))
        cur = parent[cur]
    path.append(cur)
    path.reverse()
    return path
