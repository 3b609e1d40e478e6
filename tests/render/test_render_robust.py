"""Any valid layout renders: random octilinear layouts never crash the renderer or break XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from transit_maps.layout.geometry import (
    Box,
    Label,
    Layout,
    LineStyle,
    PlacedEdge,
    PlacedStation,
    Point,
    ZoneArea,
)
from transit_maps.render import RenderOptions, render_svg

STEPS = [(1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1)]


@st.composite
def layouts(draw: st.DrawFn) -> Layout:
    n = draw(st.integers(0, 9))
    line_ids = [f"l{i}" for i in range(draw(st.integers(1, 4)))]
    stations: list[PlacedStation] = []
    for i in range(n):
        x, y = draw(st.integers(0, 12)) * 48.0, draw(st.integers(0, 12)) * 48.0
        junction = draw(st.booleans()) and i % 3 == 2
        label = None if junction else Label(Box(x + 8, y - 8, 40, 16), (draw(st.text(max_size=8)),))
        lines = tuple(draw(st.lists(st.sampled_from(line_ids), max_size=3, unique=True)))
        stations.append(
            PlacedStation(
                f"s{i}", x, y, junction, label, f"S{i}", lines, len(lines) > 1,
                draw(st.booleans()), draw(st.sampled_from([0.0, 45.0, 90.0, 135.0])),
            )
        )  # fmt: skip
    edges = []
    for _ in range(draw(st.integers(0, 2 * n))):
        a, b = draw(st.sampled_from(stations)), draw(st.sampled_from(stations))
        path: list[Point] = [(a.x, a.y)]
        for _ in range(draw(st.integers(0, 3))):
            dx, dy = draw(st.sampled_from(STEPS))
            k = draw(st.integers(0, 3)) * 24.0
            path.append((path[-1][0] + dx * k, path[-1][1] + dy * k))
        path.append((b.x, b.y))  # the last piece may be any angle: render must cope anyway
        lines = tuple(
            draw(st.lists(st.sampled_from(line_ids), min_size=1, max_size=4, unique=True))
        )
        edges.append(PlacedEdge(a.id, b.id, lines, tuple(path)))
    styles = tuple(LineStyle(i, "#336699", i.upper()) for i in line_ids)
    zones: tuple[ZoneArea, ...] = ()
    with_zone: bool = bool(stations) and draw(st.booleans())
    if with_zone:
        members = tuple(s.id for s in draw(st.lists(st.sampled_from(stations), max_size=4)))
        zones = (ZoneArea("z", "Zone", members),)
    return Layout("m", "l", 640.0, 640.0, tuple(stations), tuple(edges), styles, zones)


@settings(max_examples=60, deadline=None)
@given(layouts(), st.sampled_from(["light", "dark", "auto"]), st.booleans())
def test_random_layouts_render_to_well_formed_deterministic_svg(
    layout: Layout, theme: str, overlays: bool
) -> None:
    ids = [s.id for s in layout.stations]
    options = RenderOptions(
        theme="light" if theme == "light" else "dark" if theme == "dark" else "auto",
        station_urls={i: f"{i}/" for i in ids},
        highlight=tuple(ids[:2]) if overlays else (),
        coverage={i: "partial" for i in ids} if overlays else None,
        changes={i: "removed" for i in ids[:1]} if overlays else None,
    )
    svg = render_svg(layout, options)
    assert svg == render_svg(layout, options)
    root = ET.fromstring(svg)
    assert root.get("viewBox")
    geometry = ("d", "x", "y", "cx", "cy", "r", "width", "height", "viewBox", "transform")
    for element in root.iter():
        for name in geometry:
            value = (element.get(name) or "").lower()
            assert "nan" not in value and "inf" not in value, (element.tag, name, value)
