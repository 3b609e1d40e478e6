"""A starting order for a layered pipeline drawing, read off a planar embedding.

Barycenter sweeps only improve the order they start from. Where the station graph is planar,
a planar embedding (networkx's) says in which cyclic order each station's neighbours should lie
around it. Walking the arcs depth first, each station's successors are taken in that cyclic
order, starting just after its predecessors (so they come top to bottom, or bottom to top in the
mirror image); each rank lists its nodes in the order the walk meets them. For an upward planar
network this order has no crossing; elsewhere it is one more start for the sweeps.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from random import Random

import networkx as nx

from .pipeline_order import Nbrs, swept, walk_layers
from .pipeline_ranks import Ranked

# Other planar embeddings tried when the orders read off networkx's still cross after sweeps
# (`uncrossed_start`): each found for the component with its stations and edges in a seeded
# shuffled order, so the planarity test's depth-first search meets them differently.
EMBEDDINGS = 8


def rotation(g: nx.Graph, comp: Sequence[str]) -> dict[str, list[str]] | None:
    """Clockwise neighbour order of every station of the component, or None if not planar.

    The component is copied in `g`'s own order of stations and edges: a networkx subgraph of a
    component of less than half the network iterates the set of its stations, whose order
    depends on the hash seed (and so would the embedding)."""
    member = set(comp)
    sub = nx.Graph()
    sub.add_nodes_from(n for n in g if n in member)
    sub.add_edges_from((u, v) for u, v in g.edges() if u in member)
    planar, embedding = nx.check_planarity(sub)
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


def uncrossed_start(
    ranked: Ranked, comp: Sequence[str], g: nx.Graph, left: Nbrs, right: Nbrs
) -> list[list[str]] | None:
    """A start (`planar_layers` of another planar embedding of the component, either way round)
    that barycenter sweeps take to an order without crossings; None if none of EMBEDDINGS does.

    An order of a planar network may cross only because the embedding it was read off puts a
    chain on the wrong side of another (a QC arc inside the face a feedback arc closes); the
    sweeps cannot move a whole chain across.
    """
    for turn in _other_rotations(g, comp):
        for mirrored in (False, True):
            start = planar_layers(ranked, comp, right, turn, mirrored)
            if swept([list(layer) for layer in start], left, right)[1] == 0:
                return start
    return None


def _other_rotations(g: nx.Graph, comp: Sequence[str]) -> Iterator[dict[str, list[str]]]:
    """EMBEDDINGS planar embeddings of the (planar) component, from seeded shuffles."""
    nodes = sorted(comp)
    edges = sorted(tuple(sorted(e)) for e in g.subgraph(comp).edges())
    for seed in range(EMBEDDINGS):
        rng = Random(seed)
        h = nx.Graph()
        h.add_nodes_from(rng.sample(nodes, len(nodes)))
        h.add_edges_from(rng.sample(edges, len(edges)))
        turn = rotation(h, comp)
        assert turn is not None  # the same planar graph, met in another order
        yield turn
