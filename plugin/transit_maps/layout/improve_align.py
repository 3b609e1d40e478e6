"""Aligning moves for the local search: grid nodes where a station's chains could run straight.

A chain between two stations needs no bend when one end lies on a ray from the other along one of
the eight grid directions, at least the chain's minimum length away. The blind moves of
`improve.py` (one or two grid steps) rarely reach such a node; these candidates do: every node
within ALIGN_RADIUS of the station that lies on such a ray from the far end of one of its chains,
nodes on rays of several chains first (a line through the station can then run straight through
it), then the nearest.
"""

from __future__ import annotations

from .grid import DIRS, Cell
from .router import Router

# How far (grid steps, in each axis) an aligning move may take a station.
ALIGN_RADIUS = 5
# At most this many aligning candidates per station and round.
ALIGN_LIMIT = 12


def aligned_cells(
    r: Router, station: str, chains: list[int], radius: int = ALIGN_RADIUS, limit: int = ALIGN_LIMIT
) -> list[Cell]:
    """Free-looking grid nodes near `station` on straight rays from its chains' far ends.

    Ordered by how many chains would run straight (most first), then by distance from the
    station's cell, then by position (determinism). Occupancy is checked by the caller.
    """
    home = r.settled[station]
    hits: dict[Cell, int] = {}
    for ci in chains:
        chain = r.chains[ci]
        u, v = chain.ends
        other = v if u == station else u
        if other == station or other not in r.settled or other in r.bars:
            continue
        far = r.settled[other]
        need = r.step * chain.steps
        for dx, dy in DIRS:
            seen: set[Cell] = set()
            # the ray crosses the square around home for k in a window: walk only that window
            lo = max(need, _enter(far, (dx, dy), home, radius))
            for k in range(lo, lo + 2 * radius + 2):
                cell = (far[0] + dx * k, far[1] + dy * k)
                if max(abs(cell[0] - home[0]), abs(cell[1] - home[1])) > radius:
                    if seen:
                        break
                    continue
                if cell != home:
                    seen.add(cell)
            for cell in seen:
                hits[cell] = hits.get(cell, 0) + 1
    ranked = sorted(
        hits,
        key=lambda c: (-hits[c], max(abs(c[0] - home[0]), abs(c[1] - home[1])), c),
    )
    return ranked[:limit]


def _enter(far: Cell, d: Cell, home: Cell, radius: int) -> int:
    """The first k at which far + k*d can lie within `radius` of home (0 if already)."""
    ks = [0]
    for axis in (0, 1):
        if d[axis] == 0:
            continue
        # far + k*d within [home - radius, home + radius] along this axis
        lo = (home[axis] - radius - far[axis]) * d[axis]
        hi = (home[axis] + radius - far[axis]) * d[axis]
        ks.append(min(lo, hi))
    return max(ks)
