"""Geometry invariants of the layout engine on small networks."""

from __future__ import annotations

import pytest

from tests.layout.engine_checks import (
    crossing_pairs,
    foreign_stations,
    is_octilinear,
    make_layer,
    pieces,
    station_gaps,
)
from transit_maps.layout import layout
from transit_maps.layout.dimensions import GRID, MARGIN
from transit_maps.model import Layer

SPOKES = [f"s{i}" for i in range(9)]

CASES: dict[str, Layer] = {
    "cross": make_layer({"a": [["w", "x", "e"]], "b": [["n", "x", "s"]]}),
    "loop": make_layer({"ring": [["a", "b", "c", "d", "e", "f", "a"]]}),
    "star-of-nine": make_layer({f"l{i}": [["hub", s]] for i, s in enumerate(SPOKES)}),
    "two-parallel": make_layer({"a": [["p", "q", "r", "s"]], "b": [["p", "q", "r", "s"]]}),
    "fork": make_layer({"a": [["a", "b", "c", "d"], ["b", "e", "f"]]}),
    "disconnected-pair": make_layer({"a": [["a", "b", "c"]], "b": [["x", "y", "z"]]}),
    "long-chain": make_layer({"a": [[f"c{i}" for i in range(30)]]}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_invariants(name: str) -> None:
    layer = CASES[name]
    result = layout(layer, "m")
    # every segment octilinear, one edge per adjacent pair, ends at the stations
    pos = {s.id: (s.x, s.y) for s in result.stations}
    assert [(e.source, e.target) for e in result.edges] == [(s.a, s.b) for s in layer.segments]
    for e in result.edges:
        assert e.path[0] == pos[e.source] and e.path[-1] == pos[e.target]
        assert all(is_octilinear(a, b) for a, b in pieces(e.path)), e
    assert crossing_pairs(result) == []
    assert foreign_stations(result) == []
    # stations never closer than one grid step
    assert min(station_gaps(result)) >= GRID / 2 - 1e-6
    # everything inside the frame, labels included
    for s in result.stations:
        assert MARGIN - 1e-6 <= s.x <= result.width - MARGIN
        assert MARGIN - 1e-6 <= s.y <= result.height - MARGIN
        if s.label is not None:
            b = s.label.box
            assert b.x >= MARGIN - 1e-6 and b.x + b.width <= result.width - MARGIN + 1e-6
            assert b.y >= MARGIN - 1e-6 and b.y + b.height <= result.height - MARGIN + 1e-6


def test_straight_chain_has_no_bend() -> None:
    result = layout(CASES["long-chain"], "m")
    ys = {round(s.y, 6) for s in result.stations}
    xs = {round(s.x, 6) for s in result.stations}
    assert len(ys) == 1 or len(xs) == 1
    gaps = sorted(
        abs(a.x - b.x) + abs(a.y - b.y)
        for a, b in zip(result.stations, result.stations[1:], strict=False)
    )
    assert gaps[0] == pytest.approx(GRID) and gaps[-1] == pytest.approx(GRID)


def test_components_side_by_side() -> None:
    result = layout(CASES["disconnected-pair"], "m")
    left = max(result.station(s).x for s in "abc")
    right = min(result.station(s).x for s in "xyz")
    assert right > left


def test_star_hub_is_a_bar_with_stubs() -> None:
    # nine neighbours do not fit eight ports: the hub becomes a bar and every spoke leaves it
    result = layout(CASES["star-of-nine"], "m")
    hub = result.station("hub")
    assert hub.angle in (0.0, 90.0)
    assert len({e.path[1] for e in result.edges}) == 9 or len(result.edges) == 9


def test_hints_are_kept_when_all_given() -> None:
    from transit_maps.model import Station

    layer = make_layer(
        {"a": [["a", "b", "c"]], "b": [["d", "b", "e"]]},
        a=Station("a", "A", at=(0, 2)),
        b=Station("b", "B", at=(2, 2)),
        c=Station("c", "C", at=(4, 2)),
        d=Station("d", "D", at=(2, 0)),
        e=Station("e", "E", at=(2, 4)),
    )
    result = layout(layer, "m")
    b = result.station("b")
    assert result.station("a").y == b.y == result.station("c").y
    assert result.station("d").x == b.x == result.station("e").x
    assert result.station("a").x < b.x < result.station("c").x
    assert result.station("d").y < b.y < result.station("e").y
