"""The searches for stations whose label finds no free place: min-conflicts and the last resort."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from tests.layout.handmade import make_layer, make_layout
from transit_maps.layout import labels
from transit_maps.layout.dimensions import marker_radius
from transit_maps.layout.geometry import Layout, Point
from transit_maps.layout.label_repair import _own_places, _take, disambiguate, min_conflicts
from transit_maps.layout.labels import _Placer, place_labels
from transit_maps.layout.metrics import measure
from transit_maps.layout.spatial import box_point_distance
from transit_maps.model import Layer


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


def _crossing_of_two_lines() -> tuple[Layer, Layout]:
    """A station where two lines cross, close neighbours on three sides (from rail-220).

    Greedy placement puts Weidenallee's name above-right of its marker, where the marker of
    Brunnen West, 48 units east, comes nearer to it than Weidenallee's own.
    """
    layer = make_layer(
        {
            "ring": [["sternenhoehe", "weidenallee", "brunnen-west"]],
            "s6": [["goethering", "weidenallee", "muehlen-bahnhof"]],
            "u4": [["brunnen-west", "muehlen-bahnhof"]],
            "u5": [["goethering", "sternenhoehe"]],
            "s7": [["goethering", "sternenhoehe"]],
        }
    )
    pos: dict[str, Point] = {
        "weidenallee": (200.0, 200.0),
        "brunnen-west": (248.0, 200.0),
        "muehlen-bahnhof": (200.0, 248.0),
        "goethering": (176.0, 128.0),
        "sternenhoehe": (104.0, 200.0),
    }
    paths = {("weidenallee", "goethering"): [(200.0, 200.0), (200.0, 152.0), (176.0, 128.0)]}
    return layer, make_layout(layer, pos, paths)


def _nearest_marker(layout: Layout, sid: str) -> str:
    station = next(s for s in layout.stations if s.id == sid)
    assert station.label is not None
    box = station.label.box
    return min(
        (s for s in layout.stations if not s.junction),
        key=lambda s: box_point_distance(box, (s.x, s.y)) - marker_radius(len(s.lines)),
    ).id


def test_a_name_that_reads_as_a_neighbours_moves_where_it_reads_as_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layer, bare = _crossing_of_two_lines()
    with monkeypatch.context() as patch:  # the placement before `disambiguate` existed
        patch.setattr(labels, "disambiguate", lambda placer: 0)
        before = replace(bare, stations=place_labels(layer, bare.stations, bare.edges))
    assert measure(before, layer).ambiguous_labels == 1
    assert _nearest_marker(before, "weidenallee") == "brunnen-west"
    after = replace(bare, stations=place_labels(layer, bare.stations, bare.edges))
    m = measure(after, layer)
    assert m.ambiguous_labels == 0
    assert m.labels_placed == m.labels_expected and m.label_overlaps == 0
    assert _nearest_marker(after, "weidenallee") == "weidenallee"


def test_disambiguate_moves_a_label_only_where_the_reader_gains(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layer, bare = _crossing_of_two_lines()
    placer = _Placer(layer, bare.stations, bare.edges)
    with monkeypatch.context() as patch:
        patch.setattr(labels, "disambiguate", lambda placer: 0)
        placer.finish(placer.start())

    def total() -> float:
        return sum(placer.worth(sid, c) for sid, c in placer.chosen.items())

    worth = total()
    assert disambiguate(placer) == 1
    assert total() < worth
    # nothing left to do: a second pass moves nothing
    assert disambiguate(placer) == 0
    # the places it offers are clear of markers and lines, read as the station's own and cost
    # less than the limit
    for sid in placer.chosen:
        for c in _own_places(placer, sid, 6.0):
            assert c.cost < 6.0
            assert placer.scene.clear(c.box)
            assert not placer.ambiguous(sid, c.box)


def test_a_label_pushed_aside_must_read_as_its_own() -> None:
    layer, bare = _crossing_of_two_lines()
    placer = _Placer(layer, bare.stations, bare.edges)
    for sid in placer.free:
        placer.place(sid, placer.free[sid][0])
    target = placer.chosen["brunnen-west"]
    moved = replace(target, direction="moved")
    # Weidenallee asks for Brunnen West's place: Brunnen West may only go to a free place that
    # reads as its own, at less than the given extra cost (none: it holds its cheapest place)
    placer.unplace("weidenallee")
    placer.place("weidenallee", placer.free["weidenallee"][0])
    assert not _take(placer, "weidenallee", moved, slack=0.0)
    assert placer.chosen["brunnen-west"] is target
    assert _take(placer, "weidenallee", moved, slack=100.0)
    assert placer.chosen["weidenallee"] is moved
    now = placer.chosen["brunnen-west"]
    assert now is not target
    assert not placer.ambiguous("brunnen-west", now.box)
    assert placer.scene.label_conflicts(now.box, skip="brunnen-west") == []
