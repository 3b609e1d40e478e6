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
)

__all__ = ["Scene"]


class Scene:
    """The fixed obstacles (markers, lines) and the labels placed so far, with a grid index."""

    def __init__(self, stations: Sequence[PlacedStation], edges: Sequence[PlacedEdge]) -> None:
        self.markers: GridIndex[tuple[Point, float]] = GridIndex()
        self.biggest = 0.0  # the largest marker radius
        for s in stations:
            if not s.junction:
                r = marker_radius(max(len(s.lines), 1))
                self.markers.insert(Box(s.x - r, s.y - r, 2 * r, 2 * r), ((s.x, s.y), r))
                self.biggest = max(self.biggest, r)
        self.tracks: GridIndex[tuple[Point, Point, float]] = GridIndex()
        self.reach = LABEL_GAP
        for e in edges:
            half = bundle_width(len(e.lines)) / 2
            self.reach = max(self.reach, half + LABEL_GAP)
            for a, b in pairwise(e.path):
                self.tracks.insert(polyline_bounds((a, b), half), (a, b, half))
        self.labels: dict[str, Box] = {}
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
        for a, b, half in self.tracks.near(grown):
            if bounds_gap(a, b, box) < half + gap:
                total += max(0.0, half + gap - segment_box_distance(a, b, box))
        return total

    def clear(self, box: Box, gap: float = LABEL_GAP) -> bool:
        """Whether `box` keeps `gap` clear of every marker and line (stops at the first)."""
        grown = Box(
            box.x - self.reach,
            box.y - self.reach,
            box.width + 2 * self.reach,
            box.height + 2 * self.reach,
        )
        x0, y0 = box.x, box.y
        x1, y1 = x0 + box.width, y0 + box.height
        hypot = math.hypot
        # box_point_distance and bounds_gap inlined: each max(p, 0.0, q) below is written out
        # as max works (a later value replaces the kept one only when greater)
        for (px, py), r in self.markers.each_near(grown):
            dx = x0 - px
            if dx < 0.0:
                dx = 0.0
            if px - x1 > dx:
                dx = px - x1
            dy = y0 - py
            if dy < 0.0:
                dy = 0.0
            if py - y1 > dy:
                dy = py - y1
            if hypot(dx, dy) < r + gap - 1e-9:
                return False
        for a, b, half in self.tracks.each_near(grown):
            (ax, ay), (bx, by) = a, b  # the cheap test first: the gap to a-b's bounding box
            dx = x0 - (bx if bx > ax else ax)
            if dx < 0.0:
                dx = 0.0
            if (bx if bx < ax else ax) - x1 > dx:
                dx = (bx if bx < ax else ax) - x1
            dy = y0 - (by if by > ay else ay)
            if dy < 0.0:
                dy = 0.0
            if (by if by < ay else ay) - y1 > dy:
                dy = (by if by < ay else ay) - y1
            if hypot(dx, dy) < half + gap and (segment_box_distance(a, b, box) < half + gap - 1e-9):
                return False
        return True

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
        """Stations whose placed label comes within `gap` of `box`."""
        seen: dict[str, None] = {}
        for key in self._span(
            Box(box.x - LABEL_GAP, box.y - LABEL_GAP, box.width + 6, box.height + 6)
        ):
            for sid in self._cells.get(key, ()):
                if sid != skip and sid not in seen and self.labels[sid].overlaps(box, -gap):
                    seen[sid] = None
        return sorted(seen)
