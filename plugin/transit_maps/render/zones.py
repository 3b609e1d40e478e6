"""Fare zones: soft shaded regions behind their stations, with the zone's name.

A zone whose bounding box holds only its own stations is one rounded box around them and their
labels; otherwise its region is the union of a disc around each member station and a wide stroke
along every edge between two members. Drawing the union
inside one group with group opacity keeps overlaps from darkening: the region reads as one shape.
A slightly larger copy underneath gives it a rim.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from itertools import pairwise

from ..layout.dimensions import bundle_width
from ..layout.geometry import Box, Layout, Point, ZoneArea
from ..layout.spatial import box_point_distance, segment_box_distance
from ..layout.text import text_width
from .markup import attr, num, safe_color, text

PAD = 18.0  # radius of the region around a member station
LABEL_PAD = 5.0
RIM = 2.0
NAME_SIZE = 11.0
NAME_HEIGHT = 14.0
GAP = 3.0  # clearance between a zone's name and anything else


CORNER = 14.0
NEAR_ZONE = 2 * PAD  # zones this close side by side want different tints


def compact(zone: ZoneArea, layout: Layout) -> bool:
    """Whether the zone's bounding box holds no other station or label (then it is one box)."""
    bounds = zone_bounds(zone, layout)
    if bounds is None:
        return False
    members = set(zone.stations)
    for station in layout.stations:
        if station.id in members or station.junction:
            continue
        if bounds.overlaps(Box(station.x - 8, station.y - 8, 16, 16)):
            return False
        if station.label is not None and bounds.overlaps(station.label.box):
            return False
    return True


def zone_shapes(zone: ZoneArea, layout: Layout, grow: float) -> str:
    """The zone's region as SVG shapes, each enlarged by `grow`.

    A zone whose bounding box holds only its own stations is drawn as one rounded box (the
    calm shape of a fare zone); otherwise it hugs its stations, the edges between them, and the
    first half of each edge that leaves the zone.
    """
    if compact(zone, layout):
        b = zone_bounds(zone, layout)
        assert b is not None
        g = grow - RIM
        return (
            f'<rect x="{num(b.x - g)}" y="{num(b.y - g)}" width="{num(b.width + 2 * g)}"'
            f' height="{num(b.height + 2 * g)}" rx="{num(CORNER + g)}"/>'
        )
    members = set(zone.stations)
    parts = []
    width = num(2 * (PAD + grow))
    for edge in layout.edges:
        inside = (edge.source in members, edge.target in members)
        if len(edge.path) < 2 or not any(inside):
            continue
        if all(inside):
            path, cap = list(edge.path), ""
        else:
            # Track leaving the zone is shaded up to its middle: zones along a line meet there.
            start = list(edge.path) if inside[0] else list(reversed(edge.path))
            path, cap = first_half(start), ' stroke-linecap="butt"'
        d = "M" + "L".join(f"{num(x)} {num(y)}" for x, y in path)
        parts.append(f'<path d="{d}" fill="none" stroke-width="{width}"{cap}/>')
    for station in layout.stations:
        if station.id not in members:
            continue
        parts.append(f'<circle cx="{num(station.x)}" cy="{num(station.y)}" r="{num(PAD + grow)}"/>')
    return "".join(parts)


def zone_tints(layout: Layout, tints: int) -> list[int]:
    """The theme tint of each of the layout's zones, in order (used for zones without a colour).

    The first `tints` zones take tints 0, 1, 2 ... in order. A later zone takes the tint least
    used by its neighbours (zones with a station one edge away from one of its own, or whose
    regions' bounding boxes come within NEAR_ZONE of its own), then the least used overall,
    then the lowest: two neighbouring zones in one tint read as one zone (a held-out nanoseq
    pipeline drew its ninth zone, QC, beside its first, input, in the same blue).
    """
    if len(layout.zones) <= tints:
        return list(range(len(layout.zones)))
    zone_of = {sid: k for k, zone in enumerate(layout.zones) for sid in zone.stations}
    joined: set[tuple[int, int]] = set()
    for edge in layout.edges:
        a, b = zone_of.get(edge.source), zone_of.get(edge.target)
        if a is not None and b is not None and a != b:
            joined |= {(a, b), (b, a)}
    bounds = [zone_bounds(zone, layout) for zone in layout.zones]
    chosen: list[int] = []
    for index, box in enumerate(bounds):
        if index < tints:
            chosen.append(index)
            continue
        near = [0] * tints
        for other, tint in enumerate(chosen):
            there = bounds[other]
            close = box is not None and there is not None and box.overlaps(there, -NEAR_ZONE)
            if (index, other) in joined or close:
                near[tint] += 1
        chosen.append(min(range(tints), key=lambda t: (near[t], chosen.count(t), t)))
    return chosen


def first_half(path: Sequence[Point]) -> list[Point]:
    """The polyline from its start to the point halfway along it."""
    remaining = sum(math.dist(a, b) for a, b in pairwise(path)) / 2
    out = [path[0]]
    for a, b in pairwise(path):
        length = math.dist(a, b)
        if length >= remaining:
            t = remaining / length if length else 0.0
            out.append((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t))
            return out
        out.append(b)
        remaining -= length
    return out


def zone_bounds(zone: ZoneArea, layout: Layout) -> Box | None:
    """Bounding box of the zone's region (None for a zone with no placed station)."""
    members = set(zone.stations)
    xs: list[float] = []
    ys: list[float] = []
    for station in layout.stations:
        if station.id in members:
            xs += [station.x - PAD - RIM, station.x + PAD + RIM]
            ys += [station.y - PAD - RIM, station.y + PAD + RIM]
            if station.label is not None:
                b = station.label.box
                xs += [b.x - LABEL_PAD - RIM, b.x + b.width + LABEL_PAD + RIM]
                ys += [b.y - LABEL_PAD - RIM, b.y + b.height + LABEL_PAD + RIM]
    if not xs:
        return None
    return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def name_box(
    zone: ZoneArea,
    layout: Layout,
    taken: Iterable[Box],
    track: Sequence[Segment] = (),
    frame: Box | None = None,
) -> Box | None:
    """Where to print the zone's name: near the zone, clear of labels, markers and track.

    A boxed zone tries the corners just outside its box first; then every zone tries the four
    sides and the four diagonals of each member station's disc (top-most station first), one,
    two and three rows out. Of the free places, the first beside a member station that stays
    off every other zone's shading wins (on another zone's shading a name reads as that
    zone's), else the first free one. When none of these is free the name is not drawn on the
    map (None): a name parked in the margin (`frame`, kept for the signature) or on top of other
    text reads as naming whatever it ends up next to, and the legend names every zone anyway.
    """
    bounds = zone_bounds(zone, layout)
    if bounds is None or not zone.title:
        return None
    width = text_width(zone.title.upper(), NAME_SIZE) * 1.12  # letter-spacing
    h = NAME_HEIGHT
    corners = [
        Box(x, y, width, h)
        for y in (bounds.y - h - 2, bounds.y + bounds.height + 2)
        for x in (bounds.x + 4, bounds.x + bounds.width - width - 4)
    ]
    candidates = list(corners) if compact(zone, layout) else []
    members = sorted(
        (s for s in layout.stations if s.id in set(zone.stations)), key=lambda s: (s.y, s.x)
    )
    for out in (PAD + 2, PAD + 2 + h, PAD + 2 + 2 * h):
        for s in members:
            d = out * 0.7  # diagonal: the box's near corner about `out` from the station
            candidates += [
                Box(s.x - width / 2, s.y - out - h, width, h),
                Box(s.x - width / 2, s.y + out, width, h),
                Box(s.x + out, s.y - h / 2, width, h),
                Box(s.x - out - width, s.y - h / 2, width, h),
                Box(s.x + d, s.y - d - h, width, h),
                Box(s.x - d - width, s.y - d - h, width, h),
                Box(s.x + d, s.y + d, width, h),
                Box(s.x - d - width, s.y + d, width, h),
            ]
    near = len(candidates)
    candidates += corners
    obstacles = list(taken)
    free = [
        (k, box)
        for k, box in enumerate(candidates)
        if not _on_track(box, track) and not any(box.overlaps(o, margin=-GAP) for o in obstacles)
    ]
    # a name on another zone's shading reads as that zone's: a place beside the zone's own
    # stations and off every other zone first
    others = [_Region(other, layout) for other in layout.zones if other is not zone]
    for k, box in free:
        if k < near and not any(region.touches(box) for region in others):
            return box
    return free[0][1] if free else None


class _Region:
    """Where a zone's shading lies (`zone_shapes` at the rim's size), to keep other zones' names
    off it."""

    def __init__(self, zone: ZoneArea, layout: Layout) -> None:
        self.box: Box | None = None
        self.discs: list[Point] = []
        self.strokes: list[tuple[Point, Point]] = []
        if compact(zone, layout):
            self.box = zone_bounds(zone, layout)
            return
        members = set(zone.stations)
        for edge in layout.edges:
            inside = (edge.source in members, edge.target in members)
            if len(edge.path) < 2 or not any(inside):
                continue
            if all(inside):
                path = list(edge.path)
            else:
                path = first_half(list(edge.path) if inside[0] else list(reversed(edge.path)))
            self.strokes += list(pairwise(path))
        self.discs = [(s.x, s.y) for s in layout.stations if s.id in members]

    def touches(self, box: Box) -> bool:
        """Whether `box` comes within GAP of the shading."""
        if self.box is not None:
            return box.overlaps(self.box, margin=-GAP)
        reach = PAD + RIM + GAP
        return any(box_point_distance(box, p) < reach for p in self.discs) or any(
            segment_box_distance(a, b, box) < reach for a, b in self.strokes
        )


Segment = tuple[tuple[float, float], tuple[float, float], float]  # ends and half-width


def track_segments(layout: Layout) -> list[Segment]:
    """Every straight piece of track with the half-width of its bundle."""
    out = []
    for edge in layout.edges:
        half = bundle_width(len(edge.lines)) / 2 + 2
        out += [(a, b, half) for a, b in pairwise(edge.path)]
    return out


def _on_track(box: Box, track: Sequence[Segment]) -> bool:
    for (x1, y1), (x2, y2), half in track:
        if max(x1, x2) + half < box.x or min(x1, x2) - half > box.x + box.width:
            continue
        if max(y1, y2) + half < box.y or min(y1, y2) - half > box.y + box.height:
            continue
        steps = max(1, int(math.hypot(x2 - x1, y2 - y1) / 3))
        grown = Box(box.x - half, box.y - half, box.width + 2 * half, box.height + 2 * half)
        for i in range(steps + 1):
            t = i / steps
            px, py = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
            if grown.x < px < grown.x + grown.width and grown.y < py < grown.y + grown.height:
                return True
    return False


def zone_group(zone: ZoneArea, layout: Layout, name: Box | None, tint: int) -> str:
    """The zone's shaded region (a rim, then a lighter body) and its name."""
    colour = safe_color(zone.color, "") if zone.color else ""
    paint = f' fill="{attr(colour)}" stroke="{attr(colour)}"' if colour else ""
    rim = "tm-zone-rim" if colour else f"tm-zone-rim tm-zone-c{tint}"
    out = (
        f'<g class="tm-zone" data-zone="{attr(zone.id)}">'
        f'<g class="{rim}"{paint}>{zone_shapes(zone, layout, RIM)}</g>'
        f'<g class="tm-zone-body">{zone_shapes(zone, layout, 0)}</g>'
    )
    if name is not None:
        # A style attribute, as the stylesheet's muted fill would beat a presentation attribute.
        tone = f' style="fill:{attr(colour)}"' if colour else ""
        cls = "tm-zone-name" if colour else f"tm-zone-name tm-zone-text-c{tint}"
        out += (
            f'<text class="{cls}"{tone} x="{num(name.x)}" y="{num(name.y + NAME_HEIGHT - 3)}">'
            f"{text(zone.title.upper())}</text>"
        )
    return out + "</g>"
