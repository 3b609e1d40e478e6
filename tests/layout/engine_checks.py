"""Independent geometry checks for layout tests (they do not use layout.metrics)."""

from __future__ import annotations

import math
from itertools import pairwise

from transit_maps.layout.geometry import Layout, Point
from transit_maps.layout.metrics import FOREIGN_REACH
from transit_maps.model import Layer, Line, Station

Piece = tuple[Point, Point]


def make_layer(routes: dict[str, list[list[str]]], **stations: Station) -> Layer:
    """A layer from routes: line id -> [main route, *branches]; stations in first-seen order."""
    seen: dict[str, None] = {}
    lines = []
    for i, (line_id, rs) in enumerate(routes.items()):
        for r in rs:
            seen.update(dict.fromkeys(r))
        lines.append(
            Line(
                line_id,
                line_id,
                f"#{i * 40 % 256:02x}4080",
                tuple(rs[0]),
                tuple(map(tuple, rs[1:])),
            )
        )
    return Layer(
        "net",
        "Net",
        "other",
        tuple(lines),
        tuple(stations.get(s, Station(s, s.title())) for s in seen),
    )


def pieces(path: tuple[Point, ...]) -> list[Piece]:
    return [(a, b) for a, b in pairwise(path) if a != b]


def is_octilinear(a: Point, b: Point) -> bool:
    dx, dy = abs(b[0] - a[0]), abs(b[1] - a[1])
    return dx < 1e-6 or dy < 1e-6 or abs(dx - dy) < 1e-6


def _orient(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _on(a: Point, b: Point, p: Point) -> bool:
    return (
        abs(_orient(a, b, p)) < 1e-6
        and min(a[0], b[0]) - 1e-6 <= p[0] <= max(a[0], b[0]) + 1e-6
        and min(a[1], b[1]) - 1e-6 <= p[1] <= max(a[1], b[1]) + 1e-6
    )


def meet(p: Piece, q: Piece) -> bool:
    """Whether two segments share any point."""
    (a, b), (c, d) = p, q
    o1, o2, o3, o4 = _orient(a, b, c), _orient(a, b, d), _orient(c, d, a), _orient(c, d, b)
    if ((o1 > 1e-6 and o2 < -1e-6) or (o1 < -1e-6 and o2 > 1e-6)) and (
        (o3 > 1e-6 and o4 < -1e-6) or (o3 < -1e-6 and o4 > 1e-6)
    ):
        return True
    return _on(a, b, c) or _on(a, b, d) or _on(c, d, a) or _on(c, d, b)


def crossing_pairs(layout: Layout) -> list[tuple[str, str, str, str]]:
    """Pairs of edges without a common station whose paths meet anywhere."""
    out = []
    edges = layout.edges
    for i, e in enumerate(edges):
        for f in edges[i + 1 :]:
            if {e.source, e.target} & {f.source, f.target}:
                continue
            if any(meet(p, q) for p in pieces(e.path) for q in pieces(f.path)):
                out.append((e.source, e.target, f.source, f.target))
    return out


def overlapping_pairs(layout: Layout) -> list[tuple[str, str, str, str]]:
    """Pairs of edges without a common station that share a stretch of positive length."""
    out = []
    edges = layout.edges
    for i, e in enumerate(edges):
        for f in edges[i + 1 :]:
            if {e.source, e.target} & {f.source, f.target}:
                continue
            for (a, b), (c, d) in ((p, q) for p in pieces(e.path) for q in pieces(f.path)):
                collinear = abs(_orient(a, b, c)) < 1e-6 and abs(_orient(a, b, d)) < 1e-6
                inside = [p for p in (a, b) if _on(c, d, p)] + [p for p in (c, d) if _on(a, b, p)]
                if collinear and len({(round(x, 6), round(y, 6)) for x, y in inside}) >= 2:
                    out.append((e.source, e.target, f.source, f.target))
                    break
    return out


def foreign_stations(layout: Layout) -> list[tuple[str, str, str]]:
    """Stations lying on (within FOREIGN_REACH of: through the marker) an edge not ending there."""
    out = []
    for s in layout.stations:
        for e in layout.edges:
            if s.id in (e.source, e.target):
                continue
            for a, b in pieces(e.path):
                if _distance((s.x, s.y), a, b) < FOREIGN_REACH:
                    out.append((s.id, e.source, e.target))
                    break
    return out


def _distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.dist(p, (a[0] + t * dx, a[1] + t * dy))


def station_gaps(layout: Layout) -> list[float]:
    """Straight-line distances between every two stations."""
    pts = [(s.x, s.y) for s in layout.stations]
    return [math.dist(p, q) for i, p in enumerate(pts) for q in pts[i + 1 :]]
