"""Candidate embeddings and the choice among them (`layout.embedding_choice`)."""

from __future__ import annotations

import math

import pytest

from tests.layout.engine_checks import make_layer
from tests.paths import CORPUS, MAPS
from transit_maps.layout import layout
from transit_maps.layout.embedding import HINT_SHAPES, embeddings, graph_of
from transit_maps.layout.embedding_choice import (
    EVEN_ENOUGH,
    Option,
    Ranked,
    finish_score,
    polish_best,
    rank_candidates,
)
from transit_maps.layout.grid import BEND, SHARP_BEND
from transit_maps.layout.metrics import measure
from transit_maps.layout.octi import Routing, length_cv, objective, route_bends, schematise
from transit_maps.layout.parallel import SERIAL_VARIABLE
from transit_maps.loader import load_map
from transit_maps.model import Station

# Two lines crossing at a shared station, a third running beside one of them.
ROUTES = {
    "red": [["w3", "w2", "w1", "hub", "e1", "e2", "e3"]],
    "blue": [["n3", "n2", "n1", "hub", "s1", "s2", "s3"]],
    "green": [["w2", "w1", "hub", "s1", "x1", "x2"]],
}


def test_every_candidate_is_routed_with_both_bend_profiles_and_ranked_best_first() -> None:
    layer = make_layer(ROUTES)
    g = graph_of(layer)
    ranked = rank_candidates(layer, g, {}, set())
    scores = [r.score for r in ranked]
    assert scores == sorted(scores)
    assert {r.option.bends for r in ranked} == {BEND, SHARP_BEND}
    assert len({r.option.source for r in ranked}) == len(embeddings(layer, None, 8))
    assert ranked[0].schematic.crossings == 0


def test_pins_keep_one_embedding_and_one_profile() -> None:
    layer = make_layer(ROUTES)
    g = graph_of(layer)
    pins = {s.id: (float(i), 0.0) for i, s in enumerate(layer.stations)}
    ranked = rank_candidates(layer, g, pins, set())
    assert [(r.option.source, r.option.bends) for r in ranked] == [(0, BEND)]


def test_hinted_stations_give_the_geography_and_its_shaped_variants() -> None:
    at = {"w3": (0, 0), "w2": (1, 0.2), "w1": (2, 0.1), "hub": (3, 0), "e1": (4, -0.3)}
    layer = make_layer(ROUTES, **{k: Station(k, k.title(), at=v) for k, v in at.items()})
    found = embeddings(layer, None, 8)
    assert len(found) == 2 * len(HINT_SHAPES)  # each shape at the hinted scale and spread
    first = found[0][0]
    spread = found[1][0]
    assert spread["e1"][0] - spread["w3"][0] > 1.4 * (first["e1"][0] - first["w3"][0])
    # the geography as given comes first: hinted stations near their hints
    assert all(
        abs(first[k][0] - x) < 1.0 and abs(first[k][1] - y) < 1.0 for k, (x, y) in at.items()
    )


def test_polish_never_returns_a_crossing_drawing_of_a_planar_network() -> None:
    layer = make_layer(ROUTES)
    g = graph_of(layer)
    ranked = rank_candidates(layer, g, {}, set())
    polished = polish_best(layer, g, ranked, set())
    assert polished is not None
    assert polished[1].crossings == 0


# A crowded centre of a planar metro (a fragment of a held-out network, renamed, its embedding
# as the stress drawing gave it): the router alone crosses once (a chain whose ports at a
# busy station were taken goes round a neighbour); the local search routes it round.
CROWDED = {
    "l1": [["s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9"]],
    "l2": [["s10", "s11", "s3", "s12", "s13", "s14", "s15", "s16", "s9"]],
    "l3": [["s17", "s18", "s0", "s19", "s10", "s20", "s21", "s4", "s12", "s22", "s23", "s24"]],
    "l4": [["s25", "s26", "s27", "s28", "s12", "s5", "s29", "s30", "s31"]],
    "l5": [["s17", "s32", "s33", "s22", "s27", "s15", "s34"]],
}
CROWDED_AT = {
    "s0": (0.51, 7.52), "s1": (1.96, 6.97), "s2": (3.59, 6.64), "s3": (5.01, 5.99),
    "s4": (5.87, 4.9), "s5": (7.18, 4.57), "s6": (8.21, 3.11), "s7": (10.23, 3.06),
    "s8": (12.1, 3.8), "s9": (13.37, 5.1), "s10": (1.87, 4.67), "s11": (3.6, 4.95),
    "s12": (6.59, 6.46), "s13": (7.86, 5.93), "s14": (9.59, 5.96), "s15": (10.62, 7.2),
    "s16": (11.81, 5.93), "s17": (1.97, 10.52), "s18": (1.31, 9.04), "s19": (0.44, 5.77),
    "s20": (2.84, 3.31), "s21": (4.66, 3.53), "s22": (7.12, 8.45), "s23": (7.38, 10.22),
    "s24": (7.69, 12.13), "s25": (11.25, 10.76), "s26": (9.86, 9.71), "s27": (9.04, 8.33),
    "s28": (8.0, 7.2), "s29": (7.92, 3.35), "s30": (9.07, 1.79), "s31": (10.56, 0.76),
    "s32": (3.85, 10.12), "s33": (5.55, 9.35), "s34": (12.28, 7.88),
}  # fmt: skip


def test_a_planar_network_whose_candidates_all_cross_has_the_best_polished() -> None:
    layer = make_layer(CROWDED)
    g = graph_of(layer)
    kept: list[Routing] = []
    routed = schematise(layer, g, CROWDED_AT, 2, math.inf, {}, set(), bends=SHARP_BEND, keep=kept)
    assert routed is not None and routed.crossings > 0  # the router alone crosses
    option = Option(CROWDED_AT, 2, SHARP_BEND)
    ranked = [Ranked(objective(layer, routed), option, routed, kept[0])]
    polished = polish_best(layer, g, ranked, set())
    assert polished is not None
    assert polished[1].crossings == 0


def test_small_maps_polish_the_second_candidate_too(monkeypatch: pytest.MonkeyPatch) -> None:
    from transit_maps.layout import embedding_choice

    layer = make_layer(ROUTES)
    assert len(layer.stations) <= embedding_choice.POLISH_SMALL
    g = graph_of(layer)
    ranked = rank_candidates(layer, g, {}, set())
    assert len(ranked) >= 2 and all(r.schematic.crossings == 0 for r in ranked[:2])
    # one polish after the other, so that this process sees every one (a forked child's call
    # is not recorded here; tests/layout/test_parallel.py checks that forking gives the same)
    monkeypatch.setenv(SERIAL_VARIABLE, "1")
    starts: list[object] = []
    schematise = embedding_choice.schematise

    def counted(*args: object, **kwargs: object) -> object:
        starts.append(args[2])  # the embedding polished
        return schematise(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(embedding_choice, "schematise", counted)
    polish_best(layer, g, ranked, set())
    assert starts == [ranked[0].option.embedding, ranked[1].option.embedding]
    # when the first polish was dear, only the first
    starts.clear()
    monkeypatch.setattr(embedding_choice, "SECOND_POLISH_EFFORT", 0)
    polish_best(layer, g, ranked, set())
    assert starts == [ranked[0].option.embedding]
    # above the size threshold only the first
    starts.clear()
    monkeypatch.setattr(embedding_choice, "SECOND_POLISH_EFFORT", 10**9)
    monkeypatch.setattr(embedding_choice, "POLISH_SMALL", len(layer.stations) - 1)
    polish_best(layer, g, ranked, set())
    assert starts == [ranked[0].option.embedding]


def test_a_planar_map_whose_candidates_all_give_up_stops_after_its_patience(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # every capped routing gives up at once (no effort allowed) and the budget is one expansion:
    # a planar network goes on past the budget, but only for PLANAR_PATIENCE budgets of failures,
    # then draws the first candidate whatever it takes, as when every candidate gives up
    from transit_maps.layout import embedding_choice

    layer = load_map(MAPS / "city-metro.yaml").layers[0]  # planar, 46 stations
    g = graph_of(layer)
    monkeypatch.setattr(embedding_choice, "EFFORT_CAP", 1e-9)
    monkeypatch.setattr(embedding_choice, "ROUTING_BUDGET", 0)
    for name in ("ROUTING_FLOOR", "ROUTING_FLOOR_SMALL"):
        monkeypatch.setattr(embedding_choice, name, 1)
    calls: list[float] = []
    schematise = embedding_choice.schematise

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(float(kwargs.get("effort", float("inf"))))  # type: ignore[arg-type]
        return schematise(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(embedding_choice, "schematise", counted)
    drawn = {}
    for patience in (float("inf"), 4):
        monkeypatch.setattr(embedding_choice, "PLANAR_PATIENCE", patience)
        calls.clear()
        ranked = rank_candidates(layer, g, {}, set())
        assert len(ranked) == 1 and calls[-1] == float("inf")  # the first, at any cost
        assert ranked[0].option.source == 0 and ranked[0].option.bends == SHARP_BEND
        drawn[patience] = (len(calls) - 1, ranked[0].schematic)
    options = 2 * len(embeddings(layer, None, 8))
    assert drawn[float("inf")][0] == options  # without patience: every option gave up first
    assert 1 <= drawn[4][0] < options
    assert drawn[4][1] == drawn[float("inf")][1]  # the same drawing, sooner


def test_choice_is_repeatable() -> None:
    layer = make_layer(ROUTES)
    assert layout(layer, "m").to_json() == layout(layer, "m").to_json()


@pytest.fixture(scope="module")
def freiburg_topology() -> tuple[int, float]:
    the_map = load_map(CORPUS / "loom-freiburg-topology.yaml")
    layer = the_map.layers[0]
    m = measure(layout(layer, the_map.id), layer)
    assert m.edge_crossings == 0 and m.foreign_stations == 0
    return m.bends, m.edge_length_cv


def test_freiburg_from_topology_alone_bends_at_most_1_25_times_loom(
    freiburg_topology: tuple[int, float],
) -> None:
    # LOOM draws Freiburg (with geography) with 15 bends; the target from topology is 1.25x
    assert freiburg_topology[0] <= 18


def test_freiburg_from_topology_alone_spaces_evenly(freiburg_topology: tuple[int, float]) -> None:
    assert freiburg_topology[1] <= 0.25


def test_finish_score_counts_cv_only_above_even_enough() -> None:
    layer = make_layer(ROUTES)
    g = graph_of(layer)
    for r in rank_candidates(layer, g, {}, set()):
        s = r.schematic
        cv = length_cv(s)
        expected = 1000 * s.crossings + route_bends(layer, s) + 40 * max(0.0, cv - EVEN_ENOUGH)
        assert finish_score(layer, s) == pytest.approx(expected)
        assert finish_score(layer, s) <= objective(layer, s) + 1e-9
