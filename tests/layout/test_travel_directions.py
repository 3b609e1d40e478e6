"""Directions of travel (`embedding.travel_directions`): where a cycle runs back."""

from __future__ import annotations

from itertools import pairwise

import pytest

from tests.layout.handmade import make_layer
from transit_maps.layout.embedding import graph_of, travel_directions
from transit_maps.layout.flow import backward_steps
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


# A reference genome feeds training from outside; the feedback line returns from deployment to
# the input. The walk starts at the genome (the input has the feedback leading to it), so it met
# the loop at training and closed it with the main route's clean -> train: that step ran back,
# and the feedback line was drawn forward through the middle of the drawing.
RETRAINED = make_layer(
    {
        "main": [["input", "clean", "train", "evaluate", "deploy"]],
        "reference": [["genome", "train"]],
        "feedback": [["deploy", "retrain", "input"]],
    }
)


def test_a_feedback_line_runs_back_wherever_the_walk_meets_its_cycle() -> None:
    kept = travel_directions(RETRAINED, [s.id for s in RETRAINED.stations])
    assert ("retrain", "input") not in kept and ("input", "retrain") not in kept
    assert ("clean", "train") in kept
    assert ("deploy", "retrain") in kept


def test_the_main_route_of_a_retrained_pipeline_is_drawn_left_to_right() -> None:
    drawn = layered_schematic(RETRAINED, graph_of(RETRAINED))
    assert drawn is not None and drawn.crossings == 0
    x = {n: p[0] for n, p in drawn.positions.items()}
    route = ["input", "clean", "train", "evaluate", "deploy"]
    assert all(x[a] < x[b] for a, b in pairwise(route))
    # the feedback line runs back as a whole, under the work it returns to
    assert x["input"] < x["retrain"] < x["deploy"]
    assert backward_steps(RETRAINED, drawn.positions) == 0


# A recommender written with its feedback line between the training and the serving lines (as
# held-out round 8's was): the serving path's last step, rank -> app, jumps further back in the
# order of first visit than the feedback's labels -> train, so the order rule turns the serving
# path round. Listing the feedback line last gives the intended directions (docs/format.md).
RECOMMENDER = {
    "training": [["catalog", "features", "train", "evaluate", "registry"]],
    "feedback": [["app", "impressions", "labels", "train"]],
    "serving": [["request", "retrieve", "filter", "rank", "app"], ["registry", "rank"]],
}


@pytest.mark.xfail(
    strict=True,
    reason="the order rule reads a feedback line listed before the work it returns to as work",
)
def test_a_feedback_line_listed_before_the_work_runs_back() -> None:
    layer = make_layer(RECOMMENDER)
    kept = travel_directions(layer, [s.id for s in layer.stations])
    assert ("labels", "train") not in kept
    assert ("rank", "app") in kept


def test_a_feedback_line_listed_last_runs_back() -> None:
    written = {name: RECOMMENDER[name] for name in ("training", "serving", "feedback")}
    layer = make_layer(written)
    kept = travel_directions(layer, [s.id for s in layer.stations])
    assert ("labels", "train") not in kept
    assert ("rank", "app") in kept
