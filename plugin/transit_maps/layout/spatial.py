"""Plane geometry shared by label placement and the metrics: distances, intersections, a grid index.

Both sides must agree on what "overlap" means, so the predicates live here once: a label box
overlaps a station marker when the box comes closer to the station than the marker's radius, and
a line when it comes closer to the centre line than half the bundle's width.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .geometry import Box, Point

T = TypeVar("T")

# Coordinates are exported with 2 decimals; anything closer than this is the same place.
EPS = 1e-6


def box_point_distance(box: Box, p: Point) -> float:
    """Distance from point `p` to the box (0 inside)."""
    dx = max(box.x - p[0], 0.0, p[0] - (box.x + box.width))
    dy = max(box.y - p[1], 0.0, p[1] - (box.y + box.height))
    return math.hypot(dx, dy)


def point_segment_distance(p: Point, a: Point, b: Point) -> float:
    """Distance from point `p` to the segment a-b."""
    ax, ay = a
    vx, vy = b[0] - ax, b[1] - ay
    length2 = vx * vx + vy * vy
    if length2 <= EPS * EPS:
        return math.hypot(p[0] - ax, p[1] - ay)
    t = max(0.0, min(1.0, ((p[0] - ax) * vx + (p[1] - ay) * vy) / length2))
    return math.hypot(p[0] - (ax + t * vx), p[1] - (ay + t * vy))


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def segments_touch(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether the closed segments a-b and c-d share at least one point."""
    d1, d2 = _cross(c, d, a), _cross(c, d, b)
    d3, d4 = _cross(a, b, c), _cross(a, b, d)
    if ((d1 > EPS and d2 < -EPS) or (d1 < -EPS and d2 > EPS)) and (
        (d3 > EPS and d4 < -EPS) or (d3 < -EPS and d4 > EPS)
    ):
        return True
    return (
        point_segment_distance(a, c, d) <= EPS
        or point_segment_distance(b, c, d) <= EPS
        or point_segment_distance(c, a, b) <= EPS
        or point_segment_distance(d, a, b) <= EPS
    )


def _clips(a: Point, b: Point, box: Box) -> bool:
    """Whether the segment a-b passes through the box (Liang-Barsky clipping)."""
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    t0, t1 = 0.0, 1.0
    for p, q in (
        (-dx, ax - box.x),
        (dx, box.x + box.width - ax),
        (-dy, ay - box.y),
        (dy, box.y + box.height - ay),
    ):
        if p == 0.0:
            if q < 0.0:
                return False
            continue
        t = q / p
        if p < 0.0:
            if t > t0:  # t0 = max(t0, t)
                t0 = t
        elif t < t1:  # t1 = min(t1, t)
            t1 = t
        if t0 > t1:
            return False
    return True


def segment_box_distance(a: Point, b: Point, box: Box) -> float:
    """Distance between the segment a-b and the box (0 when they touch)."""
    if _clips(a, b, box):
        return 0.0
    x0, y0, x1, y1 = box.x, box.y, box.x + box.width, box.y + box.height
    return min(
        box_point_distance(box, a),
        box_point_distance(box, b),
        *(point_segment_distance(c, a, b) for c in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))),
    )


def segment_within(a: Point, b: Point, box: Box, limit: float) -> bool:
    """Whether `segment_box_distance(a, b, box) < limit`, stopping at the first of its six
    distances that is: the same distances, computed as `box_point_distance` and
    `point_segment_distance` compute them (inlined), so the same answer."""
    if _clips(a, b, box):
        return limit > 0.0
    x0, y0 = box.x, box.y
    x1, y1 = x0 + box.width, y0 + box.height
    hypot = math.hypot
    for px, py in (a, b):
        dx = x0 - px  # max(x0 - px, 0.0, px - x1), as max keeps the first of equals
        if dx < 0.0:
            dx = 0.0
        if px - x1 > dx:
            dx = px - x1
        dy = y0 - py
        if dy < 0.0:
            dy = 0.0
        if py - y1 > dy:
            dy = py - y1
        if hypot(dx, dy) < limit:
            return True
    ax, ay = a
    vx, vy = b[0] - ax, b[1] - ay
    length2 = vx * vx + vy * vy
    corners = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    if length2 <= EPS * EPS:
        return any(hypot(cx - ax, cy - ay) < limit for cx, cy in corners)
    for cx, cy in corners:
        t = max(0.0, min(1.0, ((cx - ax) * vx + (cy - ay) * vy) / length2))
        if hypot(cx - (ax + t * vx), cy - (ay + t * vy)) < limit:
            return True
    return False


def bounds_gap(a: Point, b: Point, box: Box) -> float:
    """Distance between the bounding box of a-b and `box`: a cheap lower bound of the distance."""
    dx = max(box.x - max(a[0], b[0]), 0.0, min(a[0], b[0]) - (box.x + box.width))
    dy = max(box.y - max(a[1], b[1]), 0.0, min(a[1], b[1]) - (box.y + box.height))
    return math.hypot(dx, dy)


def segment_intersections(a: Point, b: Point, c: Point, d: Point) -> tuple[Point, ...]:
    """Where the segments a-b and c-d meet: no point, one point, or both ends of a shared piece."""
    if not segments_touch(a, b, c, d):
        return ()
    r = (b[0] - a[0], b[1] - a[1])
    s = (d[0] - c[0], d[1] - c[1])
    denom = r[0] * s[1] - r[1] * s[0]
    scale = math.hypot(*r) * math.hypot(*s)
    if abs(denom) > EPS * max(scale, 1.0):
        t = ((c[0] - a[0]) * s[1] - (c[1] - a[1]) * s[0]) / denom
        return ((a[0] + t * r[0], a[1] + t * r[1]),)
    # Collinear (or degenerate): the shared piece runs between the inner two of the four ends.
    shared = [p for p in (a, b) if point_segment_distance(p, c, d) <= EPS]
    shared += [p for p in (c, d) if point_segment_distance(p, a, b) <= EPS]
    unique: list[Point] = []
    for p in shared:
        if all(math.hypot(p[0] - q[0], p[1] - q[1]) > EPS for q in unique):
            unique.append(p)
    return tuple(unique[:2])


def polyline_bounds(path: Iterable[Point], pad: float = 0.0) -> Box:
    """Bounding box of a polyline, grown by `pad` on every side."""
    pts = list(path)
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return Box(
        min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad
    )


@dataclass
class GridIndex(Generic[T]):
    """Buckets of items by the square cells their bounding boxes cover, for fast near queries.

    Queries return each candidate once, in insertion order, so results stay deterministic.
    """

    cell: float = 64.0
    _cells: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    _items: list[T] = field(default_factory=list)

    def _span(self, box: Box) -> Iterator[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor(box.x / c), math.floor((box.x + box.width) / c) + 1):
            for j in range(math.floor(box.y / c), math.floor((box.y + box.height) / c) + 1):
                yield (i, j)

    def insert(self, box: Box, item: T) -> None:
        """Add `item`, occupying `box`."""
        self._items.append(item)
        n = len(self._items) - 1
        for key in self._span(box):
            self._cells.setdefault(key, []).append(n)

    def near(self, box: Box) -> list[T]:
        """Every item whose box shares a cell with `box` (a superset of those that overlap it)."""
        found: set[int] = set()
        for key in self._span(box):
            found.update(self._cells.get(key, ()))
        return [self._items[n] for n in sorted(found)]

    def each_near(self, box: Box) -> Iterator[T]:
        """Like `near`, but lazily and possibly repeating items: for early-exit tests."""
        c = self.cell
        cells = self._cells
        items = self._items
        floor = math.floor
        rows = range(floor(box.y / c), floor((box.y + box.height) / c) + 1)
        for i in range(floor(box.x / c), floor((box.x + box.width) / c) + 1):  # as _span
            for j in rows:
                for n in cells.get((i, j), ()):
                    yield items[n]

    def span_key(self, box: Box) -> tuple[int, int, int, int]:
        """The first and last cell columns and rows that `box` covers: boxes with the same key
        get the same `near` items (so a caller may keep them by key)."""
        c = self.cell
        floor = math.floor
        return (
            floor(box.x / c),
            floor((box.x + box.width) / c),
            floor(box.y / c),
            floor((box.y + box.height) / c),
        )
