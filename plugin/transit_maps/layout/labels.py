"""Label placement: a box beside every station that shows a name, clear of everything else.

Each station gets candidate boxes in the eight octilinear directions around its marker, at a few
distances, with the name on one, two or three lines. Stations are placed greedily (termini and
transfer stations first, then the rest in route order), each taking its cheapest candidate that
keeps `LABEL_GAP` clear of every marker, every line and every label placed so far. A station
left without a free candidate may push one neighbour's label to another free place (repair);
failing that it takes the candidate that overlaps least, which the metrics then report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from ..model import Layer
from .dimensions import LABEL_GAP, bundle_width, marker_radius
from .geometry import Box, Label, PlacedEdge, PlacedStation, Point
from .label_candidates import Candidate, candidates, leaving_directions, scan_candidates
from .spatial import (
    GridIndex,
    bounds_gap,
    box_point_distance,
    polyline_bounds,
    segment_box_distance,
)

__all__ = ["place_labels"]

# Cost of a candidate's direction relative to a neighbour's: the same direction along a run reads
# as one column or row of names.
SAME_SIDE_BONUS = 0.8
# A terminus reads best with its name beyond the end of the line.
BEYOND_END_BONUS = 0.6
# Candidates that block the best free place of a station not yet labelled cost this much each.
BLOCKING_COST = 0.9
_BIG = 1e6


class _Scene:
    """The fixed obstacles (markers, lines) and the labels placed so far, with a grid index."""

    def __init__(self, stations: Sequence[PlacedStation], edges: Sequence[PlacedEdge]) -> None:
        self.markers: GridIndex[tuple[Point, float]] = GridIndex()
        for s in stations:
            if not s.junction:
                r = marker_radius(max(len(s.lines), 1))
                self.markers.insert(Box(s.x - r, s.y - r, 2 * r, 2 * r), ((s.x, s.y), r))
        self.tracks: GridIndex[tuple[Point, Point, float]] = GridIndex()
        self.reach = LABEL_GAP
        for e in edges:
            half = bundle_width(len(e.lines)) / 2
            self.reach = max(self.reach, half + LABEL_GAP)
            for a, b in pairwise(e.path):
                self.tracks.insert(polyline_bounds((a, b), half), (a, b, half))
        self.labels: dict[str, Box] = {}
        self._cells: dict[tuple[int, int], list[str]] = {}

    def _span(self, box: Box) -> list[tuple[int, int]]:
        c = 64.0
        return [
            (i, j)
            for i in range(int(box.x // c), int((box.x + box.width) // c) + 1)
            for j in range(int(box.y // c), int((box.y + box.height) // c) + 1)
        ]

    def put(self, station: str, box: Box) -> None:
        self.labels[station] = box
        for key in self._span(box):
            self._cells.setdefault(key, []).append(station)

    def take(self, station: str) -> None:
        box = self.labels.pop(station)
        for key in self._span(box):
            self._cells[key].remove(station)

    def fixed_overlap(self, box: Box) -> float:
        """How far `box` intrudes into the clearance of markers and lines (0 when clear)."""
        grown = Box(
            box.x - self.reach,
            box.y - self.reach,
            box.width + 2 * self.reach,
            box.height + 2 * self.reach,
        )
        total = 0.0
        for centre, r in self.markers.near(grown):
            total += max(0.0, r + LABEL_GAP - box_point_distance(box, centre))
        for a, b, half in self.tracks.near(grown):
            if bounds_gap(a, b, box) < half + LABEL_GAP:
                total += max(0.0, half + LABEL_GAP - segment_box_distance(a, b, box))
        return total

    def label_conflicts(self, box: Box, skip: str = "") -> list[str]:
        """Stations whose placed label comes within LABEL_GAP of `box`."""
        seen: dict[str, None] = {}
        for key in self._span(
            Box(box.x - LABEL_GAP, box.y - LABEL_GAP, box.width + 6, box.height + 6)
        ):
            for sid in self._cells.get(key, ()):
                if sid != skip and sid not in seen and self.labels[sid].overlaps(box, -LABEL_GAP):
                    seen[sid] = None
        return sorted(seen)


def place_labels(
    layer: Layer, stations: Sequence[PlacedStation], edges: Sequence[PlacedEdge]
) -> tuple[PlacedStation, ...]:
    """The same stations with `label` set for every non-junction station (None for junctions)."""
    scene = _Scene(stations, edges)
    neighbours = _neighbours(edges)
    away: dict[str, list[Point]] = {}
    for e in edges:
        ends = leaving_directions(e.path)
        if ends is not None:
            away.setdefault(e.source, []).append(ends[0])
            away.setdefault(e.target, []).append(ends[1])
    by_id = {s.id: s for s in stations}
    # Being clear of markers and lines never changes: filter every station's candidates once.
    fixed: dict[str, list[tuple[Candidate, float]]] = {}
    free: dict[str, list[Candidate]] = {}
    for s in stations:
        if not s.junction:
            fixed[s.id] = [
                (c, scene.fixed_overlap(c.box)) for c in candidates(s, away.get(s.id, []))
            ]
            free[s.id] = [c for c, over in fixed[s.id] if over <= 1e-9]
    rank = {s.id: i for i, s in enumerate(stations)}
    order = sorted(
        free,
        key=lambda sid: (0 if layer.is_terminus(sid) or layer.is_transfer(sid) else 1, rank[sid]),
    )
    chosen: dict[str, Candidate] = {}
    stuck: list[str] = []
    for sid in order:
        best = _best_free(sid, free[sid], scene, chosen, neighbours, layer, free)
        if best is None:
            stuck.append(sid)
            continue
        chosen[sid] = best
        scene.put(sid, best.box)
    for sid in stuck:
        pick = _rescue(sid, by_id[sid], away.get(sid, []), free, scene, chosen, neighbours, layer)
        if pick is None:  # nothing free anywhere near: the least overlap; the metrics report it
            pick = min(
                fixed[sid],
                key=lambda co: _BIG * len(scene.label_conflicts(co[0].box)) + co[1] + co[0].cost,
            )[0]
        chosen[sid] = pick
        scene.put(sid, pick.box)
    out = []
    for s in stations:
        c = chosen.get(s.id)
        label = Label(c.box, c.lines, c.align) if c is not None and not s.junction else None
        out.append(replace(s, label=label))
    return tuple(out)


def _rescue(
    sid: str,
    station: PlacedStation,
    away: list[Point],
    free: dict[str, list[Candidate]],
    scene: _Scene,
    chosen: dict[str, Candidate],
    neighbours: dict[str, tuple[str, ...]],
    layer: Layer,
) -> Candidate | None:
    """A free place for a station the greedy pass left without one, trying ever harder.

    First move one neighbour's label; then slid and farther boxes (with and without moving a
    neighbour); then a fine scan of the surroundings. None if all fail.
    """
    if _repair(sid, free[sid], free, scene, chosen, neighbours, layer):
        return _placed(sid, scene, chosen)
    second = [c for c in candidates(station, away, far=True) if scene.fixed_overlap(c.box) <= 1e-9]
    pick = _best_free(sid, second, scene, chosen, neighbours, layer, free)
    if pick is not None:
        return pick
    if _repair(sid, second, free, scene, chosen, neighbours, layer):
        return _placed(sid, scene, chosen)
    for c in scan_candidates(station):
        if not scene.label_conflicts(c.box) and scene.fixed_overlap(c.box) <= 1e-9:
            return c
    return None


def _placed(sid: str, scene: _Scene, chosen: dict[str, Candidate]) -> Candidate:
    """Undo the scene entry `_repair` made, so the caller places `sid` itself."""
    scene.take(sid)
    return chosen.pop(sid)


def _neighbours(edges: Sequence[PlacedEdge]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for e in edges:
        out.setdefault(e.source, []).append(e.target)
        out.setdefault(e.target, []).append(e.source)
    return {k: tuple(v) for k, v in out.items()}


def _best_free(
    sid: str,
    cands: list[Candidate],
    scene: _Scene,
    chosen: dict[str, Candidate],
    neighbours: dict[str, tuple[str, ...]],
    layer: Layer,
    free: dict[str, list[Candidate]],
) -> Candidate | None:
    """The cheapest candidate of `sid` clear of every placed label (None if there is none)."""
    near = neighbours.get(sid, ())
    sides = {chosen[n].direction for n in near if n in chosen}
    terminus = layer.is_terminus(sid)
    # Look ahead: the good places still open to neighbours that wait for their label.
    waiting = []
    for n in near:
        if n not in chosen and n in free:
            boxes = [o.box for o in free[n][:6] if not scene.label_conflicts(o.box)]
            if boxes:
                waiting.append(boxes)
    best: tuple[float, Candidate] | None = None
    for c in cands:  # sorted by cost, so later ones can only win by their bonuses
        if best is not None and c.cost - SAME_SIDE_BONUS - BEYOND_END_BONUS >= best[0]:
            break
        if scene.label_conflicts(c.box):
            continue
        cost = c.cost
        if c.direction in sides:
            cost -= SAME_SIDE_BONUS
        if terminus and c.beyond_end:
            cost -= BEYOND_END_BONUS
        for boxes in waiting:
            if all(b.overlaps(c.box, -LABEL_GAP) for b in boxes):
                cost += BLOCKING_COST
        if best is None or cost < best[0] - 1e-9:
            best = (cost, c)
    return best[1] if best else None


def _repair(
    sid: str,
    options: list[Candidate],
    free: dict[str, list[Candidate]],
    scene: _Scene,
    chosen: dict[str, Candidate],
    neighbours: dict[str, tuple[str, ...]],
    layer: Layer,
) -> bool:
    """Place `sid` by moving one label in its way to another free place; False if none works."""
    for c in options:
        blockers = scene.label_conflicts(c.box)
        if len(blockers) != 1:
            continue
        other = blockers[0]
        old = chosen[other]
        scene.take(other)
        scene.put(sid, c.box)
        moved = _best_free(other, free[other], scene, chosen, neighbours, layer, free)
        if moved is not None:
            chosen[sid] = c
            chosen[other] = moved
            scene.put(other, moved.box)
            return True
        scene.take(sid)
        scene.put(other, old.box)
    return False
