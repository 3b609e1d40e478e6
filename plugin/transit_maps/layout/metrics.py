"""Quality figures of a finished layout, computed on the exported geometry.

Each figure is defined in docs/layout-metrics.md; the targets (octilinear share 1.0, no crossings,
no foreign stations, every label placed without overlap, CV <= 0.25) come from DESIGN.md; no
marker drawn over another is ours.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from itertools import pairwise
from typing import Any

from ..model import Layer
from .dimensions import GRID, bundle_width, marker_radius
from .flow import backward_steps
from .geometry import Box, Layout, PlacedEdge, PlacedStation, Point
from .markers import has_port_area, marker_overlaps
from .ordering_cost import ordering_terms
from .spatial import (
    EPS,
    GridIndex,
    box_point_distance,
    point_segment_distance,
    polyline_bounds,
    segment_box_distance,
    segment_intersections,
)

__all__ = ["Metrics", "measure"]

# A direction within this many degrees of a multiple of 45 counts as octilinear, and a change of
# direction smaller than this is no bend (coordinates are exported with 2 decimals).
ANGLE_TOLERANCE = 0.5
# A label must be nearer to another station's marker than to its own by more than this to read
# as that station's (`ambiguous_gaps`).
ON_EDGE = 0.5
# A station this close to a foreign edge's centre line is drawn on it: the line runs through
# the station's marker (the smallest, one line's tick or dot, reaches this far from its centre).
FOREIGN_REACH = marker_radius(1)
# Two crossing points closer than this are one crossing (a bend vertex lies on two pieces).
SAME_POINT = 0.01
# A label whose box lies more than this (drawing units, from its station marker's edge; 5/6 of a
# station gap) from its own station reads as detached from it (`far_labels`).
FAR_LABEL = 40.0


@dataclass(frozen=True)
class Metrics:
    """The figures of one layout; `as_dict()` gives them as plain JSON-ready values."""

    stations: int
    edges: int
    octilinear_share: float
    edge_crossings: int
    foreign_stations: int
    bends: int
    bends_per_line: tuple[tuple[str, int], ...]
    label_label_overlaps: int
    label_station_overlaps: int
    label_line_overlaps: int
    labels_placed: int
    labels_expected: int
    edge_length_cv: float
    area_per_station: float
    ambiguous_labels: int = 0
    line_crossings: int = 0
    line_separations: int = 0
    marker_overlaps: int = 0
    far_labels: int = 0
    backward_steps: int = 0

    @property
    def label_overlaps(self) -> int:
        """All label overlaps together: with labels, station markers and lines."""
        return self.label_label_overlaps + self.label_station_overlaps + self.label_line_overlaps

    def as_dict(self) -> dict[str, Any]:
        """The figures as a dict (floats rounded to 4 decimals, bends per line as a mapping)."""
        out = asdict(self)
        out["bends_per_line"] = dict(self.bends_per_line)
        out["label_overlaps"] = self.label_overlaps
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}


def measure(layout: Layout, layer: Layer) -> Metrics:
    """Compute every figure of `layout`, the drawing of `layer`."""
    per_line = _bends_per_line(layout, layer)
    label_label, label_station, label_line = _label_overlaps(layout)
    expected = [s for s in layout.stations if not s.junction]
    n = len(layout.stations)
    line_crossings, line_separations = ordering_terms(layer, layout.edges)
    return Metrics(
        stations=n,
        edges=len(layout.edges),
        octilinear_share=_octilinear_share(layout.edges),
        edge_crossings=_edge_crossings(layout.edges, _positions(layout)),
        foreign_stations=_foreign_stations(layout.edges, _positions(layout)),
        bends=sum(count for _, count in per_line),
        bends_per_line=per_line,
        label_label_overlaps=label_label,
        label_station_overlaps=label_station,
        label_line_overlaps=label_line,
        labels_placed=sum(1 for s in expected if s.label is not None),
        labels_expected=len(expected),
        edge_length_cv=_length_cv(layout.edges),
        area_per_station=layout.width * layout.height / n if n else 0.0,
        ambiguous_labels=ambiguous_labels(layout),
        line_crossings=line_crossings,
        line_separations=line_separations,
        marker_overlaps=marker_overlaps(layout),
        far_labels=far_labels(layout),
        backward_steps=backward_steps(layer, _positions(layout)),
    )


def _pieces(path: Sequence[Point]) -> list[tuple[Point, Point]]:
    """The non-degenerate straight pieces of a path."""
    return [(a, b) for a, b in pairwise(path) if math.hypot(b[0] - a[0], b[1] - a[1]) > EPS]


def _direction(a: Point, b: Point) -> float:
    """Direction of travel a -> b in degrees, [0, 360)."""
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0])) % 360.0


def _path_length(path: Sequence[Point]) -> float:
    return sum(math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in pairwise(path))


def _octilinear_share(edges: Sequence[PlacedEdge]) -> float:
    total = octilinear = 0.0
    for edge in edges:
        for a, b in _pieces(edge.path):
            length = math.hypot(b[0] - a[0], b[1] - a[1])
            total += length
            off = _direction(a, b) % 45.0
            if min(off, 45.0 - off) <= ANGLE_TOLERANCE:
                octilinear += length
    return octilinear / total if total > 0 else 1.0


def _edge_index(edges: Sequence[PlacedEdge]) -> GridIndex[int]:
    index: GridIndex[int] = GridIndex()
    for n, edge in enumerate(edges):
        if edge.path:
            index.insert(polyline_bounds(edge.path, 1.0), n)
    return index


def drawing_faults(
    positions: Mapping[str, Point], paths: Mapping[tuple[str, str], Sequence[Point]]
) -> int:
    """Edge crossings plus stations on foreign edges of a drawing in station gaps (a
    `Schematic`'s positions and paths), counted as `measure` counts them on the exported layout.

    The router keeps its own count of crossings; this checks the geometry itself, so a drawing
    whose paths meet where the router did not see it cannot pass for a clean one.
    """
    pos, edges = _in_units(positions, paths)
    return _edge_crossings(edges, pos) + _foreign_stations(edges, pos)


def _in_units(
    positions: Mapping[str, Point], paths: Mapping[tuple[str, str], Sequence[Point]]
) -> tuple[dict[str, Point], list[PlacedEdge]]:
    """A drawing in station gaps as positions and edges in drawing units."""
    pos = {s: (x * GRID, y * GRID) for s, (x, y) in positions.items()}
    edges = [
        PlacedEdge(a, b, (), tuple((x * GRID, y * GRID) for x, y in path))
        for (a, b), path in paths.items()
    ]
    return pos, edges


def _positions(layout: Layout) -> dict[str, Point]:
    return {s.id: (s.x, s.y) for s in layout.stations}


def crossing_edges(
    positions: Mapping[str, Point], paths: Mapping[tuple[str, str], Sequence[Point]]
) -> set[tuple[str, str]]:
    """The edges (keys of `paths`) of a drawing in station gaps that cross another edge, as
    `measure` counts crossings on the exported layout."""
    pos, edges = _in_units(positions, paths)
    out: set[tuple[str, str]] = set()
    for i, j, _ in _crossing_pairs(edges, pos):
        out.update(((edges[i].source, edges[i].target), (edges[j].source, edges[j].target)))
    return out


def _edge_crossings(edges: Sequence[PlacedEdge], pos: Mapping[str, Point]) -> int:
    """Points where two edges meet other than at a station they share (overlaps count once)."""
    return sum(n for _, _, n in _crossing_pairs(edges, pos))


def _crossing_pairs(
    edges: Sequence[PlacedEdge], pos: Mapping[str, Point]
) -> Iterator[tuple[int, int, int]]:
    """(i, j, crossings) for every pair of edges i < j that meet other than at a station they
    share (an overlap counts once).

    At a port-area station (`markers.has_port_area`) the shared stretch of two stubs
    along its bar is part of the station, not a crossing (`_shared_stub`).
    """
    around: dict[str, list[Point]] = {}
    for e in edges:
        for here, there in ((e.source, e.target), (e.target, e.source)):
            if there in pos:
                around.setdefault(here, []).append(pos[there])
    ports = {s for s, others in around.items() if s in pos and has_port_area(pos[s], others)}
    index = _edge_index(edges)
    for i, e in enumerate(edges):
        if not e.path:
            continue
        for j in index.near(polyline_bounds(e.path, 1.0)):
            if j <= i:
                continue
            f = edges[j]
            common = sorted({e.source, e.target} & {f.source, f.target})
            shared = [pos[s] for s in common if s in pos]
            stubs = [
                stub
                for s in common
                if s in ports
                for stub in [_shared_stub(e, f, s)]
                if stub is not None
            ]
            points: list[Point] = []
            overlap = False
            for a, b in _pieces(e.path):
                for c, d in _pieces(f.path):
                    hits = segment_intersections(a, b, c, d)
                    if len(hits) == 2:
                        overlap = True
                    points.extend(hits)
            points = [
                p
                for p in points
                if all(math.dist(p, q) > SAME_POINT for q in shared)
                and all(point_segment_distance(p, a, b) > SAME_POINT for a, b in stubs)
            ]
            distinct: list[Point] = []
            for p in points:
                if all(math.dist(p, q) > SAME_POINT for q in distinct):
                    distinct.append(p)
            count = 1 if overlap and distinct else len(distinct)
            if count:
                yield i, j, count


def _leaving(edge: PlacedEdge, station: str) -> tuple[Point, Point] | None:
    """The first straight piece of an edge's path from one of its end stations."""
    path = list(edge.path) if edge.source == station else list(reversed(edge.path))
    pieces = _pieces(path)
    return pieces[0] if pieces else None


def _shared_stub(e: PlacedEdge, f: PlacedEdge, station: str) -> tuple[Point, Point] | None:
    """The stretch two edges share from a station they both end at: their first pieces leave it
    in the same direction, up to the end of the shorter one (stubs along a port-area bar)."""
    a, b = _leaving(e, station), _leaving(f, station)
    if a is None or b is None:
        return None
    turn = abs(_direction(*a) - _direction(*b)) % 360.0
    if min(turn, 360.0 - turn) > ANGLE_TOLERANCE:
        return None
    return a if math.dist(*a) <= math.dist(*b) else b


def _foreign_stations(edges: Sequence[PlacedEdge], pos: Mapping[str, Point]) -> int:
    """Stations whose position lies on the path of an edge that does not end there (within
    FOREIGN_REACH of it: the line runs through the station's marker)."""
    index = _edge_index(edges)
    count = 0
    for station, p in pos.items():
        probe = Box(
            p[0] - FOREIGN_REACH, p[1] - FOREIGN_REACH, 2 * FOREIGN_REACH, 2 * FOREIGN_REACH
        )
        for n in index.near(probe):
            e = edges[n]
            if station in (e.source, e.target):
                continue
            if any(point_segment_distance(p, a, b) <= FOREIGN_REACH for a, b in pairwise(e.path)):
                count += 1
                break
    return count


def _route_path(route: Sequence[str], by_pair: dict[tuple[str, str], PlacedEdge]) -> list[Point]:
    """The points a route passes, edge after edge, each edge's path oriented along the route."""
    points: list[Point] = []
    for u, v in pairwise(route):
        edge = by_pair.get((u, v)) or by_pair.get((v, u))
        if edge is None:
            continue
        path = list(edge.path) if edge.source == u else list(reversed(edge.path))
        points.extend(path)
    return points


def _count_bends(points: Sequence[Point]) -> int:
    dirs = [_direction(a, b) for a, b in _pieces(points)]
    bends = 0
    for before, after in pairwise(dirs):
        turn = abs(after - before) % 360.0
        if min(turn, 360.0 - turn) > ANGLE_TOLERANCE:
            bends += 1
    return bends


def _bends_per_line(layout: Layout, layer: Layer) -> tuple[tuple[str, int], ...]:
    by_pair = {(e.source, e.target): e for e in layout.edges}
    return tuple(
        (line.id, sum(_count_bends(_route_path(route, by_pair)) for route in line.routes))
        for line in layer.lines
    )


def _marker_radius(station: PlacedStation) -> float:
    return marker_radius(max(len(station.lines), 1))


def label_overlap_counts(layout: Layout) -> tuple[int, int, int]:
    """Counts of (label, label), (label, marker) and (label, edge) pairs that overlap."""
    return _label_overlaps(layout)


def _label_overlaps(layout: Layout) -> tuple[int, int, int]:
    """Counts of (label, label), (label, marker) and (label, edge) pairs that overlap."""
    boxes = [(s.id, s.label.box) for s in layout.stations if s.label is not None]
    label_label = sum(
        1 for i, (_, a) in enumerate(boxes) for _, b in boxes[i + 1 :] if a.overlaps(b)
    )
    markers = [s for s in layout.stations if not s.junction]
    label_station = sum(
        1
        for _, box in boxes
        for s in markers
        if box_point_distance(box, (s.x, s.y)) < _marker_radius(s) - EPS
    )
    index = _edge_index(layout.edges)
    reach = max((bundle_width(len(e.lines)) / 2 for e in layout.edges), default=0.0)
    label_line = 0
    for _, box in boxes:
        grown = Box(box.x - reach, box.y - reach, box.width + 2 * reach, box.height + 2 * reach)
        for n in index.near(grown):
            edge = layout.edges[n]
            half = bundle_width(len(edge.lines)) / 2
            if any(segment_box_distance(a, b, box) < half - EPS for a, b in pairwise(edge.path)):
                label_line += 1
    return label_label, label_station, label_line


def ambiguous_labels(layout: Layout) -> int:
    """Labels nearer (by more than ON_EDGE) to another station's marker than to their own.

    Distances run to the markers' edges (`marker_radius`), so a big interchange marker does not
    make its own label look far away next to a small neighbour.
    """
    return len(ambiguous_gaps(layout))


def far_labels(layout: Layout) -> int:
    """Labels whose box lies more than FAR_LABEL from their own station's marker (its edge),
    ambiguous or not: such a name reads as detached from its station, even where no other
    station is nearer (a line may run between them)."""
    return sum(1 for s in layout.stations if s.label is not None and _own_gap(s) > FAR_LABEL)


def _own_gap(station: PlacedStation) -> float:
    """The gap between a labelled station's label box and the edge of its own marker."""
    assert station.label is not None
    return box_point_distance(station.label.box, (station.x, station.y)) - _marker_radius(station)


def ambiguous_gaps(layout: Layout) -> list[float]:
    """For each ambiguous label (see `ambiguous_labels`), in station order, the gap between it
    and its own station's marker (drawing units)."""
    index: GridIndex[tuple[Point, float]] = GridIndex()
    biggest = 0.0
    for s in layout.stations:
        if not s.junction:
            index.insert(Box(s.x, s.y, 0.0, 0.0), ((s.x, s.y), _marker_radius(s)))
            biggest = max(biggest, _marker_radius(s))
    gaps: list[float] = []
    for s in layout.stations:
        if s.label is None:
            continue
        box = s.label.box
        own = _own_gap(s)
        reach = own + biggest
        probe = Box(box.x - reach, box.y - reach, box.width + 2 * reach, box.height + 2 * reach)
        if any(
            box_point_distance(box, p) - r < own - ON_EDGE
            for p, r in index.near(probe)
            if p != (s.x, s.y)
        ):
            gaps.append(own)
    return gaps


def _length_cv(edges: Sequence[PlacedEdge]) -> float:
    """Coefficient of variation (population) of the edges' path lengths."""
    lengths = [_path_length(e.path) for e in edges]
    if len(lengths) < 2:
        return 0.0
    mean = statistics.fmean(lengths)
    return statistics.pstdev(lengths) / mean if mean > 0 else 0.0
