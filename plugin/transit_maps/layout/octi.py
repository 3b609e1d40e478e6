"""Octilinear schematisation: route the contracted station graph on the octilinear grid.

Chains of pass-through stations (degree 2) are contracted into one edge between their end
stations; each such edge is routed as a cheapest path on the grid (see `grid.route`) long enough to
hold its stations, densest parts first, each end station settling on a free grid node near its
embedded position. The stations of a chain are then laid evenly along its path.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import networkx as nx

from ..model import Layer
from . import ports
from .grid import BEND, DIRS, Cell, Ends, Grid, route, walk_cost

Vec = tuple[float, float]

# A candidate that needs more than EFFORT grid searches per chain is abandoned when another
# candidate has been drawn already (they only need that many when the embedding is poor).
EFFORT = 3
# Weights of the objective that picks among candidate embeddings (see `objective`).
CROSSING_WEIGHT = 1000.0
CV_WEIGHT = 40.0
# Moving a station one grid step away from its embedded position costs this much.
MOVE = 1.0
# Stations of a chain are never laid closer than this (station gaps) along its path.
MIN_GAP = 0.5
# A station pinned by a previous layout.
MOVE_PINNED = 8.0
# A terminus (a station on one chain only) moves more cheaply, up to this many grid steps.
MOVE_TERMINUS = 0.1
TERMINUS_REACH = 8
# (crossing allowed, search radius around the embedded position), tried in turn until a route is
# found: crossings only once no planar route exists within the widest radius.
ATTEMPTS = ((False, 3), (False, 6), (True, 6), (True, 12))
# Grid nodes per station gap: stations sit STEP grid steps apart, so routes have room to bend
# between them (the exported unit is the station gap, dimensions.GRID).
STEP = 2
# Stations with more edges than this get a bar of grid nodes (see _Router.settle_bar).
MAX_POINT_DEGREE = 8
# Free grid room kept around the embedding.
BORDER = 8


@dataclass(frozen=True)
class Chain:
    """A contracted edge: the stations from one kept station to the next, ends included."""

    stations: tuple[str, ...]
    lines: tuple[str, ...]

    @property
    def ends(self) -> tuple[str, str]:
        return self.stations[0], self.stations[-1]

    @property
    def steps(self) -> int:
        return len(self.stations) - 1


@dataclass
class Schematic:
    """Result: station positions and one octilinear path per adjacent pair, in grid units."""

    positions: dict[str, Vec] = field(default_factory=dict)
    paths: dict[tuple[str, str], list[Vec]] = field(default_factory=dict)
    angles: dict[str, float] = field(default_factory=dict)
    # grid nodes where one route crosses another (only where no planar route was found)
    crossings: int = 0


def contract(layer: Layer, g: nx.Graph) -> list[Chain]:
    """Chains between stations of degree other than 2.

    A chain that would close on itself (a loop) is cut at its middle station, so every chain
    joins two distinct stations.
    """
    order = {s.id: i for i, s in enumerate(layer.stations)}
    kept = {n for n in g if g.degree(n) != 2}
    for comp in sorted(nx.connected_components(g), key=lambda c: min(order[n] for n in c)):
        if not any(n in kept for n in comp):  # a pure cycle: start from its first station
            kept.add(min(comp, key=order.__getitem__))
    while True:
        chains = _chains(layer, g, kept, order)
        loops = [c for c in chains if c.ends[0] == c.ends[1]]
        if not loops:
            return chains
        for c in loops:
            kept.add(c.stations[len(c.stations) // 2])


def _chains(layer: Layer, g: nx.Graph, kept: set[str], order: Mapping[str, int]) -> list[Chain]:
    seg_lines = {frozenset((s.a, s.b)): s.lines for s in layer.segments}
    line_rank = {line.id: i for i, line in enumerate(layer.lines)}
    done: set[frozenset[str]] = set()
    chains: list[Chain] = []
    for start in sorted(kept, key=order.__getitem__):
        for nb in sorted(g[start], key=order.__getitem__):
            if frozenset((start, nb)) in done:
                continue
            seq = _walk(g, start, nb, kept)
            lines: set[str] = set()
            for a, b in pairwise(seq):
                done.add(frozenset((a, b)))
                lines.update(seg_lines[frozenset((a, b))])
            chains.append(Chain(tuple(seq), tuple(sorted(lines, key=line_rank.__getitem__))))
    return chains


def _walk(g: nx.Graph, start: str, nxt: str, stop: set[str]) -> list[str]:
    seq = [start, nxt]
    while seq[-1] not in stop:
        a, b = (m for m in g[seq[-1]])
        seq.append(b if a == seq[-2] else a)
    return seq


def schematise(
    layer: Layer,
    g: nx.Graph,
    embedding: Mapping[str, Vec],
    step: int = STEP,
    bound: float = math.inf,
    pinned: Mapping[str, Vec] | None = None,
    trail: Collection[tuple[Cell, Cell]] = (),
) -> Schematic | None:
    """Place every station on the octilinear grid and route every edge (see module docstring).

    `step` is the number of grid steps per station gap: at least STEP; more gives the routes
    more room. Gives up (None) once the crossings alone cost more than `bound` (a better
    candidate exists). Stations in `pinned` cost MOVE_PINNED per step away from their place;
    grid edges in `trail` (a previous drawing) are cheaper to follow (grid.TRAIL_HOP).
    """
    order = {s.id: i for i, s in enumerate(layer.stations)}
    chains = contract(layer, g)
    embedding = {n: (x * step, y * step) for n, (x, y) in embedding.items()}
    xs = [p[0] for p in embedding.values()] or [0.0]
    ys = [p[1] for p in embedding.values()] or [0.0]
    grid = Grid(
        math.floor(min(xs)) - BORDER,
        math.floor(min(ys)) - BORDER,
        math.ceil(max(xs)) + BORDER,
        math.ceil(max(ys)) + BORDER,
    )
    grid.trail = set(trail) if step == STEP else set()
    r = _Router(grid, chains, ports.continuations(layer), embedding, step)
    r.pinned = set(pinned or {})
    r.planar = bool(nx.check_planarity(g)[0])
    for n in sorted(r.degree, key=order.__getitem__):
        if r.degree[n] > MAX_POINT_DEGREE:
            r.settle_bar(n)
    for ci in _routing_order(chains, r.degree, order):
        r.route_chain(ci)
        if CROSSING_WEIGHT * r.crossings() > bound:
            return None
        if bound < math.inf and r.searches > EFFORT * len(chains):
            return None  # struggling: a candidate already drawn is the better bet
    out = Schematic(crossings=r.crossings())
    for n in sorted(g, key=order.__getitem__):
        if g.degree(n) == 0:
            cell = _nearest_free(grid, embedding[n])
            grid.station_at[cell] = n
            r.settled[n] = cell
    for n, cell in r.settled.items():
        out.positions[n] = (cell[0] / step, cell[1] / step)
    shared = r.crossing_cells()
    for ci, chain in enumerate(chains):
        path = r.full_path(ci)
        inner = set(path[1:-1])
        avoid = sorted(c for c in shared if c in inner)
        _lay_out_chain(chain, path, out, step, avoid, pinned)
    for n, used in r.used_port.items():
        best = max(used.items(), key=lambda kv: (len(chains[kv[1]].lines), -kv[0][1]))
        out.angles[n] = float((best[0][1] % 4) * 45)
    for n, cells in r.bars.items():
        out.angles[n] = 90.0 if cells[0][0] == cells[-1][0] else 0.0
    return out


class _Router:
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
        self.settled: dict[str, Cell] = {}
        self.bars: dict[str, list[Cell]] = {}
        self.used_port: dict[str, dict[tuple[Cell, int], int]] = {}
        self.routed: dict[int, list[Cell]] = {}
        self.forced = 0  # chains drawn by the last resort
        self.pinned: set[str] = set()
        self.planar = True  # only then are crossings worth ripping up
        self.searches = 0
        self.repaired: set[int] = set()

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
        half = math.ceil(self.degree[station] / 4)
        vertical = spread_x >= spread_y
        cx, cy = round(px), round(py)
        for shift in range(0, 50):
            cells = [
                (cx + shift, cy + k) if vertical else (cx + k, cy + shift)
                for k in range(-half, half + 1)
            ]
            if all(self.grid.inside(c) and self.grid.free(c) for c in cells):
                break
        self.bars[station] = cells
        self.settled[station] = cells[half]
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
        if crossed and not rip_up and self.planar and ci not in self.repaired:
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
        self.grid.occupy(path)
        self.routed[ci] = path
        self.used_port.setdefault(u, {})[(path[0], _dir(path[0], path[1]))] = ci
        self.used_port.setdefault(v, {})[(path[-1], _dir(path[-1], path[-2]))] = ci
        self._reserve()

    def crossing_cells(self) -> set[Cell]:
        """Grid nodes inside two or more routes."""
        seen: dict[Cell, int] = {}
        for path in self.routed.values():
            for c in path[1:-1]:
                seen[c] = seen.get(c, 0) + 1
        return {c for c, n in seen.items() if n > 1}

    def crossings(self) -> int:
        """Grid nodes shared by two routes (each extra route through a node counts once)."""
        seen: dict[Cell, int] = {}
        for path in self.routed.values():
            for c in path[1:-1]:
                seen[c] = seen.get(c, 0) + 1
        return sum(n - 1 for n in seen.values()) + 10 * self.forced

    def _find(self, ci: int, planar_only: bool) -> list[Cell] | None:
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
        for crossing, radius in ATTEMPTS:
            if crossing and planar_only:
                break
            ends = [self._ends(chain, k, radius) for k in (0, 1)]
            if not ends[0].cells or not ends[1].cells:
                continue
            weight = float(len(chain.lines))
            self.searches += 1
            path = route(self.grid, ends[0], ends[1], self.step * chain.steps, weight, crossing)
            if path is not None:
                return path
        return None

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
        best: tuple[float, list[Cell]] | None = None
        for (cell, d), port in sorted(fixed.port_cost.items()):
            if port == math.inf or not self.grid.port_free(cell, d):
                continue
            for turn_at in range(length, 0, -1):
                for d2 in (d,) if turn_at == length else ((d + 1) % 8, (d + 7) % 8):
                    rest = length - turn_at
                    end = (
                        cell[0] + DIRS[d][0] * turn_at + DIRS[d2][0] * rest,
                        cell[1] + DIRS[d][1] * turn_at + DIRS[d2][1] * rest,
                    )
                    cost = port + (0.0 if d2 == d else weight * BEND[1])
                    cost += MOVE_TERMINUS * math.hypot(end[0] - ex, end[1] - ey)
                    if best is not None and cost >= best[0]:
                        continue  # cheap test first: most runs lose before being walked
                    path = [cell]
                    for i in range(length):
                        step = DIRS[d] if i < turn_at else DIRS[d2]
                        path.append((path[-1][0] + step[0], path[-1][1] + step[1]))
                    cost += walk_cost(self.grid, path, names)
                    if cost < math.inf and (best is None or cost < best[0]):
                        best = (cost, path)
        if best is None:
            return None
        return best[1] if k_fixed == 0 else list(reversed(best[1]))

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
            self.used_port[station] = {k: c for k, c in self.used_port[station].items() if c != cj}
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
        for station, cell in sorted(self.settled.items()):
            if self.pending[station] <= 0 or station in self.bars:
                continue
            near = [(cell[0] + dx, cell[1] + dy) for dx, dy in DIRS]
            open_cells = [
                c for d, c in enumerate(near) if self.grid.port_free(cell, d) and self.grid.free(c)
            ]
            target = locked if len(open_cells) <= self.pending[station] + 1 else reserved
            for c in open_cells if target is locked else near:
                target.setdefault(c, []).append(station)
        self.grid.reserved = {c: tuple(v) for c, v in reserved.items()}
        self.grid.locked = {c: tuple(v) for c, v in locked.items()}

    def _ends(self, chain: Chain, k: int, radius: int) -> Ends:
        """Candidate cells and port costs for end k (0 = first station) of a chain."""
        grid = self.grid
        station = chain.stations[0] if k == 0 else chain.stations[-1]
        first_nb = chain.stations[1] if k == 0 else chain.stations[-2]
        ideal = ports.direction_to(self.embedding[station], self.embedding[first_nb])
        cells: dict[Cell, float] = {}
        if station in self.bars:
            cells = {c: 0.0 for c in self.bars[station]}
        elif station in self.settled:
            cells = {self.settled[station]: 0.0}
        else:
            px, py = self.embedding[station]
            cx, cy = round(px), round(py)
            move = MOVE_PINNED if station in self.pinned else MOVE
            if (
                self.degree[station] == 1 and station not in self.pinned
            ):  # a terminus may slide to keep its line straight
                radius = max(radius, min(TERMINUS_REACH, self.step * chain.steps // 2))
                move = MOVE_TERMINUS
            for dx in range(-radius, radius + 1):
                for dy in range(-radius, radius + 1):
                    c = (cx + dx, cy + dy)
                    if (
                        grid.inside(c)
                        and grid.free(c)
                        and grid.free_ports(c) >= self.degree[station]
                        and not any((c[0] + ex, c[1] + ey) in grid.station_at for ex, ey in DIRS)
                    ):
                        cells[c] = move * math.hypot(c[0] - px, c[1] - py)
        taken = self.used_port.get(station, {})
        around: list[tuple[int, str]] = []  # (port, first station along the routed chain)
        for (_, d_other), cj in sorted(taken.items()):
            other = self.chains[cj]
            nb = other.stations[1] if other.stations[0] == station else other.stations[-2]
            around.append((d_other, nb))
        port_cost: dict[tuple[Cell, int], float] = {}
        for d in range(8):
            cost = ports.ANGLE * ports.turn(d, ideal)
            for d_other, nb in around:
                lo, hi = sorted((nb, first_nb))
                n_through = self.through.get((station, lo, hi), 0)
                if n_through:
                    cost += n_through * ports.bend(d_other, d)
            for c in cells:
                if (c, d) not in taken:
                    port_cost[(c, d)] = cost
        return Ends(cells, port_cost, station)


def _core(chains: Sequence[Chain]) -> set[int]:
    """Chains on a cycle or between cycles: what is left after peeling off dead ends."""
    degree: dict[str, int] = {}
    for c in chains:
        for end in c.ends:
            degree[end] = degree.get(end, 0) + 1
    alive = set(range(len(chains)))
    leaves = sorted(n for n, d in degree.items() if d == 1)
    while leaves:
        leaf = leaves.pop()
        for i in sorted(alive):
            if leaf in chains[i].ends:
                alive.discard(i)
                for end in chains[i].ends:
                    degree[end] -= 1
                    if degree[end] == 1:
                        leaves.append(end)
                break
    return alive


def _routing_order(
    chains: Sequence[Chain], degree: Mapping[str, int], order: Mapping[str, int]
) -> list[int]:
    """Cycles first (dead-end branches can always find room later, closing a cycle cannot);
    within each part, grow from the station of highest degree, heaviest bundles first."""
    core = _core(chains)
    settled: set[str] = set()
    out: list[int] = []
    for part in (core, set(range(len(chains))) - core):
        remaining = set(part)
        while remaining:
            frontier = [i for i in remaining if any(e in settled for e in chains[i].ends)]
            if not frontier:
                seed = min(
                    (e for i in remaining for e in chains[i].ends),
                    key=lambda n: (-degree[n], order[n]),
                )
                settled.add(seed)
                continue
            pick = min(
                frontier,
                key=lambda i: (
                    -len(chains[i].lines),
                    -max(degree[e] for e in chains[i].ends),
                    chains[i].steps,
                    i,
                ),
            )
            remaining.discard(pick)
            out.append(pick)
            settled.update(chains[pick].ends)
    return out


def _dir(a: Cell, b: Cell) -> int:
    return DIRS.index((b[0] - a[0], b[1] - a[1]))


def _nearest_free(grid: Grid, p: Vec) -> Cell:
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


def _lay_out_chain(
    chain: Chain,
    path: list[Cell],
    out: Schematic,
    step: int,
    avoid: Collection[Cell] = (),
    pins: Mapping[str, Vec] | None = None,
) -> None:
    """Spread the chain's stations evenly (by length) along its path; split the path at them.

    A station never sits on a cell in `avoid` (where another route crosses this one): it moves
    half a grid step along its path instead. Pinned stations that the path still passes keep
    their place; the others spread evenly between them.
    """
    pts = [(x / step, y / step) for x, y in path]
    cum = [0.0]
    for a, b in pairwise(pts):
        cum.append(cum[-1] + math.dist(a, b))
    total = cum[-1]
    n = chain.steps
    crossed = [(c[0] / step, c[1] / step) for c in avoid]
    arcs = _arc_positions(chain, pts, cum, pins or {})
    marks: list[tuple[Vec, int]] = []  # (point, index of the path piece it lies on)
    for i in range(1, n):
        s = arcs[i]
        if crossed and any(math.dist(_point_at(pts, cum, s), c) < 0.3 / step for c in crossed):
            s = min(s + 0.5 / step, total * (i + 0.5) / n)
        j = max(k for k in range(len(cum) - 1) if cum[k] <= s + 1e-9)
        j = min(j, len(pts) - 2)
        t = (s - cum[j]) / (cum[j + 1] - cum[j]) if cum[j + 1] > cum[j] else 0.0
        a, b = pts[j], pts[j + 1]
        p = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        marks.append((p, j))
        out.positions[chain.stations[i]] = p
        dx, dy = b[0] - a[0], b[1] - a[1]
        out.angles[chain.stations[i]] = float(round(math.degrees(math.atan2(dy, dx))) % 180)
    cuts: list[tuple[Vec, int]] = [(pts[0], -1), *marks, (pts[-1], len(pts) - 1)]
    for k, (u, v) in enumerate(pairwise(chain.stations)):
        (p0, j0), (p1, j1) = cuts[k], cuts[k + 1]
        out.paths[(u, v)] = _simplify([p0, *pts[j0 + 1 : j1 + 1], p1])


def _arc_positions(
    chain: Chain, pts: Sequence[Vec], cum: Sequence[float], pins: Mapping[str, Vec]
) -> list[float]:
    """Where along the path (by length) each station of the chain goes; ends at 0 and total."""
    n = chain.steps
    total = cum[-1]
    known: dict[int, float] = {0: 0.0, n: total}
    last = 0.0
    for i in range(1, n):
        pin = pins.get(chain.stations[i])
        at = _arc_of(pts, cum, pin) if pin is not None else None
        if at is not None and last + MIN_GAP <= at <= total - MIN_GAP:
            known[i] = last = at
    out = [0.0] * (n + 1)
    anchors = sorted(known)
    for a, b in pairwise(anchors):
        for i in range(a, b + 1):
            out[i] = known[a] + (known[b] - known[a]) * (i - a) / (b - a)
    if any(y - x < MIN_GAP for x, y in pairwise(out)):  # pins too tight now: even spacing
        out = [total * i / n for i in range(n + 1)]
    return out


def _arc_of(pts: Sequence[Vec], cum: Sequence[float], p: Vec) -> float | None:
    """Length along the path to point p, when p lies on it."""
    for j, (a, b) in enumerate(pairwise(pts)):
        length = cum[j + 1] - cum[j]
        if length <= 0:
            continue
        t = ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / (length * length)
        if -1e-9 <= t <= 1 + 1e-9:
            q = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
            if math.dist(p, q) < 1e-6:
                return cum[j] + t * length
    return None


def _point_at(pts: Sequence[Vec], cum: Sequence[float], s: float) -> Vec:
    j = min(max(k for k in range(len(cum) - 1) if cum[k] <= s + 1e-9), len(pts) - 2)
    t = (s - cum[j]) / (cum[j + 1] - cum[j]) if cum[j + 1] > cum[j] else 0.0
    a, b = pts[j], pts[j + 1]
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _simplify(pts: list[Vec]) -> list[Vec]:
    """Drop repeated and collinear interior points (a vertex only at each bend)."""
    clean: list[Vec] = []
    for p in pts:
        if clean and math.dist(clean[-1], p) < 1e-9:
            continue
        clean.append(p)
    out = clean[:1]
    for i in range(1, len(clean) - 1):
        a, b, c = out[-1], clean[i], clean[i + 1]
        cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0])
        if abs(cross) > 1e-9:
            out.append(b)
    if len(clean) > 1:
        out.append(clean[-1])
    return out


def route_bends(layer: Layer, schematic: Schematic) -> int:
    """Bends along every route of every line (a change of direction at a vertex or station)."""
    total = 0
    for line in layer.lines:
        for stops in line.routes:
            heading: tuple[float, float] | None = None
            for u, v in pairwise(stops):
                path = schematic.paths.get((u, v))
                if path is None:
                    back = schematic.paths.get((v, u))
                    if back is None:
                        heading = None
                        continue
                    path = list(reversed(back))
                for a, b in pairwise(path):
                    length = math.dist(a, b)
                    if length < 1e-9:
                        continue
                    d = ((b[0] - a[0]) / length, (b[1] - a[1]) / length)
                    if heading is not None and math.dist(d, heading) > 1e-6:
                        total += 1
                    heading = d
    return total


def length_cv(schematic: Schematic) -> float:
    """Coefficient of variation of the lengths of the station-to-station paths."""
    lengths = [sum(math.dist(a, b) for a, b in pairwise(path)) for path in schematic.paths.values()]
    if len(lengths) < 2:
        return 0.0
    mean = sum(lengths) / len(lengths)
    var = sum((x - mean) ** 2 for x in lengths) / len(lengths)
    return math.sqrt(var) / mean if mean else 0.0


def objective(layer: Layer, schematic: Schematic) -> float:
    """The figure schematisation candidates are compared by (docs/layout.md): lower is better."""
    return (
        CROSSING_WEIGHT * schematic.crossings
        + route_bends(layer, schematic)
        + CV_WEIGHT * length_cv(schematic)
    )
