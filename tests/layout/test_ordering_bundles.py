"""Line ordering on small hand-built networks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tests.layout.handmade import make_layer, make_layout
from transit_maps.layout.geometry import PlacedEdge, Point
from transit_maps.layout.ordering import order_lines, ordering_cost
from transit_maps.layout.ordering_cost import PENALTIES
from transit_maps.model import Layer


def _edges(layer: Layer, pos: dict[str, Point], flip: Sequence[str] = ()) -> tuple[PlacedEdge, ...]:
    """Straight edges; those starting at a station in `flip` are reversed (same lines)."""
    edges = make_layout(layer, pos).edges
    return tuple(
        replace(e, source=e.target, target=e.source, path=tuple(reversed(e.path)))
        if e.source in flip
        else e
        for e in edges
    )


def _eastward(edge: PlacedEdge) -> tuple[str, ...]:
    """Lines from north to south on an edge that runs east or west."""
    heading_east = edge.path[-1][0] > edge.path[0][0]
    return edge.lines if heading_east else tuple(reversed(edge.lines))


def test_lines_that_part_to_opposite_sides_do_not_cross() -> None:
    # listed so that the layer's own order (blue first) is the wrong one
    layer = make_layer({"blue": [["p", "q", "r", "south"]], "red": [["p", "q", "r", "north"]]})
    pos = {"p": (0, 0), "q": (48, 0), "r": (96, 0), "north": (144, -48), "south": (144, 48)}
    # as given, blue runs on the north side and crosses red where they part, in station r
    assert ordering_cost(layer, _edges(layer, pos)) == 3 * PENALTIES.different_segment_crossing
    for flip in ((), ("p",), ("q",), ("p", "q")):
        edges = _edges(layer, pos, flip)
        ordered = order_lines(layer, edges)
        assert ordering_cost(layer, ordered) == 0
        for e in ordered:
            if len(e.lines) == 2:
                assert _eastward(e) == ("red", "blue")


def test_three_line_bundle_keeps_its_order_through_stations() -> None:
    routes = {
        "c": [["w", "x", "y", "z", "se"]],
        "a": [["w", "x", "y", "z", "ne"]],
        "b": [["w", "x", "y", "z", "e"]],
    }
    layer = make_layer(routes)
    pos = {"w": (0, 0), "x": (48, 0), "y": (96, 0), "z": (144, 0)}
    pos |= {"ne": (192, -48), "e": (192, 0), "se": (192, 48)}
    ordered = order_lines(layer, _edges(layer, pos, flip=("x",)))
    assert ordering_cost(layer, ordered) == 0
    trunk = [e for e in ordered if len(e.lines) == 3]
    assert len(trunk) == 3
    assert all(_eastward(e) == ("a", "b", "c") for e in trunk)


def test_unavoidable_crossing_goes_to_the_junction_not_mid_track() -> None:
    # red comes from the north and leaves to the south; blue the other way round, so they must
    # cross once. The west end is a junction: crossing there costs 1, in a station 3.
    layer = make_layer(
        {
            "red": [["nw", "fork", "m", "n", "e", "se"]],
            "blue": [["sw", "fork", "m", "n", "e", "ne"]],
        },
        junctions=["fork"],
    )
    pos = {"nw": (-48, -48), "sw": (-48, 48), "fork": (0, 0), "m": (48, 0), "n": (96, 0)}
    pos |= {"e": (144, 0), "ne": (192, -48), "se": (192, 48)}
    ordered = order_lines(layer, _edges(layer, pos))
    assert ordering_cost(layer, ordered) == PENALTIES.different_segment_crossing
    trunk = [e for e in ordered if len(e.lines) == 2]
    assert all(_eastward(e) == ("blue", "red") for e in trunk)


def test_lines_that_never_part_keep_the_layer_order_consistently() -> None:
    layer = make_layer({"one": [["p", "q", "r", "s"]], "two": [["p", "q", "r", "s"]]})
    pos = {"p": (0, 0), "q": (48, 0), "r": (96, 48), "s": (96, 96)}
    ordered = order_lines(layer, _edges(layer, pos, flip=("q",)))
    assert ordering_cost(layer, ordered) == 0
    for e in ordered:
        forward = e.source < e.target  # p->q, q->r, r->s run along the route
        assert e.lines == (("one", "two") if forward else ("two", "one"))


def test_separation_is_avoided() -> None:
    # a and c run on together to the east; b turns off. b must not sit between a and c.
    layer = make_layer({"a": [["w", "m", "e"]], "b": [["w", "m", "s"]], "c": [["w", "m", "e"]]})
    pos = {"w": (0, 0), "m": (48, 0), "e": (96, 0), "s": (96, 48)}
    ordered = order_lines(layer, _edges(layer, pos))
    assert ordering_cost(layer, ordered) == 0
    west = next(e for e in ordered if len(e.lines) == 3)
    assert _eastward(west)[-1] == "b"


def test_ordering_is_deterministic_and_keeps_edges() -> None:
    layer = make_layer(
        {
            "x": [["a", "b", "c", "d"], ["b", "e"]],
            "y": [["f", "b", "c", "g"]],
            "z": [["a", "b", "c", "g"]],
        }
    )
    pos = {"a": (0, 0), "b": (48, 0), "c": (96, 0), "d": (144, 0), "e": (48, 48)}
    pos |= {"f": (48, -48), "g": (144, 48)}
    edges = _edges(layer, pos)
    first = order_lines(layer, edges)
    assert [(e.source, e.target, e.path, sorted(e.lines)) for e in first] == [
        (e.source, e.target, e.path, sorted(e.lines)) for e in edges
    ]
    for _ in range(3):
        assert order_lines(layer, edges) == first


def test_a_line_that_turns_off_is_moved_to_the_side_not_left_between() -> None:
    # south and north run west together after the trunk; turner leaves the trunk to the north.
    # At the east end the three arrive from three directions, turner in the middle: one crossing
    # there is unavoidable, and it must be the only cost (no separation of south and north).
    layer = make_layer(
        {
            "south": [["se", "c", "b", "a", "w"]],
            "north": [["ne", "c", "b", "a", "w"]],
            "turner": [["n", "a", "b", "c", "e"]],
        }
    )
    pos = {"w": (0, 96), "a": (48, 96), "b": (96, 96), "c": (144, 96), "n": (48, 48)}
    pos |= {"e": (192, 96), "ne": (192, 48), "se": (192, 144)}
    ordered = order_lines(layer, _edges(layer, pos))
    assert ordering_cost(layer, ordered) == 3 * PENALTIES.different_segment_crossing
    for e in ordered:
        if len(e.lines) == 3:
            assert _eastward(e) == ("turner", "north", "south")
