"""Octilinear paths of a dense layered drawing: crossings allowed, at grid nodes only.

Like `pipeline_routes.route_arcs`, but without the searches for a crossing-free way (in a dense
component they fail, and failing A* searches are what costs time). Each arc, in the order of
`pipeline_routes` (straight arcs first), takes the first of: a templated piece-by-piece path
that crosses nothing; the same that may cross other paths at grid nodes; an A* search that may
cross (at most DENSE_EXPANSIONS expansions). Crossings are clean: two paths meet at a grid node
and never share a grid edge, and no path passes a station.

With `ported`, every arc end at a point station first has its port assigned in the cyclic order
of the neighbours (`pipeline_dense_ports`), and each arc first tries, before the ways above:
the templated path leaving and entering by its assigned ports; the templated path by any ports
that keep the cyclic order (strictly between the ports of the end's neighbours around the
station, drawn or assigned); an A* search by those ports, the assigned one preferred; the
templated path by those ports, crossing. Cells just outside ports assigned to arcs not yet
drawn are closed to the others (for the search: at a crossing's cost).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence

from .grid import DIRS, Cell, Ends, Grid, route, turn
from .pipeline_dense_ports import End, allowed, assign_ports, port_cell
from .pipeline_ranks import Arc
from .pipeline_routes import (
    PAD,
    Fans,
    Routed,
    draw_arcs,
    port_of,
    searched,
    templated_path,
)

# A* expansions of one crossing search, and of one search that keeps to the cyclic order.
DENSE_EXPANSIONS = 3_000
# A* expansions of the crossing search tried again, when that one fails, while no variant of
# the layer has been drawn yet (`rescue`): without a drawing the layer falls to the routed
# candidates, which draw dense pipelines far worse and slower.
RESCUE_EXPANSIONS = 30_000
PORTED_EXPANSIONS = 3_000
# Cost (like a bend) per 45 degrees a search's port is off the assigned one.
PORT_OFF = 3.0
# Name under which port cells of arcs not yet drawn are locked (never a station id: NUL first).
PORT_LOCK = "\x00port"


def route_dense(
    arcs: Sequence[Arc],
    cell: Mapping[str, Cell],
    bars: Mapping[str, Sequence[Cell]],
    busiest_first: bool = False,
    ported: bool = False,
    most: float = math.inf,
    work: list[int] | None = None,
    rescue: float = 0.0,
) -> Routed | None:
    """Paths for every arc, in arc order, or None when some arc cannot be drawn or the
    paths so far cross more than `most` times (a better drawing is known: stop early).

    With `busiest_first`, the arcs of the stations with most arcs on one side go first (a point
    has eight ports, and a path passing next to it diagonally takes one of them). With `ported`,
    ports are assigned in cyclic order first and kept where a path allows. The A* expansions
    spent are added to `work[0]`. With `rescue` (a factor), a crossing search that fails is
    tried again with `rescue` times RESCUE_EXPANSIONS.
    """
    rings = assign_ports(arcs, cell, bars) if ported else {}
    where: dict[End, tuple[str, int]] = {}  # arc end -> (station, place in its ring)
    owners: dict[Cell, set[int]] = {}  # port cell -> arcs it is assigned to, not yet drawn
    for station, ring in rings.items():
        for k, ((i, end), d) in enumerate(ring):
            where[(i, end)] = (station, k)
            owners.setdefault(port_cell(cell[station], d), set()).add(i)
    drawn: dict[End, int] = {}  # port each drawn arc end took
    index = {(a.left, a.right): i for i, a in enumerate(arcs)}
    crossed = [0]  # crossings of the paths drawn so far
    grids: list[Grid] = []  # the grid drawn on (to read its expansions)

    def ports_of(i: int, end: int) -> tuple[int | None, list[int] | None]:
        """(assigned port, ports keeping the cyclic order) of an arc end; None: any."""
        if (i, end) not in where:
            return None, None
        station, k = where[(i, end)]
        ring = rings[station]
        return ring[k][1], allowed(ring, k, drawn)

    def find(grid: Grid, arc: Arc, way: list[Cell], fans: Fans) -> list[Cell] | None:
        if not grids:
            grids.append(grid)
        if crossed[0] > most:
            return None
        i = index[(arc.left, arc.right)]
        path = None
        if ported:
            closed = {c for c, who in owners.items() if who and i not in who}
            left, lefts = ports_of(i, 0)
            right, rights = ports_of(i, 1)
            strict = (
                None if left is None else [left],
                None if right is None else [right],
            )
            path = templated_path(grid, arc, way, fans, False, strict, closed)
            if path is None:
                path = _ported_search(grid, arc, way, (left, right), (lefts, rights), closed)
            if path is None:
                path = templated_path(grid, arc, way, fans, True, (lefts, rights), closed)
            for who in owners.values():
                who.discard(i)
        if path is None:
            path = templated_path(grid, arc, way, fans)
        if path is None:
            path = templated_path(grid, arc, way, fans, crossing=True)
        if path is None:
            path = searched(
                grid, arc, way[0], way[-1], crossing=True, pad=PAD, cap=DENSE_EXPANSIONS
            )
        if path is None and rescue:
            path = searched(
                grid,
                arc,
                way[0],
                way[-1],
                crossing=True,
                pad=PAD,
                cap=round(rescue * RESCUE_EXPANSIONS),
            )
        if path is None:
            return None
        # k paths through a node cross k(k-1)/2 times: one more path there adds k
        crossed[0] += sum(grid.used_nodes.get(c, 0) for c in path[1:-1])
        drawn[(i, 0)] = port_of(path[0], path[1])
        drawn[(i, 1)] = port_of(path[-1], path[-2])
        return path

    routed = draw_arcs(arcs, cell, bars, find, busiest_first)
    if work is not None and grids:
        work[0] += grids[0].expansions
    return routed


def _ported_search(
    grid: Grid,
    arc: Arc,
    way: Sequence[Cell],
    wanted: tuple[int | None, int | None],
    ports: tuple[Collection[int] | None, Collection[int] | None],
    closed: set[Cell],
) -> list[Cell] | None:
    """A* that may cross, by the given `ports` (None: any), each PORT_OFF a step off the
    `wanted` one; the `closed` cells cost a crossing."""
    start, stop = way[0], way[-1]
    source = Ends({start: 0.0}, _port_costs(start, wanted[0], ports[0]), arc.left)
    target = Ends({stop: 0.0}, _port_costs(stop, wanted[1], ports[1]), arc.right)
    added = [c for c in sorted(closed) if c not in grid.locked]
    for c in added:
        grid.locked[c] = (PORT_LOCK,)
    try:
        found = route(
            grid, source, target, 0, float(arc.weight), True, PAD, max_expansions=PORTED_EXPANSIONS
        )
    finally:
        for c in added:
            del grid.locked[c]
    return None if found is None or len(found) < 2 else found


def _port_costs(
    at: Cell, wanted: int | None, ports: Collection[int] | None
) -> dict[tuple[Cell, int], float]:
    every = range(len(DIRS))
    if wanted is None or ports is None:
        return {(at, d): 0.0 for d in every}
    return {(at, d): PORT_OFF * turn(d, wanted) for d in every if d in ports or d == wanted}
