"""The polish (`octi.schematise(..., polish=True)`) reuses work without changing its result: the
drawing before the local search is read from the same routing, and the search without aligning
moves is skipped where it would keep the same moves (`improve.Improvement`)."""

from __future__ import annotations

import math
from typing import Any

import pytest

from tests.layout.pipeline_cases import random_pipeline
from tests.paths import MAPS
from transit_maps.layout.embedding import embeddings, graph_of
from transit_maps.layout.grid import BEND, SHARP_BEND, Bends
from transit_maps.layout.improve import Improvement
from transit_maps.layout.octi import Routing, Schematic, _schematise
from transit_maps.loader import load_map
from transit_maps.model import Layer


def _drawn(a: Schematic | None) -> tuple[Any, ...]:
    assert a is not None
    return (a.positions, a.paths, a.angles, a.crossings)


def _run(layer: Layer, k: int, polish: float, bends: Bends, **kw: Any) -> Schematic | None:
    """`_schematise` of candidate embedding k with no bound and no effort cap."""
    embedding, step = embeddings(layer, {}, k + 1)[k]
    g = graph_of(layer)
    return _schematise(layer, g, embedding, step, math.inf, {}, (), polish, math.inf, bends, **kw)


@pytest.mark.parametrize("name", ["genomics-pipeline", "rag-pipeline"])
def test_the_drawing_before_the_search_is_the_plain_routing(name: str) -> None:
    layer = load_map(MAPS / f"{name}.yaml").layers[0]
    before: list[Schematic] = []
    searched: list[Improvement] = []
    polished = _run(layer, 0, 1.0, BEND, searched=searched, before=before)
    plain = _run(layer, 0, 0.0, BEND)
    assert len(before) == 1 and _drawn(before[0]) == _drawn(plain)
    assert plain is not None and before[0].effort == plain.effort
    # the search ran after the snapshot: the polished drawing went on from it
    assert polished is not None and len(searched) == 1
    assert polished.effort > before[0].effort


def test_a_search_that_kept_no_aligning_move_ends_as_the_near_one() -> None:
    # wherever the search kept no aligning move within its budget, the search with near moves
    # only keeps the same moves: the same drawing (seeded pipelines 22 and 29, three candidates,
    # both bend profiles)
    skipped = 0
    for seed in (22, 29):
        layer = random_pipeline(seed)
        for k in range(3):
            for bends in (SHARP_BEND, BEND):
                searched: list[Improvement] = []
                polished = _run(layer, k, 1.0, bends, searched=searched)
                if not searched or not searched[0].same_without_aligning():
                    continue
                skipped += 1
                near = _run(layer, k, 1.0, bends, far=False)
                assert _drawn(polished) == _drawn(near), (seed, k, bends)
    assert skipped >= 2


def test_what_rules_out_skipping() -> None:
    assert not Improvement(kept=3, aligned=1, spent=False).same_without_aligning()
    assert not Improvement(kept=3, aligned=0, spent=True).same_without_aligning()
    assert Improvement(kept=0, aligned=0, spent=False).same_without_aligning()


def test_the_polish_goes_on_from_the_ranked_routing() -> None:
    # rag-pipeline's winner is routed under the layered drawing's bound (no crossing allowed,
    # an effort cap); the polish goes on from that routing and ends as it would from its own
    from transit_maps.layout import _compacted
    from transit_maps.layout.embedding_choice import rank_candidates
    from transit_maps.layout.octi import objective, schematise
    from transit_maps.layout.pipeline import layered_schematic

    layer = load_map(MAPS / "rag-pipeline.yaml").layers[0]
    g = graph_of(layer)
    flow = layered_schematic(layer, g)
    assert flow is not None
    bound = objective(layer, _compacted(layer, flow))
    ranked = rank_candidates(layer, g, {}, set(), bound)
    entry = ranked[0]
    assert entry.routing is not None and not entry.routing.spent
    o = entry.option

    def polished(start: Routing | None) -> Schematic | None:
        return schematise(
            layer, g, o.embedding, o.step, math.inf, {}, (), True, bends=o.bends, start=start
        )

    went_on = polished(entry.routing)
    assert entry.routing.spent
    afresh = polished(None)
    assert _drawn(went_on) == _drawn(afresh)
    assert went_on is not None and afresh is not None and went_on.effort == afresh.effort
    # a routing already gone on from is routed again instead
    again = polished(entry.routing)
    assert _drawn(again) == _drawn(afresh)


def test_a_candidate_far_behind_the_layered_drawing_is_not_polished(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Seeded pipeline 35 (51 stations): its best routed candidate starts at 2.6 times the
    layered drawing's read cost, so the layered drawing is kept without a polish; polished, the
    routed drawing would have lost to it all the same (the same layout)."""
    import transit_maps.layout as engine

    layer = random_pipeline(35)
    kept = engine.layout(layer, "m")
    monkeypatch.setattr(engine, "HOPELESS", math.inf)
    assert engine.layout(layer, "m") == kept  # polished, and it lost

    def no_polish(*args: Any) -> None:
        raise AssertionError("polished")

    monkeypatch.setattr(engine, "HOPELESS", 1.5)
    monkeypatch.setattr(engine, "polish_best", no_polish)
    assert engine.layout(layer, "m") == kept
    # a small map is polished whatever its start (the local search may halve it there)
    monkeypatch.setattr(engine, "HOPELESS", 0.0)
    with pytest.raises(AssertionError, match="polished"):
        engine.layout(random_pipeline(28), "m")
