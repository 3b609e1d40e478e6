"""Spreading the drawing for names that read as another station's (`layout._less_ambiguous`)."""

from __future__ import annotations

import sys
from collections.abc import Mapping

import pytest

import transit_maps.layout as engine
from tests.paths import MAPS
from transit_maps.layout import (
    AMBIGUOUS_FEW,
    AMBIGUOUS_KEPT,
    AMBIGUOUS_SHARE,
    FAR_SHARE,
    Layout,
    _less_ambiguous,
    layout,
)
from transit_maps.layout.metrics import FAR_LABEL, measure
from transit_maps.layout.stable import spread_of
from transit_maps.loader import load_map


def test_city_metro_is_spread_until_its_names_read_as_their_own() -> None:
    # 8 ambiguous labels at the usual gap, 3 at 1.25, 0 at 1.5 (docs/layout-ordering-labels.md)
    the_map = load_map(MAPS / "city-metro.yaml")
    layer = the_map.layer("network")
    result = layout(layer, the_map.id)
    m = measure(result, layer)
    assert (m.ambiguous_labels, m.label_overlaps) == (0, 0)
    assert m.labels_placed == m.labels_expected
    assert spread_of(result) == pytest.approx(1.5)
    # a previous layout keeps its spread: the stations stay where they were
    again = layout(layer, the_map.id, previous=result.to_json())
    assert spread_of(again) == pytest.approx(1.5)
    assert measure(again, layer).ambiguous_labels == 0


def test_a_drawing_spread_for_overlaps_may_be_spread_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # genomics-pipeline drawn as its routed candidate (a compact loop; the engine draws it
    # layered unless a step against the flow costs nothing) needs 1.25 for its labels to fit,
    # where 5 of its 25 names read as a neighbour's; at 1.5 one does. That drawing is compacted
    # twice, as maps above ONCE_UP_TO stations are (compacted once, it fits only at 1.5, with
    # 2 such names: the search below is not asked)
    monkeypatch.setattr(engine, "FLOW_WEIGHT", 0.0)
    monkeypatch.setattr(sys.modules["transit_maps.layout.compact"], "ONCE_UP_TO", 0)
    the_map = load_map(MAPS / "genomics-pipeline.yaml")
    layer = the_map.layers[0]
    result = layout(layer, the_map.id)
    assert spread_of(result) == pytest.approx(1.5)
    figures = measure(result, layer)
    assert (figures.label_overlaps, figures.ambiguous_labels) == (0, 1)


def _fake(monkeypatch: pytest.MonkeyPatch, figures: Mapping[float, tuple[int, ...]]) -> list[float]:
    """Spreads drawn by `_less_ambiguous`, with (ambiguous, overlaps[, far]) per spread from
    `figures` (far: how many of the ambiguous labels lie beyond FAR_LABEL, 0 if not given); the
    fake layouts carry their spread as `width` and 40 labelled stations."""
    tried: list[float] = []

    def drawn(layer: object, map_id: str, schematic: object, spread: float) -> Layout:
        tried.append(spread)
        return _layout(spread)

    # the drawings at each spread as `_finish` hands them over: here the fake ones above
    monkeypatch.setattr(
        engine._Spreads, "at", lambda self, spread: _Drawn(drawn(None, "m", None, spread))
    )

    def gaps(laid: Layout) -> list[float]:
        ambiguous, _, *far = figures[laid.width]
        beyond = far[0] if far else 0
        return [FAR_LABEL + 1.0] * beyond + [FAR_LABEL / 2] * (ambiguous - beyond)

    monkeypatch.setattr(engine, "ambiguous_gaps", gaps)
    monkeypatch.setattr(engine, "_label_overlaps", lambda laid: figures[laid.width][1])
    return tried


LABELS = 40


class _Drawn:
    """A drawing at one spread, as `_Spreads.at` gives it."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout

    def laid(self) -> Layout:
        return self.layout


def _layout(spread: float) -> Layout:
    from transit_maps.layout.geometry import Box, Label, PlacedStation

    label = Label(Box(0.0, 0.0, 1.0, 1.0), ("x",))
    stations = tuple(PlacedStation(f"s{i}", float(i), 0.0, False, label) for i in range(LABELS))
    return Layout("m", "l", spread, 1.0, stations, (), ())


def _spreads() -> engine._Spreads:
    return engine._Spreads(None, "m", None, ())  # type: ignore[arg-type]


def _run(
    figures: Mapping[float, tuple[int, ...]], monkeypatch: pytest.MonkeyPatch
) -> tuple[float, list[float]]:
    tried = _fake(monkeypatch, figures)
    kept = _less_ambiguous(_spreads(), _layout(1.0), (1.25, 1.5, 2.0))
    return kept.width, tried


def test_a_spread_is_kept_when_it_halves_the_ambiguous_labels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert AMBIGUOUS_KEPT == 0.5
    halving = {1.0: (8, 0), 1.25: (4, 0), 1.5: (2, 0), 2.0: (0, 0)}
    # 8 -> 4 -> 2: stops there, 2 is few enough (2.0 is never drawn)
    assert _run(halving, monkeypatch) == (1.5, [1.25, 1.5])
    # 8 -> 5 is not worth the room, but the next spread may be: 8 -> 0 at 1.5
    # (ml-system systems: 4 -> 3 at 1.25, 2 at 1.5)
    short = {1.0: (8, 0), 1.25: (5, 0), 1.5: (0, 0), 2.0: (0, 0)}
    assert _run(short, monkeypatch) == (1.5, [1.25, 1.5])
    # halving is counted from the drawing kept last: 8 -> 4, then 4 -> 3 and 4 -> 3 are not
    steps = {1.0: (8, 0), 1.25: (4, 0), 1.5: (3, 0), 2.0: (3, 0)}
    assert _run(steps, monkeypatch) == (1.25, [1.25, 1.5, 2.0])
    # no spread halves them: every one drawn, the first drawing kept
    none = {1.0: (8, 0), 1.25: (5, 0), 1.5: (5, 0), 2.0: (6, 0)}
    assert _run(none, monkeypatch) == (1.0, [1.25, 1.5, 2.0])


def test_a_spread_with_label_overlaps_is_never_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    figures = {1.0: (8, 0), 1.25: (0, 1), 1.5: (0, 0), 2.0: (0, 0)}
    assert _run(figures, monkeypatch) == (1.0, [1.25])


def test_few_ambiguous_labels_pay_no_label_placement(monkeypatch: pytest.MonkeyPatch) -> None:
    few = {1.0: (AMBIGUOUS_FEW, 0), 1.25: (0, 0), 1.5: (0, 0), 2.0: (0, 0)}
    assert _run(few, monkeypatch) == (1.0, [])
    # a small share of a big map's names: below AMBIGUOUS_SHARE of the labels
    below = int(AMBIGUOUS_SHARE * LABELS) - 1
    assert below > AMBIGUOUS_FEW
    share = {1.0: (below, 0), 1.25: (0, 0), 1.5: (0, 0), 2.0: (0, 0)}
    assert _run(share, monkeypatch) == (1.0, [])


def test_no_larger_spread_no_placement(monkeypatch: pytest.MonkeyPatch) -> None:
    tried = _fake(monkeypatch, {1.0: (20, 0)})
    kept = _less_ambiguous(_spreads(), _layout(1.0), ())
    assert (kept.width, tried) == (1.0, [])


def test_names_far_from_their_station_are_spread_for_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # two ambiguous labels (few enough) but both far from their station: 2 of 40 is at least
    # FAR_SHARE, so the next spread is kept when it has fewer far ones and no more ambiguous
    assert FAR_SHARE * LABELS <= 2
    far = {1.0: (2, 0, 2), 1.25: (2, 0, 1), 1.5: (0, 0, 0), 2.0: (0, 0, 0)}
    assert _run(far, monkeypatch) == (1.25, [1.25])
    # for far labels alone only the next spread is worth its room: one that brings none nearer
    # ends the search
    stuck = {1.0: (2, 0, 2), 1.25: (2, 0, 2), 1.5: (0, 0, 0), 2.0: (0, 0, 0)}
    assert _run(stuck, monkeypatch) == (1.0, [1.25])
    # nearer but more ambiguous labels is no gain
    worse = {1.0: (2, 0, 2), 1.25: (3, 0, 0), 1.5: (0, 0, 0), 2.0: (0, 0, 0)}
    assert _run(worse, monkeypatch) == (1.0, [1.25])
    # one far label of 40 is below FAR_SHARE: nothing drawn
    assert FAR_SHARE * LABELS > 1
    one = {1.0: (1, 0, 1), 1.25: (0, 0, 0), 1.5: (0, 0, 0), 2.0: (0, 0, 0)}
    assert _run(one, monkeypatch) == (1.0, [])
    # a label overlap still ends the search
    blocked = {1.0: (2, 0, 2), 1.25: (0, 1, 0), 1.5: (0, 0, 0), 2.0: (0, 0, 0)}
    assert _run(blocked, monkeypatch) == (1.0, [1.25])


def test_a_farther_label_is_no_gain(monkeypatch: pytest.MonkeyPatch) -> None:
    # held-out hic: at 1.5 two names 51 units from their stations; at 2 one, but 87 away
    tried = _fake(monkeypatch, {1.0: (2, 0, 2), 1.25: (1, 0, 1)})
    farther = {1.0: [FAR_LABEL + 11, FAR_LABEL + 11], 1.25: [FAR_LABEL + 47]}
    monkeypatch.setattr(engine, "ambiguous_gaps", lambda laid: farther[laid.width])
    kept = _less_ambiguous(_spreads(), _layout(1.0), (1.25, 1.5))
    assert (kept.width, tried) == (1.0, [1.25])


def test_ml_system_names_read_as_their_own() -> None:
    # at 1.5 (halving rule) "Experiment tracking" sat 87 units from its marker, nearer to
    # Monitoring's; the far rule spreads the systems layer to 2 (docs/layout-ordering-labels.md)
    the_map = load_map(MAPS / "ml-system.yaml")
    layer = the_map.layer("systems")
    result = layout(layer, the_map.id)
    figures = measure(result, layer)
    assert (figures.ambiguous_labels, figures.label_overlaps) == (0, 0)
    assert result.width > 1300
