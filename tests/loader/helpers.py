"""Small maps and a way to see a loader's problems as the CLI prints them."""

from __future__ import annotations

import textwrap

from transit_maps.errors import MapErrors
from transit_maps.loader import load_map_text
from transit_maps.model import Map

VALID = """\
title: Small
layers:
  systems:
    lines:
      data:
        color: "#e4002b"
        stations: [sources, ingest, store]
      model:
        color: teal
        stations: [store, training, serving]
    zones:
      prod: {title: Production}
    stations:
      store:
        zone: prod
        related: [processes/review]
  processes:
    lines:
      flow:
        stations: [plan, review, ship]
solutions:
  tool:
    covers: [systems/store]
    partial: [systems/training]
    adds: [A thing]
"""


def load(text: str, path: str = "m.yaml") -> Map:
    """Load dedented YAML text as a map file at `path`."""
    return load_map_text(textwrap.dedent(text), path)


def problems(text: str, path: str = "m.yaml") -> list[str]:
    """Every problem the loader finds in dedented YAML text, as the CLI prints them."""
    try:
        load(text, path)
    except MapErrors as exc:
        return [str(e) for e in exc.errors]
    return []


def one_problem(text: str, path: str = "m.yaml") -> str:
    """The single problem in `text` (fails the test when there are none or several)."""
    found = problems(text, path)
    assert len(found) == 1, found
    return found[0]
