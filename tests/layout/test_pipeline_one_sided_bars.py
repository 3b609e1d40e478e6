"""Port areas for stations with more arcs to one side than a point has ports that way
(`markers.has_port_area`, docs/layout-pipelines.md "Port areas")."""

from __future__ import annotations

from dataclasses import replace

from tests.layout.handmade import make_layer, make_layout
from tests.layout.pipeline_cases import random_pipeline
from transit_maps.layout import layout, pipeline
from transit_maps.layout.embedding import components, graph_of
from transit_maps.layout.markers import SIDE_PORTS, has_port_area, port_bars
from transit_maps.layout.metrics import measure

# A step that fans out to six alternatives that meet again, and reports to QC: eight
# neighbours, seven of them to the right. A point has five ports that lead right (three that
# way, and up or down first), so drawn as a point two of its arcs had to go round it.
FAN_OF_SEVEN = make_layer(
    {
        "a": [["in", "s", "x0", "j", "out"], *[["s", f"x{i}", "j"] for i in range(1, 6)]],
        "qc": [["s", "q", "report"]],
    }
)


def test_a_station_is_a_port_area_with_more_neighbours_to_one_side_than_side_ports() -> None:
    left = [(-1.0, 0.0)]
    assert not has_port_area((0.0, 0.0), left + [(1.0, float(y)) for y in range(SIDE_PORTS)])
    assert has_port_area((0.0, 0.0), left + [(1.0, float(y)) for y in range(SIDE_PORTS + 1)])
    assert has_port_area((0.0, 0.0), [(-1.0, float(y)) for y in range(SIDE_PORTS + 1)])
    # eight neighbours, four each way: every port takes one
    eight = [(x, float(y)) for x in (-1.0, 1.0) for y in range(4)]
    assert not has_port_area((0.0, 0.0), eight)
    assert has_port_area((0.0, 0.0), [*eight, (0.0, 1.0)])


def test_a_fan_of_seven_is_drawn_from_a_bar_left_to_right() -> None:
    laid = layout(FAN_OF_SEVEN, "m")
    m = measure(laid, FAN_OF_SEVEN)
    assert sorted(port_bars(laid)) == ["j", "s"]
    assert m.edge_crossings == 0
    assert m.marker_overlaps == 0
    assert m.backward_steps == 0
    at = {s.id: (s.x, s.y) for s in laid.stations}
    # the alternatives stand in one column, the report beside the join
    assert len({at[f"x{i}"][0] for i in range(6)} | {at["q"][0]}) == 1
    assert at["report"][0] == at["j"][0]
    # each alternative's arcs leave the bars level with it: their last piece is horizontal
    for edge in laid.edges:
        alternative = edge.target if edge.target.startswith("x") else edge.source
        if alternative.startswith("x"):
            near = edge.path[-2:] if edge.target == alternative else edge.path[:2]
            assert near[0][1] == near[1][1] == at[alternative][1]


def test_a_bar_that_pushes_its_column_apart_is_drawn_as_a_point_when_that_crosses_less() -> None:
    # seed 118: with its one-sided port area (s4, fanning out to six) every drawing crossed once;
    # drawn as a point, the pull-weighted second order has no crossing
    layer = random_pipeline(118)
    g = graph_of(layer)
    (comp,) = components(layer, g)
    part = pipeline._best_placement(layer, g, comp, "0", pipeline.Budget())
    assert part is not None
    assert not part.sides
    assert measure(layout(layer, "m"), layer).edge_crossings == 0


def test_one_sided_port_areas_untangle_a_seeded_pipeline() -> None:
    # seed 211: a step fanning out to six alternatives and QC in the column of another fan's
    # alternatives; as a point it crossed twice
    layer = random_pipeline(211)
    laid = layout(layer, "m")
    assert measure(laid, layer).edge_crossings == 0
    assert "s6" in port_bars(laid)


def _one_sided(n1_up: bool) -> dict[str, object]:
    """The port bars of a station with six neighbours east and one west, its marker vertical.

    Each eastern edge leaves it its own way (north, north-east, east, south-east, south, and
    south-west round the back), as a routed drawing gives them; with `n1_up` the second edge
    leaves north too, along the first one, as a bar's stubs do."""
    layer = make_layer(
        {"a": [["in", "s", "n2"]], **{f"n{i}": [["s", f"n{i}"]] for i in (0, 1, 3, 4, 5)}}
    )
    pos = {"in": (-96.0, 0.0), "s": (0.0, 0.0)}
    pos |= {f"n{i}": (96.0, 24.0 * (i - 2)) for i in range(6)}
    paths = {
        ("s", "n0"): [(0.0, 0.0), (0.0, -48.0), (96.0, -48.0)],
        ("s", "n1"): [(0.0, 0.0), (0.0, -24.0), (96.0, -24.0)]
        if n1_up
        else [(0.0, 0.0), (24.0, -24.0), (96.0, -24.0)],
        ("s", "n3"): [(0.0, 0.0), (24.0, 24.0), (96.0, 24.0)],
        ("s", "n4"): [(0.0, 0.0), (0.0, 48.0), (96.0, 48.0)],
        ("s", "n5"): [(0.0, 0.0), (-24.0, 24.0), (-24.0, 72.0), (96.0, 72.0)],
    }
    laid = make_layout(layer, pos, paths)
    stations = tuple(replace(s, angle=90.0) if s.id == "s" else s for s in laid.stations)
    return dict(port_bars(replace(laid, stations=stations)))


def test_a_one_sided_station_whose_edges_leave_it_apart_gets_no_bar() -> None:
    # a pill from the north edge's bend to the south edge's would cover two lines' corners
    assert _one_sided(n1_up=False) == {}
    assert list(_one_sided(n1_up=True)) == ["s"]
