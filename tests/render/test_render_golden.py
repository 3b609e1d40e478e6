"""Golden SVGs for fixed, hand-written layouts (byte comparison).

To accept a deliberate change: `TM_UPDATE_GOLDEN=1 pytest tests/render`, then review the diff
and the rendered files before committing.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

import pytest

from tests.render.cases import CASES
from transit_maps.render import render_svg

from .paths import GOLDEN


@pytest.mark.parametrize("name", sorted(CASES))
def test_render_matches_golden(name: str) -> None:
    make, options = CASES[name]
    svg = render_svg(make(), options)
    path = GOLDEN / f"{name}.svg"
    if os.environ.get("TM_UPDATE_GOLDEN"):
        path.write_text(svg, encoding="utf-8")
    assert svg == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CASES))
def test_render_is_deterministic_and_well_formed(name: str) -> None:
    make, options = CASES[name]
    first = render_svg(make(), options)
    assert render_svg(make(), options) == first
    root = ET.fromstring(first)
    assert root.get("viewBox")
    assert root.get("aria-labelledby") == f"{root.get('id')}-title {root.get('id')}-desc"
