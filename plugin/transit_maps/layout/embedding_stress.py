"""Stress majorisation for embeddings, its global start on big networks, and the grid's turn.

`stress` is localised stress majorisation with anchors (hints, pins): the straight-line distance
between two stations approaches their distance in hops; optional `Shape` terms pull edges
towards the eight octilinear directions and routes straight. From a layered start it settles in
a local minimum that keeps the layering's tangles: on city networks (lines running every way) it
leaves dozens of straight-line crossings. Pivot MDS (Brandes and Pich, "Eigensolver methods for
progressive multidimensional scaling of large data", 2006) places stations from their hop
distances to a few far-apart pivot stations, a global view of the network in O(n * PIVOTS)
time, here in plain Python so that every float is computed in the same order on every run.

Before schematisation the drawing is turned so that its edges run as close as possible to the
eight octilinear directions (`octilinear_turn`): fewer edges then need a bend to reach the grid.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import mul

import networkx as nx

Vec = tuple[float, float]

# Stress iterations; each is one sweep over every station (O(n^2)).
SWEEPS = 40
MIN_SWEEPS = 12
SWEEP_BUDGET = 4000  # sweeps x stations
# Anchor weight, relative to the stress of one adjacent pair: hints may bend to even out spacing,
# pins from a previous layout barely move.
HINT_WEIGHT = 2.0
PIN_WEIGHT = math.inf  # pins are fixed
# Same-zone pairs weigh this much more and want to be this much closer.
ZONE_WEIGHT = 3.0
ZONE_PULL = 0.8


@dataclass(frozen=True)
class Anchor:
    """Where a station should be, and how strongly (see HINT_WEIGHT / PIN_WEIGHT)."""

    pos: Vec
    weight: float


@dataclass(frozen=True)
class Shape:
    """Extra stress terms that shape a drawing for the octilinear grid (weights per edge term).

    `octilinear`: each edge is pulled towards the nearest octilinear direction; `straight`: each
    station inside one of `routes` towards the midpoint of its two neighbours on the route.
    """

    routes: tuple[tuple[str, ...], ...]
    octilinear: float = 2.0
    straight: float = 1.0


def _route_midpoints(
    routes: Sequence[Sequence[str]], index: Mapping[str, int]
) -> list[list[tuple[int, int]]]:
    """For each station, the pairs of stations next to it on a route (once per pair)."""
    out: list[list[tuple[int, int]]] = [[] for _ in index]
    for route in routes:
        for a, b, c in zip(route, route[1:], route[2:], strict=False):
            if a in index and b in index and c in index and a != c:
                pair = (index[a], index[c])
                if pair not in out[index[b]] and pair[::-1] not in out[index[b]]:
                    out[index[b]].append(pair)
    return out


def stress(
    g: nx.Graph,
    nodes: Sequence[str],
    pos: dict[str, Vec],
    anchors: Mapping[str, Anchor],
    zone_of: Mapping[str, str | None],
    arcs: Sequence[tuple[str, str]],
    scale: float = 1.0,
    shape: Shape | None = None,
) -> dict[str, Vec]:
    """Localised stress majorisation with anchors, plus "u left of v" for each arc.

    One hop wants `scale` grid units. With `shape`, each edge is also pulled towards the nearest
    of the eight octilinear directions and each station inside a route towards the midpoint of
    its two neighbours on the route (see `Shape`).
    """
    dist = {n: dict(nx.single_source_shortest_path_length(g, n)) for n in nodes}
    index = {n: i for i, n in enumerate(nodes)}
    terms: list[list[tuple[int, float, float]]] = []
    for n in nodes:
        row = []
        for m in nodes:
            if m == n:
                continue
            d = float(dist[n][m]) * scale
            w = 1.0 / (d * d)
            if zone_of.get(n) is not None and zone_of.get(n) == zone_of.get(m):
                w *= ZONE_WEIGHT
                d *= ZONE_PULL if d > 1 else 1.0
            row.append((index[m], d, w))
        terms.append(row)
    xs = [pos[n][0] for n in nodes]
    ys = [pos[n][1] for n in nodes]
    arc_idx = [(index[u], index[v]) for u, v in arcs]
    nbrs = [[index[m] for m in g.neighbors(n) if m in index] for n in nodes]
    mids = _route_midpoints(shape.routes, index) if shape is not None else [[] for _ in nodes]
    # each station's stress weights, summed once in the order a sweep would add them
    weights = []
    for row in terms:
        sw = 0.0
        for _, _, w in row:
            sw += w
        weights.append(sw)
    hypot = math.hypot
    # O(n^2) per sweep: big maps get fewer sweeps (stress settles early anyway)
    for _ in range(min(SWEEPS, max(MIN_SWEEPS, SWEEP_BUDGET // max(len(nodes), 1)))):
        for i, n in enumerate(nodes):
            anchor = anchors.get(n)
            if anchor is not None and anchor.weight >= PIN_WEIGHT:
                continue  # a pin does not move
            sx = sy = 0.0
            xi, yi = xs[i], ys[i]
            for j, d, w in terms[i]:
                xj = xs[j]
                yj = ys[j]
                dx = xi - xj
                dy = yi - yj
                norm = hypot(dx, dy) or 1e-9
                sx += w * (xj + d * dx / norm)
                sy += w * (yj + d * dy / norm)
            sw = weights[i]
            if shape is not None:
                # each edge towards its nearest octilinear direction, one hop long
                w = shape.octilinear / (scale * scale)
                for j in nbrs[i]:
                    dx, dy = xi - xs[j], yi - ys[j]
                    turn = round(math.atan2(dy, dx) / (math.pi / 4)) * (math.pi / 4)
                    sx += w * (xs[j] + scale * math.cos(turn))
                    sy += w * (ys[j] + scale * math.sin(turn))
                    sw += w
                # a station inside a route towards the midpoint of its route neighbours
                w = shape.straight / (scale * scale)
                for a, b in mids[i]:
                    sx += w * (xs[a] + xs[b]) / 2
                    sy += w * (ys[a] + ys[b]) / 2
                    sw += w
            if anchor is not None:
                sx += anchor.weight * anchor.pos[0]
                sy += anchor.weight * anchor.pos[1]
                sw += anchor.weight
            xs[i], ys[i] = sx / sw, sy / sw
        for _ in range(3):  # project onto x_v >= x_u + 1 for every travel arc
            for a, b in arc_idx:
                gap = xs[b] - xs[a]
                if gap < 1.0:
                    shift = (1.0 - gap) / 2
                    xs[a] -= shift
                    xs[b] += shift
    return {n: (xs[i], ys[i]) for i, n in enumerate(nodes)}


# Pivot stations (chosen far apart, max-min) and power-iteration rounds per eigenvector.
PIVOTS = 40
POWER_ROUNDS = 120


def pivot_mds(g: nx.Graph, nodes: Sequence[str]) -> dict[str, Vec]:
    """Positions from hop distances to PIVOTS far-apart stations; one hop is about one unit.

    `nodes` is one connected component of `g`, in station order (ties go to the earlier one).
    """
    n = len(nodes)
    if n < 3:
        return {v: (float(i), 0.0) for i, v in enumerate(nodes)}
    index = {v: i for i, v in enumerate(nodes)}
    k = min(PIVOTS, n)
    columns: list[list[float]] = []
    nearest = [math.inf] * n
    pivot = nodes[0]
    for _ in range(k):
        hops = nx.single_source_shortest_path_length(g, pivot)
        col = [0.0] * n
        for v, d in hops.items():
            col[index[v]] = float(d)
        columns.append(col)
        nearest = [min(a, b) for a, b in zip(nearest, col, strict=True)]
        far = max(range(n), key=lambda i: (nearest[i], -i))
        if nearest[far] == 0:
            break
        pivot = nodes[far]
    k = len(columns)
    # double centring of the squared distances (n x k)
    sq = [[columns[j][i] ** 2 for j in range(k)] for i in range(n)]
    col_mean = [sum(col) / n for col in zip(*sq, strict=True)]
    row_mean = [sum(row) / k for row in sq]
    total = sum(col_mean) / k
    c = [
        [-0.5 * (sq[i][j] - row_mean[i] - col_mean[j] + total) for j in range(k)] for i in range(n)
    ]
    # the two leading eigenvectors of C^T C (k x k) by power iteration with deflation
    # (each sum adds the same products in the same order as a loop over i or j would; map(mul)
    # only builds them faster)
    c_cols = list(zip(*c, strict=True))
    ctc = [[sum(map(mul, c_cols[a], c_cols[b])) for b in range(k)] for a in range(k)]
    axes: list[list[float]] = []
    for start in (1.0, -1.0):
        v = [1.0 + start * 0.01 * j for j in range(k)]
        for _ in range(POWER_ROUNDS):
            for u in axes:  # keep orthogonal to the axes found
                dot = sum(map(mul, u, v))
                v = [a - dot * b for a, b in zip(v, u, strict=True)]
            w = [sum(map(mul, row, v)) for row in ctc]
            norm = math.sqrt(sum(map(mul, w, w))) or 1.0
            v = [x / norm for x in w]
        axes.append(v)
    xs = [sum(map(mul, row, axes[0])) for row in c]
    ys = [sum(map(mul, row, axes[1])) for row in c]
    pos = {v: (xs[i], ys[i]) for i, v in enumerate(nodes)}
    return unit_median(pos, g.edges(nodes))


def unit_median(pos: Mapping[str, Vec], edges: Iterable[tuple[str, str]]) -> dict[str, Vec]:
    """`pos` scaled about the origin so that its median edge (of `edges`) is 1 long (as it is
    when there is no edge, or the median is 0)."""
    lengths = sorted(math.dist(pos[a], pos[b]) for a, b in edges)
    scale = 1.0 / (lengths[len(lengths) // 2] or 1.0) if lengths else 1.0
    return {v: (x * scale, y * scale) for v, (x, y) in pos.items()}


def octilinear_turn(
    g: nx.Graph, nodes: Sequence[str], pos: Mapping[str, Vec], routes: Sequence[Sequence[str]]
) -> dict[str, Vec]:
    """Rotate `pos` so that its edges lie closest to the octilinear directions.

    The best angle maximises the sum of cos(8 * (edge angle + turn)); of the eight such turns
    (45 degrees apart) the one whose drawing is widest for its height wins, then the one in which
    the longest route runs most nearly left to right.
    """
    member = set(nodes)
    sx = sy = 0.0
    for a, b in g.edges(nodes):
        if a not in member or b not in member:
            continue
        (x0, y0), (x1, y1) = pos[a], pos[b]
        theta = math.atan2(y1 - y0, x1 - x0)
        sx += math.cos(8 * theta)
        sy += math.sin(8 * theta)
    base = -math.atan2(sy, sx) / 8 if sx or sy else 0.0
    longest = max(routes, key=len) if routes else None
    best: tuple[float, float, int] | None = None
    out: dict[str, Vec] = dict(pos)
    for k in range(8):
        turned = _rotate(pos, base + k * math.pi / 4)
        xs = [p[0] for p in turned.values()]
        ys = [p[1] for p in turned.values()]
        aspect = (max(xs) - min(xs)) / ((max(ys) - min(ys)) or 1.0)
        flow = 0.0
        if longest is not None:
            (x0, _), (x1, _) = turned[longest[0]], turned[longest[-1]]
            flow = x1 - x0
        key = (round(min(aspect, 2.0), 6), round(flow, 6), -k)
        if best is None or key > best:
            best, out = key, turned
    return out


def _rotate(pos: Mapping[str, Vec], angle: float) -> dict[str, Vec]:
    cos, sin = math.cos(angle), math.sin(angle)
    return {n: (x * cos - y * sin, x * sin + y * cos) for n, (x, y) in pos.items()}
