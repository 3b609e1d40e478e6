"""The SVG inline in a page, in real headless Chromium: looks, themes, labels and focus.

Screenshots are compared with reviewed golden PNGs within a tolerance. To accept a deliberate
change: `TM_UPDATE_GOLDEN=1 pytest tests/render/test_render_browser.py`, then look at the new
PNGs before committing.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

import pytest

from tests.browser import Session, browser  # noqa: F401 (pytest fixture)
from tests.paths import MAPS
from tests.render.fixtures.layouts import bundle_turns, ml_system
from transit_maps.layout import layout
from transit_maps.layout.geometry import LineStyle
from transit_maps.loader import load_map
from transit_maps.render import RenderOptions, render_svg

from .paths import GOLDEN

# mkdocs-material's slate scheme sets these (hue 232); the map must follow them.
SLATE = (
    '[data-md-color-scheme="slate"]{--md-default-bg-color:hsla(232,15%,14%,1);'
    "--md-default-fg-color:hsla(232,75%,95%,0.82);--md-default-fg-color--light:"
    "hsla(232,75%,90%,0.56);--md-accent-fg-color:#526cfe}"
)
PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><style>{slate}'
    "body{{margin:0;background:var(--md-default-bg-color,#fff)}}#shot{{display:inline-block;"
    "padding:8px}}svg{{display:block}}</style></head><body{scheme}><div id=shot>{body}</div>"
    "</body></html>"
)

URLS = {s.id: f"#station-{s.id}" for s in ml_system().stations}


def page_html(svgs: list[str], *, dark: bool) -> str:
    """A page holding the SVGs inline; `dark` switches it to material's slate scheme."""
    scheme = ' data-md-color-scheme="slate"' if dark else ""
    return PAGE.format(slate=SLATE, scheme=scheme, body="".join(svgs))


def fixture_svgs() -> list[str]:
    """Two maps on one page, each with its own id prefix (they must not clash)."""
    return [
        render_svg(
            ml_system(),
            RenderOptions(
                theme="auto", title="A typical ML system", station_urls=URLS, id_prefix="a"
            ),
        ),
        render_svg(bundle_turns(), RenderOptions(theme="auto", title="Bundles", id_prefix="b")),
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshot_matches_reviewed_golden(browser: Session, scheme: str) -> None:  # noqa: F811
    page = browser.open_html(page_html(fixture_svgs(), dark=scheme == "dark"), width=1400)
    shot = browser.screenshot(page, selector="#shot")
    golden = GOLDEN / f"browser-{scheme}.png"
    if os.environ.get("TM_UPDATE_GOLDEN"):
        golden.write_bytes(shot)
    diff = browser.image_difference(shot, golden.read_bytes())
    assert diff.same_size, (diff.size_a, diff.size_b)
    assert diff.mean < 2.0 and diff.changed < 0.02, diff


def test_light_and_dark_pages_differ_and_follow_the_palette(browser: Session) -> None:  # noqa: F811
    colours = {}
    for scheme in ("light", "dark"):
        page = browser.open_html(page_html(fixture_svgs(), dark=scheme == "dark"))
        colours[scheme] = browser.evaluate(
            page,
            "() => ['.tm-label', '.tm-bg', '.tm-pill-core'].map(s => "
            "getComputedStyle(document.querySelector('#a ' + s))[s === '.tm-label' ? 'fill' : "
            "(s === '.tm-bg' ? 'fill' : 'stroke')])",
        )
    assert colours["light"] == ["rgb(27, 31, 39)", "rgb(255, 255, 255)", "rgb(255, 255, 255)"]
    text, bg, pill = colours["dark"]
    # Text and background come from material's own variables; the pill core matches the page.
    assert text == "rgba(233, 235, 252, 0.82)" and bg == "rgb(30, 32, 41)" and pill == bg


def test_maps_with_fixed_themes_on_one_page_do_not_restyle_each_other(
    browser: Session,  # noqa: F811
) -> None:
    light = render_svg(ml_system(), RenderOptions(theme="light", id_prefix="one"))
    dark = render_svg(ml_system(), RenderOptions(theme="dark", id_prefix="two"))
    page = browser.open_html(page_html([light, dark], dark=False))
    fills = browser.evaluate(
        page,
        "() => ['#one', '#two'].map(id => "
        "getComputedStyle(document.querySelector(id + ' .tm-label')).fill)",
    )
    assert fills == ["rgb(27, 31, 39)", "rgb(227, 230, 236)"]


LABEL_BOXES = """
(svgId) => {
  const svg = document.getElementById(svgId).getBoundingClientRect();
  return Array.from(document.querySelectorAll('#' + svgId + ' text')).map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, x: r.x - svg.x, y: r.y - svg.y, w: r.width, h: r.height,
            sw: svg.width, sh: svg.height, label: t.classList.contains('tm-label')};
  });
}
"""


def _check_labels(texts: list[dict[str, Any]]) -> None:
    """Every text (labels, title, legend, zone names) inside the SVG; labels never overlap."""
    assert texts
    for b in texts:
        assert b["x"] >= 0 and b["y"] >= 0, b
        assert b["x"] + b["w"] <= b["sw"] and b["y"] + b["h"] <= b["sh"], b
    boxes = [b for b in texts if b["label"]]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["x"] + a["w"] <= b["x"] + 0.5
                or b["x"] + b["w"] <= a["x"] + 0.5
                or a["y"] + a["h"] <= b["y"] + 0.5
                or b["y"] + b["h"] <= a["y"] + 0.5
            )
            assert apart, (a["text"], b["text"])


def test_fixture_labels_lie_inside_the_svg_and_never_overlap(browser: Session) -> None:  # noqa: F811
    page = browser.open_html(page_html(fixture_svgs(), dark=False), width=1400)
    for svg_id in ("a", "b"):
        _check_labels(browser.evaluate(page, LABEL_BOXES, svg_id))


@pytest.mark.parametrize("layer_id", ["systems", "processes", "org"])
def test_example_map_labels_lie_inside_the_svg(browser: Session, layer_id: str) -> None:  # noqa: F811
    the_map = load_map(MAPS / "ml-system.yaml")
    laid = layout(the_map.layer(layer_id), the_map.id)
    svg = render_svg(laid, RenderOptions(theme="auto", title=the_map.title, id_prefix="m"))
    page = browser.open_html(page_html([svg], dark=False), width=1600)
    _check_labels(browser.evaluate(page, LABEL_BOXES, "m"))


def test_keyboard_focus_shows_a_ring_on_the_station(browser: Session) -> None:  # noqa: F811
    page = browser.open_html(page_html(fixture_svgs(), dark=False))
    ring = "#a [data-station='sources'] .tm-ring"
    assert (
        browser.evaluate(page, f'getComputedStyle(document.querySelector("{ring}")).opacity') == "0"
    )
    page.keyboard.press("Tab")
    focused = browser.evaluate(page, "document.activeElement.getAttribute('aria-label')")
    assert focused == "Data sources"
    assert (
        browser.evaluate(page, f'getComputedStyle(document.querySelector("{ring}")).opacity') == "1"
    )
    browser.click(page, "#a [data-station='ingest'] a")
    assert page.url.endswith("#station-ingest")


def test_a_long_title_and_legend_entry_widen_the_canvas(browser: Session) -> None:  # noqa: F811
    tiny = replace(
        bundle_turns(),
        lines=(
            LineStyle("a", "#00843d", "Green"),
            LineStyle("b", "#ffd329", "A yellow line with a remarkably long and wordy name"),
            LineStyle("c", "#0019a8", "Blue"),
        ),
    )
    title = "A title far wider than the little map it sits on, which must not be clipped"
    svg = render_svg(tiny, RenderOptions(theme="auto", title=title, id_prefix="t"))
    page = browser.open_html(page_html([svg], dark=False), width=1600)
    texts = browser.evaluate(page, LABEL_BOXES, "t")
    assert {t["text"] for t in texts} >= {
        title,
        "A yellow line with a remarkably long and wordy name",
    }
    _check_labels(texts)
