"""Untangling a topology-only embedding of a planar network whose straight lines cross.

A stress drawing places stations by their distances in hops, which on a city network is close
to its geography; where one line tunnels under another without a shared station, the
geography crosses, and so does the stress drawing, though the network is planar. The router
keeps every station where the embedding put it, so the crossing stays. Two repairs change the
embedding instead, each kept only where it removes crossings:

1. **Chains through a free face.** The 2-core of the network (what is left when dead-end
   branches are pruned) is cut into chains between its junctions. A chain whose straight lines
   cross another is lifted; a raster search (cells of CELL station gaps, keeping off every
   other line of the core) finds a way between its two end stations that crosses nothing, and
   its stations are put on the corners of that way pulled taut (or spread evenly along it,
   whichever crosses less). A chain is moved only when the core's crossings fall.
2. **Hanging pieces into a face at their root.** A piece that hangs off one station (a
   dead-end branch, a loop back to its junction) and crosses something is turned about that
   station (by multiples of 45°, and mirrored), then shrunk (SCALES) until it crosses nothing:
   it then lies inside a face around its root, as a planar drawing must draw it (a branch
   hanging off a station inside a ring lies inside the ring). Bigger pieces go first. The
   schematisation spreads it again.

`untangled` returns the repaired positions, or None when the straight-line crossings did not
fall. Everything iterates in the graph's order: deterministic.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterator, Mapping, Sequence
from itertools import pairwise

import networkx as nx

from .spatial import point_segment_distance

Vec = tuple[float, float]
Edge = tuple[str, str]
# an edge with its end points and bounding box (x0, y0, x1, y1)
Segment = tuple[str, str, Vec, Vec, tuple[float, float, float, float]]

# Raster of the free-face search: cell size, clearances from other lines tried in turn (station
# gaps; a wider berth bends less, so it is tried when a narrower way still crosses), and the
# room left around the drawing (a chain may go round the outside).
CELL = 0.25
CLEARS = (0.2, 0.5, 1.0)
MARGIN = 3.0
# Chain moves at most, per embedding.
ROUNDS = 20
# How much a hanging piece may shrink, tried largest first; and its turns (x 45 degrees).
SCALES = (1.0, 0.8, 0.65, 0.5, 0.4, 0.3)
TURNS = (0, 1, -1, 2, -2, 3, -3, 4)


def segments_cross(a: Vec, b: Vec, c: Vec, d: Vec) -> bool:
    """Whether segments a-b and c-d cross properly (touching does not count)."""

    def orient(p: Vec, q: Vec, r: Vec) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return orient(a, b, c) * orient(a, b, d) < 0 and orient(c, d, a) * orient(c, d, b) < 0


def untangled(g: nx.Graph, comp: Sequence[str], pos: Mapping[str, Vec]) -> dict[str, Vec] | None:
    """The embedding of component `comp` with crossing chains rerouted and hanging pieces
    folded (module docstring), or None when its straight-line crossings do not fall."""
    member = set(comp)
    edges = [(u, v) for u, v in g.edges() if u in member]
    before = _count(edges, edges, pos)
    if before == 0:
        return None
    core = set(nx.k_core(g.subgraph(comp), 2))
    out = dict(pos)
    if core:
        _reroute_chains(g, [n for n in comp if n in core], out)
    _fold_branches(g, comp, edges, out)
    return out if _count(edges, edges, out) < before else None


def crossing_count(edges: Sequence[Edge], pos: Mapping[str, Vec]) -> int:
    """Pairs of `edges` without a common station whose straight lines cross."""
    return _count(edges, edges, pos)


def _count(first: Sequence[Edge], second: Sequence[Edge], pos: Mapping[str, Vec]) -> int:
    """Crossing pairs between two lists of edges (each pair once when the lists are equal)."""
    segments = _segments(second, pos)
    if first is not second:
        return _against(first, segments, pos, math.inf)
    return sum(_against([e], segments[i + 1 :], pos, math.inf) for i, e in enumerate(first))


def _segments(edges: Sequence[Edge], pos: Mapping[str, Vec]) -> list[Segment]:
    """Each edge with its end points and bounding box at `pos`."""
    return [(c, d, pos[c], pos[d], _box(pos[c], pos[d])) for c, d in edges]


def _box(p: Vec, q: Vec) -> tuple[float, float, float, float]:
    return (min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]))


def _chains(core: nx.Graph, nodes: Sequence[str]) -> list[list[str]]:
    """The chains of the core between its junctions (stations of another degree than 2), each
    once, from its first junction in station order."""
    junction = {n for n in nodes if core.degree(n) != 2}
    out: list[list[str]] = []
    seen: set[Edge] = set()
    for j in nodes:
        if j not in junction:
            continue
        for first in core.neighbors(j):
            if (j, first) in seen:
                continue
            path = [j, first]
            while path[-1] not in junction:
                path.append(next(m for m in core.neighbors(path[-1]) if m != path[-2]))
            seen.add((j, first))
            seen.add((path[-1], path[-2]))
            out.append(path)
    return out


def _reroute_chains(g: nx.Graph, nodes: Sequence[str], pos: dict[str, Vec]) -> None:
    """Reroute crossing chains of the core through free faces while the core's crossings fall."""
    core = g.subgraph(nodes)
    edges = [(u, v) for u, v in g.edges() if u in core and v in core]
    # (a loop back to its own junction has no way to take: it is left as it is)
    chains = [c for c in _chains(core, nodes) if len(c) > 2 and c[0] != c[-1]]
    order = {n: i for i, n in enumerate(nodes)}
    failed: set[int] = set()  # chains that found no better way (they are not tried again)
    for _ in range(ROUNDS):
        crossing = _crossings_per_edge(edges, pos)
        if not crossing:
            return
        ranked = sorted(
            (
                (-sum(crossing.get(frozenset(e), 0) for e in pairwise(c)), len(c), order[c[0]], k)
                for k, c in enumerate(chains)
                if k not in failed
            ),
        )
        for weight, _, _, k in ranked:
            if weight == 0:
                return
            if _reroute(chains[k], edges, pos):
                break
            failed.add(k)
        else:
            return


def _crossings_per_edge(edges: Sequence[Edge], pos: Mapping[str, Vec]) -> dict[frozenset[str], int]:
    """How many crossings each edge takes part in (only edges that cross)."""
    segments = _segments(edges, pos)
    out: dict[frozenset[str], int] = {}
    for e in edges:
        count = _against([e], segments, pos, math.inf)  # itself: shares its ends, never counted
        if count:
            out[frozenset(e)] = count
    return out


def _reroute(chain: list[str], edges: Sequence[Edge], pos: dict[str, Vec]) -> bool:
    """Lay the chain's inner stations along a way between its ends that crosses no other edge
    of the core; kept (True) when the core crosses less.

    Each clearance of CLEARS gives a way (a wider berth bends less; where one finds none, the
    wider ones are not tried: they block every cell it did); on each, the stations go
    on the corners of the way pulled taut (the straight lines between them then follow it),
    or spread evenly along it; the placement that crosses least is kept, the first of equals.
    """
    inner = set(chain[1:-1])
    own = [e for e in edges if e[0] in inner or e[1] in inner]
    rest = [e for e in edges if e[0] not in inner and e[1] not in inner]
    lines = [(pos[u], pos[v]) for u, v in rest]
    fewest = _count(own, rest, pos) + _count(own, own, pos)
    chosen: dict[str, Vec] | None = None
    for clear in CLEARS:
        way = _free_way(pos, rest, chain[0], chain[-1], inner, clear)
        if way is None:
            break  # a wider berth blocks every cell this one did: no way either
        for placed in (_stations_along(_pulled(way, lines), len(inner)), _spread(way, len(inner))):
            moved = dict(pos)
            moved.update(zip(chain[1:-1], placed, strict=True))
            crossed = _count(own, rest, moved) + _count(own, own, moved)
            if crossed < fewest:
                fewest, chosen = crossed, moved
        if fewest == 0:
            break
    if chosen is None:
        return False
    pos.update(chosen)
    return True


def _free_way(
    pos: Mapping[str, Vec], rest: Sequence[Edge], a: str, b: str, lifted: set[str], clear: float
) -> list[Vec] | None:
    """A way from station a to station b on a raster that keeps `clear` off every edge of
    `rest` and off every station not `lifted` (A*, eight directions), or None."""
    placed = [p for n, p in pos.items() if n not in lifted]
    x0 = min(p[0] for p in placed) - MARGIN
    y0 = min(p[1] for p in placed) - MARGIN
    width = int((max(p[0] for p in placed) + MARGIN - x0) / CELL) + 1
    height = int((max(p[1] for p in placed) + MARGIN - y0) / CELL) + 1
    blocked = bytearray(width * height)

    def cell_of(p: Vec) -> tuple[int, int]:
        return (round((p[0] - x0) / CELL), round((p[1] - y0) / CELL))

    def at(i: int, j: int) -> Vec:
        return (x0 + i * CELL, y0 + j * CELL)

    for u, v in rest:
        pu, pv = pos[u], pos[v]
        i0, j0 = cell_of((min(pu[0], pv[0]) - clear, min(pu[1], pv[1]) - clear))
        i1, j1 = cell_of((max(pu[0], pv[0]) + clear, max(pu[1], pv[1]) + clear))
        for i in range(max(i0, 0), min(i1, width - 1) + 1):
            for j in range(max(j0, 0), min(j1, height - 1) + 1):
                p = at(i, j)
                limit = clear
                for end in (a, b):  # near the ends the way must squeeze between their edges
                    if end in (u, v):
                        limit = min(limit, 0.5 * math.dist(p, pos[end]))
                if point_segment_distance(p, pu, pv) < limit:
                    blocked[j * width + i] = 1
    for n, p in pos.items():
        if n in lifted or n in (a, b):
            continue
        ci, cj = cell_of(p)
        for i in range(max(ci - 1, 0), min(ci + 1, width - 1) + 1):
            for j in range(max(cj - 1, 0), min(cj + 1, height - 1) + 1):
                blocked[j * width + i] = 1
    start, goal = cell_of(pos[a]), cell_of(pos[b])
    blocked[start[1] * width + start[0]] = 0
    blocked[goal[1] * width + goal[0]] = 0
    cells = _search(blocked, width, height, start, goal)
    if cells is None:
        return None
    return [pos[a], *(at(i, j) for i, j in cells[1:-1]), pos[b]]


_DIAGONAL = math.sqrt(2.0)


def _search(
    blocked: bytearray, width: int, height: int, start: tuple[int, int], goal: tuple[int, int]
) -> list[tuple[int, int]] | None:
    """The cheapest way on the raster from start to goal through free cells (A*, eight
    directions, octile distance as the estimate), or None."""
    gi, gj = goal
    source, target = start[1] * width + start[0], gj * width + gi
    best = [math.inf] * (width * height)
    came = [-1] * (width * height)
    best[source] = 0.0
    queue = [(0.0, 0.0, source)]
    moves = [
        (di, dj, dj * width + di, 1.0 if di == 0 or dj == 0 else _DIAGONAL)
        for di, dj in ((1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1))
    ]
    while queue:
        _, cost, here = heapq.heappop(queue)
        if here == target:
            break
        if cost > best[here]:
            continue
        hi, hj = here % width, here // width
        for di, dj, offset, length in moves:
            i, j = hi + di, hj + dj
            if i < 0 or j < 0 or i >= width or j >= height:
                continue
            there = here + offset
            if blocked[there]:
                continue
            step = cost + length
            if step < best[there]:
                best[there] = step
                came[there] = here
                dx, dy = abs(i - gi), abs(j - gj)
                guess = dx + dy + (_DIAGONAL - 2.0) * min(dx, dy)
                heapq.heappush(queue, (step + guess, step, there))
    if best[target] == math.inf:
        return None
    way = [target]
    while way[-1] != source:
        way.append(came[way[-1]])
    return [(n % width, n // width) for n in reversed(way)]


def _pulled(way: Sequence[Vec], lines: Sequence[tuple[Vec, Vec]]) -> list[Vec]:
    """The way pulled taut: from each corner, straight on to the farthest point of the way that
    a straight line reaches without crossing any of `lines`; the way's ends included."""
    out = [way[0]]
    here = 0
    while here < len(way) - 1:
        reach = here + 1
        for there in range(len(way) - 1, here + 1, -1):
            if not any(segments_cross(way[here], way[there], p, q) for p, q in lines):
                reach = there
                break
        out.append(way[reach])
        here = reach
    return out


def _stations_along(corners: Sequence[Vec], count: int) -> list[Vec]:
    """`count` stations along the polyline `corners`: one on each inner corner when there are
    enough of them (the straight lines between stations then follow the polyline), the rest
    spread over its pieces by length; otherwise evenly along it."""
    inner = len(corners) - 2
    if inner > count:
        return _spread(corners, count)
    lengths = [math.dist(p, q) for p, q in pairwise(corners)]
    total = sum(lengths) or 1.0
    extra = count - inner
    # the extra stations go to the pieces by length (largest remainder, first of equals first)
    shares = [extra * length / total for length in lengths]
    given = [int(share) for share in shares]
    left = sorted(range(len(shares)), key=lambda k: (-(shares[k] - given[k]), k))
    for k in left[: extra - sum(given)]:
        given[k] += 1
    out: list[Vec] = []
    for k, (p, q) in enumerate(pairwise(corners)):
        out.extend(_spread([p, q], given[k]))
        if k < inner:
            out.append(q)
    return out


def _spread(way: Sequence[Vec], count: int) -> list[Vec]:
    """`count` points at equal distances along the polyline `way`, its ends excluded."""
    cum = [0.0]
    for p, q in pairwise(way):
        cum.append(cum[-1] + math.dist(p, q))
    out: list[Vec] = []
    k = 0
    for i in range(1, count + 1):
        s = cum[-1] * i / (count + 1)
        while k < len(way) - 2 and cum[k + 1] < s:
            k += 1
        piece = cum[k + 1] - cum[k]
        t = (s - cum[k]) / piece if piece > 0 else 0.0
        p, q = way[k], way[k + 1]
        out.append((p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t))
    return out


def _fold_branches(
    g: nx.Graph, comp: Sequence[str], edges: Sequence[Edge], pos: dict[str, Vec]
) -> None:
    """Turn and shrink each crossing piece that hangs off one station until it crosses
    nothing (`_hanging`: biggest first)."""
    for root, branch in _hanging(g, comp):
        inside = set(branch)
        own = [e for e in edges if e[0] in inside or e[1] in inside]
        others = _segments([e for e in edges if e[0] not in inside and e[1] not in inside], pos)
        fewest = _against(own, others, pos, math.inf)
        if fewest == 0:
            continue
        chosen: dict[str, Vec] | None = None
        for moved in _placements(g, branch, root, pos):
            crossed = _against(own, others, {**pos, **moved}, fewest)
            if crossed < fewest:
                fewest, chosen = crossed, moved
            if fewest == 0:
                break
        if chosen is not None:
            pos.update(chosen)


def _hanging(g: nx.Graph, comp: Sequence[str]) -> list[tuple[str, list[str]]]:
    """(root, piece) for every piece that hangs off one station of the component (an
    articulation point): each part of the component without the root but its biggest (the
    one with the earliest station among equals). Biggest pieces first, then in station order;
    the stations of each in station order."""
    sub = g.subgraph(comp)
    order = {n: i for i, n in enumerate(comp)}
    out: list[tuple[int, int, str, list[str]]] = []
    for root in sorted(nx.articulation_points(sub), key=order.__getitem__):
        parts = [
            sorted(part, key=order.__getitem__)
            for part in nx.connected_components(sub.subgraph(n for n in comp if n != root))
        ]
        parts.sort(key=lambda part: (-len(part), order[part[0]]))
        for part in parts[1:]:
            out.append((-len(part), order[part[0]], root, part))
    out.sort(key=lambda item: (item[0], item[1], order[item[2]]))
    return [(root, part) for _, _, root, part in out]


def _against(
    own: Sequence[Edge], others: Sequence[Segment], pos: Mapping[str, Vec], enough: float
) -> int:
    """Crossings of the `own` edges (at `pos`) with the `others` (at their given places), counted
    up to `enough` (the count stops there: it is then no better)."""
    count = 0
    for a, b in own:
        pa, pb = pos[a], pos[b]
        x0, y0, x1, y1 = _box(pa, pb)
        for c, d, pc, pd, (bx0, by0, bx1, by1) in others:
            if bx0 > x1 or x0 > bx1 or by0 > y1 or y0 > by1:
                continue
            if a in (c, d) or b in (c, d):
                continue
            if segments_cross(pa, pb, pc, pd):
                count += 1
                if count >= enough:
                    return count
    return count


def _placements(
    g: nx.Graph, branch: Sequence[str], root: str, pos: Mapping[str, Vec]
) -> Iterator[dict[str, Vec]]:
    """The hanging piece turned about its root, mirrored across the line to its first station,
    and shrunk: largest first, then by how far it turns."""
    rx, ry = pos[root]
    first = next(n for n in branch if g.has_edge(n, root))
    fx, fy = pos[first][0] - rx, pos[first][1] - ry
    norm = math.hypot(fx, fy) or 1.0
    ux, uy = fx / norm, fy / norm
    for scale in SCALES:
        for mirrored in (False, True):
            for turn in TURNS:
                c, s = math.cos(turn * math.pi / 4), math.sin(turn * math.pi / 4)
                moved: dict[str, Vec] = {}
                for n in branch:
                    x, y = pos[n][0] - rx, pos[n][1] - ry
                    if mirrored:  # reflect across the root's line to the branch
                        along = x * ux + y * uy
                        x, y = 2 * along * ux - x, 2 * along * uy - y
                    x, y = x * scale, y * scale
                    moved[n] = (rx + c * x - s * y, ry + s * x + c * y)
                yield moved
