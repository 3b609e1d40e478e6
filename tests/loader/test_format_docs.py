"""The format reference's whole-map examples load, and it documents every key."""

from __future__ import annotations

import re

import pytest

from tests.paths import REPO
from transit_maps import map_format
from transit_maps.loader import load_map_text

FORMAT = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", FORMAT, re.DOTALL)
WHOLE_MAPS = [b for b in BLOCKS if b.startswith(("# yaml-language-server", "title:"))]


def test_there_are_whole_map_examples() -> None:
    assert len(WHOLE_MAPS) >= 2


@pytest.mark.parametrize("block", WHOLE_MAPS)
def test_whole_map_examples_load(block: str) -> None:
    assert load_map_text(block, "example.yaml").layers


@pytest.mark.parametrize(
    "key",
    sorted(
        {
            *map_format.TOP_KEYS,
            *map_format.LAYER_KEYS,
            *map_format.LINE_KEYS,
            *map_format.ZONE_KEYS,
            *map_format.STATION_KEYS,
            *map_format.SOLUTION_KEYS,
        }
    ),
)
def test_every_key_has_a_table_row(key: str) -> None:
    assert f"| `{key}` |" in FORMAT
