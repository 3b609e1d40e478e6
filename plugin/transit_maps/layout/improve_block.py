"""Block moves for the local search: several stations shift together by one offset.

Moving one station at a time cannot straighten a bend that needs two stations to move: a trunk
that turns between two junctions straightens only when both junctions shift, and a chain that
already runs straight would bend if only one of its ends moved. A block move translates a set of
stations (the two ends of a chain, or a station with the stations at the far ends of its
dead-end branches) and the chains between them rigidly, and routes the chains that leave the
block again (bounded searches, no crossings). It is kept when the local cost (`improve_base`)
of every chain concerned drops; otherwise everything is put back.
"""

from __future__ import annotations

from collections.abc import Sequence

from .grid import DIRS, Cell, walk_cost
from .improve_base import (
    EPSILON,
    chain_bound,
    chain_extra,
    far_cell,
    move_cost,
    move_cost_at,
    path_cost,
    search,
    through_bends,
)
from .router import Router

# Offsets a block may move by: one and two grid steps along each of the eight directions.
BLOCK_MOVES: tuple[Cell, ...] = (*DIRS, *((2 * dx, 2 * dy) for dx, dy in DIRS))


def blocks(r: Router) -> list[tuple[str, ...]]:
    """The blocks worth moving: the ends of every chain between two movable stations.

    A bar station (port area) never moves. Ordered by chain index (deterministic).
    """
    out: list[tuple[str, ...]] = []
    seen: set[tuple[str, ...]] = set()
    for ci in sorted(r.routed):
        u, v = r.chains[ci].ends
        if u == v or u in r.bars or v in r.bars:
            continue
        block = with_branches(r, tuple(sorted((u, v))))
        if block not in seen:
            seen.add(block)
            out.append(block)
    return out


def try_block(r: Router, block: Sequence[str], moves: Sequence[Cell] = BLOCK_MOVES) -> bool:
    """Move every station of `block` by the cheapest offset that lowers the local cost.

    Chains with both ends in the block move rigidly with it; the others touching it are routed
    again. Returns whether a move was kept.
    """
    members = set(block)
    if any(s not in r.settled or s in r.bars or s in r.pinned for s in block):
        return False
    inner = sorted(ci for ci in r.routed if set(r.chains[ci].ends) <= members)
    outer = sorted(ci for ci in r.routed if ci not in inner and members & set(r.chains[ci].ends))
    if not outer:
        return False
    chains = inner + outer
    homes = {s: r.settled[s] for s in block}
    old = {ci: r.routed[ci] for ci in chains}
    best_cost = _cost(r, block, chains)
    rigid = sum(path_cost(r, ci) for ci in inner)  # a rigid shift keeps their bends and length
    far = {ci: far_cell(r, ci, _end_in(r, ci, members)) for ci in outer}
    best: tuple[Cell, dict[int, list[Cell]]] | None = None
    # everything of the block is lifted once; each attempt puts back only what it placed
    for ci in chains:
        r._unroute(ci)
    for s in block:
        r.grid.station_at.pop(homes[s], None)
    for off in moves:
        if _bound(r, block, homes, outer, far, rigid, off) >= best_cost - EPSILON:
            continue  # cannot pay, whatever the routes: no search needed
        paths = _attempt(r, block, homes, old, inner, outer, off, best_cost - EPSILON)
        if paths is None:
            continue
        cost = _cost(r, block, chains)
        if cost < best_cost - EPSILON:
            best_cost, best = cost, (off, paths)
        for ci in chains:
            r._unroute(ci)
        for s in block:
            r.grid.station_at.pop(r.settled[s], None)
        _restore_stations(r, block, homes, vacant=True)
    off, paths = best if best is not None else ((0, 0), old)
    for s in block:
        cell = (homes[s][0] + off[0], homes[s][1] + off[1])
        r.settled[s] = cell
        r.grid.station_at[cell] = s
    for ci in chains:
        r._commit(ci, paths[ci])
    return best is not None


def _end_in(r: Router, ci: int, members: set[str]) -> str:
    u, v = r.chains[ci].ends
    return u if u in members else v


def _attempt(
    r: Router,
    block: Sequence[str],
    homes: dict[str, Cell],
    old: dict[int, list[Cell]],
    inner: list[int],
    outer: list[int],
    off: Cell,
    bound: float,
) -> dict[int, list[Cell]] | None:
    """Place the lifted block shifted by `off` and route the outer chains.

    On success the new state stays in place for the caller to measure; otherwise (None) what
    the attempt placed is lifted again.
    """
    new = {s: (homes[s][0] + off[0], homes[s][1] + off[1]) for s in block}
    shifted = {ci: [(c[0] + off[0], c[1] + off[1]) for c in old[ci]] for ci in inner}
    if r.lazy:
        r._reserve()
    if not all(_room(r, cell, new) for cell in new.values()) or any(
        walk_cost(r.grid, path, r.chains[ci].ends) == float("inf") for ci, path in shifted.items()
    ):
        return None
    for s in block:
        r.settled[s] = new[s]
        r.grid.station_at[new[s]] = s
    for ci in inner:
        r._commit(ci, shifted[ci])
    done: list[int] = []
    for ci in outer:
        path = search(r, ci)
        if path is None or any(c in r.grid.used_nodes for c in path[1:-1]):
            break
        r._commit(ci, path)
        done.append(ci)
        if len(done) < len(outer) and _cost(r, block, inner + done) >= bound:
            break
    else:
        return {ci: r.routed[ci] for ci in inner + outer}
    for ci in inner + done:
        r._unroute(ci)
    for s in block:
        r.grid.station_at.pop(new[s], None)
    _restore_stations(r, block, homes, vacant=True)
    return None


def _bound(
    r: Router,
    block: Sequence[str],
    homes: dict[str, Cell],
    outer: list[int],
    far: dict[int, Cell | None],
    rigid: float,
    off: Cell,
) -> float:
    """A lower bound of `_cost` after shifting the block by `off` (no grid search)."""
    new = {s: (homes[s][0] + off[0], homes[s][1] + off[1]) for s in block}
    cost = rigid + sum(move_cost_at(r, s, new[s]) for s in block)
    for ci in outer:
        there = far[ci]
        if there is not None:
            cost += chain_bound(r, ci, new[_end_in(r, ci, set(new))], there)
    return cost


def with_branches(r: Router, stations: Sequence[str]) -> tuple[str, ...]:
    """The stations and the termini at the far ends of their dead-end chains (not pinned).

    A station that moves takes its dead-end branches along, so they stay as straight as they were.
    """
    out = list(stations)
    for s in stations:
        for ci in sorted(r.routed):
            u, v = r.chains[ci].ends
            if s not in (u, v):
                continue
            other = v if u == s else u
            if r.degree.get(other) == 1 and other not in r.pinned and other not in out:
                out.append(other)
    return tuple(out)


def _room(r: Router, cell: Cell, new: dict[str, Cell]) -> bool:
    """The cell is free and no station outside the block is next to it."""
    grid = r.grid
    if not grid.inside(cell) or not grid.free(cell):
        return False
    block_cells = set(new.values())
    for dx, dy in DIRS:
        near = (cell[0] + dx, cell[1] + dy)
        if near in grid.station_at or near in block_cells:
            return False
    return True


def _restore_stations(
    r: Router, block: Sequence[str], homes: dict[str, Cell], vacant: bool = False
) -> None:
    """Put the block's stations back home (`vacant`: recorded there, their cells left free)."""
    for s in block:
        r.settled[s] = homes[s]
        if not vacant:
            r.grid.station_at[homes[s]] = s


def _cost(r: Router, block: Sequence[str], chains: list[int]) -> float:
    ends: set[str] = set(block)
    cost = 0.0
    for ci in chains:
        cost += path_cost(r, ci) + chain_extra(r, ci)
        ends.update(r.chains[ci].ends)
    for s in sorted(ends):
        cost += through_bends(r, s)
    return cost + sum(move_cost(r, s) for s in block)
