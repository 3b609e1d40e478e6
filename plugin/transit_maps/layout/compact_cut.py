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

A bend of a chain tied to a moving part slides along its other piece instead of moving
along (`_Net.motion`): each moving node has its own vector, and every piece keeps its direction.

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
# How each moving node moves per step (lattice vector); nodes not in it stay.
Motion = dict[int, Pt]


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
        self.fixed_nodes = set(self.points)  # key stations: no slides
        # the direction of each piece from its first node, in unit lattice steps
        self.dirs: list[Pt] = []
        for a, b, _ in self.pieces:
            dx, dy = self.xy[b][0] - self.xy[a][0], self.xy[b][1] - self.xy[a][1]
            self.dirs.append(((dx > 0) - (dx < 0), (dy > 0) - (dy < 0)))
        # what depends on the shape alone, shared with every drawing of the same shape
        shapes = _shapes_of(self)
        self.cut_parts = shapes.cut_parts
        self.frozen = shapes.frozen
        self.coefficients = shapes.coefficients
        self.seeds = shapes.seeds

    def parallel(self, i: int, j: int) -> bool:
        (xi, yi), (xj, yj) = self.xy[i], self.xy[j]
        return (xj - xi) * self.v[1] == (yj - yi) * self.v[0]

    def move(self, motion: Motion, shift: int) -> None:
        """Move every node of `motion` back by `shift` times its vector."""
        for i in sorted(motion):
            m = motion[i]
            self.xy[i][0] -= shift * m[0]
            self.xy[i][1] -= shift * m[1]

    def direction(self, n: int, i: int) -> Pt:
        """Direction of piece `n` leaving its node `i`."""
        d = self.dirs[n]
        return d if self.pieces[n][0] == i else (-d[0], -d[1])

    def motion(self, seeds: AbstractSet[int], limit: int | None = None) -> Motion | None:
        """Every node that moves with `seeds` (moved along the direction of motion), and how.

        A node tied to a moving one by a piece not parallel to the motion moves along; but a
        bend of a chain (no key station) **slides** instead when it can: it moves along its
        other piece, by the vector that keeps the tying piece's direction, and takes nothing
        else along (that other piece gets longer or shorter). When slides do not add up (a
        piece would turn), every tied node moves alike, as in `part`. None when more than
        `limit` nodes move.
        """
        out = self._motion(seeds, True, limit)
        if out is not None and not self._keeps_directions(out):
            out = self._motion(seeds, False, limit)
        return out

    def _motion(self, seeds: AbstractSet[int], slide: bool, limit: int | None) -> Motion | None:
        v = self.v
        pieces, dirs, at = self.pieces, self.dirs, self.at
        out: dict[int, Pt] = {i: v for i in seeds}
        stack = sorted(seeds)
        while stack:
            i = stack.pop()
            for n in at[i]:
                u, w, _ = pieces[n]
                j = w if u == i else u
                if j in out:
                    continue
                d = dirs[n] if u == i else (-dirs[n][0], -dirs[n][1])
                if d[0] * v[1] == d[1] * v[0]:
                    continue  # parallel to the motion: the piece changes length
                sliding = _slide(self, n, j, d) if slide else None
                if sliding is not None:
                    out[j] = sliding
                else:
                    out[j] = v
                    stack.append(j)
                if limit is not None and len(out) > limit:
                    return None
        return out

    def _keeps_directions(self, motion: Motion) -> bool:
        # Only a piece at a node that moves other than by the motion can turn (`motion` comes
        # from `_motion`, which looked at every piece at every node moving by the motion: those
        # pieces run along the motion or end at a node that moves too).
        still = (0, 0)
        v = self.v
        pieces, dirs, at = self.pieces, self.dirs, self.at
        for i, m in motion.items():
            if m == v:
                continue
            for n in at[i]:
                a, b, _ = pieces[n]
                ma, mb = motion.get(a, still), motion.get(b, still)
                d = dirs[n]
                if (mb[0] - ma[0]) * d[1] != (mb[1] - ma[1]) * d[0]:
                    return False
        return True


class _Shapes:
    """What moves with what, for one shape of drawing: a direction of motion, its nodes, and
    its pieces with their directions (never where the nodes are). Compaction moves nodes but
    keeps every piece's direction, so the calls of one compaction, and the variants and
    candidates of one layer, meet the same shape again."""

    def __init__(self) -> None:
        self.cut_parts: dict[frozenset[int], Motion | None] = {}  # `_options`: seeds -> motion
        self.frozen: dict[int, tuple[Motion, frozenset[tuple[int, Pt]]]] = {}  # `_frozen`
        # `_coefficients`: id(motion) -> (motion, spans, changing pieces)
        self.coefficients: dict[
            int, tuple[Motion, dict[int, float], list[tuple[int, int, int, int, int, int]]]
        ] = {}
        self.seeds: list[list[Motion]] = []  # `_seed_parts`, once found


# shapes met lately, by their exact description (insertion-ordered: the oldest goes first)
SHAPES_SIZE = 8
_shapes: dict[tuple[object, ...], _Shapes] = {}


def _shapes_of(net: _Net) -> _Shapes:
    """The `_Shapes` of `net`'s shape, the one kept when that shape came before."""
    key = (net.v, len(net.xy), tuple(net.pieces), tuple(net.dirs), tuple(net.points))
    kept = _shapes.get(key)
    if kept is None:
        if len(_shapes) >= SHAPES_SIZE:
            del _shapes[next(iter(_shapes))]
        kept = _shapes[key] = _Shapes()
    return kept


def _slide(net: _Net, n: int, j: int, d: Pt) -> Pt | None:
    """The vector a bend `j` (no key station, two pieces) moves by when the node at the other end
    of piece `n` (direction `d` towards j) moves by the motion: along its other piece, keeping
    piece n's direction; None when j is no such bend or the vector is off the lattice."""
    if j in net.fixed_nodes or len(net.at[j]) != 2:
        return None
    other = net.at[j][0] if net.at[j][1] == n else net.at[j][1]
    e = net.direction(other, j)
    det = e[0] * d[1] - e[1] * d[0]
    if det == 0:
        return None
    v = net.v
    # v + t * d = s * e: solve for t = num / det (Cramer), the slide is v + t * d; it is on
    # the lattice when det divides num * d exactly (integers: no rounding, no Fractions)
    num = v[0] * e[1] - v[1] * e[0]
    px, py = num * d[0], num * d[1]
    if px % det or py % det:
        return None
    wx, wy = v[0] + px // det, v[1] + py // det
    if wx == 0 and wy == 0:
        return None
    return (wx, wy)


def compact_cuts(
    d: Drawing, v: Pt = (1, 0), past_mean: float = GROW_PAST_MEAN, small: bool = False
) -> tuple[Drawing, bool]:
    """Move parts of `d` back along `v` (a unit octilinear step in half units: (1, 0) moves the
    part beyond a vertical cut left, (1, 1) shortens diagonals) while the edge-length CV falls;
    `past_mean` bounds growth as in `compact_axis.compact_x`. With `small`, the small parts of
    `_seed_parts` are candidates too.

    Whether anything moves depends on the drawing's values and the arguments only, and the
    same drawing comes again (the variants and candidates of one layer are compacted from
    equal drawings): the last STILL_SIZE calls that moved nothing are kept by the exact text of
    their arguments and answered at once, `d` unchanged, as the search would.
    """
    key = repr((d.points, d.chains, d.steps, v, past_mean, small))
    if key in _still:
        return d, False
    out, moved = _compact_cuts(d, v, past_mean, small)
    if not moved:
        if len(_still) >= STILL_SIZE:
            del _still[next(iter(_still))]  # the oldest
        _still[key] = None
    return out, moved


# calls of compact_cuts that moved nothing, kept (insertion-ordered: the oldest goes first)
STILL_SIZE = 64
_still: dict[str, None] = {}


def _compact_cuts(d: Drawing, v: Pt, past_mean: float, small: bool) -> tuple[Drawing, bool]:
    """`compact_cuts`, searched."""
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
        if not options:
            break
        index = _Index(net, things)
        for _, _, shift, motion in options[:CHECKS]:
            if _fits(net, things, index, motion, shift):
                spread.apply(_spans(net, motion), shift)
                net.move(motion, shift)
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


def _seed_parts(net: _Net) -> list[Motion]:
    """Small parts that move alone: each node with what moves along with it (`_Net.motion`,
    from one node instead of a half-plane), when that is at most `SEED_PART` nodes and at most
    half the drawing. A terminus at the end of a piece along the motion is such a part by
    itself, and so is a short side branch. They depend only on the pieces' directions, which
    never change, so they are found once."""
    if net.seeds:
        return net.seeds[0]
    out: list[Motion] = []
    seen: set[frozenset[tuple[int, Pt]]] = set()
    limit = min(SEED_PART, len(net.xy) // 2)
    for start in range(len(net.xy)):
        motion = net.motion({start}, limit)
        if motion is None:
            continue
        frozen = frozenset(motion.items())
        if frozen not in seen:
            seen.add(frozen)
            out.append(motion)
    net.seeds.append(out)
    return out


def _coefficients(net: _Net, motion: Motion) -> tuple[dict[int, float], list[tuple[int, int]]]:
    """How much each chain shortens (half units) per step of `motion`, and (length in lattice
    steps, steps lost per step of motion) of every piece whose length changes."""
    key = id(motion)
    kept = net.coefficients.get(key)
    if kept is None or kept[0] is not motion:
        kept = net.coefficients[key] = (motion, *_changing(net, motion))
    _, spans, changing = kept
    xy = net.xy
    pieces = [
        (((xy[b][0] - xy[a][0]) * dx + (xy[b][1] - xy[a][1]) * dy) // square, lost)
        for a, b, dx, dy, square, lost in changing
    ]
    return spans, pieces


def _changing(
    net: _Net, motion: Motion
) -> tuple[dict[int, float], list[tuple[int, int, int, int, int, int]]]:
    """Per chain, how much it shortens per step of `motion`; and (a, b, direction, its square
    length, steps lost per step of motion) of every piece a -> b whose length changes. Neither
    depends on where the nodes are (pieces keep their directions), so `_coefficients` keeps
    them per motion."""
    spans: dict[int, float] = {}
    changing: list[tuple[int, int, int, int, int, int]] = []
    done: set[int] = set()
    for i in sorted(motion):
        for n in net.at[i]:
            if n in done:
                continue
            done.add(n)
            a, b, c = net.pieces[n]
            ma, mb = motion.get(a, (0, 0)), motion.get(b, (0, 0))
            if ma == mb:
                continue
            d = net.dirs[n]
            square = d[0] * d[0] + d[1] * d[1]
            # the piece a -> b runs along d; moving back by m changes its length by -(mb - ma).d
            lost = (mb[0] - ma[0]) * d[0] + (mb[1] - ma[1]) * d[1]  # in lattice steps * square
            changing.append((a, b, d[0], d[1], square, lost // square))
            spans[c] = spans.get(c, 0.0) + lost / math.sqrt(square)
    return spans, changing


def _spans(net: _Net, motion: Motion) -> dict[int, float]:
    """Per chain: how much it shortens (half units) per step of `motion`."""
    return _coefficients(net, motion)[0]


def _options(
    net: _Net,
    spread: LengthSpread,
    lengths: Sequence[float],
    need: Sequence[float],
    steps: Sequence[int],
    seeds: Sequence[Motion] = (),
) -> list[tuple[float, int, int, Motion]]:
    """Candidate moves (gain, cut, shift, motion), best first: the parts beyond every cut across
    the direction of motion, then the small parts of `seeds`."""
    levels = [x * net.v[0] + y * net.v[1] for x, y in net.xy]
    xs = sorted(set(levels))
    parts: list[tuple[int, Motion]] = []
    seen: set[frozenset[tuple[int, Pt]]] = set()
    xs_all = [x for x, _ in net.xy]
    ys_all = [y for _, y in net.xy]
    box = (min(xs_all), min(ys_all), max(xs_all), max(ys_all))
    by_level = sorted(range(len(levels)), key=levels.__getitem__)
    first = 0  # the nodes from by_level[first] on lie beyond the cut
    for a, _ in pairwise(xs):
        while levels[by_level[first]] <= a:
            first += 1
        beyond = frozenset(by_level[first:])
        motion = net.cut_parts.get(beyond)
        if motion is None:  # what moves depends on the pieces' directions only: kept per call
            motion = net.cut_parts[beyond] = net.motion(beyond)
        assert motion is not None
        frozen = _frozen(net, motion)
        if len(motion) < len(net.xy) and frozen not in seen:
            seen.add(frozen)
            parts.append((a, motion))
    for seed in seeds:
        frozen = _frozen(net, seed)
        if frozen not in seen:
            seen.add(frozen)
            parts.append((max(xs) + 1 + len(parts), seed))
    out: list[tuple[float, int, int, Motion]] = []
    for cut, motion in parts:
        inside = box if cut > xs[-1] else None  # small parts stay inside the drawing's box
        best = _best_shift(net, motion, spread, lengths, need, steps, inside)
        if best is not None:
            out.append((best[0], cut, best[1], motion))
    out.sort(key=lambda o: (-o[0], o[1], o[2]))
    return out


def _frozen(net: _Net, motion: Motion) -> frozenset[tuple[int, Pt]]:
    """`motion` as a frozenset of its items, kept per motion for the call."""
    kept = net.frozen.get(id(motion))
    if kept is None or kept[0] is not motion:
        kept = net.frozen[id(motion)] = (motion, frozenset(motion.items()))
    return kept[1]


def _best_shift(
    net: _Net,
    motion: Motion,
    spread: LengthSpread,
    lengths: Sequence[float],
    need: Sequence[float],
    steps: Sequence[int],
    box: tuple[int, int, int, int] | None = None,
) -> tuple[float, int] | None:
    """The shift of `motion` (steps back; negative: forward) that lowers CV^2 most, with its
    gain, or None. With `box` (x0, y0, x1, y1), every moving node stays inside it."""
    spans, pieces = _coefficients(net, motion)
    if not any(abs(m) > 1e-9 for m in spans.values()):
        return None
    back, forth = MAX_SHIFT, GROW  # how far the part may move back, and forward
    for now, lost in pieces:  # every piece keeps at least one lattice step
        if lost > 0:
            back = min(back, (now - 1) // lost)
        elif lost < 0:
            forth = min(forth, (now - 1) // -lost)
    if box is not None:
        for i, vec in motion.items():
            for axis in (0, 1):
                if vec[axis]:
                    lo = net.xy[i][axis] - box[axis]
                    hi = box[axis + 2] - net.xy[i][axis]
                    # moving back by `shift` changes this coordinate by -shift * vec
                    ahead, behind = (lo, hi) if vec[axis] > 0 else (hi, lo)
                    back = min(back, ahead // abs(vec[axis]))
                    forth = min(forth, behind // abs(vec[axis]))
    for c, m in spans.items():
        if abs(m) < 1e-9:
            continue
        room = int((lengths[c] - need[c] + 1e-6) // abs(m))
        reach = int((spread.grow_limit(steps[c]) - lengths[c] + 1e-6) // abs(m))
        if m > 0:
            back, forth = min(back, room), min(forth, reach)
        else:
            back, forth = min(back, reach), min(forth, room)
    best: tuple[float, int] | None = None
    for shift in [*range(-max(forth, 0), 0), *range(1, back + 1)]:
        gain = spread.gain(spans, shift) - (spread.grow_cost if shift < 0 else 0.0)
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
        self.boxes: list[tuple[int, int, int, int]] = []  # (x0, y0, x1, y1) of each thing
        for t, (nodes, _) in enumerate(things):
            for n in nodes:
                self.of[n].append(t)
            xs = [net.xy[i][0] for i in nodes]
            ys = [net.xy[i][1] for i in nodes]
            box = (min(xs), min(ys), max(xs), max(ys))
            self.boxes.append(box)
            for cell in _cells(*box, 0.0):
                self.grid.setdefault(cell, []).append(t)


def _cells(x0: float, y0: float, x1: float, y1: float, pad: float) -> list[tuple[int, int]]:
    return [
        (gx, gy)
        for gx in range(math.floor((x0 - pad) / _CELL), math.floor((x1 + pad) / _CELL) + 1)
        for gy in range(math.floor((y0 - pad) / _CELL), math.floor((y1 + pad) / _CELL) + 1)
    ]


def _fits(net: _Net, things: Sequence[Thing], index: _Index, motion: Motion, shift: int) -> bool:
    """Whether moving by `motion` back `shift` steps keeps every separation (module docstring).

    A thing that moves as a whole by the motion's own vector (most of a part) is looked at
    only beside the things that stay, which are where the index has them: within the
    clearance. Every other moving thing (a piece that stretches, a slide) is looked at beside
    everything within the clearance plus the move, as it may meet a thing that moved too."""
    reach = CLEARANCE / STEP
    longest = max(math.hypot(*m) for m in motion.values())
    pad = reach + abs(shift) * longest  # a thing found here at its old place may move this far
    still = (0, 0)
    v = net.v
    xy = net.xy
    grid = index.grid
    moved = {i: (xy[i][0] - shift * m[0], xy[i][1] - shift * m[1]) for i, m in motion.items()}

    def new(i: int) -> tuple[int, int]:
        p = moved.get(i)
        return p if p is not None else (xy[i][0], xy[i][1])

    def old(i: int) -> tuple[int, int]:
        x, y = xy[i]
        return (x, y)

    # per thing: the one vector all its nodes move by, or None when they move differently
    rigid: dict[int, Pt | None] = {}

    def alike(t: int) -> Pt | None:
        if t not in rigid:
            nodes = things[t][0]
            m = motion.get(nodes[0], still)
            rigid[t] = m if all(motion.get(n, still) == m for n in nodes[1:]) else None
        return rigid[t]

    moving = {t for i in motion for t in index.of[i]}
    boxes = index.boxes
    done: set[tuple[int, int]] = set()  # pairs of moving things looked at
    # (whether some pair comes too near does not depend on the order pairs are looked at)
    for t in moving:
        nodes_t, ends_t = things[t]
        move_t = alike(t)  # never `still`: some node of t moves
        whole = move_t == v  # moves as a whole by the motion's vector
        around = reach if whole else pad
        at = [new(n) for n in nodes_t]
        tx0, tx1 = (at[0][0], at[-1][0]) if at[0][0] <= at[-1][0] else (at[-1][0], at[0][0])
        ty0, ty1 = (at[0][1], at[-1][1]) if at[0][1] <= at[-1][1] else (at[-1][1], at[0][1])
        near: set[int] = set()
        rows = range(math.floor((ty0 - around) / _CELL), math.floor((ty1 + around) / _CELL) + 1)
        for gx in range(math.floor((tx0 - around) / _CELL), math.floor((tx1 + around) / _CELL) + 1):
            for gy in rows:
                here = grid.get((gx, gy))
                if here:
                    near.update(here)
        for s in near:
            if s == t:
                continue
            nodes_s, ends_s = things[s]
            if ends_s[0] in ends_t or ends_s[-1] in ends_t:
                continue
            if s in moving:
                if whole:
                    continue  # alike, or a thing that moves otherwise and looks at this one
                if move_t is not None and alike(s) == move_t:
                    continue  # both moved alike
                pair = (t, s) if t < s else (s, t)
                if pair in done:
                    continue
                done.add(pair)
                at_s = [new(n) for n in nodes_s]
                if _apart(at, at_s, reach):
                    continue  # their boxes are apart by the clearance: so are they
            else:  # s stays where the index has it (and is met once per t: no pair kept)
                sx0, sy0, sx1, sy1 = boxes[s]
                if sx0 - tx1 >= reach or tx0 - sx1 >= reach:
                    continue
                if sy0 - ty1 >= reach or ty0 - sy1 >= reach:
                    continue
                at_s = [old(n) for n in nodes_s]
            after = _distance(at, at_s)
            if after >= reach - 1e-9:
                continue
            before = _distance([old(n) for n in nodes_t], [old(n) for n in nodes_s])
            if after < min(reach, before) - 1e-9:
                return False
    return True


def _apart(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]], reach: float) -> bool:
    """Whether the bounding boxes of a and b are at least `reach` apart along x or along y
    (then so are a and b, each a point or a segment)."""
    ax0, ax1 = (a[0][0], a[-1][0]) if a[0][0] <= a[-1][0] else (a[-1][0], a[0][0])
    bx0, bx1 = (b[0][0], b[-1][0]) if b[0][0] <= b[-1][0] else (b[-1][0], b[0][0])
    if bx0 - ax1 >= reach or ax0 - bx1 >= reach:
        return True
    ay0, ay1 = (a[0][1], a[-1][1]) if a[0][1] <= a[-1][1] else (a[-1][1], a[0][1])
    by0, by1 = (b[0][1], b[-1][1]) if b[0][1] <= b[-1][1] else (b[-1][1], b[0][1])
    return by0 - ay1 >= reach or ay0 - by1 >= reach


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
