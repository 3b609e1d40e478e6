"""Metrics on hand-made layouts whose figures are known."""

from __future__ import annotations

import math

import pytest

from tests.layout.handmade import make_layer, make_layout
from transit_maps.layout.geometry import Box, Label
from transit_maps.layout.metrics import Metrics, measure


def test_straight_octilinear_chain_scores_perfectly() -> None:
    layer = make_layer({"a": [["p", "q", "r", "s"]]})
    layout = make_layout(layer, {"p": (0, 0), "q": (48, 0), "r": (96, 48), "s": (96, 96)})
    m = measure(layout, layer)
    assert m.octilinear_share == 1.0
    assert m.edge_crossings == 0
    assert m.foreign_stations == 0
    # east, then south-east, then south: two changes of direction, both at stations
    assert m.bends == 2
    assert m.bends_per_line == (("a", 2),)
    assert m.labels_placed == 0 and m.labels_expected == 4
    lengths = [48, 48 * math.sqrt(2), 48]
    mean = sum(lengths) / 3
    cv = math.sqrt(sum((x - mean) ** 2 for x in lengths) / 3) / mean
    assert m.edge_length_cv == pytest.approx(cv)
    assert m.area_per_station == pytest.approx(400 * 300 / 4)


def test_non_octilinear_piece_lowers_the_share_by_its_length() -> None:
    layer = make_layer({"a": [["p", "q"]]})
    # 30 east, then a 3-4-5 piece of length 50 at ~53 degrees
    layout = make_layout(
        layer, {"p": (0, 0), "q": (60, 40)}, {("p", "q"): [(0, 0), (30, 0), (60, 40)]}
    )
    m = measure(layout, layer)
    assert m.octilinear_share == pytest.approx(30 / 80)
    assert m.bends == 1


def test_two_lines_crossing_count_once() -> None:
    layer = make_layer({"a": [["w", "e"]], "b": [["n", "s"]]})
    layout = make_layout(layer, {"w": (0, 50), "e": (100, 50), "n": (50, 0), "s": (50, 100)})
    assert measure(layout, layer).edge_crossings == 1


def test_edges_meeting_at_their_shared_station_do_not_cross() -> None:
    layer = make_layer({"a": [["w", "c", "e"]], "b": [["n", "c", "s"]]})
    pos = {"w": (0, 50), "c": (50, 50), "e": (100, 50), "n": (50, 0), "s": (50, 100)}
    assert measure(make_layout(layer, pos), layer).edge_crossings == 0


def test_crossing_at_a_bend_vertex_counts_once() -> None:
    layer = make_layer({"a": [["p", "q"]], "b": [["n", "s"]]})
    paths = {("p", "q"): [(0, 0), (50, 50), (100, 0)]}
    pos = {"p": (0, 0), "q": (100, 0), "n": (50, 100), "s": (50, -100)}
    m = measure(make_layout(layer, pos, paths), layer)
    assert m.edge_crossings == 1


def test_edges_leaving_a_shared_station_along_each_other_overlap() -> None:
    layer = make_layer({"a": [["c", "e"]], "b": [["c", "f"]]})
    pos = {"c": (0, 0), "e": (96, 0), "f": (96, 48)}
    paths = {("c", "f"): [(0, 0), (48, 0), (96, 48)]}
    assert measure(make_layout(layer, pos, paths), layer).edge_crossings == 1


def test_station_drawn_on_a_foreign_edge() -> None:
    layer = make_layer({"a": [["p", "q"]], "b": [["m", "n"]]})
    pos = {"p": (0, 0), "q": (96, 0), "m": (48, 0), "n": (48, 48)}
    m = measure(make_layout(layer, pos), layer)
    assert m.foreign_stations == 1
    # m's own edge ends at m, which lies on p-q: that is a touch, not a crossing at a shared station
    assert m.edge_crossings == 1


def test_a_foreign_edge_through_a_station_marker_counts_as_on_it() -> None:
    # a held-out Hamburg drawing ran the S-Bahn 2.8 units from Messehallen's centre, through its
    # marker; the old half-unit reach counted it clear
    layer = make_layer({"a": [["p", "q"]], "b": [["m", "n"]]})
    through = {"p": (0, 0), "q": (96, 0), "m": (48, 2.8), "n": (48, 48)}
    assert measure(make_layout(layer, through), layer).foreign_stations == 1
    clear = {"p": (0, 0), "q": (96, 0), "m": (48, 9), "n": (48, 48)}
    assert measure(make_layout(layer, clear), layer).foreign_stations == 0


def test_bends_follow_each_route_through_stations_and_branches() -> None:
    layer = make_layer({"a": [["p", "q", "r"], ["p", "q", "t"]], "b": [["p", "q"]]})
    pos = {"p": (0, 0), "q": (48, 0), "r": (96, 0), "t": (96, 48)}
    paths = {("q", "t"): [(48, 0), (48, 48), (96, 48)]}
    m = measure(make_layout(layer, pos, paths), layer)
    # main route straight; the branch turns south at q (a bend in the station), then east
    assert m.bends_per_line == (("a", 2), ("b", 0))
    assert m.bends == 2


def test_label_overlaps_by_kind() -> None:
    layer = make_layer({"a": [["p", "q"]]})
    pos = {"p": (0, 0), "q": (100, 0)}
    clear = {"p": Label(Box(-20, -40, 40, 16), ("P",)), "q": Label(Box(80, -40, 40, 16), ("Q",))}
    m = measure(make_layout(layer, pos, labels=clear), layer)
    assert (m.label_label_overlaps, m.label_station_overlaps, m.label_line_overlaps) == (0, 0, 0)
    assert m.labels_placed == 2

    # p's label reaches q's label; q's label sits on the track and on q's marker
    bad = {"p": Label(Box(-20, -40, 110, 16), ("P",)), "q": Label(Box(80, -30, 40, 32), ("Q",))}
    m = measure(make_layout(layer, pos, labels=bad), layer)
    assert m.label_label_overlaps == 1
    assert m.label_station_overlaps == 1
    assert m.label_line_overlaps == 1
    assert m.label_overlaps == 3


def test_label_just_clear_of_the_track_does_not_overlap() -> None:
    layer = make_layer({"a": [["p", "q"]], "b": [["p", "q"]]})
    pos = {"p": (0, 0), "q": (200, 0)}
    # two lines: the track is 14 wide, so 7 either side of the centre line
    labels = {"p": Label(Box(60, 7, 40, 16), ("P",)), "q": Label(Box(120, -23, 40, 16), ("Q",))}
    m = measure(make_layout(layer, pos, labels=labels), layer)
    assert m.label_line_overlaps == 0
    labels["p"] = Label(Box(60, 6, 40, 16), ("P",))
    assert measure(make_layout(layer, pos, labels=labels), layer).label_line_overlaps == 1


def test_as_dict_is_plain_and_rounded() -> None:
    layer = make_layer({"a": [["p", "q", "r"]]}, junctions=["q"])
    layout = make_layout(layer, {"p": (0, 0), "q": (48, 0), "r": (96, 0)})
    d = measure(layout, layer).as_dict()
    assert d["labels_expected"] == 2
    assert d["bends_per_line"] == {"a": 0}
    assert d["label_overlaps"] == 0
    assert isinstance(d["octilinear_share"], float)


def test_measure_runs_on_every_corpus_map() -> None:
    from tests.paths import CORPUS_MAPS
    from transit_maps.layout import layout as make
    from transit_maps.loader import load_map

    assert CORPUS_MAPS, "the shared corpus is missing"
    for path in CORPUS_MAPS:
        m = load_map(path)
        for layer in m.layers:
            figures = measure(make(layer, m.id), layer)
            assert figures.stations == len(layer.stations)
            assert figures.labels_expected == sum(1 for s in layer.stations if not s.junction)
            assert 0.0 <= figures.octilinear_share <= 1.0


def test_a_label_nearer_to_another_station_is_ambiguous() -> None:
    layer = make_layer({"a": [["p", "q"]]})
    pos = {"p": (0, 0), "q": (100, 0)}
    near_own = {"p": Label(Box(-20, -30, 40, 16), ("P",)), "q": Label(Box(80, -30, 40, 16), ("Q",))}
    assert measure(make_layout(layer, pos, labels=near_own), layer).ambiguous_labels == 0
    # p's name sits above q
    misleading = {
        "p": Label(Box(60, -30, 40, 16), ("P",)),
        "q": Label(Box(110, 10, 40, 16), ("Q",)),
    }
    assert measure(make_layout(layer, pos, labels=misleading), layer).ambiguous_labels == 1


def test_a_label_far_from_its_station_is_counted_even_when_none_is_nearer() -> None:
    from transit_maps.layout.metrics import FAR_LABEL, ambiguous_gaps

    layer = make_layer({"a": [["p", "q"]]})
    pos = {"p": (0, 0), "q": (400, 0)}
    radius = 6.0  # marker_radius of a one-line station
    # p's name 60 units below its marker's edge, q far off to the right: no one nearer
    far = {
        "p": Label(Box(-20, radius + 60, 40, 16), ("P",)),
        "q": Label(Box(400 + radius + FAR_LABEL - 1, -8, 40, 16), ("Q",)),
    }
    figures = measure(make_layout(layer, pos, labels=far), layer)
    assert (figures.far_labels, figures.ambiguous_labels) == (1, 0)
    assert figures.as_dict()["far_labels"] == 1
    # nearer another station: ambiguous too, with its gap to its own marker
    beside_q = {"p": Label(Box(330, -8, 40, 16), ("P",)), "q": far["q"]}
    laid = make_layout(layer, pos, labels=beside_q)
    assert measure(laid, layer).far_labels == 1
    assert ambiguous_gaps(laid) == [pytest.approx(330 - radius)]


def test_line_crossings_and_separations_in_bundles() -> None:
    from dataclasses import replace

    layer = make_layer({"a": [["p", "q", "r"]], "b": [["p", "q", "r"]], "c": [["p", "q", "s"]]})
    pos = {"p": (0, 0), "q": (48, 0), "r": (96, 0), "s": (96, 48)}
    base = make_layout(layer, pos)
    assert (measure(base, layer).line_crossings, measure(base, layer).line_separations) == (0, 0)

    def reorder(orders: dict[tuple[str, str], tuple[str, ...]]) -> Metrics:
        edges = tuple(
            replace(e, lines=orders.get((e.source, e.target), e.lines)) for e in base.edges
        )
        return measure(replace(base, edges=edges), layer)

    # a and b swap sides at q: one crossing on the same segment
    swapped = reorder({("p", "q"): ("a", "b", "c"), ("q", "r"): ("b", "a")})
    assert (swapped.line_crossings, swapped.line_separations) == (1, 0)
    # c (which turns right, to s) between a and b: it separates them and crosses b where it turns
    between = reorder({("p", "q"): ("a", "c", "b"), ("q", "r"): ("a", "b")})
    assert (between.line_crossings, between.line_separations) == (1, 1)
