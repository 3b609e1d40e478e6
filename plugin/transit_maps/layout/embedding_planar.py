"""Straight-line drawings that cannot cross: Tutte's barycentric drawing of a planar network.

Every other embedding starts from stress, which places stations by their distances in hops and
can fold a dense part of the network over itself; on some planar networks every one of them
crosses as straight lines, and the router, which keeps stations where the embedding put them,
keeps the crossings. Tutte's theorem gives a drawing that does not: fix the stations of one
face on a convex polygon and put every other station at the mean of its neighbours (one linear
system); on a triangulated planar network no two straight lines then cross. The network is
triangulated for the drawing only (networkx's `triangulate_embedding`, which also makes it
2-connected), and its own edges are kept.

Two drawings per component: with the face of most stations as the polygon (its inside is left
as it is: the inner stations spread over the polygon's area), and, up to FULLY_UP_TO stations,
fully triangulated (the polygon is a triangle). The iteration stops at a tolerance, so a drawing
crowded past float precision may cross after all; it is left out. They crowd their inner
stations towards the middle, so they only stand in where no candidate embedding is free of
straight-line crossings (`layout._ranked_with_room`), spread apart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import networkx as nx
from networkx.algorithms.planar_drawing import triangulate_embedding

from ..model import Layer
from .embedding import beside, components, crossings, planar_embedding_of
from .embedding_relax import relaxed
from .embedding_stress import unit_median

Vec = tuple[float, float]

# Sweeps of the barycentric iteration at most, the over-relaxation factor, and the largest
# move (in polygon radii) under which it has settled.
SWEEPS = 4000
RELAX = 1.8
SETTLED = 1e-9
# The fully triangulated drawing (a triangle round everything) only up to this many stations: on
# a bigger component it crowds the middle into a knot the router cannot draw (a seeded network
# with tunnels of 100 stations: 161 crossings, 43 s).
FULLY_UP_TO = 40


def planar_embeddings(
    layer: Layer, g: nx.Graph, scale: float, relax: bool = False
) -> list[dict[str, Vec]]:
    """The Tutte drawings (`planar_drawings`) of every component, side by side from left to
    right and centred on y = 0 as `embedding.embeddings` places them, median edge `scale`
    station gaps; the i-th takes each component's i-th drawing (or its last). With `relax`,
    each drawing evened out by `embedding_relax.relaxed`. None when a component is not
    planar."""
    per_comp = [planar_drawings(g, comp, relax) for comp in components(layer, g)]
    if not per_comp or any(not drawings for drawings in per_comp):
        return []
    out: list[dict[str, Vec]] = []
    for i in range(max(len(drawings) for drawings in per_comp)):
        pos: dict[str, Vec] = {}
        for drawings in per_comp:
            chosen = drawings[min(i, len(drawings) - 1)]
            beside(pos, {n: (x * scale, y * scale) for n, (x, y) in chosen.items()})
        out.append(pos)
    return out


def planar_drawings(g: nx.Graph, comp: Sequence[str], relax: bool = False) -> list[dict[str, Vec]]:
    """Tutte drawings of the planar component `comp` (module docstring), median edge length 1,
    those whose straight lines do not cross; none when it is not planar. With `relax`, each
    evened out by `embedding_relax.relaxed` (which keeps it free of crossings). Deterministic:
    networkx works on integer labels here."""
    if len(comp) < 3:
        return [{n: (float(i), 0.0) for i, n in enumerate(comp)}]
    embedding = planar_embedding_of(g, comp)
    if embedding is None:
        return []
    edges = list(g.subgraph(comp).edges())
    out: list[dict[str, Vec]] = []
    for fully in (False, True) if len(comp) <= FULLY_UP_TO else (False,):
        triangulated, outer = triangulate_embedding(embedding, fully_triangulate=fully)
        at = _barycentric(triangulated, list(outer))
        pos = unit_median({n: at[i] for i, n in enumerate(comp)}, edges)
        # a drawing crowded to float precision (the fully triangulated one of a tree of 30-40
        # stations) may not have settled, and cross: left out
        if crossings(g, comp, pos) == 0:
            out.append(unit_median(relaxed(g, comp, pos), edges) if relax else pos)
    return out


def _barycentric(g: nx.Graph, outer: Sequence[int]) -> dict[int, Vec]:
    """Stations of `outer` on a regular polygon, every other one at the mean of its neighbours
    (Gauss-Seidel with over-relaxation, in node order)."""
    pos: dict[int, Vec] = {}
    for k, n in enumerate(outer):
        angle = 2.0 * math.pi * k / len(outer)
        pos[n] = (math.cos(angle), math.sin(angle))
    inner = [n for n in sorted(g.nodes()) if n not in pos]
    for n in inner:
        pos[n] = (0.0, 0.0)
    around = {n: sorted(g.neighbors(n)) for n in inner}
    for _ in range(SWEEPS):
        moved = 0.0
        for n in inner:
            near = around[n]
            x = sum(pos[m][0] for m in near) / len(near)
            y = sum(pos[m][1] for m in near) / len(near)
            old = pos[n]
            new = (old[0] + RELAX * (x - old[0]), old[1] + RELAX * (y - old[1]))
            moved = max(moved, abs(new[0] - old[0]), abs(new[1] - old[1]))
            pos[n] = new
        if moved < SETTLED:
            break
    return pos
