"""Compaction: shorten over-long runs of a schematic where nothing else needs the room.

The schematic is cut into key stations (every station that is not a pass-through station of a
chain, `chains.contract`) and chains (the polyline from one key station to the next, through
its pass-through stations). `compact_axis.compact_x` narrows vertical strips, then the same
on the transposed drawing narrows horizontal strips, in turn until neither moves: over-long
horizontal and vertical pieces get shorter, no piece changes direction, no two things that
were apart come closer than `compact_axis.CLEARANCE`, and the order of everything along both
axes stays as it was (so no crossing appears or disappears). Then `compact_cut.compact_cuts`
does the same along cuts that bend around what may not change shape, in the eight octilinear
directions (moving along a diagonal shortens diagonal pieces), each move checked
geometrically, then again with small parts moved alone (a terminus, a short branch:
`compact_cut._seed_parts`). The pass-through stations are then spread evenly along their chain
again (docs/layout-compaction.md).

Where that leaves the CV above the target (`GLOBAL_ABOVE`), the same is tried with the
greedy drawing compacted once more by `compact_global` (every x, then every y, solved at once
by a min-cost flow), and with `compact_global` instead of the greedy steps; each kept when the
CV is lower and the schematic at most `GLOBAL_AREA` times as large.

Short chains may grow towards the mean edge length (`compact_axis.GROW_PAST_MEAN`), unless the
area that adds to compaction without growth buys too little CV (`GROWTH_PRICE`). The result
is checked: when a pass-through station comes too near an edge that does not end there, or
another station, that was clear before (`_crowding`) and stays so when nudged along its chain
(`NUDGES`), or growing blew the drawing up
(`MAX_AREA_GROWTH`), less growth is tried (`compact_axis.GROW_PAST_MEAN_TRIES`), with the
stations kept off stubs shared along a port-area bar and then not; when none fits, the
schematic comes back unchanged.

The greedy steps without growth and with less growth (`LESSER`) run in a forked child
(`parallel.Aside`) while this process runs them with the most growth: most compactions need the
drawing without growth too (to price the growth), many the one with less. The results are the
same as computed here, one after the other.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import pairwise

from ..model import Layer
from .chains import Chain, contract
from .compact_axis import (
    GROW_PAST_MEAN_TRIES,
    Drawing,
    box_area,
    compact_x,
    drawing_area,
    on_half_grid,
    transposed,
)
from .compact_cut import compact_cuts
from .compact_global import compact_global, compact_global_may, spread_cv
from .embedding import graph_of
from .octi import Schematic, length_cv, path_between, point_at
from .parallel import Aside, may_fork

__all__ = ["compact"]

# Rounds of x then y compaction (each round stops early once nothing moves).
ROUNDS = 4
# A pass-through station comes no nearer than this (station gaps) to an edge that does not end
# there, and no nearer than MIN_STATION_GAP to another station.
CLEAR_OF_EDGES = 0.3
MIN_STATION_GAP = 0.5
# Shifts along its path (station gaps) tried for a station that would sit on a crossing.
AVOID_SHIFTS = (0.3, -0.3, 0.6, -0.6)
# Shifts along its path (station gaps) tried, in turn, for a pass-through station that even
# spacing puts too near another station or edge (`_crowding`).
NUDGES = (0.25, -0.25, 0.5, -0.5)
# The growth factors whose greedy steps run in a forked child while this process runs the first
# of `GROW_PAST_MEAN_TRIES` (`_GreedySteps`): without growth first (asked for by most
# compactions, `_grew_too_much`), then the one between.
LESSER = (0.0, 1.0)

# Directions of motion for `compact_cuts` (half-unit steps): parts move back along each in turn,
# so horizontal, vertical and diagonal pieces all get their chance to shorten.
DIRECTIONS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1))

# Growing short edges towards the mean edge length (`compact_axis.GROW_PAST_MEAN`) may make the
# bounding box at most this many times larger; beyond that, the next (smaller) factor is tried.
MAX_AREA_GROWTH = 3.0
# ... and growth that leaves the drawing larger than the greedy steps make it without growth is
# kept only when it lowers the CV by a share at least GROWTH_PRICE times the share of area it
# adds; otherwise no growth at all. Where the long mean comes from skip edges and fans (a report
# fed from every step), growth stretched the first steps and the pendants into long empty lines
# for a CV still far above the target (final layouts): held-out eager +35 % area for CV
# 1.02 -> 0.97, chipseq and ampliseq +37-39 % for 7 % less, nf-metro's genome assembly 3.3
# times for 0.92 -> 0.74. Growth pays on nf-metro-variant-calling (+27 % drawing area, spread
# CV 0.29 -> 0.25) and where it takes the CV far down (seeded pipeline 1: twice the area, CV
# 0.36 -> 0.09).
GROWTH_PRICE = 0.5

# The global passes (`compact_global`) after the greedy steps are kept when they lower the CV
# (of evenly spread chains) by more than GLOBAL_GAIN with a bounding box at most GLOBAL_AREA
# times the greedy drawing's; they are tried only where the greedy steps leave the CV above
# GLOBAL_ABOVE (the target of issue 3: below it, the global passes bought little CV with much
# area, loom-freiburg 0.17 -> 0.16 at +14 %).
GLOBAL_GAIN = 0.005
GLOBAL_AREA = 1.25
GLOBAL_ABOVE = 0.25
# `layout` compacts its winner, which `embedding_choice.polish_best` compacted already when it
# was polished. Compaction is not idempotent: a second run moves something on networks of
# 100-220 stations (rail-220-topology's CV 0.28 -> 0.25, synthetic-100 0.22 -> 0.19), but on
# pipelines it cost up to 0.7 s of a 2 s target and changed one held-out drawing of 60 layers
# (CV 0.513 -> 0.518, 6 % less area). So up to this many stations (`LAYERED_UP_TO`, pipeline
# sized) it runs once.
ONCE_UP_TO = 80

Vec = tuple[float, float]


def compact(layer: Layer, schematic: Schematic) -> Schematic:
    """A schematic with the same topology and directions and more even edge lengths, marked
    `compacted`. On a map of up to ONCE_UP_TO stations a schematic so marked comes back as it
    is: compaction runs once."""
    if schematic.compacted and len(layer.stations) <= ONCE_UP_TO:
        return schematic
    return replace(_compact(layer, schematic), compacted=True)


def _compact(layer: Layer, schematic: Schematic) -> Schematic:
    """`compact`, run."""
    chains = _chains(layer, schematic)
    if not chains or any(not _has_path(schematic, c) for c in chains):
        return schematic
    keys = sorted({s for c in chains for s in c.ends} | _isolated(layer, chains))
    drawing = Drawing(
        {k: schematic.positions[k] for k in keys if k in schematic.positions},
        [_polyline(schematic, c) for c in chains],
        [c.steps for c in chains],
    )
    if not on_half_grid(drawing) or not all(_octilinear(p) for p in drawing.chains):
        return schematic
    steps = _GreedySteps(drawing)
    try:
        return _compact_drawing(schematic, chains, steps)
    finally:
        steps.close()


def _compact_drawing(
    schematic: Schematic, chains: Sequence[Chain], steps: _GreedySteps
) -> Schematic:
    """`_compact` of the `chains` of `schematic`, once their drawing (`steps.drawing`) is
    known to be octilinear on the half-unit grid."""
    drawing = steps.drawing
    crowded = _crowding(chains, schematic)
    grown: dict[tuple[float, str], tuple[bool, Drawing]] = {}
    plain = _compact_with(schematic, chains, steps, crowded, grown, "greedy", GROW_PAST_MEAN_TRIES)
    if length_cv(plain) <= GLOBAL_ABOVE or not compact_global_may(drawing):
        return plain
    # the greedy steps left the CV above the target: the global passes after them, or instead
    # of them, kept when the CV is lower and the drawing not much larger
    best, room = plain, GLOBAL_AREA * _box(plain)
    # only at the factors the greedy steps were run for (they cost most of the time), and the
    # global passes alone at the first (their result does not depend on it, only their bound)
    done = tuple(f for f in GROW_PAST_MEAN_TRIES if (f, "greedy") in grown)
    for variant, factors in (("polished", done), ("global", GROW_PAST_MEAN_TRIES[:1])):
        alt = _compact_with(schematic, chains, steps, crowded, grown, variant, factors)
        if length_cv(alt) < length_cv(best) - GLOBAL_GAIN and _box(alt) <= room:
            best = alt
    return best


class _GreedySteps:
    """The greedy steps (`_greedy`) of one drawing, per growth factor, each run once when first
    asked for; where a child may be forked (`parallel.may_fork`), those of the `LESSER` factors
    run in one from the start, while this process runs the first factor's."""

    def __init__(self, drawing: Drawing) -> None:
        self.drawing = drawing
        self._done: dict[float, tuple[bool, Drawing]] = {}
        self._aside = Aside(self._lesser) if may_fork() else None

    def _lesser(self) -> dict[float, tuple[bool, Drawing]]:
        return {factor: _greedy(self.drawing, factor) for factor in LESSER}

    def __call__(self, past_mean: float) -> tuple[bool, Drawing]:
        """Whether anything moves, and the drawing after the greedy steps with growth bounded
        by `past_mean`."""
        if past_mean not in self._done:
            if self._aside is not None and past_mean in LESSER:
                self._done.update(self._aside.result())
            else:
                self._done[past_mean] = _greedy(self.drawing, past_mean)
        return self._done[past_mean]

    def close(self) -> None:
        """Stop the child, if its results were not asked for."""
        if self._aside is not None:
            self._aside.cancel()


def _compact_with(
    schematic: Schematic,
    chains: Sequence[Chain],
    steps: _GreedySteps,
    crowded: set[str],
    grown: dict[tuple[float, str], tuple[bool, Drawing]],
    variant: str,
    factors: Sequence[float],
) -> Schematic:
    """The schematic compacted by `variant` (`_compacted`), for each growth factor of `factors`
    in turn until no station is crowded; or the schematic itself. `grown` keeps the compacted
    drawings per (factor, variant); `steps` runs the greedy steps on the chains' drawing."""
    drawing = steps.drawing
    room = MAX_AREA_GROWTH * drawing_area(drawing)
    too_big = False  # growth added more area than it paid for in CV
    # stations off shared stubs (the columns of a layered drawing stay columns), then on them;
    # growing short edges less when that crowds a station
    for off_stubs in (True, False):
        for past_mean in factors:
            if past_mean and too_big:
                continue
            if (past_mean, variant) not in grown:
                grown[(past_mean, variant)] = _compacted(steps, past_mean, variant, grown)
            moved, better = grown[(past_mean, variant)]
            if past_mean and drawing_area(better) > room:
                continue  # growing towards the mean may not blow the drawing up
            if past_mean and _grew_too_much(steps, better, grown):
                too_big = True  # then no growth at all (a smaller factor costs one more run)
                continue
            out = _laid(schematic, chains, better, off_stubs)
            if not moved and length_cv(out) >= length_cv(schematic) - 1e-9:
                return schematic  # nothing moved and the stations were evenly spread already
            # no pass-through station may be crowded that was not before
            fixed = _uncrowded(schematic, chains, better, off_stubs, out, crowded)
            if fixed is not None:
                return fixed
    return schematic


def _grew_too_much(
    steps: _GreedySteps, better: Drawing, grown: dict[tuple[float, str], tuple[bool, Drawing]]
) -> bool:
    """Whether growth does not pay: `better` (compacted with growth) is larger than the greedy
    steps make the drawing without growth, and its CV is lower by a smaller share than
    GROWTH_PRICE times the share of area it adds."""
    if (0.0, "greedy") not in grown:
        grown[(0.0, "greedy")] = steps(0.0)
    plain = grown[(0.0, "greedy")][1]
    added = drawing_area(better) / drawing_area(plain) - 1.0
    if added <= 0.0:
        return False
    before = spread_cv(plain)
    gained = (before - spread_cv(better)) / before if before > 0 else 0.0
    return gained < GROWTH_PRICE * added


def _uncrowded(
    schematic: Schematic,
    chains: Sequence[Chain],
    drawing: Drawing,
    off_stubs: bool,
    out: Schematic,
    crowded: set[str],
) -> Schematic | None:
    """`out` if it crowds no pass-through station that was clear before; else the same with
    each newly crowded station moved along its chain by one of `NUDGES` in turn (the first that
    clears it), or None when some station stays crowded."""
    shifts: dict[str, float] = {}
    tried: dict[str, int] = {}
    for _ in range(len(NUDGES) + 1):
        new = _crowding(chains, out) - crowded
        if not new:
            return out
        for sid in sorted(new):
            k = tried.get(sid, 0)
            if k >= len(NUDGES):
                return None
            shifts[sid] = NUDGES[k]
            tried[sid] = k + 1
        out = _laid(schematic, chains, drawing, off_stubs, shifts)
    return None


def _box(schematic: Schematic) -> float:
    """Area of the bounding box of a schematic's stations and paths (one gap of margin)."""
    paths = schematic.paths.values()
    return box_area([*schematic.positions.values(), *(p for path in paths for p in path)])


def _compacted(
    steps: _GreedySteps,
    past_mean: float,
    variant: str,
    grown: dict[tuple[float, str], tuple[bool, Drawing]],
) -> tuple[bool, Drawing]:
    """Whether anything moves, and the drawing compacted with growth bounded by `past_mean`:
    "greedy": the greedy steps (`_greedy`); "polished": those, then the global passes
    (`_polished`); "global": the global passes alone, on a drawing at most `GLOBAL_AREA` times
    as large as the greedy steps' one. `grown` holds the greedy steps' drawing for each factor
    once computed."""
    drawing = steps.drawing
    if (past_mean, "greedy") not in grown:
        grown[(past_mean, "greedy")] = steps(past_mean)
    moved, greedy = grown[(past_mean, "greedy")]
    if variant == "greedy":
        return moved, greedy
    if variant == "global":
        alone = compact_global(drawing, GLOBAL_AREA * drawing_area(greedy))
        if alone is None or _crossings(alone) != _crossings(drawing):
            return moved, greedy
        return True, alone
    polished = _polished(greedy)
    return moved or polished is not greedy, polished


def _polished(drawing: Drawing) -> Drawing:
    """The global passes after the greedy steps, kept when they lower the CV by `GLOBAL_GAIN`
    with a bounding box at most `GLOBAL_AREA` times as large; only where the greedy steps left
    the CV above `GLOBAL_ABOVE`."""
    before = spread_cv(drawing)
    if before <= GLOBAL_ABOVE:
        return drawing
    room = GLOBAL_AREA * drawing_area(drawing)
    out = compact_global(drawing, room)
    if out is None or _crossings(out) != _crossings(drawing):
        return drawing
    return out if spread_cv(out) < before - GLOBAL_GAIN else drawing


def _crossings(drawing: Drawing) -> int:
    """How many points chains cross at (a safety check: no compaction step changes it)."""
    return sum(len(hits) for hits in _crossing_points(drawing.chains).values())


def _greedy(drawing: Drawing, past_mean: float) -> tuple[bool, Drawing]:
    """Whether anything moves, and the drawing after the greedy steps (strips, cuts, parts)."""
    moved_any = False
    # A step that moved nothing moves nothing on the same drawing again (each returns its input
    # then): `still` holds the version of the drawing each step last found nothing on, and the
    # step is skipped while the drawing has not changed since. The version counts the moves.
    still: dict[object, int] = {}
    version = 0
    for _ in range(ROUNDS):
        moved_x = moved_y = False
        if still.get("x") != version:
            drawing, moved_x = compact_x(drawing, past_mean)
            if moved_x:
                version += 1
            else:
                still["x"] = version
        if still.get("y") != version:
            flipped, moved_y = compact_x(transposed(drawing), past_mean)
            if moved_y:
                drawing = transposed(flipped)
                version += 1
            else:
                still["y"] = version
        moved_any = moved_any or moved_x or moved_y
        if not (moved_x or moved_y):
            break
    # then along cuts that bend around what may not change shape; then small parts moved alone
    for small in (False, True):
        for _ in range(ROUNDS):
            moved = False
            for direction in DIRECTIONS:
                if still.get((direction, small)) == version:
                    continue
                drawing, step = compact_cuts(drawing, direction, past_mean, small)
                if step:
                    version += 1
                else:
                    still[(direction, small)] = version
                moved = moved or step
            moved_any = moved_any or moved
            if not moved:
                break
    return moved_any, drawing


def _laid(
    schematic: Schematic,
    chains: Sequence[Chain],
    drawing: Drawing,
    off_stubs: bool,
    shifts: Mapping[str, float] | None = None,
) -> Schematic:
    """The schematic with the key stations and chains of `drawing`, stations spread evenly
    (each station of `shifts` that far further along its chain)."""
    out = Schematic(
        positions=dict(schematic.positions),
        paths={},
        angles=dict(schematic.angles),
        crossings=schematic.crossings,
        effort=schematic.effort,
    )
    out.positions.update(drawing.points)
    avoid = _crossing_points(drawing.chains) if schematic.crossings else {}
    plain = [(False, False)] * len(chains)
    shared = _shared_ends(drawing.chains) if off_stubs else plain
    for c, (chain, path) in enumerate(zip(chains, drawing.chains, strict=True)):
        _spread(chain, path, out, avoid.get(c, []), shared[c], shifts)
    for key in schematic.paths:  # the schematic's own orientation of each pair
        if key not in out.paths:
            a, b = key
            out.paths[key] = list(reversed(out.paths.pop((b, a))))
    out.paths = {key: out.paths[key] for key in schematic.paths}
    return out


def _chains(layer: Layer, schematic: Schematic) -> list[Chain]:
    """`chains.contract`, cut again where a line starts or ends on the half-unit grid (a
    station there may sit on a bend, which the line would gain if the station moved off it)."""
    ends = {
        n
        for line in layer.lines
        for route in line.routes
        for n in (route[0], route[-1])
        if n in schematic.positions and on_half_grid(Drawing({n: schematic.positions[n]}, [], []))
    }
    out = []
    for chain in contract(layer, graph_of(layer)):
        start = 0
        for i in range(1, len(chain.stations)):
            if i == len(chain.stations) - 1 or chain.stations[i] in ends:
                out.append(Chain(chain.stations[start : i + 1], chain.lines))
                start = i
    return out


def _isolated(layer: Layer, chains: Sequence[Chain]) -> set[str]:
    inside = {s for c in chains for s in c.stations}
    return {s.id for s in layer.stations if s.id not in inside}


def _has_path(schematic: Schematic, chain: Chain) -> bool:
    return all(
        (u, v) in schematic.paths or (v, u) in schematic.paths for u, v in pairwise(chain.stations)
    )


def _polyline(schematic: Schematic, chain: Chain) -> list[Vec]:
    """The chain's whole path from its first station to its last, a vertex at each bend."""
    pts: list[Vec] = []
    for u, v in pairwise(chain.stations):
        path = path_between(schematic.paths, u, v)
        pts.extend(path if not pts else path[1:])
    return _simplify(pts)


def _octilinear(path: Sequence[Vec]) -> bool:
    for a, b in pairwise(path):
        dx, dy = abs(b[0] - a[0]), abs(b[1] - a[1])
        if dx > 1e-9 and dy > 1e-9 and abs(dx - dy) > 1e-9:
            return False
    return True


def _simplify(pts: Sequence[Vec]) -> list[Vec]:
    """Drop repeated points and straight-through vertices."""
    clean: list[Vec] = []
    for p in pts:
        if not clean or math.dist(clean[-1], p) > 1e-9:
            clean.append(p)
    out = clean[:1]
    for i in range(1, len(clean) - 1):
        a, b, c = out[-1], clean[i], clean[i + 1]
        if abs((b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0])) > 1e-9:
            out.append(b)
    if len(clean) > 1:
        out.append(clean[-1])
    return out


def _shared_ends(paths: Sequence[list[Vec]]) -> list[tuple[bool, bool]]:
    """For each path: whether its first (last) piece leaves its end station in the same direction
    as a piece of another path there (the stubs along a port-area bar overlap)."""
    leaving: dict[tuple[Vec, Vec], int] = {}
    ends = []
    for path in paths:
        first = (path[0], _direction(path[0], path[1]))
        last = (path[-1], _direction(path[-1], path[-2]))
        ends.append((first, last))
        leaving[first] = leaving.get(first, 0) + 1
        leaving[last] = leaving.get(last, 0) + 1
    return [(leaving[first] > 1, leaving[last] > 1) for first, last in ends]


def _direction(a: Vec, b: Vec) -> Vec:
    dx, dy = b[0] - a[0], b[1] - a[1]
    return (float((dx > 1e-9) - (dx < -1e-9)), float((dy > 1e-9) - (dy < -1e-9)))


def _spread(
    chain: Chain,
    path: list[Vec],
    out: Schematic,
    avoid: Sequence[Vec] = (),
    shared: tuple[bool, bool] = (False, False),
    shifts: Mapping[str, float] | None = None,
) -> None:
    """Lay the chain's stations at equal distances along `path`; split the path at them.

    A station that would sit on a point in `avoid` (where another chain crosses this one)
    moves a little along the path instead, as in `octi._lay_out_chain`; a station in `shifts`
    moves that far along it (never past the station before it). A first (last) piece
    that other paths share (`_shared_ends`: a stub along a port-area bar) holds no station:
    the stations are spread over the rest.
    """
    cum = [0.0]
    for a, b in pairwise(path):
        cum.append(cum[-1] + math.dist(a, b))
    n = chain.steps
    lo = cum[1] if shared[0] and len(path) > 2 else 0.0
    hi = cum[-2] if shared[1] and len(path) > 2 else cum[-1]
    if hi <= lo:
        lo, hi = 0.0, cum[-1]
    cuts: list[tuple[Vec, int]] = [(path[0], -1)]  # (point, index of the piece it lies on)
    last = 0.0
    for i in range(1, n):
        shift = shifts.get(chain.stations[i], 0.0) if shifts else 0.0
        s = _clear_of(path, cum, min(max(lo + (hi - lo) * i / n + shift, 0.0), cum[-1]), avoid)
        s = max(s, last)
        last = s
        j = min(max(k for k in range(len(cum) - 1) if cum[k] <= s + 1e-9), len(path) - 2)
        t = (s - cum[j]) / (cum[j + 1] - cum[j]) if cum[j + 1] > cum[j] else 0.0
        a, b = path[j], path[j + 1]
        p = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        cuts.append((p, j))
        out.positions[chain.stations[i]] = p
        angle = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
        out.angles[chain.stations[i]] = float(round(angle) % 180)
    cuts.append((path[-1], len(path) - 1))
    for k, (u, v) in enumerate(pairwise(chain.stations)):
        (p0, j0), (p1, j1) = cuts[k], cuts[k + 1]
        out.paths[(u, v)] = _simplify([p0, *path[j0 + 1 : j1 + 1], p1])


def _clear_of(path: Sequence[Vec], cum: Sequence[float], s: float, avoid: Sequence[Vec]) -> float:
    """`s` (a length along the path), or a place near it whose point is clear of `avoid`."""
    for shift in (0.0, *AVOID_SHIFTS):
        at = min(max(s + shift, 0.0), cum[-1])
        if all(math.dist(point_at(path, cum, at), q) >= CLEAR_OF_EDGES for q in avoid):
            return at
    return s


def _crossing_points(chains: Sequence[Sequence[Vec]]) -> dict[int, list[Vec]]:
    """Per chain, the points where another chain's path crosses its path (not at their ends).

    A crossing at a bend of either path counts too: a station spread onto that point would sit
    on the other chain's line (a bend is the end of a piece, not of the chain)."""
    pieces = [(c, a, b) for c, chain in enumerate(chains) for a, b in pairwise(chain)]
    ends = [(chain[0], chain[-1]) for chain in chains]
    grid: dict[tuple[int, int], list[int]] = {}
    for n, (_, a, b) in enumerate(pieces):
        for i in range(math.floor(min(a[0], b[0])), math.floor(max(a[0], b[0])) + 1):
            for j in range(math.floor(min(a[1], b[1])), math.floor(max(a[1], b[1])) + 1):
                grid.setdefault((i, j), []).append(n)
    out: dict[int, list[Vec]] = {}
    seen: set[tuple[int, int]] = set()
    for cell in sorted(grid):
        members = grid[cell]
        for x, n in enumerate(members):
            for m in members[x + 1 :]:
                (c, a, b), (d, p, q) = pieces[n], pieces[m]
                if c == d or (n, m) in seen:
                    continue
                seen.add((n, m))
                hit = _intersection(a, b, p, q)
                if hit is not None and all(math.dist(hit, e) > 1e-6 for e in (*ends[c], *ends[d])):
                    out.setdefault(c, []).append(hit)
                    out.setdefault(d, []).append(hit)
    return out


def _intersection(a: Vec, b: Vec, p: Vec, q: Vec) -> Vec | None:
    """The point where segments a-b and p-q cross (None if they do not, or are parallel)."""
    r = (b[0] - a[0], b[1] - a[1])
    s = (q[0] - p[0], q[1] - p[1])
    den = r[0] * s[1] - r[1] * s[0]
    if abs(den) < 1e-12:
        return None
    t = ((p[0] - a[0]) * s[1] - (p[1] - a[1]) * s[0]) / den
    u = ((p[0] - a[0]) * r[1] - (p[1] - a[1]) * r[0]) / den
    if -1e-9 <= t <= 1 + 1e-9 and -1e-9 <= u <= 1 + 1e-9:
        return (a[0] + t * r[0], a[1] + t * r[1])
    return None


def _crowding(chains: Sequence[Chain], out: Schematic) -> set[str]:
    """Pass-through stations too near another chain's edge or another station."""
    pieces: list[tuple[int, Vec, Vec]] = []
    for ci, chain in enumerate(chains):
        for u, v in pairwise(chain.stations):
            path = out.paths.get((u, v)) or out.paths[(v, u)]
            pieces.extend((ci, a, b) for a, b in pairwise(path))
    grid: dict[tuple[int, int], list[int]] = {}  # unit cells, each with the pieces near it
    for n, (_, a, b) in enumerate(pieces):
        for i in range(math.floor(min(a[0], b[0])) - 1, math.floor(max(a[0], b[0])) + 2):
            for j in range(math.floor(min(a[1], b[1])) - 1, math.floor(max(a[1], b[1])) + 2):
                grid.setdefault((i, j), []).append(n)
    crowded: set[str] = set()
    spots: dict[tuple[int, int], list[Vec]] = {}
    for sid in sorted({s for c in chains for s in c.ends}):
        p = out.positions[sid]
        spots.setdefault((math.floor(p[0]), math.floor(p[1])), []).append(p)
    for ci, chain in enumerate(chains):
        for sid in chain.stations[1:-1]:
            p = out.positions[sid]
            key = (math.floor(p[0]), math.floor(p[1]))
            for n in grid.get(key, ()):
                other, a, b = pieces[n]
                if other != ci and _distance(p, a, b) < CLEAR_OF_EDGES:
                    crowded.add(sid)
            for i in (-1, 0, 1):
                for j in (-1, 0, 1):
                    near = spots.get((key[0] + i, key[1] + j), ())
                    if any(math.dist(p, q) < MIN_STATION_GAP for q in near):
                        crowded.add(sid)
            spots.setdefault(key, []).append(p)
    return crowded


def _distance(p: Vec, a: Vec, b: Vec) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = (
        0.0
        if length2 == 0
        else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    )
    return math.dist(p, (a[0] + t * dx, a[1] + t * dy))
