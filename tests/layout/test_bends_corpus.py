"""Bends along the lines of LOOM's rail examples, against LOOM's own figures (issue 3).

Targets: no more bends than LOOM with `at` hints (Freiburg 15, Vienna 9) and no more than 1.25
times that from topology alone (18.75, 11.25). Where the engine still misses one, the test is a
strict xfail that states the figure measured (so it fails the day the target is met, and the mark
must go); a second test pins the measured figure, so that no change makes it worse unnoticed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.paths import CORPUS
from transit_maps.layout import layout
from transit_maps.layout.embedding import graph_of
from transit_maps.layout.embedding_choice import rank_candidates
from transit_maps.layout.metrics import Metrics, measure
from transit_maps.layout.octi import route_bends, schematise
from transit_maps.loader import load_map, load_map_text

# input -> (LOOM's bends, or 1.25 times them from topology alone; bends measured 2026-12-04)
FIGURES: dict[str, tuple[float, int]] = {
    "freiburg": (15, 15),
    "freiburg-topology": (18.75, 17),
    "wien": (9, 9),
    "wien-topology": (11.25, 11),
}
# Small pipelines, where the aligning moves of the local search lead astray (docs/layout-bends.md).
PIPELINES: dict[str, int] = {"nf-metro-simple-pipeline": 2, "nf-metro-variant-calling": 9}
_AT = re.compile(r"\n\s+at:\n\s+- [-0-9.]+\n\s+- [-0-9.]+")
_CACHE: dict[str, Metrics] = {}


def _metrics(name: str) -> Metrics:
    """The metrics of one input's layout (computed once per test session)."""
    if name not in _CACHE:
        if name == "wien-topology":  # Vienna with every `at` hint dropped
            text = (CORPUS / "loom-wien.yaml").read_text(encoding="utf-8")
            the_map = load_map_text(_AT.sub("", text), "loom-wien-topology.yaml")
            assert all(s.at is None for s in the_map.layers[0].stations)
        else:
            the_map = load_map(Path(CORPUS / f"loom-{name}.yaml"))
        layer = the_map.layers[0]
        _CACHE[name] = measure(layout(layer, the_map.id), layer)
    return _CACHE[name]


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_bends_no_worse_than_measured(name: str) -> None:
    metrics = _metrics(name)
    assert metrics.bends <= FIGURES[name][1], dict(metrics.bends_per_line)
    # the other targets hold on the way
    assert metrics.octilinear_share == 1.0
    assert metrics.edge_crossings == 0
    assert metrics.foreign_stations == 0


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_bends_within_loom_target(name: str, request: pytest.FixtureRequest) -> None:
    target, measured = FIGURES[name]
    if measured > target:
        request.applymarker(
            pytest.mark.xfail(strict=True, reason=f"{measured} bends measured, target {target}")
        )
    assert _metrics(name).bends <= target


@pytest.mark.parametrize("name", sorted(PIPELINES))
def test_polish_of_small_pipelines_keeps_their_few_bends(name: str) -> None:
    # the local search on the best candidate embedding (whatever drawing `layout` keeps in the
    # end: a layered pipeline drawing may win over it)
    the_map = load_map(CORPUS / f"{name}.yaml")
    layer = the_map.layers[0]
    g = graph_of(layer)
    option = rank_candidates(layer, g, {}, set())[0].option
    polished = schematise(layer, g, option.embedding, option.step, polish=True, bends=option.bends)
    assert polished is not None and polished.crossings == 0
    assert route_bends(layer, polished) <= PIPELINES[name]
