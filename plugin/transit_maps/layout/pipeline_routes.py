"""Octilinear paths of a layered pipeline drawing, on the grid of `grid.py`.

Every node (station or waypoint) already has its grid cell; each arc runs from its left station
through its waypoints to its right station, one rank (a few grid steps) at a time. A piece
between two ranks is drawn from a short list of shapes, the first that is free: straight; a
diagonal right at the start, then straight on (a fan-out, as in nf-metro); straight, then the
diagonal at the end (a fan-in); the diagonal in between; a vertical step out of or into a
node first where its diagonal ports are taken. An arc none of these fit is routed by the A*
search of `grid.route` (bend costs, no crossings), near its ends, then round the drawing; only
if that fails too may it cross (A* again, then the planned way through its waypoints).
Crossings are counted honestly: k paths through one grid node make k(k-1)/2.

Straight arcs go first (the drawing's backbone), then the rest by span and height difference.
Where the preferred shapes of the arcs on one side of a station would take its ports out of the
order of their next nodes (`fan_ports`), each of them tries first the shapes that take the port
an order-keeping assignment gives it.
A port-area station (more than eight neighbours) occupies a vertical bar of cells; its arcs
leave the bar at their own track, and their paths start with a stub along the bar from the
station's cell (the convention of `router.settle_bar` and `render/ports.py`). A path that
leaves a bar's end along the bar lengthens its drawn pill: it stops short of the next station
in the column (`grid_for`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations, pairwise

from .grid import DIRS, Cell, Ends, Grid, edge_key, route
from .pipeline_ranks import Arc, is_waypoint

# Free grid room kept around the drawing for detours.
BORDER = 8
# How far (grid cells) A* may stray from the box around an arc's ends: first, and when a path
# round the whole drawing is all that avoids a crossing.
PAD = 6
AROUND = 1000
# A* expansions allowed per search, and in all (one layer, every variant) for searches round
# the drawing and for untangling (they are what takes time).
EXPANSIONS = 4_000
BUDGET = 60_000
# Searches that may cross go on past the budget by this much; then only the planned way is tried.
CROSSING_ALLOWANCE = 12_000

Run = tuple[Cell, int]  # (unit step, how many)

# The ports of a station's side, top to bottom (`grid.DIRS` indices): the vertical ones are
# shared by both sides.
SIDE_PORTS: dict[int, tuple[int, ...]] = {-1: (6, 5, 4, 3, 2), 1: (6, 7, 0, 1, 2)}


@dataclass
class Budget:
    """A* expansions left for the searches that may fail expensively (round the drawing)."""

    left: int = BUDGET


@dataclass
class Routed:
    """Paths (grid cells, left end to right end, stubs not included) and the grid they occupy."""

    grid: Grid
    paths: list[list[Cell]] = field(default_factory=list)

    def crossings(self) -> int:
        """k paths through one grid node make k(k-1)/2 crossings (per pair, as metrics counts)."""
        return sum(n * (n - 1) // 2 for n in self.grid.used_nodes.values())

    def with_stubs(self, arcs: Sequence[Arc], cell: Mapping[str, Cell]) -> list[list[Cell]]:
        """The paths, each from its left station's cell to its right one's (bar stubs added)."""
        out = []
        for arc, path in zip(arcs, self.paths, strict=True):
            full = list(path)
            if full[0] != cell[arc.left]:
                full.insert(0, cell[arc.left])
            if full[-1] != cell[arc.right]:
                full.append(cell[arc.right])
            out.append(full)
        return out


def route_arcs(
    arcs: Sequence[Arc],
    cell: Mapping[str, Cell],
    bars: Mapping[str, Sequence[Cell]],
    budget: Budget,
    ends_last: bool = False,
) -> Routed | None:
    """Paths for every arc, in arc order, or None when some arc cannot be drawn at all.

    Searches round the whole drawing spend `budget`; none start once it is used up. With
    `ends_last`, the arcs of termini are drawn after all others (`draw_arcs`).
    """

    fixed = fan_ports(arcs, cell, bars)

    def find(grid: Grid, arc: Arc, way: list[Cell], fans: Fans) -> list[Cell] | None:
        start, stop = way[0], way[-1]
        path = None
        ports = (fixed.get((arc.left, arc.right, 1)), fixed.get((arc.left, arc.right, -1)))
        if ports != (None, None):
            path = templated_path(grid, arc, way, fans, ports=ports)
        if path is None:
            path = templated_path(grid, arc, way, fans)
        spent = grid.expansions
        if path is None and budget.left > 0:
            path = searched(grid, arc, start, stop, crossing=False)
        if path is None and budget.left > 0:  # round the drawing, if need be
            path = searched(grid, arc, start, stop, crossing=False, pad=AROUND)
        if path is None and budget.left > -CROSSING_ALLOWANCE:
            path = searched(grid, arc, start, stop, crossing=True)
        if path is None:  # the planned way, crossing where the order within the ranks does
            path = templated_path(grid, arc, way, fans, crossing=True)
        budget.left -= grid.expansions - spent
        return path

    return draw_arcs(arcs, cell, bars, find, ends_last=ends(arcs) if ends_last else frozenset())


def ends(arcs: Sequence[Arc]) -> frozenset[str]:
    """Stations on exactly one arc (termini: a report, an input)."""
    count: dict[str, int] = {}
    for arc in arcs:
        for n in (arc.left, arc.right):
            count[n] = count.get(n, 0) + 1
    return frozenset(n for n, k in count.items() if k == 1)


# How one arc's path is found: (grid, arc, its way from start cell to stop cell through its
# waypoints, pieces per station side) -> the path, or None.
Fans = dict[tuple[str, int], int]
ArcFinder = Callable[[Grid, Arc, list[Cell], Fans], list[Cell] | None]


def draw_arcs(
    arcs: Sequence[Arc],
    cell: Mapping[str, Cell],
    bars: Mapping[str, Sequence[Cell]],
    find: ArcFinder,
    busiest_first: bool = False,
    ends_last: frozenset[str] = frozenset(),
) -> Routed | None:
    """Paths for every arc, in arc order, each found by `find`; None when one has none.

    Straight arcs go first (`_priority`); with `busiest_first`, the arcs of the stations with
    most arcs on one side go before them (a point has eight ports, and a path passing next to
    it diagonally takes one of them); arcs of a station in `ends_last` go after all others.
    Each path occupies the grid before the next is found.
    """
    grid = grid_for(cell, bars)
    fans = _fans(arcs)
    paths: dict[int, list[Cell]] = {}
    busiest = [-max(fans[(a.left, 1)], fans[(a.right, -1)]) if busiest_first else 0 for a in arcs]
    last = [1 if a.left in ends_last or a.right in ends_last else 0 for a in arcs]
    order = sorted(
        range(len(arcs)), key=lambda k: (last[k], busiest[k], _priority(arcs[k], cell, k))
    )
    for i in order:
        arc = arcs[i]
        for w in arc.waypoints:
            grid.station_at.pop(cell[w], None)
        start = _end(arc.left, cell[arc.nodes[1]], cell, bars)
        stop = _end(arc.right, cell[arc.nodes[-2]], cell, bars)
        path = find(grid, arc, [start, *(cell[w] for w in arc.waypoints), stop], fans)
        if path is None:
            return None
        grid.occupy(path)
        paths[i] = path
    return Routed(grid, [paths[i] for i in range(len(arcs))])


def _priority(arc: Arc, cell: Mapping[str, Cell], index: int) -> tuple[int, int, int, int]:
    ys = [cell[n][1] for n in arc.nodes]
    rise = max(ys) - min(ys)
    return (1 if rise else 0, len(arc.waypoints), rise, index)


def _fans(arcs: Sequence[Arc]) -> dict[tuple[str, int], int]:
    """(station, side) -> pieces leaving it on that side (side -1 left, +1 right)."""
    out: dict[tuple[str, int], int] = {}
    for arc in arcs:
        out[(arc.left, 1)] = out.get((arc.left, 1), 0) + 1
        out[(arc.right, -1)] = out.get((arc.right, -1), 0) + 1
    return out


def _end(
    station: str, toward: Cell, cell: Mapping[str, Cell], bars: Mapping[str, Sequence[Cell]]
) -> Cell:
    """Where an arc leaves a station: its cell, or the bar cell level with the next node."""
    bar = bars.get(station)
    if not bar:
        return cell[station]
    return min(bar, key=lambda c: (abs(c[1] - toward[1]), c[1]))


def fan_ports(
    arcs: Sequence[Arc], cell: Mapping[str, Cell], bars: Mapping[str, Sequence[Cell]]
) -> dict[tuple[str, str, int], frozenset[int]]:
    """(left, right, end) -> the port an arc's end should take (end 1: left, -1: right).

    The arcs on one side of a point station meet it in the order of their next nodes, top to
    bottom, so their ports must run down `SIDE_PORTS` in that order, or two of them cross (or
    one finds no port). Where the ports of their preferred shapes do not (two arcs would take
    the same diagonal, and one between them none), each arc of the side is given the port of
    such an order that keeps the shapes most preferred: least sum of each shape's place in
    `piece_shapes`. Sides whose preferred ports already run in order get none.
    """
    fans = _fans(arcs)
    sides: dict[tuple[str, int], list[tuple[int, Arc, dict[int, int]]]] = {}
    for arc in arcs:
        for side in (1, -1):
            station = arc.left if side == 1 else arc.right
            if station in bars or fans[(station, side)] < 2:
                continue
            near = cell[arc.nodes[1] if side == 1 else arc.nodes[-2]]
            ranks = _port_ranks(arc, cell, bars, fans, side)
            sides.setdefault((station, side), []).append((near[1], arc, ranks))
    out: dict[tuple[str, str, int], frozenset[int]] = {}
    for (_, side), entries in sides.items():
        entries.sort(key=lambda e: e[0])  # distinct heights: the next nodes share a column
        order = SIDE_PORTS[side]
        preferred = [order.index(min(r, key=lambda p: r[p])) for _, _, r in entries]
        if all(a < b for a, b in pairwise(preferred)):
            continue
        for j, port in _in_order(entries, order).items():
            arc = entries[j][1]
            out[(arc.left, arc.right, side)] = frozenset((port,))
    return out


def _in_order(
    entries: Sequence[tuple[int, Arc, dict[int, int]]], order: Sequence[int]
) -> dict[int, int]:
    """Entry index -> port: the ports in `order` that keep the entries' order and their shapes
    most preferred, for as many consecutive entries as can have them (the outermost ones of
    a side with more arcs than ports, or with no shape for a port in order, get none)."""
    for size in range(min(len(entries), len(order)), 1, -1):
        best: tuple[float, int, tuple[int, ...]] = (math.inf, 0, ())
        for first in range(len(entries) - size + 1):
            window = entries[first : first + size]
            for chosen in combinations(range(len(order)), size):
                cost = sum(
                    r.get(order[p], math.inf) for p, (_, _, r) in zip(chosen, window, strict=True)
                )
                best = min(best, (cost, first, chosen))
        if not math.isinf(best[0]):
            return {best[1] + j: order[p] for j, p in enumerate(best[2])}
    return {}


def _fan_out_first(arc: Arc, fans: Mapping[tuple[str, int], int], k: int, last: int) -> bool:
    """Whether piece k (of pieces 0..last) prefers its diagonal at the start (a fan-out)."""
    fan_out = fans.get((arc.left, 1), 0) if k == 0 else 0
    fan_in = fans.get((arc.right, -1), 0) if k == last else 0
    return fan_out >= fan_in


def _port_ranks(
    arc: Arc,
    cell: Mapping[str, Cell],
    bars: Mapping[str, Sequence[Cell]],
    fans: Mapping[tuple[str, int], int],
    side: int,
) -> dict[int, int]:
    """Port (`grid.DIRS` index) at the arc's end on `side` of its station -> the place in
    `piece_shapes` of the first shape of its end piece that takes it."""
    nodes, last = arc.nodes, len(arc.nodes) - 2
    k = 0 if side == 1 else last
    a = _end(arc.left, cell[nodes[1]], cell, bars) if k == 0 else cell[nodes[k]]
    b = _end(arc.right, cell[nodes[-2]], cell, bars) if k == last else cell[nodes[k + 1]]
    ranks: dict[int, int] = {}
    for place, cells in enumerate(piece_shapes(a, b, _fan_out_first(arc, fans, k, last))):
        port = port_of(cells[0], cells[1]) if side == 1 else port_of(cells[-1], cells[-2])
        ranks.setdefault(port, place)
    return ranks


def templated_path(
    grid: Grid,
    arc: Arc,
    way: Sequence[Cell],
    fans: Mapping[tuple[str, int], int],
    crossing: bool = False,
    ports: tuple[Collection[int] | None, Collection[int] | None] = (None, None),
    closed: Collection[Cell] = (),
) -> list[Cell] | None:
    """The arc drawn piece by piece from the preferred shapes, or None if one piece fits none.

    With `crossing`, a piece may pass a grid node another path passes (a crossing there).
    `ports` are the port directions (`grid.DIRS` indices) the arc may leave and enter by (None:
    any); no piece passes through a cell of `closed`.
    """
    left, right = ports
    path = [way[0]]
    taken: set[Cell] = set()
    last = len(way) - 2
    for k, (a, b) in enumerate(pairwise(way)):
        for cells in piece_shapes(a, b, _fan_out_first(arc, fans, k, last)):
            body = cells[1:]
            if k == 0 and left is not None and port_of(cells[0], cells[1]) not in left:
                continue
            if k == last and right is not None and port_of(cells[-1], cells[-2]) not in right:
                continue
            if closed and any(c in closed for c in body[:-1]):
                continue
            if path_is_free(grid, path[-1], body, taken, k == last, crossing):
                path.extend(body)
                taken.update(body)
                break
        else:
            return None
    return path


def piece_shapes(a: Cell, b: Cell, fan_out: bool) -> Iterator[list[Cell]]:
    """Candidate piece shapes from a to b (b to the right of a), most wanted first."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    n, s = abs(dy), (1 if dy > 0 else -1)
    if n == 0:
        yield _cells(a, [((1, 0), dx)])
        return
    h, d = (1, 0), (1, s)
    options: list[list[Run]] = []
    if n <= dx:
        start, end = [(d, n), (h, dx - n)], [(h, dx - n), (d, n)]
        options += [start, end] if fan_out else [end, start]
        options += [[(h, k), (d, n), (h, dx - n - k)] for k in range(1, dx - n)]
    v = (0, s)
    for k in range(1, n + 1):
        m = n - k  # diagonal steps after k vertical ones
        if m > dx:
            continue
        # vertical steps out of or into a node (a path turning back on itself at a waypoint
        # is refused by `path_is_free`: its cells are taken)
        options.append([(v, k), (d, m), (h, dx - m)])
        options.append([(h, dx - m), (d, m), (v, k)])
    for runs in options:
        yield _cells(a, runs)


def _cells(a: Cell, runs: Sequence[Run]) -> list[Cell]:
    out = [a]
    for (ux, uy), count in runs:
        for _ in range(count):
            x, y = out[-1]
            out.append((x + ux, y + uy))
    return out


def path_is_free(
    grid: Grid, at: Cell, body: Sequence[Cell], taken: set[Cell], final: bool, crossing: bool
) -> bool:
    """Whether the cells `body`, walked from `at`, use no grid edge or node already taken.

    With `crossing`, nodes of other paths may be passed (never stations or grid edges).
    """
    prev = at
    for i, c in enumerate(body):
        if not grid.inside(c) or edge_key(prev, c) in grid.used_edges:
            return False
        if prev[0] != c[0] and prev[1] != c[1]:
            if edge_key((prev[0], c[1]), (c[0], prev[1])) in grid.used_edges:
                return False
            if (prev[0], c[1]) in taken and (c[0], prev[1]) in taken:
                return False
        is_end = final and i == len(body) - 1
        if not is_end and (c in grid.station_at or c in taken):
            return False
        if not is_end and not crossing and c in grid.used_nodes:
            return False
        prev = c
    return True


def searched(
    grid: Grid,
    arc: Arc,
    start: Cell,
    stop: Cell,
    crossing: bool,
    pad: int = PAD,
    steps: int = 0,
    cap: int = EXPANSIONS,
) -> list[Cell] | None:
    """A* on the grid from start to stop (bend costs weighted by the arc's lines).

    The path takes at least `steps` grid steps (room for stations laid along it).
    """
    ports = {(start, d): 0.0 for d in range(8)}
    source = Ends({start: 0.0}, ports, arc.left)
    target = Ends({stop: 0.0}, {(stop, d): 0.0 for d in range(8)}, arc.right)
    found = route(grid, source, target, steps, float(arc.weight), crossing, pad, max_expansions=cap)
    return None if found is None or math.isinf(len(found)) else found


def grid_for(cell: Mapping[str, Cell], bars: Mapping[str, Sequence[Cell]]) -> Grid:
    """An empty grid round the stations, waypoints and port bars, each cell marked as theirs.

    Waypoints are marked too: kept clear until their arc is drawn. Paths that leave a bar's end
    along it are kept clear of the next station in its column (`_bar_reach`).
    """
    xs = [c[0] for c in cell.values()] + [c[0] for b in bars.values() for c in b]
    ys = [c[1] for c in cell.values()] + [c[1] for b in bars.values() for c in b]
    grid = Grid(min(xs) - BORDER, min(ys) - BORDER, max(xs) + BORDER, max(ys) + BORDER)
    for n, c in cell.items():
        grid.station_at[c] = n
    for n, cells in bars.items():
        for c in cells:
            grid.station_at[c] = n
    for a, b in _bar_reach(cell, bars):
        grid.used_edges[edge_key(a, b)] = 1
    return grid


def _bar_reach(
    cell: Mapping[str, Cell], bars: Mapping[str, Sequence[Cell]]
) -> list[tuple[Cell, Cell]]:
    """Grid edges along a column closed so that bars' pills keep clear of point stations.

    Render draws a port area's pill over every vertex of its stubs on the bar's line that no
    other station's edge passes (`layout.markers.port_bars`), so a path that leaves a bar's end
    along the bar lengthens the pill. Such a run stops two cells (a station gap, as `port_bar`
    keeps the bar itself) short of the next station in the column; between two bars facing
    each other, each bar's run stops two cells short of the other bar. Two bars only two cells
    apart both keep the cell between them (a crowded bar end needs that port; where both bars'
    paths run into it they meet, and neither pill covers the meeting point).
    """
    marks: dict[int, list[tuple[int, int, bool]]] = {}  # x -> (top, bottom, is a bar)
    for n, c in cell.items():
        if n not in bars and not is_waypoint(n):
            marks.setdefault(c[0], []).append((c[1], c[1], False))
    for cells in bars.values():
        ys = [y for _, y in cells]
        marks.setdefault(cells[0][0], []).append((min(ys), max(ys), True))
    closed: set[tuple[Cell, Cell]] = set()
    for x, column in sorted(marks.items()):
        column.sort()
        for (_, above, upper), (below, _, lower) in pairwise(column):
            stops = []  # y of the closed edges (y, y + 1)
            if upper and (not lower or below - above > 2):
                stops.append(below - 2)  # the bar above runs down to two cells above
            if lower and (not upper or below - above > 2):
                stops.append(above + 1)  # the bar below runs up to two cells below
            closed.update(((x, y), (x, y + 1)) for y in stops if above <= y < below)
    return sorted(closed)


def port_of(a: Cell, b: Cell) -> int:
    """The port direction (`grid.DIRS` index) of the step from a to b."""
    return DIRS.index((b[0] - a[0], b[1] - a[1]))
