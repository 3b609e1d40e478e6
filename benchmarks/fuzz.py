"""Fuzz the layout engine with small random networks and check the issue's invariants.

Each case is a seeded random graph of one of KINDS (trees, grids, wheels, stars, complete
graphs, ladders, cycles, sparse random graphs, triangular lattices, barbells, lollipops,
disjoint paths) covered by random lines (edge-disjoint trails), laid out from topology alone.
A case fails when the layout raises, takes more than TIMEOUT seconds, or breaks an invariant:
octilinear share 1, no station on a foreign edge, no crossing where the network is planar,
every label placed, no label overlap, no marker overlap.

With `--flows`, the cases are pipelines instead: random directed acyclic graphs of one of
FLOWS (steps in ranks, each fed from the ranks just before; the same with a collector fed by
steps of every rank, as a QC report is), covered by lines that follow the arcs' direction, as a
pipeline's lines do. They reach the layered and dense drawings the other kinds seldom do.

Usage: python benchmarks/fuzz.py [--cases N] [--first SEED] [--flows]

Prints one row per kind (cases, planar ones, failures, slowest layout in process) and every
failure with its seed (the seed alone rebuilds the case: `case(seed)`, or `case(seed, True)`
with `--flows`); exits 1 on a failure.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import time
from collections.abc import Callable
from itertools import pairwise
from types import FrameType

import networkx as nx

from transit_maps.layout import layout
from transit_maps.layout.metrics import measure
from transit_maps.model import Layer, Line, Station

# Seconds one layout may take before the case counts as failed.
TIMEOUT = 60


def _tree(rng: random.Random) -> nx.Graph:
    return nx.random_labeled_tree(rng.randint(5, 40), seed=rng.randrange(10**6))


def _sparse(rng: random.Random) -> nx.Graph:
    g = nx.gnp_random_graph(rng.randint(6, 30), 0.15, seed=rng.randrange(10**6))
    if g.number_of_edges() == 0:
        return nx.path_graph(3)
    return g.subgraph(max(nx.connected_components(g), key=len)).copy()


def _disjoint(rng: random.Random) -> nx.Graph:
    paths = [nx.path_graph(rng.randint(2, 6)) for _ in range(rng.randint(2, 5))]
    return nx.disjoint_union_all(paths)


KINDS: dict[str, Callable[[random.Random], nx.Graph]] = {
    "tree": _tree,
    "grid": lambda r: nx.grid_2d_graph(r.randint(2, 6), r.randint(2, 6)),
    "wheel": lambda r: nx.wheel_graph(r.randint(5, 14)),
    "star": lambda r: nx.star_graph(r.randint(8, 14)),
    "complete": lambda r: nx.complete_graph(r.randint(4, 7)),
    "ladder": lambda r: nx.ladder_graph(r.randint(3, 12)),
    "cycle": lambda r: nx.cycle_graph(r.randint(3, 30)),
    "sparse random": _sparse,
    "triangular lattice": lambda r: nx.triangular_lattice_graph(r.randint(1, 4), r.randint(2, 6)),
    "barbell": lambda r: nx.barbell_graph(r.randint(3, 5), r.randint(0, 6)),
    "lollipop": lambda r: nx.lollipop_graph(r.randint(3, 6), r.randint(1, 10)),
    "disjoint paths": _disjoint,
}


def _ranked_dag(rng: random.Random, collector: bool = False) -> nx.DiGraph:
    """Steps in 3-9 ranks of 1-4, each fed by 1-2 steps of the three ranks before (mostly the
    one just before); with `collector`, one more step fed by a step of most ranks (a QC report
    reading every section). Connected: every step is fed from the rank before at least once."""
    ranks: list[list[int]] = []
    dag = nx.DiGraph()
    count = 0
    for r in range(rng.randint(3, 9)):
        ranks.append(list(range(count, count + (1 if r == 0 else rng.randint(1, 4)))))
        count += len(ranks[-1])
        dag.add_nodes_from(ranks[-1])
        if r == 0:
            continue
        for n in ranks[-1]:
            dag.add_edge(rng.choice(ranks[r - 1]), n)
            if rng.random() < 0.35:
                back = rng.randint(1, min(3, r))
                dag.add_edge(rng.choice(ranks[r - back]), n)
    if collector:
        for rank in ranks[1:]:
            if rng.random() < 0.7:
                dag.add_edge(rng.choice(rank), count)
        dag.add_edge(ranks[-1][0], count)
    return dag


FLOWS: dict[str, Callable[[random.Random], nx.DiGraph]] = {
    "pipeline": _ranked_dag,
    "pipeline with a collector": lambda r: _ranked_dag(r, collector=True),
}


def _flow_lines(dag: nx.DiGraph, rng: random.Random) -> list[list[str]]:
    """Paths along the arcs' direction covering every arc: 1-3 lines from a source to a sink
    (they share arcs, as lines share a pipeline's trunk), then, while an arc is left, a line
    through it grown forward and backward (uncovered arcs first), stopping at random."""
    nodes = sorted(dag.nodes())
    sources = [n for n in nodes if dag.in_degree(n) == 0]
    routes: list[list[str]] = []
    for _ in range(rng.randint(1, 3)):
        path = [rng.choice(sources)]
        while dag.out_degree(path[-1]):
            path.append(rng.choice(sorted(dag.successors(path[-1]))))
        routes.append(path)
    left = set(dag.edges()) - {arc for route in routes for arc in pairwise(route)}
    while left:
        a, b = sorted(left)[rng.randrange(len(left))]
        left.discard((a, b))
        path = [a, b]
        for forward in (True, False):
            while rng.random() > 0.3:
                end = path[-1] if forward else path[0]
                ways = sorted(dag.successors(end) if forward else dag.predecessors(end))
                if not ways:
                    break
                fresh = [n for n in ways if ((end, n) if forward else (n, end)) in left]
                step = rng.choice(fresh or ways)
                left.discard((end, step) if forward else (step, end))
                path.insert(len(path) if forward else 0, step)
        routes.append(path)
    return routes


def _lines(g: nx.Graph, rng: random.Random) -> list[list[str]]:
    """Edge-disjoint trails covering every edge: each grown both ways from a random edge,
    stopping at random (so lines have 1 to many edges)."""
    left = {frozenset(e) for e in g.edges()}
    routes: list[list[str]] = []
    while left:
        edge = sorted(left, key=sorted)[rng.randrange(len(left))]
        a, b = sorted(edge)
        left.discard(edge)
        path = [a, b]
        for at_end in (True, False):
            while True:
                last = path[-1] if at_end else path[0]
                free = [
                    n for n in sorted(g[last]) if frozenset((last, n)) in left and n not in path
                ]
                if not free or rng.random() < 0.15:
                    break
                step = rng.choice(free)
                left.discard(frozenset((last, step)))
                path.insert(len(path) if at_end else 0, step)
        routes.append(path)
    return routes


def case(seed: int, flows: bool = False) -> tuple[str, nx.Graph, Layer]:
    """The kind, station graph and layer of case `seed` (of the FLOWS kinds with `flows`)."""
    rng = random.Random(seed)
    if flows:
        kind = list(FLOWS)[seed % len(FLOWS)]
        dag = nx.relabel_nodes(FLOWS[kind](rng), lambda n: f"s{n}")
        g = nx.Graph(dag)
        routes = _flow_lines(dag, rng)
    else:
        kind = list(KINDS)[seed % len(KINDS)]
        raw = nx.convert_node_labels_to_integers(KINDS[kind](rng), ordering="sorted")
        g = nx.relabel_nodes(raw, {n: f"s{n}" for n in raw.nodes()})
        routes = _lines(g, rng)
    lines = tuple(
        Line(f"l{i}", f"Line {i}", f"#{i * 40 % 256:02x}4080", tuple(route))
        for i, route in enumerate(routes)
    )
    seen = dict.fromkeys(s for r in routes for s in r)
    stations = tuple(Station(s, s.upper()) for s in seen)
    return kind, g, Layer("net", "Net", "systems", lines, stations)


def _timed_out(signum: int, frame: FrameType | None) -> None:
    raise TimeoutError


def failures(seed: int, flows: bool = False) -> tuple[str, bool, float, list[str]]:
    """(kind, planar, seconds, what failed) for case `seed` (of the FLOWS kinds with `flows`)."""
    kind, g, layer = case(seed, flows)
    planar = bool(nx.check_planarity(g)[0])
    signal.signal(signal.SIGALRM, _timed_out)
    started = time.perf_counter()
    signal.alarm(TIMEOUT)
    try:
        result = layout(layer, "fuzz")
    except TimeoutError:
        return kind, planar, time.perf_counter() - started, [f"over {TIMEOUT} s"]
    except Exception as exc:  # a bug to report, with the seed that shows it
        return kind, planar, time.perf_counter() - started, [f"raised {exc!r}"]
    finally:
        signal.alarm(0)
    seconds = time.perf_counter() - started
    m = measure(result, layer)
    bad = []
    if m.octilinear_share < 1.0:
        bad.append(f"octilinear share {m.octilinear_share}")
    if m.foreign_stations:
        bad.append(f"{m.foreign_stations} stations on foreign edges")
    if planar and m.edge_crossings:
        bad.append(f"{m.edge_crossings} crossings (planar)")
    if m.labels_placed < m.labels_expected:
        bad.append(f"{m.labels_expected - m.labels_placed} labels not placed")
    if m.label_overlaps:
        bad.append(f"{m.label_overlaps} label overlaps")
    if m.marker_overlaps:
        bad.append(f"{m.marker_overlaps} marker overlaps")
    return kind, planar, seconds, bad


def main(argv: list[str] | None = None) -> int:
    """Run the cases and print the table; 1 when any case failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=240, help="how many cases (default 240)")
    parser.add_argument("--first", type=int, default=0, help="the first seed (default 0)")
    parser.add_argument(
        "--flows", action="store_true", help="pipelines: random DAGs with lines along the arcs"
    )
    args = parser.parse_args(argv)
    kinds = FLOWS if args.flows else KINDS
    rows: dict[str, list[int | float]] = {kind: [0, 0, 0, 0.0] for kind in kinds}
    failed: list[str] = []
    for seed in range(args.first, args.first + args.cases):
        kind, planar, seconds, bad = failures(seed, args.flows)
        row = rows[kind]
        row[0] += 1
        row[1] += planar
        row[2] += bool(bad)
        row[3] = max(row[3], seconds)
        if bad:
            failed.append(f"seed {seed} ({kind}): {'; '.join(bad)}")
    print("| kind | cases | planar | failed | slowest s |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, (cases, planar_cases, failed_cases, slowest) in rows.items():
        if cases:
            print(f"| {name} | {cases} | {planar_cases} | {failed_cases} | {slowest:.2f} |")
    for line in failed:
        print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
