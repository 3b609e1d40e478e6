"""Directions of travel (`embedding.travel_directions`): where a cycle runs back."""

from __future__ import annotations

from itertools import pairwise

from tests.layout.handmade import make_layer
from transit_maps.layout.embedding import graph_of, travel_directions
from transit_maps.layout.pipeline import layered_schematic

# A release process: the review line reaches production through a sign-off before the
# deployment line has staged anything; production can roll back to staging. The station order
# (review first) made the walk meet the loop at production, and the deployment's main route
# canary -> production ran back instead of the rollback.
RELEASE = make_layer(
    {
        "review": [["registry", "sign-off", "production"]],
        "deploy": [
            ["registry", "build", "staging", "canary", "production", "monitoring"],
            ["production", "rollback", "staging"],
        ],
    }
)


def test_a_branch_that_loops_back_along_its_line_runs_back() -> None:
    kept = travel_directions(RELEASE, [s.id for s in RELEASE.stations])
    assert ("canary", "production") in kept
    assert ("production", "rollback") in kept
    assert ("rollback", "staging") not in kept and ("staging", "rollback") not in kept


def test_the_main_route_of_a_release_with_a_rollback_is_drawn_left_to_right() -> None:
    # in layers: before, production stood in the build's column, left of staging and canary
    drawn = layered_schematic(RELEASE, graph_of(RELEASE))
    assert drawn is not None and drawn.crossings == 0
    x = {n: p[0] for n, p in drawn.positions.items()}
    route = ["registry", "build", "staging", "canary", "production", "monitoring"]
    assert all(x[a] < x[b] for a, b in pairwise(route))
    assert x["production"] < x["rollback"]


def test_a_feedback_line_still_runs_back_where_it_closes_the_cycle() -> None:
    layer = make_layer(
        {"main": [["data", "train", "evaluate", "deploy"]], "retrain": [["deploy", "data"]]}
    )
    kept = travel_directions(layer, [s.id for s in layer.stations])
    assert ("deploy", "data") not in kept
    assert ("evaluate", "deploy") in kept
