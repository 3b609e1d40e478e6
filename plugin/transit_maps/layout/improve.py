"""Local search after the first routing: an improvement loop over chains and stations.

Rounds, each of two kinds of move, until a round keeps none (or ROUNDS, or the work BUDGET):

1. *Reroute*: every chain whose lines bend is ripped up and routed again where it lies. The
   first routing did not know the chains routed after it; now the grid search prices the bends
   of lines through both end stations.
2. *Move*: every station whose chains bend tries the free grid nodes one and two steps away
   (MOVES): its chains are ripped up, it moves, they are routed again without crossings. The
   cheapest move that lowers the local cost is kept; otherwise everything is put back.

After the first round only stations near a kept change are tried again. This is the
improvement step of LOOM's octi (Bast, Brosi, Storandt 2020) with our own costs.

Local cost (lower is better; hard constraints are kept by construction: no crossings, no path
through a foreign station, stations never adjacent): for each chain concerned, every bend of
its path times the lines on it, by TURN_COST (straight 0, a 45-degree change of direction 1, 90
degrees 1.2, an acute 135-degree change 1.6: each bend costs about one, as the figure we lower is
the number of bends along the lines, and sharper ones more), STEP_COST per grid step; the bends
of lines through the stations at both ends (`ports.bend` with TURN_COST); and MOVE_COST per grid
step between the station and its embedded position (`router.MOVE_PINNED` when pinned).
"""

from __future__ import annotations

import math
from itertools import pairwise

from . import ports
from .grid import DIRS, Cell, route, turn
from .router import MOVE_PINNED, Router

# Rounds at most (the loop usually settles in two or three).
ROUNDS = 6
# Cost of a grid step (diagonal: DIAGONAL_STEP_COST) and of moving a station one grid step.
STEP_COST = 0.1
DIAGONAL_STEP_COST = 0.12
MOVE_COST = 0.3
# A* expansions the local search may spend, per station of the layer (about 1 s per 150 000
# expansions here), so that it stays within the time targets on big maps.
BUDGET = 1500
# Cost of a bend of 0, 45, 90, 135 degrees in the local search: every bend costs about one (the
# figure the search lowers is the number of bends along the lines), sharper ones a little more.
TURN_COST = (0.0, 1.0, 1.2, 1.6)
# Where a station may move: the eight neighbouring grid nodes, then two steps along each port.
MOVES = (*DIRS, *((2 * dx, 2 * dy) for dx, dy in DIRS))
# Bounds of one grid search in the local search (the router's own searches go wider).
SEARCH_PAD = 4
SEARCH_EXPANSIONS = 3000
# A move must save at least this much.
EPSILON = 1e-6


def improve(r: Router, order: list[str]) -> int:
    """Run the local search on a routed Router; returns the number of changes kept.

    Repeated rounds, each first routing every chain again where it lies (`_try_reroute`), then
    trying to move each station (`_try_moves`), until a round changes nothing, ROUNDS have run or
    BUDGET A* expansions per station are spent. After the first round only the stations near a
    change are tried again (nothing else can have become cheaper to move).
    """
    moved = 0
    budget = r.grid.expansions + BUDGET * len(r.embedding)
    dirty = set(r.settled)
    for _ in range(ROUNDS):
        changed: set[str] = set()
        for ci in sorted(r.routed):
            if r.grid.expansions > budget:
                break
            ends = r.chains[ci].ends
            if any(e in dirty for e in ends) and _try_reroute(r, ci):
                changed.update(ends)
                moved += 1
        for station in order:
            if station in r.bars or station not in r.settled or r.grid.expansions > budget:
                continue
            if station not in dirty or not _bends_near(r, station):
                continue
            if _try_moves(r, station):
                changed.add(station)
                moved += 1
        if not changed:
            break
        dirty = _around(r, changed)
    return moved


def _around(r: Router, stations: set[str]) -> set[str]:
    """The stations, the far ends of their chains, and the far ends of those ends' chains."""
    out = set(stations)
    for _ in range(2):
        out.update(e for ci in r.routed for e in r.chains[ci].ends if out & set(r.chains[ci].ends))
    return out


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
    for dx, dy in MOVES:
        cell = (home[0] + dx, home[1] + dy)
        for ci in chains:
            r._unroute(ci)
        r.grid.station_at.pop(home, None)
        if _free_for(r, cell, station):
            r.settled[station] = cell
            r.grid.station_at[cell] = station
            new_paths = _reroute(r, station, chains, best_cost - EPSILON)
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


def _try_reroute(r: Router, ci: int) -> bool:
    """Route chain ci again where it lies, now that every other chain is routed; keep it if cheaper.

    The first routing did not know the chains routed after it, so the lines through its end
    stations may bend there; the grid search prices those bends now.
    """
    if ci not in r.routed or not _chain_bends(r, ci):
        return False
    old = r.routed[ci]
    before = _chain_cost(r, ci)
    r._unroute(ci)
    path = _search(r, ci)
    if path is None or path == old or any(c in r.grid.used_nodes for c in path[1:-1]):
        r._commit(ci, old)
        return False
    r._commit(ci, path)
    if _chain_cost(r, ci) < before - EPSILON:
        return True
    r._unroute(ci)
    r._commit(ci, old)
    return False


def _search(r: Router, ci: int) -> list[Cell] | None:
    """One bounded grid search for chain ci between its (settled) end stations, no crossings.

    Cheaper than the router's widening attempts: both ends are fixed here, and a move whose
    chains cannot be routed within SEARCH_EXPANSIONS is not worth having.
    """
    chain = r.chains[ci]
    r.searches += 1
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


def _chain_bends(r: Router, ci: int) -> bool:
    path = r.routed[ci]
    for a, b, c in zip(path, path[1:], path[2:], strict=False):
        if (b[0] - a[0], b[1] - a[1]) != (c[0] - b[0], c[1] - b[1]):
            return True
    return any(_through_bends(r, s) > 0 for s in r.chains[ci].ends)


def _chain_cost(r: Router, ci: int) -> float:
    """Bends and length of one chain plus the bends of lines through its end stations."""
    cost = _path_cost(r, ci)
    for s in sorted(set(r.chains[ci].ends)):
        cost += _through_bends(r, s)
    return cost


def _path_cost(r: Router, ci: int) -> float:
    path = r.routed[ci]
    weight = len(r.chains[ci].lines)
    cost = 0.0
    for a, b in pairwise(path):
        cost += STEP_COST if a[0] == b[0] or a[1] == b[1] else DIAGONAL_STEP_COST
    for a, b, c in zip(path, path[1:], path[2:], strict=False):
        d1 = DIRS.index((b[0] - a[0], b[1] - a[1]))
        d2 = DIRS.index((c[0] - b[0], c[1] - b[1]))
        t = turn(d1, d2)
        cost += weight * (TURN_COST[t] if t < 4 else 2 * TURN_COST[3])
    return cost


def _free_for(r: Router, cell: Cell, station: str) -> bool:
    grid = r.grid
    if not grid.inside(cell) or not grid.free(cell):
        return False
    return not any(
        grid.station_at.get((cell[0] + dx, cell[1] + dy), station) != station for dx, dy in DIRS
    )


def _reroute(
    r: Router, station: str, chains: list[int], bound: float
) -> dict[int, list[Cell]] | None:
    """Route the chains again without crossings; None (and nothing routed) when one fails.

    Also None as soon as the local cost of what is routed so far reaches `bound`: every term of
    `_local_cost` only grows as chains are added, so the move cannot pay.
    """
    done: list[int] = []
    for ci in chains:
        path = _search(r, ci)
        if path is None or any(c in r.grid.used_nodes for c in path[1:-1]):
            for cj in done:
                r._unroute(cj)
            return None
        r._commit(ci, path)
        done.append(ci)
        if len(done) < len(chains) and _local_cost(r, station, done) >= bound:
            for cj in done:
                r._unroute(cj)
            return None
    return {ci: r.routed[ci] for ci in chains}


def _local_cost(r: Router, station: str, chains: list[int]) -> float:
    cost = 0.0
    ends = {station}
    for ci in chains:
        cost += _path_cost(r, ci)
        ends.update(r.chains[ci].ends)
    for s in sorted(ends):
        cost += _through_bends(r, s)
    return cost + _move_cost(r, station)


def _move_cost(r: Router, station: str) -> float:
    ex, ey = r.embedding[station]
    cell = r.settled[station]
    move = MOVE_PINNED if station in r.pinned else MOVE_COST
    return move * math.hypot(cell[0] - ex, cell[1] - ey)


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
                cost += n * ports.bend(d1, d2, TURN_COST)
    return cost


def _first_neighbour(r: Router, ci: int, station: str) -> str:
    chain = r.chains[ci]
    return chain.stations[1] if chain.stations[0] == station else chain.stations[-2]
