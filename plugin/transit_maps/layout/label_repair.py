"""The searches after greedy placement: min-conflicts for stations whose label found no free
place, and `disambiguate` for labels that read as another station's name.

Greedy placement and bounded eviction (`labels._Placer.settle`) leave a few stations stuck in
crowded parts of big maps, although places clear of every marker and line exist near them: other
labels hold those places. This search takes a stuck station, puts its label on the place that
displaces the fewest and cheapest labels (a label with many free places of its own is cheap to
move), and queues the displaced stations, which do the same in turn. A station just placed may
not be displaced again for `TENURE` moves, so labels do not swap back and forth. The state with
the fewest stations left without a place is kept; the search stops after `MOVES_PER_STUCK` moves
per stuck station or when nobody waits.

`disambiguate` runs last: a label nearer to another station's marker than to its own moves to
a free place that reads as its own, its usual places first, then a finer grid around it, when
the reader gains by it (see its docstring).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .dimensions import LABEL_GAP
from .geometry import Box
from .label_candidates import (
    DISTANCE_COST,
    WRAP_COST,
    Align,
    Candidate,
    sized_variants,
)

if TYPE_CHECKING:
    from .labels import _Placer

__all__ = ["disambiguate", "min_conflicts"]

# Moves of the search per station that was stuck at its start, and the moves for which a label
# just placed may not be displaced.
MOVES_PER_STUCK = 30
TENURE = 7
# Places of a station examined per move (cheapest first).
WIDTH = 40
# Cost of displacing a label, on top of 1: high for a station with few free places of its own.
SCARCE = 3.0
# Weight of a candidate's own cost against displacements.
OWN_COST = 0.05


def min_conflicts(placer: _Placer, stuck: list[str]) -> list[str]:
    """Find free places for `stuck` stations by moving other labels; returns those still stuck.

    Stations with no place clear of markers and lines at all stay stuck untouched.
    """
    options: dict[str, list[Candidate]] = {}
    hopeless: list[str] = []
    waiting: deque[str] = deque()
    for sid in stuck:
        options[sid] = placer.alternatives(sid)
        (waiting if options[sid] else hopeless).append(sid)
    if not waiting:
        return stuck
    best_left = len(waiting)
    best_state = dict(placer.chosen)
    tabu: dict[str, int] = {}
    budget = MOVES_PER_STUCK * len(waiting)
    for move in range(budget):
        if not waiting:
            break
        sid = waiting.popleft()
        if sid in placer.chosen:
            continue
        if sid not in options:
            options[sid] = placer.alternatives(sid)
        pick = placer.best(sid, options[sid])
        if pick is None:
            pick = _least_displacing(placer, sid, options[sid], tabu, move)
        if pick is None:
            waiting.append(sid)
            continue
        for other in placer.scene.label_conflicts(pick.box):
            placer.unplace(other)
            waiting.append(other)
        placer.place(sid, pick)
        tabu[sid] = move + TENURE
        left = len({s for s in waiting if s not in placer.chosen})
        if left < best_left:
            best_left, best_state = left, dict(placer.chosen)
    if len({s for s in waiting if s not in placer.chosen}) > best_left:
        placer.restore(best_state)
    # everyone without a label now: the hopeless, and any the search could not seat again
    return [sid for sid in placer.free if sid not in placer.chosen]


def _least_displacing(
    placer: _Placer, sid: str, cands: list[Candidate], tabu: dict[str, int], move: int
) -> Candidate | None:
    best: tuple[float, Candidate] | None = None
    for c in cands[:WIDTH]:
        blockers = placer.scene.label_conflicts(c.box)
        if any(tabu.get(b, -1) >= move for b in blockers):
            continue
        score = OWN_COST * c.cost + sum(
            1.0 + SCARCE / (1 + len(placer.free.get(b, ()))) for b in blockers
        )
        if best is None or score < best[0] - 1e-9:
            best = (score, c)
    return best[1] if best else None


# `disambiguate`: the grid step and reach of the finer scan for a place that reads as the
# station's own, tried after its usual places.
OWN_STEP = 4.0
OWN_REACH = 64.0
# The cost of a grid box before distance and wrapping: a place off the usual directions.
GRID_COST = 1.0


def disambiguate(placer: _Placer) -> int:
    """Move labels that read as another station's name to a free place that reads as their own.

    A label is ambiguous when another station's marker comes nearer to it than its own marker
    (`Scene.closer_stations`); whether a box is depends on the markers alone, never on the other
    labels. Each ambiguous label, in station order, takes the first place clear of markers and
    lines that no other marker comes nearer to (`_own_places`: its usual places, then a finer
    grid) where it costs the reader less than now (`_Placer.worth`: its cost plus
    AMBIGUOUS_COST per nearer station). The place must be free of labels, or held by one label
    that can move to another free place that reads as its own, the two together still costing
    less than before (`_take`). Returns how many labels moved.
    """
    moved = 0
    for sid in sorted(placer.chosen, key=lambda s: placer.rank[s]):
        current = placer.chosen[sid]
        if not placer.ambiguous(sid, current.box):
            continue
        worth = placer.worth(sid, current)
        if any(_take(placer, sid, c, worth - c.cost) for c in _own_places(placer, sid, worth)):
            moved += 1
    return moved


def _own_places(placer: _Placer, sid: str, limit: float) -> Iterator[Candidate]:
    """Places of `sid`'s label clear of markers and lines that read as its own and cost less
    than `limit`: its usual places (the tiers already built), then boxes centred on a grid of
    OWN_STEP within OWN_REACH, cheapest first, costed as the fine scan's."""
    for c in placer.built_places(sid):
        if c.cost < limit and not placer.ambiguous(sid, c.box):
            yield c
    station = placer.by_id[sid]
    sx, sy = station.x, station.y
    radius = placer.radius(sid)
    variants = sized_variants(station.title.strip() or sid)
    # grid boxes farther than this cost `limit` or more
    reach = min(OWN_REACH, (limit - GRID_COST) / DISTANCE_COST)
    if reach < radius + LABEL_GAP:
        return
    widest = max(w + h for _, w, h in variants)
    others = sorted(
        placer.scene.markers_within((sx, sy), reach + widest),
        key=lambda m: math.dist(m[0], (sx, sy)) - m[1],
    )
    n = int(reach // OWN_STEP)
    offsets = [i * OWN_STEP for i in range(-n, n + 1)]
    grid: list[tuple[float, int, int, int]] = []
    # per text variant: the gaps along x and y from each grid box to the own marker ([0]) and
    # to each other marker, so that testing a box is a few look-ups and square roots
    gaps_x: list[list[list[float]]] = []
    gaps_y: list[list[list[float]]] = []
    for k, (_, w, h) in enumerate(variants):
        gaps_x.append([_gaps(sx, px, w, offsets) for px in [sx] + [m[0][0] for m in others]])
        gaps_y.append([_gaps(sy, py, h, offsets) for py in [sy] + [m[0][1] for m in others]])
        own_x, own_y = gaps_x[k][0], gaps_y[k][0]
        extra = GRID_COST + WRAP_COST * k
        for i in range(len(offsets)):
            for j in range(len(offsets)):
                gap = math.hypot(own_x[i], own_y[j])
                cost = extra + DISTANCE_COST * gap
                if radius + LABEL_GAP <= gap <= reach and cost < limit:
                    grid.append((cost, k, i, j))
    grid.sort()
    radii = [radius] + [m[1] for m in others]
    hypot = math.hypot
    scene = placer.scene
    for cost, k, i, j in grid:
        xs, ys = gaps_x[k], gaps_y[k]
        mine = hypot(xs[0][i], ys[0][j]) - radius
        for m in range(1, len(radii)):
            if hypot(xs[m][i], ys[m][j]) - radii[m] < mine:
                break
        else:
            lines, w, h = variants[k]
            box = Box(sx + offsets[i] - w / 2, sy + offsets[j] - h / 2, w, h)
            if scene.clear(box):
                align: Align = "start" if box.x > sx else "end" if box.x + w < sx else "middle"
                yield Candidate(box, lines, align, "scan", cost)


def _gaps(centre: float, p: float, size: float, offsets: list[float]) -> list[float]:
    """Along one axis, the gap from `p` to a box of `size` centred at `centre` + each offset."""
    half = size / 2
    return [max(abs(centre + o - p) - half, 0.0) for o in offsets]


def _take(placer: _Placer, sid: str, c: Candidate, slack: float) -> bool:
    """Move `sid`'s label to `c` if no label holds it, or if the one label that does can move
    to the cheapest other free place of its usual ones that reads as its own, costing it less
    than `slack` more (`_Placer.worth`); else change nothing.

    The label pushed aside must read as its own afterwards even if it did not before: one
    ambiguous name pushed farther into a crowd to clear another reads worse, not better."""
    blockers = placer.scene.label_conflicts(c.box, skip=sid)
    if len(blockers) > 1:
        return False
    current = placer.unplace(sid)
    if not blockers:
        placer.place(sid, c)
        return True
    other = blockers[0]
    was = placer.unplace(other)
    placer.place(sid, c)
    limit = placer.worth(other, was) + slack
    for o in placer.alternatives(other, scan=False):  # cheapest first
        if o.cost >= limit:
            break
        if not placer.scene.label_conflicts(o.box) and not placer.ambiguous(other, o.box):
            placer.place(other, o)
            return True
    placer.unplace(sid)
    placer.place(sid, current)
    placer.place(other, was)
    return False
