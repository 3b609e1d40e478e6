"""Whether a drawing reads in the lines' order: steps drawn against the flow.

Issue 3 asks that, without hints, "lines read in their order (a route flows in one general
direction; a feedback line may run back)". The lines give each segment a direction of travel
(`embedding.travel_directions`: each route votes, the majority wins, and a segment that closes a
cycle is dropped). A *feedback route* is one that runs a step against that direction or over a
dropped segment: it comes back to where the work went before (a retraining loop, an incident
that reopens the problem). The steps that count are those of the other routes, less *spurs*
(a chain ending in a station with one neighbour and hanging off a station with three or more:
an input beside the step it feeds, a report, a side branch off a hub), which may point any way.

The drawing's main direction is the one of the four (right, down, left, up; y grows downwards)
in which the most counted steps advance (on a tie, the one with fewer backward steps, then the
first): a pipeline drawn down the page or mirrored reads as well as one drawn to the right. A
step u -> v is *backward* when v lies behind u along it; a step square to it (a branch dropping
a row) is not. A layered pipeline drawing has none; a drawing that folds its routes back has one
for every step on the way back (docs/layout-metrics.md, `backward_steps`).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

import networkx as nx

from ..model import Layer
from .chains import contract
from .embedding import graph_of, travel_directions

Vec = tuple[float, float]

# The main directions tried, in order: right, down, left, up (y grows downwards).
DIRECTIONS: tuple[Vec, ...] = ((1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (0.0, -1.0))
# An advance within this of zero (drawing or grid units) is square to the direction.
SQUARE = 1e-6


def backward_steps(layer: Layer, positions: Mapping[str, Vec]) -> int:
    """How many counted steps of `layer`'s lines run back along the drawing's main direction.

    `positions` gives each station's place (grid or drawing units: only signs count).
    """
    steps = counted_steps(layer)
    if not steps:
        return 0
    return _main(steps, positions)[1][1]


def main_direction(layer: Layer, positions: Mapping[str, Vec]) -> Vec:
    """The drawing's main direction (see the module docstring): right when no step counts."""
    steps = counted_steps(layer)
    return _main(steps, positions)[0] if steps else DIRECTIONS[0]


def _main(
    steps: list[tuple[str, str]], positions: Mapping[str, Vec]
) -> tuple[Vec, tuple[int, int]]:
    """The main direction of the drawing `positions` for the counted `steps`, and its tally."""
    tallies = [(d, _tally(steps, positions, d)) for d in DIRECTIONS]
    return max(tallies, key=lambda t: (t[1][0], -t[1][1]))


def counted_steps(layer: Layer) -> list[tuple[str, str]]:
    """The steps (u, v) in their direction of travel that are run by some route that is not a
    feedback route and that do not lie on a spur, in `travel_directions` order."""
    travel = travel_directions(layer, [s.id for s in layer.stations])
    forward = set(travel)
    run: set[tuple[str, str]] = set()
    for line in layer.lines:
        for route in line.routes:
            pairs = [(u, v) for u, v in pairwise(route) if u != v]
            if all(pair in forward for pair in pairs):
                run.update(pairs)
    spurs = spur_segments(layer, graph_of(layer))
    return [step for step in travel if step in run and frozenset(step) not in spurs]


def spur_segments(layer: Layer, graph: nx.Graph) -> set[frozenset[str]]:
    """The segments of every spur: a chain of pass-through stations (`chains.contract`) from a
    station with one neighbour to one with three or more. A whole pipeline that is one chain
    has no spur."""
    spurs: set[frozenset[str]] = set()
    for chain in contract(layer, graph):
        first, last = chain.ends
        if (graph.degree(first) == 1) != (graph.degree(last) == 1):
            spurs.update(frozenset(pair) for pair in pairwise(chain.stations))
    return spurs


def _tally(
    steps: list[tuple[str, str]], positions: Mapping[str, Vec], direction: Vec
) -> tuple[int, int]:
    """(steps that advance along `direction`, steps that run back)."""
    dx, dy = direction
    ahead = back = 0
    for u, v in steps:
        (ux, uy), (vx, vy) = positions[u], positions[v]
        advance = (vx - ux) * dx + (vy - uy) * dy
        if advance > SQUARE:
            ahead += 1
        elif advance < -SQUARE:
            back += 1
    return ahead, back
