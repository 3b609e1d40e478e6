"""Markers that overlap at every spread, moved apart along their tracks.

Spreading the drawing (`layout._finish`) parts most overlapping markers, since markers keep
their size; it cannot part two that stand side by side across parallel tracks nearer than their
bundles are wide. Two chains between the same two stations may run side by side, and the router
lays the stations of each evenly along its own path (`octi._lay_out_chain`), so their middle
stations can stand next to each other (case 185 of the pipeline fuzz: a station of ten lines
and one of two, 0.35 grid steps apart across a diagonal trunk).

`apart` repairs the drawing kept, and only that one: of each pair whose markers overlap, a
pass-through station (two neighbours) moves along its own two edges, a quarter of a grid step
at a time (forward first, up to one grid step, at least MIN_GAP from both neighbours), to the
first place at least NEAR_STATION grid steps from the other station. Its edges' polyline stays
as it was, so nothing crosses that did not. Doing the same for every candidate drawing moved the
choice between candidates (docs/benchmarks.md, session 25).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from ..model import Layer
from .octi import MIN_GAP, Schematic, _simplify, path_between, point_at

Vec = tuple[float, float]

# How far a moved station keeps from the station whose marker it overlapped (grid steps; from
# its own neighbours it keeps `octi.MIN_GAP`, as when the chain was laid out); the step and the
# reach of its moves along its edges.
NEAR_STATION = 0.5
NUDGE = 0.25
NUDGES = 4


def apart(layer: Layer, schematic: Schematic, pairs: Sequence[tuple[str, str]]) -> Schematic | None:
    """`schematic` with a station of each of `pairs` (ids of stations whose markers overlap)
    moved along its edges (module docstring); None when none could move."""
    positions = dict(schematic.positions)
    paths = dict(schematic.paths)
    angles = dict(schematic.angles)
    moved = False
    for a, b in pairs:
        for station, other in ((b, a), (a, b)):
            if _slide(layer, station, positions[other], positions, paths, angles):
                moved = True
                break
    if not moved:
        return None
    return replace(schematic, positions=positions, paths=paths, angles=angles)


def _slide(
    layer: Layer,
    station: str,
    away_from: Vec,
    positions: dict[str, Vec],
    paths: dict[tuple[str, str], list[Vec]],
    angles: dict[str, float],
) -> bool:
    """Move pass-through `station` along its two edges to the first place NEAR_STATION from
    `away_from`; whether it moved."""
    ends = [seg for seg in layer.segments if station in (seg.a, seg.b)]
    if len(ends) != 2:
        return False
    neighbours = [seg.a if seg.b == station else seg.b for seg in ends]
    into = path_between(paths, neighbours[0], station)
    out = path_between(paths, station, neighbours[1])
    full = into + out[1:]
    cum = [0.0]
    for p, q in pairwise(full):
        cum.append(cum[-1] + math.dist(p, q))
    here, total = cum[len(into) - 1], cum[-1]
    for k in range(1, NUDGES + 1):
        for s in (here + k * NUDGE, here - k * NUDGE):
            if not MIN_GAP <= s <= total - MIN_GAP:
                continue
            p = point_at(full, cum, s)
            if math.dist(p, away_from) < NEAR_STATION:
                continue
            j = max(i for i in range(len(cum) - 1) if cum[i] <= s + 1e-9)
            first = [*full[: j + 1], p]
            second = [p, *full[j + 1 :]]
            _store(paths, neighbours[0], station, _simplify(first))
            _store(paths, station, neighbours[1], _simplify(second))
            positions[station] = p
            dx, dy = full[j + 1][0] - full[j][0], full[j + 1][1] - full[j][1]
            angles[station] = float(round(math.degrees(math.atan2(dy, dx))) % 180)
            return True
    return False


def _store(paths: dict[tuple[str, str], list[Vec]], u: str, v: str, line: list[Vec]) -> None:
    """Store the polyline from u to v the way its edge is stored."""
    if (u, v) in paths:
        paths[(u, v)] = line
    else:
        paths[(v, u)] = list(reversed(line))
