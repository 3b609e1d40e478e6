"""Orders within ranks improved past the barycenter sweeps (`pipeline_order.polished`).

Fixtures: random dense cores, K(a,b)-like as in nf-core profiling pipelines: a merge step
feeding 3-9 tools, 1-3 database lines into most tools, most tools reporting to a collector.
"""

from __future__ import annotations

import random

import pytest

from tests.layout.engine_checks import make_layer
from tests.layout.test_pipeline_layered import check_geometry
from transit_maps.layout.embedding import components, graph_of
from transit_maps.layout.pipeline_dense import _stretched, dense_schematic
from transit_maps.layout.pipeline_order import Nbrs, _sift, crossings, neighbours, polished
from transit_maps.layout.pipeline_ranks import Ranked, ranked
from transit_maps.model import Layer


def dense_core(seed: int) -> Layer:
    """input -> qc -> merge -> tools -> output; database lines into most tools; a collector."""
    rnd = random.Random(seed)
    tools = [f"p{i}" for i in range(rnd.randint(3, 9))]
    routes: dict[str, list[list[str]]] = {"qc": [["input", "qc", "merge"]]}
    for t in tools:
        routes[t] = [["merge", t, "output"]]
    for d in range(rnd.randint(1, 3)):
        fed = [t for t in tools if rnd.random() < 0.8] or tools[:1]
        routes[f"db{d}"] = [[f"dbs{d}", fed[0]], *[[f"dbs{d}", t] for t in fed[1:]]]
    told = [t for t in tools if rnd.random() < 0.8] or tools[:1]
    routes["report"] = [["qc", "multiqc", "output"], *[[t, "multiqc"] for t in told]]
    return make_layer(routes)


def _first_order(layer: Layer) -> tuple[Ranked, list[list[str]], Nbrs, Nbrs]:
    g = graph_of(layer)
    comp = components(layer, g)[0]
    rk, orders = _stretched(ranked(layer, comp, "0", False, False), comp)
    left, right = neighbours(rk)
    return rk, orders[0], left, right


@pytest.mark.parametrize("seed", range(12))
def test_polished_keeps_the_ranks_and_never_crosses_more(seed: int) -> None:
    _, layers, left, right = _first_order(dense_core(seed))
    better = polished(layers, left, right)
    assert [sorted(a) for a in better] == [sorted(b) for b in layers]
    assert crossings(better, right) <= crossings(layers, right)
    assert better == polished(layers, left, right)  # deterministic


@pytest.mark.parametrize(("seed", "before", "after"), [(2, 22, 16), (12, 29, 27), (29, 18, 15)])
def test_polish_gets_past_where_the_sweeps_stop(seed: int, before: int, after: int) -> None:
    """The barycenter sweeps and transposition stop where no single move helps; swaps sifted
    again move several nodes (a chain of waypoints) together."""
    _, layers, left, right = _first_order(dense_core(seed))
    assert crossings(layers, right) == before
    assert crossings(polished(layers, left, right), right) == after
    assert crossings(polished(layers, left, right, trials=0), right) == before  # sifting alone


def test_sifting_moves_a_node_to_its_best_place() -> None:
    """a's arcs lead to the bottom of the next rank: sifted below b and c."""
    left: Nbrs = {n: [] for n in "abcxyz"}
    right: Nbrs = {n: [] for n in "abcxyz"}
    for u, v in (("a", "z"), ("b", "x"), ("c", "y")):
        right[u].append((v, 1))
        left[v].append((u, 1))
    layers = [["a", "b", "c"], ["x", "y", "z"]]
    assert crossings(layers, right) == 2
    assert _sift(layers, 0, left, right, {})
    assert layers[0] == ["b", "c", "a"]
    assert crossings(layers, right) == 0


@pytest.mark.parametrize(("seed", "crossed"), [(12, 24), (29, 16)])
def test_dense_drawing_takes_the_polished_order(seed: int, crossed: int) -> None:
    """Random cores drawn with 26 and 18 crossings from the swept orders."""
    layer = dense_core(seed)
    drawn = dense_schematic(layer, graph_of(layer))
    assert drawn is not None
    assert drawn.crossings <= crossed
    check_geometry(layer, drawn)
