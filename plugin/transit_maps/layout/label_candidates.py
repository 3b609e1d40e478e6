"""Where a station's label may go: boxes in the eight octilinear directions around its marker.

A candidate's cost says how good it reads on its own (direction, distance, wrapping); placement
adds the costs that depend on other labels.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .dimensions import LABEL_GAP, marker_radius
from .geometry import Box, PlacedStation, Point
from .text import LINE_HEIGHT, balanced_wrap, text_width

Align = Literal["start", "middle", "end"]

_D = math.sqrt(0.5)
# name, unit vector (x right, y down), text alignment, cost. Right of the marker reads first, as
# on most transit maps; left, above and below next; the diagonals last.
DIRECTIONS: tuple[tuple[str, Point, Align, float], ...] = (
    ("E", (1.0, 0.0), "start", 0.0),
    ("W", (-1.0, 0.0), "end", 0.25),
    ("N", (0.0, -1.0), "middle", 0.35),
    ("S", (0.0, 1.0), "middle", 0.4),
    ("NE", (_D, -_D), "start", 0.5),
    ("SE", (_D, _D), "start", 0.55),
    ("NW", (-_D, -_D), "end", 0.6),
    ("SW", (-_D, _D), "end", 0.65),
)
# Extra clearance beyond marker + gap, tried in turn; each unit away costs DISTANCE_COST.
DISTANCES = (0.0, 5.0, 12.0, 22.0, 34.0)
# Tried only for a station that finds no free place nearer.
FAR_DISTANCES = (48.0, 64.0, 84.0)
DISTANCE_COST = 0.06
# Cost of a box slid sideways by half its size (second tier only).
SLIDE_COST = 0.3
# Cost of each text line beyond the first.
WRAP_COST = 0.9
MAX_LINES = 3


@dataclass(frozen=True)
class Candidate:
    """One possible label: its box, text lines, alignment, direction and stand-alone cost."""

    box: Box
    lines: tuple[str, ...]
    align: Align
    direction: str
    cost: float
    beyond_end: bool = False


def _box(centre: Point, unit: Point, clearance: float, width: float, height: float) -> Box:
    """The box of size width x height whose nearest point to `centre` is `clearance` away."""
    cx, cy = centre
    ux, uy = unit
    if ux == 0.0:  # straight above or below: centred on the station
        y = cy - clearance - height if uy < 0 else cy + clearance
        return Box(cx - width / 2, y, width, height)
    if uy == 0.0:  # straight left or right: vertically centred
        x = cx + clearance if ux > 0 else cx - clearance - width
        return Box(x, cy - height / 2, width, height)
    k = clearance * _D  # diagonal: the box's nearest corner sits on the diagonal
    x = cx + k if ux > 0 else cx - k - width
    y = cy + k if uy > 0 else cy - k - height
    return Box(x, y, width, height)


def text_variants(title: str) -> list[tuple[str, ...]]:
    """The name on one line, then balanced over two and three lines where it breaks."""
    out: list[tuple[str, ...]] = []
    for n in range(1, MAX_LINES + 1):
        lines = balanced_wrap(title, n)
        if len(lines) == n and lines not in out:
            out.append(lines)
    return out


@lru_cache(maxsize=4096)
def sized_variants(title: str) -> tuple[tuple[tuple[str, ...], float, float], ...]:
    """`text_variants` of `title`, each with its box's width and height (kept per title: every
    placement at every spread asks again)."""
    return tuple(
        (lines, max(text_width(line) for line in lines), LINE_HEIGHT * len(lines))
        for lines in text_variants(title)
    )


def candidates(station: PlacedStation, away: Sequence[Point], far: bool = False) -> list[Candidate]:
    """Every candidate label of `station`, cheapest first (ties keep generation order).

    `away` holds unit vectors of the tracks leaving the station; a terminus prefers the
    direction that continues its one track ("beyond the end"). Above and below, boxes that
    start or end over the station come too (nearest distances only).

    With `far`, the second tier for a station that found no free place: boxes slid sideways by
    half their size (a name above that starts or ends over the station, a name beside it that
    sits above or below its centre line) at the usual distances, and centred boxes at
    FAR_DISTANCES.
    """
    r = marker_radius(max(len(station.lines), 1))
    title = station.title.strip() or station.id
    beyond: Point | None = (-away[0][0], -away[0][1]) if len(away) == 1 else None
    out: list[Candidate] = []
    for lines, width, height in sized_variants(title):
        for name, unit, align, cost in DIRECTIONS:
            ahead = beyond is not None and unit[0] * beyond[0] + unit[1] * beyond[1] > 0.9
            slides: tuple[float, ...] = (0.0,)
            if far and (unit[0] == 0.0 or unit[1] == 0.0):
                slides = (-0.5, 0.5)
            elif not far and unit[0] == 0.0:
                # a name above or below that starts or ends over its station (near only)
                slides = (0.0, -0.4, 0.4)
            for slide in slides:
                extras = FAR_DISTANCES if far and not slide else DISTANCES
                if slide and not far:
                    extras = DISTANCES[:3]
                for extra in extras:
                    box = _box((station.x, station.y), unit, r + LABEL_GAP + extra, width, height)
                    side = align
                    if unit[0] == 0.0:  # above or below: slide along x
                        box = Box(box.x + slide * width, box.y, width, height)
                        side = "middle" if not slide else "start" if slide > 0 else "end"
                    elif unit[1] == 0.0:  # beside: slide along y
                        box = Box(box.x, box.y + slide * height, width, height)
                    total = cost + DISTANCE_COST * extra + WRAP_COST * (len(lines) - 1)
                    total += SLIDE_COST * abs(slide) * 2
                    out.append(Candidate(box, lines, side, name, total, ahead))
    out.sort(key=lambda c: c.cost)
    return out


def leaving_directions(path: Sequence[Point]) -> tuple[Point, Point] | None:
    """Unit vectors of a path's first piece (from its start) and last piece (from its end)."""
    pts = [p for i, p in enumerate(path) if i == 0 or math.dist(p, path[i - 1]) > 1e-9]
    if len(pts) < 2:
        return None

    def unit(a: Point, b: Point) -> Point:
        d = math.dist(a, b)
        return ((b[0] - a[0]) / d, (b[1] - a[1]) / d)

    return unit(pts[0], pts[1]), unit(pts[-1], pts[-2])


# The last search before giving up: boxes anywhere within SCAN_REACH of the marker, on a grid.
SCAN_REACH = 96.0
SCAN_STEP = 8.0
SCAN_COST = 3.0


def scan_candidates(station: PlacedStation, wide: bool = False) -> list[Candidate]:
    """Boxes on a fine grid around the station, nearest first (for a station with no free place).

    The boxes' centres lie within SCAN_REACH of the station along each axis; with `wide`, so do
    their nearest edges (a long name may then sit beyond a line that runs close by). Either way
    a box's gap to the marker is at most SCAN_REACH: `spatial.box_point_distance`, its two
    terms worked out once per grid column and row.
    """
    r = marker_radius(max(len(station.lines), 1))
    title = station.title.strip() or station.id
    sx, sy = station.x, station.y
    out: list[Candidate] = []
    for lines, width, height in sized_variants(title):
        across = int((SCAN_REACH + (width / 2 if wide else 0.0)) // SCAN_STEP)
        down = int((SCAN_REACH + (height / 2 if wide else 0.0)) // SCAN_STEP)
        xs = [sx + i * SCAN_STEP - width / 2 for i in range(-across, across + 1)]
        ys = [sy + j * SCAN_STEP - height / 2 for j in range(-down, down + 1)]
        gaps_x = [max(x - sx, 0.0, sx - (x + width)) for x in xs]
        gaps_y = [max(y - sy, 0.0, sy - (y + height)) for y in ys]
        for x, gap_x in zip(xs, gaps_x, strict=True):
            align: Align = "start" if x > sx else "end" if x + width < sx else "middle"
            for y, gap_y in zip(ys, gaps_y, strict=True):
                gap = math.hypot(gap_x, gap_y)
                if gap < r + LABEL_GAP or gap > SCAN_REACH:
                    continue
                cost = SCAN_COST + DISTANCE_COST * gap + WRAP_COST * (len(lines) - 1)
                out.append(Candidate(Box(x, y, width, height), lines, align, "scan", cost))
    out.sort(key=lambda c: c.cost)
    return out
