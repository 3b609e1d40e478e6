"""Planar pipelines with no crossing-free left-to-right drawing: one direction turned round
(`layout/pipeline_turns.py`, docs/layout-pipelines.md "Turns")."""

from __future__ import annotations

import networkx as nx
import pytest

from tests.layout.handmade import make_layer
from tests.layout.pipeline_cases import random_pipeline
from tests.layout.test_pipeline_layered import check_geometry
from transit_maps.layout import layout, pipeline
from transit_maps.layout.embedding import graph_of, travel_directions
from transit_maps.layout.flow import backward_steps
from transit_maps.layout.metrics import measure
from transit_maps.layout.pipeline import layered_schematic
from transit_maps.layout.pipeline_turns import turnable

# A run folder unpacked and demultiplexed three ways into one set of reads; the sequencer's
# sample sheet feeds two of the three demultiplexers. Planar, but with every line running left
# to right the sample sheet stands in the unpacking's column, outside the fork-join, and its
# arc to one of its two demultiplexers must cross the fork-join's.
SHEET_FEEDS_TWO = make_layer(
    {
        "run": [["unpack", "demux-a", "reads"]],
        "sheet": [["sample-sheet", "demux-a"], ["sample-sheet", "demux-b", "reads"]],
        "other": [["unpack", "demux-b"], ["unpack", "demux-c", "reads"]],
    }
)


def test_planar_pipeline_that_crosses_left_to_right_is_drawn_without_crossing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    g = graph_of(SHEET_FEEDS_TWO)
    assert nx.check_planarity(g)[0]
    drawn = layered_schematic(SHEET_FEEDS_TWO, g)
    assert drawn is not None
    assert drawn.crossings == 0
    check_geometry(SHEET_FEEDS_TWO, drawn)
    # the price: one step runs back
    assert backward_steps(SHEET_FEEDS_TWO, drawn.positions) == 1
    monkeypatch.setattr(pipeline, "turned_rankings", lambda *args: [])
    without = layered_schematic(SHEET_FEEDS_TWO, g)
    assert without is not None
    assert without.crossings > 0
    assert backward_steps(SHEET_FEEDS_TWO, without.positions) == 0


def test_a_drawing_that_does_not_cross_is_not_turned(monkeypatch: pytest.MonkeyPatch) -> None:
    layer = make_layer({"a": [["in", "s", "x", "t", "out"], ["s", "y", "t"], ["s", "z", "t"]]})
    asked: list[object] = []
    monkeypatch.setattr(pipeline, "turned_rankings", lambda *args: asked.append(args) or [])
    drawn = layered_schematic(layer, graph_of(layer))
    assert drawn is not None and drawn.crossings == 0
    assert asked == []


def test_turnable_refuses_a_turn_that_closes_a_cycle() -> None:
    kept = travel_directions(SHEET_FEEDS_TWO, [s.id for s in SHEET_FEEDS_TWO.stations])
    assert ("unpack", "demux-a") in kept
    assert turnable(kept, ("unpack", "demux-a"))  # no other way from unpack to demux-a
    # a chain a -> b -> c with a shortcut a -> c: the shortcut cannot run back
    assert turnable([("a", "b"), ("b", "c")], ("a", "b"))
    assert not turnable([("a", "b"), ("b", "c"), ("a", "c")], ("a", "c"))
    assert turnable([("a", "b"), ("b", "c"), ("a", "c")], ("a", "b"))


def test_seeded_planar_pipeline_is_drawn_without_crossing(monkeypatch: pytest.MonkeyPatch) -> None:
    # seed 191 of the generator (49 stations): every left-to-right drawing crosses 4 times.
    # (Seed 373 crossed 3 times without one-sided port areas until its feedback line ran back
    # where it returns rather than on the main route; since then no drawing of it crosses.)
    layer = random_pipeline(191)
    g = graph_of(layer)
    assert nx.check_planarity(g)[0]
    drawn = layered_schematic(layer, g)
    assert drawn is not None and drawn.crossings == 0
    check_geometry(layer, drawn)
    monkeypatch.setattr(pipeline, "turned_rankings", lambda *args: [])
    without = layered_schematic(layer, g)
    assert without is not None and without.crossings > 0


def test_layout_keeps_the_turned_drawing_and_its_previous_layout() -> None:
    first = layout(SHEET_FEEDS_TWO, "m")
    assert measure(first, SHEET_FEEDS_TWO).edge_crossings == 0
    # an unchanged layer with its previous layout: the same drawing, station for station
    again = layout(SHEET_FEEDS_TWO, "m", previous=first)
    assert [(s.id, s.x, s.y) for s in again.stations] == [(s.id, s.x, s.y) for s in first.stations]
