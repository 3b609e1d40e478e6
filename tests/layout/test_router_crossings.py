"""The router's count of crossings: per pair of routes through a grid node, as the metrics count."""

from __future__ import annotations

from transit_maps.layout.chains import Chain
from transit_maps.layout.grid import Grid
from transit_maps.layout.router import Router


def _router(paths: list[list[tuple[int, int]]]) -> Router:
    chains = [Chain((f"a{i}", f"b{i}"), ("l",)) for i in range(len(paths))]
    embedding = {s: (0.0, 0.0) for c in chains for s in c.stations}
    r = Router(Grid(-10, -10, 10, 10), chains, {}, embedding, 2)
    for ci, path in enumerate(paths):
        r._commit(ci, path)
    return r


def test_two_routes_through_a_node_cross_once() -> None:
    r = _router([[(-1, 0), (0, 0), (1, 0)], [(0, -1), (0, 0), (0, 1)]])
    assert r.crossing_cells() == {(0, 0)}
    assert r.crossings() == 1


def test_three_routes_through_a_node_cross_three_times() -> None:
    # across, down and diagonal through (0, 0): three pairs meet there, as metrics counts
    r = _router(
        [
            [(-1, 0), (0, 0), (1, 0)],
            [(0, -1), (0, 0), (0, 1)],
            [(-1, -1), (0, 0), (1, 1)],
        ]
    )
    assert r.crossings() == 3


def test_routes_that_only_share_an_end_do_not_cross() -> None:
    r = _router([[(-1, 0), (0, 0)], [(0, -1), (0, 0)]])
    assert r.crossings() == 0
