"""Dark theme: every line keeps its colour and gets a light casing that stands out."""

from __future__ import annotations

import re

from tests.render.fixtures.layouts import port_area
from transit_maps.render import RenderOptions, render_svg
from transit_maps.render.theme import DARK, LIGHT, stylesheet


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_dark_casing_stands_out_from_the_background_and_from_dark_lines() -> None:
    assert _contrast(DARK["casing"], DARK["bg"]) >= 7
    # WCAG 2.1 non-text contrast (1.4.11) asks 3:1 for graphics: the edge against a dark line
    for dark_line in ("#0000ff", "#000080", "#000000", "#333333"):
        assert _contrast(DARK["casing"], dark_line) >= 3, dark_line
    assert LIGHT["casing"] == LIGHT["bg"]  # on paper the casing only separates crossings


def test_dark_render_keeps_line_colours_and_cases_every_stroke_and_tick() -> None:
    svg = render_svg(port_area(), RenderOptions(theme="dark"))
    assert 'stroke="#0000ff"' in svg and 'stroke="#e4002b"' in svg
    casing = DARK["casing"]
    for cls in ("tm-casing", "tm-legend-casing", "tm-tick-casing"):
        assert re.search(rf"\.{cls}\{{stroke:{casing};", svg) or re.search(
            rf"\.{cls}\{{fill:none;stroke:{casing};", svg
        ), cls
    runs = svg.count('class="tm-run"')
    assert runs and svg.count('class="tm-casing"') == runs
    assert svg.count('class="tm-tick-casing"') == svg.count('class="tm-tick"')


def test_auto_theme_cases_lines_light_under_slate_only() -> None:
    css = stylesheet("m", "auto")
    light, slate = css.split('[data-md-color-scheme="slate"] #m{', 1)
    assert "--tmx-casing:var(--tm-casing,var(--md-default-bg-color,#ffffff))" in light
    assert f"--tmx-casing:var(--tm-casing,{DARK['casing']})" in slate.split("}", 1)[0]
