"""Which side of a chain's course a station lies on, and walls that keep it there.

The router lays each chain as a cheapest grid path between its end stations; the embedding
drew the chain as a polyline through its stations. A path that runs round a key station on
the other side than that polyline puts the station in another face of the drawing, and a
planar network can then need a crossing later (a ring routed past the wrong side of the
junction a branch hangs off). `winding` tells such a station: the path and the polyline,
joined end to end, wind round it. `wall` is a row of grid nodes from the station away from
the polyline, along an axis that does not meet it, out to the grid's border: a path that may
not enter it passes the station on the polyline's side. `beyond` tells how far from its ends
such a path may have to go: as far as the polyline does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

from .spatial import segments_touch

Vec = tuple[float, float]
Cell = tuple[int, int]

# The four axis directions a wall may run in (a diagonal row of nodes lets a diagonal step
# through between two of them).
AXES: tuple[Cell, ...] = ((1, 0), (-1, 0), (0, 1), (0, -1))


def winding(ring: Sequence[Vec], p: Vec) -> int:
    """How many times the closed polygon `ring` winds round the point p (0: p is outside)."""
    px, py = p
    total = 0.0
    before = math.atan2(ring[-1][1] - py, ring[-1][0] - px)
    for x, y in ring:
        angle = math.atan2(y - py, x - px)
        turn = angle - before
        if turn > math.pi:
            turn -= math.tau
        elif turn < -math.pi:
            turn += math.tau
        total += turn
        before = angle
    return round(total / math.tau)


def nearest_on(line: Sequence[Vec], p: Vec) -> Vec:
    """The point of the polyline `line` nearest to p (the first of equals)."""
    best, least = line[0], math.inf
    for a, b in pairwise(line):
        dx, dy = b[0] - a[0], b[1] - a[1]
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2
        t = max(0.0, min(1.0, t))
        q = (a[0] + t * dx, a[1] + t * dy)
        d = math.dist(p, q)
        if d < least:
            best, least = q, d
    return best


def beyond(line: Sequence[Vec], points: Sequence[Vec]) -> float:
    """How far the polyline `line` reaches outside the bounding box of `points` (along x or
    y; 0 when it stays inside)."""
    x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
    y0, y1 = min(p[1] for p in points), max(p[1] for p in points)
    return max(max(x0 - x, x - x1, y0 - y, y - y1, 0.0) for x, y in line)


def wall(p: Vec, line: Sequence[Vec], bounds: tuple[int, int, int, int]) -> list[Cell]:
    """The grid nodes from p's node out to the border of `bounds` (x0, y0, x1, y1), ends
    included, along the axis that leads most directly away from the polyline `line` without
    meeting it; empty when every axis meets it.

    Where a path and `line` wind round p, such a ray crosses the path: a path kept off it goes
    round p on the line's side."""
    q = nearest_on(line, p)
    away = (p[0] - q[0], p[1] - q[1])
    x0, y0, x1, y1 = bounds
    start = (round(p[0]), round(p[1]))
    for dx, dy in sorted(AXES, key=lambda v: -(v[0] * away[0] + v[1] * away[1])):
        x, y = start
        out: list[Cell] = []
        while x0 <= x <= x1 and y0 <= y <= y1:
            out.append((x, y))
            x, y = x + dx, y + dy
        if not out:
            return []
        end = (float(out[-1][0]), float(out[-1][1]))
        if not any(segments_touch(p, end, a, b) for a, b in pairwise(line)):
            return out
    return []
