"""Port areas: the long interchange pill of a station with more than eight neighbours.

A grid node has eight ports, so the layout gives a station with more neighbours a *port area*:
the station sits at the centre of a bar of grid nodes in the direction of its `angle`, and its
edges start with stubs running along the bar to their own ports. Drawn as they are, the stubs
look like a tangle of overlapping strokes; a pill along the bar, covering every stub start,
reads as one large interchange instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..layout.dimensions import bundle_width
from ..layout.geometry import Layout, PlacedEdge, PlacedStation, Point
from .markup import num

PORT_NEIGHBOURS = 8  # a grid node's ports; a station with more neighbours gets a port area
_ON_LINE = 0.5  # how far (user units) a vertex may sit off the bar line and still be on it


@dataclass(frozen=True)
class PortBar:
    """The drawn bar of a port area: its two ends (centre line) and its thickness."""

    start: Point
    end: Point
    thickness: float


def port_bars(layout: Layout) -> dict[str, PortBar]:
    """The bar of every station with more than `PORT_NEIGHBOURS` neighbours, by station id.

    The bar runs through the station in the direction of its `angle` and spans every incident
    edge's stub: the run of path vertices, from the station's end, that lie on the bar line. A
    station whose edges have no stubs along its bar gets none (its ordinary marker is drawn).
    Junctions get bars too: their stubs tangle just the same, and the pill gathers them.
    """
    incident: dict[str, list[PlacedEdge]] = {}
    neighbours: dict[str, set[str]] = {}
    for edge in layout.edges:
        for here, there in ((edge.source, edge.target), (edge.target, edge.source)):
            incident.setdefault(here, []).append(edge)
            neighbours.setdefault(here, set()).add(there)
    bars: dict[str, PortBar] = {}
    for station in layout.stations:
        if len(neighbours.get(station.id, ())) <= PORT_NEIGHBOURS:
            continue
        bar = _bar(station, incident[station.id])
        if bar is not None:
            bars[station.id] = bar
    return bars


def _bar(station: PlacedStation, edges: Sequence[PlacedEdge]) -> PortBar | None:
    ux, uy = math.cos(math.radians(station.angle)), math.sin(math.radians(station.angle))
    lo = hi = 0.0
    widest = 1
    for edge in edges:
        path = edge.path if edge.source == station.id else tuple(reversed(edge.path))
        along = _stub(path, station.x, station.y, ux, uy)
        if along:
            lo, hi = min(lo, *along), max(hi, *along)
            widest = max(widest, len(edge.lines))
    if hi - lo < 1e-6:
        return None
    start = (station.x + ux * lo, station.y + uy * lo)
    end = (station.x + ux * hi, station.y + uy * hi)
    # As thick as an ordinary pill across the widest stub bundle: every stub stroke is covered.
    return PortBar(start, end, bundle_width(widest) + 6.0)


def _stub(path: Sequence[Point], x: float, y: float, ux: float, uy: float) -> list[float]:
    """Positions along the bar of the path's leading vertices that lie on the bar line."""
    out: list[float] = []
    for px, py in path[1:-1]:  # the far end is the neighbour itself, not part of the stub
        dx, dy = px - x, py - y
        if abs(dx * uy - dy * ux) > _ON_LINE:
            break
        out.append(dx * ux + dy * uy)
    return out


def port_pill(bar: PortBar) -> str:
    """The long interchange pill along `bar`: outline stroke with a narrower fill on top."""
    (x1, y1), (x2, y2) = bar.start, bar.end
    d = f"M{num(x1)} {num(y1)}L{num(x2)} {num(y2)}"
    edge = num(bar.thickness)
    core = num(bar.thickness - 5.0)
    # Inline widths beat the class rule's fixed ones: the pill is as thick as the stub bundles.
    return (
        f'<path class="tm-pill-edge tm-port" style="stroke-width:{edge}px" d="{d}"/>'
        f'<path class="tm-pill-core tm-port" style="stroke-width:{core}px" d="{d}"/>'
    )
