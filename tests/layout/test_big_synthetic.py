"""The benchmark's biggest synthetic network (250 stations, topology only, not planar).

Its lines are random walks on a city grid that may cross diagonally, so some crossings are due;
the walks' own grid drawing has 5 (computed by the generator's cells), and the layout must not
need more. Geometry checks are the independent ones of `engine_checks`.
"""

from __future__ import annotations

import importlib.util
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pytest
import yaml

from tests.layout.engine_checks import crossing_pairs, foreign_stations, is_octilinear, pieces
from tests.paths import REPO
from transit_maps.layout import layout
from transit_maps.layout.geometry import Layout
from transit_maps.loader import load_map
from transit_maps.model import Layer

# Edge crossings in the straight-line drawing of the walks on their grid (measured once).
GRID_DRAWING_CROSSINGS = 5


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Layer, Layout]:
    spec = importlib.util.spec_from_file_location("bench_layout", REPO / "benchmarks" / "layout.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = Path(tmp_path_factory.mktemp("synthetic")) / "synthetic-250.yaml"
    path.write_text(yaml.safe_dump(bench.synthetic_map(250, seed=250), sort_keys=False))
    the_map = load_map(path)
    layer = the_map.layers[0]
    return layer, layout(layer, the_map.id)


def test_the_network_is_not_planar(laid_out: tuple[Layer, Layout]) -> None:
    layer, _ = laid_out
    g = nx.Graph()
    for line in layer.lines:
        for route in line.routes:
            g.add_edges_from(pairwise(route))
    assert not nx.check_planarity(g)[0]


def test_no_more_crossings_than_the_walks_own_drawing(laid_out: tuple[Layer, Layout]) -> None:
    _, result = laid_out
    assert len(crossing_pairs(result)) <= GRID_DRAWING_CROSSINGS


def test_octilinear_and_no_foreign_stations(laid_out: tuple[Layer, Layout]) -> None:
    _, result = laid_out
    assert foreign_stations(result) == []
    for e in result.edges:
        assert all(is_octilinear(a, b) for a, b in pieces(e.path))
