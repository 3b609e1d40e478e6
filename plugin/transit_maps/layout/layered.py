"""A layered drawing for networks whose lines flow one way (pipelines): routes read left to right.

Ranks come from the direction of travel (`embedding.travel_directions`): a station sits one step
right of the furthest station that leads to it; a station nothing leads to is pulled right, next
to the first station it feeds. Heights come from tracks: the first line's main route runs
straight along track 0; every later route (in line order, main route before branches) lays the
stations it adds along the nearest track that is free at their ranks, alternating below and above
the station it leaves from, so that each route runs straight where it can.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Layer

Vec = tuple[float, float]


def layered(layer: Layer, nodes: Sequence[str], arcs: Sequence[tuple[str, str]]) -> dict[str, Vec]:
    """Positions in grid units: x = rank, y = track (see module docstring)."""
    rank = _ranks(nodes, arcs)
    member = set(nodes)
    y: dict[str, float] = {}
    taken: set[tuple[int, float]] = set()
    for line in layer.lines:
        for route in line.routes:
            if route[0] not in member:
                continue
            for run, before, after in _unplaced_runs(route, y):
                known = [y[n] for n in (before, after) if n is not None and n in y]
                base = known[0] if known else 0.0
                side = 1.0
                if len(known) == 2 and known[1] < known[0]:
                    side = -1.0
                ranks = [rank[n] for n in run]
                # a run that comes back over its own ranks (a feedback route) goes station by
                # station, so that no two stations share a place
                groups = [run] if len(set(ranks)) == len(ranks) else [[n] for n in run]
                for group in groups:
                    span = [rank[n] for n in group]
                    if after is not None and after in y and group is run:  # keep the way clear
                        span += list(range(min(span) + 1, rank[after]))
                    track = _free_track(base, side, span, taken)
                    for n in group:
                        y[n] = track
                    for r in span:
                        taken.add((r, track))
    for n in nodes:  # stations on no route of this component cannot occur; be safe anyway
        if n not in y:
            y[n] = _free_track(0.0, 1.0, [rank[n]], taken)
            taken.add((rank[n], y[n]))
    return {n: (float(rank[n]), y[n]) for n in nodes}


def _unplaced_runs(
    route: Sequence[str], placed: dict[str, float]
) -> list[tuple[list[str], str | None, str | None]]:
    """Maximal runs of stations the route adds, with the placed stations before and after."""
    runs: list[tuple[list[str], str | None, str | None]] = []
    current: list[str] = []
    before: str | None = None
    seen: set[str] = set()
    for n in route:
        if n in placed or n in seen:
            if current:
                runs.append((current, before, n if n in placed else None))
                current = []
            before = n
        else:
            current.append(n)
            seen.add(n)
    if current:
        runs.append((current, before, None))
    return runs


def _free_track(
    base: float, side: float, ranks: Sequence[int], taken: set[tuple[int, float]]
) -> float:
    """The track nearest `base`, trying `side` first, free at every one of `ranks`."""
    for k in range(0, 4 * len(taken) + 2):
        offset = (k + 1) // 2 * (side if k % 2 else -side)
        track = base + offset
        if all((r, track) not in taken for r in ranks):
            return track
    raise AssertionError("no free track")  # pragma: no cover - the loop always finds one


Adjacency = dict[str, list[str]]


def longest_path_ranks(
    nodes: Sequence[str], arcs: Sequence[tuple[str, str]]
) -> tuple[dict[str, int], Adjacency, Adjacency]:
    """Longest-path rank of every node over acyclic `arcs`, with predecessors and successors."""
    preds: Adjacency = {n: [] for n in nodes}
    succs: Adjacency = {n: [] for n in nodes}
    for u, v in arcs:
        preds[v].append(u)
        succs[u].append(v)
    rank: dict[str, int] = {}
    indeg = {n: len(preds[n]) for n in nodes}
    queue = [n for n in nodes if indeg[n] == 0]
    while queue:
        n = queue.pop(0)
        rank[n] = max((rank[p] + 1 for p in preds[n]), default=0)
        for s in succs[n]:
            indeg[s] -= 1
            if indeg[s] == 0:
                queue.append(s)
    return rank, preds, succs


def _ranks(nodes: Sequence[str], arcs: Sequence[tuple[str, str]]) -> dict[str, int]:
    rank, preds, succs = longest_path_ranks(nodes, arcs)
    for n in nodes:  # sources start where they are used
        if not preds[n] and succs[n]:
            rank[n] = min(rank[s] for s in succs[n]) - 1
    return rank
