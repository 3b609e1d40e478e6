"""Room for a dense planar network (`layout._with_room`): where the drawing crosses but some
embedding's straight lines do not, those embeddings are routed again spread further; after the
polish (the polished drawing crosses), or before it (every candidate lost to a layered drawing
that crosses)."""

from __future__ import annotations

import pytest

import transit_maps.layout as engine
from tests.layout.engine_checks import crossing_pairs, make_layer
from transit_maps.layout import layout
from transit_maps.layout.metrics import measure
from transit_maps.model import Layer

# A triangulated patch (networkx's triangular lattice of 20 nodes, 43 edges: inner stations of
# six neighbours, every face a triangle), covered by 13 lines; planar. Its candidate
# embeddings' straight lines do not cross, but at the usual spread the router crossed 2-3 times.
PATCH = make_layer(
    {
        f"l{i}": [[f"s{n}" for n in route]]
        for i, route in enumerate(
            [
                [3, 6, 10, 13, 14],
                [14, 11, 15, 19, 18, 17, 13],
                [2, 1, 5, 4, 0],
                [17, 16, 12, 9],
                [2, 3, 7, 6, 5, 9, 10],
                [0, 1, 4, 9, 13, 18, 14, 19],
                [2, 5, 10, 14, 15],
                [13, 12, 8],
                [12, 17],
                [10, 11, 7],
                [11, 6],
                [4, 8, 9],
                [2, 6],
            ]
        )
    }
)


# A smaller one (13 stations, 24 edges, 7 lines): every routed candidate gave up against its
# layered drawing, which crossed once.
SMALL_PATCH = make_layer(
    {
        f"l{i}": [[f"s{n}" for n in route]]
        for i, route in enumerate(
            [
                [10, 11, 12, 9, 8, 5, 3, 4, 1, 0],
                [4, 7, 9, 6, 8, 11],
                [0, 3, 1, 2, 4],
                [3, 6, 7],
                [10, 8],
                [11, 9],
                [4, 6, 5],
            ]
        )
    }
)


@pytest.mark.parametrize("layer", [PATCH, SMALL_PATCH], ids=["after-polish", "before-polish"])
def test_a_triangulated_patch_is_drawn_without_crossings(layer: Layer) -> None:
    result = layout(layer, "patch")
    assert crossing_pairs(result) == []
    m = measure(result, layer)
    assert m.edge_crossings == 0 and m.foreign_stations == 0
    assert m.labels_placed == m.labels_expected and m.label_overlaps == 0


@pytest.mark.parametrize("layer", [PATCH, SMALL_PATCH], ids=["after-polish", "before-polish"])
def test_without_the_room_it_crosses(layer: Layer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "ROOMY_TRIES", 0)
    # (nor Tutte's drawings, which stand in where no embedding is spread: they draw the small
    # patch without crossings too)
    monkeypatch.setattr(engine, "planar_embeddings", lambda *_: [])
    assert measure(layout(layer, "patch"), layer).edge_crossings > 0


def test_the_two_moments(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    after = engine._with_room

    def recorded(*args: object) -> object:
        calls.append("after")
        return after(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_with_room", recorded)
    layout(PATCH, "patch")
    assert calls == ["after"]  # the polished drawing crossed
    calls.clear()
    layout(SMALL_PATCH, "patch")
    assert calls == []  # the roomy candidates were ranked before the polish
