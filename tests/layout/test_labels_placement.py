"""Label placement on hand-built geometries: every label placed, nothing overlapping."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tests.layout.handmade import make_layer, make_layout
from transit_maps.layout.geometry import Layout, Point
from transit_maps.layout.labels import place_labels
from transit_maps.layout.metrics import measure
from transit_maps.model import Layer


def _labelled(
    layer: Layer, pos: dict[str, Point], paths: dict[tuple[str, str], Sequence[Point]] | None = None
) -> Layout:
    bare = make_layout(layer, pos, paths)
    return replace(bare, stations=place_labels(layer, bare.stations, bare.edges))


def _assert_clean(layout: Layout, layer: Layer) -> None:
    m = measure(layout, layer)
    assert m.labels_placed == m.labels_expected
    assert (m.label_label_overlaps, m.label_station_overlaps, m.label_line_overlaps) == (0, 0, 0)


def _cross() -> tuple[Layer, dict[str, Point]]:
    layer = make_layer(
        {
            "east-west": [["far-west", "west", "centre", "east", "far-east"]],
            "north-south": [["far-north", "north", "centre", "south", "far-south"]],
        }
    )
    pos = {
        "far-west": (0, 96),
        "west": (48, 96),
        "centre": (96, 96),
        "east": (144, 96),
        "far-east": (192, 96),
        "far-north": (96, 0),
        "north": (96, 48),
        "south": (96, 144),
        "far-south": (96, 192),
    }
    return layer, pos


def test_cross() -> None:
    layer, pos = _cross()
    _assert_clean(_labelled(layer, pos), layer)


def test_star_of_nine_lines() -> None:
    dirs = [(1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1)]
    routes: dict[str, list[list[str]]] = {f"spoke-{i}": [["hub", f"leaf-{i}"]] for i in range(8)}
    routes["through"] = [["hub", "leaf-0", "beyond"]]
    layer = make_layer(routes)
    pos: dict[str, Point] = {"hub": (0, 0), "beyond": (192, 0)}
    for i, (dx, dy) in enumerate(dirs):
        pos[f"leaf-{i}"] = (96 * dx, 96 * dy)
    layout = _labelled(layer, pos)
    _assert_clean(layout, layer)
    assert len(layout.station("hub").lines) == 9


def test_long_chains_horizontal_and_vertical() -> None:
    ids = [f"station-number-{i}" for i in range(24)]
    layer = make_layer({"a": [ids]})
    _assert_clean(_labelled(layer, {s: (48.0 * i, 0.0) for i, s in enumerate(ids)}), layer)
    vertical = _labelled(layer, {s: (0.0, 48.0 * i) for i, s in enumerate(ids)})
    _assert_clean(vertical, layer)
    # a vertical run reads as one column: every label on the same side
    inner = [s for s in vertical.stations if s.id not in (ids[0], ids[-1])]
    sides = {s.label.align for s in inner if s.label}
    assert len(sides) == 1


def test_parallel_lines() -> None:
    top = [f"upper-stop-{i}" for i in range(8)]
    bottom = [f"lower-stop-{i}" for i in range(8)]
    layer = make_layer({"up": [top], "down": [bottom]})
    pos = {s: (64.0 * i, 0.0) for i, s in enumerate(top)}
    pos |= {s: (64.0 * i, 96.0) for i, s in enumerate(bottom)}
    _assert_clean(_labelled(layer, pos), layer)


def test_shared_trunk_with_diagonal_branches() -> None:
    layer = make_layer(
        {
            "red": [["alpha", "bravo", "charlie", "delta-north"]],
            "blue": [["alpha", "bravo", "charlie", "delta-south"]],
        }
    )
    pos = {"alpha": (0, 0), "bravo": (48, 0), "charlie": (96, 0)}
    pos |= {"delta-north": (144, -48), "delta-south": (144, 48)}
    _assert_clean(_labelled(layer, pos), layer)


def test_junctions_get_no_label() -> None:
    layer = make_layer({"a": [["p", "split", "q"]], "b": [["p", "split", "r"]]}, ["split"])
    layout = _labelled(layer, {"p": (0, 0), "split": (48, 0), "q": (96, -48), "r": (96, 48)})
    assert layout.station("split").label is None
    _assert_clean(layout, layer)


def test_long_name_wraps_when_one_line_does_not_fit() -> None:
    name = "bahnhof-freiburg-killianstrasse-nord"
    layer = make_layer({"stub": [[name, "depot"]], "west": [["wn", "ws"]], "east": [["en", "es"]]})
    # two rails 120 apart hem the station in; its one-line name is twice that wide
    pos = {name: (0, 0), "depot": (0, 192)}
    pos |= {"wn": (-60, -192), "ws": (-60, 192), "en": (60, -192), "es": (60, 192)}
    layout = _labelled(layer, pos)
    _assert_clean(layout, layer)
    label = layout.station(name).label
    assert label is not None and len(label.lines) > 1


def test_placement_is_deterministic() -> None:
    layer, pos = _cross()
    first = _labelled(layer, pos).to_json()
    for _ in range(3):
        assert _labelled(layer, pos).to_json() == first


def test_termini_name_sits_beyond_the_end_of_the_line() -> None:
    layer = make_layer({"a": [["west-end", "middle", "east-end"]]})
    layout = _labelled(layer, {"west-end": (0, 0), "middle": (96, 0), "east-end": (192, 0)})
    _assert_clean(layout, layer)
    west, east = layout.station("west-end").label, layout.station("east-end").label
    assert west is not None and east is not None
    assert west.align == "end" and west.box.x + west.box.width < 0  # left of the west end
    assert east.align == "start" and east.box.x > 192  # right of the east end
