"""The seeded rail networks of `benchmarks/rail_network.py`, for tests."""

from __future__ import annotations

import functools
import importlib.util
from types import ModuleType

import yaml

from tests.paths import REPO
from transit_maps.loader import load_map_text
from transit_maps.model import Layer


@functools.cache
def rail_network() -> ModuleType:
    """The generator module (benchmarks/ is not a package), loaded once."""
    path = REPO / "benchmarks" / "rail_network.py"
    spec = importlib.util.spec_from_file_location("bench_rail_network", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tunnel_layer(size: int, seed: int, shuttle: tuple[str, str] | None = None) -> Layer:
    """A topology-only network whose lines tunnel under each other where 15 % of the track
    crossings have no station (`rail_map(..., tunnels=0.15)`), as a layer; with `shuttle`, one
    more line, between those two stations."""
    data = rail_network().rail_map(size, seed=seed, hints=False, tunnels=0.15)
    if shuttle is not None:
        lines = data["layers"]["network"]["lines"]
        lines["x9"] = {"title": "X9", "color": "#444444", "stations": list(shuttle)}
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return load_map_text(text, "tunnels.yaml").layers[0]
