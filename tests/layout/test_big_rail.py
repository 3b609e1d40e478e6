"""Big rail networks (150-220 stations) from the benchmark's seeded generator, hinted and not.

The generator's networks are planar by construction (checked here with networkx), so every
layout must be free of crossings; the geometry checks are the independent ones of
`engine_checks`, not `layout.metrics`. The layout runs once per map (module-scoped cache): these
are the slowest layouts of the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pytest
import yaml

from tests.layout.engine_checks import crossing_pairs, foreign_stations, is_octilinear, pieces
from tests.layout.rail_cases import rail_network
from transit_maps.layout import layout
from transit_maps.layout.geometry import Layout
from transit_maps.layout.metrics import measure
from transit_maps.loader import load_map
from transit_maps.model import Layer

SIZES = (150, 220)
MAPS = [
    pytest.param(n, hints, id=f"rail-{n}{'' if hints else '-topology'}")
    for n in SIZES
    for hints in (True, False)
]


@cache
def _laid_out(n: int, hints: bool, folder: str) -> tuple[Layer, Layout]:
    path = Path(folder) / f"rail-{n}{'' if hints else '-topology'}.yaml"
    data = rail_network().rail_map(n, seed=n, hints=hints)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    the_map = load_map(path)
    layer = the_map.layers[0]
    return layer, layout(layer, the_map.id)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("rail"))


@pytest.mark.parametrize("n", SIZES)
def test_generated_networks_are_planar_seeded_and_about_n_stations(n: int) -> None:
    gen = rail_network()
    hinted = gen.rail_map(n, seed=n, hints=True)
    assert hinted == gen.rail_map(n, seed=n, hints=True)
    bare = gen.rail_map(n, seed=n, hints=False)
    layer = hinted["layers"]["network"]
    assert abs(len(layer["stations"]) - n) <= 0.04 * n
    assert all("at" in s for s in layer["stations"].values())
    assert all("at" not in s for s in bare["layers"]["network"]["stations"].values())
    assert bare["layers"]["network"]["lines"] == layer["lines"]
    g = nx.Graph()
    for line in layer["lines"].values():
        g.add_edges_from(pairwise(line["stations"]))
    assert nx.check_planarity(g)[0]
    assert nx.is_connected(g)
    ring = layer["lines"]["ring"]["stations"]
    assert ring[0] == ring[-1]  # a ring line, closed on its first station
    shared = [s for s in g if sum(s in li["stations"] for li in layer["lines"].values()) > 1]
    assert len(shared) > len(layer["lines"])  # transfers and shared trunks


@pytest.mark.parametrize(("n", "hints"), MAPS)
def test_no_crossings_no_foreign_stations_octilinear(n: int, hints: bool, folder: str) -> None:
    _, result = _laid_out(n, hints, folder)
    assert crossing_pairs(result) == []
    assert foreign_stations(result) == []
    for e in result.edges:
        assert all(is_octilinear(a, b) for a, b in pieces(e.path))


# Where the edge-length CV target (<= 0.25) is still missed: the measured figure (2026-11-28).
UNEVEN: dict[tuple[int, bool], str] = {}


@pytest.mark.parametrize(
    ("n", "hints"),
    [
        pytest.param(
            *p.values,
            id=p.id,
            marks=[pytest.mark.xfail(strict=True, reason=UNEVEN[p.values])]
            if p.values in UNEVEN
            else [],
        )
        for p in MAPS
    ],
)
def test_even_spacing_and_every_label_placed(n: int, hints: bool, folder: str) -> None:
    layer, result = _laid_out(n, hints, folder)
    m = measure(result, layer)
    assert m.labels_placed == m.labels_expected
    assert m.label_overlaps == 0
    assert m.edge_length_cv <= 0.25


def test_same_output_under_any_hash_seed(folder: str) -> None:
    path = Path(folder) / "rail-150-topology.yaml"
    data = rail_network().rail_map(150, seed=150, hints=False)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    run = "import sys; from transit_maps.cli import main; sys.exit(main(sys.argv[1:]))"
    outputs = set()
    for seed in ("1", "7"):
        done = subprocess.run(
            [sys.executable, "-c", run, "layout", str(path), "--json"],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
