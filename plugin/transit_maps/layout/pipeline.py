"""A layered schematic built directly on the octilinear grid: the pipeline look.

A Sugiyama-style drawing (docs/layout-pipelines.md): stations stand in columns by rank
(`pipeline_ranks`), the order within each column keeps arcs from crossing and tracks keep them
straight (`pipeline_order`), and the paths are drawn on the grid with 45-degree fan-outs and
fan-ins (`pipeline_routes`). Parallel alternatives end up stacked as horizontal tracks between
the station that forks and the one that joins. Components stand side by side, left to right.

The caller compares the result with the routed candidates by `octi.objective`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import networkx as nx

from ..model import Layer
from .embedding import components
from .octi import MAX_POINT_DEGREE, Schematic, objective
from .pipeline_order import ordered, tracks
from .pipeline_ranks import Arc, is_waypoint, ranked
from .pipeline_routes import route_arcs

Cell = tuple[int, int]
Vec = tuple[float, float]

# Grid cells per station gap (positions are exported in station gaps: half-gap precision).
CELLS = 2
# Grid cells between adjacent columns, and between adjacent tracks.
COLUMN = 4
TRACK = 2
# Columns left empty between components.
COMPONENT_GAP = 1
# How much worse (in `octi.objective` units: bends) a drawing with zones in columns of their
# own may be and still be preferred to one that lets zones share columns.
ZONE_BONUS = 15.0


def layered_schematic(layer: Layer, g: nx.Graph) -> Schematic | None:
    """A complete schematic (grid positions and octilinear paths) drawn as layers, or None.

    None when the layer does not suit a layered drawing (a station has an `at` hint, or there
    is nothing to draw); the caller compares what it returns with the routed candidates by
    `octi.objective`.
    """
    if not layer.segments or any(s.at is not None for s in layer.stations):
        return None
    best: Schematic | None = None
    lowest = math.inf
    for zoned in (True, False):
        drawn = _drawn(layer, g, zoned)
        if drawn is None:
            continue
        score = objective(layer, drawn) - (ZONE_BONUS if zoned else 0.0)
        if score < lowest:
            best, lowest = drawn, score
    return best


def _drawn(layer: Layer, g: nx.Graph, zoned: bool) -> Schematic | None:
    """One layered drawing: zones in columns of their own (`zoned`) or not."""
    cell: dict[str, Cell] = {}
    arcs: list[Arc] = []
    bars: dict[str, list[Cell]] = {}
    left = 0
    for k, comp in enumerate(components(layer, g)):
        rk = ranked(layer, comp, str(k), zoned)
        layers = ordered(rk, comp)
        room = _bar_room(rk.arcs, g)
        y = tracks(rk, layers, room)
        for n, r in rk.rank.items():
            cell[n] = (left + r * COLUMN, y[n] * TRACK)
        for n in room:
            bar = _bar(n, rk.arcs, cell, layers[rk.rank[n]])
            if bar is None:
                return None
            bars[n] = bar
        left = max(c[0] for n, c in cell.items()) + (COMPONENT_GAP + 1) * COLUMN
        arcs.extend(rk.arcs)
    routed = route_arcs(arcs, cell, bars)
    if routed is None:
        return None
    out = Schematic(crossings=routed.crossings)
    for s in layer.stations:
        x, y0 = cell[s.id]
        out.positions[s.id] = (x / CELLS, y0 / CELLS)
    by_pair = {(a.left, a.right): p for a, p in zip(arcs, routed.paths, strict=True)}
    for seg in layer.segments:
        path = by_pair.get((seg.a, seg.b))
        if path is None:
            path = list(reversed(by_pair[(seg.b, seg.a)]))
        out.paths[(seg.a, seg.b)] = _corners([(x / CELLS, y / CELLS) for x, y in path])
    out.angles.update(_angles(layer, out, bars))
    return out


def _bar_room(arcs: Sequence[Arc], g: nx.Graph) -> dict[str, int]:
    """Tracks kept free above and below each port-area station (more than eight neighbours)."""
    sides: dict[tuple[str, int], int] = {}
    for arc in arcs:
        sides[(arc.left, 1)] = sides.get((arc.left, 1), 0) + 1
        sides[(arc.right, -1)] = sides.get((arc.right, -1), 0) + 1
    room: dict[str, int] = {}
    for n in g:
        if g.degree(n) > MAX_POINT_DEGREE:
            wide = max(sides.get((n, 1), 0), sides.get((n, -1), 0))
            room[n] = math.ceil((wide - 1) / 2)
    return room


def _bar(
    station: str, arcs: Sequence[Arc], cell: Mapping[str, Cell], column: Sequence[str]
) -> list[Cell] | None:
    """The vertical bar of a port-area station: its cells, level with every neighbour.

    None when another node of its column would lie on or next to the bar.
    """
    x, y = cell[station]
    ys = [y]
    for arc in arcs:
        nodes = arc.nodes
        if nodes[0] == station:
            ys.append(cell[nodes[1]][1])
        if nodes[-1] == station:
            ys.append(cell[nodes[-2]][1])
    lo, hi = min(ys), max(ys)
    for n in column:
        if n != station and lo - TRACK < cell[n][1] < hi + TRACK:
            return None
    return [(x, k) for k in range(lo, hi + 1)]


def _corners(pts: list[Vec]) -> list[Vec]:
    """Only the end points and the vertices where the path changes direction."""
    out = pts[:1]
    for i in range(1, len(pts) - 1):
        a, b, c = out[-1], pts[i], pts[i + 1]
        cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0])
        if abs(cross) > 1e-9:
            out.append(b)
    if len(pts) > 1:
        out.append(pts[-1])
    return out


def _angles(layer: Layer, out: Schematic, bars: Mapping[str, Sequence[Cell]]) -> dict[str, float]:
    """Marker angle per station: 90 for a bar, else the direction of its busiest edge."""
    angles: dict[str, float] = {}
    best: dict[str, tuple[int, int]] = {}
    for seg in layer.segments:
        path = out.paths[(seg.a, seg.b)]
        for station, a, b in ((seg.a, path[0], path[1]), (seg.b, path[-1], path[-2])):
            angle = float(round(math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))) % 180)
            rank = (len(seg.lines), 1 if angle == 0.0 else 0)
            if station not in best or rank > best[station]:
                best[station], angles[station] = rank, angle
    for n in bars:
        angles[n] = 90.0
    assert not any(is_waypoint(n) for n in angles)
    return angles
