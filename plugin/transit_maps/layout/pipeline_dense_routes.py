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

from .grid import Cell
from .pipeline_ranks import Arc
from .pipeline_routes import PAD, Routed, _end, _fans, _priority, _templated, grid_for, searched

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
    grid = grid_for(cell, bars)
    fans = _fans(arcs)
    paths: dict[int, list[Cell]] = {}
    busiest = [-max(fans[(a.left, 1)], fans[(a.right, -1)]) if busiest_first else 0 for a in arcs]
    for i in sorted(range(len(arcs)), key=lambda k: (busiest[k], _priority(arcs[k], cell, k))):
        arc = arcs[i]
        for w in arc.waypoints:
            grid.station_at.pop(cell[w], None)
        start = _end(arc.left, cell[arc.nodes[1]], cell, bars)
        stop = _end(arc.right, cell[arc.nodes[-2]], cell, bars)
        way = [start, *(cell[w] for w in arc.waypoints), stop]
        path = _templated(grid, arc, way, fans)
        if path is None:
            path = _templated(grid, arc, way, fans, crossing=True)
        if path is None:
            path = searched(grid, arc, start, stop, crossing=True, pad=PAD, cap=DENSE_EXPANSIONS)
        if path is None:
            return None
        grid.occupy(path)
        paths[i] = path
    return Routed(grid, [paths[i] for i in range(len(arcs))])
