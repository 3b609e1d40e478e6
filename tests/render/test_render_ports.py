"""Port areas: a station with more than eight neighbours is drawn as a long pill along its bar."""

from __future__ import annotations

import re

from tests.paths import CORPUS
from tests.render.fixtures.layouts import bundle_turns, ml_system, port_area
from transit_maps.layout import layout
from transit_maps.layout.geometry import Layout
from transit_maps.loader import load_map
from transit_maps.render import RenderOptions, render_svg
from transit_maps.render.ports import PORT_NEIGHBOURS, port_bars


def test_bar_spans_every_stub_along_the_station_angle() -> None:
    bars = port_bars(port_area())
    assert list(bars) == ["hub"]
    bar = bars["hub"]
    assert (bar.start, bar.end) == ((240.0, 144.0), (240.0, 336.0))
    assert bar.thickness == 12.0  # one line on each stub: an ordinary pill's thickness


def test_stations_with_eight_or_fewer_neighbours_keep_their_markers() -> None:
    assert port_bars(ml_system()) == {}
    assert port_bars(bundle_turns()) == {}


def test_the_pill_replaces_the_hub_marker() -> None:
    svg = render_svg(port_area(), RenderOptions(theme="light"))
    hub = re.search(r'<g class="tm-station"[^>]*data-station="hub">.*?</g>', svg)
    assert hub is not None
    assert hub.group(0).count('d="M240 144L240 336"') == 2  # outline and fill
    assert "Central hub" in hub.group(0)


def _stub_vertices(laid: Layout, station: str) -> list[tuple[float, float]]:
    s = laid.station(station)
    out = []
    for e in laid.edges:
        if station not in (e.source, e.target):
            continue
        path = e.path if e.source == station else tuple(reversed(e.path))
        for x, y in path[1:-1]:
            # on the bar line through the station (angle 0 or 90 in this map)
            if (s.angle % 180 == 0 and y == s.y) or (s.angle % 180 == 90 and x == s.x):
                out.append((x, y))
            else:
                break
    return out


def test_corpus_port_areas_are_covered_by_their_pills() -> None:
    the_map = load_map(CORPUS / "nf-metro-genomic-pipeline.yaml")
    laid = layout(the_map.layers[0], the_map.id)
    bars = port_bars(laid)
    degree: dict[str, set[str]] = {}
    for e in laid.edges:
        degree.setdefault(e.source, set()).add(e.target)
        degree.setdefault(e.target, set()).add(e.source)
    crowded = {s for s, n in degree.items() if len(n) > PORT_NEIGHBOURS}
    assert crowded, "the map has stations with more than eight neighbours"
    assert set(bars) <= crowded
    svg = render_svg(laid, RenderOptions(theme="light"))
    for sid in crowded:
        stubs = _stub_vertices(laid, sid)
        if not stubs:
            continue
        bar = bars[sid]
        lo = (min(bar.start[0], bar.end[0]), min(bar.start[1], bar.end[1]))
        hi = (max(bar.start[0], bar.end[0]), max(bar.start[1], bar.end[1]))
        for x, y in stubs:
            assert lo[0] - 0.01 <= x <= hi[0] + 0.01 and lo[1] - 0.01 <= y <= hi[1] + 0.01
        assert svg.count("tm-port") >= 2 * len(bars)
