"""Hostile text from map files comes out as text: no script, no event handler, no bad href."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from tests.render.fixtures.layouts import HOSTILE, HOSTILE_URLS, hostile, ml_system
from transit_maps.render import RenderOptions, render_svg
from transit_maps.render.markup import id_prefix, safe_color, safe_href

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def _check_inert(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    for element in root.iter():
        assert element.tag.split("}")[-1].lower() not in ("script", "foreignobject", "iframe")
        for name, value in element.attrib.items():
            local = name.split("}")[-1].lower()
            assert not local.startswith("on"), (element.tag, name, value)
            if local == "href":
                assert not value.strip().lower().startswith(("javascript", "data", "vbscript"))
    return root


def test_hostile_titles_descriptions_and_names_stay_text() -> None:
    options = RenderOptions(
        theme="auto",
        title=HOSTILE,
        description=HOSTILE,
        station_urls=HOSTILE_URLS,
        line_urls={"l1": "javascript:alert(1)", 'l2"><script>': "https://example.org/?a=1&b=<2>"},
        id_prefix='"><script>alert(1)</script>',
        highlight=("ok",),
    )
    svg = render_svg(hostile(), options)
    root = _check_inert(svg)
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "<script>alert(1)</script>" in texts  # shown, as text
    assert root.findtext(f"{SVG}title") == HOSTILE.replace("\x01", "")
    hrefs = {a.get("href") for a in root.iter(f"{SVG}a")}
    assert hrefs == {"https://example.org/?a=1&b=<2>"}  # the only safe URL; escaped on the wire
    assert len(root.findall(f".//{SVG}g[@class='tm-line']")) == 2
    assert "&amp;b=&lt;2&gt;" in svg
    assert root.get("id") == "scriptalert1script"


def test_hostile_colours_never_reach_attributes() -> None:
    svg = render_svg(hostile(), RenderOptions(theme="light"))
    root = _check_inert(svg)
    strokes = {e.get("stroke") for e in root.iter() if e.get("stroke")}
    assert strokes <= {"#888888", "#123456"}


def test_ids_are_unique_and_prefixed() -> None:
    for layout in (hostile(), ml_system()):
        root = ET.fromstring(render_svg(layout, RenderOptions(id_prefix="map-7")))
        ids = [e.get("id") for e in root.iter() if e.get("id")]
        assert len(ids) == len(set(ids))
        assert all(i is not None and i.startswith("map-7") for i in ids)


def test_safe_href_keeps_relative_and_web_urls_only() -> None:
    assert safe_href("../training/") == "../training/"
    assert safe_href("#top") == "#top"
    assert safe_href("https://x.org/a b") == "https://x.org/a%20b"
    assert safe_href("mailto:team@example.org") == "mailto:team@example.org"
    for bad in ("javascript:alert(1)", "java\nscript:x", "  JAVASCRIPT:x", "data:x", "vbscript:x"):
        assert safe_href(bad) is None, bad
    assert safe_href("") is None


def test_colours_and_prefixes_are_sanitised() -> None:
    assert safe_color("#e4002b") == "#e4002b"
    assert safe_color("rebeccapurple") == "rebeccapurple"
    assert safe_color("rgb(1, 2, 3)") == "rgb(1, 2, 3)"
    assert safe_color('red" onload="x') == "#888888"
    assert safe_color("url(javascript:x)") == "#888888"
    assert id_prefix("tm-1") == "tm-1"
    assert id_prefix("1 map") == "tm1map"


def test_unknown_overlay_states_are_ignored() -> None:
    bogus: Any = '"><script>alert(1)</script>'
    options = RenderOptions(
        coverage={"ingest": bogus, "training": "covered"},
        changes={"serving": bogus},
        edge_changes={("ingest", "validation"): bogus},
    )
    svg = render_svg(ml_system(), options)
    _check_inert(svg)
    assert "alert(1)" not in svg and 'class="tm-station tm-covered"' in svg
