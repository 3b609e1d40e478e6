"""Station markers and labels: ticks, termini, interchange pills, overlay glyphs, links.

A station on one line gets a tick towards its label (a bar across the line where the line ends,
a ring where it bends or forks); a transfer station gets a pill spanning the widest bundle
through it; junctions get nothing. In
overlay modes a glyph sits on the marker, so colour is never the only cue: a check mark for
covered, a half-filled disc for partial, a dashed ring for missing; plus, minus and a dot for
added, removed and changed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from ..colors import is_pale
from ..layout.dimensions import LINE_WIDTH, bundle_width, marker_radius
from ..layout.geometry import Layout, PlacedStation, Point
from ..layout.text import DESCENT, LINE_HEIGHT
from .markup import attr, num, safe_href, text
from .tracks import away

TICK_LENGTH = 5.0  # how far a tick sticks out beyond the stroke
GLYPH_RADIUS = 7.0
TICK_CASING = 1.5  # the casing's width beyond a tick's stroke, as around the line's own stroke


def bundle_sizes(layout: Layout) -> dict[str, int]:
    """Widest number of parallel lines on any edge at each station."""
    sizes: dict[str, int] = {}
    for edge in layout.edges:
        for station in (edge.source, edge.target):
            sizes[station] = max(sizes.get(station, 0), len(edge.lines))
    return sizes


def departures(layout: Layout) -> dict[str, list[Point]]:
    """For each station, the unit direction in which each of its edges leaves it."""
    out: dict[str, list[Point]] = {}
    for edge in layout.edges:
        for station in (edge.source, edge.target):
            d = away(edge, station)
            if d != (0.0, 0.0):
                out.setdefault(station, []).append(d)
    return out


def marker(
    station: PlacedStation, size: int, colours: Mapping[str, str], leaving: Sequence[Point] = ()
) -> str:
    """The marker of one station (no link, no label).

    `size` is the widest bundle through it, `leaving` the directions its edges leave in: a
    station where the only edge ends gets a bar across the line; a tick goes towards the label,
    or the other way if track leaves along the tick's line on the label's side, or becomes a
    ring (at a bend or fork of the line) if both are taken.
    """
    across = math.radians(station.angle + 90)
    nx, ny = math.cos(across), math.sin(across)
    x, y = station.x, station.y
    lines = station.lines
    if not lines:
        return _lone(x, y)
    if station.transfer or len(lines) >= 2:
        return _pill(x, y, nx, ny, max(size, 1))
    colour = colours.get(lines[0], "#888888")
    if len(leaving) == 1 or (station.terminus and not leaving):
        if leaving:  # across the line's actual end, whatever angle the layout reported
            nx, ny = -leaving[0][1], leaving[0][0]
        half = marker_radius(1) + 2
        rim = half + TICK_CASING  # the bar is cased like its line, ends included
        casing = (
            f'<path class="tm-tick-casing{_pale(colour)}" '
            f'd="M{num(x - nx * rim)} {num(y - ny * rim)}'
            f'L{num(x + nx * rim)} {num(y + ny * rim)}"/>'
        )
        bar = _segment(x - nx * half, y - ny * half, x + nx * half, y + ny * half, colour)
        return casing + bar
    side = _label_side(station, nx, ny)
    for sign in (side, -side):
        tx, ty = nx * sign, ny * sign
        # Track within 45° of the tick, or straight opposite it (the tick would read as the
        # line overshooting the station), takes that side.
        if all(abs(tx * dx + ty * dy) < 0.7 for dx, dy in leaving):
            start = LINE_WIDTH / 2 - 0.5
            end = LINE_WIDTH / 2 + TICK_LENGTH
            # Cased like the line (from the stroke's edge, round the tip), so a dark line's ticks
            # stay visible on the dark background.
            inner, outer = LINE_WIDTH / 2, end + TICK_CASING
            casing = (
                f'<path class="tm-tick-casing{_pale(colour)}" '
                f'd="M{num(x + tx * inner)} {num(y + ty * inner)}'
                f'L{num(x + tx * outer)} {num(y + ty * outer)}"/>'
            )
            tick = _segment(x + tx * start, y + ty * start, x + tx * end, y + ty * end, colour)
            return casing + tick
    r = num(marker_radius(1) - 1)
    return f'<circle class="tm-stop" stroke="{attr(colour)}" cx="{num(x)}" cy="{num(y)}" r="{r}"/>'


def lines_at(layout: Layout) -> dict[str, tuple[str, ...]]:
    """Lines on the edges at each station, in edge order (for stations that list none)."""
    seen: dict[str, dict[str, None]] = {}
    for edge in layout.edges:
        for station in (edge.source, edge.target):
            for line in edge.lines:
                seen.setdefault(station, {}).setdefault(line, None)
    return {station: tuple(lines) for station, lines in seen.items()}


def _label_side(station: PlacedStation, nx: float, ny: float) -> float:
    """+1 or -1: the side of the track (across it) that the label is on."""
    if station.label is None:
        return -1.0
    box = station.label.box
    cx, cy = box.x + box.width / 2 - station.x, box.y + box.height / 2 - station.y
    dot = cx * nx + cy * ny
    return 1.0 if dot > 1e-6 else -1.0


def _segment(x1: float, y1: float, x2: float, y2: float, colour: str) -> str:
    return (
        f'<path class="tm-tick" stroke="{attr(colour)}" '
        f'd="M{num(x1)} {num(y1)}L{num(x2)} {num(y2)}"/>'
    )


def _pill(x: float, y: float, nx: float, ny: float, size: int) -> str:
    if size <= 1:
        r = num(marker_radius(1))
        return f'<circle class="tm-interchange" cx="{num(x)}" cy="{num(y)}" r="{r}"/>'
    # A capsule across the track, as long as the bundle is wide: a round-capped outline stroke
    # with a narrower fill stroke on top.
    half_len = bundle_width(size) / 2 - LINE_WIDTH / 2
    dx, dy = nx * half_len, ny * half_len
    d = f"M{num(x - dx)} {num(y - dy)}L{num(x + dx)} {num(y + dy)}"
    return f'<path class="tm-pill-edge" d="{d}"/><path class="tm-pill-core" d="{d}"/>'


def _lone(x: float, y: float) -> str:
    return f'<circle class="tm-lone" cx="{num(x)}" cy="{num(y)}" r="{num(marker_radius(1))}"/>'


def label(station: PlacedStation) -> str:
    """The label text, drawn exactly in the layout's box."""
    if station.label is None:
        return ""
    box = station.label.box
    anchor = station.label.align if station.label.align in ("middle", "end") else "start"
    x = {"start": box.x, "middle": box.x + box.width / 2, "end": box.x + box.width}[anchor]
    anchor_attr = "" if anchor == "start" else f' text-anchor="{anchor}"'
    rows = []
    for i, row in enumerate(station.label.lines):
        baseline = box.y + (i + 1) * LINE_HEIGHT - DESCENT
        rows.append(f'<tspan x="{num(x)}" y="{num(baseline)}">{text(row)}</tspan>')
    return f'<text class="tm-label"{anchor_attr}>{"".join(rows)}</text>'


def glyph(kind: str, x: float, y: float) -> str:
    """The overlay glyph for a coverage or change state, centred on (x, y)."""
    r = GLYPH_RADIUS
    cx, cy = num(x), num(y)
    disc = f'<circle class="tm-glyph-bg" cx="{cx}" cy="{cy}" r="{num(r)}"/>'
    if kind == "covered":
        mark = _polyline([(x - 3.2, y + 0.2), (x - 0.8, y + 2.6), (x + 3.4, y - 2.6)])
        return disc + mark
    if kind == "partial":
        # Left half filled, right half empty, one outline: readable without colour.
        half = (
            f'<path class="tm-glyph-half" d="M{cx} {num(y - r)}A{num(r)} {num(r)} 0 0 1 '
            f'{cx} {num(y + r)}Z"/>'
        )
        edge = f'<circle class="tm-glyph-edge" cx="{cx}" cy="{cy}" r="{num(r - 1)}"/>'
        return disc + half + edge
    if kind == "missing":
        ring = f'<circle class="tm-glyph-edge" cx="{cx}" cy="{cy}" r="{num(r)}"/>'
        cross = _polyline([(x - 2.5, y - 2.5), (x + 2.5, y + 2.5)]) + _polyline(
            [(x - 2.5, y + 2.5), (x + 2.5, y - 2.5)]
        )
        return ring + cross
    if kind == "added":
        return (
            disc + _polyline([(x - 3.5, y), (x + 3.5, y)]) + _polyline([(x, y - 3.5), (x, y + 3.5)])
        )
    if kind == "removed":
        return disc + _polyline([(x - 3.5, y), (x + 3.5, y)])
    if kind == "changed":
        return disc + f'<circle class="tm-glyph-dot" cx="{cx}" cy="{cy}" r="2.4"/>'
    return ""


def _polyline(points: list[Point]) -> str:
    d = "M" + "L".join(f"{num(px)} {num(py)}" for px, py in points)
    return f'<path class="tm-glyph-mark" d="{d}"/>'


def station_element(
    station: PlacedStation,
    drawing: str,
    *,
    element_id: str,
    size: int,
    url: str | None,
    classes: str,
) -> str:
    """One station: its drawing (marker, glyph, label) and tooltip, linked when it has a URL."""
    title = station.title or station.id
    head = (
        f'<g class="tm-station{classes}" id="{attr(element_id)}" data-station="{attr(station.id)}">'
    )
    href = safe_href(url) if url else None
    if not href:
        return f"{head}<title>{text(title)}</title>{drawing}</g>"
    ring_r = marker_radius(max(size, 1)) + 3
    ring = (
        f'<circle class="tm-ring" cx="{num(station.x)}" cy="{num(station.y)}" r="{num(ring_r)}"/>'
    )
    return (
        f'{head}<a href="{href}" aria-label="{attr(title)}"><title>{text(title)}</title>'
        f"{ring}{drawing}</a></g>"
    )


def _pale(colour: str) -> str:
    """The extra class of a pale line's casing (see `colors.is_pale`)."""
    return " tm-pale-casing" if is_pale(colour) else ""
