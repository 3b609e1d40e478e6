"""Compaction along cuts that bend around diagonals (after the straight strips of compact_axis).

A straight vertical strip cannot narrow when some diagonal piece crosses it anywhere, which on a
big map is almost always. Here the cut is not a straight line: start from everything right of
a vertical line, and wherever a piece that is not horizontal joins that part to the rest, its
other end joins the part too (it moves along, so the piece keeps its direction). The part then
moves left by a few half units: horizontal pieces from the rest into it get shorter (or, when
they enter it from the right, longer); nothing else changes shape.

Such a part can move into other things, so each move is checked geometrically: no two things
that do not touch (key stations, pieces) come nearer than `compact_axis.CLEARANCE`, unless they
were nearer already, in which case they come no nearer. Chains keep room for their stations
(`compact_axis.MIN_EDGE` per edge). Moves are chosen greedily by the edge-length CV, as in
`compact_axis`; the number of moves and of checks is bounded so big maps stay fast.

With `small`, the parts grown from one node (`_seed_parts`: a terminus, a short branch) are
candidates too: they move alone where a half-plane cut would take half the map along, and stay
inside the drawing's bounding box.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from itertools import pairwise

from .compact_axis import (
    CLEARANCE,
    GROW,
    GROW_PAST_MEAN,
    MIN_EDGE,
    STEP,
    Drawing,
    LengthSpread,
    chain_length,
)

__all__ = ["compact_cuts"]

# Largest move, in half units.
MAX_SHIFT = 8
# Moves per call, per chain of the drawing (and at most MAX_MOVES), and candidate moves checked
# geometrically per accepted move.
MOVES_PER_CHAIN = 1
MAX_MOVES = 40
CHECKS = 6
# Drawings with more points than this are left to the straight strips (time).
MAX_NODES = 700
# Parts grown from one node (`_seed_parts`) of at most this many nodes are moved alone too.
SEED_PART = 40
_CELL = 4  # spatial grid cell, half units

Pt = tuple[int, int]


def _key(p: tuple[float, float]) -> Pt:
    return (round(p[0] / STEP), round(p[1] / STEP))


class _Net:
    """Nodes (distinct points, half units) and pieces (node, node, chain) of a drawing."""

    def __init__(self, d: Drawing, v: Pt) -> None:
        self.v = v
        self.norm = math.hypot(*v)  # half units a move of one step covers
        index: dict[Pt, int] = {}
        self.xy: list[list[int]] = []

        def node(p: tuple[float, float]) -> int:
            k = _key(p)
            if k not in index:
                index[k] = len(self.xy)
                self.xy.append([k[0], k[1]])
            return index[k]

        self.index = index  # original point -> node
        self.keys = {name: node(p) for name, p in d.points.items()}
        self.pieces: list[tuple[int, int, int]] = []
        for c, chain in enumerate(d.chains):
            ids = [node(p) for p in chain]
            self.pieces.extend((a, b, c) for a, b in pairwise(ids) if a != b)
        self.at: list[list[int]] = [[] for _ in self.xy]
        for n, (a, b, _) in enumerate(self.pieces):
            self.at[a].append(n)
            self.at[b].append(n)
        self.points = sorted(set(self.keys.values()))

    def level(self, i: int) -> int:
        """How far node i lies along the direction of motion."""
        return self.xy[i][0] * self.v[0] + self.xy[i][1] * self.v[1]

    def parallel(self, i: int, j: int) -> bool:
        (xi, yi), (xj, yj) = self.xy[i], self.xy[j]
        return (xj - xi) * self.v[1] == (yj - yi) * self.v[0]

    def part(self, cut: float) -> set[int]:
        """Nodes beyond level `cut`, and every node tied to them by a piece not parallel to the
        direction of motion."""
        right = {i for i in range(len(self.xy)) if self.level(i) > cut}
        stack = sorted(right)
        while stack:
            i = stack.pop()
            for n in self.at[i]:
                u, v, _ = self.pieces[n]
                j = v if u == i else u
                if j not in right and not self.parallel(i, j):
                    right.add(j)
                    stack.append(j)
        return right

    def move(self, part: AbstractSet[int], shift: int) -> None:
        """Move `part` back along the direction of motion by `shift` steps."""
        for i in sorted(part):
            self.xy[i][0] -= shift * self.v[0]
            self.xy[i][1] -= shift * self.v[1]


def compact_cuts(
    d: Drawing, v: Pt = (1, 0), past_mean: float = GROW_PAST_MEAN, small: bool = False
) -> tuple[Drawing, bool]:
    """Move parts of `d` back along `v` (a unit octilinear step in half units: (1, 0) moves the
    part beyond a vertical cut left, (1, 1) shortens diagonals) while the edge-length CV falls;
    `past_mean` bounds growth as in `compact_axis.compact_x`. With `small`, the small parts of
    `_seed_parts` are candidates too."""
    net = _Net(d, v)
    if len(net.xy) > MAX_NODES or len(net.xy) < 3:
        return d, False
    lengths = [chain_length(c) / STEP for c in d.chains]
    need = [s * MIN_EDGE / STEP for s in d.steps]
    spread = LengthSpread(lengths, d.steps, past_mean)
    seeds = _seed_parts(net) if small else []
    things = _things(net)
    moved = False
    for _ in range(min(MAX_MOVES, MOVES_PER_CHAIN * len(d.chains) + 1)):
        options = _options(net, spread, lengths, need, d.steps, seeds)
        index = _Index(net, things)
        for _, _, shift, part in options[:CHECKS]:
            if _fits(net, things, index, part, shift):
                spread.apply(_spans(net, part), shift * net.norm)
                net.move(part, shift)
                moved = True
                break
        else:
            break
    if not moved:
        return d, False

    def back(p: tuple[float, float]) -> tuple[float, float]:
        x, y = net.xy[net.index[_key(p)]]
        return (x * STEP, y * STEP)

    return (
        Drawing(
            {name: back(p) for name, p in d.points.items()},
            [[back(p) for p in chain] for chain in d.chains],
            list(d.steps),
        ),
        True,
    )


def _seed_parts(net: _Net) -> list[frozenset[int]]:
    """Small parts that move alone: each node with every node tied to it by a piece not parallel
    to the direction of motion (as `_Net.part`, from one node instead of a half-plane), when that
    holds at most `SEED_PART` nodes. A terminus at the end of a piece along the motion is such a
    part by itself, and so is a short side branch. They depend only on the pieces' directions,
    which never change, so they are found once."""
    out: list[frozenset[int]] = []
    seen: set[frozenset[int]] = set()
    limit = min(SEED_PART, len(net.xy) // 2)
    for start in range(len(net.xy)):
        part = {start}
        stack = [start]
        while stack and len(part) <= limit:
            i = stack.pop()
            for n in net.at[i]:
                u, w, _ = net.pieces[n]
                j = w if u == i else u
                if j not in part and not net.parallel(i, j):
                    part.add(j)
                    stack.append(j)
        frozen = frozenset(part)
        if len(part) <= limit and frozen not in seen:
            seen.add(frozen)
            out.append(frozen)
    return out


def _spans(net: _Net, part: AbstractSet[int]) -> dict[int, int]:
    """Per chain: pieces entering `part` from behind (they get shorter) minus those entering it
    from ahead (longer); all are parallel to the direction of motion."""
    out: dict[int, int] = {}
    for inside, outside, c in _boundary(net, part):
        sign = 1 if net.level(outside) < net.level(inside) else -1
        out[c] = out.get(c, 0) + sign
    return out


def _boundary(net: _Net, part: AbstractSet[int]) -> list[tuple[int, int, int]]:
    """(node inside, node outside, chain) of every piece between `part` and the rest."""
    out = []
    for i in sorted(part):
        for n in net.at[i]:
            u, w, c = net.pieces[n]
            j = w if u == i else u
            if j not in part:
                out.append((i, j, c))
    return out


def _options(
    net: _Net,
    spread: LengthSpread,
    lengths: Sequence[float],
    need: Sequence[float],
    steps: Sequence[int],
    seeds: Sequence[frozenset[int]] = (),
) -> list[tuple[float, int, int, frozenset[int]]]:
    """Candidate moves (gain, cut, shift, part), best first: the parts beyond every cut across
    the direction of motion, then the small parts of `seeds`."""
    xs = sorted({net.level(i) for i in range(len(net.xy))})
    parts: list[tuple[int, frozenset[int]]] = []
    seen: set[frozenset[int]] = set()
    xs_all = [x for x, _ in net.xy]
    ys_all = [y for _, y in net.xy]
    box = (min(xs_all), min(ys_all), max(xs_all), max(ys_all))
    for a, b in pairwise(xs):
        frozen = frozenset(net.part((a + b) / 2))
        if len(frozen) < len(net.xy) and frozen not in seen:
            seen.add(frozen)
            parts.append((a, frozen))
    for seed in seeds:
        if seed not in seen:
            seen.add(seed)
            parts.append((max(xs) + 1 + len(parts), seed))
    out: list[tuple[float, int, int, frozenset[int]]] = []
    for cut, part in parts:
        inside = box if cut > xs[-1] else None  # small parts stay inside the drawing's box
        best = _best_shift(net, part, spread, lengths, need, steps, inside)
        if best is not None:
            out.append((best[0], cut, best[1], part))
    out.sort(key=lambda o: (-o[0], o[1], o[2]))
    return out


def _best_shift(
    net: _Net,
    part: frozenset[int],
    spread: LengthSpread,
    lengths: Sequence[float],
    need: Sequence[float],
    steps: Sequence[int],
    box: tuple[int, int, int, int] | None = None,
) -> tuple[float, int] | None:
    """The shift of `part` (steps back along the motion; negative: forward) that lowers CV^2
    most, with its gain, or None. With `box` (x0, y0, x1, y1), the part stays inside it."""
    square = net.v[0] ** 2 + net.v[1] ** 2
    spans: dict[int, int] = {}
    back, forth = MAX_SHIFT, GROW  # how far the part may move back, and forward
    if box is not None:
        for axis in (0, 1):
            step = net.v[axis]
            if step:
                lo = min(net.xy[i][axis] for i in part) - box[axis]
                hi = box[axis + 2] - max(net.xy[i][axis] for i in part)
                # moving back by `shift` changes this coordinate by -shift * step
                ahead, behind = (lo, hi) if step > 0 else (hi, lo)
                back, forth = min(back, ahead), min(forth, behind)
    for inside, outside, c in _boundary(net, part):
        gap = (net.level(inside) - net.level(outside)) // square  # steps of v
        if gap > 0:
            back = min(back, gap - 1)
            spans[c] = spans.get(c, 0) + 1
        else:
            forth = min(forth, -gap - 1)
            spans[c] = spans.get(c, 0) - 1
    if not spans:
        return None
    for c, m in spans.items():
        if m == 0:
            continue
        room = int((lengths[c] - need[c] + 1e-6) // (abs(m) * net.norm))
        reach = int((spread.grow_limit(steps[c]) - lengths[c]) // (abs(m) * net.norm))
        if m > 0:
            back, forth = min(back, room), min(forth, reach)
        else:
            back, forth = min(back, reach), min(forth, room)
    best: tuple[float, int] | None = None
    for shift in [*range(-max(forth, 0), 0), *range(1, back + 1)]:
        gain = spread.gain(spans, shift * net.norm) - (spread.grow_cost if shift < 0 else 0.0)
        if gain > 1e-9 and (best is None or gain > best[0] + 1e-9):
            best = (gain, shift)
    return best


Thing = tuple[tuple[int, ...], tuple[int, ...]]


def _things(net: _Net) -> list[Thing]:
    """(nodes, ends) of every key station (one node) and piece (two nodes)."""
    out: list[Thing] = [((i,), (i,)) for i in net.points]
    out.extend(((u, v), (u, v)) for u, v, _ in net.pieces)
    return out


class _Index:
    """The things of a drawing in a grid of `_CELL` half units, at their present places, and
    the things at each node."""

    def __init__(self, net: _Net, things: Sequence[Thing]) -> None:
        self.grid: dict[tuple[int, int], list[int]] = {}
        self.of: list[list[int]] = [[] for _ in net.xy]
        for t, (nodes, _) in enumerate(things):
            for n in nodes:
                self.of[n].append(t)
            xs = [net.xy[i][0] for i in nodes]
            ys = [net.xy[i][1] for i in nodes]
            for cell in _cells(min(xs), min(ys), max(xs), max(ys), 0.0):
                self.grid.setdefault(cell, []).append(t)


def _cells(x0: float, y0: float, x1: float, y1: float, pad: float) -> list[tuple[int, int]]:
    return [
        (gx, gy)
        for gx in range(math.floor((x0 - pad) / _CELL), math.floor((x1 + pad) / _CELL) + 1)
        for gy in range(math.floor((y0 - pad) / _CELL), math.floor((y1 + pad) / _CELL) + 1)
    ]


def _fits(
    net: _Net, things: Sequence[Thing], index: _Index, part: frozenset[int], shift: int
) -> bool:
    """Whether moving `part` back by `shift` keeps every separation (see module docstring)."""
    dx, dy = shift * net.v[0], shift * net.v[1]
    reach = CLEARANCE / STEP
    pad = reach + abs(shift) * net.norm  # a thing found here at its old place may move this far

    def new(i: int) -> tuple[int, int]:
        x, y = net.xy[i]
        return (x - dx, y - dy) if i in part else (x, y)

    def old(i: int) -> tuple[int, int]:
        x, y = net.xy[i]
        return (x, y)

    moving = sorted({t for i in part for t in index.of[i]})
    done: set[tuple[int, int]] = set()
    for t in moving:
        nodes_t, ends_t = things[t]
        moving_t = {n in part for n in nodes_t}
        at = [new(n) for n in nodes_t]
        near: set[int] = set()
        for cell in _cells(
            min(p[0] for p in at),
            min(p[1] for p in at),
            max(p[0] for p in at),
            max(p[1] for p in at),
            pad,
        ):
            near.update(index.grid.get(cell, ()))
        for s in sorted(near):
            if s == t:
                continue
            nodes_s, ends_s = things[s]
            if set(ends_t) & set(ends_s):
                continue
            moving_s = {n in part for n in nodes_s}
            if len(moving_t) == 1 and moving_t == moving_s:
                continue  # both moved alike
            pair = (min(t, s), max(t, s))
            if pair in done:
                continue
            done.add(pair)
            after = _distance(at, [new(n) for n in nodes_s])
            if after >= reach - 1e-9:
                continue
            before = _distance([old(n) for n in nodes_t], [old(n) for n in nodes_s])
            if after < min(reach, before) - 1e-9:
                return False
    return True


def _distance(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> float:
    """Distance between two things, each a point or a segment."""
    if len(a) == 1 and len(b) == 1:
        return math.dist(a[0], b[0])
    if len(a) == 1:
        return _point_segment(a[0], b[0], b[1])
    if len(b) == 1:
        return _point_segment(b[0], a[0], a[1])
    if _cross(a[0], a[1], b[0], b[1]):
        return 0.0
    return min(
        _point_segment(a[0], b[0], b[1]),
        _point_segment(a[1], b[0], b[1]),
        _point_segment(b[0], a[0], a[1]),
        _point_segment(b[1], a[0], a[1]),
    )


def _point_segment(p: tuple[int, int], a: tuple[int, int], b: tuple[int, int]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.dist(p, a)
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.dist(p, (a[0] + t * dx, a[1] + t * dy))


def _cross(a: tuple[int, int], b: tuple[int, int], c: tuple[int, int], d: tuple[int, int]) -> bool:
    def orient(p: tuple[int, int], q: tuple[int, int], r: tuple[int, int]) -> int:
        v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return (v > 0) - (v < 0)

    o1, o2, o3, o4 = orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)
    return o1 != o2 and o3 != o4
