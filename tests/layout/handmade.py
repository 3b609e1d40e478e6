"""Hand-built layers and layouts for the ordering, label and metrics tests."""

from __future__ import annotations

from collections.abc import Sequence

from transit_maps.layout.geometry import Label, Layout, LineStyle, PlacedEdge, PlacedStation, Point
from transit_maps.model import Layer, Line, Station


def make_layer(routes: dict[str, Sequence[Sequence[str]]], junctions: Sequence[str] = ()) -> Layer:
    """A layer whose lines have these routes (the first is the main route, the rest branches)."""
    lines = tuple(
        Line(lid, lid.title(), "#123456", tuple(rs[0]), tuple(tuple(r) for r in rs[1:]))
        for lid, rs in routes.items()
    )
    seen: dict[str, None] = {}
    for line in lines:
        for s in line.stops:
            seen.setdefault(s, None)
    stations = tuple(Station(s, s.replace("-", " ").title(), junction=s in junctions) for s in seen)
    return Layer("net", "Net", "systems", lines, stations)


def make_layout(
    layer: Layer,
    pos: dict[str, Point],
    paths: dict[tuple[str, str], Sequence[Point]] | None = None,
    labels: dict[str, Label] | None = None,
    width: float = 400.0,
    height: float = 300.0,
) -> Layout:
    """A layout of `layer` with stations at `pos`; edges straight unless `paths` says otherwise."""
    paths = paths or {}
    labels = labels or {}
    stations = tuple(
        PlacedStation(
            s.id,
            *pos[s.id],
            s.junction,
            labels.get(s.id),
            s.title,
            layer.lines_at.get(s.id, ()),
            layer.is_transfer(s.id),
            layer.is_terminus(s.id),
        )
        for s in layer.stations
    )
    edges = tuple(
        PlacedEdge(
            seg.a, seg.b, seg.lines, tuple(paths.get((seg.a, seg.b), (pos[seg.a], pos[seg.b])))
        )
        for seg in layer.segments
    )
    styles = tuple(LineStyle(li.id, li.color, li.title) for li in layer.lines)
    return Layout("test", layer.id, width, height, stations, edges, styles)
