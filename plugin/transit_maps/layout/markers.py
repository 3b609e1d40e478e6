"""The drawn shapes of station markers, shared by render (which draws them) and the metrics.

A station with more than eight neighbours, or more than five to one side (`has_port_area`), has
a *port area*: the layout gives it a bar of grid nodes in the direction of its `angle`, and its
edges start with stubs running along the bar to their own ports. Render draws a long pill along
the bar, covering every stub start (`port_bars`). Every other non-junction station gets a
marker across its track: a pill as long as the widest bundle through it is wide, or a tick, ring
or end bar about a single line's marker in size.

`marker_overlaps` counts the pairs of stations whose markers are drawn over each other, each
marker taken as a capsule (a segment with a radius, `marker_shapes`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from .dimensions import bundle_width, marker_radius
from .geometry import Box, Layout, PlacedEdge, PlacedStation, Point
from .spatial import EPS, GridIndex, point_segment_distance, polyline_bounds, segments_touch

PORT_NEIGHBOURS = 8  # a grid node's ports; a station with more neighbours gets a port area
# A grid node's ports that lead to one side (left or right: three that way, and up or down
# first); a station with more neighbours on one side gets a port area too.
SIDE_PORTS = 5
_ON_LINE = 0.5  # how far (user units) a vertex may sit off the bar line and still be on it
# Half the thickness of an ordinary marker along its track (an interchange pill's outline, a
# tick, a ring): `marker_radius` of one line.
ALONG = marker_radius(1)


def has_port_area(here: Point, neighbours: Sequence[Point]) -> bool:
    """Whether a station at `here` with neighbours at `neighbours` is drawn as a port area:
    more than PORT_NEIGHBOURS of them, or more than SIDE_PORTS on one side (left or right)."""
    if len(neighbours) > PORT_NEIGHBOURS:
        return True
    right = sum(1 for x, _ in neighbours if x > here[0] + EPS)
    left = sum(1 for x, _ in neighbours if x < here[0] - EPS)
    return max(left, right) > SIDE_PORTS


@dataclass(frozen=True)
class PortBar:
    """The drawn bar of a port area: its two ends (centre line) and its thickness."""

    start: Point
    end: Point
    thickness: float


@dataclass(frozen=True)
class Capsule:
    """A marker's drawn shape: every point within `radius` of the segment `start`-`end`."""

    start: Point
    end: Point
    radius: float


def port_bars(layout: Layout) -> dict[str, PortBar]:
    """The bar of every station with a port area (`has_port_area`), by station id.

    The bar runs through the station in the direction of its `angle` and spans every incident
    edge's stub: the run of path vertices, from the station's end, that lie on the bar line, up
    to the first that another station's edge passes (a pill over it would hide where that
    line goes: two bars' paths that meet in a column between them). A station whose edges have
    no stubs along its bar gets none (its ordinary marker is drawn), and so does one with at
    most PORT_NEIGHBOURS neighbours whose edges all leave it different ways (a routed drawing
    gives each edge a port of its own). Junctions get bars too: their stubs tangle just the
    same, and the pill gathers them.
    """
    incident: dict[str, list[PlacedEdge]] = {}
    neighbours: dict[str, set[str]] = {}
    for edge in layout.edges:
        for here, there in ((edge.source, edge.target), (edge.target, edge.source)):
            incident.setdefault(here, []).append(edge)
            neighbours.setdefault(here, set()).add(there)
    bars: dict[str, PortBar] = {}
    index: GridIndex[PlacedEdge] | None = None
    at = {s.id: (s.x, s.y) for s in layout.stations}
    for station in layout.stations:
        around = [at[n] for n in sorted(neighbours.get(station.id, ())) if n in at]
        if not has_port_area(at[station.id], around):
            continue
        if len(around) <= PORT_NEIGHBOURS and not _leave_together(station.id, incident[station.id]):
            continue
        if index is None:
            index = GridIndex()
            for edge in layout.edges:
                if edge.path:
                    index.insert(polyline_bounds(edge.path, _ON_LINE), edge)
        bar = _bar(station, incident[station.id], index)
        if bar is not None:
            bars[station.id] = bar
    return bars


def _leave_together(station: str, edges: Sequence[PlacedEdge]) -> bool:
    """Whether two of the edges leave `station` the same way (their first pieces overlap)."""
    ways: set[tuple[float, float]] = set()
    for edge in edges:
        path = edge.path if edge.source == station else tuple(reversed(edge.path))
        if len(path) < 2:
            continue
        (x0, y0), (x1, y1) = path[0], path[1]
        length = math.hypot(x1 - x0, y1 - y0)
        if length < EPS:
            continue
        way = (round((x1 - x0) / length, 3), round((y1 - y0) / length, 3))
        if way in ways:
            return True
        ways.add(way)
    return False


def _bar(
    station: PlacedStation, edges: Sequence[PlacedEdge], index: GridIndex[PlacedEdge]
) -> PortBar | None:
    ux, uy = math.cos(math.radians(station.angle)), math.sin(math.radians(station.angle))
    lo = hi = 0.0
    widest = 1

    def foreign(p: Point) -> bool:
        """Whether an edge that does not end at the station passes point p."""
        probe = Box(p[0] - _ON_LINE, p[1] - _ON_LINE, 2 * _ON_LINE, 2 * _ON_LINE)
        return any(
            station.id not in (e.source, e.target)
            and any(point_segment_distance(p, a, b) <= _ON_LINE for a, b in pairwise(e.path))
            for e in index.near(probe)
        )

    for edge in edges:
        path = edge.path if edge.source == station.id else tuple(reversed(edge.path))
        along = _stub(path, station.x, station.y, ux, uy, foreign)
        if along:
            lo, hi = min(lo, *along), max(hi, *along)
            widest = max(widest, len(edge.lines))
    if hi - lo < 1e-6:
        return None
    start = (station.x + ux * lo, station.y + uy * lo)
    end = (station.x + ux * hi, station.y + uy * hi)
    # As thick as an ordinary pill across the widest stub bundle: every stub stroke is covered.
    return PortBar(start, end, bundle_width(widest) + 6.0)


def _stub(
    path: Sequence[Point],
    x: float,
    y: float,
    ux: float,
    uy: float,
    foreign: Callable[[Point], bool],
) -> list[float]:
    """Positions along the bar of the path's leading vertices that lie on the bar line, up to
    the first `foreign` one."""
    out: list[float] = []
    for px, py in path[1:-1]:  # the far end is the neighbour itself, not part of the stub
        dx, dy = px - x, py - y
        if abs(dx * uy - dy * ux) > _ON_LINE or foreign((px, py)):
            break
        out.append(dx * ux + dy * uy)
    return out


def marker_shapes(layout: Layout) -> dict[str, Capsule]:
    """The drawn marker of every station that has one, by station id.

    A port area's is its bar (`port_bars`), as thick as render draws it; a junction has none;
    any other station's runs across its track (`angle` + 90 degrees) as far as its
    `marker_radius` for the widest bundle through it, ALONG thick each side of the track.
    """
    bars = port_bars(layout)
    widest: dict[str, int] = {}
    for edge in layout.edges:
        for station in (edge.source, edge.target):
            widest[station] = max(widest.get(station, 1), len(edge.lines))
    out: dict[str, Capsule] = {}
    for s in layout.stations:
        bar = bars.get(s.id)
        if bar is not None:
            out[s.id] = Capsule(bar.start, bar.end, bar.thickness / 2)
            continue
        if s.junction:
            continue
        half = max(marker_radius(widest.get(s.id, 1)) - ALONG, 0.0)
        across = math.radians(s.angle + 90)
        dx, dy = math.cos(across) * half, math.sin(across) * half
        out[s.id] = Capsule((s.x - dx, s.y - dy), (s.x + dx, s.y + dy), ALONG)
    return out


def marker_overlaps(layout: Layout) -> int:
    """Pairs of stations whose drawn markers (`marker_shapes`) overlap: closer than the sum of
    their radii (touching does not count)."""
    return len(overlapping_markers(layout))


def overlapping_markers(layout: Layout) -> list[tuple[str, str]]:
    """The pairs of stations (ids, in station order) whose drawn markers overlap, as
    `marker_overlaps` counts them."""
    shapes = list(marker_shapes(layout).items())
    index: GridIndex[int] = GridIndex()
    for n, (_, c) in enumerate(shapes):
        index.insert(_bounds(c), n)
    out: list[tuple[str, str]] = []
    for n, (station, c) in enumerate(shapes):
        for m in index.near(_bounds(c)):
            other, d = shapes[m]
            if m > n and _distance(c, d) < c.radius + d.radius - EPS:
                out.append((station, other))
    return out


def _bounds(c: Capsule) -> Box:
    """The box the capsule covers."""
    x0, x1 = sorted((c.start[0], c.end[0]))
    y0, y1 = sorted((c.start[1], c.end[1]))
    r = c.radius
    return Box(x0 - r, y0 - r, x1 - x0 + 2 * r, y1 - y0 + 2 * r)


def _distance(a: Capsule, b: Capsule) -> float:
    """Distance between the two capsules' centre segments."""
    if segments_touch(a.start, a.end, b.start, b.end):
        return 0.0
    return min(
        point_segment_distance(a.start, b.start, b.end),
        point_segment_distance(a.end, b.start, b.end),
        point_segment_distance(b.start, a.start, a.end),
        point_segment_distance(b.end, a.start, a.end),
    )
