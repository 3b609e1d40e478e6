"""Orders read off other planar embeddings when networkx's crosses
(`pipeline_embedding.uncrossed_start`, docs/layout-pipelines.md "Order")."""

from __future__ import annotations

from tests.layout.pipeline_cases import random_pipeline
from transit_maps.layout import layout
from transit_maps.layout.embedding import components, graph_of
from transit_maps.layout.metrics import measure
from transit_maps.layout.pipeline_embedding import planar_layers, rotation, uncrossed_start
from transit_maps.layout.pipeline_order import crossings, neighbours, ordered
from transit_maps.layout.pipeline_ranks import ranked

# Seed 181: a feedback line from the last step back to the fourth closes a face above the trunk;
# read off networkx's embedding, the QC arc of the sixth step runs inside it, and no sweep can
# move the whole chain out: every order crossed once.
SEED = 181


def test_an_order_that_crosses_is_read_off_another_embedding() -> None:
    layer = random_pipeline(SEED)
    g = graph_of(layer)
    (comp,) = components(layer, g)
    turn = rotation(g, comp)
    assert turn is not None
    rk = ranked(layer, comp, "0", True, False)
    left, right = neighbours(rk)
    starts = [planar_layers(rk, comp, right, turn, m) for m in (False, True)]
    assert crossings(ordered(rk, comp, starts)[0], right) > 0
    other = uncrossed_start(rk, comp, g, left, right)
    assert other is not None
    assert uncrossed_start(rk, comp, g, left, right) == other  # seeded: the same every run
    assert crossings(ordered(rk, comp, [*starts, other])[0], right) == 0


def test_the_pipeline_is_drawn_without_crossing() -> None:
    layer = random_pipeline(SEED)
    m = measure(layout(layer, "m"), layer)
    assert m.edge_crossings == 0
    assert m.backward_steps == 0
