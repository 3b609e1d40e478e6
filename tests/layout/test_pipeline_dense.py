"""The layered drawing that accepts crossings, for dense non-planar pipelines (layout-dense.md).

Fixtures are generated here: a step fanning out to n profilers, a database line into every
profiler, every profiler reporting to a collector and to one output (K(3,n)-like cores).
"""

from __future__ import annotations

import networkx as nx
import pytest

from tests.layout.engine_checks import make_layer
from tests.layout.pipeline_cases import random_pipeline
from tests.layout.test_pipeline_layered import check_geometry
from transit_maps.layout import layout
from transit_maps.layout.embedding import graph_of
from transit_maps.layout.metrics import measure
from transit_maps.layout.octi import objective
from transit_maps.layout.pipeline_dense import dense_schematic, is_dense, stretched
from transit_maps.layout.pipeline_order import crossings, neighbours, ordered
from transit_maps.layout.pipeline_ranks import ranked
from transit_maps.model import Layer


def profilers(n: int, report: bool = True) -> Layer:
    """input -> qc -> merge -> n profilers -> output; a db line into every profiler; with
    `report`, every profiler (and qc) also reports to a collector that feeds the output."""
    tools = [f"p{i}" for i in range(n)]
    routes: dict[str, list[list[str]]] = {"qc": [["input", "qc", "merge"]]}
    for t in tools:
        routes[t] = [["merge", t, "output"]]
    routes["db"] = [["dbs", tools[0]], *[["dbs", t] for t in tools[1:]]]
    if report:
        routes["report"] = [["qc", "multiqc", "output"], *[[t, "multiqc"] for t in tools]]
    return make_layer(routes)


def test_only_non_planar_layers_are_dense() -> None:
    assert is_dense(profilers(5), graph_of(profilers(5)))
    assert not is_dense(profilers(2, report=False), graph_of(profilers(2, report=False)))
    for seed in range(5):  # the generated pipelines are planar: never drawn here
        layer = random_pipeline(seed)
        assert dense_schematic(layer, graph_of(layer)) is None


@pytest.mark.parametrize("n", [3, 5, 7])
def test_dense_drawing_is_valid_and_counts_crossings_as_metrics(n: int) -> None:
    layer = profilers(n)
    g = graph_of(layer)
    assert not nx.check_planarity(g)[0]
    schematic = dense_schematic(layer, g)
    assert schematic is not None
    # octilinear, no foreign station, no overlapping pieces, crossings counted as metrics does
    check_geometry(layer, schematic)


def test_stretching_a_source_removes_crossings() -> None:
    """dbs and merge in one column before n profilers: K(2,n) crosses n(n-1)/2 times; with dbs
    a column further out the order can put merge in the middle of dbs's waypoints."""
    layer = profilers(7, report=False)
    comp = [s.id for s in layer.stations]
    rk = ranked(layer, comp, "0", False, False)
    before = crossings(ordered(rk, comp)[0], neighbours(rk)[1])
    rk2 = stretched(rk, comp)
    after = crossings(ordered(rk2, comp)[0], neighbours(rk2)[1])
    assert after < before
    assert rk2.rank["dbs"] < rk.rank["dbs"] or rk2.rank["merge"] > rk.rank["merge"]


def test_dense_drawing_is_kept_when_it_scores_better_and_bounds_the_rest() -> None:
    layer = profilers(7)
    g = graph_of(layer)
    schematic = dense_schematic(layer, g)
    assert schematic is not None
    laid = layout(layer, "net")
    figures = measure(laid, layer)
    assert figures.octilinear_share == 1.0
    assert figures.foreign_stations == 0
    # what layout() keeps is at least as good as the dense drawing (same crossings count)
    assert figures.edge_crossings <= schematic.crossings
    assert objective(layer, schematic) < 1000 * (schematic.crossings + 1)


@pytest.mark.parametrize("n", [5, 7])
def test_a_dense_layer_is_not_routed_as_the_routed_candidates_never_beat_it(
    n: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the dense drawing's score as their bound, the routed candidates all give up (as on
    every dense layer measured: docs/layout-dense.md), so `layout` does not route them."""
    import transit_maps.layout as engine
    from transit_maps.layout.embedding_choice import rank_candidates

    layer = profilers(n)
    g = graph_of(layer)
    drawn = dense_schematic(layer, g)
    assert drawn is not None
    assert rank_candidates(layer, g, {}, (), objective(layer, drawn)) == []

    def routed(*args: object, **kwargs: object) -> None:
        raise AssertionError("routed")

    monkeypatch.setattr(engine, "rank_candidates", routed)
    laid = engine.layout(layer, "net")
    assert measure(laid, layer).edge_crossings <= drawn.crossings


def test_a_bound_keeps_only_a_better_dense_drawing() -> None:
    """Bounded by the score of a drawing the caller has, the dense drawing is returned only when
    it scores lower; a bound below every drawing's crossings returns None (without rescues)."""
    layer = profilers(7)
    g = graph_of(layer)
    free = dense_schematic(layer, g)
    assert free is not None
    score = objective(layer, free)
    bounded = dense_schematic(layer, g, score + 1.0)
    assert bounded is not None and objective(layer, bounded) <= score
    assert dense_schematic(layer, g, 999.0) is None  # no drawing of it crosses less than once


def test_deterministic() -> None:
    a = dense_schematic(profilers(5), graph_of(profilers(5)))
    b = dense_schematic(profilers(5), graph_of(profilers(5)))
    assert a is not None and b is not None
    assert a.positions == b.positions and a.paths == b.paths


def test_a_layer_no_variant_draws_is_rescued_by_longer_searches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A core with nine tools and a port bar each side: every variant ran out of A* expansions
    on some arc and the layer fell to the routed candidates (49 crossings, against 21)."""
    import transit_maps.layout.pipeline_dense as dense
    import transit_maps.layout.pipeline_dense_routes as routes
    from tests.layout.test_pipeline_order_polish import dense_core

    layer = dense_core(2)
    g = graph_of(layer)
    drawn = dense_schematic(layer, g)
    assert drawn is not None
    check_geometry(layer, drawn)
    assert measure(layout(layer, "net"), layer).edge_crossings < 30
    comp = [s.id for s in layer.stations]
    monkeypatch.setattr(routes, "RESCUE_EXPANSIONS", routes.DENSE_EXPANSIONS)
    assert dense._dense(layer, g, comp, False) is None
    # no fan here is fed through a side part: the fallback that moves them has nothing to draw
    # again (it does not redo the same ranking with its larger rescue)
    assert dense_schematic(layer, g) is None
    monkeypatch.undo()
    monkeypatch.setattr(dense, "RESCUE_BUDGET", 0)  # the rescue is budgeted too
    assert dense._dense(layer, g, comp, False) is None


def unpacked_database(n: int) -> Layer:
    """Reads trimmed and merged into n tools that each report to a summary; a database,
    unpacked, feeds every tool too (the unpacking is fed only by the database)."""
    routes = {
        "reads": [
            ["input", "trim", "merged", "t0", "r0", "summary", "report"],
            *[["merged", f"t{i}", f"r{i}", "summary"] for i in range(1, n)],
        ],
        "db": [["db", "unpack", "t0"], *[["unpack", f"t{i}"] for i in range(1, n)]],
        "qc": [["input", "qc", "report"], ["trim", "report"]],
    }
    return make_layer(routes)


def test_a_fan_moves_out_with_the_part_that_feeds_it() -> None:
    """With side parts, `unpack` (fanning out to every tool, fed only by `db`) moves a column
    out together with `db`; without, only sources and sinks move. `merged`, fed through the
    rest of the pipeline, never moves with its side."""
    layer = unpacked_database(8)
    comp = [s.id for s in layer.stations]
    rk = ranked(layer, comp, "0", False, False)
    plain = stretched(rk, comp)
    moved = stretched(rk, comp, hanging=True)
    assert plain.rank["unpack"] - plain.rank["db"] == moved.rank["unpack"] - moved.rank["db"]
    # unpack stands further from the tools it feeds; merged, which they also read, does not
    assert moved.rank["t0"] - moved.rank["unpack"] > plain.rank["t0"] - plain.rank["unpack"]
    assert moved.rank["t0"] - moved.rank["merged"] == plain.rank["t0"] - plain.rank["merged"]


def test_a_side_part_is_small_and_meets_the_rest_at_the_fan_alone() -> None:
    """`_hanging`: the stations behind a fan that reach the rest only through it, when there
    are at most HANGING_UP_TO of them (counting every station it starts from)."""
    from transit_maps.layout.pipeline_dense import HANGING_UP_TO, _hanging

    layer = unpacked_database(8)
    comp = [s.id for s in layer.stations]
    rk = ranked(layer, comp, "0", False, False)
    assert _hanging(rk, "unpack", ["db"]) == ["db"]
    assert _hanging(rk, "merged", ["trim"]) is None  # trim reaches the rest past merged
    many = make_layer(
        {
            "db": [[f"d{i}", "hub", f"t{i}"] for i in range(HANGING_UP_TO + 1)],
            "out": [[f"t{i}", "sink"] for i in range(HANGING_UP_TO + 1)],
        }
    )
    ids = [s.id for s in many.stations]
    sources = [f"d{i}" for i in range(HANGING_UP_TO + 1)]
    assert _hanging(ranked(many, ids, "0", False, False), "hub", sources) is None


def test_a_layer_drawn_only_with_its_fans_moved_out_is_drawn_so() -> None:
    """Eight tools fed by the merged reads and by an unpacked database (K(3,8) with the
    summary): no variant of the usual ranking can be drawn, even rescued; with the unpacking
    moved out with its database, the layer is drawn in layers (not left to the routed
    candidates), with fewer crossings than K(2,8) between adjacent columns (28)."""
    from transit_maps.layout.pipeline_dense import _dense

    layer = unpacked_database(8)
    g = graph_of(layer)
    comp = [s.id for s in layer.stations]
    assert _dense(layer, g, comp, False) is None
    drawn = dense_schematic(layer, g)
    assert drawn is not None
    check_geometry(layer, drawn)
    assert drawn.crossings < 28
