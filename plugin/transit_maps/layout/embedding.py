"""Embedding: a position in grid units for every station, before schematisation.

Stations with an `at` hint (or a pin from a previous layout) are anchored there. The rest come
from topology: each line's route is read as a direction of travel, routes are ranked left to right
(a layered drawing; a feedback line may run back), and a stress majorisation
(`embedding_stress`) spreads stations so that the straight-line distance between two stations
approaches their distance in hops. Stations of one zone attract each other. Components without
hints are laid out side by side. Several candidates come out, from hints and from topology;
`embedding_choice` schematises them and keeps the best.

Everything iterates in station order, so the result depends only on the layer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import pairwise

import networkx as nx

from ..model import Layer
from . import layered as flow_layout
from .embedding_stress import (
    HINT_WEIGHT,
    PIN_WEIGHT,
    Anchor,
    Shape,
    octilinear_turn,
    pivot_mds,
    stress,
    unit_median,
)
from .embedding_untangle import crossing_count, untangled
from .octi import STEP

Vec = tuple[float, float]

# Hinted candidates (`_from_hints`): hint weight, then the `Shape` weights (octilinear, straight).
HINT_SHAPES = ((HINT_WEIGHT, 0.0, 0.0), (0.5, 5.0, 2.0), (2.0, 2.0, 1.0), (1.0, 5.0, 2.0))
# Stress embeddings are spread by this factor: their stations lie anywhere, and the router needs
# room to turn between them (layered tracks and hints are used as they are).
SPREAD = 1.5
TIGHT = 1.0
# Grid steps left between components laid side by side.
COMPONENT_GAP = 3.0


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
    station first on a tie). A cycle (found by a DFS in station order) is broken where a branch
    runs back along its own line (`_looping_back`), else at the edge that jumps furthest back in
    station order (first appearance in the file): a feedback line that returns to the start of
    the work is listed after it, so its last step is that jump.
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
    back = _looping_back(layer, member)
    # the walk starts from the stations nothing leads to, then any remaining (fixed here: an
    # edge dropped below must not change where the walk starts)
    has_in = {v for vs in succ.values() for v in vs}
    starts = [n for n in nodes if n not in has_in] + list(nodes)
    while True:
        kept, cycle = _walked(starts, succ)
        if cycle is None:
            return kept
        u, v = _running_back(list(pairwise([*cycle, cycle[0]])), back, order)
        succ[u].remove(v)


def _running_back(
    cycle: Sequence[tuple[str, str]], back: set[tuple[str, str]], order: Mapping[str, int]
) -> tuple[str, str]:
    """The edge of `cycle` drawn running back: the last step of a looping-back branch if the
    cycle has one, else the step that jumps furthest back in station order (the last such
    step on a tie; a cycle always has one, since it returns to where it started)."""
    looping = [e for e in cycle if e in back]
    if looping:
        return looping[-1]
    return max(reversed(cycle), key=lambda e: order[e[0]] - order[e[1]])


def _looping_back(layer: Layer, member: set[str]) -> set[tuple[str, str]]:
    """The last step of every branch that leaves its line's main route and joins it again
    earlier (a rollback from production to staging): where a cycle through it runs back."""
    out: set[tuple[str, str]] = set()
    for line in layer.lines:
        main = {s: i for i, s in enumerate(line.stations)}
        for branch in line.branches:
            first, last = branch[0], branch[-1]
            if first in main and last in main and main[last] < main[first] and last in member:
                out.add((branch[-2], last))
    return out


def _walked(
    starts: Sequence[str], succ: Mapping[str, Sequence[str]]
) -> tuple[list[tuple[str, str]], list[str] | None]:
    """The edges a DFS follows (from each of `starts` not yet met, in turn), and the first
    cycle it closes (its stations in order, the last one leading back to the first), or None
    when there is none."""
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
                if state.get(nxt) == 1:  # a back edge: it closes a cycle
                    on_stack = [n for n, _ in stack]
                    return kept, on_stack[on_stack.index(nxt) :]
                kept.append((node, nxt))
                if nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                stack.pop()
    return kept, None


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


def embed(layer: Layer, pins: Mapping[str, Vec] | None = None) -> dict[str, Vec]:
    """Positions in grid units for every station of the layer: the first of `embeddings`."""
    return embeddings(layer, pins, 1)[0][0]


def embeddings(
    layer: Layer, pins: Mapping[str, Vec] | None = None, limit: int = 4
) -> list[tuple[dict[str, Vec], int]]:
    """Up to `limit` candidate embeddings, most promising first (see the module docstring).

    Each comes with the grid steps per station gap (`octi.schematise`'s `step`) it needs.

    A component with `pins` (grid units, e.g. from a previous layout; pins take precedence over
    hints) has one embedding; one with hints several (`_from_hints`), one without any several
    (`_from_topology`); candidate i takes each component's i-th (or its last).
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
            if pins:  # a previous layout: as it was, nothing reshaped
                per_comp.append([(stress(g, comp, init, anchors, zone_of, ()), STEP)])
            else:
                per_comp.append(_from_hints(layer, g, comp, init, anchors, zone_of)[:limit])
        else:
            per_comp.append(_from_topology(layer, g, comp, arcs, zone_of)[:limit])
    count = max(len(c) for c in per_comp) if per_comp else 1
    out: list[tuple[dict[str, Vec], int]] = []
    for i in range(count):
        pos: dict[str, Vec] = {}
        step = STEP
        for options in per_comp:
            chosen, comp_step = options[min(i, len(options) - 1)]
            step = max(step, comp_step)
            if any(n in anchors for n in chosen):
                pos.update(chosen)
            else:  # side by side, left to right, centred on y = 0
                beside(pos, chosen)
        out.append((pos, step))
    return out or [({}, STEP)]


def untangled_embeddings(
    layer: Layer, g: nx.Graph, candidates: Sequence[tuple[Mapping[str, Vec], int]]
) -> list[tuple[dict[str, Vec], int]]:
    """The `candidates` (embeddings of a layer without hints, with their steps) whose
    straight-line crossings `embedding_untangle.untangled` lowers in some component, repaired;
    of those only the ones with fewest crossings left, in the candidates' order. Empty when it
    lowers none."""
    comps = components(layer, g)
    repaired: list[tuple[int, int, dict[str, Vec], int]] = []
    for i, (pos, step) in enumerate(candidates):
        out = dict(pos)
        for comp in comps:
            fixed = untangled(g, comp, out)
            if fixed is not None:
                out.update(fixed)
        if out != pos:
            count = crossings_within(g, comps, out)
            repaired.append((count, i, out, step))
    fewest = min((r[0] for r in repaired), default=0)
    return [(out, step) for count, _, out, step in repaired if count == fewest]


def _from_hints(
    layer: Layer,
    g: nx.Graph,
    comp: Sequence[str],
    init: Mapping[str, Vec],
    anchors: Mapping[str, Anchor],
    zone_of: Mapping[str, str | None],
) -> list[tuple[dict[str, Vec], int]]:
    """Candidate layouts from hints: the hinted geography, then shaped more and more for the grid.

    Geography curves; the router follows every curve with a bend. Each HINT_SHAPES entry weakens
    the hints and adds `Shape` terms (edges towards octilinear directions, routes straight).
    Each comes at the hinted scale and spread by SPREAD, the two variants of one shape together.
    """
    scale = _hint_scale(g, comp, anchors)
    member = set(comp)
    routes = tuple(
        tuple(r) for line in layer.lines for r in line.routes if r[0] in member and len(r) > 1
    )
    shaped: list[dict[str, Vec]] = []
    for weight, octilinear, straight in HINT_SHAPES:
        weighed = {n: Anchor(a.pos, a.weight * weight / HINT_WEIGHT) for n, a in anchors.items()}
        shape = Shape(routes, octilinear, straight) if octilinear or straight else None
        shaped.append(stress(g, comp, dict(init), weighed, zone_of, (), scale, shape))
    # each also spread by SPREAD: dense geography (stations closer than a gap, branches side by
    # side) leaves the router no room at the hinted scale
    spread = [{n: (x * SPREAD, y * SPREAD) for n, (x, y) in pos.items()} for pos in shaped]
    order = [(0, False), (0, True), (1, False), (1, True), (2, False), (3, False), (2, True)]
    order += [(3, True)]
    return [((spread if wide else shaped)[i], STEP) for i, wide in order if i < len(shaped)]


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

    The stress drawings are spread by SPREAD; 1-3 come once more at TIGHT.
    """
    layered = _layered(comp, arcs)
    member = set(comp)
    routes = [r for line in layer.lines for r in line.routes if r[0] in member and len(r) > 1]
    global_start = pivot_mds(g, comp)
    candidates = [
        stress(g, comp, layered, {}, zone_of, arcs),
        stress(g, comp, layered, {}, zone_of, ()),
        octilinear_turn(g, comp, stress(g, comp, global_start, {}, zone_of, ()), routes),
    ]
    embedding = planar_embedding_of(g, comp)
    if embedding is not None and len(comp) >= 3:
        raw = nx.combinatorial_embedding_to_pos(embedding)
        start = {n: (float(raw[i][0]), float(raw[i][1])) for i, n in enumerate(comp)}
        start = unit_median(start, g.subgraph(comp).edges())
        candidates.append(_level(layer, comp, stress(g, comp, start, {}, zone_of, ())))
    flow = flow_layout.layered(layer, comp, arcs)
    candidates = [
        flow,
        *({n: (x * SPREAD, y * SPREAD) for n, (x, y) in c.items()} for c in candidates),
        # the stress drawings at one hop per station gap too: spaced more evenly, and the
        # router finds other (often fewer) bends on them
        *({n: (x * TIGHT, y * TIGHT) for n, (x, y) in c.items()} for c in candidates[:3]),
    ]
    steps = [STEP] * len(candidates)
    scored = sorted((crossings(g, comp, pos), i) for i, pos in enumerate(candidates))
    return [(candidates[i], steps[i]) for _, i in scored]


def planar_embedding_of(g: nx.Graph, comp: Sequence[str]) -> nx.PlanarEmbedding | None:
    """networkx's planar embedding of component `comp`, on integer labels (station i of `comp`
    is node i), or None when it is not planar. networkx's planar drawing and triangulation
    iterate over sets of nodes: integer labels (whose hashes do not depend on PYTHONHASHSEED)
    keep them deterministic."""
    index = {n: i for i, n in enumerate(comp)}
    sub = nx.Graph()
    sub.add_nodes_from(range(len(comp)))
    sub.add_edges_from((index[u], index[v]) for u, v in g.edges() if u in index)
    planar, embedding = nx.check_planarity(sub)
    return embedding if planar else None


def beside(pos: dict[str, Vec], part: Mapping[str, Vec]) -> None:
    """Add component drawing `part` to `pos`, to the right of what is there (COMPONENT_GAP
    beyond it; from x = 0 when `pos` is empty) and centred on y = 0."""
    right = max(x for x, _ in pos.values()) + COMPONENT_GAP if pos else 0.0
    dx = right - min(x for x, _ in part.values())
    pos.update(_shift(part, dx, -_mid_y(part)))


def crossings(g: nx.Graph, comp: Sequence[str], pos: Mapping[str, Vec]) -> int:
    """Pairs of edges without a common station whose straight lines cross."""
    member = set(comp)
    return crossing_count([(u, v) for u, v in g.edges() if u in member], pos)


def crossings_within(g: nx.Graph, comps: Sequence[Sequence[str]], pos: Mapping[str, Vec]) -> int:
    """`crossings` of each of the components `comps`, summed (components are laid out side by
    side: no edge of one crosses another's)."""
    return sum(crossings(g, comp, pos) for comp in comps)


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
