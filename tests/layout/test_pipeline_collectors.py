"""Collectors (a MultiQC report) in the middle of their sources (`pipeline_collectors.py`)."""

from __future__ import annotations

import pytest

from tests.layout.engine_checks import make_layer
from tests.layout.test_pipeline_layered import check_geometry
from tests.paths import CORPUS
from transit_maps.layout import pipeline
from transit_maps.layout.embedding import graph_of
from transit_maps.layout.octi import length_cv
from transit_maps.layout.pipeline import layered_schematic
from transit_maps.layout.pipeline_collectors import collect_in_middle
from transit_maps.loader import load_map


def test_collector_moves_to_a_free_middle_column_and_later_arcs_turn_round() -> None:
    nodes = ["a", "b", "c", "d", "e", "f", "qc", "report"]
    rank = {"a": 0, "b": 1, "c": 2, "d": 3, "e": 4, "f": 5, "qc": 6, "report": 7}
    arcs = [("a", "b", 1), ("b", "c", 1), ("c", "d", 1), ("d", "e", 1), ("e", "f", 1)]
    arcs += [("a", "qc", 1), ("f", "qc", 1), ("qc", "report", 1)]
    assert collect_in_middle(nodes, rank, arcs)
    # squared spans 4 + 9 at column 2 or 3: the first; its report one column on
    assert rank["qc"] == 2 and rank["report"] == 3
    assert ("a", "qc", 1) in arcs and ("qc", "f", 1) in arcs


def test_close_sources_or_a_collector_that_feeds_on_stay() -> None:
    rank = {"a": 0, "b": 1, "qc": 2}
    arcs = [("a", "b", 1), ("a", "qc", 1), ("b", "qc", 1)]
    assert not collect_in_middle(["a", "b", "qc"], rank, arcs)
    nodes = ["a", "b", "c", "d", "e", "qc", "x"]
    rank = {"a": 0, "b": 1, "c": 2, "d": 3, "e": 4, "qc": 5, "x": 6}
    arcs = [("a", "b", 1), ("b", "c", 1), ("c", "d", 1), ("d", "e", 1), ("a", "qc", 1)]
    arcs += [("e", "qc", 1), ("qc", "x", 1), ("d", "x", 1)]  # x is fed by d too: not an end
    assert not collect_in_middle(nodes, rank, arcs)


def test_qc_skip_line_no_longer_spans_the_drawing() -> None:
    layer = make_layer(
        {
            "main": [["reads", "trim", "align", "sort", "call", "filter", "annotate"]],
            "qc": [["trim", "multiqc", "qc-report"], ["filter", "multiqc"]],
        }
    )
    drawn = layered_schematic(layer, graph_of(layer))
    assert drawn is not None and drawn.crossings == 0
    check_geometry(layer, drawn)
    x = {n: p[0] for n, p in drawn.positions.items()}
    assert x["trim"] < x["multiqc"] < x["filter"]


def test_variant_calling_edges_more_even(monkeypatch: pytest.MonkeyPatch) -> None:
    layer = load_map(CORPUS / "nf-metro-variant-calling.yaml").layer("pipeline")
    g = graph_of(layer)
    drawn = layered_schematic(layer, g)
    assert drawn is not None and drawn.crossings == 0
    check_geometry(layer, drawn)
    monkeypatch.setattr(pipeline, "ZONINGS", tuple(z for z in pipeline.ZONINGS if not z[1]))
    plain = layered_schematic(layer, g)
    assert plain is not None
    assert length_cv(drawn) < 0.5 < length_cv(plain)
