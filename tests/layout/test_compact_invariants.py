"""Compaction on small hand-made schematics: what shrinks, what must not, and its invariants."""

from __future__ import annotations

import math
import sys
from dataclasses import replace
from itertools import pairwise

import pytest

from tests.layout.handmade import make_layer
from transit_maps.layout.compact import compact
from transit_maps.layout.compact_axis import Drawing, compact_x, on_half_grid
from transit_maps.layout.compact_cut import compact_cuts
from transit_maps.layout.octi import Schematic, length_cv
from transit_maps.model import Layer

compact_module = sys.modules["transit_maps.layout.compact"]

Vec = tuple[float, float]


def schematic(paths: dict[tuple[str, str], list[Vec]]) -> Schematic:
    positions: dict[str, Vec] = {}
    for (a, b), path in paths.items():
        positions[a], positions[b] = path[0], path[-1]
    return Schematic(positions=positions, paths=paths)


def length(path: list[Vec]) -> float:
    return sum(math.dist(p, q) for p, q in pairwise(path))


def directions(s: Schematic) -> dict[tuple[str, str], list[Vec]]:
    """Unit direction of each piece of each path (what compaction must keep)."""
    out = {}
    for key, path in s.paths.items():
        out[key] = [
            (round((q[0] - p[0]) / math.dist(p, q), 9), round((q[1] - p[1]) / math.dist(p, q), 9))
            for p, q in pairwise(path)
        ]
    return out


def _l_shape() -> tuple[Layer, Schematic]:
    """a-b vertical (1), b-c horizontal (4), c-d vertical (1), and short branches at b and c
    (so b-c is an edge of its own)."""
    layer = make_layer({"x": [["a", "b", "c", "d"]], "y": [["b", "e"]], "z": [["c", "f"]]})
    before = schematic(
        {
            ("a", "b"): [(0.0, 0.0), (0.0, 1.0)],
            ("b", "c"): [(0.0, 1.0), (4.0, 1.0)],
            ("c", "d"): [(4.0, 1.0), (4.0, 2.0)],
            ("b", "e"): [(0.0, 1.0), (-1.0, 1.0)],
            ("c", "f"): [(4.0, 1.0), (5.0, 1.0)],
        }
    )
    return layer, before


def test_an_over_long_horizontal_leg_of_an_l_shrinks() -> None:
    # the long leg gets shorter
    layer, before = _l_shape()
    after = compact(layer, before)
    assert length(after.paths[("b", "c")]) < 4.0
    assert length(after.paths[("b", "c")]) >= 1.0
    assert length_cv(after) < length_cv(before)
    assert directions(after) == directions(before)


def test_compaction_runs_once_on_a_small_map_and_again_on_a_big_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the L above, marked as compacted although it was not: a small map takes the mark's word
    # (layout asks again for the winner polish_best compacted); above ONCE_UP_TO stations the
    # leg shrinks all the same
    layer, before = _l_shape()
    assert not before.compacted
    once = compact(layer, before)
    assert once.compacted
    assert compact(layer, once) is once
    marked = replace(before, compacted=True)
    assert compact(layer, marked) is marked
    monkeypatch.setattr(compact_module, "ONCE_UP_TO", len(layer.stations) - 1)
    again = compact(layer, marked)
    assert again.compacted
    assert length(again.paths[("b", "c")]) < 4.0


def test_a_strip_under_a_diagonal_keeps_its_width() -> None:
    # b-c is long and horizontal, but the diagonal b-e spans the same x range above it: no
    # vertical strip between x = 0 and 4 may narrow (the diagonal would tilt)
    d = Drawing(
        {"a": (0.0, 3.0), "b": (0.0, 2.0), "c": (4.0, 2.0), "d": (4.0, 3.0), "e": (4.0, -2.0)},
        [
            [(0.0, 3.0), (0.0, 2.0)],
            [(0.0, 2.0), (4.0, 2.0)],
            [(4.0, 2.0), (4.0, 3.0)],
            [(0.0, 2.0), (4.0, -2.0)],
        ],
        [1, 1, 1, 1],
    )
    assert compact_x(d) == (d, False)
    # without the diagonal the same strip narrows
    shorter, moved = compact_x(Drawing(d.points, d.chains[:3], [1, 1, 1]))
    assert moved and shorter.chains[1][1][0] < 4.0


def test_compaction_keeps_directions_and_shortens_the_diagonal_itself() -> None:
    layer = make_layer({"x": [["a", "b", "c", "d"]], "y": [["b", "e"]], "z": [["c", "f"]]})
    before = schematic(
        {
            ("a", "b"): [(0.0, 3.0), (0.0, 2.0)],
            ("b", "c"): [(0.0, 2.0), (4.0, 2.0)],
            ("c", "d"): [(4.0, 2.0), (4.0, 3.0)],
            ("b", "e"): [(0.0, 2.0), (4.0, -2.0)],
            ("c", "f"): [(4.0, 2.0), (5.0, 2.0)],
        }
    )
    after = compact(layer, before)
    assert directions(after) == directions(before)
    assert length(after.paths[("b", "e")]) < length(before.paths[("b", "e")])
    assert length_cv(after) < length_cv(before)


def test_compaction_keeps_things_apart() -> None:
    # two horizontal lines one unit apart, the lower one long: its stations end at least
    # CLEARANCE from the upper line's end station
    layer = make_layer({"x": [["a", "b"]], "y": [["c", "d"]]})
    before = schematic(
        {
            ("a", "b"): [(0.0, 0.0), (1.0, 0.0)],
            ("c", "d"): [(3.0, 1.0), (8.0, 1.0)],
        }
    )
    after = compact(layer, before)
    assert after.positions["c"][0] - after.positions["b"][0] >= 1.0 - 1e-9


def test_a_crossing_never_appears() -> None:
    # x-compaction keeps the order of every column, so a vertical line right of a station
    # stays right of it
    d = Drawing(
        {"a": (0.0, 0.0), "b": (6.0, 0.0), "c": (3.0, -2.0), "e": (3.0, 2.0)},
        [[(0.0, 0.0), (6.0, 0.0)], [(3.0, -2.0), (3.0, 2.0)]],
        [4, 1],
    )
    after, _ = compact_x(d)
    (ax, _), (bx, _) = after.chains[0]
    cx = after.points["c"][0]
    assert ax < cx < bx


def test_pass_through_stations_are_spread_evenly() -> None:
    layer = make_layer({"x": [["a", "b", "c", "d", "e"]]})
    before = schematic(
        {
            ("a", "b"): [(0.0, 0.0), (0.0, 1.0)],
            ("b", "c"): [(0.0, 1.0), (5.0, 1.0)],
            ("c", "d"): [(5.0, 1.0), (5.5, 1.0)],
            ("d", "e"): [(5.5, 1.0), (5.5, 2.0)],
        }
    )
    after = compact(layer, before)
    lengths = [length(after.paths[key]) for key in before.paths]
    assert max(lengths) - min(lengths) < 1e-9
    # the bends stay on the half-unit grid (pass-through stations may fall between)
    bends = [p for path in after.paths.values() for p in path[1:-1]]
    assert on_half_grid(Drawing({}, [bends], [0]))


def test_an_unchanged_drawing_comes_back_the_same_and_marked() -> None:
    layer = make_layer({"x": [["a", "b", "c"]]})
    before = schematic({("a", "b"): [(0.0, 0.0), (1.0, 0.0)], ("b", "c"): [(1.0, 0.0), (2.0, 0.0)]})
    after = compact(layer, before)
    assert (after.positions, after.paths, after.angles) == (
        before.positions,
        before.paths,
        before.angles,
    )
    assert after.compacted and not before.compacted


def test_a_cut_bends_around_a_diagonal_that_blocks_every_straight_strip() -> None:
    # a-b is 6 units long; the diagonal c-e above spans the same x range, so no vertical strip
    # may narrow. A cut that takes the whole diagonal along with b can: a-b shrinks, c-e moves.
    d = Drawing(
        {"a": (0.0, 0.0), "b": (6.0, 0.0), "c": (0.0, -3.0), "e": (6.0, -9.0), "f": (0.0, 1.0)},
        [
            [(0.0, 0.0), (6.0, 0.0)],
            [(0.0, -3.0), (6.0, -9.0)],
            [(0.0, 0.0), (0.0, 1.0)],
            [(6.0, 0.0), (6.0, 1.0)],
        ],
        [1, 6, 1, 1],
    )
    assert compact_x(d) == (d, False)
    after, moved = compact_cuts(d)
    assert moved
    (a, b), (c, e) = after.chains[0], after.chains[1]
    assert 1.0 <= b[0] - a[0] < 6.0
    assert e[0] - c[0] == 6.0 and c[1] - e[1] == 6.0  # the diagonal is the same, moved
    assert after.chains[2] == d.chains[2]  # the left end's branch stays
    assert math.dist(after.points["a"], after.points["c"]) >= 1.0


def test_a_cut_never_moves_one_line_into_another() -> None:
    # as above, but a vertical line stands just left of the diagonal's lower end: moving the
    # diagonal left would run into it, so the cut move must stop short or not happen
    d = Drawing(
        {"a": (0.0, 0.0), "b": (6.0, 0.0), "c": (1.0, -3.0), "e": (7.0, -9.0), "h": (0.0, -2.0)},
        [
            [(0.0, 0.0), (6.0, 0.0)],
            [(1.0, -3.0), (7.0, -9.0)],
            [(0.0, -2.0), (0.0, -6.0)],
        ],
        [1, 6, 2],
    )
    after, _ = compact_cuts(d)
    c = after.chains[1][0]
    assert c[0] >= 1.0  # one unit clear of the vertical line at x = 0


def test_a_cut_can_also_lengthen_the_shortest_edge() -> None:
    # a-b (1 unit) is the shortest edge, under a diagonal (no strip may widen); the part beyond
    # the cut (b, its branch and the whole diagonal) moves right and a-b gets longer
    d = Drawing(
        {"a": (0.0, 0.0), "b": (1.0, 0.0), "c": (0.0, -3.0), "e": (1.0, -4.0)},
        [
            [(0.0, 0.0), (1.0, 0.0)],
            [(0.0, -3.0), (1.0, -4.0)],
            [(0.0, 0.0), (0.0, 1.5)],
            [(1.0, 0.0), (1.0, 1.5)],
        ],
        [1, 1, 1, 1],
    )
    assert compact_x(d) == (d, False)
    after, moved = compact_cuts(d)
    assert moved
    (a, b) = after.chains[0]
    assert b[0] - a[0] > 1.0
    assert after.chains[1][1][0] - after.chains[1][0][0] == 1.0  # the diagonal keeps its shape
