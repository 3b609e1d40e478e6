"""Stress that keeps a drawing free of crossings: Tutte's drawings, evened out.

Tutte's barycentric drawing (`embedding_planar`) cannot cross, but it crowds the inner stations
of a network towards the middle of its polygon: edges there are a small fraction of those
round the outside, and the schematic keeps much of that unevenness (a seeded network with
tunnels of 100 stations: edge-length CV 1.05). Stress places stations by their distances in hops,
which evens edges out, but can fold the network over itself.

`relaxed` takes the best of both, in the manner of the PrEd family of force-directed methods
(Bertault 2000; Simonetto et al., ImPrEd, 2011): starting from a drawing without crossings, each
station in turn moves towards the place stress majorisation gives it (Gansner, Koren and North's
localised update, weights 1/d^2 for a distance of d hops), by at most STEP median edges in a
sweep; a move that would make its edges cross another edge, or pass nearer than CLEARANCE to
a station or an edge, is halved up to HALVINGS times and else not made. So every drawing on the
way, and the result, is free of crossings. SWEEPS sweeps at most; it stops when no station
moves by more than SETTLED.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import networkx as nx

from .embedding_untangle import segments_cross
from .spatial import GridIndex, point_segment_distance, polyline_bounds

Vec = tuple[float, float]
Edge = tuple[str, str]

# Sweeps at most; the largest move of one station in a sweep, in median edges; the move under
# which the drawing has settled (median edges).
SWEEPS = 25
STEP = 0.5
SETTLED = 0.01
# How near (median edges) a moved station may come to an edge that does not end there, and its
# edges to a station that is not one of their ends; how often a refused move is halved.
CLEARANCE = 0.05
HALVINGS = 3


def relaxed(g: nx.Graph, comp: Sequence[str], pos: Mapping[str, Vec]) -> dict[str, Vec]:
    """`pos` (component `comp` of `g`, median edge about 1, no crossings) moved towards its
    stress layout without a crossing (module docstring). Deterministic: stations move in the
    order of `comp`, and every sum runs in that order."""
    out = dict(pos)
    if len(comp) < 3:
        return out
    hops = {n: nx.single_source_shortest_path_length(g, n) for n in comp}
    around = {n: list(g.neighbors(n)) for n in comp}
    member = set(comp)
    edges = [(u, v) for u, v in g.edges() if u in member]
    for _ in range(SWEEPS):
        edge_index, station_index = _indexes(edges, comp, out)
        moved = 0.0
        for n in comp:
            target = _stress_target(n, comp, hops[n], out)
            if target is None:
                continue
            here = out[n]
            dx, dy = target[0] - here[0], target[1] - here[1]
            length = math.hypot(dx, dy)
            if length > STEP:
                dx, dy = dx * STEP / length, dy * STEP / length
            for _ in range(HALVINGS + 1):
                there = (here[0] + dx, here[1] + dy)
                if _clear(n, there, around[n], out, edge_index, station_index):
                    out[n] = there
                    moved = max(moved, math.hypot(dx, dy))
                    break
                dx, dy = dx / 2, dy / 2
        if moved < SETTLED:
            break
    return out


def _stress_target(
    n: str, comp: Sequence[str], hops: Mapping[str, int], pos: Mapping[str, Vec]
) -> Vec | None:
    """Where the localised stress majorisation update puts station n, the others kept."""
    x, y = pos[n]
    sx = sy = total = 0.0
    for m in comp:
        if m == n:
            continue
        d = hops[m]
        mx, my = pos[m]
        gap = math.hypot(x - mx, y - my)
        w = 1.0 / (d * d)
        if gap > 1e-12:
            sx += w * (mx + d * (x - mx) / gap)
            sy += w * (my + d * (y - my) / gap)
        else:
            sx += w * mx
            sy += w * my
        total += w
    return (sx / total, sy / total) if total else None


def _indexes(
    edges: Sequence[Edge], comp: Sequence[str], pos: Mapping[str, Vec]
) -> tuple[GridIndex[Edge], GridIndex[str]]:
    """Edges and stations by where they are at the start of a sweep (cells of one median edge);
    a query reaches STEP further, as far as anything can have moved since."""
    edge_index: GridIndex[Edge] = GridIndex(cell=1.0)
    for u, v in edges:
        edge_index.insert(polyline_bounds((pos[u], pos[v]), STEP), (u, v))
    station_index: GridIndex[str] = GridIndex(cell=1.0)
    for n in comp:
        station_index.insert(polyline_bounds((pos[n],), STEP), n)
    return edge_index, station_index


def _clear(
    n: str,
    there: Vec,
    around: Sequence[str],
    pos: Mapping[str, Vec],
    edge_index: GridIndex[Edge],
    station_index: GridIndex[str],
) -> bool:
    """Whether station n may stand at `there`: none of its edges crosses another edge or passes
    within CLEARANCE of another station, and it is that far from every other edge."""
    for u, v in edge_index.near(polyline_bounds((there,), CLEARANCE)):
        if n not in (u, v) and point_segment_distance(there, pos[u], pos[v]) < CLEARANCE:
            return False
    for m in around:
        far = pos[m]
        box = polyline_bounds((there, far), CLEARANCE)
        for u, v in edge_index.near(box):
            if n in (u, v) or m in (u, v):
                continue
            if segments_cross(there, far, pos[u], pos[v]):
                return False
        for k in station_index.near(box):
            if k not in (n, m) and point_segment_distance(pos[k], there, far) < CLEARANCE:
                return False
    return True
