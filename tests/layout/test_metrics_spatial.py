"""The plane geometry behind the metrics and label placement."""

from __future__ import annotations

import math

import pytest

from transit_maps.layout.geometry import Box
from transit_maps.layout.spatial import (
    GridIndex,
    box_point_distance,
    point_segment_distance,
    segment_box_distance,
    segment_intersections,
    segments_touch,
)

BOX = Box(10, 10, 20, 10)  # x 10..30, y 10..20


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 0), (40, 30), 0.0),  # passes through
        ((15, 12), (16, 13), 0.0),  # inside
        ((0, 15), (5, 15), 5.0),  # horizontal, left of the box
        ((20, 0), (20, 5), 5.0),  # vertical, above
        ((0, 0), (10, 10), 0.0),  # ends on a corner
        ((35, 0), (35, 40), 5.0),  # vertical, right, spanning the box's height
        ((0, 30), (10, 20), 0.0),  # diagonal touching the bottom-left corner
        ((0, 25), (5, 30), math.hypot(7.5, 7.5)),  # diagonal, nearest to the bottom-left corner
    ],
)
def test_segment_box_distance(
    a: tuple[float, float], b: tuple[float, float], expected: float
) -> None:
    assert segment_box_distance(a, b, BOX) == pytest.approx(expected)


def test_point_distances() -> None:
    assert box_point_distance(BOX, (20, 15)) == 0.0
    assert box_point_distance(BOX, (33, 24)) == pytest.approx(5.0)
    assert point_segment_distance((5, 5), (0, 0), (10, 0)) == pytest.approx(5.0)
    assert point_segment_distance((-3, 4), (0, 0), (10, 0)) == pytest.approx(5.0)


def test_segment_intersections() -> None:
    assert segment_intersections((0, 0), (10, 10), (0, 10), (10, 0)) == ((5.0, 5.0),)
    assert segment_intersections((0, 0), (10, 0), (0, 1), (10, 1)) == ()
    # collinear overlap: both ends of the shared piece
    shared = segment_intersections((0, 0), (10, 0), (5, 0), (15, 0))
    assert sorted(shared) == [(5, 0), (10, 0)]
    # touching at an end
    assert segment_intersections((0, 0), (10, 0), (10, 0), (10, 5)) == ((10.0, 0.0),)
    assert segments_touch((0, 0), (10, 0), (5, 0), (5, 5))
    assert not segments_touch((0, 0), (10, 0), (5, 1), (5, 5))


def test_grid_index_finds_near_items_once_in_insertion_order() -> None:
    index: GridIndex[str] = GridIndex(cell=10)
    index.insert(Box(0, 0, 25, 5), "wide")
    index.insert(Box(100, 100, 1, 1), "far")
    index.insert(Box(12, 2, 1, 1), "small")
    assert index.near(Box(11, 0, 5, 5)) == ["wide", "small"]
    assert index.near(Box(-50, -50, 5, 5)) == []
