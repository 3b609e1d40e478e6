"""A global start for stress on big networks, and the rotation that suits an octilinear grid.

Stress majorisation from a layered start settles in a local minimum that keeps the layering's
tangles: on city networks (lines running every way) it leaves dozens of straight-line crossings.
Pivot MDS (Brandes and Pich, "Eigensolver methods for progressive multidimensional scaling of
large data", 2006) places stations from their hop distances to a few far-apart pivot stations, a
global view of the network in O(n * PIVOTS) time, here in plain Python so that every float is
computed in the same order on every run. Stress then refines it (`embedding._stress`).

Before schematisation the drawing is turned so that its edges run as close as possible to the
eight octilinear directions (`octilinear_turn`): fewer edges then need a bend to reach the grid.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import networkx as nx

Vec = tuple[float, float]

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
    col_mean = [sum(sq[i][j] for i in range(n)) / n for j in range(k)]
    row_mean = [sum(row) / k for row in sq]
    total = sum(col_mean) / k
    c = [
        [-0.5 * (sq[i][j] - row_mean[i] - col_mean[j] + total) for j in range(k)] for i in range(n)
    ]
    # the two leading eigenvectors of C^T C (k x k) by power iteration with deflation
    ctc = [[sum(c[i][a] * c[i][b] for i in range(n)) for b in range(k)] for a in range(k)]
    axes: list[list[float]] = []
    for start in (1.0, -1.0):
        v = [1.0 + start * 0.01 * j for j in range(k)]
        for _ in range(POWER_ROUNDS):
            for u in axes:  # keep orthogonal to the axes found
                dot = sum(a * b for a, b in zip(u, v, strict=True))
                v = [a - dot * b for a, b in zip(v, u, strict=True)]
            w = [sum(row[j] * v[j] for j in range(k)) for row in ctc]
            norm = math.sqrt(sum(x * x for x in w)) or 1.0
            v = [x / norm for x in w]
        axes.append(v)
    xs = [sum(row[j] * axes[0][j] for j in range(k)) for row in c]
    ys = [sum(row[j] * axes[1][j] for j in range(k)) for row in c]
    pos = {v: (xs[i], ys[i]) for i, v in enumerate(nodes)}
    lengths = sorted(math.dist(pos[a], pos[b]) for a, b in g.edges(nodes))
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
