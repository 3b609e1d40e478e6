"""Collectors of a layered pipeline drawing moved to the middle of what they collect.

A collector (a MultiQC report) gathers from steps all along the pipeline, so in a layered
drawing it stands right of the last of them and the arc from the first step spans the whole
drawing: one very long edge among short ones (a high edge-length CV). Moved to the column that
minimises the squared spans of its arcs (one that none of its sources stands in), the arcs from
later steps run back to it: they are turned round (drawn from the collector to the step), and
the ends it feeds (its report) follow it one column on.
"""

from __future__ import annotations

from collections.abc import Sequence

# A collector's sources must spread over at least this many columns for it to move.
MIN_SPREAD = 3


def collect_in_middle(
    nodes: Sequence[str], rank: dict[str, int], arcs: list[tuple[str, str, int]]
) -> bool:
    """Move every collector to the middle of its sources (`rank` and `arcs` change in place).

    A collector: a station with two or more arcs in whose every successor is an end fed only
    by it. Returns whether anything moved.
    """
    preds: dict[str, list[str]] = {n: [] for n in nodes}
    succs: dict[str, list[str]] = {n: [] for n in nodes}
    for u, v, _ in arcs:
        preds[v].append(u)
        succs[u].append(v)
    moved = False
    for c in nodes:
        sources = preds[c]
        if len(sources) < 2 or any(preds[s] != [c] or succs[s] for s in succs[c]):
            continue
        taken = {rank[p] for p in sources}
        low, high = min(taken), max(taken)
        if high - low < MIN_SPREAD:
            continue
        free = [r for r in range(low + 1, high) if r not in taken]
        if not free:
            continue
        best = min(free, key=lambda r: (sum((r - rank[p]) ** 2 for p in sources), r))
        if sum((best - rank[p]) ** 2 for p in sources) >= sum(
            (rank[c] - rank[p]) ** 2 for p in sources
        ):
            continue
        rank[c] = best
        for s in succs[c]:
            rank[s] = best + 1
        for i, (u, v, w) in enumerate(arcs):
            if v == c and rank[u] > best:
                arcs[i] = (c, u, w)  # a later step reports back to the collector
        moved = True
    return moved
