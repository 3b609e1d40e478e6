"""Embedding: a position in grid units for every station, before schematisation.

Stations with an `at` hint (or a pin from a previous layout) are anchored there. The rest come
from topology: each line's route is read as a direction of travel, routes are ranked left to right
(a layered drawing; a feedback line may run back), and a stress majorisation spreads stations so
that the straight-line distance between two stations approaches their distance in hops. Stations
of one zone attract each other. Components without hints are laid out side by side.

Everything iterates in station order, so the result depends only on the layer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

from ..model import Layer
from . import layered as flow_layout
from .embedding_stress import octilinear_turn, pivot_mds
from .octi import STEP

Vec = tuple[float, float]

# Stress iterations; each is one sweep over every station (O(n^2)).
SWEEPS = 40
MIN_SWEEPS = 12
SWEEP_BUDGET = 4000  # sweeps x stations
# Anchor weight, relative to the stress of one adjacent pair: hints may bend to even out spacing,
# pins from a previous layout barely move.
HINT_WEIGHT = 2.0
PIN_WEIGHT = math.inf  # pins are fixed
# Same-zone pairs weigh this much more and want to be this much closer.
ZONE_WEIGHT = 3.0
ZONE_PULL = 0.8
# Stress embeddings are spread by this factor: their stations lie anywhere, and the router needs
# room to turn between them (layered tracks and hints are used as they are).
SPREAD = 1.5
# Grid steps left between components laid side by side.
COMPONENT_GAP = 3.0


@dataclass(frozen=True)
class Anchor:
    """Where a station should be, and how strongly (see HINT_WEIGHT / PIN_WEIGHT)."""

    pos: Vec
    weight: float


def graph_of(layer: Layer) -> nx.Graph:
    """The undirected station graph, nodes and edges inserted in the layer's order."""
    g = nx.Graph()
    g.add_nodes_from(s.id for s in layer.stations)
    g.add_edges_from((seg.a, seg.b) for seg in layer.segments)
    return g


def components(layer: Layer, g: nx.Graph) -> list[list[str]]:
    """Connected components, each in station order, ordered by their first station."""
    order = {s.id: i for i, s in enumerate(layer.stations)}
    comps = [sorted(c, key=order.__getitem__) for c in nx.connected_components(g)]
    return sorted(comps, key=lambda c: order[c[0]])


def travel_directions(layer: Layer, nodes: Sequence[str]) -> list[tuple[str, str]]:
    """Directed pairs (u, v) meaning "lines travel from u to v", without cycles.

    Each route votes for the direction of each pair it runs along; the majority wins (earlier
    station first on a tie). Edges closing a cycle (found by a DFS in station order) are dropped:
    that is where a feedback line runs back.
    """
    member = set(nodes)
    order = {s: i for i, s in enumerate(nodes)}
    votes: dict[tuple[str, str], int] = {}
    for line in layer.lines:
        for route in line.routes:
            for u, v in pairwise(route):
                if u == v or u not in member:
                    continue
                key = (u, v) if order[u] < order[v] else (v, u)
                votes[key] = votes.get(key, 0) + (1 if key == (u, v) else -1)
    succ: dict[str, list[str]] = {n: [] for n in nodes}
    for (a, b), vote in sorted(votes.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]])):
        if vote >= 0:
            succ[a].append(b)
        else:
            succ[b].append(a)
    # DFS from nodes with no incoming edge first, then any remaining, dropping back edges.
    has_in = {v for vs in succ.values() for v in vs}
    starts = [n for n in nodes if n not in has_in] + list(nodes)
    state: dict[str, int] = {}
    kept: list[tuple[str, str]] = []
    for start in starts:
        if start in state:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        state[start] = 1
        while stack:
            node, i = stack[-1]
            if i < len(succ[node]):
                stack[-1] = (node, i + 1)
                nxt = succ[node][i]
                if state.get(nxt) == 1:
                    continue  # back edge: a feedback route
                kept.append((node, nxt))
                if nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                stack.pop()
    return kept


def _layered(nodes: Sequence[str], arcs: Sequence[tuple[str, str]]) -> dict[str, Vec]:
    """Initial positions: x = longest-path rank, y = barycentric order within the rank."""
    rank, preds, _ = flow_layout.longest_path_ranks(nodes, arcs)
    layers: dict[int, list[str]] = {}
    for n in nodes:
        layers.setdefault(rank[n], []).append(n)
    slot: dict[str, float] = {}
    for r in sorted(layers):
        members = layers[r]
        keyed = []
        for i, n in enumerate(members):
            ps = [slot[p] for p in preds[n] if p in slot]
            keyed.append((sum(ps) / len(ps) if ps else float(i), i, n))
        keyed.sort()
        for k, (_, _, n) in enumerate(keyed):
            slot[n] = k - (len(keyed) - 1) / 2
    return {n: (float(rank[n]), slot[n]) for n in nodes}


def _stress(
    g: nx.Graph,
    nodes: Sequence[str],
    pos: dict[str, Vec],
    anchors: Mapping[str, Anchor],
    zone_of: Mapping[str, str | None],
    arcs: Sequence[tuple[str, str]],
    scale: float = 1.0,
) -> dict[str, Vec]:
    """Localised stress majorisation with anchors, plus "u left of v" for each arc.

    One hop wants `scale` grid units.
    """
    dist = {n: dict(nx.single_source_shortest_path_length(g, n)) for n in nodes}
    index = {n: i for i, n in enumerate(nodes)}
    terms: list[list[tuple[int, float, float]]] = []
    for n in nodes:
        row = []
        for m in nodes:
            if m == n:
                continue
            d = float(dist[n][m]) * scale
            w = 1.0 / (d * d)
            if zone_of.get(n) is not None and zone_of.get(n) == zone_of.get(m):
                w *= ZONE_WEIGHT
                d *= ZONE_PULL if d > 1 else 1.0
            row.append((index[m], d, w))
        terms.append(row)
    xs = [pos[n][0] for n in nodes]
    ys = [pos[n][1] for n in nodes]
    arc_idx = [(index[u], index[v]) for u, v in arcs]
    # O(n^2) per sweep: big maps get fewer sweeps (stress settles early anyway)
    for _ in range(min(SWEEPS, max(MIN_SWEEPS, SWEEP_BUDGET // max(len(nodes), 1)))):
        for i, n in enumerate(nodes):
            anchor = anchors.get(n)
            if anchor is not None and anchor.weight >= PIN_WEIGHT:
                continue  # a pin does not move
            sx = sy = sw = 0.0
            xi, yi = xs[i], ys[i]
            for j, d, w in terms[i]:
                dx, dy = xi - xs[j], yi - ys[j]
                norm = math.hypot(dx, dy) or 1e-9
                sx += w * (xs[j] + d * dx / norm)
                sy += w * (ys[j] + d * dy / norm)
                sw += w
            if anchor is not None:
                sx += anchor.weight * anchor.pos[0]
                sy += anchor.weight * anchor.pos[1]
                sw += anchor.weight
            xs[i], ys[i] = sx / sw, sy / sw
        for _ in range(3):  # project onto x_v >= x_u + 1 for every travel arc
            for a, b in arc_idx:
                gap = xs[b] - xs[a]
                if gap < 1.0:
                    shift = (1.0 - gap) / 2
                    xs[a] -= shift
                    xs[b] += shift
    return {n: (xs[i], ys[i]) for i, n in enumerate(nodes)}


def embed(layer: Layer, pins: Mapping[str, Vec] | None = None) -> dict[str, Vec]:
    """Positions in grid units for every station of the layer: the first of `embeddings`."""
    return embeddings(layer, pins, 1)[0][0]


def embeddings(
    layer: Layer, pins: Mapping[str, Vec] | None = None, limit: int = 4
) -> list[tuple[dict[str, Vec], int]]:
    """Up to `limit` candidate embeddings, most promising first (see the module docstring).

    Each comes with the grid steps per station gap (`octi.schematise`'s `step`) it needs.

    Stations with hints or `pins` (grid units, e.g. from a previous layout; pins take precedence)
    have one embedding; a component without any has several (`_from_topology`), and candidate i
    takes each such component's i-th.
    """
    g = graph_of(layer)
    zone_of = {s.id: s.zone for s in layer.stations}
    anchors: dict[str, Anchor] = {}
    for s in layer.stations:
        if s.at is not None:
            anchors[s.id] = Anchor(s.at, HINT_WEIGHT)
    for sid, p in (pins or {}).items():
        if layer.has_station(sid):
            anchors[sid] = Anchor(p, PIN_WEIGHT)
    per_comp: list[list[tuple[dict[str, Vec], int]]] = []
    for comp in components(layer, g):
        arcs = travel_directions(layer, comp)
        if len(comp) == 1:
            n = comp[0]
            per_comp.append([({n: anchors[n].pos if n in anchors else (0.0, 0.0)}, STEP)])
        elif any(n in anchors for n in comp):
            init = _seed_from_anchors(g, comp, anchors, _layered(comp, arcs))
            scale = 1.0 if pins else _hint_scale(g, comp, anchors)
            per_comp.append([(_stress(g, comp, init, anchors, zone_of, (), scale), STEP)])
        else:
            per_comp.append(_from_topology(layer, g, comp, arcs, zone_of)[:limit])
    count = max(len(c) for c in per_comp) if per_comp else 1
    out: list[tuple[dict[str, Vec], int]] = []
    for i in range(count):
        pos: dict[str, Vec] = {}
        step = STEP
        right = 0.0
        for options in per_comp:
            chosen, comp_step = options[min(i, len(options) - 1)]
            step = max(step, comp_step)
            if any(n in anchors for n in chosen):
                pos.update(chosen)
            else:  # side by side, left to right, centred on y = 0
                dx = right - min(x for x, _ in chosen.values())
                pos.update(_shift(chosen, dx, -_mid_y(chosen)))
            right = max(x for x, _ in pos.values()) + COMPONENT_GAP
        out.append((pos, step))
    return out or [({}, STEP)]


def _seed_from_anchors(
    g: nx.Graph, comp: Sequence[str], anchors: Mapping[str, Anchor], layered: Mapping[str, Vec]
) -> dict[str, Vec]:
    """Anchored stations start at their anchor; the others at the mean of placed neighbours."""
    pos: dict[str, Vec] = {n: anchors[n].pos for n in comp if n in anchors}
    pending = [n for n in comp if n not in pos]
    while pending:
        progress: list[tuple[str, Vec]] = []
        for n in pending:
            near = [pos[m] for m in g.neighbors(n) if m in pos]
            if near:
                bump = 0.3 * (len(progress) % 3 - 1)  # keep unplaced siblings apart
                progress.append(
                    (n, (sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near)))
                )
                progress[-1] = (n, (progress[-1][1][0] + 0.5, progress[-1][1][1] + bump))
        if not progress:  # cannot happen in a connected component; keep the layered guess
            for n in pending:
                pos[n] = layered[n]
            break
        for n, p in progress:
            pos[n] = p
        pending = [n for n in pending if n not in pos]
    return pos


def _shift(pos: Mapping[str, Vec], dx: float, dy: float) -> dict[str, Vec]:
    return {n: (x + dx, y + dy) for n, (x, y) in pos.items()}


def _mid_y(pos: Mapping[str, Vec]) -> float:
    ys = [y for _, y in pos.values()]
    return (min(ys) + max(ys)) / 2


def _hint_scale(g: nx.Graph, comp: Sequence[str], anchors: Mapping[str, Anchor]) -> float:
    """Median length of an edge between two anchored stations (1 when there is none)."""
    member = set(comp)
    lengths = sorted(
        math.dist(anchors[u].pos, anchors[v].pos)
        for u, v in g.edges()
        if u in member and u in anchors and v in anchors
    )
    if not lengths:
        return 1.0
    return max(1.0, lengths[len(lengths) // 2])


def _from_topology(
    layer: Layer,
    g: nx.Graph,
    comp: Sequence[str],
    arcs: Sequence[tuple[str, str]],
    zone_of: Mapping[str, str | None],
) -> list[tuple[dict[str, Vec], int]]:
    """Candidate layouts from topology alone, fewest straight-line crossings first.

    Each comes with the grid steps per station gap to schematise it with.

    0. layered tracks (`layered.layered`): routes read left to right on straight tracks;
    1. stress from a layered start, every route flowing left to right;
    2. the same without the flow constraint (networks whose lines run every way);
    3. stress from a pivot-MDS start (`embedding_stress`: a global view, few crossings on city
       networks), turned to suit the octilinear grid;
    4. stress from a planar straight-line start (when the network is planar), rotated so that
       the longest route runs left to right.
    """
    layered = _layered(comp, arcs)
    member = set(comp)
    routes = [r for line in layer.lines for r in line.routes if r[0] in member and len(r) > 1]
    global_start = pivot_mds(g, comp)
    candidates = [
        _stress(g, comp, layered, {}, zone_of, arcs),
        _stress(g, comp, layered, {}, zone_of, ()),
        octilinear_turn(g, comp, _stress(g, comp, global_start, {}, zone_of, ()), routes),
    ]
    # networkx's planar drawing iterates over sets of nodes: integer labels (whose hashes do not
    # depend on PYTHONHASHSEED) keep it deterministic
    index = {n: i for i, n in enumerate(comp)}
    sub = nx.Graph()
    sub.add_nodes_from(range(len(comp)))
    sub.add_edges_from((index[u], index[v]) for u, v in g.edges() if u in index)
    planar, embedding = nx.check_planarity(sub)
    if planar and len(comp) >= 3:
        raw = nx.combinatorial_embedding_to_pos(embedding)
        start = {n: (float(raw[index[n]][0]), float(raw[index[n]][1])) for n in comp}
        lengths = sorted(math.dist(start[comp[u]], start[comp[v]]) for u, v in sub.edges())
        k = 1.0 / (lengths[len(lengths) // 2] or 1.0)
        start = {n: (x * k, y * k) for n, (x, y) in start.items()}
        candidates.append(_level(layer, comp, _stress(g, comp, start, {}, zone_of, ())))
    flow = flow_layout.layered(layer, comp, arcs)
    steps = [STEP] * (len(candidates) + 1)
    candidates = [
        flow,
        *({n: (x * SPREAD, y * SPREAD) for n, (x, y) in c.items()} for c in candidates),
    ]
    scored = sorted((crossings(g, comp, pos), i) for i, pos in enumerate(candidates))
    return [(candidates[i], steps[i]) for _, i in scored]


def crossings(g: nx.Graph, comp: Sequence[str], pos: Mapping[str, Vec]) -> int:
    """Pairs of edges without a common station whose straight lines cross."""
    member = set(comp)
    edges = [(u, v) for u, v in g.edges() if u in member]
    count = 0
    for i, (a, b) in enumerate(edges):
        for c, d in edges[i + 1 :]:
            if len({a, b, c, d}) == 4 and _cross(pos[a], pos[b], pos[c], pos[d]):
                count += 1
    return count


def _cross(a: Vec, b: Vec, c: Vec, d: Vec) -> bool:
    def orient(p: Vec, q: Vec, r: Vec) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return orient(a, b, c) * orient(a, b, d) < 0 and orient(c, d, a) * orient(c, d, b) < 0


def _level(layer: Layer, comp: Sequence[str], pos: Mapping[str, Vec]) -> dict[str, Vec]:
    """Rotate so that the component's longest route runs from left to right."""
    member = set(comp)
    routes = [r for line in layer.lines for r in line.routes if r[0] in member and len(r) > 1]
    if not routes:
        return dict(pos)
    longest = max(routes, key=len)
    (x0, y0), (x1, y1) = pos[longest[0]], pos[longest[-1]]
    angle = -math.atan2(y1 - y0, x1 - x0)
    cos, sin = math.cos(angle), math.sin(angle)
    return {n: (x * cos - y * sin, x * sin + y * cos) for n, (x, y) in pos.items()}
