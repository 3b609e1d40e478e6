"""Offset strokes: lines keep their place in the bundle, turn together and join at stations."""

from __future__ import annotations

import math
from itertools import pairwise

import pytest

from tests.render.fixtures.layouts import bundle_turns, ml_system
from transit_maps.layout.geometry import PlacedEdge
from transit_maps.render.tracks import offset_in, offset_polyline, path_data, runs


def test_offsets_are_even_and_left_to_right() -> None:
    e = PlacedEdge("a", "b", ("x", "y", "z"), ((0, 0), (10, 0)))
    assert [offset_in(e, line) for line in ("x", "y", "z")] == [8.0, 0.0, -8.0]


def test_bundle_turns_a_right_angle_with_miter_vertices() -> None:
    # East then south: a right turn. The left-most line (north of the track, outside the turn)
    # gets the outer corner; both corners lie on the bisector through (10, 0).
    e = PlacedEdge("a", "b", ("x", "y"), ((0.0, 0.0), (10.0, 0.0), (10.0, 10.0)))
    (outer,) = runs("x", [e])
    (inner,) = runs("y", [e])
    v_outer = [p for p, _ in offset_polyline(outer)]
    v_inner = [p for p, _ in offset_polyline(inner)]
    assert v_outer == [(0.0, -4.0), (14.0, -4.0), (14.0, 10.0)]
    assert v_inner == [(0.0, 4.0), (6.0, 4.0), (6.0, 10.0)]


def test_corner_radii_are_concentric() -> None:
    e = PlacedEdge("a", "b", ("x", "y"), ((0.0, 0.0), (100.0, 0.0), (100.0, 100.0)))
    radii = [offset_polyline(r[0])[1][1] for r in (runs("x", [e]), runs("y", [e]))]
    assert radii[0] - radii[1] == pytest.approx(8.0)


def test_a_line_runs_through_stations_without_a_seam() -> None:
    layout = ml_system()
    # "data" runs sources -> ingest -> validation -> features -> training: one run.
    (run,) = runs("data", layout.edges)
    assert run[0].start == (48, 96) and run[-1].end == (432, 192)
    # "model" forks at the registry: the straightest pair continues, the third arm ends there.
    assert len(runs("model", layout.edges)) == 2


def test_changing_place_in_the_bundle_jogs_at_45_degrees() -> None:
    layout = bundle_turns()
    (run,) = runs("a", [e for e in layout.edges if "a" in e.lines])
    verts = [p for p, _ in offset_polyline(run)]
    jogs = [
        (p, q)
        for p, q in pairwise(verts)
        if abs(abs(p[0] - q[0]) - abs(p[1] - q[1])) < 1e-9 and p != q
    ]
    assert any(math.dist(p, (240, 192)) < 10 for p, _ in jogs)


def test_path_data_rounds_corners_with_arcs_and_stays_deterministic() -> None:
    e = PlacedEdge("a", "b", ("x",), ((0.0, 0.0), (100.0, 0.0), (150.0, 50.0)))
    (run,) = runs("x", [e])
    d = path_data(offset_polyline(run))
    assert d.startswith("M0 0L") and "A14 14 0 0 1 " in d and d.endswith("L150 50")
    assert d == path_data(offset_polyline(run))
