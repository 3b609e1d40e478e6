"""The routed drawing is checked against its geometry before it is kept.

The router counts crossings at grid nodes; stubs along a port-area bar could run over a
neighbour or another path without being counted (found on a real 22-station pipeline, where a
routed candidate with 0 counted crossings had 17 geometric crossings and 5 stations on
foreign edges). `layout._checked` keeps such a drawing only when nothing better was drawn; the
layered drawing is weighed by its geometry too (`layout.checked_objective`), and so is a
compaction before it is kept (`layout._compacted`).
"""

from __future__ import annotations

import networkx as nx

from tests.layout.handmade import make_layer
from tests.layout.pipeline_cases import random_pipeline
from transit_maps.layout import _checked, _compacted, checked_objective, layout
from transit_maps.layout.compact import compact
from transit_maps.layout.embedding import graph_of
from transit_maps.layout.metrics import drawing_faults, measure
from transit_maps.layout.octi import CROSSING_WEIGHT, Schematic, objective
from transit_maps.layout.pipeline import layered_schematic

# two lines: a-b-c across, d-e-f down through the middle of b-c
LAYER = make_layer({"across": [["a", "b", "c"]], "down": [["d", "e", "f"]]})
AT = {"a": (0.0, 0.0), "b": (1.0, 0.0), "c": (3.0, 0.0)}


def _drawing(down_x: float) -> Schematic:
    at = dict(AT)
    at.update({"d": (down_x, -2.0), "e": (down_x, -1.0), "f": (down_x, 1.0)})
    paths: dict[tuple[str, str], list[tuple[float, float]]] = {
        ("a", "b"): [at["a"], at["b"]],
        ("b", "c"): [at["b"], at["c"]],
        ("d", "e"): [at["d"], at["e"]],
        ("e", "f"): [at["e"], at["f"]],
    }
    return Schematic(positions=at, paths=paths)


def test_faults_are_crossings_and_stations_on_foreign_edges() -> None:
    crossing = _drawing(2.0)  # e-f crosses b-c at (2, 0)
    assert drawing_faults(crossing.positions, crossing.paths) == 1
    beside = _drawing(4.0)  # the down line passes beyond c: nothing meets
    assert drawing_faults(beside.positions, beside.paths) == 0
    on_track = _drawing(2.0)
    on_track.positions["e"] = (2.0, 0.0)  # e sits on b-c, which does not stop there
    on_track.paths[("d", "e")] = [(2.0, -2.0), (2.0, 0.0)]
    on_track.paths[("e", "f")] = [(2.0, 0.0), (2.0, 1.0)]
    # as the metrics count it: d-e and e-f each meet b-c (2), and e is a foreign station (1)
    assert drawing_faults(on_track.positions, on_track.paths) == 3


def test_checked_objective_adds_what_the_router_missed() -> None:
    clean, crossing = _drawing(4.0), _drawing(2.0)
    assert checked_objective(LAYER, clean) == objective(LAYER, clean)
    assert checked_objective(LAYER, crossing) == objective(LAYER, crossing) + CROSSING_WEIGHT
    crossing.crossings = 1  # counted by the router already: not counted twice
    assert checked_objective(LAYER, crossing) == objective(LAYER, crossing)


def test_a_drawing_with_uncounted_crossings_gives_way() -> None:
    crossing, clean = _drawing(2.0), _drawing(4.0)
    assert _checked(LAYER, crossing, [crossing, clean]) is clean
    # a clean choice stands, even when another candidate scores better
    assert _checked(LAYER, clean, [crossing]) is clean
    # with nothing better drawn, the faulty drawing is still a drawing
    assert _checked(LAYER, crossing, [crossing]) is crossing


def test_a_compaction_that_crosses_is_not_kept() -> None:
    # seeded 55-station planar pipeline, a fan-out of 18 alternatives and a port-area bar at
    # the step after them: compacting its layered drawing made the stubs along that bar cross
    # 4 times, which the router's count does not see, and that drawing was kept (4 crossings)
    layer = random_pipeline(540)
    g = graph_of(layer)
    assert nx.check_planarity(g)[0]
    flow = layered_schematic(layer, g)
    assert flow is not None
    assert drawing_faults(flow.positions, flow.paths) == 0
    squeezed = compact(layer, flow)
    assert drawing_faults(squeezed.positions, squeezed.paths) > squeezed.crossings
    assert objective(layer, squeezed) < objective(layer, flow)  # what chose it before
    assert _compacted(layer, flow) is flow
    m = measure(layout(layer, "p540"), layer)
    assert m.edge_crossings == 0
    assert m.foreign_stations == 0
