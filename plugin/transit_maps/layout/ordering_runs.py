"""Bundle runs: stretches of track where the same lines enter together and leave together.

Along a run no line joins or leaves, so the lines must keep one order all along it (any change
would be a crossing on the same segment). Its order only matters at the run's two ends, and for
a bundle of a few lines every order can simply be tried there. This finds rotations that no
swap of two lines reaches, such as moving a line that turns off from the middle to the side.
"""

from __future__ import annotations

from itertools import permutations

from .ordering_cost import Network, node_cost

# Bundles of at most this many lines have every order tried (5! = 120).
MAX_PERMUTED = 5


def runs(net: Network) -> list[list[tuple[int, bool]]]:
    """The runs of two or more lines: edges (by index) with whether each points like the first."""
    out: list[list[tuple[int, bool]]] = []
    done: set[int] = set()
    for e, edge in enumerate(net.edges):
        if e in done or len(edge.lines) < 2:
            continue
        done.add(e)
        ahead = _extend(net, e, edge.target, True, done)
        behind = _extend(net, e, edge.source, False, done)
        out.append([*reversed(behind), (e, True), *ahead])
    return out


def _extend(net: Network, e: int, node: str, along: bool, done: set[int]) -> list[tuple[int, bool]]:
    """Edges that continue the run of edge `e` beyond `node`."""
    passed: list[tuple[int, bool]] = []
    lines = set(net.edges[e].lines)
    cur = e
    while True:
        onward = {tuple(net.onward(line, cur, node)) for line in lines}
        if len(onward) != 1:
            return passed
        (nxt_list,) = onward
        if len(nxt_list) != 1 or nxt_list[0] in done:
            return passed
        nxt = nxt_list[0]
        if set(net.edges[nxt].lines) != lines:
            return passed
        if any(net.onward(line, nxt, node) != [cur] for line in lines):
            return passed
        done.add(nxt)
        points_on = net.edges[nxt].source == node
        passed.append((nxt, points_on == along))
        node, cur = net.other_end(nxt, node), nxt


def permute_runs(net: Network, orders: list[list[str]]) -> bool:
    """Give each short run the best order at its ends; True if anything improved."""
    improved = False
    for run in runs(net):
        first, first_along = run[0]
        if len(orders[first]) > MAX_PERMUTED:
            continue
        nodes = sorted({v for e, _ in run for v in (net.edges[e].source, net.edges[e].target)})
        original = {e: list(orders[e]) for e, _ in run}
        best = sum(node_cost(net, orders, v) for v in nodes)
        winner: tuple[str, ...] | None = None
        for order in permutations(sorted(orders[first])):
            for e, along in run:
                orders[e] = list(order) if along == first_along else list(reversed(order))
            cost = sum(node_cost(net, orders, v) for v in nodes)
            if cost < best - 1e-9:
                best, winner = cost, order
        if winner is None:
            for e, saved in original.items():
                orders[e] = saved
            continue
        for e, along in run:
            orders[e] = list(winner) if along == first_along else list(reversed(winner))
        improved = True
    return improved
