"""The line-ordering objective: crossings and separations of lines where bundles meet.

Terms and weights follow LOOM (Bast, Brosi, Storandt, "Efficient generation of geographically
accurate transit maps", ACM TSAS 2019): at a node, two lines that arrive together on one edge
and leave together on another cross "on the same segment" when they swap sides (4); two lines that
arrive together and leave on different edges cross "on different segments" when their order does
not match the directions they leave in (1); two lines side by side that stay together but get
another line put between them are "separated" (3). In a station, where the reader looks, each
term counts three times (12, 3, 9); at a junction it counts once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..model import Layer
from .geometry import PlacedEdge, Point


@dataclass(frozen=True)
class Penalties:
    """Weights of the ordering objective (LOOM's defaults)."""

    same_segment_crossing: float = 4.0
    different_segment_crossing: float = 1.0
    separation: float = 3.0
    in_station_factor: float = 3.0


PENALTIES = Penalties()


class Network:
    """Edges, their lines' transitions through nodes, and the angles between edges at nodes.

    Edges are referred to by their index in `edges`. `onward(line, e, v)` lists the edges the
    line continues on after arriving at node v along edge e.
    """

    def __init__(self, layer: Layer, edges: Sequence[PlacedEdge]) -> None:
        self.edges = list(edges)
        self.junctions = {s.id for s in layer.stations if s.junction}
        self.rank = {s.id: i for i, s in enumerate(layer.stations)}
        self.by_pair: dict[frozenset[str], int] = {}
        self.incident: dict[str, list[int]] = {}
        for i, edge in enumerate(self.edges):
            self.by_pair[frozenset((edge.source, edge.target))] = i
            self.incident.setdefault(edge.source, []).append(i)
            self.incident.setdefault(edge.target, []).append(i)
        self._onward: dict[tuple[str, int, str], list[int]] = {}
        for line in layer.lines:
            for route in line.routes:
                hops = [self.by_pair.get(frozenset((u, v))) for u, v in pairwise(route) if u != v]
                stops = [u for u, v in pairwise(route) if u != v] + [route[-1]]
                for k in range(1, len(hops)):
                    e, f, v = hops[k - 1], hops[k], stops[k]
                    if e is None or f is None or e == f:
                        continue
                    for a, b in ((e, f), (f, e)):
                        onward = self._onward.setdefault((line.id, a, v), [])
                        if b not in onward:
                            onward.append(b)
        for onward in self._onward.values():
            onward.sort()
        self._angle: dict[tuple[str, int], float] = {}
        # (node, the line orders of its edges) -> node_terms
        self.terms: dict[tuple[str, tuple[tuple[str, ...], ...]], tuple[int, int, int]] = {}

    def nodes(self) -> list[str]:
        """Every node with an edge, in station order."""
        return sorted(self.incident, key=lambda v: (self.rank.get(v, len(self.rank)), v))

    def onward(self, line: str, e: int, v: str) -> list[int]:
        """Edges `line` takes after arriving at node `v` along edge `e` (sorted, maybe empty)."""
        return self._onward.get((line, e, v), [])

    def other_end(self, e: int, v: str) -> str:
        """The node at the far end of edge `e` from `v`."""
        edge = self.edges[e]
        return edge.target if edge.source == v else edge.source

    def departure(self, e: int, v: str) -> float:
        """Direction (radians, counter-clockwise as seen on screen) of edge `e` leaving `v`."""
        key = (v, e)
        if key not in self._angle:
            edge = self.edges[e]
            path = list(edge.path) if edge.source == v else list(reversed(edge.path))
            self._angle[key] = _first_direction(path)
        return self._angle[key]

    def turn(self, v: str, e: int, f: int) -> float:
        """Signed turn (radians, left positive) from arriving along `e` to leaving along `f`."""
        heading = self.departure(e, v) + math.pi
        t = (self.departure(f, v) - heading) % (2 * math.pi)
        return t - 2 * math.pi if t > math.pi else t

    def weight(self, v: str) -> float:
        """How much a defect at node `v` counts: more in a station than at a junction."""
        return 1.0 if v in self.junctions else PENALTIES.in_station_factor


def _first_direction(path: Sequence[Point]) -> float:
    for a, b in pairwise(path):
        if math.dist(a, b) > 1e-9:
            # y grows downwards on screen; flip it so that counter-clockwise means a left turn.
            return math.atan2(a[1] - b[1], b[0] - a[0])
    return 0.0


def arriving(net: Network, order: Sequence[str], e: int, v: str) -> dict[str, int]:
    """Position of each line of edge `e` from the left, for a traveller arriving at `v` on it."""
    seq = order if net.edges[e].target == v else list(reversed(order))
    return {line: i for i, line in enumerate(seq)}


def leaving(net: Network, order: Sequence[str], e: int, v: str) -> dict[str, int]:
    """Position of each line of edge `e` from the left, for a traveller leaving `v` on it."""
    seq = order if net.edges[e].source == v else list(reversed(order))
    return {line: i for i, line in enumerate(seq)}


def node_terms(net: Network, orders: Sequence[Sequence[str]], v: str) -> tuple[int, int, int]:
    """Counts at node `v`: (same-segment crossings, different-segment crossings, separations).

    They depend only on the orders of the edges at `v` (every edge a line continues on is one
    of them), so the network keeps them by those orders: the ordering search asks for the same
    node with the same orders again and again.
    """
    key = (v, tuple(tuple(orders[e]) for e in net.incident.get(v, ())))
    terms = net.terms.get(key)
    if terms is None:
        terms = net.terms[key] = _node_terms(net, orders, v)
    return terms


def _node_terms(net: Network, orders: Sequence[Sequence[str]], v: str) -> tuple[int, int, int]:
    same = different = separations = 0
    departures: dict[int, dict[str, int]] = {}

    def leaving_at(f: int) -> dict[str, int]:
        if f not in departures:
            departures[f] = leaving(net, orders[f], f, v)
        return departures[f]

    for e in net.incident.get(v, ()):
        arr = arriving(net, orders[e], e, v)
        lines = orders[e]
        onward = {line: net.onward(line, e, v) for line in lines}
        for i, a in enumerate(lines):
            on_a = onward[a]
            if not on_a:
                continue
            for b in lines[i + 1 :]:
                a_left = arr[a] < arr[b]
                for fa in on_a:
                    for fb in onward[b]:
                        if fa == fb:
                            if fa < e:  # each pair of edges once
                                continue
                            dep = leaving_at(fa)
                            if a_left != (dep[a] < dep[b]):
                                same += 1
                        else:
                            ta, tb = net.turn(v, e, fa), net.turn(v, e, fb)
                            if abs(ta - tb) > 1e-9 and a_left != (ta > tb):
                                different += 1
        separations += _separations(net, e, v, arr, onward, leaving_at)
    return same, different, separations


def node_cost(net: Network, orders: Sequence[Sequence[str]], v: str) -> float:
    """The objective's terms at node `v` for the line orders `orders` (one per edge)."""
    p = PENALTIES
    same, different, separations = node_terms(net, orders, v)
    return net.weight(v) * (
        p.same_segment_crossing * same
        + p.different_segment_crossing * different
        + p.separation * separations
    )


def _separations(
    net: Network,
    e: int,
    v: str,
    arr: dict[str, int],
    onward: dict[str, list[int]],
    leaving_at: Callable[[int], dict[str, int]],
) -> int:
    """Neighbours on edge `e` that both continue on an edge f where they are no longer neighbours.

    Counted from the side of the lower-numbered edge only, so each pair of edges counts once.
    """
    count = 0
    by_pos = sorted(arr, key=arr.__getitem__)
    for a, b in pairwise(by_pos):
        for f in onward[a]:
            if f > e and f in onward[b]:
                dep = leaving_at(f)
                if abs(dep[a] - dep[b]) != 1:
                    count += 1
    # and the converse: neighbours on f (f > e) that were apart on e
    for f in sorted({f for line in arr for f in onward[line] if f > e}):
        dep = leaving_at(f)
        by_dep = sorted(dep, key=dep.__getitem__)
        for a, b in pairwise(by_dep):
            together = e in net.onward(a, f, v) and e in net.onward(b, f, v)
            if together and abs(arr[a] - arr[b]) != 1:
                count += 1
    return count


def ordering_cost(layer: Layer, edges: Sequence[PlacedEdge]) -> float:
    """The objective of the line orders in `edges` (0 means no crossing and no separation)."""
    net = Network(layer, edges)
    orders = [list(e.lines) for e in edges]
    return sum(node_cost(net, orders, v) for v in net.nodes())


def ordering_terms(layer: Layer, edges: Sequence[PlacedEdge]) -> tuple[int, int]:
    """Unweighted counts over all nodes: (line crossings of either kind, separations)."""
    net = Network(layer, edges)
    orders = [list(e.lines) for e in edges]
    crossings = separations = 0
    for v in net.nodes():
        same, different, apart = node_terms(net, orders, v)
        crossings += same + different
        separations += apart
    return crossings, separations
