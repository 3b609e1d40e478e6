"""Pendant stations of a layered pipeline drawing moved next to their one neighbour.

A station with a single neighbour (a terminus: a QC report, a side input) takes a column in the
layered drawing, and in a crowded column (next to a port-area bar, among waypoints) its track
can lie far from its neighbour: a long edge and a detour. After routing, each pendant whose path
is longer than a straight one would be is offered the free cells two or three station gaps from
its neighbour in the octilinear directions that keep the flow reading left to right (a source
stays left of or level with what it feeds, a sink right), joined by a straight free path; the
cheapest (length in station gaps plus 2 per bend, a turn at the neighbour counting one unless
the line runs straight on through it) replaces the old place when it is cheaper.

A pendant whose path crosses another (a side input that its rank keeps outside the fan-out it
feeds into) may instead stand on any free cell near its neighbour, on either side, reached by
an A* path that crosses nothing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import pairwise

import networkx as nx

from ..model import Layer
from .grid import DIRS, Ends, Grid, edge_key, route
from .pipeline_ranks import Arc
from .pipeline_routes import Routed

Cell = tuple[int, int]

# Distances (grid cells) from the neighbour tried, and the cost of one bend in station gaps.
REACH = (4, 6)
# A crossing pendant may stand anywhere this many cells from its neighbour (each way), reached
# by an A* search of at most PLACE_SEARCH expansions.
PLACE_RADIUS = 8
PLACE_SEARCH = 3_000
BEND_COST = 2.0
GAP_CELLS = 2


def move_pendants(
    layer: Layer,
    g: nx.Graph,
    arcs: Sequence[Arc],
    cell: dict[str, Cell],
    bars: Mapping[str, Sequence[Cell]],
    routed: Routed,
) -> None:
    """Move pendant stations in place (`cell` and `routed` change) where that is cheaper."""
    at: dict[str, list[int]] = {}
    for i, arc in enumerate(arcs):
        at.setdefault(arc.left, []).append(i)
        at.setdefault(arc.right, []).append(i)
    for s in layer.stations:
        p = s.id
        if g.degree(p) != 1 or p in bars or len(at.get(p, ())) != 1:
            continue
        i = at[p][0]
        arc = arcs[i]
        q = arc.right if arc.left == p else arc.left
        if q in bars:
            continue
        if _crosses(routed.grid, routed.paths[i]) and _free_place(p, q, i, arc, cell, routed):
            continue
        _try_move(p, q, i, arc, at[q], cell, routed)


def _crosses(grid: Grid, path: Sequence[Cell]) -> bool:
    """Whether another path passes one of the path's inner nodes (a crossing there)."""
    return any(grid.used_nodes.get(c, 0) > 1 for c in path[1:-1])


def _free_place(p: str, q: str, i: int, arc: Arc, cell: dict[str, Cell], routed: Routed) -> bool:
    """Move a crossing pendant p (on arc i) to any free cell near q that a free path reaches.

    The ranks may keep a side input out of the face it belongs in (beside a step inside a
    fan-out); here it may stand anywhere within PLACE_RADIUS of its neighbour, on either side,
    reached by A* (crossing nothing). True when it moved.
    """
    grid = routed.grid
    old = routed.paths[i]
    grid.release(old)
    del grid.station_at[cell[p]]
    here = cell[q]
    places: dict[Cell, float] = {}
    for dx in range(-PLACE_RADIUS, PLACE_RADIUS + 1):
        for dy in range(-PLACE_RADIUS, PLACE_RADIUS + 1):
            c = (here[0] + dx, here[1] + dy)
            if max(abs(dx), abs(dy)) >= GAP_CELLS and _clear_place(grid, c, here):
                places[c] = 0.0
    path = None
    if places:
        source = Ends({here: 0.0}, {(here, d): 0.0 for d in range(8)}, q)
        target = Ends(places, {(c, d): 0.0 for c in places for d in range(8)}, p)
        path = route(
            grid, source, target, GAP_CELLS, float(arc.weight), pad=2, max_expansions=PLACE_SEARCH
        )
    if path is None or math.isinf(len(path)):
        grid.station_at[cell[p]] = p
        grid.occupy(old)
        return False
    cell[p] = path[-1]
    grid.station_at[path[-1]] = p
    routed.paths[i] = path if arc.left == q else path[::-1]
    grid.occupy(routed.paths[i])
    return True


def _clear_place(grid: Grid, c: Cell, anchor: Cell) -> bool:
    """A free cell for a station: inside, unused, no other station next to it."""
    if not grid.inside(c) or c in grid.station_at or c in grid.used_nodes:
        return False
    near = [(c[0] + dx, c[1] + dy) for dx, dy in DIRS]
    return not any(n in grid.station_at and n != anchor for n in near)


def _try_move(
    p: str, q: str, i: int, arc: Arc, at_q: Sequence[int], cell: dict[str, Cell], routed: Routed
) -> None:
    """Move pendant p (on arc i) to the cheapest free straight reach from q, if cheaper."""
    grid = routed.grid
    old = routed.paths[i]
    here = cell[q]
    through = set()
    for j in at_q:
        other = routed.paths[j]
        if j != i and len(other) > 1:
            through.add(_dir(*other[:2]) if other[0] == here else _dir(other[-1], other[-2]))
    old_cost = _cost(old if old[0] == here else old[::-1], through)
    grid.release(old)
    del grid.station_at[cell[p]]
    best: tuple[float, list[Cell]] | None = None
    for dx, dy in DIRS:
        if dx * (1 if arc.left == q else -1) < 0:
            continue  # the flow still reads left to right: a source stays left, a sink right
        for k in REACH:
            path = [(here[0] + dx * j, here[1] + dy * j) for j in range(k + 1)]
            if _clear(grid, path):
                cost = _cost(path, through)
                if cost < old_cost - 1e-9 and (best is None or cost < best[0]):
                    best = (cost, path)
                break  # the nearest free reach in this direction is the cheapest
    if best is None:
        grid.station_at[cell[p]] = p
        grid.occupy(old)
        return
    path = best[1]
    cell[p] = path[-1]
    grid.station_at[path[-1]] = p
    routed.paths[i] = path if arc.left == q else path[::-1]
    grid.occupy(routed.paths[i])


def _dir(a: Cell, b: Cell) -> int:
    return DIRS.index((_sign(b[0] - a[0]), _sign(b[1] - a[1])))


def _sign(v: int) -> int:
    return (v > 0) - (v < 0)


def _cost(path: Sequence[Cell], through: set[int]) -> float:
    """Length in station gaps plus BEND_COST per bend (at the neighbour: unless straight on)."""
    length = sum(math.dist(a, b) for a, b in pairwise(path)) / GAP_CELLS
    dirs = [_dir(a, b) for a, b in pairwise(path)]
    bends = sum(1 for a, b in pairwise(dirs) if a != b)
    if dirs and (dirs[0] + 4) % 8 not in through:
        bends += 1
    return length + BEND_COST * bends


def _clear(grid: Grid, path: Sequence[Cell]) -> bool:
    """A straight path from a station to a free cell, touching nothing, the end cell clear of
    every other station by more than one cell."""
    end = path[-1]
    if not grid.inside(end) or end in grid.station_at or end in grid.used_nodes:
        return False
    for a, b in pairwise(path):
        if edge_key(a, b) in grid.used_edges:
            return False
        if (
            a[0] != b[0]
            and a[1] != b[1]
            and edge_key((a[0], b[1]), (b[0], a[1])) in grid.used_edges
        ):
            return False
    for c in path[1:-1]:
        if c in grid.station_at or c in grid.used_nodes:
            return False
    near = [(end[0] + dx, end[1] + dy) for dx, dy in DIRS]
    return not any(c in grid.station_at and c != path[0] for c in near)
