"""Order within columns and tracks (heights) of a layered pipeline drawing.

Order: the nodes of each rank start in the order a depth-first walk along the arcs meets them
(stations in layer order, so the first line's route leads); weighted barycenter sweeps, down and
up the ranks, then reorder each rank, with adjacent swaps (transposition) where they remove
crossings; the order with fewest crossings between adjacent ranks wins.
`polished` improves an order further (the dense drawing uses it): sifting, and sifting again after
random swaps, keeping what crosses no more often.

Tracks: integer heights that keep the order and a minimum separation (a port-area station keeps
room for its bar), chosen so that arcs run straight: each node moves to the weighted median of
its neighbours' tracks, and a rank takes the closest tracks to those wishes that keep the order
(isotonic regression under the L1 norm, solved by pooling adjacent violators).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Mapping, Sequence
from itertools import accumulate, pairwise
from random import Random

from .pipeline_ranks import Ranked, is_waypoint

# Barycenter sweeps (each one down and one up) and track sweeps.
ORDER_SWEEPS = 12
TRACK_SWEEPS = 16
# A waypoint-to-waypoint arc weighs this much more when tracks are chosen: long arcs run straight.
LONG_ARC_WEIGHT = 2
# Unevenness charged per arc piece a node cannot give a port of its own (see `_unevenness`).
PORT_PENALTY = 4
# `polished`: perturbations tried (each one to three swaps within ranks, then sifting), the
# most swaps per perturbation, and the seed of their (fixed, hence deterministic) sequence.
POLISH_TRIALS = 300
POLISH_SWAPS = 3
POLISH_SEED = 1

Nbrs = dict[str, list[tuple[str, int]]]


def neighbours(ranked: Ranked, pull: bool = False) -> tuple[Nbrs, Nbrs]:
    """Per node: (node, weight) in the rank before and in the rank after, in arc order.

    The weight is the arc's lines, or with `pull` how hard its routes pull it straight.
    """
    left: Nbrs = {n: [] for n in ranked.rank}
    right: Nbrs = {n: [] for n in ranked.rank}
    for arc in ranked.arcs:
        nodes = arc.nodes
        for i, (a, b) in enumerate(pairwise(nodes)):
            w = (arc.pull if pull else arc.weight) * (
                LONG_ARC_WEIGHT if 0 < i < len(nodes) - 2 else 1
            )
            right[a].append((b, w))
            left[b].append((a, w))
    return left, right


def initial_layers(
    ranked: Ranked, comp: Sequence[str], right: Nbrs, flip: bool = False
) -> list[list[str]]:
    """Nodes per rank in the order a depth-first walk from the stations in layer order meets them.

    The walk follows arcs in layer order, or with `flip` in reverse (branches before the main
    route, which then runs along the bottom).
    """
    return walk_layers(ranked, comp, right, lambda _, nxt: nxt if flip else nxt[::-1])


def walk_layers(
    ranked: Ranked,
    starts: Sequence[str],
    right: Nbrs,
    pushed: Callable[[str, list[str]], list[str]],
) -> list[list[str]]:
    """Nodes per rank in the order a depth-first walk along the arcs meets them.

    The walk starts from each of `starts` not yet met, in turn; at node n, `pushed(n, nxt)` gives
    the successors not yet met in the order they go on the stack (the last is visited first).
    """
    depth = max(ranked.rank.values(), default=0) + 1
    layers: list[list[str]] = [[] for _ in range(depth)]
    seen: set[str] = set()
    for start in starts:
        if start in seen:
            continue
        stack = [start]
        while stack:
            n = stack.pop()
            if n in seen:
                continue
            seen.add(n)
            layers[ranked.rank[n]].append(n)
            stack.extend(pushed(n, [m for m, _ in right[n] if m not in seen]))
    return layers


def crossings(layers: Sequence[Sequence[str]], right: Nbrs) -> int:
    """Pairs of arcs that cross between adjacent ranks, given the order in each rank."""
    total = 0
    for upper, lower in pairwise(layers):
        pos = {n: i for i, n in enumerate(lower)}
        ends = [(i, pos[m]) for i, n in enumerate(upper) for m, _ in right[n]]
        total += _pair_crossings(ends)
    return total


def _pair_crossings(ends: Sequence[tuple[int, int]]) -> int:
    """Pairs (a, b), (c, d) of `ends` with a < c and b > d (or the other way round): taken in
    order of a, each end crosses the ends of smaller a whose b is larger."""
    count = 0
    before: list[int] = []  # b of the ends with smaller a, sorted
    group: list[int] = []  # b of the ends with the present a
    last = None
    for a, b in sorted(ends):
        if a != last:
            for x in group:
                insort(before, x)
            group = []
            last = a
        count += len(before) - bisect_right(before, b)
        group.append(b)
    return count


def ordered(
    ranked: Ranked, comp: Sequence[str], starts: Sequence[list[list[str]]] = ()
) -> list[list[list[str]]]:
    """Orders of the nodes within every rank (see module docstring), fewest crossings first.

    Each start (the depth-first orders, then any `starts` given) is swept; distinct results
    are returned, ranked by their crossings between adjacent ranks.
    """
    left, right = neighbours(ranked)
    found: list[tuple[int, int, list[list[str]]]] = []
    begin = [initial_layers(ranked, comp, right, flip) for flip in (False, True)]
    for k, layers in enumerate([*begin, *starts]):
        best, count = swept([list(layer) for layer in layers], left, right)
        best = centred_ends(best, left, right)
        if all(best != other for _, _, other in found):
            found.append((count, k, best))
    return [layers for _, _, layers in sorted(found, key=lambda f: (f[0], f[1]))]


def centred_ends(layers: list[list[str]], left: Nbrs, right: Nbrs) -> list[list[str]]:
    """Ends fanned out from one node stand on both sides of the arcs that go on.

    In a run of a column whose nodes all hang off the same one node before them, the ends (no
    arc after) are split evenly above and below the nodes that go on; likewise for a run fed
    into the same one node after them by ends with no arc before. A point station has only five
    ports on one side: a fan with the through route at its edge cannot be drawn straight. No
    crossing changes: the nodes that go on keep their order, and an end's one arc meets the
    run's others at their shared node.
    """
    out = [list(col) for col in layers]
    for near, far in ((left, right), (right, left)):
        for col in out:
            i = 0
            while i < len(col):
                j = i
                key = _sole(near[col[i]])
                while key is not None and j + 1 < len(col) and _sole(near[col[j + 1]]) == key:
                    j += 1
                run = col[i : j + 1]
                ends = [n for n in run if not far[n]]
                going = [n for n in run if far[n]]
                if ends and going:
                    half = len(ends) // 2
                    col[i : j + 1] = ends[:half] + going + ends[half:]
                i = j + 1
    return out


def _sole(nbrs: Sequence[tuple[str, int]]) -> str | None:
    """The one node an arc list leads to, if it leads to exactly one."""
    return nbrs[0][0] if len(nbrs) == 1 else None


def swept(layers: list[list[str]], left: Nbrs, right: Nbrs) -> tuple[list[list[str]], int]:
    """Barycenter sweeps with transposition from `layers`: the best order met, and its crossings."""
    best = [list(layer) for layer in layers]
    fewest = crossings(layers, right)
    for sweep in range(ORDER_SWEEPS):
        if fewest == 0:
            break
        down = sweep % 2 == 0
        ranks = range(1, len(layers)) if down else range(len(layers) - 2, -1, -1)
        for r in ranks:
            fixed = layers[r - 1] if down else layers[r + 1]
            near = left if down else right
            layers[r] = _by_barycenter(layers[r], fixed, near)
        _transpose(layers, right, left)
        count = crossings(layers, right)
        if count < fewest:
            best, fewest = [list(layer) for layer in layers], count
    return best, fewest


def polished(
    layers: Sequence[Sequence[str]], left: Nbrs, right: Nbrs, trials: int = POLISH_TRIALS
) -> list[list[str]]:
    """An order with at most as many crossings between adjacent ranks as `layers`.

    Iterated local search: every rank is *sifted* (each node, busiest first, moves to the place
    in its rank where its arcs cross those of the rank's other nodes least, both neighbouring
    ranks held still) until no rank changes; then, `trials` times, one to POLISH_SWAPS random
    swaps within ranks (a seeded sequence: deterministic) are sifted again around the ranks they
    touched, and the result is kept when it crosses no more often. Sweeps by barycenter stop
    where every single move is worse; the swaps let a chain of waypoints change sides together.
    """
    best = [list(layer) for layer in layers]
    memo: Memo = {}
    _sift_from(best, range(len(best)), left, right, memo)
    gaps = [_gap_crossings(best, r, right) for r in range(len(best) - 1)]
    fewest = sum(gaps)
    movable = [r for r, layer in enumerate(best) if len(layer) > 1]
    rng = Random(POLISH_SEED)
    for _ in range(trials):
        if fewest == 0 or not movable:
            break
        trial = [list(layer) for layer in best]
        touched = set()
        for _ in range(rng.randint(1, POLISH_SWAPS)):
            r = rng.choice(movable)
            i, j = rng.sample(range(len(trial[r])), 2)
            trial[r][i], trial[r][j] = trial[r][j], trial[r][i]
            touched.add(r)
        changed = _sift_from(trial, sorted(touched), left, right, memo) | touched
        counts = list(gaps)
        for r in {g for c in changed for g in (c - 1, c) if 0 <= g < len(gaps)}:
            counts[r] = _gap_crossings(trial, r, right)
        if sum(counts) <= fewest:
            best, gaps, fewest = trial, counts, sum(counts)
    return best


def _gap_crossings(layers: Sequence[Sequence[str]], r: int, right: Nbrs) -> int:
    """Crossings between rank r and rank r + 1."""
    pos = {n: i for i, n in enumerate(layers[r + 1])}
    return _pair_crossings([(i, pos[m]) for i, n in enumerate(layers[r]) for m, _ in right[n]])


# (rank, order of the rank before, order of the rank after) -> node u -> (crossings of u's arcs
# with the others' when u stands first, v -> change when v stands before u): from `_pair`,
# which does not depend on the rank's own order.
Memo = dict[tuple[int, tuple[str, ...], tuple[str, ...]], dict[str, tuple[int, dict[str, int]]]]


def _sift_from(
    layers: list[list[str]], ranks: Sequence[int], left: Nbrs, right: Nbrs, memo: Memo
) -> set[int]:
    """Sift `ranks`, then the ranks beside any that changed, until none changes (or every
    rank was sifted 4 times over): the ranks that changed."""
    todo = list(ranks)
    changed: set[int] = set()
    for _ in range(4 * len(layers)):
        if not todo:
            break
        r = todo.pop(0)
        if _sift(layers, r, left, right, memo):
            changed.add(r)
            todo.extend(k for k in (r - 1, r + 1) if 0 <= k < len(layers) and k not in todo)
    return changed


def _sift(layers: list[list[str]], r: int, left: Nbrs, right: Nbrs, memo: Memo) -> bool:
    """Move each node of rank r, busiest first, to its best place in the rank (fewest
    crossings with the arcs of the rank's other nodes); whether the rank changed."""
    layer = layers[r]
    if len(layer) < 2:
        return False
    before = tuple(layers[r - 1]) if r > 0 else ()
    after = tuple(layers[r + 1]) if r + 1 < len(layers) else ()
    key = (r, before, after)
    sifting = memo.get(key)
    if sifting is None:
        above = {n: i for i, n in enumerate(before)}
        below = {n: i for i, n in enumerate(after)}
        ends = {n: _places(n, above, below, left, right) for n in layer}
        cost = {u: {v: _pair(ends[u], ends[v]) for v in layer if v != u} for u in layer}
        # per node u: crossings with every other node standing after it, and per other node v
        # what changes when v stands before u instead
        sifting = {
            u: (sum(cost[u].values()), {v: cost[v][u] - c for v, c in cost[u].items()})
            for u in layer
        }
        memo[key] = sifting
    changed = False
    for u in sorted(layer, key=lambda n: -len(left[n]) - len(right[n])):
        rest = [v for v in layer if v != u]
        here = layer.index(u)
        # crossings of u's arcs with the rest when u stands before rest[p], for p = 0, 1, ...
        first, step = sifting[u]
        at = list(accumulate([step[v] for v in rest], initial=first))
        best = min(at)
        if best < at[here]:
            rest.insert(at.index(best), u)
            layer[:] = rest
            changed = True
    return changed


def _by_barycenter(layer: Sequence[str], fixed: Sequence[str], near: Nbrs) -> list[str]:
    pos = {n: i for i, n in enumerate(fixed)}
    keys: list[tuple[float, int, str]] = []
    for i, n in enumerate(layer):
        total = moment = 0  # integers: the same quotient as summing a list
        for m, w in near[n]:
            p = pos.get(m)
            if p is not None:
                total += w
                moment += p * w
        keys.append((moment / total if total else float(i), i, n))
    return [n for _, _, n in sorted(keys)]


def _transpose(layers: list[list[str]], right: Nbrs, left: Nbrs) -> None:
    """Swap adjacent nodes of a rank wherever that lowers the crossings between their arcs.

    A rank is looked at again only when it or a rank beside it changed since it was last looked
    at: otherwise it would make the same (no) swaps.
    """
    dirty = [len(layer) > 1 for layer in layers]
    for _ in range(4):
        improved = False
        for r, layer in enumerate(layers):
            if not dirty[r]:
                continue
            dirty[r] = False
            above = {n: i for i, n in enumerate(layers[r - 1])} if r > 0 else {}
            below = {n: i for i, n in enumerate(layers[r + 1])} if r + 1 < len(layers) else {}
            # the neighbours' places in the ranks either side (those ranks stay put meanwhile)
            ends = {n: _places(n, above, below, left, right) for n in layer}
            for i in range(len(layer) - 1):
                u, v = layer[i], layer[i + 1]
                if _pair(ends[u], ends[v]) > _pair(ends[v], ends[u]):
                    layer[i], layer[i + 1] = v, u
                    improved = True
                    for k in (r - 1, r, r + 1):
                        if 0 <= k < len(layers) and len(layers[k]) > 1:
                            dirty[k] = True
        if not improved:
            return


Places = tuple[list[int], list[int]]


def _places(
    n: str, above: Mapping[str, int], below: Mapping[str, int], left: Nbrs, right: Nbrs
) -> Places:
    """Sorted places of n's neighbours in the rank above, and in the rank below."""
    ups = [above[m] for m, _ in left[n] if m in above]
    downs = [below[m] for m, _ in right[n] if m in below]
    ups.sort()
    downs.sort()
    return ups, downs


def _pair(u: Places, v: Places) -> int:
    """Crossings between the arcs of u and those of v when u comes first in their rank: pairs
    of a neighbour of u and one of v, on the same side, with u's placed after v's."""
    count = 0
    for side in (0, 1):
        theirs = v[side]
        if theirs:
            for a in u[side]:
                count += bisect_left(theirs, a)
    return count


def tracks(
    ranked: Ranked, layers: Sequence[Sequence[str]], room: Mapping[str, int], pull: bool = False
) -> dict[str, int]:
    """Integer track of every node (see module docstring).

    `room[n]` is how many tracks node n keeps free above and below itself (a port-area bar).
    Arcs weigh their lines, or with `pull` how hard their routes pull them (`Arc.pull`: main
    routes harder than branches).
    """
    left, right = neighbours(ranked, pull)
    for n in room:  # a port area's narrow side is its through route: level with the bar's middle
        narrow, wide = (left, right) if len(left[n]) <= len(right[n]) else (right, left)
        through = max(len(wide[n]), 1)
        narrow[n] = [(m, w * through) for m, w in narrow[n]]
        for m, _ in narrow[n]:
            back = right if narrow is left else left
            back[m] = [(k, w * through if k == n else w) for k, w in back[m]]
    # a node's pull on the order is the weight of its arcs; a long arc's waypoints pull hardest
    weight = {
        n: sum(w for _, w in left[n] + right[n]) * (LONG_ARC_WEIGHT if is_waypoint(n) else 1)
        for n in ranked.rank
    }
    y: dict[str, int] = {}
    for layer in layers:
        at = 0
        for n in layer:
            at += room.get(n, 0)
            y[n] = at
            at += room.get(n, 0) + 1
    best, lowest = dict(y), _unevenness(y, left, right, room)
    for sweep in range(TRACK_SWEEPS):
        down = sweep % 2 == 0
        ranks = range(len(layers)) if down else range(len(layers) - 1, -1, -1)
        for r in ranks:
            layer = layers[r]
            wishes = []
            for n in layer:
                # one side at a time lets alignments travel along the ranks (as in
                # Brandes-Koepf); every second pair of sweeps looks both ways
                near = left[n] if down else right[n]
                if sweep % 4 >= 2 or not near:
                    near = left[n] + right[n]
                wishes.append(_median([(y[m], w) for m, w in near], y[n]))
            gaps = [room.get(a, 0) + room.get(b, 0) + 1 for a, b in pairwise(layer)]
            placed = _isotonic(wishes, gaps, [weight[n] for n in layer])
            y.update(zip(layer, placed, strict=True))
        score = _unevenness(y, left, right, room)
        if score < lowest:
            best, lowest = dict(y), score
    low = min(best.values(), default=0)
    return {n: t - low for n, t in best.items()}


def _unevenness(y: Mapping[str, int], left: Nbrs, right: Nbrs, room: Mapping[str, int]) -> int:
    """Sum over arc pieces of weight times height difference (0 when every arc runs straight),
    plus PORT_PENALTY for every piece beyond two that leaves a node on one side upwards (or
    downwards): a point has two such ports (diagonal and vertical), the rest must cross."""
    total = 0
    for n, near in right.items():
        at = y[n]
        for m, w in near:
            total += w * abs(at - y[m])
    for n in y:
        if n in room:  # a port-area bar has a port at every track
            continue
        at = y[n]
        for near in (left[n], right[n]):
            if len(near) <= 2:
                continue  # at most two pieces: no penalty either way
            up = down = 0
            for m, _ in near:
                if y[m] < at:
                    up += 1
                elif y[m] > at:
                    down += 1
            total += PORT_PENALTY * (max(up - 2, 0) + max(down - 2, 0))
    return total


def _median(values: Sequence[tuple[int, int]], default: int) -> int:
    """Lower weighted median of (value, weight) pairs."""
    if not values:
        return default
    ordered_values = sorted(values)
    half = sum(w for _, w in ordered_values) / 2
    acc = 0
    for v, w in ordered_values:
        acc += w
        if acc >= half:
            return v
    return ordered_values[-1][0]  # pragma: no cover - the loop always returns


def _isotonic(wishes: Sequence[int], gaps: Sequence[int], weights: Sequence[int]) -> list[int]:
    """Tracks t closest (weighted L1) to `wishes` with t[i+1] - t[i] >= gaps[i].

    Pool adjacent violators: a block of nodes that would break the order takes the weighted
    median of their wishes (shifted by their offsets).
    """
    offset = [0]
    for g in gaps:
        offset.append(offset[-1] + g)
    blocks: list[list[tuple[int, int]]] = []  # each block: (target, weight) pooled into it
    values: list[int] = []
    for wish, o, w in zip(wishes, offset, weights, strict=True):
        blocks.append([(wish - o, w)])
        values.append(wish - o)
        while len(values) > 1 and values[-2] > values[-1]:
            merged = blocks[-2] + blocks[-1]
            blocks[-2:] = [merged]
            values[-2:] = [_median(merged, 0)]
    out: list[int] = []
    for block, v in zip(blocks, values, strict=True):
        out.extend([v] * len(block))
    return [v + o for v, o in zip(out, offset, strict=True)]
