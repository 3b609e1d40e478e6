"""The renderer draws a fixture layout as well-formed SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.render.fixtures.layouts import ml_system
from transit_maps.render import RenderOptions, render_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_fixture_renders_to_well_formed_svg_with_every_label() -> None:
    layout = ml_system()
    root = ET.fromstring(render_svg(layout, RenderOptions(title="ML")))
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox")
    texts = {"".join(t.itertext()) for t in root.iter(f"{SVG}text")}
    for station in layout.stations:
        if station.label is not None:
            assert " ".join(station.label.lines) in texts
