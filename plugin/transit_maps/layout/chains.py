"""The contracted station graph: chains of pass-through stations between the other stations.

Stations of degree 2 are contracted: a `Chain` runs from one kept station (degree other than 2)
to the next. Chains on cycles are routed before dead-end branches (`routing_order`).
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

from ..model import Layer
from .sides import beyond


@dataclass(frozen=True)
class Chain:
    """A contracted edge: the stations from one kept station to the next, ends included."""

    stations: tuple[str, ...]
    lines: tuple[str, ...]

    @functools.cached_property
    def ends(self) -> tuple[str, str]:  # asked for very often by the router and local search
        return self.stations[0], self.stations[-1]

    @property
    def steps(self) -> int:
        return len(self.stations) - 1


def contract(layer: Layer, g: nx.Graph, cut: Collection[str] = ()) -> list[Chain]:
    """Chains between stations of degree other than 2 (and the stations `cut`).

    A chain that would close on itself (a loop) is cut at its middle station, so every chain
    joins two distinct stations.
    """
    order = {s.id: i for i, s in enumerate(layer.stations)}
    kept = {n for n in g if g.degree(n) != 2} | set(cut)
    for comp in sorted(nx.connected_components(g), key=lambda c: min(order[n] for n in c)):
        if not any(n in kept for n in comp):  # a pure cycle: start from its first station
            kept.add(min(comp, key=order.__getitem__))
    while True:
        chains = _chains(layer, g, kept, order)
        loops = [c for c in chains if c.ends[0] == c.ends[1]]
        if not loops:
            return chains
        for c in loops:
            kept.add(c.stations[len(c.stations) // 2])


def _chains(layer: Layer, g: nx.Graph, kept: set[str], order: Mapping[str, int]) -> list[Chain]:
    seg_lines = {frozenset((s.a, s.b)): s.lines for s in layer.segments}
    line_rank = {line.id: i for i, line in enumerate(layer.lines)}
    done: set[frozenset[str]] = set()
    chains: list[Chain] = []
    for start in sorted(kept, key=order.__getitem__):
        for nb in sorted(g[start], key=order.__getitem__):
            if frozenset((start, nb)) in done:
                continue
            seq = _walk(g, start, nb, kept)
            lines: set[str] = set()
            for a, b in pairwise(seq):
                done.add(frozenset((a, b)))
                lines.update(seg_lines[frozenset((a, b))])
            chains.append(Chain(tuple(seq), tuple(sorted(lines, key=line_rank.__getitem__))))
    return chains


def far_out(
    chains: Sequence[Chain], pos: Mapping[str, tuple[float, float]], reach: float, step: int
) -> list[str]:
    """For each chain that must bulge out more than `reach` to fit its stations (`step` grid
    steps each: half of what its length exceeds the distance between its end stations) and
    that has a station more than `reach` outside the box of its two end stations (along x or
    y, at `pos`), the station farthest out (the first of equals): where to cut it, so that no
    long chain has to be routed far out and back in one search."""
    out: list[str] = []
    for chain in chains:
        (ax, ay), (bx, by) = pos[chain.ends[0]], pos[chain.ends[1]]
        if step * chain.steps - max(abs(ax - bx), abs(ay - by)) <= 2 * reach:
            continue
        ends = [(ax, ay), (bx, by)]
        best, farthest = "", reach
        for n in chain.stations[1:-1]:
            outside = beyond([pos[n]], ends)
            if outside > farthest:
                best, farthest = n, outside
        if best:
            out.append(best)
    return out


def _walk(g: nx.Graph, start: str, nxt: str, stop: set[str]) -> list[str]:
    seq = [start, nxt]
    while seq[-1] not in stop:
        a, b = (m for m in g[seq[-1]])
        seq.append(b if a == seq[-2] else a)
    return seq


def _core(chains: Sequence[Chain]) -> set[int]:
    """Chains on a cycle or between cycles: what is left after peeling off dead ends."""
    degree: dict[str, int] = {}
    for c in chains:
        for end in c.ends:
            degree[end] = degree.get(end, 0) + 1
    alive = set(range(len(chains)))
    leaves = sorted(n for n, d in degree.items() if d == 1)
    while leaves:
        leaf = leaves.pop()
        for i in sorted(alive):
            if leaf in chains[i].ends:
                alive.discard(i)
                for end in chains[i].ends:
                    degree[end] -= 1
                    if degree[end] == 1:
                        leaves.append(end)
                break
    return alive


def routing_order(
    chains: Sequence[Chain], degree: Mapping[str, int], order: Mapping[str, int]
) -> list[int]:
    """Cycles first (dead-end branches can always find room later, closing a cycle cannot);
    within each part, grow from the station of highest degree, heaviest bundles first."""
    core = _core(chains)
    settled: set[str] = set()
    out: list[int] = []
    for part in (core, set(range(len(chains))) - core):
        remaining = set(part)
        while remaining:
            frontier = [i for i in remaining if any(e in settled for e in chains[i].ends)]
            if not frontier:
                seed = min(
                    (e for i in remaining for e in chains[i].ends),
                    key=lambda n: (-degree[n], order[n]),
                )
                settled.add(seed)
                continue
            pick = min(
                frontier,
                key=lambda i: (
                    -len(chains[i].lines),
                    -max(degree[e] for e in chains[i].ends),
                    chains[i].steps,
                    i,
                ),
            )
            remaining.discard(pick)
            out.append(pick)
            settled.update(chains[pick].ends)
    return out
