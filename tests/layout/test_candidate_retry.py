"""Routing a candidate under a bound: crossing paths that will be repaired, and the second chance
of the candidates that ran out of effort (`router._repairable`, `embedding_choice._retried`)."""

from __future__ import annotations

import math

import pytest

from tests.paths import MAPS
from transit_maps.layout import embedding_choice
from transit_maps.layout.embedding import embeddings, graph_of
from transit_maps.layout.embedding_choice import RETRY_BUDGET, rank_candidates
from transit_maps.layout.grid import SHARP_BEND
from transit_maps.layout.metrics import drawing_faults
from transit_maps.layout.octi import objective, schematise
from transit_maps.layout.pipeline import layered_schematic
from transit_maps.loader import load_map
from transit_maps.model import Layer


def _layer(name: str, layer_id: str | None = None) -> Layer:
    m = load_map(MAPS / f"{name}.yaml")
    return next(lay for lay in m.layers if layer_id is None or lay.id == layer_id)


def test_a_bound_below_one_crossing_still_lets_the_router_repair_a_crossing_path() -> None:
    # rag-pipeline's second embedding: one chain finds no uncrossed path at first; the routes it
    # crosses are ripped up and routed again after it, and none crosses in the end
    layer = _layer("rag-pipeline")
    g = graph_of(layer)
    embedding, step = embeddings(layer, None, 8)[1]
    free = schematise(layer, g, embedding, step, math.inf, {}, (), bends=SHARP_BEND)
    bounded = schematise(layer, g, embedding, step, 44.0, {}, (), bends=SHARP_BEND)
    assert free is not None and bounded is not None
    assert bounded.crossings == free.crossings == 0
    assert drawing_faults(bounded.positions, bounded.paths) == 0
    assert bounded.paths == free.paths


def test_a_non_planar_map_still_gives_up_at_its_first_crossing_under_a_bound() -> None:
    from tests.paths import CORPUS

    m = load_map(CORPUS / "nf-metro-genomeassembly.yaml")
    layer = m.layers[0]
    g = graph_of(layer)
    tally: list[int] = []
    found = [
        schematise(layer, g, e, step, 44.0, {}, (), bends=SHARP_BEND, tally=tally)
        for e, step in embeddings(layer, None, 8)
    ]
    # none routes without crossings, so each gives up (no repair is tried off the plane)
    assert found == [None] * len(found)
    assert len(tally) == len(found)


def _layered_bound(layer: Layer) -> float:
    flow = layered_schematic(layer, graph_of(layer))
    assert flow is not None
    return objective(layer, flow)


def test_candidates_that_ran_out_of_effort_get_a_second_chance_when_the_layers_win() -> None:
    layer = _layer("rag-pipeline")
    bound = _layered_bound(layer)
    ranked = rank_candidates(layer, graph_of(layer), {}, set(), bound)
    # the first, cheap candidate loses to the layered drawing; a retried one beats it
    assert ranked[0].score < bound
    assert ranked[0].schematic.crossings == 0
    assert ranked[0].option.source != 0


def test_no_second_chance_when_a_routed_candidate_already_wins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []
    real = embedding_choice._retried

    def counted(*args: object, **kwargs: object) -> list[embedding_choice.Ranked]:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(embedding_choice, "_retried", counted)
    layer = _layer("genomics-pipeline")
    bound = _layered_bound(layer)
    ranked = rank_candidates(layer, graph_of(layer), {}, set(), bound)
    assert ranked and ranked[0].score < bound
    assert calls == []


def test_the_second_chance_stays_within_its_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    layer = _layer("rag-pipeline")
    bound = _layered_bound(layer)
    assert RETRY_BUDGET >= 50_000  # the retried candidate that wins takes about 50 000
    # a budget of 1 000 expansions: the retried routings give up, the layered drawing stands
    monkeypatch.setattr(embedding_choice, "RETRY_BUDGET", 1_000)
    ranked = rank_candidates(layer, graph_of(layer), {}, set(), bound)
    assert all(r.score > bound for r in ranked)


def test_a_pipeline_above_the_small_map_size_spends_only_the_usual_floor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # seed 65 of the generator: 40 stations, planar; the first candidates cross once routed and
    # give up. The small maps' floor (about 1 s) is for maps of up to SMALL_MAP stations, where
    # the rest of the layout is cheap (here the layered drawing wins either way)
    from tests.layout.pipeline_cases import random_pipeline

    layer = random_pipeline(65)
    n = len(layer.stations)
    assert n > embedding_choice.SMALL_MAP
    spent: list[int] = []
    real = embedding_choice.schematise

    def counted(*args: object, **kwargs: object) -> object:
        tally = kwargs.get("tally")
        out = real(*args, **kwargs)  # type: ignore[arg-type]
        spent.append(out.effort if out is not None else tally[-1])  # type: ignore[index,attr-defined]
        return out

    monkeypatch.setattr(embedding_choice, "schematise", counted)
    bound = _layered_bound(layer)
    rank_candidates(layer, graph_of(layer), {}, set(), bound)
    floor = max(embedding_choice.ROUTING_BUDGET * n * n, embedding_choice.ROUTING_FLOOR)
    # the last routing may overrun the floor by its own effort, nothing more is started
    assert sum(spent[:-1]) <= floor < embedding_choice.ROUTING_FLOOR_SMALL
    assert len(spent) < 2 * len(embeddings(layer, None, 8))
    # ... while under the small maps' floor it spent far more
    monkeypatch.setattr(embedding_choice, "SMALL_MAP", n)
    spent.clear()
    rank_candidates(layer, graph_of(layer), {}, set(), bound)
    assert sum(spent) > 2 * floor
