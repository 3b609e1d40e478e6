"""Global compaction (`compact_global`): every x, then every y, solved at once (min-cost flow)."""

from __future__ import annotations

import math
import sys
from itertools import pairwise

import pytest

import transit_maps.layout.compact  # noqa: F401  (the module, not the function of that name)
from tests.layout.pipeline_cases import random_pipeline
from transit_maps.layout.compact import (
    GLOBAL_ABOVE,
    GLOBAL_AREA,
    _box,
    _chains,
    _crossings,
    _isolated,
    _polyline,
    compact,
)
from transit_maps.layout.compact_axis import Drawing, on_half_grid
from transit_maps.layout.compact_global import (
    _potentials,
    compact_global,
    solve_x,
    spread_cv,
)
from transit_maps.layout.embedding import graph_of
from transit_maps.layout.octi import Schematic, length_cv, route_bends
from transit_maps.layout.pipeline import layered_schematic
from transit_maps.model import Layer

Vec = tuple[float, float]
compact_module = sys.modules["transit_maps.layout.compact"]


def test_the_flow_solves_the_l1_problem_exactly() -> None:
    # X1 - X0 >= 2; 5 |X1 - X0 - 4| + |X1 - X0|: the heavy term wins, X1 - X0 = 4
    x = _potentials([0, 1], [(0, 1, 2)], [(0, 1, 4, 5), (0, 1, 0, 1)])
    assert x is not None and x[1] - x[0] == 4
    # the hard bound wins over any pull: X1 - X0 >= 6 while both terms want less
    x = _potentials([0, 1], [(0, 1, 6)], [(0, 1, 4, 5), (0, 1, 0, 1)])
    assert x is not None and x[1] - x[0] == 6
    # two terms on a chain of three variables, each met exactly
    x = _potentials([0, 1, 2], [(0, 1, 2), (1, 2, 2)], [(0, 1, 4, 5), (0, 2, 10, 5)])
    assert x is not None and (x[1] - x[0], x[2] - x[1]) == (4, 6)


def test_a_long_leg_shrinks_to_the_target() -> None:
    # a-b 4 units long and horizontal, the other chains 1 unit: at target 1 the leg becomes 1
    d = Drawing(
        {"a": (0.0, 0.0), "b": (4.0, 0.0), "c": (0.0, 1.0), "e": (4.0, 1.0)},
        [[(0.0, 0.0), (4.0, 0.0)], [(0.0, 0.0), (0.0, 1.0)], [(4.0, 0.0), (4.0, 1.0)]],
        [1, 1, 1],
    )
    out = solve_x(d, 1.0)
    assert out is not None
    assert out.points["b"] == (1.0, 0.0) and out.points["e"] == (1.0, 1.0)
    assert spread_cv(out) == 0.0


def test_clearance_to_a_neighbouring_row_holds_the_leg() -> None:
    # p-q is 4 units long; the stub r-s hangs half a unit below it, between p and q. r keeps
    # one unit from p and q one unit from r, so the leg stops at 2 (target 1) and keeps r
    # between its ends
    d = Drawing(
        {"p": (0.0, 0.0), "q": (4.0, 0.0), "r": (2.0, 0.5), "s": (2.0, 2.5)},
        [[(0.0, 0.0), (4.0, 0.0)], [(2.0, 0.5), (2.0, 2.5)]],
        [1, 2],
    )
    out = solve_x(d, 1.0)
    assert out is not None
    assert out.points["q"] == (2.0, 0.0)
    assert out.points["p"][0] < out.points["r"][0] < out.points["q"][0]
    assert out.points["r"][0] - out.points["p"][0] >= 1.0


def test_a_diagonal_ties_its_ends_and_keeps_its_slope() -> None:
    # the diagonal b-c spans the leg's x range: in the x pass its ends move together
    d = Drawing(
        {"a": (0.0, 0.0), "b": (4.0, 0.0), "c": (6.0, -2.0), "d": (0.0, 1.0)},
        [[(0.0, 0.0), (4.0, 0.0)], [(4.0, 0.0), (6.0, -2.0)], [(0.0, 0.0), (0.0, 1.0)]],
        [1, 1, 1],
    )
    out = solve_x(d, 1.5)
    assert out is not None
    (bx, by), (cx, cy) = out.points["b"], out.points["c"]
    assert cx - bx == 2.0 and cy - by == -2.0
    assert bx < 4.0


def drawing_of(layer: Layer, s: Schematic) -> Drawing:
    """What `compact` hands to its steps: key stations and chains."""
    chains = _chains(layer, s)
    keys = sorted({k for c in chains for k in c.ends} | _isolated(layer, chains))
    return Drawing(
        {k: s.positions[k] for k in keys if k in s.positions},
        [_polyline(s, c) for c in chains],
        [c.steps for c in chains],
    )


def piece_directions(d: Drawing) -> list[list[Vec]]:
    out = []
    for chain in d.chains:
        dirs = []
        for a, b in pairwise(chain):
            n = math.dist(a, b)
            dirs.append((round((b[0] - a[0]) / n, 9), round((b[1] - a[1]) / n, 9)))
        out.append(dirs)
    return out


@pytest.mark.parametrize("seed", [1, 4, 7, 13, 16, 17])
def test_global_passes_keep_every_invariant(seed: int) -> None:
    layer = random_pipeline(seed)
    s = layered_schematic(layer, graph_of(layer))
    assert s is not None
    d = drawing_of(layer, s)
    out = compact_global(d)
    if out is None:
        return
    assert on_half_grid(out)
    assert piece_directions(out) == piece_directions(d)
    assert _crossings(out) == _crossings(d)
    assert spread_cv(out) < spread_cv(d)
    # key stations that were at least a unit apart still are
    names = sorted(d.points)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if math.dist(d.points[a], d.points[b]) >= 1.0:
                assert math.dist(out.points[a], out.points[b]) >= 1.0 - 1e-9


@pytest.mark.parametrize("seed", [15, 16, 17])
def test_compaction_keeps_the_global_result_when_it_is_better(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # seeds 15, 16, 17 of the generator: the greedy steps alone stop at CV 0.572, 0.272 and
    # 0.354; with the global passes 0.516, 0.247 and 0.346 (with growth as large as it goes:
    # `compact.GROWTH_PRICE` keeps none of it on 15 and 17)
    monkeypatch.setattr(compact_module, "GROWTH_PRICE", -math.inf)
    layer = random_pipeline(seed)
    before = layered_schematic(layer, graph_of(layer))
    assert before is not None
    after = compact(layer, before)
    greedy = {15: 0.572, 16: 0.272, 17: 0.354}[seed]
    assert round(length_cv(compact_greedy_only(layer, before)), 3) == greedy
    assert length_cv(after) < greedy - 0.005
    # pass-through stations are spread again, so edges may split at other places along their
    # chain: the chains keep every piece's direction
    assert piece_directions(drawing_of(layer, after)) == piece_directions(drawing_of(layer, before))
    assert route_bends(layer, after) == route_bends(layer, before)
    assert after.crossings == before.crossings
    # not bought with a much larger drawing
    assert _box(after) <= GLOBAL_AREA * _box(compact_greedy_only(layer, before))


def compact_greedy_only(layer: Layer, s: Schematic) -> Schematic:
    """`compact` with the global passes switched off (nothing is above the bar)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(compact_module, "GLOBAL_ABOVE", math.inf)
        return compact(layer, s)


def test_below_the_target_the_greedy_result_stays() -> None:
    # seed 13: the greedy steps give 0.161, below GLOBAL_ABOVE: the global passes are not tried
    # (they once gave 0.145 on a larger drawing)
    assert GLOBAL_ABOVE == 0.25
    layer = random_pipeline(13)
    before = layered_schematic(layer, graph_of(layer))
    assert before is not None
    assert round(length_cv(compact(layer, before)), 3) == 0.161
