"""Pale lines (yellow, lime, light grey) get a grey edge in the light theme, or they vanish."""

from __future__ import annotations

import pytest

from tests.render.cases import CASES
from transit_maps.colors import is_pale
from transit_maps.render import render_svg
from transit_maps.render.options import RenderOptions


@pytest.mark.parametrize(
    ("colour", "pale"),
    [
        ("#ffd329", True),  # Berlin U4 yellow
        ("#FF0", True),
        ("#ffe600cc", True),
        ("yellow", True),
        ("Gold", True),
        ("white", True),
        ("#f59e00", False),  # Freiburg line 3 orange reads fine on white
        ("#e8001b", False),
        ("navy", False),
        ("orange", False),
        ("rgb(255, 255, 0)", False),  # only hex and names are measured
    ],
)
def test_pale_colours(colour: str, pale: bool) -> None:
    assert is_pale(colour) is pale


def test_only_the_pale_line_gets_the_grey_edge_in_both_themes() -> None:
    make, _ = CASES["bundles-light"]
    layout = make()
    pale = [line.id for line in layout.lines if is_pale(line.color)]
    assert len(pale) == 1 and len(layout.lines) == 3
    for theme in ("light", "dark"):
        svg = render_svg(layout, RenderOptions(theme=theme))
        assert svg.count("tm-pale-casing") >= 2  # the line's casing and its legend swatch
        line_group = svg.split(f'data-line="{pale[0]}"')[1].split("</g>")[0]
        assert 'class="tm-casing tm-pale-casing"' in line_group
    light = render_svg(layout, RenderOptions(theme="light"))
    assert ".tm-pale-casing{stroke:#8c93a0}" in light
