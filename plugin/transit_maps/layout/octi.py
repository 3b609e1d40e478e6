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
from .chains import Chain, contract, far_out, routing_order
from .grid import BEND, Bends, Cell, Grid
from .improve import Improvement, improve
from .router import GiveUp, Router, nearest_free

Vec = tuple[float, float]

# A candidate that needs more than EFFORT times the work (A* expansions) of the best candidate so
# far, plus EFFORT_SLACK, is abandoned (a poor embedding makes the router struggle).
EFFORT = 1.5
EFFORT_SLACK = 2000
# ... and none may spend more than EFFORT_CAP expansions per edge while others remain to try.
EFFORT_CAP = 1000
# Weights of the objective that picks among candidate embeddings (see `objective`).
CROSSING_WEIGHT = 1000.0
CV_WEIGHT = 40.0
# Stations of a chain are never laid closer than this (station gaps) along its path.
MIN_GAP = 0.5
# Grid nodes per station gap: stations sit STEP grid steps apart, so routes have room to bend
# between them (the exported unit is the station gap, dimensions.GRID).
STEP = 2
# Stations with more edges than this get a bar of grid nodes (see _Router.settle_bar).
MAX_POINT_DEGREE = 8
# A chain that must bulge out more than FAR_OUT grid steps to fit its stations, and whose
# embedding runs that far outside the box of its two end stations, is cut at its station
# farthest out (`chains.far_out`): the router's searches reach about as far round the ends
# (`router.LAST_PAD`), and a long chain drawn far out and back (held-out Toronto: 29 stations
# round a ring between junctions 8 gaps apart) found no path.
FAR_OUT = 16
# Free grid room kept around the embedding.
BORDER = 8
# Up to this many stations, the local search runs both with and without its aligning moves (cheap
# there; the aligning moves help rail networks and often hurt small pipelines: nf-metro variant
# calling 14 bends with them, 9 without).
BOTH_UP_TO = 0


@dataclass
class Schematic:
    """Result: station positions and one octilinear path per adjacent pair, in grid units."""

    positions: dict[str, Vec] = field(default_factory=dict)
    paths: dict[tuple[str, str], list[Vec]] = field(default_factory=dict)
    angles: dict[str, float] = field(default_factory=dict)
    # grid nodes where one route crosses another (only where no planar route was found)
    crossings: int = 0
    # A* expansions the routing took
    effort: int = 0
    # the result of `compact.compact`, which on a map of up to `compact.ONCE_UP_TO` stations
    # returns it as it is
    compacted: bool = field(default=False, compare=False)


def mirrored(schematic: Schematic, flip_x: bool, flip_y: bool) -> Schematic:
    """`schematic` mirrored left to right (`flip_x`) and/or top to bottom (`flip_y`): the same
    drawing, every direction octilinear still, every crossing and bend where it was."""
    sx, sy = (-1.0 if flip_x else 1.0), (-1.0 if flip_y else 1.0)

    def at(p: Vec) -> Vec:
        return (p[0] * sx + 0.0, p[1] * sy + 0.0)  # + 0.0: no negative zero

    return Schematic(
        positions={n: at(p) for n, p in schematic.positions.items()},
        paths={pair: [at(p) for p in path] for pair, path in schematic.paths.items()},
        # a marker's angle (0, 45, 90 or 135 degrees, modulo 180) turns the other way
        angles={n: -a % 180.0 if flip_x != flip_y else a for n, a in schematic.angles.items()},
        crossings=schematic.crossings,
        effort=schematic.effort,
        compacted=schematic.compacted,
    )


def schematise(
    layer: Layer,
    g: nx.Graph,
    embedding: Mapping[str, Vec],
    step: int = STEP,
    bound: float = math.inf,
    pinned: Mapping[str, Vec] | None = None,
    trail: Collection[tuple[Cell, Cell]] = (),
    polish: bool = False,
    effort: float = math.inf,
    bends: Bends = BEND,
    tally: list[int] | None = None,
    keep: list[Routing] | None = None,
    start: Routing | None = None,
    sides: bool = False,
) -> Schematic | None:
    """Place every station on the octilinear grid and route every edge (see module docstring).

    `step` is the number of grid steps per station gap: at least STEP; more gives the routes
    more room. Gives up (None) once the crossings alone cost more than `bound` (a better
    candidate exists). Stations in `pinned` cost MOVE_PINNED per step away from their place;
    grid edges in `trail` (a previous drawing) are cheaper to follow (grid.TRAIL_HOP). With
    `polish`, the local search of `improve.py` runs after the first routing; on maps of up to
    BOTH_UP_TO stations, or when it ends worse on `objective` than the routing alone (its
    aligning moves can lead a small map astray), it runs again with near moves only and the
    better of the two is returned. Gives up, too, once
    the routing has taken more than `effort` A* expansions (`Schematic.effort`). `bends` are the
    costs of turning by 0, 45, 90 and 135 degrees. A routing that gives up appends the A*
    expansions it took to `tally`, when given (what a failed candidate cost).

    Without `polish`, the routing is appended to `keep`, when given, and a later call with
    `polish` and the same arguments may go on from it (`start`) instead of routing again: the
    bound and the effort only ever stop a routing, so one that finished is the routing an
    unbounded call makes. A routing is gone on from once.

    With `sides`, each chain is routed so that it passes the key stations on the side the
    embedding's own polyline of the chain does, where a path that way exists
    (`Router.sides`).
    """
    args = (layer, g, embedding, step, bound, pinned, trail)
    if not polish:
        return _schematise(*args, 0.0, effort, bends, tally=tally, keep=keep, sides=sides)
    searched: list[Improvement] = []
    before: list[Schematic] = []
    polished = _schematise(
        *args, 1.0, effort, bends, searched=searched, before=before, start=start, sides=sides
    )
    if polished is None:
        return None
    if len(layer.stations) > BOTH_UP_TO:
        plain = before[0] if before else _schematise(*args, 0.0, effort, bends, sides=sides)
        if plain is None or objective(layer, polished) <= objective(layer, plain):
            return polished
    if searched and searched[0].same_without_aligning():
        return polished  # the search with near moves only would end the same
    near = _schematise(*args, 1.0, effort, bends, far=False, sides=sides)
    if near is not None and objective(layer, near) < objective(layer, polished):
        return near
    return polished


def _schematise(
    layer: Layer,
    g: nx.Graph,
    embedding: Mapping[str, Vec],
    step: int,
    bound: float,
    pinned: Mapping[str, Vec] | None,
    trail: Collection[tuple[Cell, Cell]],
    polish: float,
    effort: float,
    bends: Bends,
    far: bool = True,
    tally: list[int] | None = None,
    searched: list[Improvement] | None = None,
    before: list[Schematic] | None = None,
    keep: list[Routing] | None = None,
    start: Routing | None = None,
    sides: bool = False,
) -> Schematic | None:
    """`schematise` once; `polish` is the local search's share of its budget (0: none), `far`
    whether it may move stations far (see `improve.improve`); what the local search did is
    appended to `searched`, and the drawing before it to `before`, when given (not on a
    layer with isolated stations). The routing is `start` when given and not gone on from yet
    (else routed here), and is appended to `keep` when given (without isolated stations)."""
    if start is not None and not start.spent:
        routing: Routing | None = start
        start.spent = True
        start.router.effort = effort
        start.router.no_crossings = bound < CROSSING_WEIGHT
    else:
        routing = _routed(
            layer, g, embedding, step, bound, pinned, trail, effort, bends, tally, sides
        )
    if routing is None:
        return None
    r, chains, order = routing.router, routing.chains, routing.order
    if keep is not None and not routing.isolated and not polish:
        keep.append(routing)
    if polish:
        routing.spent = True
        if before is not None and not routing.isolated:
            # the drawing without the local search, as `_schematise` with no polish gives it
            # (the same routing; placing isolated stations would change the grid)
            before.append(_drawing(r, chains, step, pinned))
        done = improve(
            r, sorted(r.settled, key=lambda n: (-r.degree.get(n, 0), order[n])), polish, far
        )
        if searched is not None:
            searched.append(done)
    for n in routing.isolated:
        cell = nearest_free(r.grid, routing.embedding[n])
        r.grid.station_at[cell] = n
        r.settled[n] = cell
    return _drawing(r, chains, step, pinned)


@dataclass
class Routing:
    """A candidate's routing, kept so that the polish can go on from it (`schematise`)."""

    router: Router
    chains: list[Chain]
    order: dict[str, int]  # station -> its index in the layer
    embedding: dict[str, Vec]  # in grid steps
    isolated: list[str]  # stations without edges, placed once routing is done
    spent: bool = False  # gone on from (the local search changes the router)


def _routed(
    layer: Layer,
    g: nx.Graph,
    embedding: Mapping[str, Vec],
    step: int,
    bound: float,
    pinned: Mapping[str, Vec] | None,
    trail: Collection[tuple[Cell, Cell]],
    effort: float,
    bends: Bends,
    tally: list[int] | None,
    sides: bool = False,
) -> Routing | None:
    """Every chain routed on a fresh grid, or None when the routing gives up (see `schematise`)."""
    order = {s.id: i for i, s in enumerate(layer.stations)}
    scaled = {n: (x * step, y * step) for n, (x, y) in embedding.items()}
    chains = contract(layer, g)
    cut: list[str] = []
    while far := far_out(chains, scaled, FAR_OUT, step):
        cut += far
        chains = contract(layer, g, cut)
    xs = [p[0] for p in scaled.values()] or [0.0]
    ys = [p[1] for p in scaled.values()] or [0.0]
    grid = Grid(
        math.floor(min(xs)) - BORDER,
        math.floor(min(ys)) - BORDER,
        math.ceil(max(xs)) + BORDER,
        math.ceil(max(ys)) + BORDER,
    )
    grid.trail = set(trail) if step == STEP else set()
    r = Router(grid, chains, ports.continuations(layer), scaled, step)
    r.pinned = set(pinned or {})
    r.planar = is_planar(g)
    for n in sorted(r.degree, key=order.__getitem__):
        if r.degree[n] > MAX_POINT_DEGREE:
            r.settle_bar(n)
    r.effort = effort
    r.no_crossings = bound < CROSSING_WEIGHT
    r.bends = bends
    r.sides = sides
    try:
        for ci in routing_order(chains, r.degree, order):
            r.route_chain(ci)
            if CROSSING_WEIGHT * r.crossings() > bound:
                if tally is not None:
                    tally.append(grid.expansions)
                return None
    except GiveUp:
        if tally is not None:
            tally.append(grid.expansions)
        return None  # struggling: a candidate already drawn is the better bet
    isolated = [n for n in sorted(g, key=order.__getitem__) if g.degree(n) == 0]
    return Routing(r, chains, order, scaled, isolated)


def _drawing(
    r: Router, chains: Sequence[Chain], step: int, pinned: Mapping[str, Vec] | None
) -> Schematic:
    """The Schematic of the router's present state (it reads the router, changes nothing)."""
    out = Schematic(crossings=r.crossings(), effort=r.grid.expansions)
    for n, cell in r.settled.items():
        out.positions[n] = (cell[0] / step, cell[1] / step)
    shared = r.crossing_cells()
    for ci, chain in enumerate(chains):
        path = r.full_path(ci)
        inner = set(path[1:-1])
        avoid = sorted(c for c in shared if c in inner)
        # stubs along the bars at either end (the routed path starts and ends off the centre)
        stubs = (path[0] != r.routed[ci][0], path[-1] != r.routed[ci][-1])
        _lay_out_chain(chain, path, out, step, avoid, pinned, stubs)
    for n, used in r.used_port.items():
        best = max(used.items(), key=lambda kv: (len(chains[kv[1]].lines), -kv[0][1]))
        out.angles[n] = float((best[0][1] % 4) * 45)
    for n, cells in r.bars.items():
        out.angles[n] = 90.0 if cells[0][0] == cells[-1][0] else 0.0
    return out


def is_planar(g: nx.Graph) -> bool:
    """Whether `g` has a planar drawing (`nx.check_planarity`), answered once per graph: the
    candidates of one layer share its graph. Kept by the graph's nodes and edges, which are all
    the answer depends on (the last PLANAR_KEPT graphs)."""
    key = (frozenset(g.nodes), frozenset(frozenset(e) for e in g.edges))
    planar = _planar.get(key)
    if planar is None:
        if len(_planar) >= PLANAR_KEPT:
            del _planar[next(iter(_planar))]  # the oldest
        planar = _planar[key] = bool(nx.check_planarity(g)[0])
    return planar


PLANAR_KEPT = 16
_planar: dict[tuple[frozenset[str], frozenset[frozenset[str]]], bool] = {}


def _lay_out_chain(
    chain: Chain,
    path: list[Cell],
    out: Schematic,
    step: int,
    avoid: Collection[Cell] = (),
    pins: Mapping[str, Vec] | None = None,
    stubs: tuple[bool, bool] = (False, False),
) -> None:
    """Spread the chain's stations evenly (by length) along its path; split the path at them.

    A station never sits on a cell in `avoid` (where another route crosses this one): it moves
    half a grid step along its path instead. Pinned stations that the path still passes keep
    their place; the others spread evenly between them. Where `stubs` says the path starts (or
    ends) with a stub along a port-area bar, the stations spread over the rest of the path only:
    on the stub they would sit on the bar, where the stubs of the station's other edges run.
    """
    pts = [(x / step, y / step) for x, y in path]
    cum = [0.0]
    for a, b in pairwise(pts):
        cum.append(cum[-1] + math.dist(a, b))
    total = cum[-1]
    n = chain.steps
    crossed = [(c[0] / step, c[1] / step) for c in avoid]
    first = 1 if stubs[0] and len(pts) > 2 else 0
    last = len(pts) - 2 if stubs[1] and len(pts) - 2 > first else len(pts) - 1
    lo, hi = cum[first], cum[last]
    routed = pts[first : last + 1]
    arcs = [
        lo + a
        for a in _arc_positions(chain, routed, [c - lo for c in cum[first : last + 1]], pins or {})
    ]
    arcs[0], arcs[-1] = 0.0, total
    marks: list[tuple[Vec, int]] = []  # (point, index of the path piece it lies on)
    for i in range(1, n):
        s = arcs[i]
        if crossed and any(math.dist(point_at(pts, cum, s), c) < 0.3 / step for c in crossed):
            s = min(s + 0.5 / step, lo + (hi - lo) * (i + 0.5) / n)
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


def point_at(pts: Sequence[Vec], cum: Sequence[float], s: float) -> Vec:
    """The point at length `s` along the path `pts` (`cum`: the lengths up to each vertex)."""
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


def path_between(paths: Mapping[tuple[str, str], Sequence[Vec]], u: str, v: str) -> list[Vec]:
    """The polyline of the edge between u and v from u to v, whichever way `paths` stores it."""
    if (u, v) in paths:
        return list(paths[(u, v)])
    return list(reversed(paths[(v, u)]))


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
    return cv_of(
        [sum(math.dist(a, b) for a, b in pairwise(path)) for path in schematic.paths.values()]
    )


def cv_of(lengths: Sequence[float]) -> float:
    """Coefficient of variation (population) of some lengths; 0 for fewer than two."""
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
