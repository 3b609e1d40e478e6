"""A layered schematic built directly on the octilinear grid: the pipeline look.

A Sugiyama-style drawing (docs/layout-pipelines.md): stations stand in columns by rank
(`pipeline_ranks`), the order within each column keeps arcs from crossing and tracks keep them
straight (`pipeline_order`), and the paths are drawn on the grid with 45-degree fan-outs and
fan-ins (`pipeline_routes`); chains that still cross are drawn again whole (`pipeline_repair`)
and termini far from their neighbour move next to it (`pipeline_pendants`); a dead-end chain
that an arc has to go round is folded next to its attachment (`pipeline_detours`). Parallel
alternatives end up stacked as horizontal tracks between the station that forks and the one
that joins. Several variants (zones in columns or not, a few orders within the ranks) are drawn
and the best by `octi.objective` is kept. Components stand side by side, left to right.

The caller compares the result with the routed candidates by `octi.objective`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from ..model import Layer
from .embedding import components
from .markers import SIDE_PORTS
from .metrics import crossing_edges
from .octi import MAX_POINT_DEGREE, Schematic, objective
from .parallel import both
from .pipeline_detours import shorten_detours
from .pipeline_embedding import planar_layers, rotation, uncrossed_start
from .pipeline_order import crossings, neighbours, ordered, tracks
from .pipeline_pendants import move_pendants
from .pipeline_ranks import Arc, Ranked, is_waypoint, ranked
from .pipeline_repair import untangle
from .pipeline_routes import Budget, Routed, route_arcs
from .pipeline_turns import turned_rankings

Cell = tuple[int, int]
Vec = tuple[float, float]
Tracks = dict[str, int]  # node -> track (`pipeline_order.tracks`)
# What a variant was drawn from: zoned, ranking, order within the ranks, bar room, pull,
# termini last, tracks.
_Chosen = tuple[bool, Ranked, list[list[str]], dict[str, int], bool, bool, Tracks]

# Grid cells per station gap (positions are exported in station gaps: half-gap precision).
CELLS = 2
# Grid cells between adjacent columns, and between adjacent tracks.
COLUMN = 4
TRACK = 2
# Wider column spacings the best variant is drawn again with (kept when it scores better):
# wider columns make the vertical part of fans and detours a smaller share of each edge.
WIDER = (5, 6)
# Columns left empty between components.
COMPONENT_GAP = 1
# How much worse (in `octi.objective` units: bends) a drawing with zones in columns of their
# own may be and still be preferred to one that lets zones share columns.
ZONE_BONUS = 15.0
# Rankings tried: (zones in columns, collectors in the middle of their sources).
ZONINGS = ((True, False), (False, False), (False, True))
# Tracks weighted by the lines on each arc, or by how its routes pull it (main over branches).
PULLS = (False, True)
# Orders within the ranks drawn per zoning (the fewest-crossing ones of `ordered`).
ORDERS = 3
# Planar components of up to TURN_UP_TO stations whose best drawing crosses are ranked again with
# one direction of travel turned round (`pipeline_turns`): pipelines have 15-60 stations; on a
# rail network of 76 (Freiburg from topology) the routed drawing won anyway, after 0.5 s more.
TURN_UP_TO = 60
# A non-planar component whose best order within the ranks has more crossings than this many
# per arc is not drawn in layers (a dense variant-caller mesh: the routed candidates do better).
TANGLED = 0.5
# A* expansions one variant may spend on optional searches (of `pipeline_routes.BUDGET` in all).
DRAWING_BUDGET = 12_000
# When the best drawing crosses, up to this many of the variants whose order within the ranks
# has no crossing but whose routes cross (best first) are drawn again with the termini's arcs
# routed last, each with a DRAWING_BUDGET of its own.
RETRIES = 6
# A layer whose routes run through RAIL_ROUTE stations or more on average is a rail network
# (`is_rail_network`), not drawn in layers: the real networks measured average 14-27 stations a
# route and the seeded ones 12-25, the pipelines 2-7 (their routes are branches between forks
# and joins). On 28 seeded rail networks of 60 and 80 stations the layered drawing never won
# and cost up to 1.2 s; a non-planar one of up to 60 stations was drawn as a dense pipeline,
# without the routed candidates (docs/layout-pipelines.md, docs/layout-dense.md).
RAIL_ROUTE = 10


def layered_schematic(layer: Layer, g: nx.Graph) -> Schematic | None:
    """A complete schematic (grid positions and octilinear paths) drawn as layers, or None.

    None when the layer does not suit a layered drawing (a station has an `at` hint, there is
    nothing to draw, it is a rail network (`is_rail_network`), or no variant could be drawn);
    the caller compares what it returns with the routed candidates by `octi.objective`. Planar
    components that cross are drawn with a direction of travel turned round where that crosses
    less (`Layered.turned`).
    """
    layered = layered_drawing(layer, g)
    if layered is None:
        return None
    turned = layered.turned()
    return layered.schematic if turned is None else turned


def layered_drawing(layer: Layer, g: nx.Graph) -> Layered | None:
    """The layered drawing of `layer` without turns, and what drawing it with turns takes; None
    as for `layered_schematic`."""
    if not layer.segments or any(s.at is not None for s in layer.stations):
        return None
    if is_rail_network(layer):
        return None
    budget = Budget()
    parts: list[_Part] = []
    for k, comp in enumerate(components(layer, g)):
        part = _best_placement(layer, g, comp, str(k), budget)
        if part is None:
            return None
        parts.append(part)
    drawn = _assembled(layer, g, [part.placement for part in parts], budget)
    return None if drawn is None else Layered(layer, g, parts, drawn)


def is_rail_network(layer: Layer) -> bool:
    """Whether the layer's routes (of two stations or more) average RAIL_ROUTE stations or
    more: a rail network's lines run long through it, where a pipeline's routes are short
    branches between its forks and joins. Rail networks are not drawn in layers."""
    lengths = [len(route) for line in layer.lines for route in line.routes if len(route) > 1]
    return bool(lengths) and sum(lengths) >= RAIL_ROUTE * len(lengths)


@dataclass
class Layered:
    """A layer's layered drawing (`schematic`), and its components' placements, from which it
    can be drawn again with turns (`turned`)."""

    layer: Layer
    g: nx.Graph
    parts: list[_Part]
    schematic: Schematic

    @property
    def may_turn(self) -> bool:
        """Whether `turned` may change the drawing (`_Part.may_turn`)."""
        return any(part.may_turn for part in self.parts)

    def turned(self) -> Schematic | None:
        """The drawing with one direction of travel turned round in every planar component of
        up to TURN_UP_TO stations whose drawing crosses, where that crosses less and scores
        better (`pipeline_turns`); None when no component changes."""
        placements = [_turned_part(self.layer, self.g, part) for part in self.parts]
        if all(p is part.placement for p, part in zip(placements, self.parts, strict=True)):
            return None
        return _assembled(self.layer, self.g, placements, Budget())


def _assembled(
    layer: Layer, g: nx.Graph, placements: Sequence[_Placement], budget: Budget
) -> Schematic | None:
    """The components' placements side by side, left to right, as one schematic (a single
    component as it was drawn; several routed again together)."""
    if len(placements) == 1:
        return placements[0].drawn
    cell: dict[str, Cell] = {}
    arcs: list[Arc] = []
    bars: dict[str, list[Cell]] = {}
    left = 0
    for placed in placements:
        for n, (x, y) in placed.cell.items():
            cell[n] = (x + left, y)
        for n, cells in placed.bars.items():
            bars[n] = [(x + left, y) for x, y in cells]
        arcs.extend(placed.arcs)
        left = max(x for x, _ in cell.values()) + (COMPONENT_GAP + 1) * placed.column
    return _routed(layer, g, cell, arcs, bars, budget, any(p.ends_last for p in placements))


@dataclass
class _Placement:
    """Grid cells of a component's stations and waypoints, its arcs and its port bars."""

    cell: dict[str, Cell]
    arcs: list[Arc]
    bars: dict[str, list[Cell]]
    drawn: Schematic  # the component alone, as drawn when the placement was chosen
    column: int = COLUMN  # grid cells between adjacent columns
    ends_last: bool = False  # the termini's arcs routed after all others


@dataclass
class _Part:
    """A component's best placement without turns, and what drawing it with turns takes."""

    comp: Sequence[str]
    tag: str
    placement: _Placement
    score: float  # `octi.objective` of its drawing, less ZONE_BONUS when zoned
    zonings: list[tuple[bool, bool]]  # its ranking's (zoned, collect), then the plain one
    sides: bool  # port areas for stations with more than SIDE_PORTS arcs to one side
    one_sided: bool  # and its drawing has some
    turn: dict[str, list[str]] | None  # the planar rotation, None if not planar

    @property
    def may_turn(self) -> bool:
        """Whether turns are tried: planar, at most TURN_UP_TO stations, and its drawing crosses."""
        return (
            self.turn is not None
            and len(self.comp) <= TURN_UP_TO
            and self.placement.drawn.crossings > 0
        )


def _best_placement(
    layer: Layer, g: nx.Graph, comp: Sequence[str], tag: str, budget: Budget
) -> _Part | None:
    """The component's placement whose drawing scores best (zones in columns get ZONE_BONUS).

    Stations with more than SIDE_PORTS arcs to one side get port areas (`_placed`); when that
    drawing crosses, the component is drawn again with them as points (a bar pushes the rest of
    its column apart), each with a search budget of its own, and the better one is kept.
    """
    turn = rotation(g, comp)
    rankings = _rankings(layer, g, comp, tag, turn)

    def crossing_sides(part: _Part | None) -> bool:
        return part is not None and part.one_sided and part.placement.drawn.crossings > 0

    # the drawing with points is independent of the one with port areas: it is drawn on the
    # other core meanwhile (`parallel.both`), and kept only where that one crosses
    part, points = both(
        lambda: _placed(layer, g, comp, tag, budget, turn, rankings, True),
        lambda: _placed(layer, g, comp, tag, Budget(), turn, rankings, False),
        crossing_sides,
    )
    if part is None or not crossing_sides(part):
        return part
    return part if points is None or points.score >= part.score else points


# A ranking of a component to draw: (zoned, collect), the ranks, the best orders within them.
_Ranking = tuple[bool, bool, Ranked, list[list[list[str]]]]


def _rankings(
    layer: Layer, g: nx.Graph, comp: Sequence[str], tag: str, turn: dict[str, list[str]] | None
) -> list[_Ranking]:
    """The distinct rankings of ZONINGS (zones in columns of their own, or not, or collectors
    in the middle of their sources), each with its best ORDERS orders within the ranks; a
    non-planar ranking whose order crosses more than TANGLED per arc is left out."""
    out: list[_Ranking] = []
    for zoned, collect in ZONINGS:
        rk = ranked(layer, comp, tag, zoned, collect)
        if any(rk.rank == other.rank for _, _, other, _ in out):
            continue  # zones or collectors changed nothing here: the same drawing again
        left, right = neighbours(rk)
        starts = [planar_layers(rk, comp, right, turn, m) for m in (False, True)] if turn else []
        orders = ordered(rk, comp, starts)[:ORDERS]
        if turn is not None and orders and crossings(orders[0], right) > 0:
            # a planar network whose orders cross: read off other embeddings
            other = uncrossed_start(rk, comp, g, left, right)
            if other is not None:
                orders = ordered(rk, comp, [*starts, other])[:ORDERS]
        if turn is None and orders and crossings(orders[0], right) > TANGLED * len(rk.arcs):
            continue  # too dense for layers: routing would spend its budget on crossings
        out.append((zoned, collect, rk, orders))
    return out


def _placed(
    layer: Layer,
    g: nx.Graph,
    comp: Sequence[str],
    tag: str,
    budget: Budget,
    turn: dict[str, list[str]] | None,
    rankings: Sequence[_Ranking],
    sides: bool,
) -> _Part | None:
    """The component's placement whose drawing scores best, with port areas as `bar_room` gives
    them (`sides`: for one-sided stations too).

    Tried: each of `rankings` times its orders within the ranks; then the best of them with
    WIDER columns.
    """
    tries: list[tuple[bool, Ranked, dict[str, int], list[list[list[str]]]]] = []
    collects: list[bool] = []  # whether ranking t has collectors in the middle
    one_sided: list[bool] = []  # whether ranking t has port areas only `sides` gives
    for zoned, collect, rk, orders in rankings:
        room = bar_room(rk.arcs, g, sides=sides)
        tries.append((zoned, rk, room, orders))
        collects.append(collect)
        one_sided.append(sides and room.keys() != bar_room(rk.arcs, g, sides=False).keys())
    best: _Placement | None = None
    chosen: _Chosen | None = None
    chosen_t = 0  # the ranking of `chosen` (before any turn)
    kept: dict[tuple[int, int, bool], Tracks] = {}

    def tracks_of(t: int, k: int, pull: bool) -> Tracks:
        """`tracks` of order k of ranking t, worked out once (retries and WIDER draw it again)."""
        if (t, k, pull) not in kept:
            _, rk, room, orders = tries[t]
            kept[(t, k, pull)] = tracks(rk, orders[k], room, pull)
        return kept[(t, k, pull)]

    lowest = math.inf
    crossed: list[tuple[float, int, int, bool]] = []  # drawings that cross: score, t, k, pull
    settled: set[tuple[int, bool]] = set()  # (ranking, pull) that have a crossing-free drawing
    # the first order of every kind, then the second ones, ...: each kind gets its chance
    variants = [(t, k, pull) for k in range(ORDERS) for pull in PULLS for t in range(len(tries))]
    for t, k, pull in variants:
        zoned, rk, room, orders = tries[t]
        if k >= len(orders) or (t, pull) in settled:
            continue
        if best is not None and budget.left <= 0:
            break  # out of time for more variants
        y = tracks_of(t, k, pull)
        drawn, placement = _variant(layer, g, rk, y, orders[k], room, budget)
        if drawn is None or placement is None:
            continue
        score = objective(layer, drawn) - (ZONE_BONUS if zoned else 0.0)
        if drawn.crossings == 0:  # later orders cross more between ranks: rarely better
            settled.add((t, pull))
        elif crossings(orders[k], neighbours(rk)[1]) == 0:  # the routes cross, not the order
            crossed.append((score, t, k, pull))
        if score < lowest:
            best, lowest = placement, score
            chosen = (zoned, rk, orders[k], room, pull, False, y)
            chosen_t = t
    if chosen is None or best is None:
        return None
    if best.drawn.crossings:
        # crossing routes of a crossing-free order: drawn again, termini's arcs last, best first
        for _, t, k, pull in sorted(crossed)[:RETRIES]:
            zoned, rk, room, orders = tries[t]
            own = Budget(DRAWING_BUDGET)  # beyond the layer's budget, as WIDER
            y = tracks_of(t, k, pull)
            drawn, placement = _variant(layer, g, rk, y, orders[k], room, own, ends_last=True)
            if drawn is None or placement is None:
                continue
            score = objective(layer, drawn) - (ZONE_BONUS if zoned else 0.0)
            if score < lowest:
                best, lowest = placement, score
                chosen = (zoned, rk, orders[k], room, pull, True, y)
                chosen_t = t
    best, lowest = _widened(layer, g, chosen, best, lowest)
    zonings = list(dict.fromkeys([(tries[chosen_t][0], collects[chosen_t]), (False, False)]))
    return _Part(comp, tag, best, lowest, zonings, sides, one_sided[chosen_t], turn)


def _turned_part(layer: Layer, g: nx.Graph, part: _Part) -> _Placement:
    """The component's placement with one direction of travel turned round when it is planar,
    has at most TURN_UP_TO stations and crosses, and a turn crosses less and scores better
    (`_turned`, then WIDER); else its placement without turns."""
    if not part.may_turn:
        return part.placement
    turned = _turned(layer, g, part)
    if turned is None or turned[1] >= part.score:
        return part.placement
    placement, score, chosen = turned
    return _widened(layer, g, chosen, placement, score)[0]


def _widened(
    layer: Layer, g: nx.Graph, chosen: _Chosen, best: _Placement, lowest: float
) -> tuple[_Placement, float]:
    """The variant `chosen` (drawn as `best`, scoring `lowest`) drawn again with WIDER columns
    (same ranks, order and tracks): the best of them and `best`, and its score."""
    zoned, rk, layers, room, _, last, y = chosen
    for column in WIDER:
        own = Budget(DRAWING_BUDGET)  # beyond the layer's budget: one variant each at most
        drawn, placement = _variant(layer, g, rk, y, layers, room, own, column, last)
        if drawn is None or placement is None:
            continue
        score = objective(layer, drawn) - (ZONE_BONUS if zoned else 0.0)
        if score < lowest:
            best, lowest = placement, score
    return best, lowest


def _turned(layer: Layer, g: nx.Graph, part: _Part) -> tuple[_Placement, float, _Chosen] | None:
    """The best drawing of the component with one direction of travel turned round
    (`pipeline_turns`) that crosses less than its placement, its score and what it was drawn
    from; None if none does.

    The turned rankings are drawn in turn, each with a search budget of its own (as WIDER),
    until one has no crossing.
    """
    assert part.turn is not None
    drawn_best = part.placement.drawn
    crossing = {n for e in crossing_edges(drawn_best.positions, drawn_best.paths) for n in e}
    found: tuple[_Placement, float, _Chosen] | None = None
    turned = turned_rankings(layer, g, part.comp, part.tag, part.zonings, part.turn, crossing)
    for zoned, rk, layers in turned:
        room = bar_room(rk.arcs, g, sides=part.sides)
        y = tracks(rk, layers, room, False)
        own = Budget(DRAWING_BUDGET)  # beyond the layer's budget
        drawn, placement = _variant(layer, g, rk, y, layers, room, own)
        if drawn is None or placement is None:
            continue
        score = objective(layer, drawn) - (ZONE_BONUS if zoned else 0.0)
        if drawn.crossings < drawn_best.crossings and (found is None or score < found[1]):
            found = (placement, score, (zoned, rk, layers, room, False, False, y))
        if drawn.crossings == 0:
            break
    return found


def _variant(
    layer: Layer,
    g: nx.Graph,
    rk: Ranked,
    y: Tracks,
    layers: list[list[str]],
    room: Mapping[str, int],
    budget: Budget,
    column: int = COLUMN,
    ends_last: bool = False,
) -> tuple[Schematic | None, _Placement | None]:
    """One variant drawn on the tracks `y` (`pipeline_order.tracks` of `layers`): bars, routes
    (spending at most DRAWING_BUDGET of `budget`).

    Columns stand `column` grid cells apart; with `ends_last` the termini's arcs are routed
    after all others.
    """
    cell = {n: (r * column, y[n] * TRACK) for n, r in rk.rank.items()}
    bars: dict[str, list[Cell]] = {}
    for n in room:
        bar = port_bar(n, rk.arcs, cell, layers[rk.rank[n]], room[n])
        if bar is None:
            return None, None
        bars[n] = bar
    own = Budget(min(budget.left, DRAWING_BUDGET))
    drawn = _routed(layer, g, dict(cell), rk.arcs, bars, own, ends_last)
    budget.left -= min(budget.left, DRAWING_BUDGET) - own.left
    if drawn is None:
        return None, None
    return drawn, _Placement(cell, list(rk.arcs), bars, drawn, column, ends_last)


def _routed(
    layer: Layer,
    g: nx.Graph,
    cell: dict[str, Cell],
    arcs: Sequence[Arc],
    bars: Mapping[str, Sequence[Cell]],
    budget: Budget,
    ends_last: bool = False,
) -> Schematic | None:
    """Route the arcs, untangle crossings, and convert to a Schematic in station gaps.

    Stations of `layer` not in `cell` (other components) are left out. With `ends_last`, the
    termini's arcs are routed after all others (`route_arcs`).
    """
    routed = _untangled(layer, g, cell, arcs, bars, budget, ends_last)
    if routed is None:
        return None
    out = Schematic(crossings=routed.crossings())
    for s in layer.stations:
        if s.id in cell:
            x, y0 = cell[s.id]
            out.positions[s.id] = (x / CELLS, y0 / CELLS)
    full = routed.with_stubs(arcs, cell)
    by_pair = {(a.left, a.right): p for a, p in zip(arcs, full, strict=True)}
    for seg in layer.segments:
        path = by_pair.get((seg.a, seg.b))
        if path is None:
            back = by_pair.get((seg.b, seg.a))
            if back is None:
                continue
            path = list(reversed(back))
        out.paths[(seg.a, seg.b)] = corners_of([(x / CELLS, y / CELLS) for x, y in path])
    out.angles.update(marker_angles(layer, out, bars))
    return out


def _untangled(
    layer: Layer,
    g: nx.Graph,
    cell: dict[str, Cell],
    arcs: Sequence[Arc],
    bars: Mapping[str, Sequence[Cell]],
    budget: Budget,
    ends_last: bool,
) -> Routed | None:
    """The arcs routed, crossing chains untangled and pendants moved (`cell` changes)."""
    routed = route_arcs(arcs, cell, bars, budget, ends_last)
    if routed is None:
        return None
    if routed.crossings():
        untangle(layer, g, arcs, cell, bars, routed, budget)
    move_pendants(layer, g, arcs, cell, bars, routed)
    shorten_detours(layer, g, arcs, cell, bars, routed, budget)
    return routed


def bar_room(arcs: Sequence[Arc], g: nx.Graph, *, sides: bool) -> dict[str, int]:
    """Tracks kept free above and below each port-area station: more than eight neighbours, or
    (with `sides`) more than SIDE_PORTS arcs to one side (`markers.has_port_area`)."""
    per_side: dict[tuple[str, int], int] = {}
    for arc in arcs:
        per_side[(arc.left, 1)] = per_side.get((arc.left, 1), 0) + 1
        per_side[(arc.right, -1)] = per_side.get((arc.right, -1), 0) + 1
    room: dict[str, int] = {}
    for n in g:
        wide = max(per_side.get((n, 1), 0), per_side.get((n, -1), 0))
        if g.degree(n) > MAX_POINT_DEGREE or (sides and wide > SIDE_PORTS):
            room[n] = math.ceil((wide - 1) / 2)
    return room


def port_bar(
    station: str,
    arcs: Sequence[Arc],
    cell: Mapping[str, Cell],
    column: Sequence[str],
    room: int,
) -> list[Cell] | None:
    """The vertical bar of a port-area station: its cells, level with its neighbours.

    The bar stays within the `room` tracks kept free around the station (arcs to neighbours
    beyond its ends leave from an end). None when another node of its column would lie on or
    next to it.
    """
    x, y = cell[station]
    ys = [y]
    for arc in arcs:
        nodes = arc.nodes
        if nodes[0] == station:
            ys.append(cell[nodes[1]][1])
        if nodes[-1] == station:
            ys.append(cell[nodes[-2]][1])
    others = [cell[n][1] for n in column if n != station]

    def free(lo: int, hi: int) -> bool:
        return not any(lo - TRACK < other < hi + TRACK for other in others)

    if free(min(ys), max(ys)):  # level with every neighbour where the column is free
        return [(x, k) for k in range(min(ys), max(ys) + 1)]
    lo = max(min(ys), y - room * TRACK)
    hi = min(max(ys), y + room * TRACK)
    if not free(lo, hi):
        return None
    return [(x, k) for k in range(lo, hi + 1)]


def corners_of(pts: list[Vec]) -> list[Vec]:
    """Only the end points and the vertices where the path changes direction."""
    out = pts[:1]
    for i in range(1, len(pts) - 1):
        a, b, c = out[-1], pts[i], pts[i + 1]
        cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0])
        if abs(cross) > 1e-9:
            out.append(b)
    if len(pts) > 1:
        out.append(pts[-1])
    return out


def marker_angles(
    layer: Layer, out: Schematic, bars: Mapping[str, Sequence[Cell]]
) -> dict[str, float]:
    """Marker angle per station: 90 for a bar, else the direction of its busiest edge."""
    angles: dict[str, float] = {}
    best: dict[str, tuple[int, int]] = {}
    for seg in layer.segments:
        path = out.paths.get((seg.a, seg.b))
        if path is None:  # another component's
            continue
        for station, a, b in ((seg.a, path[0], path[1]), (seg.b, path[-1], path[-2])):
            angle = float(round(math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))) % 180)
            rank = (len(seg.lines), 1 if angle == 0.0 else 0)
            if station not in best or rank > best[station]:
                best[station], angles[station] = rank, angle
    for n in bars:
        angles[n] = 90.0
    assert not any(is_waypoint(n) for n in angles)
    return angles
