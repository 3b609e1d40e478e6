"""Steps drawn against the flow (`layout.flow`), and the engine's preference for drawings that
read in the lines' order (`layout.FLOW_WEIGHT`)."""

from __future__ import annotations

from dataclasses import replace

import pytest

import transit_maps.layout as engine
from tests.layout.handmade import make_layer, make_layout
from tests.layout.pipeline_cases import random_pipeline
from tests.paths import MAPS
from transit_maps.layout import FLOW_WEIGHT, _read_cost, layout
from transit_maps.layout.embedding import graph_of
from transit_maps.layout.flow import backward_steps, counted_steps, main_direction, spur_segments
from transit_maps.layout.metrics import measure
from transit_maps.layout.octi import Schematic
from transit_maps.layout.pipeline import layered_schematic
from transit_maps.layout.pipeline_dense import dense_schematic
from transit_maps.loader import load_map

CHAIN = make_layer({"main": [["a", "b", "c", "d", "e"]]})
RIGHT = {s: (float(i), 0.0) for i, s in enumerate("abcde")}
# right, up, left, then down a little: a route that closes round on itself
LOOP = {"a": (0, 0), "b": (2, 0), "c": (2, -2), "d": (0, -2), "e": (0, -1)}


def test_a_chain_drawn_one_way_has_no_backward_step_whichever_way() -> None:
    assert backward_steps(CHAIN, RIGHT) == 0
    # flowing down the page, mirrored, or up: the main direction is chosen
    assert backward_steps(CHAIN, {s: (0.0, x) for s, (x, _) in RIGHT.items()}) == 0
    assert backward_steps(CHAIN, {s: (-x, 0.0) for s, (x, _) in RIGHT.items()}) == 0
    assert backward_steps(CHAIN, {s: (0.0, -x) for s, (x, _) in RIGHT.items()}) == 0
    # a step straight down (square to the flow) is not backwards
    assert backward_steps(CHAIN, {**RIGHT, "c": (2.0, 1.0), "d": (3.0, 1.0), "e": (4.0, 1.0)}) == 0


def test_the_main_direction_is_the_one_most_steps_advance_along() -> None:
    assert main_direction(CHAIN, RIGHT) == (1.0, 0.0)
    assert main_direction(CHAIN, {s: (-x, 0.0) for s, (x, _) in RIGHT.items()}) == (-1.0, 0.0)
    assert main_direction(CHAIN, {s: (0.0, -x) for s, (x, _) in RIGHT.items()}) == (0.0, -1.0)
    assert main_direction(CHAIN, _floats(LOOP)) == (1.0, 0.0)  # a tie: the first, right


def test_a_drawing_facing_left_or_up_is_mirrored_to_read_forwards() -> None:
    def drawn(at: dict[str, tuple[float, float]]) -> Schematic:
        paths = {(u, v): [at[u], at[v]] for u, v in zip("abcd", "bcde", strict=True)}
        return Schematic(positions=at, paths=paths, angles={"b": 45.0, "c": 90.0})

    facing_left = drawn({s: (-x, 0.0) for s, (x, _) in RIGHT.items()})
    read = engine._forwards(CHAIN, facing_left)
    assert read.positions == RIGHT and read.paths[("a", "b")] == [(0.0, 0.0), (1.0, 0.0)]
    assert all(str(x) != "-0.0" for x, _ in read.positions.values())  # no negative zero
    assert read.angles == {"b": 135.0, "c": 90.0}  # a marker's slant turns the other way
    facing_up = drawn({s: (0.0, -x) for s, (x, _) in RIGHT.items()})
    read = engine._forwards(CHAIN, facing_up)
    assert read.positions == {s: (0.0, x) for s, (x, _) in RIGHT.items()}
    assert read.angles == {"b": 135.0, "c": 90.0}
    # right and down already read forwards: kept as they are
    for kept in (drawn(dict(RIGHT)), drawn({s: (0.0, x) for s, (x, _) in RIGHT.items()})):
        assert engine._forwards(CHAIN, kept) is kept


def test_a_pipeline_whose_routed_drawing_faces_up_reads_down_the_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # seed 32 of the generator (routed, not layered): as routed, most of its steps go up
    layer = random_pipeline(32)
    laid = layout(layer, "p")
    assert main_direction(layer, {s.id: (s.x, s.y) for s in laid.stations}) == (0.0, 1.0)
    monkeypatch.setattr(engine, "_forwards", lambda _, schematic: schematic)
    as_routed = layout(layer, "p")
    assert main_direction(layer, {s.id: (s.x, s.y) for s in as_routed.stations}) == (0.0, -1.0)
    # the same drawing upside down: every figure is the same
    read, routed = measure(laid, layer), measure(as_routed, layer)
    assert replace(read, area_per_station=0.0) == replace(routed, area_per_station=0.0)


def test_a_route_that_turns_round_counts_its_steps_against_the_main_direction() -> None:
    # right, then down a row and back left: most steps advance to the right, two run back
    serpentine = {"a": (0, 0), "b": (1, 0), "c": (2, 0), "d": (1, 1), "e": (0, 1)}
    assert backward_steps(CHAIN, _floats(serpentine)) == 2
    # right, down a row, right again: the drop is square to the flow
    stepped = {"a": (0, 0), "b": (1, 0), "c": (2, 0), "d": (2, 1), "e": (3, 1)}
    assert backward_steps(CHAIN, _floats(stepped)) == 0
    # right, up, left, down: a loop; whichever way the page is read, one step runs back
    assert backward_steps(CHAIN, _floats(LOOP)) == 1


def test_a_feedback_line_may_run_back() -> None:
    # "ops" comes back from d to a through x and y: a feedback route, all of whose own steps
    # are free; "tune" runs b -> c -> b, back over the main line's track
    layer = make_layer(
        {"main": [["a", "b", "c", "d"]], "ops": [["d", "x", "y", "a"]], "tune": [["b", "c", "b"]]}
    )
    assert counted_steps(layer) == [("a", "b"), ("b", "c"), ("c", "d")]
    drawn = {"a": (0, 0), "b": (1, 0), "c": (2, 0), "d": (3, 0), "x": (2, 1), "y": (1, 1)}
    assert backward_steps(layer, _floats(drawn)) == 0
    # the main line's own steps still count, even where a feedback route shares them
    assert backward_steps(layer, _floats({**drawn, "c": (0.5, -1)})) == 1


def test_a_spur_may_point_any_way_but_a_whole_chain_is_no_spur() -> None:
    # a bypass b -> x -> d beside b -> c -> d, an input a, an output e, a side branch c -> y -> z
    layer = make_layer({"main": [["a", "b", "c", "d", "e"], ["b", "x", "d"], ["c", "y", "z"]]})
    spurs = {frozenset("ab"), frozenset("de"), frozenset("cy"), frozenset("yz")}
    assert spur_segments(layer, graph_of(layer)) == spurs
    core = {"b": (1, 0), "c": (2, 0), "d": (3, 0), "x": (2, 1)}
    # the input to the right of its first step, the side branch back to the left: still 0
    drawn = {**core, "a": (2, -1), "e": (4, 0), "y": (1, -1), "z": (0, -1)}
    assert backward_steps(layer, _floats(drawn)) == 0
    # but the bypass folded back (x behind b, then d ahead) is counted
    assert backward_steps(layer, _floats({**drawn, "x": (0, 1)})) == 1
    assert spur_segments(CHAIN, graph_of(CHAIN)) == set()


def test_the_metric_reads_the_exported_geometry() -> None:
    laid = make_layout(CHAIN, {s: (40.0 * x, 40.0) for s, (x, _) in RIGHT.items()})
    assert measure(laid, CHAIN).backward_steps == 0
    laid = make_layout(CHAIN, {s: (40.0 * x, 40.0 * y) for s, (x, y) in LOOP.items()})
    figures = measure(laid, CHAIN)
    assert figures.backward_steps == 1
    assert figures.as_dict()["backward_steps"] == 1


def test_steps_against_the_flow_cost_only_without_hints() -> None:
    folded = Schematic(positions=_floats(LOOP))
    assert _read_cost(CHAIN, folded, 10.0) == 10.0 + FLOW_WEIGHT
    # the cost is weighed only against a layered drawing, and with a hint there is none: the
    # routed drawing of the geography is kept whatever its backward steps
    assert layered_schematic(CHAIN, graph_of(CHAIN)) is not None
    hinted = replace(
        CHAIN, stations=(replace(CHAIN.stations[0], at=(0.0, 0.0)), *CHAIN.stations[1:])
    )
    assert layered_schematic(hinted, graph_of(hinted)) is None
    assert dense_schematic(hinted, graph_of(hinted)) is None


@pytest.mark.parametrize("seed", [14, 24])
def test_a_pipeline_the_routed_candidate_draws_as_a_loop_is_drawn_layered(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    layer = random_pipeline(seed)
    flowing = measure(layout(layer, "seeded"), layer)
    assert flowing.backward_steps == 0
    assert (flowing.edge_crossings, flowing.label_overlaps) == (0, 0)
    with monkeypatch.context() as patch:
        patch.setattr(engine, "FLOW_WEIGHT", 0.0)
        looped = measure(layout(layer, "seeded"), layer)
    # the routed drawing has fewer bends, and folds routes back
    assert looped.bends < flowing.bends
    assert looped.backward_steps > 0


def test_the_example_workflows_read_in_their_order() -> None:
    for name, layer_id in (("genomics-pipeline", "pipeline"), ("ml-system", "processes")):
        the_map = load_map(MAPS / f"{name}.yaml")
        layer = the_map.layer(layer_id)
        assert measure(layout(layer, the_map.id), layer).backward_steps == 0, name


def _floats(pos: dict[str, tuple[int, int]]) -> dict[str, tuple[float, float]]:
    return {s: (float(x), float(y)) for s, (x, y) in pos.items()}
