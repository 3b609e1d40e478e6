"""Local search after the first routing: move stations to neighbouring grid nodes when it pays.

For each station that joins chains (in routing order), every free neighbouring grid node is
tried: the station's chains are ripped up, it moves, they are routed again without crossings, and
the move is kept when the local cost (below) drops; otherwise everything is put back. This is
the improvement step of LOOM's octi, in its simplest form.

Local cost of a station: for each of its chains, the bends of the path (weighted by the lines on
it, `Router.bends`) and `STEP_COST` per grid step, the bends of lines through the stations at both
ends (`ports.bend`), plus `MOVE_COST` per grid step between the station and its embedded position
(`router.MOVE_PINNED` for a pinned station). Bends dominate: the search is there to remove them.
"""

from __future__ import annotations

import math
from itertools import pairwise

from . import ports
from .grid import DIRS, Cell, turn
from .router import MOVE_PINNED, Router

# Passes over all stations (a second pass gains little and costs as much again).
ROUNDS = 1
# Cost of a grid step (diagonal: DIAGONAL_STEP_COST) and of moving a station one grid step.
STEP_COST = 0.1
DIAGONAL_STEP_COST = 0.12
MOVE_COST = 0.3
# Grid searches the local search may spend, per chain.
BUDGET = 2
# A move must save at least this much.
EPSILON = 1e-6


def improve(r: Router, order: list[str]) -> int:
    """Run the local search on a routed Router; returns the number of moves kept.

    Only stations whose chains bend are tried, and the search stops after BUDGET grid searches
    per chain (big maps would otherwise spend seconds here for little).
    """
    moved = 0
    budget = r.searches + BUDGET * len(r.chains)
    for _ in range(ROUNDS):
        changed = 0
        for station in order:
            if station in r.bars or station not in r.settled or r.searches > budget:
                continue
            if not _bends_near(r, station):
                continue
            if _try_moves(r, station):
                changed += 1
        moved += changed
        if not changed:
            break
    return moved


def _bends_near(r: Router, station: str) -> bool:
    chains = _incident(r, station)
    for ci in chains:
        path = r.routed[ci]
        for a, b, c in zip(path, path[1:], path[2:], strict=False):
            if (b[0] - a[0], b[1] - a[1]) != (c[0] - b[0], c[1] - b[1]):
                return True
    return any(_through_bends(r, s) > 0 for ci in chains for s in r.chains[ci].ends)


def _incident(r: Router, station: str) -> list[int]:
    return sorted(ci for ci in r.routed if station in r.chains[ci].ends)


def _try_moves(r: Router, station: str) -> bool:
    chains = _incident(r, station)
    if not chains:
        return False
    home = r.settled[station]
    old_paths = {ci: r.routed[ci] for ci in chains}
    best_cost = _local_cost(r, station, chains)
    best_cell: Cell | None = None
    best_paths: dict[int, list[Cell]] = {}
    for dx, dy in DIRS:
        cell = (home[0] + dx, home[1] + dy)
        for ci in chains:
            r._unroute(ci)
        r.grid.station_at.pop(home, None)
        if _free_for(r, cell, station):
            r.settled[station] = cell
            r.grid.station_at[cell] = station
            new_paths = _reroute(r, chains)
            if new_paths is not None:
                cost = _local_cost(r, station, chains)
                if cost < best_cost - EPSILON:
                    best_cost, best_cell, best_paths = cost, cell, new_paths
                for ci in chains:
                    r._unroute(ci)
            r.grid.station_at.pop(cell, None)
        # put the station and its chains back before the next trial
        r.settled[station] = home
        r.grid.station_at[home] = station
        for ci in chains:
            r._commit(ci, old_paths[ci])
    if best_cell is None:
        return False
    for ci in chains:
        r._unroute(ci)
    r.grid.station_at.pop(home, None)
    r.settled[station] = best_cell
    r.grid.station_at[best_cell] = station
    for ci in chains:
        r._commit(ci, best_paths[ci])
    return True


def _free_for(r: Router, cell: Cell, station: str) -> bool:
    grid = r.grid
    if not grid.inside(cell) or not grid.free(cell):
        return False
    return not any(
        grid.station_at.get((cell[0] + dx, cell[1] + dy), station) != station for dx, dy in DIRS
    )


def _reroute(r: Router, chains: list[int]) -> dict[int, list[Cell]] | None:
    """Route the chains again without crossings; None (and nothing routed) when one fails."""
    done: list[int] = []
    for ci in chains:
        path = r._find(ci, planar_only=True)
        if path is None or any(c in r.grid.used_nodes for c in path[1:-1]):
            for cj in done:
                r._unroute(cj)
            return None
        r._commit(ci, path)
        done.append(ci)
    return {ci: r.routed[ci] for ci in chains}


def _local_cost(r: Router, station: str, chains: list[int]) -> float:
    cost = 0.0
    ends = {station}
    for ci in chains:
        path = r.routed[ci]
        weight = len(r.chains[ci].lines)
        for a, b in pairwise(path):
            cost += STEP_COST if a[0] == b[0] or a[1] == b[1] else DIAGONAL_STEP_COST
        for a, b, c in zip(path, path[1:], path[2:], strict=False):
            d1 = DIRS.index((b[0] - a[0], b[1] - a[1]))
            d2 = DIRS.index((c[0] - b[0], c[1] - b[1]))
            t = turn(d1, d2)
            cost += weight * (r.bends[t] if t < 4 else 2 * r.bends[3])
        ends.update(r.chains[ci].ends)
    for s in sorted(ends):
        cost += _through_bends(r, s)
    ex, ey = r.embedding[station]
    cell = r.settled[station]
    move = MOVE_PINNED if station in r.pinned else MOVE_COST
    return cost + move * math.hypot(cell[0] - ex, cell[1] - ey)


def _through_bends(r: Router, station: str) -> float:
    """Bends of the lines passing through a station, between its routed chains."""
    used = sorted(r.used_port.get(station, {}).items())
    cost = 0.0
    for i, ((_, d1), c1) in enumerate(used):
        nb1 = _first_neighbour(r, c1, station)
        for (_, d2), c2 in used[i + 1 :]:
            nb2 = _first_neighbour(r, c2, station)
            lo, hi = sorted((nb1, nb2))
            n = r.through.get((station, lo, hi), 0)
            if n:
                cost += n * ports.bend(d1, d2, r.bends)
    return cost


def _first_neighbour(r: Router, ci: int, station: str) -> str:
    chain = r.chains[ci]
    return chain.stations[1] if chain.stations[0] == station else chain.stations[-2]
