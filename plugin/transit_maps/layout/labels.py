"""Label placement: a box beside every station that shows a name, clear of everything else.

Each station gets candidate boxes in the eight octilinear directions around its marker, at a few
distances, with the name on one, two or three lines (`label_candidates`). Stations are placed
greedily, each taking its cheapest candidate that keeps `LABEL_GAP` clear of every marker, every
line and every label placed so far (`label_scene`): first the stations with few free places,
then termini and transfer stations, then the rest in route order, so that a run of stations
reads on one side. A station left without a free place tries harder: boxes slid sideways or
farther out, a fine scan of its surroundings, and evicting up to two labels in its way, which
settle elsewhere. An improvement pass then moves far or ambiguous labels to cheaper places.
A station that still has no free place takes the candidate that overlaps least, which the
metrics then report. Last, a label that still reads as another station's name (another marker
nearer to it than its own) moves to a free place that reads as its own where one is worth it
(`label_repair.disambiguate`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..model import Layer
from .dimensions import LABEL_GAP, marker_radius
from .geometry import Box, Label, PlacedEdge, PlacedStation, Point
from .label_candidates import Candidate, candidates, leaving_directions, scan_candidates
from .label_repair import disambiguate, min_conflicts
from .label_scene import Scene

__all__ = ["LabelPlacement", "place_labels"]

# Cost of a candidate's direction relative to a neighbour's: the same direction along a run reads
# as one column or row of names.
SAME_SIDE_BONUS = 0.8
# A terminus reads best with its name beyond the end of the line.
BEYOND_END_BONUS = 0.6
# Candidates that block the best free place of a station not yet labelled cost this much each.
BLOCKING_COST = 0.9
# A label nearer to another station's marker than to its own reads as that station's name.
AMBIGUOUS_COST = 2.5
# The improvement pass: rounds, and the least gain worth a move.
IMPROVE_ROUNDS = 2
IMPROVE_MARGIN = 0.3
# A station with at most this many free candidates is placed before the others.
CONSTRAINED = 8
# Labels a stuck station may evict from one place, how deep evicted labels may evict in turn,
# and how many places are tried at each depth.
MAX_MOVED = 2
EVICTION_DEPTH = 1
REPAIR_TRIES = {2: 40, 1: 12}
# Free boxes kept from the fine scan around a stuck station.
SCAN_KEEP = 48
SCAN_SPACING = 14.0
# Boxes of the fine scan (nearest first) weighed by the last resort when nothing is free.
LAST_RESORT_SCAN = 240
_BIG = 1e6


def place_labels(
    layer: Layer, stations: Sequence[PlacedStation], edges: Sequence[PlacedEdge]
) -> tuple[PlacedStation, ...]:
    """The same stations with `label` set for every non-junction station (None for junctions)."""
    return LabelPlacement(layer, stations, edges).finished()


class LabelPlacement:
    """A label placement in two steps, so that a caller can pass over a crowded drawing early.

    Making one places every label greedily and rescues the stations left without a free place
    (slides, fine scan, evictions); `stuck` names those still without one, in placement order.
    `finished()` then runs the improvement pass, the last resort for the stuck stations and the
    moving of names that read as another station's, and returns what `place_labels` returns.
    """

    def __init__(
        self, layer: Layer, stations: Sequence[PlacedStation], edges: Sequence[PlacedEdge]
    ) -> None:
        self._stations = tuple(stations)
        self._placer = _Placer(layer, stations, edges)
        self.stuck: tuple[str, ...] = tuple(self._placer.start())
        self._labelled: tuple[PlacedStation, ...] | None = None

    def finished(self) -> tuple[PlacedStation, ...]:
        """The stations with `label` set for every non-junction station (None for junctions);
        the placement is finished once, on the first call."""
        if self._labelled is None:
            placer = self._placer
            placer.finish(list(self.stuck))
            out = []
            for s in self._stations:
                c = placer.chosen.get(s.id)
                label = Label(c.box, c.lines, c.align) if c is not None and not s.junction else None
                out.append(replace(s, label=label))
            self._labelled = tuple(out)
        return self._labelled


class _Placer:
    """The state of one placement: obstacles, every station's candidates, the labels chosen."""

    def __init__(
        self, layer: Layer, stations: Sequence[PlacedStation], edges: Sequence[PlacedEdge]
    ) -> None:
        self.layer = layer
        self.scene = Scene(stations, edges)
        self.by_id = {s.id: s for s in stations}
        self.rank = {s.id: i for i, s in enumerate(stations)}
        near: dict[str, list[str]] = {}
        self.away: dict[str, list[Point]] = {}
        for e in edges:
            near.setdefault(e.source, []).append(e.target)
            near.setdefault(e.target, []).append(e.source)
            ends = leaving_directions(e.path)
            if ends is not None:
                self.away.setdefault(e.source, []).append(ends[0])
                self.away.setdefault(e.target, []).append(ends[1])
        self.neighbours = {k: tuple(v) for k, v in near.items()}
        # Being clear of markers and lines never changes: filter each station's candidates once.
        self.options: dict[str, list[Candidate]] = {}
        self.free: dict[str, list[Candidate]] = {}
        for s in stations:
            if not s.junction:
                self.options[s.id] = candidates(s, self.away.get(s.id, []))
                self.free[s.id] = [c for c in self.options[s.id] if self.scene.clear(c.box)]
        self._second: dict[str, list[Candidate]] = {}
        self._more: dict[str, list[Candidate]] = {}
        self.chosen: dict[str, Candidate] = {}
        self._ambiguous: dict[tuple[str, Box], bool] = {}
        self._scans: dict[str, list[Candidate]] = {}  # `scan_candidates` of each station, once

    def start(self) -> list[str]:
        """Greedy placement and rescue of stuck stations; the stations still stuck."""

        def priority(sid: str) -> tuple[int, int, int]:
            important = self.layer.is_terminus(sid) or self.layer.is_transfer(sid)
            constrained = len(self.free[sid]) <= CONSTRAINED
            return (0 if constrained else 1, 0 if important else 1, self.rank[sid])

        stuck = []
        for sid in sorted(self.free, key=priority):
            best = self.best(sid, self.free[sid])
            if best is None:
                stuck.append(sid)
            else:
                self.place(sid, best)
        # Two rounds: evictions made for one station can open room for another.
        for _ in range(2):
            before = len(stuck)
            stuck = [sid for sid in stuck if not self.settle(sid, EVICTION_DEPTH, frozenset())]
            if len(stuck) in (0, before):
                break
        if stuck:
            stuck = min_conflicts(self, stuck)
        return stuck

    def finish(self, stuck: Sequence[str]) -> None:
        """Improvement, the last resort for the `stuck` stations, and moving names that read as
        another station's."""
        self.improve()
        for sid in stuck:
            self.place(sid, self._last_resort(sid))
        disambiguate(self)

    def _last_resort(self, sid: str) -> Candidate:
        """Any box of the fine scan still free (beyond the few rescue kept), else a box that only
        gives up the clearance (touching no line, marker or label), else least overlap."""
        scene = self.scene
        scan = self.scanned(sid)
        for c in scan:
            if not scene.label_conflicts(c.box) and scene.clear(c.box):
                return c
        # Nothing free near: a box within LABEL_GAP of a line or label but off it still reads
        # and overlaps nothing.
        near = self.options[sid] + self.alternatives(sid, scan=False)
        for c in sorted(near + scan, key=_cost):
            if not scene.label_conflicts(c.box, gap=0.0) and scene.clear(c.box, gap=0.0):
                return c
        # Still nothing: a box as near, by its edge, beyond a line that runs close by (a long
        # name between two lines nearer than its length); it may read as a neighbour's name,
        # which the metrics count, but it covers nothing.
        for c in scan_candidates(self.by_id[sid], wide=True):
            if not scene.label_conflicts(c.box) and scene.clear(c.box):
                return c
        # Still nothing: the least overlap of what is drawn, which the metrics report.
        return min(
            near + scan[:LAST_RESORT_SCAN],
            key=lambda c: (
                len(scene.label_conflicts(c.box, gap=0.0)),
                round(scene.fixed_overlap(c.box, gap=0.0), 6),
                c.cost,
            ),
        )

    def scanned(self, sid: str) -> list[Candidate]:
        """`scan_candidates` of `sid` (the same list each time: it depends on the station only)."""
        if sid not in self._scans:
            self._scans[sid] = scan_candidates(self.by_id[sid])
        return self._scans[sid]

    def radius(self, sid: str) -> float:
        """The radius of `sid`'s marker."""
        return _radius(self.by_id[sid])

    def ambiguous(self, sid: str, box: Box) -> bool:
        """Whether another station's marker comes nearer to `box` than `sid`'s own marker."""
        known = self._ambiguous.get((sid, box))
        if known is None:
            station = self.by_id[sid]
            own = (station.x, station.y)
            known = self._ambiguous[sid, box] = (
                self.scene.closer_stations(box, own, _radius(station)) > 0
            )
        return known

    def worth(self, sid: str, c: Candidate) -> float:
        """What a placed label costs the reader: its own cost, plus any ambiguity."""
        station = self.by_id[sid]
        closer = self.scene.closer_stations(c.box, (station.x, station.y), _radius(station))
        return c.cost + AMBIGUOUS_COST * closer

    def improve(self) -> None:
        """Move labels to cheaper free places, pushing at most one other label elsewhere.

        The greedy pass fixes early labels before it knows who needs their room; this gives
        a far or ambiguous label a second chance once everything is placed.
        """
        for _ in range(IMPROVE_ROUNDS):
            changed = False
            worth = {sid: self.worth(sid, c) for sid, c in self.chosen.items()}
            for sid in sorted(worth, key=lambda s: (-worth[s], self.rank[s])):
                if self._improve_one(sid):
                    changed = True
            if not changed:
                return

    def _improve_one(self, sid: str) -> bool:
        current = self.chosen[sid]
        now = self.worth(sid, current)
        for c in self.free[sid]:
            if c.cost >= now - IMPROVE_MARGIN:
                return False  # sorted by cost, and worth >= cost
            gain = now - self.worth(sid, c)
            if gain <= IMPROVE_MARGIN:
                continue
            blockers = self.scene.label_conflicts(c.box, skip=sid)
            if len(blockers) > 1:
                continue
            self.unplace(sid)
            if not blockers:
                self.place(sid, c)
                return True
            other = blockers[0]
            was = self.unplace(other)
            self.place(sid, c)
            moved = self.best(other, self.alternatives(other, scan=False))
            if moved is not None:
                cost = self.worth(other, moved) - self.worth(other, was)
                if cost < gain - IMPROVE_MARGIN:
                    self.place(other, moved)
                    return True
            self.unplace(sid)
            self.place(sid, current)
            self.place(other, was)
        return False

    def place(self, sid: str, c: Candidate) -> None:
        self.chosen[sid] = c
        self.scene.put(sid, c.box)

    def unplace(self, sid: str) -> Candidate:
        self.scene.take(sid)
        return self.chosen.pop(sid)

    def alternatives(self, sid: str, scan: bool = True) -> list[Candidate]:
        """Every free place of `sid`, all tiers, cheapest first (the far tiers built lazily).

        Without `scan`, only the first two tiers: enough for a label moved out of the way.
        """
        if sid not in self._second:
            station = self.by_id[sid]
            second = candidates(station, self.away.get(sid, []), far=True)
            self._second[sid] = sorted(
                self.free[sid] + [c for c in second if self.scene.clear(c.box)],
                key=lambda c: c.cost,
            )
        if not scan:
            return self._second[sid]
        if sid not in self._more:
            kept: list[Candidate] = []
            cells: set[tuple[tuple[str, ...], int, int]] = set()
            for c in self.scanned(sid):  # nearest first; a few dozen will do
                if len(kept) >= SCAN_KEEP:
                    break
                # one box per SCAN_SPACING cell: nearly equal boxes would waste repair attempts
                cell = (c.lines, int(c.box.x // SCAN_SPACING), int(c.box.y // SCAN_SPACING))
                if cell in cells or not self.scene.clear(c.box):
                    continue
                cells.add(cell)
                kept.append(c)
            self._more[sid] = sorted(self._second[sid] + kept, key=lambda c: c.cost)
        return self._more[sid]

    def built_places(self, sid: str) -> list[Candidate]:
        """The free places of `sid` of the tiers built so far (the second tier only once a search
        asked for it), cheapest first."""
        return self._second.get(sid, self.free[sid])

    def best(self, sid: str, cands: list[Candidate]) -> Candidate | None:
        """The cheapest of `cands` clear of every placed label (None if there is none)."""
        near = self.neighbours.get(sid, ())
        sides = {self.chosen[n].direction for n in near if n in self.chosen}
        terminus = self.layer.is_terminus(sid)
        own = (self.by_id[sid].x, self.by_id[sid].y)
        radius = _radius(self.by_id[sid])
        # Look ahead: the good places still open to neighbours that wait for their label.
        waiting = []
        for n in near:
            if n not in self.chosen and n in self.free:
                boxes = [o.box for o in self.free[n][:6] if not self.scene.label_conflicts(o.box)]
                if boxes:
                    waiting.append(boxes)
        best: tuple[float, Candidate] | None = None
        for c in cands:  # sorted by cost, so later ones can only win by their bonuses
            if best is not None and c.cost - SAME_SIDE_BONUS - BEYOND_END_BONUS >= best[0]:
                break
            if self.scene.label_conflicts(c.box):
                continue
            cost = c.cost
            if c.direction in sides:
                cost -= SAME_SIDE_BONUS
            if terminus and c.beyond_end:
                cost -= BEYOND_END_BONUS
            for boxes in waiting:
                if all(b.overlaps(c.box, -LABEL_GAP) for b in boxes):
                    cost += BLOCKING_COST
            cost += AMBIGUOUS_COST * self.scene.closer_stations(c.box, own, radius)
            if best is None or cost < best[0] - 1e-9:
                best = (cost, c)
        return best[1] if best else None

    def settle(self, sid: str, depth: int, frozen: frozenset[str]) -> bool:
        """Place `sid` on a free place of any tier, evicting labels in its way if need be.

        An evicted label settles again the same way with one level less (`depth`); labels in
        `frozen` (the chain of evictors) stay put. On failure everything is as it was.
        """
        options = self.alternatives(sid, scan=depth > 0)
        pick = self.best(sid, options)
        if pick is not None:
            self.place(sid, pick)
            return True
        if depth == 0:
            return False
        for c in options[: REPAIR_TRIES[depth]]:
            blockers = self.scene.label_conflicts(c.box)
            if len(blockers) > MAX_MOVED or frozen.intersection(blockers):
                continue
            before = dict(self.chosen)
            for b in blockers:
                self.unplace(b)
            self.place(sid, c)
            if all(self.settle(b, depth - 1, frozen | {sid}) for b in blockers):
                return True
            self.restore(before)
        return False

    def restore(self, before: dict[str, Candidate]) -> None:
        """Put the labels back as they were in `before` (station -> chosen candidate)."""
        for sid in list(self.chosen):
            if before.get(sid) is not self.chosen[sid]:
                self.unplace(sid)
        for sid, c in before.items():
            if sid not in self.chosen:
                self.place(sid, c)


def _cost(c: Candidate) -> float:
    return c.cost


def _radius(station: PlacedStation) -> float:
    return marker_radius(max(len(station.lines), 1))
