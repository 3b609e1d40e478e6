"""The router: routes the chains of a layer one by one on the octilinear grid.

Each chain is a cheapest path (`grid.route`) between its end stations, long enough to hold its
stations; an end station not yet placed settles on a free grid node near its embedded position.
Routes that block a chain are ripped up and routed again after it; crossings are the last resort.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from . import ports, sides
from .chains import Chain
from .grid import (
    BEND,
    DIRS,
    MAX_EXPANSIONS,
    Bends,
    Cell,
    Ends,
    Grid,
    octi_distance,
    route,
    walk_cost,
)

Vec = tuple[float, float]

# Moving a station one grid step away from its embedded position costs this much.
MOVE = 1.0
# A station pinned by a previous layout.
MOVE_PINNED = 8.0
# A terminus (a station on one chain only) moves more cheaply, up to this many grid steps.
MOVE_TERMINUS = 0.1
TERMINUS_REACH = 8
# (crossing allowed, search radius around the embedded position), tried in turn until a route is
# found: crossings only once no planar route exists within the widest radius.
ATTEMPTS = ((False, 3), (False, 6), (True, 6), (True, 12))
# The last attempt searches wider and longer before the last resort (a path that ignores the grid).
LAST_PAD = 16
LAST_EXPANSIONS = 20 * MAX_EXPANSIONS
# Room (grid nodes) a route's search has around its end stations' candidate cells.
PAD = 8
# With `Router.sides`, the key stations of at least this many chains that a path passes on the
# wrong side (`Router._wrong_side`) are walled off and the path found again: a terminus on the
# other side of a route changes no face.
SIDES_DEGREE = 3
# What `grid.locked` names a wall's nodes by (no station has this id: ids are a-z, 0-9, - and _).
WALL = "#wall"


class GiveUp(Exception):
    """Raised when routing has spent more work than `Router.effort` allows."""


class Router:
    """Routing state: where stations settled, which ports their routed chains use."""

    def __init__(
        self,
        grid: Grid,
        chains: Sequence[Chain],
        through: ports.Through,
        embedding: Mapping[str, Vec],
        step: int,
    ) -> None:
        self.step = step
        self.grid = grid
        self.chains = chains
        self.through = through
        self.embedding = embedding
        self.degree: dict[str, int] = {}
        for c in chains:
            for end in c.ends:
                self.degree[end] = self.degree.get(end, 0) + 1
        self.pending = dict(self.degree)
        # the stations with pending edges (pending > 0), kept up to date with `pending`
        self.waiting = set(self.pending)
        self.settled: dict[str, Cell] = {}
        self.bars: dict[str, list[Cell]] = {}
        self.used_port: dict[str, dict[tuple[Cell, int], int]] = {}
        self.routed: dict[int, list[Cell]] = {}
        self.forced = 0  # chains drawn by the last resort
        self.pinned: set[str] = set()
        self.planar = True  # only then are crossings worth ripping up
        # a drawing without crossings exists already: give up rather than search for a crossing
        # path, unless that path will be repaired (`_repairable`): the routes it crosses ripped
        # up and routed again after it, which on a planar map often leaves no crossing
        self.no_crossings = False
        self.searches = 0
        self.effort = math.inf  # A* expansions allowed before GiveUp
        self.bends: Bends = BEND
        self.repaired: set[int] = set()
        # route each chain keeping key stations on the embedding's side of it (`_kept_sides`)
        self.sides = False
        # While True, commits and rip-ups leave the reserved cells stale: the local search then
        # calls `_reserve` itself before each search (it commits and rips up far more often).
        self.lazy = False
        # (station, first neighbour, ideal port, ports taken, bends) -> cost of each port:
        # `through` and `bends` do not change while the router works, so these are reused
        self._port_costs: dict[
            tuple[str, str, int, tuple[tuple[int, str], ...], Bends], tuple[float, ...]
        ] = {}
        # (station, first neighbour) -> the port towards it in the embedding
        self._ideal: dict[tuple[str, str], int] = {}

    def settle_bar(self, station: str) -> None:
        """A station with more than eight edges occupies a bar of grid nodes (its port area).

        The bar runs across the station's main direction of travel; edges leave from any of its
        nodes, and their exported path starts with a stub along the bar from the station's centre.
        """
        px, py = self.embedding[station]
        near = [
            self.embedding[c.stations[1] if c.stations[0] == station else c.stations[-2]]
            for c in self.chains
            if station in c.ends
        ]
        spread_x = sum(abs(q[0] - px) for q in near)
        spread_y = sum(abs(q[1] - py) for q in near)
        vertical = spread_y >= spread_x  # neighbours spread up and down: a vertical bar faces them
        cx, cy = round(px), round(py)
        # long enough to face every neighbour, as they lie across the bar in the embedding
        degree = self.degree[station]
        half = math.ceil(degree / 4)
        across = [round(q[1] if vertical else q[0]) for q in near]
        own = cy if vertical else cx
        lo = max(min(own - half, *across), own - degree)
        hi = min(max(own + half, *across), own + degree)
        if (hi - lo) % 2:  # an odd number of nodes puts the centre on one
            hi += 1
        cells: list[Cell] = []
        for shift in range(0, 50):
            cells = [(cx + shift, k) if vertical else (k, cy + shift) for k in range(lo, hi + 1)]
            if all(self.grid.inside(c) and self.grid.free(c) for c in cells):
                break
        self.bars[station] = cells
        self.settled[station] = cells[len(cells) // 2]
        for c in cells:
            self.grid.station_at[c] = station
        self.grid.occupy(cells)
        for c in cells:  # the bar is the station itself, not a route through it
            self.grid.used_nodes.pop(c, None)

    def route_chain(self, ci: int, rip_up: bool = True) -> None:
        """Route chain ci, settling its end stations.

        When no route exists, the routes that hem in its end stations are ripped up, this chain
        is routed first and they are routed again. Past that, ATTEMPTS allows crossings; the
        routes such a path crosses are ripped up once more and routed again after it (they may
        find a way round where it could not).
        """
        path = self._find(ci, planar_only=rip_up)
        if path is not None and self.sides:
            path = self._kept_sides(ci, path)
        if path is None and rip_up:
            victims = self._hemming(ci)
            for cj in victims:
                self._unroute(cj)
            self.route_chain(ci, rip_up=False)
            for cj in victims:
                self.route_chain(cj, rip_up=False)
            return
        if path is None:  # last resort: ignore occupancy (only for inputs the grid cannot hold)
            path = _straight(self.settled, self.chains[ci], self.embedding)
            self.forced += 1
        crossed = {c for c in path[1:-1] if c in self.grid.used_nodes}
        if crossed and not rip_up and self._repairable(ci):
            self.repaired.add(ci)
            victims = sorted(
                cj for cj, p in self.routed.items() if any(c in crossed for c in p[1:-1])
            )
            for cj in victims:
                self._unroute(cj)
            path = self._find(ci, planar_only=True) or path
            self._commit(ci, path)
            for cj in victims:
                self.route_chain(cj, rip_up=False)
            return
        self._commit(ci, path)

    def _commit(self, ci: int, path: list[Cell]) -> None:
        u, v = self.chains[ci].ends
        for station, cell in ((u, path[0]), (v, path[-1])):
            if station not in self.bars:
                self.settled[station] = cell
            self.grid.station_at[cell] = station
            self.pending[station] -= 1
            if self.pending[station] <= 0:
                self.waiting.discard(station)
        self.grid.occupy(path)
        self.routed[ci] = path
        self.used_port.setdefault(u, {})[(path[0], _dir(path[0], path[1]))] = ci
        self.used_port.setdefault(v, {})[(path[-1], _dir(path[-1], path[-2]))] = ci
        if not self.lazy:
            self._reserve()

    def crossing_cells(self) -> set[Cell]:
        """Grid nodes inside two or more routes."""
        seen: dict[Cell, int] = {}
        for path in self.routed.values():
            for c in path[1:-1]:
                seen[c] = seen.get(c, 0) + 1
        return {c for c, n in seen.items() if n > 1}

    def crossings(self) -> int:
        """Crossings at grid nodes: k routes through one node make k(k - 1)/2 (per pair, as
        `metrics` counts them); a path drawn by the last resort counts 10."""
        seen: dict[Cell, int] = {}
        for path in self.routed.values():
            for c in path[1:-1]:
                seen[c] = seen.get(c, 0) + 1
        return sum(n * (n - 1) // 2 for n in seen.values()) + 10 * self.forced

    def _find(self, ci: int, planar_only: bool, pad: int = PAD) -> list[Cell] | None:
        """A path for chain ci: out to a terminus, its best straight or once-bent run; else the
        grid search of each of ATTEMPTS in turn, with `pad` grid nodes of room round its end
        stations' cells (LAST_PAD on the last); None when none is found."""
        chain = self.chains[ci]
        u, v = chain.ends
        if self.degree[u] == self.degree[v] == 1 and u not in self.settled:
            return self._dead_end(ci, 1)  # a lone line: straight from its first station
        if u != v:
            for k, free in ((0, u), (1, v)):
                other = v if k == 0 else u
                if (
                    self.degree[free] == 1
                    and free not in self.settled
                    and (other in self.settled or other in self.bars)
                ):
                    path = self._dead_end(ci, k)
                    if path is not None:
                        return path
        for attempt, (crossing, radius) in enumerate(ATTEMPTS):
            if crossing and planar_only:
                break
            if crossing and self.no_crossings and not self._repairable(ci):
                raise GiveUp
            last = attempt == len(ATTEMPTS) - 1
            ends = [self._ends(chain, k, radius) for k in (0, 1)]
            if not ends[0].cells or not ends[1].cells:
                continue
            weight = float(len(chain.lines))
            self.searches += 1
            if self.grid.expansions > self.effort:
                raise GiveUp
            path = route(
                self.grid,
                ends[0],
                ends[1],
                self._least_length(chain),
                weight,
                crossing,
                pad=LAST_PAD if last else pad,
                max_expansions=LAST_EXPANSIONS if last else MAX_EXPANSIONS,
                bends=self.bends,
                wander=last,
            )
            if path is not None:
                return path
        return None

    def _wrong_side(self, ci: int, path: list[Cell]) -> list[Vec]:
        """Where the key stations of SIDES_DEGREE or more chains are (settled, or else
        embedded) that `path` passes on the other side than the embedding's polyline of chain
        ci does (`sides.winding`)."""
        chain = self.chains[ci]
        emb = self.embedding
        ring = [(float(x), float(y)) for x, y in path]
        ring += [emb[n] for n in reversed(chain.stations[1:-1])]
        x0, x1 = min(p[0] for p in ring), max(p[0] for p in ring)
        y0, y1 = min(p[1] for p in ring), max(p[1] for p in ring)
        out: list[Vec] = []
        for n, degree in sorted(self.degree.items()):
            if degree < SIDES_DEGREE or n in chain.ends:
                continue
            cell = self.settled.get(n)
            p = (float(cell[0]), float(cell[1])) if cell is not None else emb[n]
            if x0 < p[0] < x1 and y0 < p[1] < y1 and sides.winding(ring, p):
                out.append(p)
        return out

    def _kept_sides(self, ci: int, path: list[Cell]) -> list[Cell]:
        """`path`, or chain ci's path found again (without crossings) behind walls that keep
        the stations it passes on the wrong side (`_wrong_side`) on the embedding's side
        (`sides.wall`), when that path leaves fewer of them on the wrong side. A wall through
        a cell of the chain's own end stations is left out."""
        wrong = self._wrong_side(ci, path)
        if not wrong:
            return path
        chain = self.chains[ci]
        line = [self.embedding[n] for n in chain.stations]
        ends = {self.settled[n] for n in chain.ends if n in self.settled}
        grid = self.grid
        bounds = (grid.x0, grid.y0, grid.x1, grid.y1)
        walls: dict[Cell, tuple[str, ...]] = {}
        for p in wrong:
            cells = sides.wall(p, line, bounds)
            if not ends.intersection(cells):
                walls.update((c, (WALL,)) for c in cells)
        if not walls:
            return path
        # the search may go as far as the embedding's polyline does beyond the chain's ends
        ends_at = [self.settled.get(n) or self.embedding[n] for n in chain.ends]
        kept = grid.locked
        grid.locked = {**kept, **walls}
        try:
            room = PAD + math.ceil(sides.beyond(line, ends_at))
            again = self._find(ci, planar_only=True, pad=room)
        finally:
            grid.locked = kept
        if again is not None and len(self._wrong_side(ci, again)) < len(wrong):
            return again
        return path

    def _repairable(self, ci: int) -> bool:
        """Whether a crossing path for chain ci would be repaired (`route_chain`): the routes it
        crosses ripped up and routed again after it, which often leaves no crossing."""
        return self.planar and ci not in self.repaired

    def _least_length(self, chain: Chain) -> int:
        """Grid steps a chain's path needs: `step` per station gap; half that for a chain
        between two pinned stations (a previous drawing, maybe compacted), so a station added
        between them fits without pushing the rest of the map away."""
        u, v = chain.ends
        if (
            u in self.pinned
            and v in self.pinned
            and any(s not in self.pinned for s in chain.stations)
        ):
            return max(chain.steps, 1)
        return self.step * chain.steps

    def _dead_end(self, ci: int, k_free: int) -> list[Cell] | None:
        """A chain out to a terminus: the best straight or once-bent run, the terminus at its end.

        The terminus is free to slide along its run (at MOVE_TERMINUS per step away from its
        embedded position), so a line's end does not bend just to reach a geographic spot.
        """
        chain = self.chains[ci]
        k_fixed = 1 - k_free
        fixed = self._ends(chain, k_fixed, 0)
        free = chain.stations[0] if k_free == 0 else chain.stations[-1]
        names = (chain.stations[0], chain.stations[-1])
        length = self.step * chain.steps
        weight = float(len(chain.lines))
        ex, ey = self.embedding[free]
        slide = MOVE_PINNED if free in self.pinned else MOVE_TERMINUS
        best: tuple[float, list[Cell]] | None = None
        for (cell, d), port in sorted(fixed.port_cost.items()):
            if port == math.inf or not self.grid.port_free(cell, d):
                continue
            runs = [length]
            if free in self.pinned:  # a pinned terminus may need a longer run to stay put
                runs.append(octi_distance(cell, (round(ex), round(ey))))
            for run in sorted(set(r for r in runs if r >= length)):
                best = self._run(cell, d, run, port, weight, slide, (ex, ey), names, best)
        if best is None:
            return None
        return best[1] if k_fixed == 0 else list(reversed(best[1]))

    def _run(
        self,
        cell: Cell,
        d: int,
        length: int,
        port: float,
        weight: float,
        slide: float,
        target: Vec,
        names: tuple[str, str],
        best: tuple[float, list[Cell]] | None,
    ) -> tuple[float, list[Cell]] | None:
        """The best of `best` and the straight or once-bent runs of `length` from cell, port d."""
        ex, ey = target
        for turn_at in range(length, 0, -1):
            for d2 in (d,) if turn_at == length else ((d + 1) % 8, (d + 7) % 8):
                rest = length - turn_at
                end = (
                    cell[0] + DIRS[d][0] * turn_at + DIRS[d2][0] * rest,
                    cell[1] + DIRS[d][1] * turn_at + DIRS[d2][1] * rest,
                )
                cost = port + (0.0 if d2 == d else weight * self.bends[1])
                cost += slide * math.hypot(end[0] - ex, end[1] - ey)
                if best is not None and cost >= best[0]:
                    continue  # cheap test first: most runs lose before being walked
                path = [cell]
                for i in range(length):
                    step = DIRS[d] if i < turn_at else DIRS[d2]
                    path.append((path[-1][0] + step[0], path[-1][1] + step[1]))
                cost += walk_cost(self.grid, path, names)
                if cost < math.inf and (best is None or cost < best[0]):
                    best = (cost, path)
        return best

    def _hemming(self, ci: int) -> list[int]:
        """Routed chains that pass next to (or end at) a settled end station of chain ci."""
        cells = [self.settled[n] for n in self.chains[ci].ends if n in self.settled]
        out = []
        for cj in sorted(self.routed):
            if any(
                max(abs(p[0] - c[0]), abs(p[1] - c[1])) <= 1 for p in self.routed[cj] for c in cells
            ):
                out.append(cj)
        return out

    def _unroute(self, cj: int) -> None:
        path = self.routed.pop(cj)
        self.grid.release(path)
        u, v = self.chains[cj].ends
        for station, _cell in ((u, path[0]), (v, path[-1])):
            self.pending[station] += 1
            if self.pending[station] > 0:
                self.waiting.add(station)
            taken = self.used_port[station]  # drop the chain's ports, keeping the others' order
            for key in [k for k, c in taken.items() if c == cj]:
                del taken[key]
        if not self.lazy:
            self._reserve()

    def full_path(self, ci: int) -> list[Cell]:
        """The routed path with the stubs along bar stations added at its ends."""
        path = list(self.routed[ci])
        u, v = self.chains[ci].ends
        if u in self.bars and path[0] != self.settled[u]:
            path.insert(0, self.settled[u])
        if v in self.bars and path[-1] != self.settled[v]:
            path.append(self.settled[v])
        return path

    def _reserve(self) -> None:
        """Keep room around settled stations that still wait for edges.

        Their free neighbour cells cost RESERVED to pass; when a station has no more than one
        spare free port, its free neighbours are locked outright.
        """
        reserved: dict[Cell, list[str]] = {}
        locked: dict[Cell, list[str]] = {}
        grid = self.grid
        used_edges = grid.used_edges
        station_at = grid.station_at
        used_nodes = grid.used_nodes
        settled = self.settled
        bars = self.bars
        # only stations that wait for edges count; in name order, as sorted(settled) would give
        waiting = sorted(s for s in self.waiting if s in settled and s not in bars)
        for station in waiting:
            cell = settled[station]
            x, y = cell
            near = [(x + dx, y + dy) for dx, dy in DIRS]
            open_cells = [
                c
                for c, forward in zip(near, _FORWARD, strict=True)
                if ((cell, c) if forward else (c, cell)) not in used_edges
                and c not in station_at
                and c not in used_nodes
            ]
            target = locked if len(open_cells) <= self.pending[station] + 1 else reserved
            for c in open_cells if target is locked else near:
                target.setdefault(c, []).append(station)
        grid.reserved = {c: tuple(v) for c, v in reserved.items()}
        grid.locked = {c: tuple(v) for c, v in locked.items()}

    def _ends(self, chain: Chain, k: int, radius: int) -> Ends:
        """Candidate cells and port costs for end k (0 = first station) of a chain."""
        grid = self.grid
        station = chain.stations[0] if k == 0 else chain.stations[-1]
        first_nb = chain.stations[1] if k == 0 else chain.stations[-2]
        ideal = self._ideal.get((station, first_nb))
        if ideal is None:  # the embedding does not change while the router works
            ideal = ports.direction_to(self.embedding[station], self.embedding[first_nb])
            self._ideal[(station, first_nb)] = ideal
        cells: dict[Cell, float] = {}
        if station in self.bars:
            cells = {c: 0.0 for c in self.bars[station]}
        elif station in self.settled:
            cells = {self.settled[station]: 0.0}
        else:
            move = MOVE_PINNED if station in self.pinned else MOVE
            if (
                self.degree[station] == 1 and station not in self.pinned
            ):  # a terminus may slide to keep its line straight
                radius = max(radius, min(TERMINUS_REACH, self.step * chain.steps // 2))
                move = MOVE_TERMINUS
            cells = candidate_cells(
                grid, self.embedding[station], radius, self.degree[station], move
            )
        taken = self.used_port.get(station, {})
        around: list[tuple[int, str]] = []  # (port, first station along the routed chain)
        for (_, d_other), cj in sorted(taken.items()):
            other = self.chains[cj]
            nb = other.stations[1] if other.stations[0] == station else other.stations[-2]
            around.append((d_other, nb))
        key = (station, first_nb, ideal, tuple(around), self.bends)
        costs = self._port_costs.get(key)
        if costs is None:
            costs = self._port_costs[key] = self._costs_by_port(station, first_nb, ideal, around)
        port_cost: dict[tuple[Cell, int], float] = {}
        for d, cost in enumerate(costs):
            for c in cells:
                if (c, d) not in taken:
                    port_cost[(c, d)] = cost
        return Ends(cells, port_cost, station)

    def _costs_by_port(
        self, station: str, first_nb: str, ideal: int, around: list[tuple[int, str]]
    ) -> tuple[float, ...]:
        """The cost of each of a station's eight ports for a chain towards `first_nb`."""
        out = []
        for d in range(8):
            cost = ports.ANGLE * ports.turn(d, ideal)
            for d_other, nb in around:
                lo, hi = sorted((nb, first_nb))
                n_through = self.through.get((station, lo, hi), 0)
                if n_through:
                    cost += n_through * ports.bend(d_other, d, self.bends)
            out.append(cost)
        return tuple(out)


# whether edge_key(cell, neighbour) keeps that order, for each direction
_FORWARD = tuple((dx, dy) > (0, 0) for dx, dy in DIRS)


_DIR_OF = {step: d for d, step in enumerate(DIRS)}
_STEPS = tuple(zip(DIRS, _FORWARD, strict=True))


def candidate_cells(grid: Grid, p: Vec, radius: int, degree: int, move: float) -> dict[Cell, float]:
    """The cells within `radius` of p's nearest cell where a station of `degree` may go, each
    costing `move` per unit away from p: inside the grid, free, with at least `degree` unused
    ports and no station next to it (row by row, as a scan of the square).

    `grid.inside`, `grid.free` and `grid.free_ports(c) >= degree` inlined; the ports are
    counted only until enough are free.
    """
    px, py = p
    cx, cy = round(px), round(py)
    station_at = grid.station_at
    used_nodes = grid.used_nodes
    used_edges = grid.used_edges
    cells: dict[Cell, float] = {}
    for dx in range(-radius, radius + 1):
        x = cx + dx
        if not grid.x0 <= x <= grid.x1:
            continue
        for dy in range(-radius, radius + 1):
            y = cy + dy
            c = (x, y)
            if not grid.y0 <= y <= grid.y1 or c in station_at or c in used_nodes:
                continue
            free = 0
            for (ex, ey), forward in _STEPS:
                n = (x + ex, y + ey)
                if ((c, n) if forward else (n, c)) not in used_edges:
                    free += 1
                    if free >= degree:
                        break
            if free < degree or any((x + ex, y + ey) in station_at for ex, ey in DIRS):
                continue
            cells[c] = move * math.hypot(x - px, y - py)
    return cells


def _dir(a: Cell, b: Cell) -> int:
    step = (b[0] - a[0], b[1] - a[1])
    d = _DIR_OF.get(step)
    return DIRS.index(step) if d is None else d  # (not a unit step: DIRS.index raises)


def nearest_free(grid: Grid, p: Vec) -> Cell:
    cx, cy = round(p[0]), round(p[1])
    for r in range(0, 1000):
        ring = sorted(
            (math.hypot(cx + dx - p[0], cy + dy - p[1]), (cx + dx, cy + dy))
            for dx in range(-r, r + 1)
            for dy in range(-r, r + 1)
            if max(abs(dx), abs(dy)) == r
        )
        for _, c in ring:
            if grid.free(c):
                return c
    raise AssertionError("no free grid cell")  # pragma: no cover - the grid is unbounded here


def _straight(
    settled: Mapping[str, Cell], chain: Chain, embedding: Mapping[str, Vec]
) -> list[Cell]:
    """An octilinear path that ignores occupancy: diagonal first, then straight."""
    u, v = chain.ends
    a = settled.get(u) or (round(embedding[u][0]), round(embedding[u][1]))
    b = settled.get(v) or (round(embedding[v][0]), round(embedding[v][1]))
    if a == b:
        b = (b[0] + chain.steps, b[1])
    path = [a]
    x, y = a
    while (x, y) != b:
        x += (b[0] > x) - (b[0] < x)
        y += (b[1] > y) - (b[1] < y)
        path.append((x, y))
    return path
