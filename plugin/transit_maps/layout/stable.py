"""Stability: pins from a previous layout, so an edited map keeps its stations in place.

A previous layout (a `Layout` or its parsed JSON) gives every station that still exists a pin in
grid units; the embedding anchors pinned stations strongly (`embedding.PIN_WEIGHT`) and
schematisation settles them on the grid node nearest the pin when it is free. New stations find
room between.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from .dimensions import GRID
from .geometry import Layout
from .octi import STEP

Vec = tuple[float, float]


def previous_positions(previous: Layout | Mapping[str, Any]) -> dict[str, Vec]:
    """Station id -> (x, y) in user units, from a Layout or the `layout --json` export."""
    if isinstance(previous, Layout):
        return {s.id: (s.x, s.y) for s in previous.stations}
    out: dict[str, Vec] = {}
    for s in previous.get("stations", []):
        out[str(s["id"])] = (float(s["x"]), float(s["y"]))
    return out


def pins(previous: Layout | Mapping[str, Any]) -> dict[str, Vec]:
    """Grid positions (in station gaps) of the previous layout's stations, on its own grid.

    The export was translated by a margin; the offset is the most common remainder of the
    coordinates modulo one grid step, so stations that sat on grid nodes get exact pins again.
    """
    pos = previous_positions(previous)
    if not pos:
        return {}
    cell = GRID / STEP

    def offset(values: list[float]) -> float:
        rests = Counter(round(v % cell, 2) for v in values)
        return max(sorted(rests), key=lambda r: rests[r])

    ox = offset([x for x, _ in pos.values()])
    oy = offset([y for _, y in pos.values()])
    return {sid: ((x - ox) / GRID, (y - oy) / GRID) for sid, (x, y) in pos.items()}
