"""The octilinear grid graph and shortest paths on it with bend costs (A*).

Grid nodes are integer points; each has eight ports, one per compass direction (0 = east, then
clockwise in SVG's y-down frame: 1 = south-east, 2 = south, ... 7 = north-east). A routed path
occupies its grid edges and its interior nodes, so later paths can neither run along nor through
it; a diagonal also blocks the diagonal that would cross it. Station nodes are entered only by
paths that end there. In the fallback mode a path may cross an occupied node, at a high cost, so
that inputs with no planar drawing still get drawn.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

Cell = tuple[int, int]

DIRS: tuple[Cell, ...] = ((1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1))

# Objective terms of one routed edge (documented in docs/layout.md).
HOP = 1.0  # one grid step along the axes
DIAGONAL_HOP = 1.15  # one diagonal step: a little dearer, so runs stay horizontal where free
BEND = (0.0, 1.0, 2.5, 6.0)  # turning by 0, 45, 90 and 135 degrees (180 is never allowed)
CROSSING = 40.0  # crossing an occupied node, fallback mode only
RESERVED = 3.0  # passing next to a station that still has edges to route (keeps its ports free)
# A* gives up after this many expansions; the caller then widens the search.
MAX_EXPANSIONS = 60_000


def turn(d_in: int, d_out: int) -> int:
    """Turn between two directions in 45-degree steps (0..4)."""
    t = abs(d_in - d_out) % 8
    return min(t, 8 - t)


def bend_cost(d_in: int, d_out: int) -> float:
    """Cost of continuing in direction d_out after arriving in direction d_in."""
    t = turn(d_in, d_out)
    return math.inf if t == 4 else BEND[t]


def edge_key(a: Cell, b: Cell) -> tuple[Cell, Cell]:
    """A grid edge, independent of its direction."""
    return (a, b) if a <= b else (b, a)


@dataclass
class Grid:
    """Occupancy of the octilinear grid within a bounding box."""

    x0: int
    y0: int
    x1: int
    y1: int
    station_at: dict[Cell, str] = field(default_factory=dict)
    used_nodes: set[Cell] = field(default_factory=set)
    used_edges: set[tuple[Cell, Cell]] = field(default_factory=set)
    # cell -> stations next to it that still wait for edges (see RESERVED)
    reserved: dict[Cell, tuple[str, ...]] = field(default_factory=dict)

    def inside(self, c: Cell) -> bool:
        """Whether the cell lies in the grid's bounding box."""
        return self.x0 <= c[0] <= self.x1 and self.y0 <= c[1] <= self.y1

    def free(self, c: Cell) -> bool:
        """Neither a station nor on a path."""
        return c not in self.station_at and c not in self.used_nodes

    def free_ports(self, c: Cell) -> int:
        """How many of the cell's eight grid edges are still unused."""
        return sum(
            1 for dx, dy in DIRS if edge_key(c, (c[0] + dx, c[1] + dy)) not in self.used_edges
        )

    def port_free(self, c: Cell, d: int) -> bool:
        """Whether the grid edge leaving c in direction d is unused."""
        dx, dy = DIRS[d]
        return edge_key(c, (c[0] + dx, c[1] + dy)) not in self.used_edges

    def occupy(self, path: list[Cell]) -> None:
        """Mark a routed path: its grid edges, interior nodes and crossed diagonals."""
        for a, b in itertools.pairwise(path):
            self.used_edges.add(edge_key(a, b))
            if a[0] != b[0] and a[1] != b[1]:  # a diagonal blocks the one crossing it
                self.used_edges.add(edge_key((a[0], b[1]), (b[0], a[1])))
        for c in path[1:-1]:
            self.used_nodes.add(c)

    def release(self, path: list[Cell]) -> None:
        """Undo `occupy` (used by local search)."""
        for a, b in itertools.pairwise(path):
            self.used_edges.discard(edge_key(a, b))
            if a[0] != b[0] and a[1] != b[1]:
                self.used_edges.discard(edge_key((a[0], b[1]), (b[0], a[1])))
        for c in path[1:-1]:
            self.used_nodes.discard(c)


@dataclass(frozen=True)
class Ends:
    """One end of a route: candidate cells with a cost, and a cost per port direction.

    `port_cost(cell, d)` is the cost of the route leaving (source) or entering (target) the
    station at `cell` through its port in direction d, seen from the station; inf forbids it.
    """

    cells: Mapping[Cell, float]
    port_cost: Mapping[tuple[Cell, int], float]
    station: str = ""


def route(
    grid: Grid,
    source: Ends,
    target: Ends,
    min_steps: int,
    weight: float,
    crossing: bool = False,
) -> list[Cell] | None:
    """The cheapest octilinear path from a source cell to a target cell, or None.

    The path takes at least `min_steps` grid steps (room for the stations laid along it); bends
    cost `weight` times BEND (weight = lines on the edge). With `crossing`, occupied nodes may be
    crossed at CROSSING each.
    """
    names = (source.station, target.station)
    tx = [c[0] for c in target.cells]
    ty = [c[1] for c in target.cells]
    bx0, bx1, by0, by1 = min(tx), max(tx), min(ty), max(ty)

    def h(c: Cell, steps: int) -> float:
        dx = max(bx0 - c[0], 0, c[0] - bx1)
        dy = max(by0 - c[1], 0, c[1] - by1)
        return max(dx, dy, min_steps - steps) * HOP

    # state: (x, y, direction of arrival, steps capped at min_steps)
    best: dict[tuple[int, int, int, int], float] = {}
    parent: dict[tuple[int, int, int, int], tuple[int, int, int, int] | None] = {}
    heap: list[tuple[float, float, int, tuple[int, int, int, int]]] = []
    tick = 0
    for cell, cost in sorted(source.cells.items()):
        for d in range(8):
            pc = source.port_cost.get((cell, d), math.inf)
            if pc == math.inf or not grid.port_free(cell, d):
                continue
            nxt = (cell[0] + DIRS[d][0], cell[1] + DIRS[d][1])
            state = (nxt[0], nxt[1], d, min(1, min_steps))
            if not _enterable(grid, nxt, target, crossing):
                continue
            g = cost + pc + (HOP if d % 2 == 0 else DIAGONAL_HOP)
            g += _node_cost(grid, nxt, names, target, crossing)
            if g < best.get(state, math.inf):
                best[state] = g
                parent[state] = (cell[0], cell[1], -1, 0)
                tick += 1
                heapq.heappush(heap, (g + h(nxt, 1), g, tick, state))
    goal: tuple[float, tuple[int, int, int, int]] | None = None
    expansions = 0
    while heap:
        f, g, _, state = heapq.heappop(heap)
        if goal is not None and f >= goal[0]:
            break
        if g > best.get(state, math.inf):
            continue
        expansions += 1
        if expansions > MAX_EXPANSIONS:
            break
        x, y, d_in, steps = state
        cell = (x, y)
        if cell in target.cells:
            if steps >= min_steps:
                end = target.port_cost.get((cell, (d_in + 4) % 8), math.inf)
                total = g + target.cells[cell] + end
                if total < math.inf and (goal is None or total < goal[0]):
                    goal = (total, state)
            continue  # a path never runs through a target cell
        for d in range(8):
            b = bend_cost(d_in, d)
            if b == math.inf:
                continue
            nxt = (x + DIRS[d][0], y + DIRS[d][1])
            if not grid.inside(nxt) or edge_key(cell, nxt) in grid.used_edges:
                continue
            if not _enterable(grid, nxt, target, crossing):
                continue
            ns = min(steps + 1, min_steps)
            ng = g + weight * b + (HOP if d % 2 == 0 else DIAGONAL_HOP)
            ng += _node_cost(grid, nxt, names, target, crossing)
            nstate = (nxt[0], nxt[1], d, ns)
            if ng < best.get(nstate, math.inf):
                best[nstate] = ng
                parent[nstate] = state
                tick += 1
                heapq.heappush(heap, (ng + h(nxt, ns), ng, tick, nstate))
    if goal is None:
        return None
    path: list[Cell] = []
    cur: tuple[int, int, int, int] | None = goal[1]
    while cur is not None:
        path.append((cur[0], cur[1]))
        cur = parent.get(cur)
    path.reverse()
    return path


def _enterable(grid: Grid, c: Cell, target: Ends, crossing: bool) -> bool:
    if not grid.inside(c):
        return False
    if c in target.cells:
        return True
    if c in grid.station_at:
        return False
    return crossing or c not in grid.used_nodes


def _node_cost(grid: Grid, c: Cell, ends: tuple[str, str], target: Ends, crossing: bool) -> float:
    if c in target.cells:
        return 0.0
    cost = CROSSING if crossing and c in grid.used_nodes else 0.0
    for station in grid.reserved.get(c, ()):
        if station not in ends:
            cost += RESERVED
    return cost
