"""How even can the edges of a pipeline be, if its routes flow one way? A lower bound on length CV.

Issue 3 asks for two things that pull against each other on pipelines: routes that flow in one
general direction (a feedback line may run back), and an edge-length coefficient of variation
of at most 0.25. A report step fed from the second step and from the last one has one edge as
long as the whole pipeline, whatever the drawing; this script puts a number on it.

The model. Lines give each edge a direction of travel (`embedding.travel_directions`, as the
layout reads them; an edge closing a cycle is a feedback edge). A drawing *flows with spread k*
(left to right; any other one direction is the same up to a turn of the page) when every
edge u -> v that is not free (below) advances: x(v) - x(u) = dx > 0, and its drawn length l
satisfies dx <= l <= k * dx. Length is never less than the advance; k bounds the detour.
k = sqrt(2) is a drawing made only of east, north-east and south-east pieces (the layered
pipeline style); k = 2 and 3 allow vertical pieces, up to as long as the advance or twice it.
Feedback edges and pendant edges (to a station with one neighbour: an input drawn below the
step it feeds, a report hanging off a step) are free: any length, any direction.

Over all such drawings (stations anywhere, no spacing rule, no crossings rule: a relaxation) the
least CV of the lengths is a convex problem once the mean is fixed at 1: minimise
sum (l_e - 1)^2 subject to sum l_e = m and the linear constraints above. Its minimum m * CV^2
is found by scipy's `trust-constr` (to about 1e-7; the figures are good to about 0.001); the
bound is sqrt(minimum / m), and every drawing that flows with spread k has an edge-length CV at
least that large. "engine" is the CV of the layout
the engine draws today; "not advancing" counts its constrained edges that do not advance at
all (a vertical stub, a loop drawn back), which put the drawing outside the model for every k;
otherwise "drawn k" is its largest length / advance and "at drawn k" the bound it is held to.

Usage: python benchmarks/cv_bound.py [--spread K ...] [MAP.yaml[:LAYER] ...]
(default: the nf-metro pipelines of ../shared/corpus and the example pipelines of maps/).
Needs scipy (`pip install -e ".[test]"` brings it); the plugin itself never imports it.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np
from scipy.optimize import LinearConstraint, minimize

from transit_maps.layout import layout
from transit_maps.layout.embedding import graph_of, travel_directions
from transit_maps.layout.metrics import measure
from transit_maps.loader import load_map
from transit_maps.model import Layer

REPO = Path(__file__).resolve().parents[1]
# as in tests/paths.py: never copied into the repo; TRANSIT_MAPS_CORPUS names another folder
CORPUS = Path(os.environ.get("TRANSIT_MAPS_CORPUS") or REPO.parent / "shared" / "corpus")
DEFAULT_INPUTS = [
    *sorted(CORPUS.glob("nf-metro-*.yaml")),
    *(
        REPO / "maps" / f"{name}.yaml"
        for name in ("genomics-pipeline", "rag-pipeline", "ml-system")
    ),
]
SPREADS = (math.sqrt(2), 2.0, 3.0)
# The solver stops when the optimality conditions hold to this tolerance.
TOLERANCE = 1e-10


@dataclass(frozen=True)
class Bound:
    """The least edge-length CV of any drawing of a layer that flows with the given spread."""

    cv: float
    edges: int
    free_edges: int
    converged: bool


def flow_cv_bound(layer: Layer, spread: float) -> Bound:
    """Solve the model of the module docstring for `layer` with spread k = `spread` (>= 1)."""
    stations = [s.id for s in layer.stations]
    graph = graph_of(layer)
    arcs = _constrained_arcs(layer, graph)
    m = graph.number_of_edges()
    free = m - len(arcs)
    if m == 0:
        return Bound(0.0, 0, 0, True)
    index = {s: i for i, s in enumerate(stations)}
    n = len(stations)
    # Variables: x for every station, then l for every arc, then l for every free edge.
    size = n + m
    rows: list[np.ndarray] = []
    lower: list[float] = []
    upper: list[float] = []
    for j, (u, v) in enumerate(arcs):
        at_least_advance = np.zeros(size)  # l - dx >= 0
        at_least_advance[n + j] = 1.0
        at_least_advance[index[v]] -= 1.0
        at_least_advance[index[u]] += 1.0
        rows.append(at_least_advance)
        lower.append(0.0)
        upper.append(np.inf)
        within_spread = np.zeros(size)  # k * dx - l >= 0
        within_spread[n + j] = -1.0
        within_spread[index[v]] += spread
        within_spread[index[u]] -= spread
        rows.append(within_spread)
        lower.append(0.0)
        upper.append(np.inf)
    mean_one = np.zeros(size)
    mean_one[n:] = 1.0
    rows.append(mean_one)
    lower.append(float(m))
    upper.append(float(m))
    constraints = LinearConstraint(np.array(rows), lower, upper)

    def objective(z: np.ndarray) -> float:
        return float(np.sum((z[n:] - 1.0) ** 2))

    def gradient(z: np.ndarray) -> np.ndarray:
        return np.concatenate([np.zeros(n), 2.0 * (z[n:] - 1.0)])

    def hessian(z: np.ndarray) -> np.ndarray:
        return np.diag(np.concatenate([np.zeros(n), np.full(m, 2.0)]))

    result = minimize(
        objective,
        _start(stations, arcs, free),
        jac=gradient,
        hess=hessian,
        constraints=[constraints],
        method="trust-constr",
        options={
            "maxiter": 20_000,
            "gtol": TOLERANCE,
            "xtol": TOLERANCE,
            "barrier_tol": TOLERANCE,
        },
    )
    return Bound(math.sqrt(max(result.fun, 0.0) / m), m, free, result.status in (1, 2))


def _constrained_arcs(layer: Layer, graph: nx.Graph) -> list[tuple[str, str]]:
    """The directions of travel of the edges the model constrains: not feedback, not pendant."""
    return [
        (u, v)
        for u, v in travel_directions(layer, [s.id for s in layer.stations])
        if graph.degree(u) > 1 and graph.degree(v) > 1
    ]


def _start(stations: list[str], arcs: list[tuple[str, str]], free: int) -> np.ndarray:
    """A feasible start: longest-path ranks, every arc as long as its advance, mean 1."""
    travel = nx.DiGraph(arcs)
    rank = dict.fromkeys(stations, 0.0)
    for v in nx.topological_sort(travel):
        rank[v] = max((rank[u] + 1.0 for u in travel.predecessors(v)), default=0.0)
    lengths = [rank[v] - rank[u] for u, v in arcs] + [1.0] * free
    scale = len(lengths) / sum(lengths)
    x = [rank[s] * scale for s in stations]
    return np.array([*x, *(length * scale for length in lengths)])


def drawn_spread(layer: Layer, map_id: str) -> tuple[float, int, float]:
    """(edge-length CV, edges that do not advance, largest length / advance over the others)
    of the engine's layout of `layer`; free edges are left out of both counts."""
    drawn = layout(layer, map_id)
    x = {s.id: s.x for s in drawn.stations}
    arcs = set(_constrained_arcs(layer, graph_of(layer)))
    worst = 1.0
    still = 0
    for edge in drawn.edges:
        if (edge.source, edge.target) in arcs:
            u, v = edge.source, edge.target
        elif (edge.target, edge.source) in arcs:
            u, v = edge.target, edge.source
        else:
            continue  # a free edge
        advance = x[v] - x[u]
        length = sum(math.dist(a, b) for a, b in zip(edge.path, edge.path[1:], strict=False))
        if advance > 1e-6:
            worst = max(worst, length / advance)
        else:
            still += 1
    return measure(drawn, layer).edge_length_cv, still, worst


def _layers(specs: list[str]) -> list[tuple[str, str, Layer]]:
    found = []
    for spec in specs:
        path, _, layer_id = spec.partition(":")
        the_map = load_map(path)
        layers = [the_map.layer(layer_id)] if layer_id else list(the_map.layers)
        found += [(Path(path).stem, the_map.id, layer) for layer in layers if layer.segments]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("inputs", nargs="*", help="MAP.yaml or MAP.yaml:LAYER")
    parser.add_argument("--spread", type=float, action="append", help="k (repeatable)")
    args = parser.parse_args(argv)
    spreads = args.spread or list(SPREADS)
    specs = args.inputs or [str(p) for p in DEFAULT_INPUTS]
    heads = " | ".join(f"k={k:.2f}" for k in spreads)
    aligns = " | ".join("---:" for _ in spreads)
    print(
        f"| map/layer | edges | free | {heads} | engine CV | not advancing | drawn k | at drawn k |"
    )
    print(f"| --- | ---: | ---: | {aligns} | ---: | ---: | ---: | ---: |")
    unsolved = 0
    for stem, map_id, layer in _layers(specs):
        bounds = [flow_cv_bound(layer, k) for k in spreads]
        unsolved += sum(not b.converged for b in bounds)
        cells = [f"{b.cv:.3f}" + ("" if b.converged else "?") for b in bounds]
        engine, still, spread = drawn_spread(layer, map_id)
        # The bound the engine's own drawing is held to, when it lies in the model.
        own = flow_cv_bound(layer, spread) if still == 0 else None
        unsolved += own is not None and not own.converged
        at_drawn = "-" if own is None else f"{own.cv:.3f}" + ("" if own.converged else "?")
        print(
            f"| {stem}/{layer.id} | {bounds[0].edges} | {bounds[0].free_edges} | "
            f"{' | '.join(cells)} | {engine:.3f} | {still} | {spread:.2f} | {at_drawn} |"
        )
    if unsolved:
        print(f"{unsolved} bound(s) marked ? did not converge: not a bound", file=sys.stderr)
    return 1 if unsolved else 0


if __name__ == "__main__":
    sys.exit(main())
