"""How much a layout moved: the stability figures of the visual diff and `layout --previous`.

Two layouts of nearly the same layer are compared after the translation that lines up the most
stations (a map that merely grew at one side has not moved). `kept_share` is the share of common
stations at the same place after it; `mean_move` their mean displacement in edge lengths.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

from ..layout.geometry import Layout, Point

# Two places closer than this share of an edge length count as the same place.
SAME_PLACE = 0.05


@dataclass(frozen=True)
class Stability:
    """Movement of the stations two layouts share (`ignore`d ones aside)."""

    stations: int
    kept: int
    mean_move: float
    edge_length: float
    translation: Point

    @property
    def kept_share(self) -> float:
        """Share of the common stations that stayed in place (1.0 when there are none)."""
        return self.kept / self.stations if self.stations else 1.0


def positions(layout: Layout) -> dict[str, Point]:
    """Station id -> position, junctions left out (they are track points, not stations)."""
    return {s.id: (s.x, s.y) for s in layout.stations if not s.junction}


def edge_length(layout: Layout) -> float:
    """The median length of the track between adjacent stations: the unit of `mean_move`."""
    lengths = [sum(math.dist(p, q) for p, q in pairwise(e.path)) for e in layout.edges]
    return median(lengths) if lengths else 1.0


def best_translation(
    before: Mapping[str, Point], after: Mapping[str, Point], ids: Collection[str]
) -> Point:
    """The shift of `before` that puts the most of `ids` exactly onto `after` (ties: smallest)."""
    shifts = Counter(
        (round(after[i][0] - before[i][0], 2), round(after[i][1] - before[i][1], 2)) for i in ids
    )
    if not shifts:
        return (0.0, 0.0)
    return max(sorted(shifts), key=lambda d: (shifts[d], -math.hypot(*d)))


def measure(
    before: Layout,
    after: Layout,
    *,
    ignore: Collection[str] = (),
    renames: Mapping[str, str] | None = None,
) -> Stability:
    """Compare two layouts of one layer; `renames` maps before-ids to after-ids."""
    rename = renames or {}
    old = {rename.get(k, k): p for k, p in positions(before).items()}
    new = positions(after)
    common = sorted(k for k in old.keys() & new.keys() if k not in ignore)
    dx, dy = best_translation(old, new, common)
    unit = edge_length(before)
    moves = [math.dist((old[k][0] + dx, old[k][1] + dy), new[k]) for k in common]
    kept = sum(1 for m in moves if m <= SAME_PLACE * unit)
    mean = sum(moves) / len(moves) / unit if moves else 0.0
    return Stability(len(common), kept, mean, unit, (dx, dy))
