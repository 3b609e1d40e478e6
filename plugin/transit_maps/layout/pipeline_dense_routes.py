"""Octilinear paths of a dense layered drawing: crossings allowed, at grid nodes only.

Like `pipeline_routes.route_arcs`, but without the searches for a crossing-free way (in a dense
component they fail, and failing A* searches are what costs time). Each arc, in the order of
`pipeline_routes` (straight arcs first), takes the first of: a templated piece-by-piece path
that crosses nothing; the same that may cross other paths at grid nodes; an A* search that may
cross (at most DENSE_EXPANSIONS expansions). Crossings are clean: two paths meet at a grid node
and never share a grid edge, and no path passes a station.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .grid import Cell, Grid
from .pipeline_ranks import Arc
from .pipeline_routes import PAD, Fans, Routed, _templated, draw_arcs, searched

# A* expansions of one crossing search.
DENSE_EXPANSIONS = 3_000


def route_dense(
    arcs: Sequence[Arc],
    cell: Mapping[str, Cell],
    bars: Mapping[str, Sequence[Cell]],
    busiest_first: bool = False,
) -> Routed | None:
    """Paths for every arc, in arc order, or None when some arc cannot be drawn.

    With `busiest_first`, the arcs of the stations with most arcs on one side go first (a point
    has eight ports, and a path passing next to it diagonally takes one of them).
    """

    def find(grid: Grid, arc: Arc, way: list[Cell], fans: Fans) -> list[Cell] | None:
        path = _templated(grid, arc, way, fans)
        if path is None:
            path = _templated(grid, arc, way, fans, crossing=True)
        if path is None:
            path = searched(
                grid, arc, way[0], way[-1], crossing=True, pad=PAD, cap=DENSE_EXPANSIONS
            )
        return path

    return draw_arcs(arcs, cell, bars, find, busiest_first)
