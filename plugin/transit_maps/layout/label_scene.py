"""What a label must keep clear of: station markers, lines, and the labels placed so far.

Markers and lines never move, so they sit in grid indexes built once; placed labels can be taken
back (repair moves them), so they sit in a small grid of their own that supports removal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

from .dimensions import LABEL_GAP, bundle_width, marker_radius
from .geometry import Box, PlacedEdge, PlacedStation, Point
from .spatial import (
    GridIndex,
    bounds_gap,
    box_point_distance,
    polyline_bounds,
    segment_box_distance,
    segment_within,
)

__all__ = ["Scene"]

_Marker = tuple[Point, float]  # centre, radius
# one straight piece a-b of an edge, half the bundle's width, and the piece's bounds (least and
# greatest x, least and greatest y)
_Track = tuple[Point, Point, float, float, float, float, float]


class Scene:
    """The fixed obstacles (markers, lines) and the labels placed so far, with a grid index."""

    def __init__(self, stations: Sequence[PlacedStation], edges: Sequence[PlacedEdge]) -> None:
        self.markers: GridIndex[_Marker] = GridIndex()
        self.biggest = 0.0  # the largest marker radius
        for s in stations:
            if not s.junction:
                r = marker_radius(max(len(s.lines), 1))
                self.markers.insert(Box(s.x - r, s.y - r, 2 * r, 2 * r), ((s.x, s.y), r))
                self.biggest = max(self.biggest, r)
        self.tracks: GridIndex[_Track] = GridIndex()
        self.reach = LABEL_GAP
        for e in edges:
            half = bundle_width(len(e.lines)) / 2
            self.reach = max(self.reach, half + LABEL_GAP)
            for a, b in pairwise(e.path):
                (ax, ay), (bx, by) = a, b
                track = (a, b, half, min(ax, bx), max(ax, bx), min(ay, by), max(ay, by))
                self.tracks.insert(polyline_bounds((a, b), half), track)
        self.labels: dict[str, Box] = {}
        self._blocker: _Marker | _Track | None = None  # what failed the last `clear`
        assert self.markers.cell == self.tracks.cell  # `_near` keeps both per span of cells
        self._near_cells: dict[tuple[int, int, int, int], tuple[list[_Marker], list[_Track]]] = {}
        self._cells: dict[tuple[int, int], list[str]] = {}

    def _span(self, box: Box) -> list[tuple[int, int]]:
        c = 64.0
        return [
            (i, j)
            for i in range(int(box.x // c), int((box.x + box.width) // c) + 1)
            for j in range(int(box.y // c), int((box.y + box.height) // c) + 1)
        ]

    def put(self, station: str, box: Box) -> None:
        self.labels[station] = box
        for key in self._span(box):
            self._cells.setdefault(key, []).append(station)

    def take(self, station: str) -> None:
        box = self.labels.pop(station)
        for key in self._span(box):
            self._cells[key].remove(station)

    def fixed_overlap(self, box: Box, gap: float = LABEL_GAP) -> float:
        """How far `box` intrudes into markers and lines plus `gap` around them (0 when clear)."""
        grown = Box(
            box.x - self.reach,
            box.y - self.reach,
            box.width + 2 * self.reach,
            box.height + 2 * self.reach,
        )
        total = 0.0
        for centre, r in self.markers.near(grown):
            total += max(0.0, r + gap - box_point_distance(box, centre))
        for a, b, half, *_ in self.tracks.near(grown):
            if bounds_gap(a, b, box) < half + gap:
                total += max(0.0, half + gap - segment_box_distance(a, b, box))
        return total

    def clear(self, box: Box, gap: float = LABEL_GAP) -> bool:
        """Whether `box` keeps `gap` clear of every marker and line (stops at the first).

        The marker or line that failed the last call is tested first: candidates come in runs
        around one station, often blocked by the same line. Any obstacle that fails the test
        comes within `self.reach` of `box`, so it is among those `_near` lists, and the answer
        is the one testing those alone gives.
        """
        last = self._blocker
        if last is not None and _blocks(last, box, gap):
            return False
        markers, tracks = self._near(box)
        for track in tracks:
            if _track_blocks(track, box, gap):
                self._blocker = track
                return False
        for marker in markers:
            if _marker_blocks(marker, box, gap):
                self._blocker = marker
                return False
        return True

    def _near(self, box: Box) -> tuple[list[_Marker], list[_Track]]:
        """The markers and tracks in the grid cells that `box` grown by `self.reach` covers, each
        once; kept per span of cells, which the candidates around one station share (both
        indexes have the same cells, so one span says which cells of each)."""
        reach = self.reach
        grown = Box(box.x - reach, box.y - reach, box.width + 2 * reach, box.height + 2 * reach)
        key = self.markers.span_key(grown)
        near = self._near_cells.get(key)
        if near is None:
            near = self._near_cells[key] = (self.markers.near(grown), self.tracks.near(grown))
        return near

    def closer_stations(self, box: Box, own: Point, radius: float) -> int:
        """How many other stations' markers come nearer to `box` than the own marker does.

        Distances are to the markers' edges, so a big interchange marker does not make its
        label look far away next to a small neighbour.
        """
        mine = box_point_distance(box, own) - radius
        reach = mine + self.biggest
        probe = Box(box.x - reach, box.y - reach, box.width + 2 * reach, box.height + 2 * reach)
        seen: set[Point] = set()
        for centre, r in self.markers.each_near(probe):
            if centre != own and centre not in seen and box_point_distance(box, centre) - r < mine:
                seen.add(centre)
        return len(seen)

    def markers_within(self, own: Point, reach: float) -> list[tuple[Point, float]]:
        """The other markers (centre, radius) whose edge comes within `reach` of `own`: the
        only ones that can be nearer than the own marker to a box that lies within `reach`."""
        r = reach + self.biggest
        out: list[tuple[Point, float]] = []
        for centre, radius in self.markers.near(Box(own[0] - r, own[1] - r, 2 * r, 2 * r)):
            if centre != own and math.dist(centre, own) - radius <= reach:
                out.append((centre, radius))
        return out

    def label_conflicts(self, box: Box, skip: str = "", gap: float = LABEL_GAP) -> list[str]:
        """Stations whose placed label comes within `gap` of `box`.

        The cells are those of `box` grown by LABEL_GAP (`_span`, worked out inline); the test
        is `Box.overlaps(box, -gap)` written out.
        """
        c = 64.0
        x, y = box.x - LABEL_GAP, box.y - LABEL_GAP
        x1, y1 = x + (box.width + 6), y + (box.height + 6)
        cells = self._cells
        labels = self.labels
        margin = -gap
        right = box.x + box.width - margin
        bottom = box.y + box.height - margin
        found: list[str] = []
        rows = range(int(y // c), int(y1 // c) + 1)
        for i in range(int(x // c), int(x1 // c) + 1):
            for j in rows:
                for sid in cells.get((i, j), ()):
                    if sid == skip or sid in found:
                        continue
                    other = labels[sid]
                    if (
                        other.x < right
                        and box.x < other.x + other.width - margin
                        and other.y < bottom
                        and box.y < other.y + other.height - margin
                    ):
                        found.append(sid)
        return sorted(found)


def _blocks(obstacle: _Marker | _Track, box: Box, gap: float) -> bool:
    """Whether the marker or track `obstacle` comes within `gap` of `box` (as `Scene.clear`)."""
    if len(obstacle) == 2:
        return _marker_blocks(obstacle, box, gap)
    return _track_blocks(obstacle, box, gap)


def _marker_blocks(marker: _Marker, box: Box, gap: float) -> bool:
    """Whether the marker's edge comes within `gap` of `box` (with 1e-9 to spare).

    `box_point_distance` inlined: each max(p, 0.0, q) is written out as max works (a later
    value replaces the kept one only when greater).
    """
    (px, py), r = marker
    x0, y0 = box.x, box.y
    dx = x0 - px
    if dx < 0.0:
        dx = 0.0
    if px - (x0 + box.width) > dx:
        dx = px - (x0 + box.width)
    dy = y0 - py
    if dy < 0.0:
        dy = 0.0
    if py - (y0 + box.height) > dy:
        dy = py - (y0 + box.height)
    return math.hypot(dx, dy) < r + gap - 1e-9


def _track_blocks(track: _Track, box: Box, gap: float) -> bool:
    """Whether the track's drawn width comes within `gap` of `box` (with 1e-9 to spare).

    The cheap test first: the gap to the bounding box of the piece (`bounds_gap` inlined as
    `_marker_blocks` inlines `box_point_distance`).
    """
    a, b, half, left, right, top, bottom = track
    x0, y0 = box.x, box.y
    x1, y1 = x0 + box.width, y0 + box.height
    dx = x0 - right
    if dx < 0.0:
        dx = 0.0
    if left - x1 > dx:
        dx = left - x1
    dy = y0 - bottom
    if dy < 0.0:
        dy = 0.0
    if top - y1 > dy:
        dy = top - y1
    return math.hypot(dx, dy) < half + gap and segment_within(a, b, box, half + gap - 1e-9)
