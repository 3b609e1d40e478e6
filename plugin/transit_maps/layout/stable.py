"""Stability: pins from a previous layout, so an edited map keeps its stations in place.

A previous layout (a `Layout` or its parsed JSON) gives every station that still exists a pin in
grid units; the embedding anchors pinned stations strongly (`embedding.PIN_WEIGHT`) and
schematisation settles them on the grid node nearest the pin when it is free. New stations find
room between.

An unchanged layer (`unchanged`: the same stations joined by the same edges) is first laid out
as without a previous layout; when that puts every station where it was (`same_places`), it is
the result: re-rendering a map that did not change moves nothing, whichever candidate drew it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Any

from ..model import Layer
from .dimensions import GRID
from .geometry import Layout
from .grid import Cell, edge_key
from .octi import STEP

Vec = tuple[float, float]
# The spreads `layout._finish` may have exported a drawing at (its LABEL_ROOM), and the share of
# grid-node stations that must sit on a spread's grid for the drawing to count as spread.
SPREADS = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0)
ON_GRID = 0.95
# How far (drawing units) a station may be from where it was and still count as in place: the
# export rounds coordinates to 2 decimals (one step of 0.01 each way).
SAME_PLACE = 0.02


def previous_positions(previous: Layout | Mapping[str, Any]) -> dict[str, Vec]:
    """Station id -> (x, y) in user units, from a Layout or the `layout --json` export."""
    if isinstance(previous, Layout):
        return {s.id: (s.x, s.y) for s in previous.stations}
    out: dict[str, Vec] = {}
    for s in previous.get("stations", []):
        out[str(s["id"])] = (float(s["x"]), float(s["y"]))
    return out


def _edge_ends(previous: Layout | Mapping[str, Any]) -> list[tuple[str, str]]:
    if isinstance(previous, Layout):
        return [(e.source, e.target) for e in previous.edges]
    return [(str(e.get("from")), str(e.get("to"))) for e in previous.get("edges", [])]


def _degrees(previous: Layout | Mapping[str, Any]) -> Counter[str]:
    """How many edges of the previous layout end at each station."""
    return Counter(s for pair in _edge_ends(previous) for s in pair)


def unchanged(layer: Layer, previous: Layout | Mapping[str, Any]) -> bool:
    """Whether `previous` drew the same stations joined by the same edges as `layer` has."""
    if {s.id for s in layer.stations} != set(previous_positions(previous)):
        return False
    ends = _edge_ends(previous)
    joined = {frozenset(pair) for pair in ends}
    return len(ends) == len(layer.segments) and joined == {
        frozenset((seg.a, seg.b)) for seg in layer.segments
    }


def same_places(laid: Layout, previous: Layout | Mapping[str, Any]) -> bool:
    """Whether every station of `previous` is in `laid`, where it was, up to one translation
    of the whole drawing (within SAME_PLACE drawing units)."""
    was = previous_positions(previous)
    now = previous_positions(laid)
    if not was or set(was) != set(now):
        return False
    return moved_together([(was[sid], now[sid]) for sid in sorted(was)], SAME_PLACE)


def moved_together(pairs: Sequence[tuple[Vec, Vec]], tolerance: float) -> bool:
    """Whether in every (was, now) pair `now` is `was` moved by one translation, the first
    pair's, within `tolerance` along each axis; False without pairs."""
    if not pairs:
        return False
    (x0, y0), (u0, v0) = pairs[0]
    dx, dy = u0 - x0, v0 - y0
    return all(
        abs(u - x - dx) <= tolerance and abs(v - y - dy) <= tolerance for (x, y), (u, v) in pairs
    )


def _on_nodes(previous: Layout | Mapping[str, Any], pos: Mapping[str, Vec]) -> list[Vec]:
    """Positions of the stations that sit on grid nodes for sure (not inside a chain)."""
    degree = _degrees(previous)
    return [p for sid, p in pos.items() if degree[sid] != 2] or list(pos.values())


def _offset(previous: Layout | Mapping[str, Any], pos: Mapping[str, Vec]) -> Vec:
    cell = _gap(previous, pos) / STEP
    rests = Counter((round(x % cell, 2), round(y % cell, 2)) for x, y in _on_nodes(previous, pos))
    return max(sorted(rests), key=lambda r: rests[r])


def _gap(previous: Layout | Mapping[str, Any], pos: Mapping[str, Vec]) -> float:
    """The station gap the previous drawing was exported at.

    GRID, or GRID times the spread `layout._finish` used to make room for labels: the first
    spread whose grid holds the stations that sit on grid nodes. (A drawing spread by 2 lies on
    the plain grid too; read as one drawn twice as large, it is exported the same again.)
    """
    nodes = _on_nodes(previous, pos)
    for spread in SPREADS:
        cell = GRID * spread / STEP
        rests = Counter((round(x % cell, 2), round(y % cell, 2)) for x, y in nodes)
        if max(rests.values()) >= ON_GRID * len(nodes):
            return GRID * spread
    return GRID


def spread_of(previous: Layout | Mapping[str, Any]) -> float:
    """The spread the previous drawing was exported at (1.0 unless labels needed room)."""
    pos = previous_positions(previous)
    return _gap(previous, pos) / GRID if pos else 1.0


def trail(previous: Layout | Mapping[str, Any]) -> set[tuple[Cell, Cell]]:
    """The grid edges (in `octi.STEP` grid steps per gap) the previous drawing's paths ran on."""
    pos = previous_positions(previous)
    if not pos:
        return set()
    ox, oy = _offset(previous, pos)
    cell = _gap(previous, pos) / STEP
    if isinstance(previous, Layout):
        paths = [list(e.path) for e in previous.edges]
    else:
        paths = [
            [(float(x), float(y)) for x, y in e.get("path", [])] for e in previous.get("edges", [])
        ]
    out: set[tuple[Cell, Cell]] = set()
    for path in paths:
        for (x0, y0), (x1, y1) in pairwise(path):
            a = ((x0 - ox) / cell, (y0 - oy) / cell)
            b = ((x1 - ox) / cell, (y1 - oy) / cell)
            steps = round(max(abs(b[0] - a[0]), abs(b[1] - a[1])))
            if steps == 0:
                continue
            cells = [
                (round(a[0] + (b[0] - a[0]) * k / steps), round(a[1] + (b[1] - a[1]) * k / steps))
                for k in range(steps + 1)
            ]
            for c, d in pairwise(cells):
                if c != d and max(abs(c[0] - d[0]), abs(c[1] - d[1])) == 1:
                    out.add(edge_key(c, d))
    return out


def pins(previous: Layout | Mapping[str, Any]) -> dict[str, Vec]:
    """Grid positions (in station gaps) of the previous layout's stations, on its own grid.

    The export was translated by a margin; the offset is the most common remainder of the
    coordinates modulo one grid step among the stations that sit on grid nodes for sure (those
    not in the middle of a chain, i.e. with other than two edges), so they get exact pins again.
    """
    pos = previous_positions(previous)
    if not pos:
        return {}
    ox, oy = _offset(previous, pos)
    gap = _gap(previous, pos)
    return {sid: ((x - ox) / gap, (y - oy) / gap) for sid, (x, y) in pos.items()}
