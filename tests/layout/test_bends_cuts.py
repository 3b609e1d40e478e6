"""Cut moves of the local search (`improve_region`): a whole side of the map shifts together."""

from __future__ import annotations

from transit_maps.layout.chains import Chain
from transit_maps.layout.grid import Cell, Grid
from transit_maps.layout.improve_base import path_cost
from transit_maps.layout.improve_block import try_block
from transit_maps.layout.improve_region import cut_moves
from transit_maps.layout.router import Router


def _line(a: Cell, b: Cell) -> list[Cell]:
    """The straight grid path from a to b (along one of the eight directions)."""
    n = max(abs(b[0] - a[0]), abs(b[1] - a[1]))
    dx, dy = (b[0] - a[0]) // n, (b[1] - a[1]) // n
    return [(a[0] + k * dx, a[1] + k * dy) for k in range(n + 1)]


def _trunk_with_a_corner() -> Router:
    # a trunk of two lines from junction r runs diagonally, then turns east to junction s. Behind
    # r, the triangle r-p-q holds it in place; behind s, the triangle s-e-f. Moving r, or r with
    # p, or s alone bends other chains: only the whole west side, shifted south, straightens it
    chains = [
        Chain(("r", "t1", "s"), ("a", "b")),
        Chain(("r", "p"), ("a",)),
        Chain(("r", "q"), ("b",)),
        Chain(("p", "q"), ("c",)),
        Chain(("s", "e"), ("a",)),
        Chain(("s", "f"), ("b",)),
        Chain(("e", "f"), ("c",)),
    ]
    cells = {"r": (0, 0), "p": (-4, 0), "q": (-4, -4), "s": (8, 4), "e": (12, 4), "f": (8, 8)}
    # the embedding lies halfway: the shift costs no more than it saves in moving
    embedding = {
        n: (float(x), float(y) + (2.0 if n in "rpq" else 0.0)) for n, (x, y) in cells.items()
    }
    embedding["t1"] = (4.0, 4.0)
    r = Router(Grid(-12, -12, 20, 16), chains, {}, embedding, 2)
    paths = [
        [*_line((0, 0), (4, 4)), *_line((4, 4), (8, 4))[1:]],
        _line((0, 0), (-4, 0)),
        _line((0, 0), (-4, -4)),
        _line((-4, 0), (-4, -4)),
        _line((8, 4), (12, 4)),
        _line((8, 4), (8, 8)),
        _line((12, 4), (8, 8)),
    ]
    for ci, path in enumerate(paths):
        r._commit(ci, path)
    return r


def test_cut_move_shifts_the_side_behind_a_corner() -> None:
    r = _trunk_with_a_corner()
    moves = dict(cut_moves(r, 0))
    assert (0, 4) in moves[("p", "q", "r")]
    before = path_cost(r, 0)
    assert try_block(r, ("p", "q", "r"), moves[("p", "q", "r")])
    # the west side moved rigidly; the trunk runs straight east now
    assert (r.settled["r"], r.settled["p"], r.settled["q"]) == ((0, 4), (-4, 4), (-4, 0))
    assert r.routed[0] == _line((0, 4), (8, 4))
    assert path_cost(r, 0) < before
    assert r.routed[3] == _line((-4, 4), (-4, 0))  # inner chains moved with it


def test_no_cut_move_for_a_straight_chain() -> None:
    r = _trunk_with_a_corner()
    assert cut_moves(r, 1) == []
