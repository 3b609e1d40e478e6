"""What the local search (`improve.py`, `improve_block.py`) shares: costs and bounded search.

Local cost (lower is better): CROSS_COST per grid node where a chain's path crosses another route
(`crossed`); every bend of a chain's path times the lines on it, by TURN_COST;
STEP_COST per grid step; the bends of lines through the stations at both ends (`ports.bend` with
TURN_COST); MOVE_COST per grid step between a station and its embedded position
(`router.MOVE_PINNED` when pinned).
"""

from __future__ import annotations

import math
from itertools import pairwise

from . import ports
from .grid import DIRS, Cell, route, turn
from .router import MOVE_PINNED, Router

# Cost of a grid step (diagonal: DIAGONAL_STEP_COST) and of moving a station one grid step.
STEP_COST = 0.1
DIAGONAL_STEP_COST = 0.12
MOVE_COST = 0.15
# Cost of a bend of 0, 45, 90, 135 degrees in the local search: every bend costs about one (the
# figure the search lowers is the number of bends along the lines), sharper ones a little more.
TURN_COST = (0.0, 1.0, 1.2, 1.6)
# Cost of each interior grid node a chain's path shares with another route (a crossing): far
# above any saving of bends or length, so a move that reroutes a crossing chain round the other
# route pays (its searches never cross), and none ever adds a crossing.
CROSS_COST = 100.0
# Bounds of one grid search in the local search (the router's own searches go wider).
SEARCH_PAD = 4
SEARCH_EXPANSIONS = 3000
# A move must save at least this much.
EPSILON = 1e-6


def search(r: Router, ci: int) -> list[Cell] | None:
    """One bounded grid search for chain ci between its (settled) end stations, no crossings.

    Cheaper than the router's widening attempts: both ends are fixed here, and a move whose
    chains cannot be routed within SEARCH_EXPANSIONS is not worth having.
    """
    chain = r.chains[ci]
    r.searches += 1
    if r.lazy:
        r._reserve()
    ends = [r._ends(chain, k, 0) for k in (0, 1)]
    if not ends[0].cells or not ends[1].cells:
        return None
    return route(
        r.grid,
        ends[0],
        ends[1],
        r.step * chain.steps,
        float(len(chain.lines)),
        pad=SEARCH_PAD,
        max_expansions=SEARCH_EXPANSIONS,
        bends=r.bends,
    )


# Direction index of each unit step, and the local costs by direction (tables for path_cost
# and through_bends; each entry is the very float the plain formula gives).
_DIR_OF = {step: d for d, step in enumerate(DIRS)}
_STEP_OF = tuple(STEP_COST if d % 2 == 0 else DIAGONAL_STEP_COST for d in range(8))
_TURN_OF = tuple(
    tuple(TURN_COST[t] if t < 4 else 2 * TURN_COST[3] for t in (turn(d1, d2) for d2 in range(8)))
    for d1 in range(8)
)
_BEND_OF = tuple(tuple(ports.bend(d1, d2, TURN_COST) for d2 in range(8)) for d1 in range(8))


def chain_extra(r: Router, ci: int) -> float:
    """The local cost of chain ci beyond `path_cost`: its crossings."""
    return CROSS_COST * crossed(r, ci)


def crossed(r: Router, ci: int) -> int:
    """Interior grid nodes of chain ci's path that another route uses too (its crossings)."""
    used = r.grid.used_nodes
    return sum(1 for c in r.routed[ci][1:-1] if used.get(c, 0) > 1)


def path_cost(r: Router, ci: int) -> float:
    path = r.routed[ci]
    weight = len(r.chains[ci].lines)
    dir_of = _DIR_OF
    try:
        dirs = [dir_of[(b[0] - a[0], b[1] - a[1])] for a, b in pairwise(path)]
    except KeyError:  # not a grid path (a repeated cell): the plain formula
        return _path_cost(path, weight)
    cost = 0.0
    step_of = _STEP_OF
    for d in dirs:  # the same additions, in the same order, as _path_cost
        cost += step_of[d]
    turn_of = _TURN_OF
    for d1, d2 in pairwise(dirs):
        cost += weight * turn_of[d1][d2]
    return cost


def _path_cost(path: list[Cell], weight: int) -> float:
    cost = 0.0
    for a, b in pairwise(path):
        cost += STEP_COST if a[0] == b[0] or a[1] == b[1] else DIAGONAL_STEP_COST
    for a, b, c in zip(path, path[1:], path[2:], strict=False):
        d1 = DIRS.index((b[0] - a[0], b[1] - a[1]))
        d2 = DIRS.index((c[0] - b[0], c[1] - b[1]))
        t = turn(d1, d2)
        cost += weight * (TURN_COST[t] if t < 4 else 2 * TURN_COST[3])
    return cost


def free_for(r: Router, cell: Cell, station: str) -> bool:
    grid = r.grid
    if not grid.inside(cell) or not grid.free(cell):
        return False
    return not any(
        grid.station_at.get((cell[0] + dx, cell[1] + dy), station) != station for dx, dy in DIRS
    )


def move_cost(r: Router, station: str) -> float:
    ex, ey = r.embedding[station]
    cell = r.settled[station]
    move = MOVE_PINNED if station in r.pinned else MOVE_COST
    return move * math.hypot(cell[0] - ex, cell[1] - ey)


def through_bends(r: Router, station: str) -> float:
    """Bends of the lines passing through a station, between its routed chains."""
    used = sorted(r.used_port.get(station, {}).items())
    if len(used) < 2:
        return 0.0
    chains = r.chains
    through = r.through
    ends = []
    for (_, d), ci in used:
        st = chains[ci].stations
        ends.append((d, st[1] if st[0] == station else st[-2]))
    cost = 0.0
    for i, (d1, nb1) in enumerate(ends):
        bend_of = _BEND_OF[d1]
        for d2, nb2 in ends[i + 1 :]:
            key = (station, nb1, nb2) if nb1 <= nb2 else (station, nb2, nb1)
            n = through.get(key, 0)
            if n:
                cost += n * bend_of[d2]
    return cost


def first_neighbour(r: Router, ci: int, station: str) -> str:
    chain = r.chains[ci]
    return chain.stations[1] if chain.stations[0] == station else chain.stations[-2]


def incident(r: Router, station: str) -> list[int]:
    return sorted(ci for ci in r.routed if station in r.chains[ci].ends)


def move_cost_at(r: Router, station: str, cell: Cell) -> float:
    """`move_cost` if the station stood at `cell`."""
    ex, ey = r.embedding[station]
    move = MOVE_PINNED if station in r.pinned else MOVE_COST
    return move * math.hypot(cell[0] - ex, cell[1] - ey)


def chain_bound(r: Router, ci: int, a: Cell, b: Cell) -> float:
    """A lower bound of `path_cost` for chain ci routed between cells a and b.

    At least the chain's minimum length in grid steps, and one bend per line unless b lies
    straight from a (along one of the eight directions) at least that far away. Lets the local
    search skip moves that cannot pay before any grid search.
    """
    chain = r.chains[ci]
    need = r.step * chain.steps
    dx, dy = abs(b[0] - a[0]), abs(b[1] - a[1])
    dist = max(dx, dy)
    cost = STEP_COST * max(dist, need)
    straight = dx == 0 or dy == 0 or dx == dy
    if not straight or dist < need:
        cost += len(chain.lines) * TURN_COST[1]
    return cost


def far_cell(r: Router, ci: int, station: str) -> Cell | None:
    """The cell of the other end of chain ci (None when it is a port area or unsettled)."""
    u, v = r.chains[ci].ends
    other = v if u == station else u
    if other in r.bars or other not in r.settled:
        return None
    return r.settled[other]
