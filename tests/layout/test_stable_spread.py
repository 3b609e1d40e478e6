"""`previous` also works for a drawing that was spread to make room for labels."""

from __future__ import annotations

import math

import pytest

from tests.paths import MAPS
from transit_maps.layout import _drawn
from transit_maps.layout.embedding import graph_of
from transit_maps.layout.pipeline import layered_schematic
from transit_maps.layout.stable import SPREADS, pins
from transit_maps.loader import load_map


@pytest.mark.parametrize("spread", SPREADS)
def test_pins_of_a_spread_drawing_keep_its_shape_on_the_grid(spread: float) -> None:
    the_map = load_map(MAPS / "genomics-pipeline.yaml")
    layer = the_map.layers[0]
    schematic = layered_schematic(layer, graph_of(layer))
    assert schematic is not None
    got = pins(_drawn(layer, the_map.id, schematic, spread))
    assert set(got) == set(schematic.positions)
    ids = sorted(got)
    first = ids[0]
    far = max(ids, key=lambda s: math.dist(schematic.positions[s], schematic.positions[first]))
    # the same drawing up to one translation and one scale (a spread the lattice cannot tell
    # from a larger drawing reads as one); stations on grid nodes stay on grid nodes
    scale = math.dist(got[far], got[first]) / math.dist(
        schematic.positions[far], schematic.positions[first]
    )
    assert any(scale == pytest.approx(spread / read_as) for read_as in SPREADS)
    for sid in ids:
        (x, y), (px, py) = schematic.positions[sid], got[sid]
        (x0, y0), (p0, q0) = schematic.positions[first], got[first]
        assert px - p0 == pytest.approx((x - x0) * scale, abs=1e-6)
        assert py - q0 == pytest.approx((y - y0) * scale, abs=1e-6)
    if spread in (1.0, 1.25):  # on its own lattice: read exactly
        assert scale == pytest.approx(1.0)
