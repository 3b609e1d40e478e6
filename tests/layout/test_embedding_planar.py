"""Tutte's drawings (`embedding_planar`) and where they stand in (`layout._ranked_with_room`):
on a planar network whose every candidate embedding crosses as straight lines, so that the
router, which keeps stations where the embedding put them, kept the crossings."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from typing import Any

import networkx as nx
import pytest

import transit_maps.layout as engine
from tests.layout.engine_checks import make_layer
from tests.layout.handmade import make_layer as make_routes
from tests.layout.test_fuzz import fuzz
from tests.paths import REPO
from transit_maps.layout import embedding_choice, layout
from transit_maps.layout.embedding import components, crossings_within, embeddings, graph_of
from transit_maps.layout.embedding_choice import Option, Ranked, candidate_count
from transit_maps.layout.embedding_planar import (
    FULLY_UP_TO,
    planar_drawings,
    planar_embeddings,
)
from transit_maps.layout.grid import BEND
from transit_maps.layout.metrics import measure
from transit_maps.layout.octi import Schematic


def _graph(g: nx.Graph) -> tuple[nx.Graph, list[str]]:
    named = nx.relabel_nodes(g, lambda n: f"s{n}")
    return named, sorted(named.nodes(), key=lambda n: int(n[1:]))


# Small planar networks of each shape (the stations of each numbered in sorted order).
SHAPES = {
    "lattice": nx.triangular_lattice_graph(3, 4),
    "grid": nx.grid_2d_graph(4, 5),
    "wheel": nx.wheel_graph(9),
    "tree": nx.random_labeled_tree(30, seed=4),
    "cycle": nx.cycle_graph(12),
}


def shape(name: str) -> tuple[nx.Graph, list[str]]:
    """The network of SHAPES[name], stations named s0, s1, ..., and its stations in order."""
    return _graph(nx.convert_node_labels_to_integers(SHAPES[name], ordering="sorted"))


@pytest.mark.parametrize("name", list(SHAPES))
def test_no_straight_lines_cross_and_the_median_edge_is_one(name: str) -> None:
    named, comp = shape(name)
    drawings = planar_drawings(named, comp)
    assert len(drawings) == 2  # the largest face as polygon, and fully triangulated
    for pos in drawings:
        assert set(pos) == set(comp)
        assert crossings_within(named, [comp], pos) == 0
        lengths = sorted(math.dist(pos[u], pos[v]) for u, v in named.edges())
        assert lengths[len(lengths) // 2] == pytest.approx(1.0)
        assert len({(round(x, 6), round(y, 6)) for x, y in pos.values()}) == len(comp)
    assert planar_drawings(named, comp) == drawings  # deterministic


def test_a_drawing_crowded_past_float_precision_is_left_out() -> None:
    # a tree of 34 stations: fully triangulated, Tutte's drawing crowds stations closer than
    # floats tell apart, and its straight lines cross; only the other drawing is given
    named, comp = _graph(nx.random_labeled_tree(34, seed=3))
    (pos,) = planar_drawings(named, comp)
    assert crossings_within(named, [comp], pos) == 0


def test_none_for_a_non_planar_network_and_one_for_a_big_one() -> None:
    named, comp = _graph(nx.complete_graph(5))
    assert planar_drawings(named, comp) == []
    big, comp = _graph(nx.cycle_graph(FULLY_UP_TO + 1))
    assert len(planar_drawings(big, comp)) == 1  # a triangle round all of it crowds the middle


def test_components_side_by_side() -> None:
    layer = make_layer({"a": [["a1", "a2", "a3", "a1"]], "b": [["b1", "b2", "b3", "b4"]]})
    g = graph_of(layer)
    (pos, *_) = planar_embeddings(layer, g, 3.0)
    left = max(x for n, (x, _) in pos.items() if n.startswith("a"))
    right = min(x for n, (x, _) in pos.items() if n.startswith("b"))
    assert right > left  # the second component to the right of the first
    assert crossings_within(g, components(layer, g), pos) == 0


def test_a_planar_pipeline_every_embedding_of_which_crosses_is_drawn_without_crossings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # case 145 of the pipeline fuzz (22 steps with a collector, 18 lines, planar): every
    # candidate embedding crosses as straight lines, untangled too, and so does the layered
    # drawing; Tutte's drawing, spread, routes without crossings
    _, g, layer = fuzz.case(145, flows=True)
    assert nx.check_planarity(g)[0]
    comps = components(layer, g)
    found = embeddings(layer, {}, candidate_count(layer))
    assert min(crossings_within(g, comps, pos) for pos, _ in found) > 0
    assert measure(layout(layer, "fuzz"), layer).edge_crossings == 0
    monkeypatch.setattr(engine, "planar_embeddings", lambda *_: [])
    assert measure(layout(layer, "fuzz"), layer).edge_crossings > 0


# After a held-out nf-core/methylseq (25 steps, planar): trimmed reads aligned by Bismark (Bowtie2
# or HISAT2) or by bwa-meth (or Parabricks), both routes ending in one BAM, every report into
# MultiQC. Its layered drawing crosses, every candidate embedding crosses as straight lines, and
# its first Tutte drawing routes without crossings only after crossing on the way.
METHYLATION = make_routes(
    {
        "prep": [["samplesheet", "cat-fastq", "trim-galore"]],
        "bismark": [
            ["trim-galore", "bismark-align", "bismark-dedup", "bismark-extract"],
            ["trim-galore", "bismark-hisat2", "bismark-dedup"],
            ["bismark-align", "bismark-extract"],
            ["bismark-index", "bismark-align"],
            ["bismark-dedup", "final-bam"],
        ],
        "reports": [
            ["bismark-align", "bismark-report", "bismark-summary", "multiqc"],
            ["bismark-dedup", "bismark-report"],
            ["bismark-extract", "bismark-report"],
        ],
        "bwameth": [
            [
                "trim-galore",
                "bwameth-align",
                "samtools-sort",
                "markdup",
                "final-bam",
                "methyldackel",
            ],
            ["trim-galore", "parabricks", "samtools-sort"],
            ["bwameth-index", "bwameth-align"],
            ["bwameth-index", "parabricks"],
            ["final-bam", "mbias", "multiqc"],
        ],
        "qc": [
            ["cat-fastq", "fastqc", "multiqc"],
            ["trim-galore", "multiqc"],
            ["final-bam", "preseq", "multiqc"],
            ["final-bam", "qualimap", "multiqc"],
            ["samtools-sort", "flagstat", "multiqc"],
            ["samtools-sort", "stats", "multiqc"],
            ["markdup", "multiqc"],
        ],
    }
)


def test_a_tutte_drawing_that_runs_out_of_effort_may_cross_on_the_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # its second chance (`embedding_choice._retried`) lets it cross while that costs less than
    # the layered drawing; where no crossing is allowed on the way it gives up, and the layered
    # drawing (2 crossings) is kept
    g = graph_of(METHYLATION)
    assert nx.check_planarity(g)[0]
    found = embeddings(METHYLATION, {}, candidate_count(METHYLATION))
    assert min(crossings_within(g, components(METHYLATION, g), pos) for pos, _ in found) > 0
    assert measure(layout(METHYLATION, "m"), METHYLATION).edge_crossings == 0
    retried = embedding_choice._retried
    monkeypatch.setattr(embedding_choice, "_retried", lambda *args: retried(*args[:6]))
    assert measure(layout(METHYLATION, "m"), METHYLATION).edge_crossings > 0


def test_tutte_drawings_are_ranked_until_one_is_drawn_without_crossings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # three drawings: the first routes with a crossing, the second without; the third (which
    # would cost as much again) is not routed
    drawings = [{"a": (float(k), 0.0)} for k in range(3)]
    routed: list[float] = []

    def rank(*args: Any, given: Any, **kwargs: Any) -> list[Ranked]:
        x = given[0][0]["a"][0]
        routed.append(x)
        drawn = Schematic(crossings=1 if x == 0.0 else 0)
        return [Ranked(100.0 - x, Option(given[0][0], given[0][1], BEND), drawn)]

    monkeypatch.setattr(engine, "planar_embeddings", lambda *_: drawings)
    monkeypatch.setattr(engine, "rank_candidates", rank)
    best = engine._tutte_ranked(METHYLATION, graph_of(METHYLATION), set(), 5000.0, False)
    assert routed == [0.0, 1.0]
    assert [r.score for r in best] == [99.0, 100.0]


def test_they_also_stand_in_for_the_spread_embeddings(monkeypatch: pytest.MonkeyPatch) -> None:
    # the small triangulated patch of test_room: without its spread embeddings it crossed;
    # Tutte's drawings, standing in where there is none, draw it without crossings too
    from tests.layout.test_room import SMALL_PATCH

    monkeypatch.setattr(engine, "ROOMY_TRIES", 0)
    assert measure(layout(SMALL_PATCH, "patch"), SMALL_PATCH).edge_crossings == 0


HASH_SCRIPT = """
from tests.layout.test_fuzz import fuzz
from transit_maps.layout.embedding import graph_of
from transit_maps.layout.embedding_planar import planar_embeddings
layer = fuzz.case(11)[2]  # disjoint paths: components far smaller than the network
for relax in (False, True):  # as they are, and evened out (embedding_relax)
    print(repr([sorted(p.items()) for p in planar_embeddings(layer, graph_of(layer), 3.0, relax)]))
"""


def test_the_drawings_do_not_depend_on_the_hash_seed() -> None:
    # networkx's subgraph of a small component iterates the set of its stations: the planar
    # embedding is built from the network's own edge order, never from such a set
    runs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        done = subprocess.run(
            [sys.executable, "-c", HASH_SCRIPT], env=env, capture_output=True, text=True, check=True
        )
        runs.add(done.stdout)
    assert len(runs) == 1 and runs.pop().startswith("[[")
