"""Facts about a station's eight ports: which lines pass through, and the bends they make.

A line that passes through a station enters through one port and leaves through another; the
turn between the two is a bend of that line.
"""

from __future__ import annotations

import math

from ..model import Layer
from .grid import BEND, Bends

Vec = tuple[float, float]
# (station, neighbour a, neighbour b) with a < b -> how many routes run a, station, b.
Through = dict[tuple[str, str, str], int]

# Cost per 45 degrees between a port and the embedded direction of its edge.
ANGLE = 0.3


def continuations(layer: Layer) -> Through:
    """How many routes pass through each station between each pair of its neighbours."""
    out: Through = {}
    for line in layer.lines:
        for route in line.routes:
            for a, s, b in zip(route, route[1:], route[2:], strict=False):
                if a in (s, b) or s == b:
                    continue
                lo, hi = sorted((a, b))
                out[(s, lo, hi)] = out.get((s, lo, hi), 0) + 1
    return out


def direction_to(a: Vec, b: Vec) -> int:
    """The port (0..7, 0 = east, clockwise with y down) closest to the direction from a to b."""
    angle = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
    return round(angle / 45) % 8


def turn(d1: int, d2: int) -> int:
    """Angle between two port directions, in 45-degree steps (0..4)."""
    t = abs(d1 - d2) % 8
    return min(t, 8 - t)


def bend(port_in: int, port_out: int, bends: Bends = BEND) -> float:
    """Bend cost of a line entering through port `port_in` and leaving through `port_out`.

    A line entering through the west port travels east; leaving through the east port it goes
    straight on (no bend), through the south-east port it turns by 45 degrees, and so on.
    """
    t = turn((port_in + 4) % 8, port_out)
    return bends[t] if t < 4 else bends[3] * 2
