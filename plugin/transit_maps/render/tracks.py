"""Line strokes: each line's edges chained into runs, offset inside their bundles, corners rounded.

An edge lists its lines left to right (travelling source to target); line i of n sits
`((n - 1) / 2 - i) * LINE_SPACING` to the left of the centre line. A line's edges are joined at
every station where it has exactly two (or, at a fork, its two straightest) edges, so the stroke
runs on without a seam; where its place in the bundle changes, it moves over with a short 45° jog
inside the station. Corners get concentric arcs: the geometry stays octilinear, only the drawing
is rounded.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..layout.dimensions import LINE_SPACING, LINE_WIDTH
from ..layout.geometry import PlacedEdge, Point
from .markup import num

# Radius of the centre line's arc at a bend; the lines of a bundle get concentric arcs around it.
CORNER_RADIUS = 14.0
_EPS = 1e-9


@dataclass(frozen=True)
class Piece:
    """One straight piece of a run: centre-line ends and the line's offset (left of travel)."""

    start: Point
    end: Point
    offset: float


def offset_in(edge: PlacedEdge, line_id: str) -> float:
    """Offset of `line_id` to the left of `edge`'s centre line, travelling source to target."""
    n = len(edge.lines)
    return ((n - 1) / 2 - edge.lines.index(line_id)) * LINE_SPACING


def runs(line_id: str, edges: Sequence[PlacedEdge]) -> list[list[Piece]]:
    """The continuous runs of `line_id` over `edges` (those carrying it), in a stable order."""
    mine = [i for i, e in enumerate(edges) if line_id in e.lines]
    at: dict[str, list[int]] = {}
    for i in mine:
        at.setdefault(edges[i].source, []).append(i)
        at.setdefault(edges[i].target, []).append(i)
    partner: dict[tuple[int, str], int] = {}
    for station, incident in at.items():
        for a, b in _pairs(station, incident, edges):
            partner[(a, station)] = b
            partner[(b, station)] = a
    used: set[int] = set()
    out: list[list[Piece]] = []
    # Start runs at open ends first (termini, unpaired fork arms), then close remaining loops.
    starts = [(i, s) for i in mine for s in (edges[i].source, edges[i].target)]
    open_starts = [(i, s) for i, s in starts if (i, s) not in partner]
    for i, station in [*open_starts, *((i, edges[i].source) for i in mine)]:
        if i in used:
            continue
        run: list[Piece] = []
        current, entry = i, station
        while current not in used:
            used.add(current)
            edge = edges[current]
            run.extend(_pieces(edge, line_id, reverse=entry != edge.source))
            exit_station = edge.target if entry == edge.source else edge.source
            nxt = partner.get((current, exit_station))
            if nxt is None:
                break
            current, entry = nxt, exit_station
        out.append(run)
    return out


def _pairs(station: str, incident: list[int], edges: Sequence[PlacedEdge]) -> list[tuple[int, int]]:
    """Which of a line's edges at `station` continue into each other: the straightest pairs."""
    if len(incident) < 2 or len(set(incident)) < len(incident):
        return []
    candidates = []
    for x, a in enumerate(incident):
        for b in incident[x + 1 :]:
            da = away(edges[a], station)
            db = away(edges[b], station)
            # Straight through = directions away from the station point opposite ways (dot = -1).
            candidates.append((da[0] * db[0] + da[1] * db[1], a, b))
    candidates.sort()
    taken: set[int] = set()
    pairs = []
    for dot, a, b in candidates:
        if a in taken or b in taken or dot > 0.5:  # sharper than 60°: a fork, not a through line
            continue
        taken.update((a, b))
        pairs.append((a, b))
    return pairs


def away(edge: PlacedEdge, station: str) -> Point:
    """Unit direction in which `edge` leaves `station` (its first piece of non-zero length)."""
    path = edge.path if edge.source == station else tuple(reversed(edge.path))
    for p in path[1:]:
        d = _unit(p[0] - path[0][0], p[1] - path[0][1])
        if d != (0.0, 0.0):
            return d
    return (0.0, 0.0)


def _pieces(edge: PlacedEdge, line_id: str, reverse: bool) -> list[Piece]:
    offset = offset_in(edge, line_id)
    path = list(reversed(edge.path)) if reverse else list(edge.path)
    if reverse:
        offset = -offset
    pieces = [
        Piece(a, b, offset) for a, b in pairwise(path) if abs(a[0] - b[0]) + abs(a[1] - b[1]) > _EPS
    ]
    if not pieces and path:  # a zero-length edge still deserves a dot
        pieces = [Piece(path[0], path[0], offset)]
    return pieces


def _unit(dx: float, dy: float) -> Point:
    length = math.hypot(dx, dy)
    return (0.0, 0.0) if length < _EPS else (dx / length, dy / length)


def _left(d: Point) -> Point:
    # y grows downwards, so the left of travelling east (1, 0) is north (0, -1).
    return (d[1], -d[0])


def _cross(a: Point, b: Point) -> float:
    return a[0] * b[1] - a[1] * b[0]


def offset_polyline(run: Sequence[Piece]) -> list[tuple[Point, float]]:
    """Vertices of the run's offset stroke, each with the corner radius to draw there (0 = none)."""
    shifted = []
    for piece in run:
        d = _unit(piece.end[0] - piece.start[0], piece.end[1] - piece.start[1])
        n = _left(d)
        o = piece.offset
        shifted.append(
            (
                (piece.start[0] + n[0] * o, piece.start[1] + n[1] * o),
                (piece.end[0] + n[0] * o, piece.end[1] + n[1] * o),
                d,
            )
        )
    verts: list[tuple[Point, float]] = [(shifted[0][0], 0.0)]
    for k in range(1, len(run)):
        (_, a1, u), (b0, _, w) = shifted[k - 1], shifted[k]
        mean_offset = (run[k - 1].offset + run[k].offset) / 2
        cross = _cross(u, w)
        if abs(cross) < 1e-6:
            if math.dist(a1, b0) < 1e-6:
                continue  # straight on, same place in the bundle
            # Parallel but shifted (the bundle changed around a station): a 45° jog centred there.
            half = min(abs(run[k - 1].offset - run[k].offset) / 2, *_half_lengths(run, k))
            verts.append(((a1[0] - u[0] * half, a1[1] - u[1] * half), 0.0))
            verts.append(((b0[0] + w[0] * half, b0[1] + w[1] * half), 0.0))
            continue
        # Meet where the two offset lines cross (a miter join), so the bundle turns together.
        t = _cross((b0[0] - a1[0], b0[1] - a1[1]), w) / cross
        corner = (a1[0] + u[0] * t, a1[1] + u[1] * t)
        # The line on the outside of the turn gets the larger, concentric radius.
        radius = CORNER_RADIUS + (mean_offset if cross > 0 else -mean_offset)
        verts.append((corner, max(radius, LINE_WIDTH / 2)))
    verts.append((shifted[-1][1], 0.0))
    return verts


def _half_lengths(run: Sequence[Piece], k: int) -> tuple[float, float]:
    a, b = run[k - 1], run[k]
    return (math.dist(a.start, a.end) / 2, math.dist(b.start, b.end) / 2)


def path_data(verts: Sequence[tuple[Point, float]]) -> str:
    """SVG path data through `verts`, with an arc of the given radius at each corner."""
    (x0, y0), _ = verts[0]
    parts = [f"M{num(x0)} {num(y0)}"]
    for k in range(1, len(verts) - 1):
        (p, radius), prev, nxt = verts[k], verts[k - 1][0], verts[k + 1][0]
        u = _unit(p[0] - prev[0], p[1] - prev[1])
        w = _unit(nxt[0] - p[0], nxt[1] - p[1])
        cross = _cross(u, w)
        turn = math.acos(max(-1.0, min(1.0, u[0] * w[0] + u[1] * w[1])))
        if radius <= 0 or abs(cross) < 1e-6 or turn > math.radians(150):
            parts.append(f"L{num(p[0])} {num(p[1])}")
            continue
        # Tangent length of the arc; never eat more than half of either neighbouring piece.
        tangent = radius * math.tan(turn / 2)
        room = min(math.dist(prev, p), math.dist(p, nxt)) / 2
        if tangent > room:
            tangent, radius = room, room / math.tan(turn / 2)
        a = (p[0] - u[0] * tangent, p[1] - u[1] * tangent)
        b = (p[0] + w[0] * tangent, p[1] + w[1] * tangent)
        sweep = 1 if cross > 0 else 0
        r = num(radius)
        parts.append(f"L{num(a[0])} {num(a[1])}A{r} {r} 0 0 {sweep} {num(b[0])} {num(b[1])}")
    (xn, yn), _ = verts[-1]
    parts.append(f"L{num(xn)} {num(yn)}")
    return "".join(parts)


def run_path(run: Sequence[Piece]) -> str:
    """Path data of one run, offset and rounded."""
    return path_data(offset_polyline(run))


def line_order(edges: Iterable[PlacedEdge]) -> list[str]:
    """Line ids in order of first appearance over the edges (a fallback drawing order)."""
    seen: dict[str, None] = {}
    for edge in edges:
        for line in edge.lines:
            seen.setdefault(line, None)
    return list(seen)
