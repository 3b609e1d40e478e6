"""Fuzz the layout engine with small random networks and check the issue's invariants.

Each case is a seeded random graph of one of KINDS (trees, grids, wheels, stars, complete
graphs, ladders, cycles, sparse random graphs, triangular lattices, barbells, lollipops,
disjoint paths) covered by random lines (edge-disjoint trails), laid out from topology alone.
A case fails when the layout raises, takes more than TIMEOUT seconds, or breaks an invariant:
octilinear share 1, no station on a foreign edge, no crossing where the network is planar,
every label placed, no label overlap, no marker overlap.

Usage: python benchmarks/fuzz.py [--cases N] [--first SEED]

Prints one row per kind (cases, planar ones, failures, slowest layout in process) and every
failure with its seed (the seed alone rebuilds the case: `case(seed)`); exits 1 on a failure.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import time
from collections.abc import Callable
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


def case(seed: int) -> tuple[str, nx.Graph, Layer]:
    """The kind, station graph and layer of case `seed`."""
    rng = random.Random(seed)
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


def failures(seed: int) -> tuple[str, bool, float, list[str]]:
    """(kind, planar, seconds, what failed) for case `seed`."""
    kind, g, layer = case(seed)
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
    args = parser.parse_args(argv)
    rows: dict[str, list[int | float]] = {kind: [0, 0, 0, 0.0] for kind in KINDS}
    failed: list[str] = []
    for seed in range(args.first, args.first + args.cases):
        kind, planar, seconds, bad = failures(seed)
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
