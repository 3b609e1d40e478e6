"""Spreading the drawing until every label has a free place (`layout._finish`), with labels
placed in two steps (`labels.LabelPlacement`): a spread whose placement leaves a station stuck
after the rescue is put aside unfinished while a larger spread remains."""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import Any

import pytest

import transit_maps.layout as engine
from tests.layout.spread_log import started_drawings
from tests.paths import MAPS
from transit_maps.layout import _finish, _label_overlaps, layout
from transit_maps.layout.labels import LabelPlacement, place_labels
from transit_maps.layout.metrics import measure
from transit_maps.layout.stable import SPREADS, spread_of
from transit_maps.loader import load_map
from transit_maps.model import Layer


def _genomics(monkeypatch: pytest.MonkeyPatch) -> tuple[Layer, str]:
    """genomics-pipeline, to be drawn as its routed candidate: a compact loop that crowds its
    names (the engine draws it layered, where the steps flow one way, unless a step against
    the flow costs nothing), compacted twice as maps above `compact.ONCE_UP_TO` stations are
    (the drawing these tests were built on; compacted once it has other crowded spreads)."""
    monkeypatch.setattr(engine, "FLOW_WEIGHT", 0.0)
    monkeypatch.setattr(sys.modules["transit_maps.layout.compact"], "ONCE_UP_TO", 0)
    the_map = load_map(MAPS / "genomics-pipeline.yaml")
    return the_map.layers[0], the_map.id


def test_spreads_go_up_to_three_times_the_gap() -> None:
    assert SPREADS == (1.0, 1.25, 1.5, 2.0, 2.5, 3.0)
    assert engine.LABEL_ROOM == SPREADS


def test_a_stuck_spread_is_never_finished_when_a_larger_one_is_clean(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layer, map_id = _genomics(monkeypatch)
    started = started_drawings(monkeypatch)
    result = layout(layer, map_id)
    spreads = [spread for spread, _ in started]
    # 1.0 leaves two names without a free place; 1.25 is clean, 1.5 halves the ambiguous names
    assert spreads == [1.0, 1.25, 1.5]
    first = started[0][1]
    assert len(first.labels.stuck) == 2
    assert first._layout is None  # put aside, and never finished
    assert all(not p.labels.stuck and p._layout is not None for _, p in started[1:])
    assert spread_of(result) == pytest.approx(1.5)
    figures = measure(result, layer)
    assert figures.label_overlaps == 0 and figures.labels_placed == figures.labels_expected


def test_put_aside_spreads_are_finished_when_no_larger_one_is_clean(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layer, map_id = _genomics(monkeypatch)
    started = started_drawings(monkeypatch)
    schematic = _schematic(monkeypatch, layer, map_id)
    crowded = started[0][1]
    started.clear()
    # Only the crowded spread, twice: the first is put aside, the second (the last) finished
    # with its overlaps; then the first is finished too, and the first of equals is kept.
    result = _finish(layer, map_id, schematic, (1.0, 1.0))
    assert [spread for spread, _ in started] == [1.0, 1.0]
    first, last = (p for _, p in started)
    assert first.labels.stuck == last.labels.stuck == crowded.labels.stuck
    assert first._layout is not None and last._layout is not None
    assert result is first.laid()
    assert _label_overlaps(result) == _label_overlaps(last.laid()) > 0


def _schematic(monkeypatch: pytest.MonkeyPatch, layer: Layer, map_id: str) -> Any:
    """The schematic the engine hands to `_finish` for `layer`."""
    seen: list[Any] = []
    real = engine._finish

    def kept(layer: Layer, map_id: str, schematic: Any, *rest: Any) -> Any:
        seen.append(schematic)
        return real(layer, map_id, schematic, *rest)

    with monkeypatch.context() as patch:
        patch.setattr(engine, "_finish", kept)
        layout(layer, map_id)
    return seen[0]


def test_two_steps_give_the_labels_of_one(monkeypatch: pytest.MonkeyPatch) -> None:
    layer, map_id = _genomics(monkeypatch)
    started = started_drawings(monkeypatch)
    layout(layer, map_id)
    for _, pending in started:
        stations = tuple(replace(s, label=None) for s in pending.labels.finished())
        again = LabelPlacement(layer, stations, pending.edges)
        assert again.stuck == pending.labels.stuck
        assert again.finished() == pending.labels.finished()
        assert place_labels(layer, stations, pending.edges) == pending.labels.finished()
        # finishing twice changes nothing
        assert again.finished() is again.finished()
