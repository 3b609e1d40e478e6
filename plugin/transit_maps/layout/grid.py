"""The octilinear grid graph and shortest paths on it with bend costs (A*).

Grid nodes are integer points; each has eight ports, one per compass direction (0 = east, then
clockwise in SVG's y-down frame: 1 = south-east, 2 = south, ... 7 = north-east). A routed path
occupies its grid edges and its interior nodes, so later paths can neither run along nor through
it; a diagonal also blocks the diagonal that would cross it. Station nodes are entered only by
paths that end there. In the fallback mode a path may cross an occupied node, at a high cost, so
that inputs with no planar drawing still get drawn.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Cell = tuple[int, int]

DIRS: tuple[Cell, ...] = ((1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1))

# Objective terms of one routed edge (documented in docs/layout.md).
HOP = 1.0  # one grid step along the axes
DIAGONAL_HOP = 1.15  # one diagonal step: a little dearer, so runs stay horizontal where free
BEND = (0.0, 1.0, 2.5, 6.0)  # turning by 0, 45, 90 and 135 degrees (180 is never allowed)
# A stricter profile, tried as well on layers drawn from hints (see layout/__init__.py).
SHARP_BEND = (0.0, 1.5, 3.0, 6.0)
Bends = tuple[float, float, float, float]
CROSSING = 40.0  # crossing an occupied node, fallback mode only
RESERVED = 3.0  # passing next to a station that still has edges to route (keeps its ports free)
TRAIL_HOP = 0.5  # a grid step along the previous drawing (`layout(previous=...)`)
OFF_TRAIL = 2.0  # ... and the extra cost of a step off it, when there is one
# A* gives up after this many expansions; the caller then widens the search.
MAX_EXPANSIONS = 10_000


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
    # how many routes use each interior node and grid edge (more than one only where they cross)
    used_nodes: dict[Cell, int] = field(default_factory=dict)
    used_edges: dict[tuple[Cell, Cell], int] = field(default_factory=dict)
    # cell -> stations next to it that still wait for edges (see RESERVED)
    reserved: dict[Cell, tuple[str, ...]] = field(default_factory=dict)
    # cell -> stations whose last free ports lead there: closed to other routes
    locked: dict[Cell, tuple[str, ...]] = field(default_factory=dict)
    # grid edges of a previous drawing: following them costs TRAIL_HOP instead of HOP
    trail: set[tuple[Cell, Cell]] = field(default_factory=set)
    # A* expansions spent on this grid so far (the work measure of octi's effort bound)
    expansions: int = 0

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
        used_edges = self.used_edges
        edge_count = used_edges.get
        for key in _edges_of(path):
            used_edges[key] = edge_count(key, 0) + 1
        used_nodes = self.used_nodes
        node_count = used_nodes.get
        for c in path[1:-1]:
            used_nodes[c] = node_count(c, 0) + 1

    def release(self, path: list[Cell]) -> None:
        """Undo `occupy` (where routes cross, the other route keeps its cells)."""
        _decrement(self.used_edges, _edges_of(path))
        _decrement(self.used_nodes, path[1:-1])


def _edges_of(path: list[Cell]) -> list[tuple[Cell, Cell]]:
    out: list[tuple[Cell, Cell]] = []
    append = out.append
    for a, b in itertools.pairwise(path):
        append((a, b) if a <= b else (b, a))  # edge_key(a, b)
        ax, ay = a
        bx, by = b
        if ax != bx and ay != by:  # a diagonal blocks the one crossing it
            c, d = (ax, by), (bx, ay)
            append((c, d) if c <= d else (d, c))
    return out


def _decrement(counts: dict[Any, int], keys: list[Any]) -> None:
    """Lower each key's count by one, dropping the keys that reach zero."""
    get = counts.get
    for key in keys:
        left = get(key, 0) - 1
        if left > 0:
            counts[key] = left
        else:
            counts.pop(key, None)


@dataclass(frozen=True)
class Ends:
    """One end of a route: candidate cells with a cost, and a cost per port direction.

    `port_cost(cell, d)` is the cost of the route leaving (source) or entering (target) the
    station at `cell` through its port in direction d, seen from the station; inf forbids it.
    """

    cells: Mapping[Cell, float]
    port_cost: Mapping[tuple[Cell, int], float]
    station: str = ""


def walk_cost(grid: Grid, path: list[Cell], names: tuple[str, str]) -> float:
    """Cost of passing the cells of a ready-made path (inf where it may not go).

    The first cell is the source station's; the last must be free for the target station and
    keep a cell's distance from every other station.
    """
    cost = 0.0
    for a, b in itertools.pairwise(path):
        if not grid.inside(b) or edge_key(a, b) in grid.used_edges:
            return math.inf
        if (
            a[0] != b[0]
            and a[1] != b[1]
            and edge_key((a[0], b[1]), (b[0], a[1])) in grid.used_edges
        ):
            return math.inf
    for c in path[1:]:
        if c in grid.station_at or c in grid.used_nodes:
            return math.inf
        for station in grid.locked.get(c, ()):
            if station not in names:
                return math.inf
        for station in grid.reserved.get(c, ()):
            if station not in names:
                cost += RESERVED
    end = path[-1]
    if any(
        (end[0] + dx, end[1] + dy) in grid.station_at
        for dx, dy in DIRS
        if (end[0] + dx, end[1] + dy) != path[-2]
    ):
        return math.inf
    return cost


def octi_distance(a: Cell, b: Cell) -> int:
    """Grid steps between two cells when diagonal steps are allowed."""
    return max(abs(a[0] - b[0]), abs(a[1] - b[1]))


# _TURN_COST[d_in][d_out]: BEND by the turn between two directions (inf for turning back).
@functools.cache
def turn_costs(bends: Bends) -> tuple[tuple[float, ...], ...]:
    """[d_in][d_out]: the bend cost of the turn between two directions (inf for turning back)."""
    return tuple(
        tuple(math.inf if turn(i, o) == 4 else bends[turn(i, o)] for o in range(8))
        for i in range(8)
    )


_TURN_COST = turn_costs(BEND)


@functools.lru_cache(maxsize=256)
def _weighted_turns(weight: float, bends: Bends) -> tuple[tuple[float, ...], ...]:
    """[d_in][d_out]: `weight` times the bend cost of the turn (inf for turning back: a move
    that costs inf is never taken, as inf < best never holds)."""
    return tuple(
        tuple(math.inf if b == math.inf else weight * b for b in row) for row in turn_costs(bends)
    )


@functools.lru_cache(maxsize=256)
def _turn_floor(weight: float, bends: Bends) -> float:
    """`weight` times the cheapest bend: what a state heading off the target's ray must add."""
    return weight * min(b for b in bends[1:] if b > 0)


@functools.lru_cache(maxsize=256)
def _per_45(weight: float, bends: Bends) -> float:
    """`weight` times the least a bend costs per 45 degrees of turn (a path that turns by k
    times 45 degrees in all costs at least k times this)."""
    return weight * min(bends[t] / t for t in (1, 2, 3))


_STEP_COST = tuple(HOP if d % 2 == 0 else DIAGONAL_HOP for d in range(8))
# (direction, dx, dy, whether edge_key keeps (cell, neighbour) in that order, step cost)
_MOVES = tuple((d, dx, dy, (dx, dy) > (0, 0), _STEP_COST[d]) for d, (dx, dy) in enumerate(DIRS))


@functools.lru_cache(maxsize=256)
def _steps_table(span: int) -> tuple[tuple[int, int, int, bool, float, int], ...]:
    """_MOVES with how far each step moves a cell's index in a window `span` cells high."""
    return tuple((*move, move[1] * span + move[2]) for move in _MOVES)


def _on_ray(dx: int, dy: int, ux: int, uy: int) -> bool:
    """Whether the offset (dx, dy) lies on the ray from the origin along the step (ux, uy)."""
    if ux == 0:
        return dx == 0 and dy * uy >= 0
    if uy == 0:
        return dy == 0 and dx * ux >= 0
    return dx * ux >= 0 and dy * uy >= 0 and abs(dx) == abs(dy)


def route(
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
) -> list[Cell] | None:
    """The cheapest octilinear path from a source cell to a target cell, or None.

    The path takes at least `min_steps` grid steps (room for the stations laid along it); bends
    cost `weight` times `bends` (weight = lines on the edge). With `crossing`, occupied nodes may be
    crossed at CROSSING each. The search stays within `pad` cells (plus any detour the length
    needs) of the box around both ends, and gives up after `max_expansions` A* expansions.

    With `wander`, a path that must make up length is searched for more sharply: the estimate
    adds the turns it still has to make (a path to a cell k steps away that turns by 45 degrees
    at most is k steps long; by 90, at most 2k; by 135, at most 3k), and every state from which
    any way on is long enough is one state. Still the cheapest path, after far fewer expansions
    where the path must wander far from its ends (a line out and back between close stations),
    but maybe another of equally cheap ones: the router asks for it on its last attempt only.

    Ties between equally cheap states go to the one pushed first, so the result does not depend
    on how states are stored. A state (cell, direction of arrival, steps capped at the length
    needed) is one int, and each cell's moves (its free grid edges, the cost of the cell they lead
    to, the hop and heuristic terms) are worked out once, when the cell is first expanded.
    """
    names = (source.station, target.station)
    targets = target.cells
    tx = [c[0] for c in targets]
    ty = [c[1] for c in targets]
    bx0, bx1, by0, by1 = min(tx), max(tx), min(ty), max(ty)
    # min_steps only matters when some pair of end cells is closer than that (with no steps
    # needed, the nearest pair matters to nothing: need and the extra margin are 0)
    nearest = need = 0
    if min_steps > 0:
        nearest = min(
            max(abs(ax - bx), abs(ay - by)) for ax, ay in source.cells for bx, by in targets
        )
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
    per_45 = _per_45(weight, bends)
    target_at = {
        (c[0] - wx0) * span + (c[1] - wy0): c
        for c in targets
        if wx0 <= c[0] <= wx1 and wy0 <= c[1] <= wy1
    }

    cells = (wx1 - wx0 + 1) * span
    known: list[float | None] = [None] * cells  # node costs do not change during one search

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
    # whether the target is off that heading). With no length to make up, only (direction,
    # state, hop, cost of the cell, estimate): the rest is not read.
    Move = tuple[Any, ...]

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
            passing = known[nci]
            if passing is None:
                if nxt in targets:
                    passing = 0.0
                elif nxt in station_at:
                    passing = inf
                elif nxt in used_nodes or nxt in reserved or nxt in locked:
                    passing = node_cost(nxt)
                else:  # what node_cost gives a cell nothing touches
                    passing = 0.0
                known[nci] = passing
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
            if need:
                # the farthest a target cell can be from there (dist is the nearest)
                reach = max(nx_ - bx0, bx1 - nx_, ny_ - by0, by1 - ny_)
                append((d, (nci * 8 + d) << bits, hop, passing, dist, far, off, reach))
            else:  # what the search with no length to make up reads
                append((d, nci * 8 + d, hop, passing, far))
        return out

    # a state's best cost so far and where it came from (a first step's: its source cell);
    # with no length to make up the states are few (8 per cell): lists indexed by state
    best: Any
    parent: Any
    if need:
        best, parent = {}, {}
    else:
        size = cells * 8
        best, parent = [inf] * size, [None] * size
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
            nc = known[nci]
            if nc is None:
                nc = known[nci] = node_cost((nx_, ny_))
            if nc == inf:
                continue
            state = ((nci * 8 + d) << bits) | first_steps
            hop = _STEP_COST[d]
            if trail:
                hop = TRAIL_HOP if edge_key(cell, (nx_, ny_)) in trail else hop + OFF_TRAIL
            g = cost + pc + hop + nc
            if g < (best.get(state, inf) if need else best[state]):
                best[state] = g
                parent[state] = cell
                tick += 1
                # max(bx0 - nx_, 0, nx_ - bx1), and so on, on ints
                dx = bx0 - nx_ if nx_ < bx0 else (nx_ - bx1 if nx_ > bx1 else 0)
                dy = by0 - ny_ if ny_ < by0 else (ny_ - by1 if ny_ > by1 else 0)
                if dy > dx:
                    dx = dy
                if need - 1 > dx:
                    dx = need - 1
                heapq.heappush(heap, (g + dx * min_hop, g, tick, state))
    goal_cost = inf  # every pushed f is finite
    goal = -1
    expansions = 0
    moves_at: list[list[Move] | None] = [None] * cells
    best_get = best.get if need else best.__getitem__
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
        if need:
            steps = state & mask
            ci = state >> bits
        else:
            steps = 0
            ci = state
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
        moves = moves_at[ci]
        if moves is None:
            moves = moves_at[ci] = moves_of(ci)
        turn_cost = turn_w[d_in]
        if not need:  # no length to make up (most searches): a state is its cell and heading
            for d, nstate, hop, passing, far in moves:
                ng = g + turn_cost[d] + hop + passing
                if ng < best[nstate]:
                    best[nstate] = ng
                    parent[nstate] = state
                    tick += 1
                    push(heap, (ng + far, ng, tick, nstate))
            continue
        ns = steps + 1 if steps < need else steps
        short = need - ns
        for d, base, hop, passing, dist, far, off, reach in moves:
            ng = g + turn_cost[d] + hop + passing
            nstate = base | ns
            if dist >= short:
                est = far
                if wander:  # every way on is long enough: one state for every step count
                    nstate = base | need
            else:
                est = short * min_hop
                if wander and short > reach:  # the turns a path this long must still make
                    est += per_45 * (4 if short > 3 * reach else 3 if short > 2 * reach else 2)
                elif off:
                    est += turn_floor  # the target is off this heading: one bend at least
            if ng < best_get(nstate, inf):
                best[nstate] = ng
                parent[nstate] = state
                tick += 1
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
