"""One-dimensional compaction: close vertical gaps of a drawing that only horizontal pieces span.

The drawing is cut at every distinct x coordinate of its points (stations and bend vertices).
The open strip between two neighbouring cuts may become narrower when every piece that spans it
is horizontal: each such piece gets shorter, and no piece changes direction (a diagonal piece
across the strip would tilt, so strips under a diagonal keep their width). Everything right of
the strip moves left by the same amount, so the left-to-right order of all points stays as it
was, and with it every crossing and every non-crossing of pieces.

Strips narrow in steps of `STEP` (half a station gap, which keeps points on the half-unit grid
and diagonals exactly diagonal once exported), never below `STEP`, and only as far as:

- things in the same or a neighbouring row (half a unit or less apart vertically) that do not
  touch keep at least `CLEARANCE` between them (or their present distance, when less);
- a chain of `k` station-to-station edges keeps at least `k * MIN_EDGE` of length, room for its
  stations at even spacing.

Which strip narrows next, and by how much, is chosen greedily: the move that lowers the
coefficient of variation of the edge lengths most (each chain's stations evenly spread). A
strip that only horizontal pieces span may also widen a little when that evens the lengths
much (`GROW`), up to `GROW_UP_TO` per edge. The y axis is the same problem transposed
(`transposed`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

Vec = tuple[float, float]

# Coordinates move in multiples of this (half a station gap).
STEP = 0.5
# Distance kept between things that do not touch (unless they are closer already).
CLEARANCE = 1.0
# Length kept per station-to-station edge of a chain.
MIN_EDGE = 1.0
# A strip spanned by horizontal pieces of short chains may also widen, by up to GROW half
# units per move, when that evens the lengths more than GROW_COST (in CV^2): the drawing grows.
GROW = 2
GROW_COST = 0.002
# ... on a drawing of more than GROW_COST_EDGES edges, GROW_COST * GROW_COST_EDGES / edges: one
# edge's share of CV^2 falls with the number of edges, so a fixed cost would forbid every growth
# on a big map (rail-220: lengthening a 1-gap edge to 1.5 gains 0.0005).
GROW_COST_EDGES = 30
# ... and never makes a chain's edges longer on average than GROW_UP_TO (station gaps) or than
# GROW_PAST_MEAN times the mean edge length of the drawing, whichever is more: where fans and
# skip edges make the mean long (pipelines), the short edges may grow towards it.
GROW_UP_TO = 1.5
GROW_PAST_MEAN = 2.0
# Factors tried in turn by `compact.compact` when a drawing grown that far crowds a station.
GROW_PAST_MEAN_TRIES = (GROW_PAST_MEAN, 1.0, 0.0)
# Moves per strip, at most (each lowers the CV, so this only bounds the time).
MOVES_PER_GAP = 4
_EPS = 1e-6


@dataclass
class Drawing:
    """What compaction moves: key stations (points) and chains (polylines between them).

    `steps[c]` is the number of station-to-station edges chain `c` holds; its stations are
    spread along `chains[c]` afterwards.
    """

    points: dict[str, Vec]
    chains: list[list[Vec]]
    steps: list[int]


def transposed(d: Drawing) -> Drawing:
    """The same drawing with x and y swapped (compacting its x compacts the original's y)."""
    return Drawing(
        {k: (y, x) for k, (x, y) in d.points.items()},
        [[(y, x) for x, y in c] for c in d.chains],
        list(d.steps),
    )


def box_area(points: Iterable[Vec]) -> float:
    """Area of the bounding box of the points, with one station gap of margin (0 for none)."""
    pts = list(points)
    if not pts:
        return 0.0
    xs = [x for x, _ in pts]
    ys = [y for _, y in pts]
    return (max(xs) - min(xs) + 1) * (max(ys) - min(ys) + 1)


def drawing_area(d: Drawing) -> float:
    """Area of the bounding box of a drawing's key stations and chains (`box_area`)."""
    return box_area([*d.points.values(), *(p for chain in d.chains for p in chain)])


def on_half_grid(d: Drawing) -> bool:
    """Whether every point and vertex sits on the half-unit grid (required by `compact_x`)."""
    pts = list(d.points.values()) + [p for c in d.chains for p in c]
    return all(abs(v / STEP - round(v / STEP)) < _EPS for p in pts for v in p)


def _key(v: float) -> int:
    return round(v / STEP)


def chain_length(chain: Sequence[Vec]) -> float:
    """Length of a polyline."""
    return sum(math.dist(a, b) for a, b in pairwise(chain))


def compact_x(d: Drawing, past_mean: float = GROW_PAST_MEAN) -> tuple[Drawing, bool]:
    """Narrow vertical strips of `d` while the edge-length CV falls (see module docstring).

    `past_mean`: short chains may grow up to this many times the mean edge length.

    Returns the new drawing and whether anything moved.
    """
    rows = _samples(d)
    cols = sorted({x for band in rows.values() for lo, hi, _, _ in band for x in (lo, hi)})
    if len(cols) < 2:
        return d, False
    at = {k: i for i, k in enumerate(cols)}
    gaps = len(cols) - 1
    fixed = [False] * gaps
    spans: list[dict[int, int]] = [{} for _ in range(gaps)]  # gap -> chain -> horizontal pieces
    for c, chain in enumerate(d.chains):
        for a, b in pairwise(chain):
            ka, kb = sorted((at[_key(a[0])], at[_key(b[0])]))
            horizontal = _key(a[1]) == _key(b[1])
            for g in range(ka, kb):
                if horizontal:
                    spans[g][c] = spans[g].get(c, 0) + 1
                else:
                    fixed[g] = True
    xs = [float(k) for k in cols]  # positions in half units, per column
    limits = _separations(rows, at)
    lengths = [chain_length(c) / STEP for c in d.chains]  # in half units
    need = [s * MIN_EDGE / STEP for s in d.steps]
    spread = LengthSpread(lengths, d.steps, past_mean)
    moved = False
    for _ in range(MOVES_PER_GAP * gaps):
        room = _room(xs, limits, gaps)
        pick: tuple[float, int, int] | None = None
        for g in range(gaps):
            if fixed[g] or not spans[g]:
                continue
            free = min(room[g], int(xs[g + 1] - xs[g]) - 1)
            for c, m in spans[g].items():
                free = min(free, int((lengths[c] - need[c] + _EPS) // m))
            grow = min(
                [GROW]
                + [
                    int((spread.grow_limit(d.steps[c]) - lengths[c]) // m)
                    for c, m in spans[g].items()
                ]
            )
            for step in range(-max(grow, 0), free + 1):
                gain = spread.gain(spans[g], step) - (spread.grow_cost if step < 0 else 0.0)
                if step and gain > 1e-9 and (pick is None or gain > pick[0] + 1e-9):
                    pick = (gain, g, step)
        if pick is None:
            break
        _, g, step = pick
        for j in range(g + 1, len(xs)):
            xs[j] -= step
        spread.apply(spans[g], step)
        moved = True
    if not moved:
        return d, False
    new = {k: xs[i] * STEP for k, i in at.items()}

    def move(p: Vec) -> Vec:
        return (new[_key(p[0])], p[1])

    return (
        Drawing(
            {k: move(p) for k, p in d.points.items()},
            [[move(p) for p in c] for c in d.chains],
            list(d.steps),
        ),
        True,
    )


class LengthSpread:
    """The squared coefficient of variation of the edge lengths, kept up to date cheaply.

    A chain of length L and k edges contributes k edges of length L / k (its stations are
    spread evenly). With S1 = sum L, S2 = sum L^2 / k and N = sum k: CV^2 = N * S2 / S1^2 - 1.
    """

    def __init__(
        self, lengths: list[float], steps: Sequence[int], past_mean: float = GROW_PAST_MEAN
    ) -> None:
        self.past_mean = past_mean
        self.lengths = lengths
        self.steps = steps
        self.n = sum(steps)
        self.s1 = sum(lengths)
        self.s2 = sum(L * L / k for L, k in zip(lengths, steps, strict=True) if k)
        self.grow_cost = GROW_COST * min(1.0, GROW_COST_EDGES / self.n) if self.n else GROW_COST

    def grow_limit(self, k: int) -> float:
        """How long (in the lengths' unit, half units) a chain of `k` edges may grow."""
        mean = self.s1 / self.n if self.n else 0.0
        return k * max(GROW_UP_TO / STEP, self.past_mean * mean)

    def value(self, s1: float, s2: float) -> float:
        return self.n * s2 / (s1 * s1) if s1 > 0 else 0.0

    def _after(self, span: Mapping[int, float], step: float) -> tuple[float, float]:
        s1, s2 = self.s1, self.s2
        for c, m in span.items():
            L, k = self.lengths[c], self.steps[c]
            s1 -= m * step
            s2 += ((L - m * step) ** 2 - L * L) / k
        return s1, s2

    def gain(self, span: Mapping[int, float], step: float) -> float:
        """How much CV^2 falls when every chain in `span` loses m * step (m pieces each)."""
        return self.value(self.s1, self.s2) - self.value(*self._after(span, step))

    def apply(self, span: Mapping[int, float], step: float) -> None:
        self.s1, self.s2 = self._after(span, step)
        for c, m in span.items():
            self.lengths[c] -= m * step


# A separation: column `left`, column `right`, least distance (half units) between them.
_Limit = tuple[int, int, float]


# samples per row (half units): (x from, x to, thing, the thing's end points)
_Rows = dict[int, list[tuple[int, int, int, frozenset[Vec]]]]


def _samples(d: Drawing) -> _Rows:
    """Where each thing (station, piece) lies on each half-unit row it touches."""
    rows: _Rows = {}
    thing = 0
    for p in d.points.values():
        rows.setdefault(_key(p[1]), []).append((_key(p[0]), _key(p[0]), thing, frozenset([p])))
        thing += 1
    for chain in d.chains:
        for a, b in pairwise(chain):
            ends = frozenset([a, b])
            (ax, ay), (bx, by) = (_key(a[0]), _key(a[1])), (_key(b[0]), _key(b[1]))
            if ay == by:
                rows.setdefault(ay, []).append((min(ax, bx), max(ax, bx), thing, ends))
            else:
                n = abs(by - ay)
                for i in range(n + 1):
                    x = ax + (bx - ax) * i // n
                    rows.setdefault(ay + (by - ay) * i // n, []).append((x, x, thing, ends))
            thing += 1
    return rows


def _separations(rows: _Rows, at: dict[int, int]) -> list[_Limit]:
    """Least distances between columns that keep apart things in the same or adjacent rows.

    In each band of two neighbouring rows, every thing is kept apart from the first thing to
    its right that it does not touch; things farther right follow, as the order of columns
    never changes.
    """
    keep = CLEARANCE / STEP
    limits: set[_Limit] = set()
    for r in sorted(rows):
        band = sorted(rows[r] + rows.get(r + 1, []))
        for i, (_, right, who, ends) in enumerate(band):
            for lo, _, other, their in band[i + 1 :]:
                if lo <= right or other == who or ends & their:
                    continue
                limits.add((at[right], at[lo], min(keep, float(lo - right))))
                break
    return sorted(limits)


def _room(xs: Sequence[float], limits: Sequence[_Limit], gaps: int) -> list[int]:
    """How many half units each gap may lose before some separation is broken."""
    room = [1 << 30] * gaps
    for left, right, least in limits:
        slack = int(xs[right] - xs[left] - least + _EPS)
        for g in range(left, right):
            if slack < room[g]:
                room[g] = slack
    return room
