"""Ports of a dense layered drawing, assigned in cyclic order before the paths are routed.

A point station has eight ports (grid.DIRS: 0 east, then clockwise). When its arcs take ports
one by one as they are routed, the order of its edges around it need not match the order of its
neighbours, and every mismatch is a crossing next to the station that the order within the
ranks did not have. Here each point station's arc ends are sorted clockwise by the direction of
the node they lead to (the neighbour or waypoint in the next column), and they get ports in the
same clockwise order: the order-preserving assignment with the least angular deviation
(`assign_ports`: per port of the first end, a small dynamic program). A station with seven arcs
on its right then sends the top one out of its north-west port, round above itself, and the
bottom one out of its south-west port: the paths nest instead of crossing.

Port-area stations (bars) and waypoints get no port: their arcs leave from their own cells.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence

from .grid import DIRS, Cell
from .pipeline_ranks import Arc

# An arc end: (arc index, end), end 0 the arc's left end and 1 its right one.
End = tuple[int, int]
# station -> its arc ends clockwise, each with the port assigned to it (seen from the station)
Rings = dict[str, list[tuple[End, int]]]

# Angular deviation (in 45-degree steps) is charged to this power: two arcs a little off their
# direction beat one arc far off it.
DEVIATION_POWER = 2


def assign_ports(
    arcs: Sequence[Arc], cell: Mapping[str, Cell], bars: Mapping[str, Sequence[Cell]]
) -> Rings:
    """A port for every arc end at a point station, in the cyclic order of the neighbours."""
    ends: dict[str, list[tuple[float, int, int]]] = {}
    for i, arc in enumerate(arcs):
        for end, station, toward in ((0, arc.left, arc.nodes[1]), (1, arc.right, arc.nodes[-2])):
            if station in bars:
                continue
            (x, y), (tx, ty) = cell[station], cell[toward]
            ends.setdefault(station, []).append((math.atan2(ty - y, tx - x), i, end))
    rings: Rings = {}
    for station in sorted(ends):
        around = sorted(ends[station])
        if len(around) > len(DIRS):
            continue
        chosen = _cyclic(tuple(a for a, _, _ in around))
        rings[station] = [((i, end), d) for (_, i, end), d in zip(around, chosen, strict=True)]
    return rings


def allowed(ring: Sequence[tuple[End, int]], k: int, drawn: Mapping[End, int]) -> list[int]:
    """Ports the k-th end of a station's ring may take and keep the cyclic order: those strictly
    between its neighbours' (the port a drawn end took, else the one assigned), clockwise."""
    if len(ring) == 1:
        return list(range(len(DIRS)))
    before, after = ring[k - 1], ring[(k + 1) % len(ring)]
    lo = drawn.get(before[0], before[1])
    hi = drawn.get(after[0], after[1])
    out = []
    d = (lo + 1) % len(DIRS)
    while d != hi and d != lo:
        out.append(d)
        d = (d + 1) % len(DIRS)
    return out


def port_cell(station_cell: Cell, d: int) -> Cell:
    """The grid cell next to a station in port direction d."""
    return (station_cell[0] + DIRS[d][0], station_cell[1] + DIRS[d][1])


@functools.cache
def _cyclic(angles: tuple[float, ...]) -> tuple[int, ...]:
    """Ports for arc ends sorted clockwise by angle: clockwise too, least deviation.

    For each port of the first end, the others by dynamic programming over (end, port offset);
    ties go to the lower start port and the earlier offsets: deterministic.
    """
    m, k = len(angles), len(DIRS)
    steps = [a / (math.pi / 4) for a in angles]  # in 45-degree steps, as port numbers
    best: tuple[int, ...] = ()
    lowest = math.inf
    for start in range(k):
        # cost[i][o]: least cost of ends 0..i with end i at port start + o; back[i][o]: o of i-1
        cost = [[math.inf] * k for _ in range(m)]
        back = [[0] * k for _ in range(m)]
        cost[0][0] = _deviation(steps[0], start) ** DEVIATION_POWER
        for i in range(1, m):
            before = cost[i - 1]
            for o in range(i, k - (m - 1 - i)):
                prev = min(range(i - 1, o), key=before.__getitem__)
                here = _deviation(steps[i], (start + o) % k) ** DEVIATION_POWER
                cost[i][o], back[i][o] = cost[i - 1][prev] + here, prev
        o = min(range(m - 1, k), key=lambda p: cost[m - 1][p])
        if cost[m - 1][o] < lowest - 1e-9:
            lowest = cost[m - 1][o]
            offsets = [o]
            for i in range(m - 1, 0, -1):
                offsets.append(back[i][offsets[-1]])
            best = tuple((start + p) % k for p in reversed(offsets))
    return best


def _deviation(step: float, d: int) -> float:
    """How far (in 45-degree steps, 0..4) port d points from the direction `step`."""
    diff = abs(step - d) % 8
    return min(diff, 8 - diff)
