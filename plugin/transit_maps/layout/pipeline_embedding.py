"""A starting order for a layered pipeline drawing, read off a planar embedding.

Barycenter sweeps only improve the order they start from. Where the station graph is planar,
a planar embedding (networkx's) says in which cyclic order each station's neighbours should lie
around it. Walking the arcs depth first, each station's successors are taken in that cyclic
order, starting just after its predecessors (so they come top to bottom, or bottom to top in the
mirror image); each rank lists its nodes in the order the walk meets them. For an upward planar
network this order has no crossing; elsewhere it is one more start for the sweeps.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from .pipeline_order import Nbrs, walk_layers
from .pipeline_ranks import Ranked


def rotation(g: nx.Graph, comp: Sequence[str]) -> dict[str, list[str]] | None:
    """Clockwise neighbour order of every station of the component, or None if not planar."""
    planar, embedding = nx.check_planarity(g.subgraph(comp))
    if not planar:
        return None
    return {n: list(embedding.neighbors_cw_order(n)) for n in comp}


def planar_layers(
    ranked: Ranked,
    comp: Sequence[str],
    right: Nbrs,
    turn: dict[str, list[str]],
    mirrored: bool,
) -> list[list[str]]:
    """Nodes per rank in the order of a depth-first walk that follows the embedding."""
    far: dict[str, str] = {}  # first node of an arc's way right -> the station it leads to
    preds: dict[str, list[str]] = {n: [] for n in comp}
    for arc in ranked.arcs:
        far[f"{arc.left}\x01{arc.nodes[1]}"] = arc.right
        preds[arc.right].append(arc.left)

    def pushed(n: str, nxt: list[str]) -> list[str]:
        if n in turn and len(nxt) > 1:
            cyclic = turn[n][::-1] if mirrored else turn[n]
            place = _after_preds(cyclic, preds[n])
            keys = {m: place.get(far.get(f"{n}\x01{m}", m), len(place)) for m in nxt}
            nxt.sort(key=keys.__getitem__)
        return nxt[::-1]

    starts = [n for n in comp if not preds[n]] + list(comp)
    return walk_layers(ranked, starts, right, pushed)


def _after_preds(cyclic: Sequence[str], preds: Sequence[str]) -> dict[str, int]:
    """Position of each neighbour in the cyclic order, counted from just after the predecessors."""
    k = len(cyclic)
    start = 0
    for i, n in enumerate(cyclic):
        if n in preds and cyclic[(i + 1) % k] not in preds:
            start = (i + 1) % k
            break
    return {cyclic[(start + j) % k]: j for j in range(k)}
