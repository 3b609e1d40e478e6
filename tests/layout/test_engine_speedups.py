"""Shortcuts taken for speed give exactly what the plain versions give.

`grid.route` with its search tables in lists finds the same path after the same number of A*
expansions as the plain A* on tuples (`test_grid_route.reference_route`); the greedy compaction
steps that skip a step which found nothing on the unchanged drawing end with the same drawing as
running every step; the router's candidate cells for a station with its grid tests inlined are
the plain scan's, in the same order; kept results of compact_global and compact_cuts are what
the search gives, and kept planarity answers what networkx gives.
"""

from __future__ import annotations

import math
import random
import sys
from typing import Any

import networkx as nx
import pytest

from tests.layout.pipeline_cases import random_pipeline
from tests.layout.test_grid_route import reference_route
from tests.layout.test_pipeline_speedups import _random_drawing
from transit_maps.layout import compact_cut, layout
from transit_maps.layout.compact import DIRECTIONS, ROUNDS, _greedy
from transit_maps.layout.compact_axis import Drawing, compact_x, transposed
from transit_maps.layout.compact_cut import _compact_cuts, compact_cuts
from transit_maps.layout.compact_global import _compact_global, compact_global
from transit_maps.layout.grid import BEND, DIRS, SHARP_BEND, Cell, Ends, Grid, route
from transit_maps.layout.octi import is_planar
from transit_maps.layout.router import candidate_cells


def _random_search(rng: random.Random) -> tuple[Grid, Ends, Ends, dict[str, object]]:
    """A grid with paths, stations, reserved and locked cells and a trail; two ends; options."""
    size = rng.randint(6, 16)
    grid = Grid(0, 0, size, size)

    def cell() -> Cell:
        return (rng.randint(0, size), rng.randint(0, size))

    for _ in range(rng.randint(0, 6)):
        path = [cell()]
        for _ in range(rng.randint(1, 8)):
            dx, dy = rng.choice(DIRS)
            x, y = path[-1][0] + dx, path[-1][1] + dy
            if not (0 <= x <= size and 0 <= y <= size) or (x, y) in path:
                break
            path.append((x, y))
        if len(path) > 1:
            grid.occupy(path)
    for k in range(rng.randint(0, 5)):
        grid.station_at[cell()] = f"x{k}"
    for _ in range(rng.randint(0, 8)):
        grid.reserved[cell()] = (rng.choice(("a", "b", "x0", "x1")),)
    for _ in range(rng.randint(0, 3)):
        grid.locked[cell()] = (rng.choice(("a", "b", "x0")),)
    if rng.random() < 0.3:
        a = cell()
        for d in rng.sample(range(8), 3):
            b = (a[0] + DIRS[d][0], a[1] + DIRS[d][1])
            grid.trail.add((a, b) if a <= b else (b, a))

    def ends(name: str) -> Ends:
        cells = {cell(): rng.choice((0.0, 0.5, 2.0)) for _ in range(rng.randint(1, 3))}
        ports = {(c, d): rng.choice((0.0, 0.0, 1.0, float("inf"))) for c in cells for d in range(8)}
        return Ends(cells, ports, name)

    options: dict[str, object] = {
        "min_steps": rng.choice((0, 0, 0, rng.randint(1, 12))),
        "weight": float(rng.randint(1, 3)),
        "crossing": rng.random() < 0.3,
        "pad": rng.choice((2, 8)),
        "max_expansions": rng.choice((40, 400, 10_000)),
        "bends": rng.choice((BEND, SHARP_BEND)),
    }
    return grid, ends("a"), ends("b"), options


@pytest.mark.parametrize("seed", range(8))
def test_route_finds_what_the_plain_search_found(seed: int) -> None:
    rng = random.Random(seed)
    found = 0
    for _ in range(150):
        grid, source, target, options = _random_search(rng)
        twin = Grid(grid.x0, grid.y0, grid.x1, grid.y1)
        twin.station_at, twin.used_nodes = dict(grid.station_at), dict(grid.used_nodes)
        twin.used_edges, twin.reserved = dict(grid.used_edges), dict(grid.reserved)
        twin.locked, twin.trail = dict(grid.locked), set(grid.trail)
        path = route(grid, source, target, **options)  # type: ignore[arg-type]
        before = reference_route(twin, source, target, **options)  # type: ignore[arg-type]
        assert path == before
        assert grid.expansions == twin.expansions
        found += path is not None
    assert found > 20  # the cases are not all hopeless


def _greedy_plain(drawing: Drawing, past_mean: float) -> tuple[bool, Drawing]:
    """The greedy steps as they ran before: every step every round."""
    moved_any = False
    for _ in range(ROUNDS):
        drawing, moved_x = compact_x(drawing, past_mean)
        flipped, moved_y = compact_x(transposed(drawing), past_mean)
        drawing = transposed(flipped)
        moved_any = moved_any or moved_x or moved_y
        if not (moved_x or moved_y):
            break
    for small in (False, True):
        for _ in range(ROUNDS):
            moved = False
            for direction in DIRECTIONS:
                drawing, step = compact_cuts(drawing, direction, past_mean, small)
                moved = moved or step
            moved_any = moved_any or moved
            if not moved:
                break
    return moved_any, drawing


def _same(a: Drawing, b: Drawing) -> bool:
    return repr((a.points, a.chains, a.steps)) == repr((b.points, b.chains, b.steps))


def test_greedy_compaction_matches_every_step_on_random_drawings() -> None:
    rng = random.Random(11)
    for _ in range(40):
        drawing = _random_drawing(rng)
        for past_mean in (0.0, 1.5):
            moved, out = _greedy(drawing, past_mean)
            plain_moved, plain = _greedy_plain(drawing, past_mean)
            assert moved == plain_moved
            assert _same(out, plain)


def test_greedy_compaction_matches_every_step_on_pipeline_drawings() -> None:
    compact: Any = sys.modules["transit_maps.layout.compact"]
    seen: list[tuple[Drawing, float]] = []

    def recording(drawing: Drawing, past_mean: float) -> tuple[bool, Drawing]:
        seen.append((drawing, past_mean))
        return _greedy(drawing, past_mean)

    compact._greedy = recording
    try:
        layout(random_pipeline(3), "speedups")
    finally:
        compact._greedy = _greedy
    assert seen
    for drawing, past_mean in seen:
        moved, out = _greedy(drawing, past_mean)
        plain_moved, plain = _greedy_plain(drawing, past_mean)
        assert moved == plain_moved
        assert _same(out, plain)


def _candidate_cells_plain(
    grid: Grid, p: tuple[float, float], radius: int, degree: int, move: float
) -> dict[Cell, float]:
    """The scan as `Router._ends` ran it before: grid.inside, grid.free, grid.free_ports."""
    px, py = p
    cx, cy = round(px), round(py)
    cells: dict[Cell, float] = {}
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            c = (cx + dx, cy + dy)
            if (
                grid.inside(c)
                and grid.free(c)
                and grid.free_ports(c) >= degree
                and not any((c[0] + ex, c[1] + ey) in grid.station_at for ex, ey in DIRS)
            ):
                cells[c] = move * math.hypot(c[0] - px, c[1] - py)
    return cells


@pytest.mark.parametrize("seed", range(5))
def test_candidate_cells_match_the_plain_scan(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(100):
        grid, _, _, _ = _random_search(rng)
        p = (rng.uniform(-2, grid.x1 + 2), rng.uniform(-2, grid.y1 + 2))
        radius, degree, move = rng.randint(0, 4), rng.randint(0, 9), rng.choice((0.5, 3.0))
        fast = candidate_cells(grid, p, radius, degree, move)
        plain = _candidate_cells_plain(grid, p, radius, degree, move)
        assert list(fast.items()) == list(plain.items())


def test_kept_compaction_results_match_a_fresh_search() -> None:
    """compact_global and compact_cuts answer a drawing seen before (an equal copy) as the
    search itself does, and a no-move answer returns the drawing passed in."""
    rng = random.Random(4)
    drawings = [_random_drawing(rng) for _ in range(30)]
    for d in drawings + drawings:
        twin = Drawing(dict(d.points), [list(c) for c in d.chains], list(d.steps))
        for box in (None, 400.0):
            kept = compact_global(twin, box)
            fresh = _compact_global(d, box)
            assert (kept is None) == (fresh is None)
            if kept is not None and fresh is not None:
                assert _same(kept, fresh)
                assert kept is not twin
        for v in DIRECTIONS[:4]:
            for small in (False, True):
                out, moved = compact_cuts(twin, v, 1.5, small)
                fresh_out, fresh_moved = _compact_cuts(d, v, 1.5, small)
                assert moved == fresh_moved
                assert _same(out, fresh_out)
                if not moved:
                    assert out is twin


def test_shapes_kept_between_calls_give_what_fresh_ones_give() -> None:
    """What moves with what is kept per shape of drawing (`compact_cut._shapes`) and reused by
    later calls; compacting with those kept gives exactly what compacting with none kept does,
    also when the drawing has moved on since (compaction keeps every piece's direction)."""
    rng = random.Random(12)
    drawings = [_random_drawing(rng) for _ in range(30)]
    for d in drawings:
        for small in (False, True):
            compact_cut._shapes.clear()
            _compact_cuts(d, (1, 0), 1.5, small)  # the shapes of d, kept
            first, _ = _compact_cuts(d, (1, 0), 1.5, small)
            cold = []
            for v in DIRECTIONS:
                compact_cut._shapes.clear()
                cold.append(_compact_cuts(first, v, 1.5, small))
            for v in DIRECTIONS:
                _compact_cuts(first, v, 1.5, small)
            assert len(compact_cut._shapes) == len(DIRECTIONS)  # one shape per direction
            warm = [_compact_cuts(first, v, 1.5, small) for v in DIRECTIONS]
            compact_cut._shapes.clear()
            for (a, moved_a), (b, moved_b) in zip(cold, warm, strict=True):
                assert moved_a == moved_b
                assert _same(a, b)


def test_kept_planarity_answers_match_networkx() -> None:
    """`octi.is_planar` answers as `nx.check_planarity`, also for a graph seen before with its
    nodes and edges added in another order, and for a graph that changed since."""
    rng = random.Random(9)
    graphs = []
    for _ in range(40):
        n = rng.randint(4, 9)
        edges = [
            (f"n{a}", f"n{b}") for a in range(n) for b in range(a + 1, n) if rng.random() < 0.5
        ]
        graphs.append(edges)
    for edges in graphs + graphs:
        g = nx.Graph(edges)
        shuffled = nx.Graph()
        shuffled.add_edges_from(rng.sample(edges, len(edges)))
        expected = bool(nx.check_planarity(g)[0])
        assert is_planar(g) == expected
        assert is_planar(shuffled) == expected
        if edges:
            g.remove_edge(*edges[0])
            assert is_planar(g) == bool(nx.check_planarity(g)[0])
