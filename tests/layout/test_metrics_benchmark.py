"""The layout benchmark's own parts: synthetic networks and metrics from the exported JSON."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from tests.layout.pipeline_cases import random_pipeline
from tests.paths import CORPUS, REPO
from transit_maps.layout import layout
from transit_maps.layout.metrics import measure
from transit_maps.loader import load_map


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_layout", REPO / "benchmarks" / "layout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("n", [60, 100, 250])
def test_synthetic_networks_have_exactly_n_stations_and_load(n: int, tmp_path: Path) -> None:
    bench = _benchmark()
    data = bench.synthetic_map(n, seed=n)
    assert data == bench.synthetic_map(n, seed=n)  # seeded: the same network every time
    path = tmp_path / f"synthetic-{n}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    layer = load_map(path).layers[0]
    assert len(layer.stations) == n
    assert layer.transfers  # walks meet: the network has transfer stations


def test_the_pipeline_series_loads_with_the_tests_station_graphs(tmp_path: Path) -> None:
    """Each seeded pipeline of the series is a valid map file with the same stations and
    station-to-station edges as the tests' layer (branches that meet their own line nowhere
    are lines of their own there)."""
    bench = _benchmark()
    split = 0
    for seed in bench.PIPELINE_SEEDS:
        path = tmp_path / f"pipeline-{seed}.yaml"
        path.write_text(yaml.safe_dump(bench.pipeline_map(seed), sort_keys=False))
        loaded = load_map(path).layers[0]
        layer = random_pipeline(seed)
        assert [s.id for s in loaded.stations] == [s.id for s in layer.stations]
        assert {(g.a, g.b) for g in loaded.segments} == {(g.a, g.b) for g in layer.segments}
        assert 15 <= len(loaded.stations) <= 60
        split += len(loaded.lines) > len(layer.lines)
    assert split  # some branches did need a line of their own


def test_metrics_from_the_exported_json_match_the_layout() -> None:
    bench = _benchmark()
    the_map = load_map(CORPUS / "nf-metro-variant-calling.yaml")
    layer = the_map.layers[0]
    result = layout(layer, the_map.id)
    exported = json.loads(json.dumps(result.to_json()))
    again = measure(bench.layout_from_json(exported, layer), layer).as_dict()
    direct = measure(result, layer).as_dict()
    assert again == direct
