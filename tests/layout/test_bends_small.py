"""Bends along lines on small hinted networks: the schematisation bends only where it must."""

from __future__ import annotations

from collections.abc import Sequence

from transit_maps.layout import layout
from transit_maps.layout.metrics import measure
from transit_maps.model import Layer, Line, Station


def hinted_line(stops: Sequence[tuple[str, tuple[float, float]]]) -> Layer:
    """One line through these stations, each anchored by an `at` hint."""
    line = Line("a", "A", "#123456", tuple(s for s, _ in stops))
    stations = tuple(Station(s, s.title(), at=at) for s, at in stops)
    return Layer("net", "Net", "systems", (line,), stations)


def test_l_shaped_line_bends_once_at_the_corner() -> None:
    # line a runs east, then south; line b crosses its ends along the diagonal. Drawing a
    # straight would make b leave it and come back (two bends at least): the corner is forced,
    # and one bend in all is the least possible
    stations = {
        "a": (0.0, 0.0),
        "b": (1.0, 0.0),
        "c": (2.0, 0.0),
        "d": (3.0, 0.0),
        "e": (3.0, 1.0),
        "f": (3.0, 2.0),
        "g": (3.0, 3.0),
        "h": (1.0, 1.0),
        "i": (2.0, 2.0),
        "y": (-1.0, -1.0),
        "z": (4.0, 4.0),
    }
    lines = (
        Line("a", "A", "#123456", ("a", "b", "c", "d", "e", "f", "g")),
        Line("b", "B", "#654321", ("y", "a", "h", "i", "g", "z")),
    )
    layer = Layer(
        "net", "Net", "systems", lines, tuple(Station(s, s, at=at) for s, at in stations.items())
    )
    metrics = measure(layout(layer, "m"), layer)
    assert dict(metrics.bends_per_line) == {"a": 1, "b": 0}


def test_straight_line_with_jittered_hints_does_not_bend() -> None:
    # the hints wobble up to 0.3 gaps (about 17 degrees) off a straight run: still straight
    layer = hinted_line(
        [
            ("a", (0.0, 0.0)),
            ("b", (1.0, 0.3)),
            ("c", (2.0, -0.2)),
            ("d", (3.0, 0.3)),
            ("e", (4.0, -0.3)),
            ("f", (5.0, 0.0)),
        ]
    )
    assert measure(layout(layer, "m"), layer).bends == 0


def test_diagonal_line_with_jittered_hints_does_not_bend() -> None:
    layer = hinted_line(
        [
            ("a", (0.0, 0.0)),
            ("b", (1.2, 0.9)),
            ("c", (2.0, 2.2)),
            ("d", (3.1, 2.9)),
            ("e", (4.0, 4.0)),
        ]
    )
    assert measure(layout(layer, "m"), layer).bends == 0


def test_a_tee_bends_only_the_line_that_turns() -> None:
    # line a runs straight east; line b comes down from the north and turns east onto it
    stations = {
        "w": (0.0, 2.0),
        "x": (1.0, 2.0),
        "j": (2.0, 2.0),
        "y": (3.0, 2.0),
        "z": (4.0, 2.0),
        "n": (2.0, 0.0),
        "m": (2.0, 1.0),
    }
    lines = (
        Line("a", "A", "#123456", ("w", "x", "j", "y", "z")),
        Line("b", "B", "#654321", ("n", "m", "j", "y", "z")),
    )
    layer = Layer(
        "net", "Net", "systems", lines, tuple(Station(s, s, at=at) for s, at in stations.items())
    )
    metrics = measure(layout(layer, "m"), layer)
    assert dict(metrics.bends_per_line) == {"a": 0, "b": 1}
