"""Fare zones: soft shaded regions behind their stations, with the zone's name.

A zone whose bounding box holds only its own stations is one rounded box around them and their
labels; otherwise its region is the union of a disc around each member station and a wide stroke
along every edge between two members. Drawing the union
inside one group with group opacity keeps overlaps from darkening: the region reads as one shape.
A slightly larger copy underneath gives it a rim.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..layout.geometry import Box, Layout, ZoneArea
from ..layout.text import text_width
from .markup import attr, num, safe_color, text

PAD = 18.0  # radius of the region around a member station
LABEL_PAD = 5.0
RIM = 2.0
NAME_SIZE = 11.0
NAME_HEIGHT = 14.0


CORNER = 14.0


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
    calm shape of a fare zone); otherwise it hugs its stations and the edges between them.
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
    for edge in layout.edges:
        if edge.source in members and edge.target in members and len(edge.path) > 1:
            d = "M" + "L".join(f"{num(x)} {num(y)}" for x, y in edge.path)
            parts.append(f'<path d="{d}" fill="none" stroke-width="{num(2 * (PAD + grow))}"/>')
    for station in layout.stations:
        if station.id not in members:
            continue
        parts.append(f'<circle cx="{num(station.x)}" cy="{num(station.y)}" r="{num(PAD + grow)}"/>')
    return "".join(parts)


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


def name_box(zone: ZoneArea, layout: Layout, taken: Iterable[Box]) -> Box | None:
    """Where to print the zone's name: a corner just outside its region that hits nothing."""
    bounds = zone_bounds(zone, layout)
    if bounds is None or not zone.title:
        return None
    width = text_width(zone.title.upper(), NAME_SIZE) * 1.12  # letter-spacing
    above = bounds.y - NAME_HEIGHT - 2
    below = bounds.y + bounds.height + 2
    right = bounds.x + bounds.width - width
    candidates = [
        Box(bounds.x + 4, above, width, NAME_HEIGHT),
        Box(right - 4, above, width, NAME_HEIGHT),
        Box(bounds.x + 4, below, width, NAME_HEIGHT),
        Box(right - 4, below, width, NAME_HEIGHT),
        Box(bounds.x + 4, bounds.y + 4, width, NAME_HEIGHT),
    ]
    obstacles = list(taken)
    for box in candidates:
        if not any(box.overlaps(o) for o in obstacles):
            return box
    return candidates[0]


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
        out += (
            f'<text class="tm-zone-name" x="{num(name.x)}" y="{num(name.y + NAME_HEIGHT - 3)}">'
            f"{text(zone.title.upper())}</text>"
        )
    return out + "</g>"
