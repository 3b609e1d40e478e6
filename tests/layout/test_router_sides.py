"""Routing that keeps key stations on the embedding's side of each chain (`Router.sides`,
`layout.sides`): used for the untangled candidate embeddings, whose straight lines do not
cross, so that the grid paths keep the faces the embedding has."""

from __future__ import annotations

from transit_maps.layout import sides
from transit_maps.layout.chains import Chain
from transit_maps.layout.grid import Grid
from transit_maps.layout.router import Router

SQUARE = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)]


def test_winding_counts_turns_round_a_point_either_way() -> None:
    assert sides.winding(SQUARE, (2.0, 2.0)) == 1
    assert sides.winding(list(reversed(SQUARE)), (2.0, 2.0)) == -1
    assert sides.winding(SQUARE, (5.0, 2.0)) == 0
    assert sides.winding(SQUARE, (2.0, -1.0)) == 0


def test_nearest_on_a_polyline() -> None:
    line = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0)]
    assert sides.nearest_on(line, (2.0, -3.0)) == (2.0, 0.0)
    assert sides.nearest_on(line, (6.0, 3.0)) == (4.0, 3.0)
    assert sides.nearest_on(line, (-2.0, -2.0)) == (0.0, 0.0)


def test_how_far_a_line_reaches_beyond_its_ends() -> None:
    ends = [(0.0, 0.0), (12.0, 0.0)]
    assert sides.beyond([(0.0, 0.0), (6.0, 10.0), (12.0, 0.0)], ends) == 10.0
    assert sides.beyond([(0.0, 0.0), (-3.0, 1.0), (12.0, 0.0)], ends) == 3.0
    assert sides.beyond([(0.0, 0.0), (12.0, 0.0)], ends) == 0.0


def test_a_wall_runs_straight_away_from_the_line_to_the_border() -> None:
    line = [(0.0, 10.0), (12.0, 10.0)]
    # the point is above the line (y down): the wall runs up to the border
    assert sides.wall((6.2, 3.0), line, (0, 0, 12, 12)) == [(6, 3), (6, 2), (6, 1), (6, 0)]
    # beside the line's end: it runs away sideways
    assert sides.wall((15.0, 9.0), line, (0, 0, 17, 12)) == [(15, 9), (16, 9), (17, 9)]


def test_a_wall_never_meets_the_line() -> None:
    # the line dips round the point: straight away from its nearest point (right, from the
    # first leg) the ray would meet the second leg; so would left and down: it runs up
    line = [(0.0, 0.0), (6.0, 10.0), (12.0, 0.0)]
    assert sides.wall((6.0, 3.0), line, (-2, -2, 14, 14)) == [
        (6, 3),
        (6, 2),
        (6, 1),
        (6, 0),
        (6, -1),
        (6, -2),
    ]
    # inside a closed line every ray meets it: no wall
    assert sides.wall((2.0, 2.0), [*SQUARE, SQUARE[0]], (-5, -5, 9, 9)) == []


def _router(keep_sides: bool) -> Router:
    """Chain a-m-b, whose embedding dips below the junction k (y down: k at y = 3, m at
    y = 10), and stubs that make a, b and k key stations (k of three chains)."""
    chains = [
        Chain(("a", "m", "b"), ("l",)),
        Chain(("a", "pa"), ("l",)),
        Chain(("b", "pb"), ("l",)),
        *(Chain(("k", f"k{i}"), ("j",)) for i in range(3)),
    ]
    embedding = {
        "a": (0.0, 0.0),
        "m": (6.0, 10.0),
        "b": (12.0, 0.0),
        "pa": (-3.0, 0.0),
        "pb": (15.0, 0.0),
        "k": (6.0, 3.0),
        "k0": (4.0, 2.0),
        "k1": (8.0, 2.0),
        "k2": (6.0, 1.0),
    }
    r = Router(Grid(-12, -12, 24, 24), chains, {}, embedding, 2)
    r.sides = keep_sides
    return r


def _y_at(path: list[tuple[int, int]], x: int) -> list[int]:
    return [c[1] for c in path if c[0] == x]


def test_a_plain_route_passes_a_junction_on_the_other_side() -> None:
    r = _router(keep_sides=False)
    r.route_chain(0)
    path = r.routed[0]
    assert all(y < 3 for y in _y_at(path, 6))  # above k; the embedding passes below it
    assert r._wrong_side(0, path) == [(6.0, 3.0)]


def test_keeping_sides_routes_the_chain_round_the_embedding_side() -> None:
    r = _router(keep_sides=True)
    r.route_chain(0)
    path = r.routed[0]
    assert _y_at(path, 6) and all(y > 3 for y in _y_at(path, 6))
    assert r._wrong_side(0, path) == []
    assert not r.grid.locked.get((6, 0))  # the walls are gone once the chain is routed
