"""Layout to SVG (pure). PNG lives in render.png, the only module that imports cairosvg.

`render_svg(layout, options)` draws, back to front: background, fare zones, lines (each a set
of runs offset inside their bundles), stations with their labels and overlay glyphs, then the
title and the legend outside the map area. The viewBox grows to hold everything, so nothing is
clipped; the layout's own coordinates are kept.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..layout.dimensions import LINE_WIDTH, MARGIN, bundle_width, marker_radius
from ..layout.geometry import Box, Layout, PlacedStation, Point
from . import legend, zones
from .lines import edge_state, lines_layer
from .markup import attr, id_part, id_prefix, num, safe_color, safe_href, text
from .options import RenderOptions
from .ports import PortBar, port_bars, port_pill
from .stations import (
    bundle_sizes,
    departures,
    glyph,
    label,
    lines_at,
    marker,
    station_element,
)
from .theme import ZONE_TINTS, stylesheet

__all__ = ["RenderOptions", "render_svg"]

MIN_WIDTH = 360.0
COVERAGE = frozenset({"covered", "partial", "missing"})
CHANGES = frozenset({"added", "removed", "changed"})
CASING = LINE_WIDTH + 3  # a background-coloured edge around each line, so crossings read clearly


def render_svg(layout: Layout, options: RenderOptions | None = None) -> str:
    """Draw `layout` as a standalone SVG document string (deterministic: same input, same bytes)."""
    opts = options or RenderOptions()
    prefix = id_prefix(opts.id_prefix)
    known = {s.id for s in layout.stations}
    highlight = frozenset(opts.highlight) & known
    # Only known states reach class names and glyphs, whatever a caller passes at run time.
    changes = {k: v for k, v in (opts.changes or {}).items() if k in known and v in CHANGES}
    coverage = {k: v for k, v in (opts.coverage or {}).items() if k in known and v in COVERAGE}
    scene = _Scene(
        opts,
        prefix,
        highlight,
        changes,
        coverage,
        bundle_sizes(layout),
        departures(layout),
        {line.id: safe_color(line.color) for line in layout.lines},
        port_bars(layout),
    )

    zone_parts, zone_boxes = _zones(layout)
    lines_svg = lines_layer(layout, opts, highlight, changes)
    station_parts = [_station(s, scene) for s in _with_lines(layout) if not s.junction]
    # A junction with a port area has no station marker, but its stubs still need gathering.
    station_parts[:0] = [
        f'<g class="tm-port-area" data-junction="{attr(s.id)}">{port_pill(scene.ports[s.id])}</g>'
        for s in layout.stations
        if s.junction and s.id in scene.ports
    ]

    content = _bounds(layout, zone_boxes)
    heading = opts.title
    top = content.y - (legend.TITLE_BAND if heading else 0)
    secs = (
        legend.sections(
            layout,
            line_urls=opts.line_urls,
            solution=opts.solution,
            coverage=bool(coverage),
            # track that changed counts too: a diff may add an edge between existing stations
            changes=frozenset(changes.values()) | _edge_states(layout, opts),
            highlight=bool(highlight),
        )
        if opts.legend
        else []
    )
    # Wide enough for the map, the heading and the widest legend entry: nothing is clipped.
    width = max(content.width, MIN_WIDTH, legend.title_width(heading), legend.min_width(secs))
    legend_top = content.y + content.height + 4
    legend_h = legend.legend_height(secs, width)
    bottom = legend_top + legend_h + MARGIN / 2 if secs else content.y + content.height
    view = Box(content.x - MARGIN / 2, top, width + MARGIN, bottom - top)

    name = opts.title or f"{layout.map}: {layout.layer}"
    interactive = any(safe_href(u) for u in (*opts.station_urls.values(), *opts.line_urls.values()))
    # role="img" hides descendants from assistive technology, which would make the station links
    # unreachable; a linked map is a group of links instead.
    role = "group" if interactive else "img"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{prefix}" class="tm-map"'
        f' data-map="{attr(layout.map)}" data-layer="{attr(layout.layer)}"'
        f' viewBox="{num(view.x)} {num(view.y)} {num(view.width)} {num(view.height)}"'
        f' width="{num(view.width)}" height="{num(view.height)}"'
        f' role="{role}" aria-labelledby="{prefix}-title {prefix}-desc">',
        f'<title id="{prefix}-title">{text(name)}</title>',
        f'<desc id="{prefix}-desc">{text(opts.description or _summary(layout))}</desc>',
        f"<style>{stylesheet(prefix, opts.theme)}</style>",
        f'<rect class="tm-bg" x="{num(view.x)}" y="{num(view.y)}" width="{num(view.width)}"'
        f' height="{num(view.height)}"/>',
        f'<g class="tm-zones">{"".join(zone_parts)}</g>',
        lines_svg,
        f'<g class="tm-stations">{"".join(station_parts)}</g>',
        legend.title(heading, Box(content.x, top, width, legend.TITLE_BAND)),
        legend.draw(secs, (content.x, legend_top), width, prefix) if secs else "",
        "</svg>",
    ]
    return "\n".join(part for part in out if part) + "\n"


def _with_lines(layout: Layout) -> list[PlacedStation]:
    """Stations, with their lines filled in from the edges when the layout left them empty."""
    fallback = lines_at(layout)
    out = []
    for s in layout.stations:
        if s.lines or s.id not in fallback:
            out.append(s)
            continue
        lines = fallback[s.id]
        out.append(
            PlacedStation(
                s.id,
                s.x,
                s.y,
                s.junction,
                s.label,
                s.title,
                lines,
                s.transfer or len(lines) >= 2,
                s.terminus,
                s.angle,
            )
        )
    return out


def _summary(layout: Layout) -> str:
    names = ", ".join(line.title or line.id for line in layout.lines)
    count = sum(1 for s in layout.stations if not s.junction)
    return f"Transit map with {count} stations on the lines {names}." if names else ""


def _zones(layout: Layout) -> tuple[list[str], list[Box]]:
    taken = [s.label.box for s in layout.stations if s.label is not None]
    taken += [Box(s.x - 8, s.y - 8, 16, 16) for s in layout.stations if not s.junction]
    track = zones.track_segments(layout) if layout.zones else []
    frame = _bounds(layout, [])
    parts, boxes = [], []
    tints = zones.zone_tints(layout, ZONE_TINTS)
    for index, zone in enumerate(layout.zones):
        name = zones.name_box(zone, layout, taken, track, frame)
        if name is not None:
            taken.append(name)
            boxes.append(name)
        bounds = zones.zone_bounds(zone, layout)
        if bounds is not None:
            boxes.append(bounds)
            parts.append(zones.zone_group(zone, layout, name, tints[index]))
    return parts, boxes


@dataclass(frozen=True)
class _Scene:
    """What every station's drawing needs, computed once per render."""

    opts: RenderOptions
    prefix: str
    highlight: frozenset[str]
    changes: Mapping[str, str]
    coverage: Mapping[str, str]
    sizes: Mapping[str, int]
    leaving: Mapping[str, list[Point]]
    colours: Mapping[str, str]
    ports: Mapping[str, PortBar]


def _station(s: PlacedStation, scene: _Scene) -> str:
    size = scene.sizes.get(s.id, 0)
    classes = ""
    bar = scene.ports.get(s.id)
    if bar is not None:
        drawing = port_pill(bar)
    else:
        drawing = marker(s, size, scene.colours, scene.leaving.get(s.id, ()))
    if scene.highlight:
        if s.id in scene.highlight:
            r = marker_radius(max(size, 1)) + 5
            halo = f'<circle class="tm-halo" cx="{num(s.x)}" cy="{num(s.y)}" r="{num(r)}"/>'
            drawing = halo + drawing
            classes += " tm-emph"
        else:
            classes += " tm-recede"
    for state in (scene.coverage.get(s.id), scene.changes.get(s.id)):
        if state:
            classes += f" tm-{state}"
            drawing += glyph(state, s.x, s.y)
    drawing += label(s)
    return station_element(
        s,
        drawing,
        element_id=f"{scene.prefix}-s-{id_part(s.id)}",
        size=size,
        url=scene.opts.station_urls.get(s.id),
        classes=classes,
    )


def _bounds(layout: Layout, extra: Sequence[Box]) -> Box:
    """Everything drawn on the map (tracks, markers, labels, zones), padded."""
    # The layout's canvas is not included: its own margin would add an empty band under the
    # title (and round the drawing); an empty layout still gets the canvas.
    xs: list[float] = [] if layout.stations else [0.0, layout.width]
    ys: list[float] = [] if layout.stations else [0.0, layout.height]
    for s in layout.stations:
        r = marker_radius(max(len(s.lines), 1)) + 6
        xs += [s.x - r, s.x + r]
        ys += [s.y - r, s.y + r]
        if s.label is not None:
            b = s.label.box
            xs += [b.x - 4, b.x + b.width + 4]
            ys += [b.y - 4, b.y + b.height + 4]
    for e in layout.edges:
        half = bundle_width(len(e.lines)) / 2 + CASING
        for x, y in e.path:
            xs += [x - half, x + half]
            ys += [y - half, y + half]
    for b in extra:
        xs += [b.x - 4, b.x + b.width + 4]
        ys += [b.y - 4, b.y + b.height + 4]
    x0, y0 = min(xs) - MARGIN / 2, min(ys) - MARGIN / 2
    return Box(x0, y0, max(xs) + MARGIN / 2 - x0, max(ys) + MARGIN / 2 - y0)


def _edge_states(layout: Layout, opts: RenderOptions) -> frozenset[str]:
    """The diff states of the drawn edges (`RenderOptions.edge_changes`)."""
    edge_changes = opts.edge_changes or {}
    return frozenset(
        state for e in layout.edges if (state := edge_state(e, edge_changes)) is not None
    )
