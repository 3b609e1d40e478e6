"""Topology to geometry. Pure and deterministic; knows nothing of SVG or MkDocs.

(Placeholder engine: stations on a plain grid, straight edges. Replaced by the octilinear engine.)
"""

from __future__ import annotations

from ..model import Layer
from .geometry import Box, Label, Layout, LineStyle, PlacedEdge, PlacedStation, ZoneArea
from .text import LINE_HEIGHT, text_width

__all__ = ["Layout", "layout"]

GRID = 60.0


def layout(layer: Layer, map_id: str) -> Layout:
    """Lay out one layer of map `map_id`."""
    placed = []
    for i, s in enumerate(layer.stations):
        x, y = s.at if s.at else (i % 8, i // 8)
        px, py = 40 + x * GRID, 40 + y * GRID
        label = None
        if not s.junction:
            w = text_width(s.title)
            label = Label(Box(px + 8, py - LINE_HEIGHT - 4, w, LINE_HEIGHT), (s.title,))
        placed.append(
            PlacedStation(
                s.id,
                px,
                py,
                s.junction,
                label,
                s.title,
                layer.lines_at.get(s.id, ()),
                layer.is_transfer(s.id),
                layer.is_terminus(s.id),
            )
        )
    pos = {p.id: (p.x, p.y) for p in placed}
    edges = tuple(
        PlacedEdge(seg.a, seg.b, seg.lines, (pos[seg.a], pos[seg.b])) for seg in layer.segments
    )
    width = max((p.x + (p.label.box.width if p.label else 0) for p in placed), default=0) + 60
    height = max((p.y for p in placed), default=0) + 60
    zones = tuple(
        ZoneArea(z.id, z.title, tuple(s.id for s in layer.stations if s.zone == z.id), z.color)
        for z in layer.zones
    )
    return Layout(
        map_id,
        layer.id,
        width,
        height,
        tuple(placed),
        edges,
        tuple(LineStyle(li.id, li.color, li.title) for li in layer.lines),
        zones,
    )
