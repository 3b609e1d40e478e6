"""The speed-ups of compaction give exactly what the plain (slower) arithmetic gave."""

from __future__ import annotations

import math
import random
from fractions import Fraction
from itertools import pairwise, product

from transit_maps.layout.compact_axis import CLEARANCE, STEP, Drawing
from transit_maps.layout.compact_cut import (
    _cells,
    _distance,
    _fits,
    _Index,
    _Net,
    _slide,
    _things,
)
from transit_maps.layout.pipeline_order import (
    PORT_PENALTY,
    _by_barycenter,
    _pair,
    _pair_crossings,
    _places,
    _transpose,
    _unevenness,
)

UNIT = [(dx, dy) for dx, dy in product((-1, 0, 1), repeat=2) if (dx, dy) != (0, 0)]


def _slide_reference(v: tuple[int, int], d: tuple[int, int], e: tuple[int, int]):
    """The slide vector with exact rationals (the former implementation)."""
    det = e[0] * d[1] - e[1] * d[0]
    if det == 0:
        return None
    t = Fraction(v[0] * e[1] - v[1] * e[0], det)
    wx, wy = v[0] + t * d[0], v[1] + t * d[1]
    if wx.denominator != 1 or wy.denominator != 1 or (wx == 0 and wy == 0):
        return None
    return (int(wx), int(wy))


def test_slide_matches_exact_rationals() -> None:
    """Every motion, tying direction and bend direction: integer slide == Fraction slide."""
    for v, d, e in product(UNIT, UNIT, UNIT):
        # a bend j at (0, 0) between piece 0 (from its tied node, direction d towards j) and
        # piece 1 (leaving j along e)
        tied = (-2 * d[0], -2 * d[1])
        far = (2 * e[0], 2 * e[1])
        if far == tied:
            continue
        drawing = Drawing({}, [[tied, (0.0, 0.0), far]], [2])
        net = _Net(drawing, v)
        j = net.index[(0, 0)]
        got = _slide(net, 0, j, d)
        assert got == _slide_reference(v, d, e), (v, d, e)


def _keeps_reference(net: _Net, motion: dict[int, tuple[int, int]]) -> bool:
    """Every piece at a moving node keeps its direction (the former check, all pieces)."""
    for n, (a, b, _) in enumerate(net.pieces):
        if a in motion or b in motion:
            ma, mb = motion.get(a, (0, 0)), motion.get(b, (0, 0))
            dx, dy = mb[0] - ma[0], mb[1] - ma[1]
            if dx * net.dirs[n][1] != dy * net.dirs[n][0]:
                return False
    return True


def _random_drawing(rng: random.Random) -> Drawing:
    """A few octilinear polylines on the half-unit lattice, their ends key stations."""
    chains = []
    points = {}
    for c in range(rng.randint(2, 5)):
        x, y = rng.randint(0, 6), rng.randint(0, 6)
        chain = [(x * 0.5, y * 0.5)]
        for _ in range(rng.randint(1, 4)):
            dx, dy = rng.choice(UNIT)
            k = rng.randint(1, 3)
            x, y = x + dx * k, y + dy * k
            chain.append((x * 0.5, y * 0.5))
        chains.append(chain)
        points[f"s{c}a"], points[f"s{c}b"] = chain[0], chain[-1]
    return Drawing(points, chains, [1] * len(chains))


def test_keeps_directions_matches_all_pieces() -> None:
    """For motions as `_motion` finds them, checking the pieces at nodes that slide decides as
    checking every piece at every moving node."""
    rng = random.Random(5)
    checked = 0
    for _ in range(200):
        drawing = _random_drawing(rng)
        for v in UNIT:
            net = _Net(drawing, v)
            for start in range(len(net.xy)):
                motion = net._motion({start}, True, None)
                assert motion is not None
                assert net._keeps_directions(motion) == _keeps_reference(net, motion)
                checked += 1
    assert checked > 1000


def _pair_reference(u: str, v: str, above, below, left, right) -> int:
    """Crossings between the arcs of u and v, u first (the former, direct count)."""
    count = 0
    for pos, near in ((above, left), (below, right)):
        pu = [pos[m] for m, _ in near[u] if m in pos]
        pv = [pos[m] for m, _ in near[v] if m in pos]
        count += sum(1 for a in pu for b in pv if a > b)
    return count


def test_pair_counts_match_direct_count() -> None:
    """Bisection over sorted places counts the crossings the direct double loop counts."""
    rng = random.Random(3)
    for _ in range(300):
        above = {f"a{i}": i for i in range(rng.randint(0, 6))}
        below = {f"b{i}": i for i in range(rng.randint(0, 6))}
        nodes = ["u", "v"]
        left = {n: [(m, 1) for m in above if rng.random() < 0.4] for n in nodes}
        right = {n: [(m, 1) for m in below if rng.random() < 0.4] for n in nodes}
        left["u"].append(("elsewhere", 1))  # a neighbour in no adjacent rank is ignored
        pu = _places("u", above, below, left, right)
        pv = _places("v", above, below, left, right)
        assert _pair(pu, pv) == _pair_reference("u", "v", above, below, left, right)
        assert _pair(pv, pu) == _pair_reference("v", "u", above, below, left, right)


def _transpose_reference(layers: list[list[str]], right, left) -> None:
    """The former transposition: every rank, every pass, pairs counted directly."""
    for _ in range(4):
        improved = False
        for r, layer in enumerate(layers):
            above = {n: i for i, n in enumerate(layers[r - 1])} if r > 0 else {}
            below = {n: i for i, n in enumerate(layers[r + 1])} if r + 1 < len(layers) else {}
            for i in range(len(layer) - 1):
                u, v = layer[i], layer[i + 1]
                if _pair_reference(u, v, above, below, left, right) > _pair_reference(
                    v, u, above, below, left, right
                ):
                    layer[i], layer[i + 1] = v, u
                    improved = True
        if not improved:
            return


def test_transpose_matches_former_transposition() -> None:
    """Random ranked graphs: the same swaps, so the same orders."""
    rng = random.Random(11)
    for _ in range(300):
        layers = [[f"n{r}_{i}" for i in range(rng.randint(1, 6))] for r in range(rng.randint(2, 7))]
        left = {n: [] for layer in layers for n in layer}
        right = {n: [] for layer in layers for n in layer}
        for upper, lower in pairwise(layers):
            for n in upper:
                for m in rng.sample(lower, rng.randint(0, min(3, len(lower)))):
                    w = rng.randint(1, 3)
                    right[n].append((m, w))
                    left[m].append((n, w))
        for layer in layers:
            rng.shuffle(layer)
        mine = [list(layer) for layer in layers]
        _transpose(mine, right, left)
        _transpose_reference(layers, right, left)
        assert mine == layers


def _unevenness_reference(y, left, right, room) -> int:
    total = sum(w * abs(y[n] - y[m]) for n, near in right.items() for m, w in near)
    for n in y:
        if n in room:
            continue
        for near in (left[n], right[n]):
            up = sum(1 for m, _ in near if y[m] < y[n])
            down = sum(1 for m, _ in near if y[m] > y[n])
            total += PORT_PENALTY * (max(up - 2, 0) + max(down - 2, 0))
    return total


def _by_barycenter_reference(layer, fixed, near) -> list[str]:
    pos = {n: i for i, n in enumerate(fixed)}
    keys = []
    for i, n in enumerate(layer):
        ws = [(pos[m], w) for m, w in near[n] if m in pos]
        total = sum(w for _, w in ws)
        key = sum(p * w for p, w in ws) / total if total else float(i)
        keys.append((key, i, n))
    return [n for _, _, n in sorted(keys)]


def test_unevenness_and_barycenters_match_former_sums() -> None:
    rng = random.Random(17)
    for _ in range(300):
        fixed = [f"f{i}" for i in range(rng.randint(0, 8))]
        layer = [f"n{i}" for i in range(rng.randint(1, 8))]
        nodes = fixed + layer
        left = {n: [] for n in nodes}
        right = {n: [] for n in nodes}
        for n in layer:
            for m in rng.sample(fixed, rng.randint(0, min(5, len(fixed)))):
                w = rng.randint(1, 4)
                left[n].append((m, w))
                right[m].append((n, w))
        y = {n: rng.randint(-3, 3) for n in nodes}
        room = {n: 1 for n in nodes if rng.random() < 0.2}
        assert _unevenness(y, left, right, room) == _unevenness_reference(y, left, right, room)
        assert _by_barycenter(layer, fixed, left) == _by_barycenter_reference(layer, fixed, left)


def test_pair_crossings_match_double_loop() -> None:
    rng = random.Random(23)
    for _ in range(500):
        ends = [(rng.randint(0, 5), rng.randint(0, 5)) for _ in range(rng.randint(0, 12))]
        direct = sum(
            1 for k, (a, b) in enumerate(ends) for c, d in ends[k + 1 :] if (a - c) * (b - d) < 0
        )
        assert _pair_crossings(ends) == direct


def _fits_reference(net, things, index, motion, shift) -> bool:
    """The former separation check: every pair near a moving thing, in order, no shortcuts."""
    reach = CLEARANCE / STEP
    longest = max(math.hypot(*m) for m in motion.values())
    pad = reach + abs(shift) * longest
    still = (0, 0)

    def new(i):
        x, y = net.xy[i]
        m = motion.get(i)
        return (x - shift * m[0], y - shift * m[1]) if m else (x, y)

    moving = sorted({t for i in motion for t in index.of[i]})
    done = set()
    for t in moving:
        nodes_t, ends_t = things[t]
        moves_t = {motion.get(n, still) for n in nodes_t}
        at = [new(n) for n in nodes_t]
        near = set()
        for cell in _cells(
            min(p[0] for p in at), min(p[1] for p in at), max(p[0] for p in at),
            max(p[1] for p in at), pad,
        ):  # fmt: skip
            near.update(index.grid.get(cell, ()))
        for s in sorted(near):
            if s == t:
                continue
            nodes_s, ends_s = things[s]
            if set(ends_t) & set(ends_s):
                continue
            moves_s = {motion.get(n, still) for n in nodes_s}
            if len(moves_t) == 1 and moves_t == moves_s:
                continue
            pair = (min(t, s), max(t, s))
            if pair in done:
                continue
            done.add(pair)
            after = _distance(at, [new(n) for n in nodes_s])
            if after >= reach - 1e-9:
                continue
            before = _distance(
                [tuple(net.xy[n]) for n in nodes_t], [tuple(net.xy[n]) for n in nodes_s]
            )
            if after < min(reach, before) - 1e-9:
                return False
    return True


def _cut_motions(net: _Net) -> list[dict[int, tuple[int, int]]]:
    """The parts beyond every cut across the motion (as `_options` moves them): most of their
    things move as a whole by the motion's vector, beside things that stay."""
    levels = [x * net.v[0] + y * net.v[1] for x, y in net.xy]
    out = []
    for cut in sorted(set(levels))[:-1]:
        motion = net.motion({i for i, level in enumerate(levels) if level > cut})
        assert motion is not None
        out.append(motion)
    return out


def test_fits_matches_former_check() -> None:
    """Random drawings, parts (from one node, and beyond each cut) and shifts: the same verdict
    as the former separation check."""
    rng = random.Random(29)
    verdicts = {True: 0, False: 0}
    wholes = 0
    for _ in range(150):
        drawing = _random_drawing(rng)
        v = rng.choice(UNIT)
        net = _Net(drawing, v)
        things = _things(net)
        index = _Index(net, things)
        singles = [net.motion({start}) for start in range(len(net.xy))]
        for motion in [*singles, *_cut_motions(net)]:
            assert motion is not None
            wholes += len(motion) > 2 and sum(m == v for m in motion.values()) > 2
            for shift in (-2, -1, 1, 2, 3, 6):
                got = _fits(net, things, index, motion, shift)
                assert got == _fits_reference(net, things, index, motion, shift)
                verdicts[got] += 1
    assert min(verdicts.values()) > 50
    assert wholes > 100  # parts of several nodes moving as a whole were asked
