"""Untangling a layered pipeline drawing: chains that cross others are drawn again freely.

A layered drawing can cross where the graph is planar: a station that feeds the drawing from
the side (a reference genome feeding two steps) may need to sit inside a face that its rank
keeps it out of. After routing, every chain (stations of degree 2 between two others, as
`chains.contract` finds them) whose path crosses another is taken out, with its inner stations,
and routed again by A* on the grid as one path long enough to hold them (wherever in the
drawing that path may go, crossing nothing); its stations are then laid along it at even steps.
Shortest chains are tried first; a round that removes no crossing ends the repair.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise

import networkx as nx

from ..model import Layer
from .chains import Chain, contract
from .pipeline_ranks import Arc
from .pipeline_routes import AROUND, Budget, Routed, searched

Cell = tuple[int, int]

# Repair rounds; each takes one chain out of the crossings.
ROUNDS = 8
# Grid cells per station gap along a rerouted chain (the drawing's unit, `pipeline.CELLS`).
GAP_CELLS = 2


def untangle(
    layer: Layer,
    g: nx.Graph,
    arcs: Sequence[Arc],
    cell: dict[str, Cell],
    bars: Mapping[str, Sequence[Cell]],
    routed: Routed,
    budget: Budget,
) -> None:
    """Reroute crossing chains in place (`cell` and `routed` change) while that removes some.

    Each search spends `budget`; the repair stops once it is used up.
    """
    index = {frozenset((a.left, a.right)): i for i, a in enumerate(arcs)}
    chains = sorted(enumerate(contract(layer, g)), key=lambda kc: (kc[1].steps, kc[0]))
    for _ in range(ROUNDS):
        involved = _crossing_arcs(routed)
        if not involved:
            return
        before = routed.crossings()
        for _, chain in chains:
            if budget.left <= 0:
                return
            ids = [index[frozenset(p)] for p in pairwise(chain.stations)]
            if not involved.intersection(ids) or any(s in bars for s in chain.stations):
                continue
            spent = routed.grid.expansions
            done = _reroute(chain, ids, arcs, cell, routed)
            budget.left -= routed.grid.expansions - spent
            if done and routed.crossings() < before:
                break
        else:
            return


def _crossing_arcs(routed: Routed) -> set[int]:
    used = routed.grid.used_nodes
    return {i for i, path in enumerate(routed.paths) if any(used.get(c, 0) > 1 for c in path[1:-1])}


def _reroute(
    chain: Chain, ids: Sequence[int], arcs: Sequence[Arc], cell: dict[str, Cell], routed: Routed
) -> bool:
    """Draw the chain again as one crossing-free path; False (nothing changed) if none exists."""
    grid = routed.grid
    inner = chain.stations[1:-1]
    for i in ids:
        grid.release(routed.paths[i])
    for s in inner:
        grid.station_at.pop(cell[s], None)
    weight = max(arcs[i].weight for i in ids)
    whole = Arc(chain.stations[0], chain.stations[-1], weight, ())
    start, stop = cell[chain.stations[0]], cell[chain.stations[-1]]
    path = searched(
        grid, whole, start, stop, crossing=False, pad=AROUND, steps=GAP_CELLS * len(ids)
    )
    cuts = _cuts(len(path) if path else 0, len(ids))
    if path is None or cuts is None:
        for i in ids:
            grid.occupy(routed.paths[i])
        for s in inner:
            grid.station_at[cell[s]] = s
        return False
    for s, k in zip(inner, cuts[1:-1], strict=True):
        cell[s] = path[k]
        grid.station_at[path[k]] = s
    for (u, v), i, (k0, k1) in zip(pairwise(chain.stations), ids, pairwise(cuts), strict=True):
        piece = path[k0 : k1 + 1]
        if arcs[i].left != u:
            piece.reverse()
        assert {arcs[i].left, arcs[i].right} == {u, v}
        routed.paths[i] = piece
        grid.occupy(piece)
    return True


def _cuts(cells: int, pieces: int) -> list[int] | None:
    """Indices along a path of `cells` cells where the chain's stations go: even steps apart."""
    if cells == 0:
        return None
    last = cells - 1
    cuts = [round(j * last / pieces) for j in range(pieces + 1)]
    if any(b - a < GAP_CELLS for a, b in pairwise(cuts)):
        return None
    return cuts
