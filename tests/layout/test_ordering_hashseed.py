"""Line ordering and label placement do not depend on the hash seed (set or dict order)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.paths import REPO

SCRIPT = """
import json
from dataclasses import replace
from tests.layout.handmade import make_layer, make_layout
from transit_maps.layout.labels import place_labels
from transit_maps.layout.ordering import order_lines

layer = make_layer({
    "red": [["w", "a", "b", "c", "ne"], ["b", "s"]],
    "blue": [["w", "a", "b", "c", "se"]],
    "green": [["n", "a", "b", "c", "e"]],
    "gold": [["w", "a", "b", "c", "e"]],
})
pos = {"w": (0, 96), "a": (48, 96), "b": (96, 96), "c": (144, 96), "n": (48, 48),
       "e": (192, 96), "ne": (192, 48), "se": (192, 144), "s": (96, 144)}
bare = make_layout(layer, pos)
edges = order_lines(layer, bare.edges)
stations = place_labels(layer, bare.stations, edges)
print(json.dumps(replace(bare, stations=stations, edges=edges).to_json(), sort_keys=True))
"""


def _run(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_same_output_under_different_hash_seeds() -> None:
    first = _run("1")
    assert '"lines"' in first
    assert _run("2") == first
    assert _run("12345") == first
