"""Every layer of the example and corpus maps, laid out by the current engine, renders safely.

Checks the issue's "done when": well-formed SVG with a viewBox, a title, every station's label,
no script and no event-handler attribute, and identical bytes on a second run.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest

from tests.paths import CORPUS_MAPS, MAPS
from transit_maps.layout import layout
from transit_maps.layout.geometry import Layout
from transit_maps.loader import load_map
from transit_maps.render import RenderOptions, render_svg

SVG = "{http://www.w3.org/2000/svg}"
MAP_FILES = sorted(MAPS.glob("*.yaml")) + list(CORPUS_MAPS)
CASES = [(p, layer.id) for p in MAP_FILES for layer in load_map(p).layers]


@cache
def _laid_out(path: Path, layer_id: str) -> tuple[str, Layout]:
    the_map = load_map(path)
    return the_map.title, layout(the_map.layer(layer_id), the_map.id)


@pytest.mark.parametrize(("path", "layer_id"), CASES, ids=[f"{p.stem}-{lid}" for p, lid in CASES])
@pytest.mark.parametrize("theme", ["light", "auto"])
def test_every_layer_renders_well_formed_and_inert(path: Path, layer_id: str, theme: str) -> None:
    title, laid = _laid_out(path, layer_id)
    options = RenderOptions(
        theme="light" if theme == "light" else "auto",
        title=title,
        station_urls={s.id: f"{s.id}/" for s in laid.stations},
    )
    svg = render_svg(laid, options)
    assert render_svg(laid, options) == svg
    root = ET.fromstring(svg)
    assert root.get("viewBox") and root.findtext(f"{SVG}title") == title
    labels = {
        tuple(span.text or "" for span in t.iter(f"{SVG}tspan"))
        for t in root.iter(f"{SVG}text")
        if t.get("class") == "tm-label"
    }
    for station in laid.stations:
        if station.label is not None:
            assert station.label.lines in labels
    links = {a.get("aria-label") for a in root.iter(f"{SVG}a")}
    assert {s.title for s in laid.stations if not s.junction} <= links
    for element in root.iter():
        assert not element.tag.endswith("script")
        assert not any(name.lower().startswith("on") for name in element.attrib)
