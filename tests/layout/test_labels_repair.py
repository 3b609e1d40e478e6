"""The searches for stations whose label finds no free place: min-conflicts and the last resort."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tests.layout.handmade import make_layer, make_layout
from transit_maps.layout.geometry import Point
from transit_maps.layout.label_repair import min_conflicts
from transit_maps.layout.labels import _Placer, place_labels
from transit_maps.layout.metrics import measure


def test_min_conflicts_moves_the_label_that_holds_the_only_free_place() -> None:
    layer = make_layer({"x": [["a", "b", "c"]]})
    pos: dict[str, Point] = {"a": (100.0, 100.0), "b": (196.0, 100.0), "c": (292.0, 100.0)}
    bare = make_layout(layer, pos)
    placer = _Placer(layer, bare.stations, bare.edges)
    # a may only use its place above it; b's label sits there
    only = next(c for c in placer.free["a"] if c.direction == "N")
    placer._second["a"] = placer._more["a"] = [only]
    holder = replace(only, direction="W")  # b's label, put there by hand
    placer.place("b", holder)
    placer.place("c", placer.free["c"][0])
    left = min_conflicts(placer, ["a"])
    assert left == []
    assert placer.chosen["a"] is only
    assert placer.chosen["b"] is not holder
    placed = list(placer.chosen)
    for sid in placed:
        assert placer.scene.clear(placer.chosen[sid].box)
        assert placer.scene.label_conflicts(placer.chosen[sid].box, skip=sid) == []


def test_a_station_boxed_in_by_close_lines_gets_a_label_that_touches_nothing() -> None:
    # the station sits on a vertical line crossing a stack of horizontal lines 26 units apart:
    # every band between them is 20 units high, too low for a 16-unit name plus 3 units of
    # clearance each side, but enough for the name alone
    routes: dict[str, Sequence[Sequence[str]]] = {"v": [["top", "s", "bottom"]]}
    pos: dict[str, Point] = {"top": (300.0, -200.0), "s": (300.0, 100.0), "bottom": (300.0, 400.0)}
    for i, dy in enumerate((-169, -143, -117, -91, -65, -39, -13, 13, 39, 65, 91, 117, 143, 169)):
        routes[f"h{i}"] = [[f"w{i}", f"e{i}"]]
        pos[f"w{i}"] = (-400.0, 100.0 + dy)
        pos[f"e{i}"] = (1000.0, 100.0 + dy)
    layer = make_layer(routes)
    bare = make_layout(layer, pos, width=1400, height=600)
    result = replace(bare, stations=place_labels(layer, bare.stations, bare.edges))
    s = next(st for st in result.stations if st.id == "s")
    assert s.label is not None
    m = measure(result, layer)
    assert m.labels_placed == m.labels_expected
    # between the two lines nearest to it (centres at 87 and 113, 3 units half-width)
    box = s.label.box
    assert box.y >= 90.0 and box.y + box.height <= 110.0
