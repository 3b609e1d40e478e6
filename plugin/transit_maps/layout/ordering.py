"""Line ordering: which side of a shared track each line runs on.

Two lines that share a stretch of track (consecutive edges they both take, through stations where
both go straight on) keep one relative order along all of it; the order is set where they part:
the line that turns off further to the left runs on the left. When the two ends of a stretch ask
for opposite orders, one crossing is unavoidable and goes to the end where it costs least (a
junction rather than a station). Lines that never part keep the layer's line order. Each edge's
order then follows these pairwise choices, and a local search (every order of short bundle
runs, swaps of two lines on an edge or along their stretch) lowers the full objective of
`ordering_cost` (crossings and separations, with LOOM's weights). Small networks restart with
other seeded choices of where equally costly crossings go, and keep the cheapest result.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace

from ..model import Layer
from .geometry import PlacedEdge
from .ordering_cost import PENALTIES, Network, node_cost, ordering_cost
from .ordering_runs import permute_runs

__all__ = ["order_lines", "ordering_cost"]

# Preference weight of a pair of lines that never part: just enough to break ties.
TIE_WEIGHT = 0.01
# Bundles of at most this many lines try swaps of any two lines, larger ones only neighbours.
MAX_ALL_PAIRS = 6
# Attempts with different choices of where unavoidable crossings go (when both ends cost the
# same), for networks up to RESTART_SIZE (sum over bundles of lines squared); the best is kept.
RESTARTS = 6
RESTART_SIZE = 600
# Rounds of the local search (each tries every adjacent pair on every edge once).
SEARCH_ROUNDS = 6

# Per edge: (a, b) -> (+1 if a runs left of b in the edge's own direction else -1, weight).
Preferences = dict[tuple[str, str], tuple[int, float]]


def order_lines(layer: Layer, edges: Sequence[PlacedEdge]) -> tuple[PlacedEdge, ...]:
    """The same edges with `lines` reordered across each bundle to avoid crossings.

    Orders read from the left-hand side to the right-hand side when travelling from `source` to
    `target` (see `PlacedEdge`). Deterministic: ties fall back to the layer's line order, and
    the restarts draw from fixed seeds.
    """
    net = Network(layer, edges)
    line_rank = {line.id: i for i, line in enumerate(layer.lines)}
    size = sum(len(e.lines) ** 2 for e in edges if len(e.lines) > 1)
    restarts = RESTARTS if size <= RESTART_SIZE else 1
    best: tuple[float, list[list[str]]] | None = None
    for attempt in range(restarts):
        # The first attempt settles ties by station order; later ones toss seeded coins.
        coin = random.Random(attempt) if attempt else None
        prefs: list[Preferences] = [{} for _ in edges]
        for i, edge in enumerate(edges):
            lines = sorted(edge.lines, key=lambda x: (line_rank.get(x, len(line_rank)), x))
            for n, a in enumerate(lines):
                for b in lines[n + 1 :]:
                    if (a, b) not in prefs[i]:
                        _decide_stretch(net, i, a, b, prefs, line_rank, coin)
        orders = [_order_from(edge.lines, prefs[i], line_rank) for i, edge in enumerate(edges)]
        _local_search(net, orders)
        cost = sum(node_cost(net, orders, v) for v in net.nodes())
        if best is None or cost < best[0] - 1e-9:
            best = (cost, orders)
        if cost <= 1e-9:
            break
    assert best is not None
    return tuple(replace(edge, lines=tuple(best[1][i])) for i, edge in enumerate(edges))


def _walk(
    net: Network, start: int, node: str, a: str, b: str, with_frame: bool, seen: set[int]
) -> tuple[list[tuple[int, bool]], tuple[int, float, str] | None]:
    """Follow lines a and b from edge `start` into `node` while they run together.

    Returns the edges passed (each with whether it points along the start edge's direction)
    and, where they part, (+1 if a must be left of b for a traveller heading away from the start
    edge, else -1; the cost of a crossing there; the node), or None where nothing is decided.
    """
    passed: list[tuple[int, bool]] = []
    cur = start
    while True:
        on_a, on_b = net.onward(a, cur, node), net.onward(b, cur, node)
        if on_a and on_a == on_b and len(on_a) == 1 and on_a[0] not in seen:
            nxt = on_a[0]
            seen.add(nxt)
            points_on = net.edges[nxt].source == node
            passed.append((nxt, points_on if with_frame else not points_on))
            node, cur = net.other_end(nxt, node), nxt
            continue
        if not on_a or not on_b or on_a == on_b:
            return passed, None
        only_a = [f for f in on_a if f not in on_b] or on_a
        only_b = [f for f in on_b if f not in on_a] or on_b
        turn_a = sum(net.turn(node, cur, f) for f in only_a) / len(only_a)
        turn_b = sum(net.turn(node, cur, f) for f in only_b) / len(only_b)
        if abs(turn_a - turn_b) <= 1e-9:
            return passed, None
        side = 1 if turn_a > turn_b else -1
        cost = PENALTIES.different_segment_crossing * net.weight(node)
        return passed, (side, cost, node)


def _decide_stretch(
    net: Network,
    e0: int,
    a: str,
    b: str,
    prefs: list[Preferences],
    line_rank: dict[str, int],
    coin: random.Random | None = None,
) -> None:
    """Choose the order of lines a, b on the whole stretch they share with edge `e0`."""
    edge = net.edges[e0]
    seen = {e0}
    ahead, end_ahead = _walk(net, e0, edge.target, a, b, True, seen)
    behind, end_behind = _walk(net, e0, edge.source, a, b, False, seen)
    stretch = [(e0, True), *ahead, *behind]
    ends: list[tuple[int, float, str]] = []
    if end_ahead:
        ends.append(end_ahead)
    if end_behind:  # heading backwards, left and right swap
        side, cost, node = end_behind
        ends.append((-side, cost, node))
    if len(ends) == 2 and ends[0][0] != ends[1][0] and ends[0][1] == ends[1][1] and coin:
        # Equally costly either way: which end takes the crossing is this attempt's coin toss.
        side, weight, _ = ends[coin.randrange(2)]
    elif ends:
        # Satisfy the end where a crossing would cost more; the other end takes the crossing.
        side, weight, _ = max(ends, key=lambda t: (t[1], -net.rank.get(t[2], 0)))
    else:
        # Never parting: the layer's line order, read along the stretch's lowest-numbered edge.
        _, along = min(stretch)
        in_canon = 1 if line_rank.get(a, 0) <= line_rank.get(b, 0) else -1
        side, weight = (in_canon if along else -in_canon), TIE_WEIGHT
    for e, along in stretch:
        if (a, b) not in prefs[e]:
            prefs[e][(a, b)] = (side if along else -side, weight)


def _left_weight(prefs: Preferences, x: str, y: str) -> float:
    """How much the preferences want x left of y (negative: y left of x)."""
    if (x, y) in prefs:
        side, w = prefs[(x, y)]
        return side * w
    if (y, x) in prefs:
        side, w = prefs[(y, x)]
        return -side * w
    return 0.0


def _order_from(lines: Sequence[str], prefs: Preferences, line_rank: dict[str, int]) -> list[str]:
    """An order of `lines` that honours the pairwise preferences as far as they agree."""
    score = {x: sum(_left_weight(prefs, x, y) for y in lines if y != x) for x in lines}
    order = sorted(lines, key=lambda x: (-score[x], line_rank.get(x, 0), x))
    # Preferences may be cyclic; a bounded bubble pass settles what wins pairwise.
    for _ in range(len(order)):
        changed = False
        for k in range(len(order) - 1):
            if _left_weight(prefs, order[k + 1], order[k]) > 0:
                order[k], order[k + 1] = order[k + 1], order[k]
                changed = True
        if not changed:
            break
    return order


def _local_search(net: Network, orders: list[list[str]]) -> None:
    """Swap two lines, on one edge or along their whole shared stretch, while that helps.

    For each edge, every such swap is scored at the nodes it touches and the best one is kept
    if it lowers the objective. Swapping a pair along its stretch moves an unavoidable crossing
    from one end to the other, which a swap on one edge cannot do without adding a crossing in
    between. Neighbours are always tried; in small bundles any two lines (which also cures a
    line put between two that stay together).
    """
    for _ in range(SEARCH_ROUNDS):
        improved = permute_runs(net, orders)
        for e in range(len(net.edges)):
            best: tuple[float, list[int], str, str] | None = None
            now: dict[str, float] = {}  # node costs of the current orders (each move undoes itself)
            for move, a, b in _moves(net, orders, e):
                change = _change(net, orders, move, a, b, now)
                if change < -1e-9 and (best is None or change < best[0] - 1e-9):
                    best = (change, move, a, b)
            if best is not None:
                _exchange(orders, best[1], best[2], best[3])
                improved = True
        if not improved:
            break


def _moves(net: Network, orders: list[list[str]], e: int) -> list[tuple[list[int], str, str]]:
    """The swaps tried on edge `e`: (edges to swap on, line, line)."""
    n = len(orders[e])
    pairs = [(k, k + 1) for k in range(n - 1)]
    if n <= MAX_ALL_PAIRS:
        pairs += [(i, j) for i in range(n) for j in range(i + 2, n)]
    edge = net.edges[e]
    out: list[tuple[list[int], str, str]] = []
    for i, j in pairs:
        a, b = orders[e][i], orders[e][j]
        seen = {e}
        ahead, _ = _walk(net, e, edge.target, a, b, True, seen)
        behind, _ = _walk(net, e, edge.source, a, b, False, seen)
        out.append(([e], a, b))
        if ahead or behind:
            out.append(([e] + [f for f, _ in ahead + behind], a, b))
    return out


def _change(
    net: Network,
    orders: list[list[str]],
    edges: list[int],
    a: str,
    b: str,
    now: dict[str, float] | None = None,
) -> float:
    """How much exchanging lines a and b on `edges` changes the objective (nothing is kept).

    `now` caches the node costs of the current orders between calls that leave them as found.
    """
    nodes = sorted({v for e in edges for v in (net.edges[e].source, net.edges[e].target)})
    if now is None:
        now = {}
    for v in nodes:
        if v not in now:
            now[v] = node_cost(net, orders, v)
    before = sum(now[v] for v in nodes)
    _exchange(orders, edges, a, b)
    after = sum(node_cost(net, orders, v) for v in nodes)
    _exchange(orders, edges, a, b)
    return after - before


def _exchange(orders: list[list[str]], edges: list[int], a: str, b: str) -> None:
    for e in edges:
        order = orders[e]
        i, j = order.index(a), order.index(b)
        order[i], order[j] = b, a
