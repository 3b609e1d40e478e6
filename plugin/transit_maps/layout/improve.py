"""Local search after the first routing: an improvement loop over chains and stations.

Rounds, each of four kinds of move, until a round keeps none (or ROUNDS, or the work BUDGET):

0. *Cut moves* (`improve_region`, maps of CUT_FROM stations or more): for every corner of a
   chain's path, the stations on one side of a straight cut shift together so that the corner
   straightens; the chains crossing the cut are routed again.
1. *Reroute*: every chain whose lines bend, or that crosses another route, is ripped up and
   routed again where it lies. The first routing did not know the chains routed after it; now
   the grid search prices the bends of lines through both end stations.
2. *Move a station*: every station whose chains bend tries the grid nodes one and two steps away
   (MOVES) and the nodes where one of its chains would run straight (`improve_align`, up to
   ALIGN_RADIUS steps away). It takes the termini of its dead-end branches along, rigidly.
3. *Move a block*: the two ends of a chain (with their dead-end branches) shift together by one
   or two steps (`improve_block`), so a bend between them can move out of the chain.

Every move rips up the chains it touches and routes them again without crossings; the cheapest
move that lowers the local cost (`improve_base`) is kept, otherwise everything is put back. The
local cost prices crossings far above bends (`improve_base.CROSS_COST`), so on a drawing that
crosses, a move that routes a crossing chain round the other route pays. A
lower bound of the cost (`improve_base.chain_bound`) skips moves that cannot pay before any grid
search. After the first round only stations near a kept change are tried again. This is the
improvement step of LOOM's octi (Bast, Brosi, Storandt 2020) with our own moves and costs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .grid import DIRS
from .improve_align import aligned_cells
from .improve_base import (
    EPSILON,
    chain_extra,
    crossed,
    incident,
    path_cost,
    search,
    through_bends,
)
from .improve_block import blocks, try_block, with_branches
from .improve_region import cut_moves
from .router import Router

# Rounds at most (the loop usually settles in two or three).
ROUNDS = 6
# A* expansions the local search may spend, per station of the layer (about 1 s per 150 000
# expansions here), so that it stays within the time targets. The targets grow faster than the
# maps (2 s for 60 stations, 5 s for 100, 20 s for 250), so past BUDGET_FROM stations the budget
# per station grows in proportion to the size, up to BUDGET_GROWTH times (BUDGET_GROWTH_BIG above
# BIG stations, whose 20 s target leaves room; synthetic-250 needs it to keep few crossings).
BUDGET = 1500
BUDGET_FROM = 60
BUDGET_GROWTH = 1.4
BUDGET_GROWTH_BIG = 1.7
BIG = 120
# Cut moves (`improve_region`) only on maps of this many stations (rail networks): on smaller
# ones they shift lengths more than bends (ml-system org: same 7 bends, length CV 0.21 -> 0.33;
# a 32-station nf-core pipeline: 66 -> 67 bends, CV 0.42 -> 0.62).
CUT_FROM = 60
# Where a station may move: the eight neighbouring grid nodes, then two steps along each port.
MOVES = (*DIRS, *((2 * dx, 2 * dy) for dx, dy in DIRS))


@dataclass(frozen=True)
class Improvement:
    """What one local search did: moves kept, how many of them were aligning moves (`far`
    only), and whether it spent its whole budget."""

    kept: int
    aligned: int
    spent: bool

    def same_without_aligning(self) -> bool:
        """Whether the search without aligning moves would keep exactly the same moves: this
        one kept no aligning move and ended before its budget did (without them the same moves
        are tried in the same order, and the cheapest kept each time was never an aligning
        one)."""
        return self.aligned == 0 and not self.spent


def improve(r: Router, order: list[str], share: float = 1.0, far: bool = True) -> Improvement:
    """Run the local search on a routed Router; returns what it did.

    Repeated rounds, each first routing every chain again where it lies (`_try_reroute`), then
    trying to move each station (`_try_station`) and each block (`improve_block`), until a
    round changes nothing, ROUNDS have run or BUDGET A* expansions per station are spent. After
    the first round only the stations near a change are tried again (nothing else can have
    become cheaper to move). `share` scales the budget (several starts share one); without
    `far`, stations move only one or two steps (no aligning moves).
    """
    r.lazy = True
    try:
        return _rounds(r, order, share, far)
    finally:
        r.lazy = False
        r._reserve()


def work_budget(stations: int) -> int:
    """A* expansions the local search may spend on a layer of this many stations."""
    cap = BUDGET_GROWTH_BIG if stations > BIG else BUDGET_GROWTH
    growth = min(cap, max(1.0, stations / BUDGET_FROM))
    return round(BUDGET * stations * growth)


def _rounds(r: Router, order: list[str], share: float, far: bool) -> Improvement:
    moved = 0
    aligned: list[str] = []
    budget = r.grid.expansions + share * work_budget(len(r.embedding))
    dirty = set(r.settled)
    for _ in range(ROUNDS):
        changed, kept = _round(r, order, dirty, budget, far, aligned)
        moved += kept
        if not changed:
            break
        dirty = _around(r, changed)
    return Improvement(moved, len(aligned), r.grid.expansions > budget)


def _round(
    r: Router, order: list[str], dirty: set[str], budget: float, far: bool, aligned: list[str]
) -> tuple[set[str], int]:
    """One round of every kind of move near the `dirty` stations: what changed, moves kept
    (stations moved by an aligning move are added to `aligned`)."""
    changed: set[str] = set()
    kept = 0
    # (not on drawings that cross: a side moved rigidly may carry its crossings onto new chains)
    if len(r.embedding) >= CUT_FROM and r.crossings() == 0:
        kept += _cuts(r, dirty, budget, changed)
    for ci in sorted(r.routed):
        if r.grid.expansions > budget:
            break
        ends = r.chains[ci].ends
        if any(e in dirty for e in ends) and _try_reroute(r, ci):
            changed.update(ends)
            kept += 1
    for station in order:
        if station in r.bars or station not in r.settled or r.grid.expansions > budget:
            continue
        if station not in dirty or not _bends_near(r, station):
            continue
        home = r.settled[station]
        if _try_station(r, station, far):
            changed.add(station)
            kept += 1
            cell = r.settled[station]
            if (cell[0] - home[0], cell[1] - home[1]) not in MOVES:
                aligned.append(station)
    for block in blocks(r):
        if r.grid.expansions > budget:
            break
        if not dirty.intersection(block) or not any(_bends_near(r, s) for s in block):
            continue
        if try_block(r, block):
            changed.update(block)
            kept += 1
    return changed, kept


def _cuts(r: Router, dirty: set[str], budget: float, changed: set[str]) -> int:
    """Cut moves (`improve_region`) for every bend of a chain near the `dirty` stations.

    The first cut move kept for a chain ends its turn (its path changed). Returns the moves kept.
    """
    kept = 0
    for ci in sorted(r.routed):
        if r.grid.expansions > budget:
            break
        if ci not in r.routed or not dirty.intersection(r.chains[ci].ends):
            continue
        for side, offsets in cut_moves(r, ci):
            if r.grid.expansions > budget:
                break
            if try_block(r, side, offsets):
                changed.update(side)
                kept += 1
                break
    return kept


def _around(r: Router, stations: set[str]) -> set[str]:
    """The stations, the far ends of their chains, and the far ends of those ends' chains."""
    out = set(stations)
    for _ in range(2):
        out.update(e for ci in r.routed for e in r.chains[ci].ends if out & set(r.chains[ci].ends))
    return out


def _bends_near(r: Router, station: str) -> bool:
    """Whether a chain at the station bends or crosses, or lines bend at its chains' ends."""
    chains = incident(r, station)
    for ci in chains:
        if crossed(r, ci):
            return True
        path = r.routed[ci]
        for a, b, c in zip(path, path[1:], path[2:], strict=False):
            if (b[0] - a[0], b[1] - a[1]) != (c[0] - b[0], c[1] - b[1]):
                return True
    return any(through_bends(r, s) > 0 for ci in chains for s in r.chains[ci].ends)


def _try_station(r: Router, station: str, far: bool) -> bool:
    """Move a station (and its dead-end branches) a step or two, or (`far`) where a chain aligns."""
    block = with_branches(r, (station,))
    home = r.settled[station]
    outer = [ci for ci in incident(r, station) if not set(r.chains[ci].ends) <= set(block)]
    offsets = list(MOVES)
    for cell in aligned_cells(r, station, outer) if far else []:
        off = (cell[0] - home[0], cell[1] - home[1])
        if off not in offsets:
            offsets.append(off)
    return try_block(r, block, offsets)


def _try_reroute(r: Router, ci: int) -> bool:
    """Route chain ci again where it lies, now that every other chain is routed; keep it if cheaper.

    The first routing did not know the chains routed after it, so the lines through its end
    stations may bend there; the grid search prices those bends now.
    """
    if ci not in r.routed or not (_chain_bends(r, ci) or crossed(r, ci)):
        return False
    old = r.routed[ci]
    before = _chain_cost(r, ci)
    r._unroute(ci)
    path = search(r, ci)
    if path is None or path == old or any(c in r.grid.used_nodes for c in path[1:-1]):
        r._commit(ci, old)
        return False
    r._commit(ci, path)
    if _chain_cost(r, ci) < before - EPSILON:
        return True
    r._unroute(ci)
    r._commit(ci, old)
    return False


def _chain_bends(r: Router, ci: int) -> bool:
    path = r.routed[ci]
    for a, b, c in zip(path, path[1:], path[2:], strict=False):
        if (b[0] - a[0], b[1] - a[1]) != (c[0] - b[0], c[1] - b[1]):
            return True
    return any(through_bends(r, s) > 0 for s in r.chains[ci].ends)


def _chain_cost(r: Router, ci: int) -> float:
    """Bends, length and crossings of one chain plus the bends of lines through its end stations."""
    cost = path_cost(r, ci) + chain_extra(r, ci)
    for s in sorted(set(r.chains[ci].ends)):
        cost += through_bends(r, s)
    return cost
