"""The diff legend lists every state drawn, also when only track changed."""

from __future__ import annotations

from tests.render.cases import CASES
from transit_maps.render import render_svg
from transit_maps.render.options import RenderOptions


def _legend(svg: str) -> str:
    return svg.split('id="tm-legend"')[1]


def test_track_only_changes_appear_in_the_legend() -> None:
    make, _ = CASES["ml-system-diff"]
    layout = make()
    edge = layout.edges[0]
    svg = render_svg(
        layout, RenderOptions(theme="light", edge_changes={(edge.source, edge.target): "added"})
    )
    legend = _legend(svg)
    assert "CHANGES" in legend.upper() and ">Added<" in legend
    assert ">Removed<" not in legend and ">Changed<" not in legend


def test_no_changes_no_changes_section() -> None:
    make, _ = CASES["ml-system-diff"]
    assert ">Added<" not in _legend(render_svg(make(), RenderOptions(theme="light")))
