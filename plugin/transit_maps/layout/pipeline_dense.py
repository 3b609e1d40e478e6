"""A layered drawing for dense pipelines that have no planar drawing: crossings accepted.

The layered drawing of `pipeline.py` aims at no crossings and leaves out components whose best
order within the ranks crosses more than `pipeline.TANGLED` times per arc; the routed candidates
then spend seconds on failing searches and draw spaghetti. Here (docs/layout-dense.md) such a
component is drawn in layers anyway, Sugiyama style, with crossings:

1. ranks as `pipeline_ranks.ranked` gives them (collectors in place or in the middle), then
   *stretched*: a source (or sink) with several arcs moves one column further out while that
   lowers the crossings of the best order within the ranks. Its arcs then pass the column of
   its neighbour's fan as waypoints, and the ordering can put that neighbour in the middle of
   them: K(2,n) between two adjacent columns crosses n(n-1)/2 times, the stretched version
   about a quarter of that (Zarankiewicz's drawing);
2. the order within ranks (`pipeline_order.ordered`: barycenter sweeps and transposition),
   and the first one improved further by `pipeline_order.polished` (sifting, random swaps);
3. tracks (`pipeline_order.tracks`) and port bars as `pipeline.py` makes them;
4. octilinear paths by `pipeline_dense_routes.route_dense`, without the searches that look for
   a crossing-free way (they fail here, expensively): templated 45-degree pieces, the same
   crossing other paths at grid nodes, else an A* search that may cross (a clean crossing of
   two pieces at a grid node: never along a grid edge, never through a station); first by
   ports assigned in the cyclic order of each station's neighbours (`pipeline_dense_ports`),
   or without;
5. termini moved next to their neighbour (`pipeline_pendants`).

The best variant by `octi.objective` is returned; its `crossings` counts k(k-1)/2 per grid node
k paths pass, as the rest of the engine and `metrics` count them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import networkx as nx

from ..model import Layer
from .embedding import components
from .grid import Cell
from .octi import CROSSING_WEIGHT, Schematic, is_planar, objective
from .parallel import both
from .pipeline import CELLS, bar_room, corners_of, marker_angles, port_bar
from .pipeline_dense_routes import route_dense
from .pipeline_dense_spacing import fitted_columns
from .pipeline_order import crossings, neighbours, ordered, polished, tracks
from .pipeline_pendants import move_pendants
from .pipeline_ranks import Arc, Ranked, ranked, waypoint_name

# Largest layer (stations) drawn this way; bigger networks go to the routed candidates alone.
DENSE_UP_TO = 60
# Rankings tried: collectors where `pipeline_ranks` puts them, or in the middle of their sources
# (zones in columns of their own never drew a dense pipeline better: their arcs span far).
RANKINGS = (False, True)
# A source or sink with at least this many arcs may be stretched out by a column.
STRETCH_FAN = 3
# Stretching rounds (each moves every source and sink at most once).
STRETCH_ROUNDS = 3
# A fan fed only through a side part of at most this many stations moves with that part.
HANGING_UP_TO = 4
# Orders within the ranks drawn per ranking; (column, track) spacings in grid cells (tracks
# weighted by lines, not by route pull, which never won here).
ORDERS = 2
SPACINGS = ((4, 2), (0, 2), (0, 4))
# (column 0: columns at widths that suit their contents, `pipeline_dense_spacing`.) Each is
# routed plainly, then with ports assigned in cyclic order first (`pipeline_dense_ports`) when
# the plain paths cross more than the order within the ranks does.
# Drawn after those, while the A* expansions spent stay under DENSE_BUDGET (small layers):
# these spacings, and every spacing with the busiest fans first.
EXTRA_SPACINGS = ((8, 4),)
DENSE_BUDGET = 60_000
# Orders are drawn fewest crossings between ranks first; an order crossing more than this many
# times beyond what the best drawing so far crosses is not drawn (its paths rarely cross less).
ORDER_SLACK = 1
# While no variant has been drawn and the A* expansions spent stay under this, a crossing
# search that fails is tried again with more (`pipeline_dense_routes.RESCUE_EXPANSIONS`).
RESCUE_BUDGET = 200_000
# The drawing with fans moved out with their side parts (`_stretchable`), tried when no other
# variant could be drawn, rescues with HANGING_RESCUE times the expansions, in each search and
# in all: it is the last layered drawing before the routed candidates (held-out taxprofiler,
# 48 stations, eleven profilers each fed by the reads and by an unpacked database: 67 crossings
# at twice the rescue, none drawn at once; the routed candidates cross 284 times, in 10 s).
HANGING_RESCUE = 2.0
# The order `pipeline_order.polished` finds from the first is drawn first when it crosses at
# least POLISH_GAIN times fewer between the ranks; when it crosses fewer by less, it is drawn
# among the extras (while DENSE_BUDGET lasts: small layers).
POLISH_GAIN = 2


def dense_schematic(layer: Layer, g: nx.Graph, bound: float = math.inf) -> Schematic | None:
    """A layered schematic that accepts crossings, for a non-planar one-component layer, or None.

    None when the layer is planar, has more than DENSE_UP_TO stations or several components,
    a station has an `at` hint, or no variant could be drawn. `bound` is the score of a drawing
    the caller has (the layered one without crossings, which crossed after all): only a
    drawing scoring lower is returned, and variants that cannot reach it are left undrawn.
    """
    if not is_dense(layer, g):
        return None
    comp = components(layer, g)[0]
    if not math.isinf(bound):
        return _dense(layer, g, comp, False, bound)
    # when nothing is drawn at all, fans fed through a side part move out with it too (their
    # arcs then pass a column of waypoints that the paths can cross at). That drawing depends
    # on nothing the first one finds: it is drawn on the other core meanwhile (`parallel.both`)
    # and kept only where the first draws nothing (held-out taxprofiler, 35 stations: 1.7 s of
    # failing variants, then 1.4 s for the drawing kept, one after the other)
    drawn, hanging = both(
        lambda: _dense(layer, g, comp, False, bound),
        lambda: _dense(layer, g, comp, True, bound),
        lambda first: first is None,
    )
    return drawn if drawn is not None else hanging


def _dense(
    layer: Layer, g: nx.Graph, comp: Sequence[str], hanging: bool, bound: float = math.inf
) -> Schematic | None:
    """`dense_schematic` of the component `comp`, stretched with `hanging` side parts or not;
    only a drawing scoring below `bound`."""
    # every (ranking, order within the ranks), fewest crossings between ranks first
    tries: list[tuple[int, int, Ranked, list[list[str]], dict[str, int]]] = []
    later: list[tuple[int, int, Ranked, list[list[str]], dict[str, int]]] = []
    seen: list[dict[str, int]] = []
    for collect in RANKINGS:
        start = ranked(layer, comp, "0", False, collect)
        rk, orders = _stretched(start, comp, hanging)
        if any(rk.rank == other for other in seen):
            continue
        if hanging and rk.rank == stretched(start, comp).rank:
            continue  # no side part moved: drawn (and failed) already
        seen.append(rk.rank)
        room = bar_room(rk.arcs, g, sides=False)  # one-sided bars: measured on planar ones only
        left, right = neighbours(rk)
        orders = orders[:ORDERS]
        for layers in orders:
            tries.append((crossings(layers, right), len(tries), rk, layers, room))
        better = polished(orders[0], left, right)
        gain = crossings(orders[0], right) - crossings(better, right)
        if gain > 0:
            kept = tries if gain >= POLISH_GAIN else later
            kept.append((crossings(better, right), len(tries) + len(later), rk, better, room))
    tries.sort(key=lambda t: t[:2])
    main = len(tries)
    tries += sorted(later, key=lambda t: t[:2])
    best: Schematic | None = None
    lowest = bound
    work = [0]  # A* expansions spent
    ys: dict[int, dict[str, int]] = {}  # try -> tracks (the same for every spacing and way)
    fitted: dict[tuple[int, int], list[int]] = {}  # (try, track) -> x of every rank
    plain: dict[tuple[int, int, int], float] = {}  # (try, spacing) -> fewest crossings unported
    for extra, t, (column, track), busiest, ported in _variants(main, len(tries) - main):
        between, _, rk, layers, room = tries[t]
        if extra and work[0] >= DENSE_BUDGET:
            break
        # a drawing crossing as often as the best one's score cannot beat it
        most = math.ceil(lowest / CROSSING_WEIGHT) - 1 if not math.isinf(lowest) else math.inf
        if between > most + ORDER_SLACK:
            continue  # its paths would cross about as often as its order: no better
        if ported and plain.get((t, column, track), math.inf) <= between:
            continue  # the paths add no crossing to the order's: ports would not help
        if t not in ys:
            ys[t] = tracks(rk, layers, room, False)
        y = ys[t]
        if not column and (t, track) not in fitted:
            fitted[(t, track)] = fitted_columns(rk, y, track)
        xs = column or fitted[(t, track)]
        # no drawing at all yet: failed searches get more expansions, while RESCUE_BUDGET lasts
        more = HANGING_RESCUE if hanging else 1.0
        rescue = more if math.isinf(lowest) and work[0] < more * RESCUE_BUDGET else 0.0
        drawn = _variant(
            layer, g, rk, layers, room, y, xs, track, busiest, ported, most, work, rescue
        )
        if drawn is None:
            continue
        if not ported:
            key = (t, column, track)
            plain[key] = min(plain.get(key, math.inf), drawn.crossings)
        score = objective(layer, drawn)
        if score < lowest:
            best, lowest = drawn, score
    return best


def _variants(tries: int, later: int = 0) -> list[tuple[bool, int, tuple[int, int], bool, bool]]:
    """(extra, try, spacing, busiest first, ported) in the order they are drawn: every try
    with SPACINGS, plain then ported; then, while DENSE_BUDGET lasts, the `later` tries
    (numbered after the others) with SPACINGS the same way, the EXTRA_SPACINGS the same way
    and every spacing with the busiest fans first."""
    out = []
    for t in range(tries):
        for spacing in SPACINGS:
            out += [(False, t, spacing, False, False), (False, t, spacing, False, True)]
    for t in range(tries, tries + later):
        for spacing in SPACINGS:
            out += [(True, t, spacing, False, False), (True, t, spacing, False, True)]
    for t in range(tries):
        for spacing in EXTRA_SPACINGS:
            out += [(True, t, spacing, False, False), (True, t, spacing, False, True)]
        for spacing in (*SPACINGS, *EXTRA_SPACINGS):
            out.append((True, t, spacing, True, False))
    return out


def is_dense(layer: Layer, g: nx.Graph) -> bool:
    """Whether the layer is one connected, non-planar network of at most DENSE_UP_TO stations
    with no `at` hint (what `dense_schematic` draws)."""
    if not layer.segments or len(layer.stations) > DENSE_UP_TO:
        return False
    if any(s.at is not None for s in layer.stations):
        return False
    if len(components(layer, g)) != 1:
        return False
    return not is_planar(g)  # (answered once per graph: `layout` asks before drawing)


def stretched(rk: Ranked, comp: Sequence[str], hanging: bool = False) -> Ranked:
    """The ranking with sources moved left and sinks moved right while that removes crossings.

    A source (sink) with STRETCH_FAN or more arcs moves one column out; the move is kept when
    the best order within the ranks then crosses less. At most STRETCH_ROUNDS rounds. With
    `hanging`, a station fanning out (in) to STRETCH_FAN arcs that is fed (feeds) only through
    a small side part moves out with that part (`_stretchable`).
    """
    return _stretched(rk, comp, hanging)[0]


def _stretched(
    rk: Ranked, comp: Sequence[str], hanging: bool = False
) -> tuple[Ranked, list[list[list[str]]]]:
    """`stretched`, with the orders within the ranks of the result (`ordered`)."""
    best = rk
    orders = ordered(rk, comp)
    fewest = _crossings_of(rk, orders)
    stations = set(comp)
    for _ in range(STRETCH_ROUNDS):
        improved = False
        for n in comp:
            ins = [a for a in best.arcs if a.right == n]
            outs = [a for a in best.arcs if a.left == n]
            moving = _stretchable(best, n, ins, outs, hanging)
            if moving is None:
                continue
            # towards its far side: left for a source or a station fanning out, else right
            shift = -1 if not ins or (moving[1:] and len(outs) >= STRETCH_FAN) else 1
            rank = {m: r for m, r in best.rank.items() if m in stations}
            for m in moving:
                rank[m] += shift
            trial = with_ranks(best, rank)
            trial_orders = ordered(trial, comp)
            count = _crossings_of(trial, trial_orders)
            if count < fewest:
                best, fewest, improved, orders = trial, count, True, trial_orders
        if not improved:
            break
    return best, orders


def _stretchable(
    rk: Ranked, n: str, ins: Sequence[Arc], outs: Sequence[Arc], hanging: bool
) -> list[str] | None:
    """What moves when `n` is stretched out by a column: `n` alone when it is a source or sink
    with at least STRETCH_FAN arcs; with `hanging`, `n` with what hangs off its other side when
    it fans out (or in) to STRETCH_FAN arcs and is fed (or feeds) only from a small part of the
    drawing that meets the rest at `n` alone (a database unpacked, then read by eleven tools:
    the database and its unpacking move together). None: `n` does not stretch."""
    if not (ins and outs):
        return [n] if len(ins) + len(outs) >= STRETCH_FAN else None
    if not hanging:
        return None
    if len(outs) >= STRETCH_FAN:
        side = [a.left for a in ins]
    elif len(ins) >= STRETCH_FAN:
        side = [a.right for a in outs]
    else:
        return None
    part = _hanging(rk, n, side)
    return None if part is None else [n, *part]


def _hanging(rk: Ranked, n: str, starts: Sequence[str]) -> list[str] | None:
    """The stations reached from `starts` without passing `n`, when they are at most
    HANGING_UP_TO and `n` is their only way to the rest; else None."""
    around: dict[str, list[str]] = {}
    for arc in rk.arcs:
        around.setdefault(arc.left, []).append(arc.right)
        around.setdefault(arc.right, []).append(arc.left)
    seen = dict.fromkeys(starts)
    if len(seen) > HANGING_UP_TO:
        return None
    todo = list(seen)
    while todo:
        m = todo.pop()
        for k in around.get(m, ()):
            if k != n and k not in seen:
                if len(seen) >= HANGING_UP_TO:
                    return None
                seen[k] = None
                todo.append(k)
    return list(seen)


def with_ranks(rk: Ranked, station_rank: dict[str, int]) -> Ranked:
    """The same arcs with stations at `station_rank` (shifted to start at 0), waypoints anew."""
    low = min(station_rank.values())
    rank = {n: r - low for n, r in station_rank.items()}
    arcs: list[Arc] = []
    for i, arc in enumerate(rk.arcs):
        names = tuple(waypoint_name("0", i, k) for k in range(1, rank[arc.right] - rank[arc.left]))
        for k, name in enumerate(names, start=1):
            rank[name] = rank[arc.left] + k
        arcs.append(Arc(arc.left, arc.right, arc.weight, names, arc.pull))
    return Ranked(rank, tuple(arcs))


def _crossings_of(rk: Ranked, orders: Sequence[list[list[str]]]) -> int:
    """Crossings between the ranks of the first (fewest crossings) of `orders`."""
    _, right = neighbours(rk)
    return crossings(orders[0], right)


def _variant(
    layer: Layer,
    g: nx.Graph,
    rk: Ranked,
    layers: list[list[str]],
    room: dict[str, int],
    y: Mapping[str, int],
    column: int | Sequence[int],
    track: int,
    busiest_first: bool,
    ported: bool = False,
    most: float = math.inf,
    work: list[int] | None = None,
    rescue: float = 0.0,
) -> Schematic | None:
    """One variant drawn: tracks, port bars, paths that may cross.

    Columns stand `column` grid cells apart, or at the x given per rank. With `rescue` (no
    variant drawn yet: a factor), failed crossing searches are tried again with `rescue` times
    `pipeline_dense_routes.RESCUE_EXPANSIONS`.
    """
    xs = column if not isinstance(column, int) else [r * column for r in range(len(layers))]
    cell = {n: (xs[r], y[n] * track) for n, r in rk.rank.items()}
    bars: dict[str, list[Cell]] = {}
    for n in room:
        bar = port_bar(n, rk.arcs, cell, layers[rk.rank[n]], room[n])
        if bar is None:
            return None
        bars[n] = bar
    routed = route_dense(rk.arcs, cell, bars, busiest_first, ported, most, work, rescue)
    if routed is None:
        return None
    move_pendants(layer, g, rk.arcs, cell, bars, routed)
    out = Schematic(crossings=routed.crossings())
    for s in layer.stations:
        x, y0 = cell[s.id]
        out.positions[s.id] = (x / CELLS, y0 / CELLS)
    full = routed.with_stubs(rk.arcs, cell)
    by_pair = {(a.left, a.right): p for a, p in zip(rk.arcs, full, strict=True)}
    for seg in layer.segments:
        path = by_pair.get((seg.a, seg.b))
        if path is None:
            path = list(reversed(by_pair[(seg.b, seg.a)]))
        out.paths[(seg.a, seg.b)] = corners_of([(x / CELLS, y / CELLS) for x, y in path])
    out.angles.update(marker_angles(layer, out, bars))
    return out
