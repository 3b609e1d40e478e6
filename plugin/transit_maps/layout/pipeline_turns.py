"""Rankings with one direction of travel turned round, for planar pipelines that cross.

A planar network need not have a crossing-free drawing in which every line runs left to right
(it need not be *upward planar*). nf-core/demultiplex is one: MultiQC gathers from the
demultiplexers, which stand between the unpacked run folder and the FASTQ, and from the steps
after the FASTQ, and the results are fed by MultiQC and by the sample sheets made from the
FASTQ. With MultiQC right of everything, its arcs from above and from below enclose the sample
sheets, and their arc to the results (right of MultiQC) must cross one of them. Drawn with
MultiQC -> results running back (the results left of MultiQC, inside), nothing crosses.

When the best layered drawing of a planar component crosses, `turned_rankings` ranks it again
with each single direction of travel turned round (a turned arc is drawn as a feedback edge is,
running back on its own track) and returns the rankings whose best order within the ranks has
the fewest crossings between adjacent ranks; the caller draws a few of them and keeps one only
when it scores better (a crossing costs `octi.CROSSING_WEIGHT`, a step run back
`layout.FLOW_WEIGHT`: a hundredth of it). See docs/layout-pipelines.md, "Turns".
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import networkx as nx

from ..model import Layer
from .embedding import travel_directions
from .pipeline_embedding import planar_layers
from .pipeline_order import crossings, neighbours, ordered
from .pipeline_ranks import Ranked, ranked

# How many of the turned rankings are returned to be drawn, and how far (steps along the network)
# from an edge that crosses a turned direction may be.
TURN_DRAWS = 6
TURN_REACH = 1
# At most this many turned rankings are ordered (nearest first): ordering is most of the cost.
TURN_TRIES = 40


def turned_rankings(
    layer: Layer,
    g: nx.Graph,
    comp: Sequence[str],
    tag: str,
    zonings: Sequence[tuple[bool, bool]],
    turn: dict[str, list[str]],
    crossing: Collection[str],
) -> list[tuple[bool, Ranked, list[list[str]]]]:
    """Up to TURN_DRAWS rankings of the component, each with one direction of travel turned
    round, with the best order within their ranks.

    Only directions with a station at most TURN_REACH steps from a station of an edge that
    crosses (`crossing`) are turned, at most TURN_TRIES of them (nearest first, then in the
    order of the directions of `embedding.travel_directions` and of `zonings`). Returned: fewest
    crossings between the ranks first, then nearest, then in that order. Each
    of `zonings` is a (zoned, collect) pair of `pipeline_ranks.ranked`, whose first item is
    returned with each ranking; `turn` is the component's planar rotation
    (`pipeline_embedding.rotation`) and `tag` is as for `ranked`.
    """
    reach = nx.multi_source_dijkstra_path_length(
        g.subgraph(comp), [n for n in comp if n in crossing], cutoff=TURN_REACH, weight=None
    )
    kept = travel_directions(layer, comp)
    nearness = {
        pair: min(reach.get(pair[0], TURN_REACH + 1), reach.get(pair[1], TURN_REACH + 1))
        for pair in kept
    }
    tried = [
        (nearness[pair], k, z, pair)
        for k, pair in enumerate(kept)
        if nearness[pair] <= TURN_REACH and turnable(kept, pair)
        for z in range(len(zonings))
    ]
    found: list[tuple[int, int, int, int, bool, Ranked, list[list[str]]]] = []
    for near, k, z, pair in sorted(tried)[:TURN_TRIES]:
        zoned, collect = zonings[z]
        rk = ranked(layer, comp, tag, zoned, collect, frozenset({pair}))
        _, right = neighbours(rk)
        starts = [planar_layers(rk, comp, right, turn, m) for m in (False, True)]
        best = ordered(rk, comp, starts)[0]
        found.append((crossings(best, right), near, k, z, zoned, rk, best))
        if sum(1 for f in found if f[0] == 0) == TURN_DRAWS:
            break  # the rest come later in the same order and cross no less: never returned
    found.sort(key=lambda f: f[:4])
    return [(zoned, rk, layers) for *_, zoned, rk, layers in found[:TURN_DRAWS]]


def turnable(kept: Sequence[tuple[str, str]], pair: tuple[str, str]) -> bool:
    """Whether the directions of travel `kept` (acyclic) stay acyclic with `pair` turned round:
    whether no other way leads from its first station to its second."""
    a, b = pair
    succ: dict[str, list[str]] = {}
    for u, v in kept:
        if (u, v) != pair:
            succ.setdefault(u, []).append(v)
    seen = {a}
    stack = [a]
    while stack:
        for v in succ.get(stack.pop(), ()):
            if v == b:
                return False
            if v not in seen:
                seen.add(v)
                stack.append(v)
    return True
