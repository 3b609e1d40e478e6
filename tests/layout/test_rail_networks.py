"""Rail networks are routed, not drawn in layers (`pipeline.is_rail_network`), and a
non-planar one is untangled too (`layout._with_untangled`).

A line between two stations of a seeded tunnel network makes it non-planar.
"""

from __future__ import annotations

import networkx as nx
import pytest

from tests.layout.engine_checks import make_layer
from tests.layout.pipeline_cases import random_pipeline
from tests.layout.rail_cases import tunnel_layer
from tests.paths import CORPUS
from transit_maps.layout import UNTANGLED, layout
from transit_maps.layout.embedding import embeddings, graph_of, untangled_embeddings
from transit_maps.layout.embedding_choice import candidate_count
from transit_maps.layout.metrics import measure
from transit_maps.layout.pipeline import RAIL_ROUTE, is_rail_network, layered_drawing
from transit_maps.layout.pipeline_dense import is_dense
from transit_maps.loader import load_map


def test_rail_networks_are_told_from_pipelines_by_their_routes() -> None:
    assert all(not is_rail_network(random_pipeline(seed)) for seed in range(0, 600, 7))
    for name in ("nf-metro-genomic-pipeline", "nf-metro-genomeassembly"):
        assert not is_rail_network(load_map(CORPUS / f"{name}.yaml").layers[0])
    for name in ("loom-freiburg-topology", "loom-wien"):
        assert is_rail_network(load_map(CORPUS / f"{name}.yaml").layers[0])
    assert is_rail_network(tunnel_layer(60, 3))
    # the threshold: routes of RAIL_ROUTE stations on average, routes of one station left out
    long = [f"s{i}" for i in range(RAIL_ROUTE)]
    assert is_rail_network(make_layer({"a": [long], "b": [["x"]]}))
    assert not is_rail_network(make_layer({"a": [long[:-1]]}))


def test_a_small_non_planar_rail_network_is_routed() -> None:
    # seeded, 58 stations; the shuttle closes a K3,3. Its layered drawing crossed 6 times with
    # 109 bends (length CV 1.34) and was kept without trying the routed candidates, as the
    # dense drawing of a pipeline is. Now the dense drawing competes with them, and loses
    layer = tunnel_layer(60, 5, ("schloss-sued", "hafentor"))
    g = graph_of(layer)
    assert not nx.check_planarity(g)[0]
    assert is_dense(layer, g)  # 58 stations: the dense drawing is still drawn
    assert layered_drawing(layer, g) is None
    m = measure(layout(layer, "shuttle"), layer)
    assert m.edge_crossings == 1  # not planar: at least 1
    assert m.bends <= 35  # 30
    assert m.edge_length_cv <= 0.5  # 0.43
    assert m.foreign_stations == 0
    assert m.label_overlaps == 0
    assert m.labels_placed == m.labels_expected


@pytest.mark.parametrize("seed", [0, 1])
def test_pipelines_are_still_drawn_in_layers(seed: int) -> None:
    layer = random_pipeline(seed)
    assert layered_drawing(layer, graph_of(layer)) is not None


def test_a_non_planar_network_is_untangled() -> None:
    # seeded, 82 stations; the shuttle closes a K3,3. Its routed candidates crossed 3 times
    # (40 bends); the untangled first embedding routes with one crossing (36 bends)
    layer = tunnel_layer(80, 4, ("wiesenstrasse", "kronenweg"))
    g = graph_of(layer)
    assert not nx.check_planarity(g)[0]
    found = embeddings(layer, None, candidate_count(layer))
    assert untangled_embeddings(layer, g, found[:UNTANGLED])
    drawn = layout(layer, "shuttle")
    m = measure(drawn, layer)
    assert m.edge_crossings == 1
    assert m.bends <= 38
    assert m.foreign_stations == 0
    assert m.label_overlaps == 0
    assert layout(layer, "shuttle").to_json() == drawn.to_json()
