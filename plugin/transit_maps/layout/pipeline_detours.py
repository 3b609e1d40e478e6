"""Shorter detours in a layered pipeline drawing: a dead-end chain folded out of the way.

Some planar pipelines force one arc round a whole branch. In `maps/rag-pipeline.yaml` the end
of the Ingestion chain (chunking) and the end of the Query chain (rewrite) both lead to embedding
and to keyword-index, which both lead on to retriever: one of the three must stand inside the
cycle of the other two, and the only one that can is chunking with the dead-end chain before it
(sources, parsing, redaction: nothing else is attached to them). Laid out straight along its
track, that chain makes the arc from rewrite to embedding run round all of it, eight times the
length of an edge.

After routing, an arc whose path is much longer than the distance between its ends (`DETOUR`)
is offered a shorter way: a dead-end chain (a terminus, the stations of degree 2 after it, and
the station it hangs from) attached next to one of the arc's ends is taken out with the arc,
laid again from its attachment along a short folded shape (at most `TURNS` turns, stations
`STEP` cells apart; outwards a source's chain never runs right, a sink's never left), and the
arc routed again by A* round it. Shapes are tried in order of their own cost (squared lengths in
station gaps plus `BEND_COST` per bend), at most `TRIES` A* searches per arc; each result is
judged as `octi.objective` judges a drawing (bends of the changed paths plus CV_WEIGHT times the
edge-length CV over all arcs), and the best replaces the old drawing when it scores better.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from itertools import pairwise, product

import networkx as nx

from ..model import Layer
from .chains import contract
from .grid import DIRS, Grid, edge_key
from .octi import CV_WEIGHT, cv_of
from .pipeline_ranks import Arc
from .pipeline_routes import AROUND, Budget, Routed, searched

Cell = tuple[int, int]

# An arc is a detour when its path is longer than DETOUR times the distance between its ends
# plus SLACK grid cells.
DETOUR = 2.5
SLACK = 8
# Grid cells between the stations of a re-laid chain, its turns at most, and the longest chain
# (edges) re-laid.
STEP = 2
TURNS = 2
LONGEST = 4
# A* searches per detour, each of at most SEARCH expansions.
TRIES = 12
SEARCH = 2_000
# Cost of one bend, in squared station gaps (the order in which shapes are tried).
BEND_COST = 2.0
GAP_CELLS = 2


def shorten_detours(
    layer: Layer,
    g: nx.Graph,
    arcs: Sequence[Arc],
    cell: dict[str, Cell],
    bars: Mapping[str, Sequence[Cell]],
    routed: Routed,
    budget: Budget,
) -> None:
    """Re-lay dead-end chains where that shortens a detour (`cell` and `routed` change)."""
    index = {frozenset((a.left, a.right)): i for i, a in enumerate(arcs)}
    dead_ends: list[tuple[str, ...]] = []
    for found in contract(layer, g):
        s = found.stations
        if found.steps > LONGEST or any(n not in cell for n in s):
            continue  # too long, or another component's
        if g.degree(s[0]) == 1 and g.degree(s[-1]) > 1:
            dead_ends.append(tuple(s))
        elif g.degree(s[-1]) == 1 and g.degree(s[0]) > 1:
            dead_ends.append(tuple(reversed(s)))
    if not dead_ends:
        return
    detours = [i for i, path in enumerate(routed.paths) if _detour(path)]
    for i in sorted(detours, key=lambda k: (-_length(routed.paths[k]), k)):
        if budget.left <= 0 or not _detour(routed.paths[i]):
            continue
        ends = {arcs[i].left, arcs[i].right}
        for chain in dead_ends:
            if budget.left <= 0:
                return
            a = chain[-1]
            if a not in ends and not any(g.has_edge(a, e) for e in ends):
                continue
            if any(s in bars for s in chain) or ends & set(chain[:-1]):
                continue
            ids = [index[frozenset(p)] for p in pairwise(chain)]
            if _relay(chain, ids, i, arcs, cell, routed, budget):
                break


def _pieces(laid: Sequence[Cell], ids: Sequence[int]) -> dict[int, list[Cell]]:
    """The chain's arcs' cells along `laid` (attachment outwards: the last arc first)."""
    return {
        ids[len(ids) - 1 - k]: list(laid[k * STEP : (k + 1) * STEP + 1]) for k in range(len(ids))
    }


def _length(path: Sequence[Cell]) -> float:
    return sum(math.dist(a, b) for a, b in pairwise(path))


def _detour(path: Sequence[Cell]) -> bool:
    a, b = path[0], path[-1]
    dx, dy = abs(a[0] - b[0]), abs(a[1] - b[1])
    straight = max(dx, dy) + (math.sqrt(2) - 1) * min(dx, dy)
    return _length(path) > DETOUR * straight + SLACK


def _bends(path: Sequence[Cell]) -> int:
    dirs = [(b[0] - a[0], b[1] - a[1]) for a, b in pairwise(path)]
    return sum(1 for u, v in pairwise(dirs) if u != v)


def _cost(paths: Sequence[Sequence[Cell]]) -> float:
    return sum((_length(p) / GAP_CELLS) ** 2 + BEND_COST * _bends(p) for p in paths)


@functools.cache
def _shapes(k: int) -> list[list[int]]:
    """Direction indices (into DIRS) of k steps with at most TURNS turns, none turning back."""
    out = []
    for dirs in product(range(8), repeat=k):
        turns = sum(1 for u, v in pairwise(dirs) if u != v)
        if turns <= TURNS and all((u - v) % 8 != 4 for u, v in pairwise(dirs)):
            out.append(list(dirs))
    return out


def _laid(grid: Grid, start: Cell, dirs: Sequence[int], own: set[Cell]) -> list[Cell] | None:
    """The cells of a chain laid from `start` along `dirs` (STEP cells each), or None if any
    is taken, crosses a path, or puts a station next to another."""
    path = [start]
    for d in dirs:
        dx, dy = DIRS[d]
        for _ in range(STEP):
            x, y = path[-1]
            path.append((x + dx, y + dy))
    for a, b in pairwise(path):
        if not grid.inside(b) or b in grid.station_at or b in grid.used_nodes or b in own:
            return None
        if edge_key(a, b) in grid.used_edges:
            return None
        if (
            a[0] != b[0]
            and a[1] != b[1]
            and edge_key((a[0], b[1]), (b[0], a[1])) in grid.used_edges
        ):
            return None
        own.add(b)
    for k in range(STEP, len(path), STEP):  # the chain's stations: no other station next to one
        c = path[k]
        for dx, dy in DIRS:
            n = (c[0] + dx, c[1] + dy)
            if n in grid.station_at and n != start:
                return None
    return path


def _relay(
    chain: Sequence[str],
    ids: Sequence[int],
    i: int,
    arcs: Sequence[Arc],
    cell: dict[str, Cell],
    routed: Routed,
    budget: Budget,
) -> bool:
    """Lay `chain` (terminus first, attachment last) and route arc i again, if cheaper."""
    grid = routed.grid
    old = {j: routed.paths[j] for j in (*ids, i)}
    for p in old.values():
        grid.release(p)
    moved = chain[:-1]
    for s in moved:
        grid.station_at.pop(cell[s], None)
    start, stop = old[i][0], old[i][-1]
    attach = cell[chain[-1]]
    # the flow still reads left to right: outwards, a source's chain runs left, a sink's right
    side = -1 if arcs[ids[0]].left == chain[0] else 1
    tried: list[tuple[float, list[Cell]]] = []
    for dirs in _shapes(len(ids)):
        if any(DIRS[d][0] * side < 0 for d in dirs):
            continue
        laid = _laid(grid, attach, dirs, set())
        if laid is None:
            continue
        pieces = [laid[k : k + STEP + 1] for k in range(0, len(laid) - 1, STEP)]
        tried.append((_cost(pieces), laid))
    tried.sort(key=lambda t: t[0])
    # judged as `octi.objective` judges the drawing: bends, and the spread of all edge lengths
    base = [_length(p) for p in routed.with_stubs(arcs, cell)]
    stubs = base[i] - _length(old[i])

    def score(paths: Mapping[int, Sequence[Cell]]) -> float:
        lengths = list(base)
        for j, p in paths.items():
            lengths[j] = _length(p) + (stubs if j == i else 0.0)
        return CV_WEIGHT * cv_of(lengths) + sum(_bends(p) for p in paths.values())

    lowest = score(old)
    best: tuple[list[Cell], list[Cell]] | None = None
    spent = grid.expansions
    for _, laid in tried[:TRIES]:
        stations = laid[STEP::STEP]
        grid.occupy(laid)
        for s, c in zip(reversed(moved), stations, strict=True):
            grid.station_at[c] = s
        path = searched(grid, arcs[i], start, stop, crossing=False, pad=AROUND, cap=SEARCH)
        grid.release(laid)
        for c in stations:
            del grid.station_at[c]
        if path is None:
            continue
        drawn = _pieces(laid, ids)
        drawn[i] = path
        total = score(drawn)
        if total < lowest - 1e-9:
            best, lowest = (laid, path), total
    budget.left -= grid.expansions - spent
    if best is None:
        for s in moved:
            grid.station_at[cell[s]] = s
        for p in old.values():
            grid.occupy(p)
        return False
    laid, path = best
    stations = laid[STEP::STEP]
    for s, c in zip(reversed(moved), stations, strict=True):
        cell[s] = c
        grid.station_at[c] = s
    for j, piece in _pieces(laid, ids).items():
        oriented = piece if cell[arcs[j].left] == piece[0] else piece[::-1]
        routed.paths[j] = oriented
        grid.occupy(oriented)
    routed.paths[i] = path
    grid.occupy(path)
    return True
