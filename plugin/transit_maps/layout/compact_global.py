"""Global one-dimensional compaction: every x at once, then every y, by a min-cost flow.

The greedy steps of `compact_axis` and `compact_cut` move one strip or part at a time and stop
where no single move lowers the CV. Here the x coordinates of all nodes (key stations and bends,
half units) are solved together, with the topology and every piece's direction fixed, as in
classic 1D VLSI compaction and the x-coordinate step of Gansner et al.'s dot:

- a vertical or diagonal piece keeps its x extent exactly (y does not change in this pass), so
  its two ends form one rigid *group*; nodes of a group move together;
- a horizontal piece keeps its direction and at least `STEP` of length;
- things (key stations, pieces) in the same half-unit row keep their left-to-right order, and
  things in the same or neighbouring rows keep `CLEARANCE` (or their distance, when nearer)
  from the first thing to their right that they do not touch (a scanline, as `compact_axis`);
- a chain of `k` edges keeps at least `k * MIN_EDGE` of length.

Every constraint is a difference of two group variables. The objective is the L1 distance of
each chain's length from `k * target` (the edge-length CV with the mean held at `target`,
linearised), plus a small pull on every horizontal piece (tie-breaking towards the narrowest
drawing). That is a min-cost tension problem: its dual is a min-cost circulation, solved
exactly by `networkx.network_simplex` on integers; the optimal x are shortest-path distances
in the residual network. y is the same problem on the transposed drawing; the passes alternate
for a few targets, and the drawing with the lowest CV is kept (`compact_global`).

A chain whose horizontal pieces run both ways (a U) keeps them as they are: its length is not
a difference of two variables.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from itertools import pairwise

import networkx as nx

from .compact_axis import (
    CLEARANCE,
    MIN_EDGE,
    STEP,
    Drawing,
    LengthSpread,
    chain_length,
    drawing_area,
    transposed,
)

__all__ = ["compact_global", "compact_global_may", "solve_x", "spread_cv"]

# Targets (the common edge length, station gaps) are rounded to TARGET_STEP; at most TARGETS
# (each result's S2 / S1 gives the next; 2 and 3 gave the same results as 1 on every corpus,
# example, held-out and seeded pipeline, at more flow solves).
TARGET_STEP = 0.5
TARGETS = 1
# x / y passes per target.
ROUNDS = 2
# The squared deviation of a chain from its target is approximated by SPAN * 2 + 1 L1 terms
# (breakpoints one half unit apart); chain weights are SCALE / edges (CV^2 counts each edge).
SPAN = 6
SCALE = 12
# Drawings with more nodes than this are left to the greedy steps (time).
MAX_NODES = 400

Pt = tuple[int, int]
# where a thing's end sits: group, offset (x = X[group] + offset), both in half units
Ref = tuple[int, int]


def _key(p: tuple[float, float]) -> Pt:
    return (round(p[0] / STEP), round(p[1] / STEP))


def compact_global(d: Drawing, box: float | None = None) -> Drawing | None:
    """The drawing after alternating global x and y passes (`solve_x`), for the target edge
    length that gives the lowest CV; None when nothing lowers the CV, or the drawing is too big.

    The first target is the length-weighted mean edge length (S2 / S1 of `LengthSpread`, where
    the gradient of CV^2 points), rounded to `TARGET_STEP`; each result gives the next, while
    the CV falls, at most `TARGETS` times. A result whose bounding box is larger than `box`
    (when given) is not kept.

    The result depends on the drawing's values and `box` only, and the same drawing often comes
    again (the polished and the global variant of one compaction, the candidates of one layer):
    the last MEMO_SIZE results are kept, by the exact text of their arguments. The drawing
    returned is never `d` itself, and nothing changes a drawing once made.
    """
    key = repr((d.points, d.chains, d.steps, box))
    if key in _memo:
        return _memo[key]
    if len(_memo) >= MEMO_SIZE:
        del _memo[next(iter(_memo))]  # the oldest
    out = _memo[key] = _compact_global(d, box)
    return out


# compact_global results kept (a few drawings of a few dozen points each)
MEMO_SIZE = 16
_memo: dict[str, Drawing | None] = {}


def _compact_global(d: Drawing, box: float | None) -> Drawing | None:
    """`compact_global`, computed."""
    if not compact_global_may(d):
        return None
    best = spread_cv(d)
    found: Drawing | None = None
    now = d
    tried: set[float] = set()
    for _ in range(TARGETS):
        target = max(MIN_EDGE, round(_weighted_mean(now) / TARGET_STEP) * TARGET_STEP)
        if target in tried:
            break
        tried.add(target)
        out = now
        for _ in range(ROUNDS):
            moved = False
            for flip in (False, True):
                step = solve_x(transposed(out) if flip else out, target)
                if step is not None:
                    out = transposed(step) if flip else step
                    moved = True
            if not moved:
                break
        cv = spread_cv(out)
        if cv >= best - 1e-9 or (box is not None and drawing_area(out) > box):
            break
        best, found, now = cv, out, out
    return found


def compact_global_may(d: Drawing) -> bool:
    """Whether `compact_global` takes on `d` (at least two chains, at most `MAX_NODES` nodes)."""
    nodes = {_key(p) for p in d.points.values()} | {_key(p) for c in d.chains for p in c}
    return len(d.chains) >= 2 and len(nodes) <= MAX_NODES


def _weighted_mean(d: Drawing) -> float:
    """S2 / S1: the edge length the gradient of CV^2 pulls every edge towards."""
    spread = LengthSpread([chain_length(c) for c in d.chains], d.steps)
    return spread.s2 / spread.s1 if spread.s1 else MIN_EDGE


def spread_cv(d: Drawing) -> float:
    """The edge-length CV, each chain's stations spread evenly along it."""
    spread = LengthSpread([chain_length(c) for c in d.chains], d.steps)
    return math.sqrt(max(spread.value(spread.s1, spread.s2) - 1.0, 0.0))


class _Groups:
    """Union-find over nodes; a group's nodes keep their x offsets from each other."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def solve_x(d: Drawing, target: float) -> Drawing | None:
    """`d` with every x solved at once for chain lengths near `steps * target` (station gaps);
    None when no x changes (or the solution breaks a constraint, which it should not)."""
    index: dict[Pt, int] = {}
    xy: list[Pt] = []

    def node(p: tuple[float, float]) -> int:
        k = _key(p)
        if k not in index:
            index[k] = len(xy)
            xy.append(k)
        return index[k]

    keys = [node(p) for p in d.points.values()]
    chains = [[node(p) for p in chain] for chain in d.chains]
    pieces = [(a, b, c) for c, ids in enumerate(chains) for a, b in pairwise(ids) if a != b]

    # which chains may change length: every horizontal piece the same way
    sign: list[int] = []
    for ids in chains:
        ways = {
            (xy[b][0] > xy[a][0]) - (xy[b][0] < xy[a][0])
            for a, b in pairwise(ids)
            if a != b and xy[a][1] == xy[b][1]
        }
        sign.append(ways.pop() if len(ways) == 1 else 0)
    groups = _Groups(len(xy))
    for a, b, c in pieces:
        if xy[a][1] != xy[b][1] or sign[c] == 0:
            groups.union(a, b)
    grp = [groups.find(i) for i in range(len(xy))]
    off = [xy[i][0] - xy[grp[i]][0] for i in range(len(xy))]

    def ref(i: int, extra: int = 0) -> Ref:
        return (grp[i], off[i] + extra)

    hard: list[tuple[int, int, int]] = []  # (i, j, g): X[j] - X[i] >= g

    def keep(left: Ref, right: Ref, gap: int) -> None:
        if left[0] != right[0]:
            hard.append((left[0], right[0], gap + left[1] - right[1]))

    terms: list[tuple[int, int, int, int]] = []  # (i, j, d, w): w * |X[j] - X[i] - d|
    weight = len(pieces) + 1
    for a, b, _ in pieces:
        if xy[a][1] == xy[b][1] and grp[a] != grp[b]:
            lo, hi = (a, b) if xy[a][0] < xy[b][0] else (b, a)
            keep(ref(lo), ref(hi), 1)
            # the pull: this piece as short as it may be (x_hi - x_lo towards 0)
            terms.append((grp[lo], grp[hi], off[lo] - off[hi], 1))
    for c, ids in enumerate(chains):
        first, last = ids[0], ids[-1]
        if sign[c] == 0 or grp[first] == grp[last]:
            continue
        fixed = 0.0  # half units of the pieces that do not change length
        across = 0  # x extent of those pieces, first to last
        for a, b in pairwise(ids):
            if a != b and xy[a][1] != xy[b][1]:
                fixed += math.dist(xy[a], xy[b])
                across += xy[b][0] - xy[a][0]
        # horizontal length H = s * (x_last - x_first - across)
        s = sign[c]
        lo, hi = (first, last) if s > 0 else (last, first)
        base = off[hi] - off[lo] - s * across  # H = X[hi] - X[lo] + base
        least = math.ceil(d.steps[c] * MIN_EDGE / STEP - fixed - 1e-9)
        hard.append((grp[lo], grp[hi], least - base))
        want = round(d.steps[c] * target / STEP - fixed) - base
        # (H - want)^2 / k, piecewise linear: |H - want - m| summed over m in -SPAN..SPAN
        w = max(1, round(weight * SCALE / d.steps[c]))
        terms.extend((grp[lo], grp[hi], want + m, w) for m in range(-SPAN, SPAN + 1))
    for left, right, gap in _separations(xy, keys, pieces, ref):
        keep(left, right, gap)

    x = _potentials(sorted(set(grp)), hard, terms)
    if x is None:
        return None
    shift = min(xy[i][0] for i in range(len(xy))) - min(x[grp[i]] + off[i] for i in range(len(xy)))
    new = [x[grp[i]] + off[i] + shift for i in range(len(xy))]
    if all(new[i] == xy[i][0] for i in range(len(xy))):
        return None
    if any(x[j] - x[i] < g for i, j, g in hard):
        return None

    def moved(p: tuple[float, float]) -> tuple[float, float]:
        return (new[index[_key(p)]] * STEP, p[1])

    return Drawing(
        {k: moved(p) for k, p in d.points.items()},
        [[moved(p) for p in chain] for chain in d.chains],
        list(d.steps),
    )


def _separations(
    xy: Sequence[Pt],
    keys: Sequence[int],
    pieces: Sequence[tuple[int, int, int]],
    ref: object,
) -> list[tuple[Ref, Ref, int]]:
    """(left end, right end, least gap) of things that must keep apart: in each row and in each
    band of two neighbouring rows, every thing and the first thing
    right of it that it does not touch or overlap."""
    assert callable(ref)
    rows: dict[int, list[tuple[int, int, int, Ref, Ref, frozenset[int]]]] = {}
    thing = 0
    for k in sorted(set(keys)):
        x, y = xy[k]
        rows.setdefault(y, []).append((x, x, thing, ref(k), ref(k), frozenset([k])))
        thing += 1
    for a, b, _ in pieces:
        ends = frozenset([a, b])
        (ax, ay), (bx, by) = xy[a], xy[b]
        if ay == by:
            lo, hi = (a, b) if ax < bx else (b, a)
            rows.setdefault(ay, []).append((xy[lo][0], xy[hi][0], thing, ref(lo), ref(hi), ends))
        else:
            n = abs(by - ay)
            step = (bx - ax) // n
            for i in range(n + 1):
                r = ref(a, step * i)
                rows.setdefault(ay + (by - ay) * i // n, []).append(
                    (ax + step * i, ax + step * i, thing, r, r, ends)
                )
        thing += 1
    least = round(CLEARANCE / STEP)
    out: set[tuple[Ref, Ref, int]] = set()
    for r in sorted(rows):
        for band in (sorted(rows[r]), sorted(rows[r] + rows.get(r + 1, []))):
            for i, (_, right, who, _, right_ref, ends) in enumerate(band):
                for lo, _, other, lo_ref, _, theirs in band[i + 1 :]:
                    if lo <= right or other == who or ends & theirs:
                        continue
                    out.add((right_ref, lo_ref, min(least, lo - right)))
                    break
    return sorted(out)


def _potentials(
    groups: Sequence[int],
    hard: Sequence[tuple[int, int, int]],
    terms: Sequence[tuple[int, int, int, int]],
) -> dict[int, int] | None:
    """Integer X minimising sum w * |X[j] - X[i] - d| over `terms` subject to X[j] - X[i] >= g
    for every `hard` (i, j, g): the dual min-cost circulation, then potentials from shortest
    paths in its residual network."""
    g = nx.MultiDiGraph()
    g.add_nodes_from(groups, demand=0)
    # only the largest gap per pair binds; equal terms add up their weights
    largest: dict[tuple[int, int], int] = {}
    for i, j, gap in hard:
        largest[(i, j)] = max(gap, largest.get((i, j), gap))
    weights: dict[tuple[int, int, int], int] = {}
    for i, j, want, w in terms:
        weights[(i, j, want)] = weights.get((i, j, want), 0) + w
    arcs: list[tuple[int, int, int, int | None]] = []  # (u, v, cost, capacity or None)
    for (i, j), gap in sorted(largest.items()):
        arcs.append((j, i, -gap, None))
    for (i, j, want), w in sorted(weights.items()):
        arcs.append((j, i, -want, w))
        arcs.append((i, j, want, w))
    for n, (u, v, cost, cap) in enumerate(arcs):
        if cap is None:
            g.add_edge(u, v, key=n, weight=cost)
        else:
            g.add_edge(u, v, key=n, weight=cost, capacity=cap)
    try:
        _, flow = nx.network_simplex(g)
    except (nx.NetworkXUnfeasible, nx.NetworkXUnbounded):
        return None
    residual: dict[int, list[tuple[int, int]]] = {n: [] for n in groups}
    for n, (u, v, cost, cap) in enumerate(arcs):
        f = flow[u][v][n]
        if cap is None or f < cap:
            residual[u].append((v, cost))
        if f > 0:
            residual[v].append((u, -cost))
    return _shortest(groups, residual)


def _shortest(
    groups: Sequence[int], residual: dict[int, list[tuple[int, int]]]
) -> dict[int, int] | None:
    """Distances from a source joined to every node at cost 0 (queue-based Bellman-Ford);
    None on a negative cycle (there is none at an optimal flow)."""
    dist = dict.fromkeys(groups, 0)
    queue = deque(groups)
    queued = set(groups)
    relaxed = 0
    bound = len(groups) * (sum(len(v) for v in residual.values()) + 1)
    while queue:
        u = queue.popleft()
        queued.discard(u)
        du = dist[u]
        for v, cost in residual[u]:
            if du + cost < dist[v]:
                dist[v] = du + cost
                relaxed += 1
                if relaxed > bound:
                    return None
                if v not in queued:
                    queued.add(v)
                    queue.append(v)
    return dist
