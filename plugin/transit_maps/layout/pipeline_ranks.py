"""Columns of a layered pipeline drawing: which column (rank) each station stands in.

Lines are read as directions of travel (`embedding.travel_directions`); an edge that closes a
cycle (a feedback line running back) is turned round so that the graph of arcs is acyclic, and
is then drawn like any other edge, running back along its own track. Ranks start as longest-path
ranks and are then balanced: each station moves, within the room its arcs leave, towards the mean
rank of its neighbours (coordinate descent on the sum of squared arc spans). Squared spans, not
spans, because edge lengths should be even: two arcs of span 3 beat one of 1 and one of 5.

An arc spanning several ranks gets a *waypoint* in every rank it passes (the dummy nodes of a
Sugiyama drawing), so that ordering and track assignment keep room for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..model import Layer
from .embedding import travel_directions
from .layered import longest_path_ranks
from .pipeline_collectors import collect_in_middle

# A line's main route pulls its arcs straight this much harder than a branch does.
MAIN_PULL = 2
# Balancing sweeps over every station (each moves at most to its neighbours' mean rank).
BALANCE_SWEEPS = 30


@dataclass(frozen=True)
class Arc:
    """One segment of the layer, oriented left to right, with the waypoints it passes."""

    left: str
    right: str
    weight: int  # lines on the segment
    waypoints: tuple[str, ...]  # one per rank strictly between left's and right's
    pull: int = 1  # how hard its routes pull it straight: MAIN_PULL per main route, 1 per branch

    @property
    def nodes(self) -> tuple[str, ...]:
        return (self.left, *self.waypoints, self.right)


@dataclass(frozen=True)
class Ranked:
    """Ranks of stations and waypoints, and the arcs between them."""

    rank: dict[str, int]
    arcs: tuple[Arc, ...]


def waypoint_name(tag: str, arc_index: int, k: int) -> str:
    """The id of waypoint k of arc `arc_index` of component `tag` (NUL: never a station id)."""
    return f"\x00{tag}:{arc_index}:{k}"


def is_waypoint(node: str) -> bool:
    """Whether `node` is a waypoint rather than a station."""
    return node.startswith("\x00")


def ranked(
    layer: Layer,
    comp: Sequence[str],
    tag: str = "",
    zoned: bool = True,
    collect: bool = False,
    turned: frozenset[tuple[str, str]] = frozenset(),
) -> Ranked:
    """Ranks and arcs of one connected component (stations in layer order).

    `tag` keeps the waypoint ids of different components apart. With `zoned`, zones take
    columns of their own, one zone after the other (`zone_groups`), where the arcs allow it.
    With `collect` (and no zones), collectors stand in the middle of their sources
    (`pipeline_collectors`). The directions of travel in `turned` (pairs of
    `travel_directions`) are turned round, as a feedback edge is; they must leave the arcs
    acyclic (`turnable`).
    """
    member = set(comp)
    order = {n: i for i, n in enumerate(comp)}
    kept = [(b, a) if (a, b) in turned else (a, b) for a, b in travel_directions(layer, comp)]
    direction = {frozenset(a): a for a in kept}
    rank, _, _ = longest_path_ranks(comp, kept)
    pulls: dict[frozenset[str], int] = {}
    for line in layer.lines:
        for k, route in enumerate(line.routes):
            for a, b in pairwise(route):
                key = frozenset((a, b))
                pulls[key] = pulls.get(key, 0) + (MAIN_PULL if k == 0 else 1)
    arcs: list[tuple[str, str, int]] = []
    for seg in layer.segments:
        if seg.a not in member:
            continue
        pair = direction.get(frozenset((seg.a, seg.b)))
        if pair is None:  # closes a cycle: turned round to run from the lower rank
            a, b = seg.a, seg.b
            pair = (a, b) if (rank[a], order[a]) < (rank[b], order[b]) else (b, a)
        arcs.append((pair[0], pair[1], len(seg.lines)))
    rank, preds, succs = longest_path_ranks(comp, [(u, v) for u, v, _ in arcs])
    groups = zone_groups(layer, comp, [(u, v) for u, v, _ in arcs]) if zoned else []
    if groups and not _pushed(rank, [(u, v) for u, v, _ in arcs], groups):
        rank, preds, succs = longest_path_ranks(comp, [(u, v) for u, v, _ in arcs])
        groups = []
    _balance(comp, rank, preds, succs, groups)
    if collect and not groups and collect_in_middle(comp, rank, arcs):
        preds = {n: [] for n in comp}
        succs = {n: [] for n in comp}
        for u, v, _ in arcs:
            preds[v].append(u)
            succs[u].append(v)
        _balance(comp, rank, preds, succs)
    low = min(rank.values(), default=0)
    rank = {n: r - low for n, r in rank.items()}
    out: list[Arc] = []
    for i, (u, v, w) in enumerate(arcs):
        names = tuple(waypoint_name(tag, i, k) for k in range(1, rank[v] - rank[u]))
        for k, name in enumerate(names, start=1):
            rank[name] = rank[u] + k
        out.append(Arc(u, v, w, names, pulls.get(frozenset((u, v)), 1)))
    return Ranked(rank, tuple(out))


def zone_groups(
    layer: Layer, comp: Sequence[str], arcs: Sequence[tuple[str, str]]
) -> list[list[str]]:
    """The component's stations by zone, zones in the order the arcs run through them.

    Empty when fewer than two zones meet here or arcs run both ways between zones.
    """
    zone = {s.id: s.zone for s in layer.stations if s.zone is not None}
    names: list[str] = []
    for n in comp:
        z = zone.get(n)
        if z is not None and z not in names:
            names.append(z)
    if len(names) < 2:
        return []
    after: dict[str, set[str]] = {z: set() for z in names}
    for u, v in arcs:
        zu, zv = zone.get(u), zone.get(v)
        if zu is not None and zv is not None and zu != zv:
            after[zu].add(zv)
    order: list[str] = []
    pending = list(names)
    while pending:  # Kahn's order, first-seen zone first among the ready ones
        ready = [z for z in pending if not any(z in after[y] for y in pending if y != z)]
        if not ready:
            return []  # zones feed each other both ways: no column order fits
        order.append(ready[0])
        pending.remove(ready[0])
    return [[n for n in comp if zone.get(n) == z] for z in order]


def _pushed(
    rank: dict[str, int], arcs: Sequence[tuple[str, str]], groups: Sequence[Sequence[str]]
) -> bool:
    """Raise ranks until every zone starts right of the one before; False if that never settles."""
    for _ in range(len(rank) + 2):
        moved = False
        for u, v in arcs:
            if rank[v] < rank[u] + 1:
                rank[v] = rank[u] + 1
                moved = True
        for before, group in pairwise(groups):
            floor = max(rank[n] for n in before) + 1
            for n in group:
                if rank[n] < floor:
                    rank[n] = floor
                    moved = True
        if not moved:
            return True
    return False


def _balance(
    nodes: Sequence[str],
    rank: dict[str, int],
    preds: dict[str, list[str]],
    succs: dict[str, list[str]],
    groups: Sequence[Sequence[str]] = (),
) -> None:
    """Move each node towards the mean rank of its neighbours, keeping every arc's span >= 1.

    A node of zone group k also stays right of group k-1 and left of group k+1.
    """
    group_of = {n: k for k, group in enumerate(groups) for n in group}
    for _ in range(BALANCE_SWEEPS):
        moved = False
        for n in nodes:
            near = [rank[p] for p in preds[n]] + [rank[s] for s in succs[n]]
            if not near:
                continue
            lo = max((rank[p] + 1 for p in preds[n]), default=-(10**6))
            hi = min((rank[s] - 1 for s in succs[n]), default=10**6)
            k = group_of.get(n)
            if k is not None and k > 0:
                lo = max(lo, max(rank[m] for m in groups[k - 1]) + 1)
            if k is not None and k + 1 < len(groups):
                hi = min(hi, min(rank[m] for m in groups[k + 1]) - 1)
            if lo > hi:
                continue
            # a source or sink with one side only hugs it (its mean is beyond its bound)
            want = sum(near) / len(near)
            target = min(max(round(want - 1e-9), lo), hi)
            if target != rank[n]:
                rank[n] = target
                moved = True
        if not moved:
            break
