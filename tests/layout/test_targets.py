"""The quality targets of the layout engine (issue 3), map by map, on the exported geometry.

Each target is asserted on every corpus and example layer. Where the engine still misses one, the
pair is listed in MISSES with the figure measured, and marked xfail(strict=True): the suite
reports it, and fails the day it is met without the entry being removed.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import networkx as nx
import pytest

from tests.paths import CORPUS, CORPUS_MAPS, MAPS
from transit_maps.layout import layout
from transit_maps.layout.embedding import graph_of
from transit_maps.layout.metrics import Metrics, measure
from transit_maps.loader import load_map, load_map_text
from transit_maps.model import Layer

INPUTS = [*CORPUS_MAPS, *sorted(MAPS.glob("*.yaml"))]
# LOOM's line bends on the same inputs (../shared/corpus/README.md); from topology alone the
# target is 1.25 times as many.
LOOM_BENDS = {"loom-freiburg": 15, "loom-wien": 9}
TOPOLOGY_FACTOR = 1.25
MAX_LENGTH_CV = 0.25
# (layer key, target) -> the figure measured where the target is missed. "flowing >= x": the
# least CV of any drawing whose edges all advance one way in straight and diagonal steps
# (benchmarks/cv_bound.py, k = sqrt 2; docs/benchmarks.md).
MISSES: dict[tuple[str, str], str] = {
    ("genomics-pipeline/pipeline", "spacing"): "length CV 0.53 (flowing >= 0.33)",
    ("ml-system/processes", "spacing"): (
        "length CV 0.54 (the operations loop, a feedback line, runs back under the whole "
        "workflow; flowing >= 0.18 with feedback edges free)"
    ),
    ("ml-system/systems", "spacing"): "length CV 0.29 (flowing >= 0.37)",
    ("ml-system/org", "spacing"): (
        "length CV 0.254 (the governance line's return to the stakeholder runs back; "
        "flowing >= 0.12)"
    ),
    ("nf-metro-genomeassembly/pipeline", "spacing"): "length CV 0.92 (not planar; flowing >= 0.43)",
    ("nf-metro-genomic-pipeline/pipeline", "spacing"): "length CV 0.74 (flowing >= 0.44)",
    ("rag-pipeline/pipeline", "spacing"): "length CV 0.42 (a 2-stop bypass of 8; flowing >= 0.32)",
    ("nf-metro-variant-calling/pipeline", "flow"): (
        "1 backward step (FastP -> BWA-MEM runs left); the layered drawing has one too and "
        "costs 14 more in bends and CV"
    ),
}
# Layers that are workflows (pipelines, the ML workflow): they read in their lines' order.
WORKFLOWS = [
    "nf-metro-genomeassembly/pipeline",
    "nf-metro-genomic-pipeline/pipeline",
    "nf-metro-simple-pipeline/pipeline",
    "nf-metro-variant-calling/pipeline",
    "genomics-pipeline/pipeline",
    "rag-pipeline/pipeline",
    "ml-system/processes",
]


def _without_hints(path: Path) -> str:
    """The map's text with every `at:` hint removed (its topology alone)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\n(\s+)at:\n(\1- .*\n)+", "\n", text)
    return re.sub(r"\n\s+at: \[[^\]]*\]", "", text)


@cache
def _measured(key: str) -> tuple[Layer, Metrics]:
    name, layer_id = key.split("/")
    if name.endswith("-no-hints"):
        source = CORPUS / f"{name.removesuffix('-no-hints')}.yaml"
        the_map = load_map_text(_without_hints(source), str(source))
    else:
        path = next(p for p in INPUTS if p.stem == name)
        the_map = load_map(path)
    layer = the_map.layer(layer_id)
    return layer, measure(layout(layer, the_map.id), layer)


KEYS = [f"{p.stem}/{layer.id}" for p in INPUTS for layer in load_map(p).layers]
LOOM_KEYS = [
    *(f"{name}/network" for name in LOOM_BENDS),
    "loom-freiburg-topology/network",
    "loom-wien-no-hints/network",
]


def _target(key: str, target: str, request: pytest.FixtureRequest) -> tuple[Layer, Metrics]:
    if (key, target) in MISSES:
        reason = MISSES[(key, target)]
        request.applymarker(pytest.mark.xfail(strict=True, reason=reason))
    return _measured(key)


def test_hints_are_really_gone() -> None:
    layer, _ = _measured("loom-wien-no-hints/network")
    assert layer.stations and all(s.at is None for s in layer.stations)


@pytest.mark.parametrize("key", KEYS)
def test_octilinear_and_planar_where_possible(key: str, request: pytest.FixtureRequest) -> None:
    layer, m = _target(key, "crossings", request)
    assert m.octilinear_share == 1.0
    assert m.foreign_stations == 0
    if nx.check_planarity(graph_of(layer))[0]:
        assert m.edge_crossings == 0


@pytest.mark.parametrize("key", KEYS)
def test_every_label_placed_without_overlap(key: str, request: pytest.FixtureRequest) -> None:
    _, m = _target(key, "labels", request)
    assert m.labels_placed == m.labels_expected
    assert m.label_overlaps == 0


@pytest.mark.parametrize("key", [*KEYS, "loom-wien-no-hints/network"])
def test_even_spacing(key: str, request: pytest.FixtureRequest) -> None:
    _, m = _target(key, "spacing", request)
    assert m.edge_length_cv <= MAX_LENGTH_CV


@pytest.mark.parametrize("key", WORKFLOWS)
def test_workflows_read_in_their_lines_order(key: str, request: pytest.FixtureRequest) -> None:
    # issue 3, item 1: a route flows in one general direction (a feedback line may run back)
    _, m = _target(key, "flow", request)
    assert m.backward_steps == 0


@pytest.mark.parametrize("key", LOOM_KEYS)
def test_no_more_bends_than_loom(key: str, request: pytest.FixtureRequest) -> None:
    _, m = _target(key, "bends", request)
    name = key.split("/")[0]
    if name in LOOM_BENDS:
        assert m.bends <= LOOM_BENDS[name]
    else:
        source = "loom-freiburg" if name.startswith("loom-freiburg") else "loom-wien"
        assert m.bends <= TOPOLOGY_FACTOR * LOOM_BENDS[source]
