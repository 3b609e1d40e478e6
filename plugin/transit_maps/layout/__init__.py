"""Topology to geometry. Pure and deterministic; knows nothing of SVG or MkDocs.

The pipeline (docs/layout.md): embed (hints, pins or topology) -> octilinear schematisation on a
grid -> line ordering across bundles -> labels -> translate so the drawing and its labels start
at MARGIN.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import networkx as nx

from ..model import Layer
from .compact import compact
from .dimensions import GRID, MARGIN, bundle_width, marker_radius
from .embedding import (
    components,
    crossings_within,
    embeddings,
    graph_of,
    untangled_embeddings,
)
from .embedding_choice import POLISH_TWO, Ranked, candidate_count, polish_best, rank_candidates
from .embedding_planar import planar_embeddings
from .flow import backward_steps, main_direction
from .geometry import Layout, LineStyle, PlacedEdge, PlacedStation, Point, ZoneArea
from .grid import Cell
from .labels import LabelPlacement
from .markers import marker_overlaps, overlapping_markers
from .markers_apart import apart
from .metrics import FAR_LABEL, ambiguous_gaps, drawing_faults, label_overlap_counts
from .octi import (
    CROSSING_WEIGHT,
    STEP,
    Schematic,
    is_planar,
    mirrored,
    objective,
    path_between,
)
from .ordering import order_lines
from .parallel import Aside, may_fork
from .pipeline import Layered, is_rail_network, layered_drawing
from .pipeline_dense import dense_schematic, is_dense
from .stable import SPREADS, moved_together, pins, same_places, spread_of, trail, unchanged

__all__ = ["Layout", "layout"]

# Spreads of the drawing tried, in order, until every label has a free place (see `_finish`).
LABEL_ROOM = SPREADS
# Station markers do not grow with the spread: where two overlap at the first spread that places
# every label (a station beside a wide interchange's marker), up to MARKER_SPREADS larger ones
# are tried for one where none do (`_finish`).
MARKER_SPREADS = 2
# A drawing whose names read as another station's (`metrics`' ambiguous labels) is spread further
# (`_less_ambiguous`) when more than AMBIGUOUS_FEW and at least AMBIGUOUS_SHARE of its labels are
# ambiguous: a larger spread is kept when it leaves no label overlap and at most AMBIGUOUS_KEPT of
# the ambiguous labels of the drawing kept last (docs/layout-ordering-labels.md, "Spreading for
# names that read as their own").
AMBIGUOUS_FEW = 2
AMBIGUOUS_SHARE = 0.1
AMBIGUOUS_KEPT = 0.5
# An ambiguous label more than `metrics.FAR_LABEL` from its own station reads as the wrong
# station's name: the drawing is spread while at least FAR_SHARE of its labels are such
# (`_less_ambiguous`).
FAR_SHARE = 0.04
# The layered drawing is for pipelines (15-60 stations); on bigger networks it has never won and
# costs about 0.6 s.
LAYERED_UP_TO = 80
# How far (station gaps) a station may be from its pin and still count as in place.
PIN_TOLERANCE = 0.01
# Without hints, the routed drawing and the layered one are compared by `octi.objective` plus
# FLOW_WEIGHT for every step drawn against the flow (`flow.backward_steps`): a route folded back
# on itself reads as a loop, which costs a reader more than a bend does (docs/layout.md).
FLOW_WEIGHT = 10.0
# On a map of more than HOPELESS_ABOVE stations, a best routed candidate whose read cost (the
# objective plus FLOW_WEIGHT per backward step) is more than HOPELESS times the layered drawing's
# is not polished: the layered drawing is kept. Of 120 seeded pipelines, on the 57 of more than
# 30 stations that were polished, the local search and compaction lowered that cost to no less
# than 0.72 of the start (so a start above 1 / 0.72 = 1.39 times never won), and every routed
# drawing that won had started at most 1.1 times the layered one's; the 13 skipped had started
# 1.63-2.62 times it and saved 0.3-0.9 s of a 2 s target (docs/layout.md).
HOPELESS = 1.5
HOPELESS_ABOVE = 30
# Where every candidate crosses, or one that crosses would win but for its crossings, the first
# UNTANGLED candidate embeddings (fewest straight-line crossings first) are untangled and
# ranked too (`_with_untangled`).
UNTANGLED = 4
# On a planar network whose drawing crosses (the polished one, or the layered one where every
# candidate lost to it), up to ROOMY_TRIES of its embeddings whose straight lines do not cross
# are routed again, spread ROOMY times as far (`_with_room`).
ROOMY = 2.0
ROOMY_TRIES = 4
# Where none of them is crossing-free, Tutte's drawings of the network stand in
# (`embedding_planar`), their median edge PLANAR_GAP station gaps before the spread: they crowd
# inner stations, and at one gap the router has no room between them (three fuzzed pipelines
# and a seeded network with tunnels: 1-8 crossings at 1-2 gaps, none at 3 after the spread).
PLANAR_GAP = 1.5
# ... and where every candidate lost to the layered drawing, when the first candidate embedding
# has at most FEW_TUNNELS straight-line crossings per edge (`_few_tunnels`).
FEW_TUNNELS = 0.1


def layout(
    layer: Layer, map_id: str, *, previous: Layout | Mapping[str, Any] | None = None
) -> Layout:
    """Lay out one layer of map `map_id` as an octilinear transit map.

    `previous` (an earlier `Layout` of the same layer, or its parsed `layout --json` export)
    keeps the stations that still exist where they were, wherever the new topology allows.
    """
    if previous is not None and unchanged(layer, previous):
        # an unchanged layer: drawn as without a previous layout, which is how it was drawn
        # unless the engine or the layer's labels changed since (then its pins keep what they can)
        again = layout(layer, map_id)
        if same_places(again, previous):
            return again
    g = graph_of(layer)
    pinned = pins(previous) if previous is not None else {}
    followed = trail(previous) if previous is not None else set()
    # a layered drawing built directly on the grid (pipelines: flows left to right); its score
    # bounds the routed candidates, which give up once their crossings alone cost more. Drawn
    # without turns: they are tried only where the drawing kept crosses (`_or_turned`), but
    # started at once on the other core where they may be (`_turning`)
    layered = layered_drawing(layer, g) if len(layer.stations) <= LAYERED_UP_TO else None
    turning = None if pinned else _turning(layer, layered)
    try:
        return _laid_out(layer, map_id, g, previous, pinned, followed, layered, turning)
    finally:
        if turning is not None:
            turning.cancel()


def _laid_out(
    layer: Layer,
    map_id: str,
    g: nx.Graph,
    previous: Layout | Mapping[str, Any] | None,
    pinned: Mapping[str, Point],
    followed: Collection[tuple[Cell, Cell]],
    layered: Layered | None,
    turning: Aside[Schematic | None] | None,
) -> Layout:
    """`layout`, once the layered drawing (`layered`, if any) is known: the previous layout's
    stations `pinned` and the grid edges its lines `followed`, and `turning` as `_turning`."""
    flow = layered.schematic if layered is not None else None
    # a non-planar pipeline: also the layered drawing that accepts crossings (docs/layout-dense.md)
    # (drawn without compaction: it costs more than it gains on a dense drawing), kept when it
    # scores better than the layered drawing; that one is compacted only when it is kept
    dense_layer = not pinned and is_dense(layer, g)
    dense = None
    if dense_layer:
        dense = dense_schematic(layer, g, objective(layer, flow) if flow is not None else math.inf)
    if dense is not None:
        flow = dense
    elif flow is not None:
        flow = _compacted(layer, flow)
    if pinned:
        # the layered drawing again when it puts every station back where it was (an unchanged
        # pipeline), else the routed candidate, which keeps what it can; either at the spread
        # the previous drawing had (spreading more for one label would move every station)
        assert previous is not None
        spreads = (spread_of(previous),)
        for drawn_in_layers in _layered_options(layer, layered, flow):
            if _keeps_every_pin(drawn_in_layers, pinned):
                return _finish(layer, map_id, drawn_in_layers, spreads)
        ranked = rank_candidates(layer, g, pinned, followed)
        drawn = [r.schematic for r in ranked]
        return _finish(layer, map_id, _checked(layer, drawn[0], drawn), spreads)
    rail = is_rail_network(layer)
    if dense_layer and flow is not None and not rail:
        # a non-planar pipeline drawn in layers: no routed candidate has ever beaten that
        # drawing, and trying them cost 0.25-0.45 s of a 2 s target (docs/layout-dense.md)
        return _finish(layer, map_id, flow)
    # the layered drawing as it reads: its router counts crossings at grid nodes, not those of
    # the stubs along a port-area bar, which the geometry may have too (`checked_objective`)
    bound = checked_objective(layer, flow) if flow is not None else math.inf
    # candidate embeddings, schematised and ranked (docs/layout-big-maps.md); where crossings
    # cost them most, the untangled ones too (`_with_untangled`). A rail network's candidates
    # do not give up against its dense drawing: the local search often removes the crossings
    # they start with (docs/layout-dense.md, "Rail networks")
    limit = math.inf if rail else bound
    found = embeddings(layer, pinned, candidate_count(layer))
    ranked = rank_candidates(layer, g, pinned, followed, limit, given=found)
    ranked = _with_untangled(layer, g, ranked, followed, limit, found, flow)
    # whether the drawing may come from Tutte's drawings, where the layered drawing crossed:
    # then it is weighed against the layered drawing with turns even when it does not cross
    tutte = False
    if not ranked and _room_may_help(layer, g, flow):
        # every candidate lost to a layered drawing that crosses (`_with_room`)
        ranked, tutte = _ranked_with_room(layer, g, found, (), followed, limit, flow is None)
    if not ranked:
        assert flow is not None
        return _finish(layer, map_id, _forwards(layer, _or_turned(layer, turning, flow)))
    schematic, best = ranked[0].schematic, ranked[0].score
    if flow is not None and _hopeless(layer, ranked[0], flow, bound):
        return _finish(layer, map_id, _forwards(layer, _or_turned(layer, turning, flow)))
    # the best candidates again, with the local search (not with a previous layout)
    polished = polish_best(layer, g, ranked, followed)
    if polished is not None and polished[0] <= best:
        best, schematic = polished
    if schematic.crossings and _room_may_help(layer, g, flow):
        best, schematic, planar = _with_room(
            layer, g, (best, schematic), ranked, found, followed, flow is None
        )
        tutte = tutte or planar
    # the polished routed drawing against the layered one, both compacted as they would be kept
    schematic = _compacted(layer, _checked(layer, schematic, [r.schematic for r in ranked]))
    if flow is not None and _read_cost(layer, flow, bound) < _read_cost(
        layer, schematic, checked_objective(layer, schematic)
    ):
        schematic = flow
    kept = _or_turned(layer, turning, schematic, tutte)
    return _finish(layer, map_id, kept if flow is None else _forwards(layer, kept))


def _with_untangled(
    layer: Layer,
    g: nx.Graph,
    ranked: list[Ranked],
    followed: Collection[tuple[Cell, Cell]],
    bound: float,
    found: Sequence[tuple[Mapping[str, Point], int]],
    flow: Schematic | None,
) -> list[Ranked]:
    """`ranked` (the candidates of the embeddings `found`), and on a network without hints
    the candidates of the untangled embeddings too (`embedding.untangled_embeddings`:
    crossing chains rerouted through free faces, pieces hanging off one station folded into a
    face at it), all best first (the first ranked first among equals), when

    - every candidate in `ranked` crosses, or one that crosses would beat the best that does
      not but for its crossings (`_crossings_cost_most`); or
    - none was ranked (each lost to the layered drawing `flow`, whose score is `bound`): then
      only the first UNTANGLED embeddings whose straight lines cross on few edges
      (`_few_tunnels`), and only the candidates that already read better than `flow`.

    A stress drawing crosses where a line tunnels under another without a shared station; the
    router keeps every station where the embedding put it, so only another embedding can draw
    such a network without crossings, and a candidate that routed without crossings may have
    paid for it in bends and lengths (held-out Milan: 18 bends and length CV 0.52, where the
    untangled first embedding gives 14 and 0.15). On a non-planar network every candidate
    crosses; its untangled embeddings may still cross far less (held-out Madrid: 9 crossings
    routed, 102 bends, length CV 0.61; untangled, 2, 74 and 0.24)."""
    if any(s.at is not None for s in layer.stations):
        return ranked
    if ranked and not _crossings_cost_most(ranked):
        return ranked
    tangled = found[:UNTANGLED] if ranked else _few_tunnels(layer, g, found[:UNTANGLED])
    repaired = untangled_embeddings(layer, g, tangled)
    if not repaired:
        return ranked
    # above POLISH_TWO's range only the best candidate is polished: a repaired one that cannot
    # beat the best ranked gives up once its crossings alone cost more (held-out Hamburg, not
    # planar: 1.6 s, for a candidate routed with 7 crossings against 6)
    cutoff = bound
    if ranked and len(layer.stations) > POLISH_TWO[1]:
        cutoff = min(bound, ranked[0].score)
    # (where every candidate lost to the layered drawing, without the extra patience: there
    # the repaired ones seldom win, and the give-ups cost pipelines about 0.5 s)
    more = rank_candidates(
        layer, g, {}, followed, cutoff, given=repaired, sides=True, patient=bool(ranked)
    )
    if not ranked and flow is not None:
        # every candidate lost to the layered drawing: the local search seldom makes up a
        # start that reads worse than it, and on a pipeline whose drawing the repaired ones
        # did not change, polishing them cost about 0.8 s
        beaten = _read_cost(layer, flow, bound)
        more = [r for r in more if _read_cost(layer, r.schematic, r.score) < beaten]
    return sorted([*ranked, *more], key=lambda r: r.score)


def _room_may_help(layer: Layer, g: nx.Graph, flow: Schematic | None) -> bool:
    """Whether the network is planar, without hints, and its layered drawing `flow` (if any)
    crosses: then a crossing drawing may be the router's want of room (`_with_room`)."""
    if any(s.at is not None for s in layer.stations) or not is_planar(g):
        return False
    return flow is None or max(flow.crossings, drawing_faults(flow.positions, flow.paths)) > 0


def _roomy(
    layer: Layer,
    g: nx.Graph,
    found: Sequence[tuple[Mapping[str, Point], int]],
    ranked: Sequence[Ranked],
) -> list[tuple[Mapping[str, Point], int]]:
    """Up to ROOMY_TRIES embeddings whose straight lines do not cross, spread ROOMY times as
    far: the candidates' (`found`), then those of the `ranked` candidates (the untangled ones)."""
    comps = components(layer, g)
    seen: set[int] = set()  # ids of the embeddings looked at (a ranked one is often found's)
    roomy: list[tuple[Mapping[str, Point], int]] = []
    for pos, step in [*found, *((r.option.embedding, r.option.step) for r in ranked)]:
        if len(roomy) >= ROOMY_TRIES or id(pos) in seen:
            continue
        seen.add(id(pos))
        if crossings_within(g, comps, pos) == 0:
            roomy.append(({n: (x * ROOMY, y * ROOMY) for n, (x, y) in pos.items()}, step))
    return roomy


def _ranked_with_room(
    layer: Layer,
    g: nx.Graph,
    found: Sequence[tuple[Mapping[str, Point], int]],
    ranked: Sequence[Ranked],
    followed: Collection[tuple[Cell, Cell]],
    bound: float,
    even: bool,
) -> tuple[list[Ranked], bool]:
    """The `_roomy` embeddings ranked (`rank_candidates`, giving up against `bound`); where
    there is none, Tutte's drawings of the network (`_tutte_ranked`): evened out when `even`
    (as `_with_room` says), or as they are (also when none of those ranks). With whether they
    were Tutte's."""
    roomy = _roomy(layer, g, found, ranked)
    if roomy:
        return rank_candidates(layer, g, {}, followed, bound, given=roomy), False
    out = _tutte_ranked(layer, g, followed, bound, True) if even else []
    out = out or _tutte_ranked(layer, g, followed, bound, False)
    return out, bool(out)


def _tutte_ranked(
    layer: Layer, g: nx.Graph, followed: Collection[tuple[Cell, Cell]], bound: float, relax: bool
) -> list[Ranked]:
    """Tutte's drawings of the network (`embedding_planar`: no straight lines cross there),
    evened out (`relax`: `embedding_relax`) or not, spread as far as `_roomy` embeddings, each
    ranked on its own (an easy one would cut the effort allowed to the next, and the fully
    triangulated drawing needs more), giving up against `bound`, until one is drawn without
    crossings (the next is drawn to remove crossings: on held-out methylseq it took 0.8 s and
    lost); best first."""
    out: list[Ranked] = []
    for pos in planar_embeddings(layer, g, PLANAR_GAP * ROOMY, relax):
        if any(r.schematic.crossings == 0 for r in out):
            break
        out += rank_candidates(layer, g, {}, followed, bound, given=[(pos, STEP)], tutte=True)
    return sorted(out, key=lambda r: r.score)


def _with_room(
    layer: Layer,
    g: nx.Graph,
    kept: tuple[float, Schematic],
    ranked: Sequence[Ranked],
    found: Sequence[tuple[Mapping[str, Point], int]],
    followed: Collection[tuple[Cell, Cell]],
    even: bool,
) -> tuple[float, Schematic, bool]:
    """`kept` (the polished drawing, which crosses, and its objective), or the best polished
    drawing of the `_roomy` embeddings when that scores better; and whether the drawing
    returned is one of Tutte's.

    On a planar network a drawing may cross although the embedding's straight lines do not:
    on a dense one (a triangulated patch, stations of six neighbours in triangles) the grid
    between the stations is too narrow to route every edge in its place. Spread twice as far,
    the same embedding routes without crossings, and compaction takes back the room the routes
    did not use. Where every candidate lost to a layered drawing that crosses, `layout` ranks
    the roomy embeddings instead, before the polish. Where no embedding is crossing-free as
    straight lines (stress folds a dense part over itself), Tutte's drawings stand in
    (`_tutte_ranked`), ranked and polished: when `even` (a network without a layered drawing,
    whose lines need not read left to right) evened out first, and as they are only when the
    best drawing so far still crosses. On a pipeline an evened-out drawing could win against a
    layered one that reads far better (held-out mhcquant: 1 crossing -> 0, for 11 steps against
    the flow rather than 4 and four times the area).
    """
    roomy = _roomy(layer, g, found, ranked)
    if roomy:
        more = rank_candidates(layer, g, {}, followed, kept[0], given=roomy)
        polished = polish_best(layer, g, more, followed) if more else None
        if polished is not None and polished[0] < kept[0]:
            return polished[0], polished[1], False
        return kept[0], kept[1], False

    def polished_tutte(relax: bool) -> tuple[float, Schematic] | None:
        more = _tutte_ranked(layer, g, followed, kept[0], relax)
        return polish_best(layer, g, more, followed) if more else None

    best = kept
    for relax in (True, False) if even else (False,):
        polished = polished_tutte(relax)
        if polished is not None and polished[0] < best[0]:
            best = polished
        if max(best[1].crossings, drawing_faults(best[1].positions, best[1].paths)) == 0:
            break
    return best[0], best[1], best is not kept


def _few_tunnels(
    layer: Layer, g: nx.Graph, found: Sequence[tuple[Mapping[str, Point], int]]
) -> list[tuple[Mapping[str, Point], int]]:
    """The embeddings of `found` (fewest straight-line crossings first) whose straight lines
    cross, but on at most FEW_TUNNELS of the network's edges; none when the first does not
    cross (its candidates lost to the layered drawing for other reasons than crossings). A
    rail network whose lines tunnel under each other here and there, not a pipeline that stress
    cannot draw flat (whose untangling is slow and seldom wins)."""
    comps = components(layer, g)
    most = FEW_TUNNELS * g.number_of_edges()
    counts = [crossings_within(g, comps, pos) for pos, _ in found]
    if not counts or counts[0] == 0:
        return []
    return [(pos, step) for (pos, step), n in zip(found, counts, strict=True) if 0 < n <= most]


def _crossings_cost_most(ranked: Sequence[Ranked]) -> bool:
    """Whether every candidate crosses, or one that crosses would beat the best that does not
    but for its crossings (its bends and lengths are better): untangling may give both."""
    uncrossed = min((r.score for r in ranked if r.schematic.crossings == 0), default=math.inf)
    return any(
        r.score - CROSSING_WEIGHT * r.schematic.crossings < uncrossed
        for r in ranked
        if r.schematic.crossings
    )


def _turning(layer: Layer, layered: Layered | None) -> Aside[Schematic | None] | None:
    """The layered drawing with turns, compacted (`_turned`), started on the other core where
    it may be asked for (`_or_turned`: where the layered drawing crosses and turns may change
    it); None where it may not."""
    if layered is None or not layered.may_turn:
        return None
    return Aside(functools.partial(_turned, layer, layered))


def _turned(layer: Layer, layered: Layered) -> Schematic | None:
    """The layered drawing with turns (`pipeline.Layered.turned`), compacted; None when turns
    change nothing."""
    turned = layered.turned()
    return None if turned is None else _compacted(layer, turned)


def _or_turned(
    layer: Layer, turning: Aside[Schematic | None] | None, kept: Schematic, tutte: bool = False
) -> Schematic:
    """`kept`, or the layered drawing with turns (`turning`, as `_turning` started it) when
    `kept` crosses, or may come from Tutte's drawings (`tutte`: where the layered drawing
    crossed), and that reads better (`_read_cost`).

    The drawing with turns is waited for only here, once the drawing kept is known; where it is
    not needed, its child is stopped (a network whose routed drawing wins: city-metro)."""
    if turning is None:
        return kept
    faults = drawing_faults(kept.positions, kept.paths)
    if max(kept.crossings, faults) == 0 and not tutte:
        turning.cancel()  # not needed: the other core is free for the labels
        return kept
    turned = turning.result()
    if turned is None:
        return kept
    if _read_cost(layer, turned, checked_objective(layer, turned)) < _read_cost(
        layer, kept, checked_objective(layer, kept, faults)
    ):
        return turned
    return kept


def _forwards(layer: Layer, schematic: Schematic) -> Schematic:
    """`schematic`, mirrored where its main direction (`flow.main_direction`) is to the left or
    up, so that it reads left to right or top to bottom. For layers with a layered drawing
    (pipelines and the layers of an ML system, not rail networks): a routed drawing or one of
    Tutte's may come out facing any way, and no one reads a pipeline backwards by choice."""
    dx, dy = main_direction(layer, schematic.positions)
    if dx >= 0 and dy >= 0:
        return schematic
    return mirrored(schematic, flip_x=dx < 0, flip_y=dy < 0)


def _layered_options(
    layer: Layer, layered: Layered | None, flow: Schematic | None
) -> Iterator[Schematic]:
    """The layered drawing as kept (`flow`), then, when it crosses, with turns (compacted)."""
    if layered is None or flow is None:
        return
    yield flow
    if layered.may_turn:
        turned = _turned(layer, layered)
        if turned is not None:
            yield turned


def _hopeless(layer: Layer, first: Ranked, flow: Schematic, flow_score: float) -> bool:
    """Whether the best routed candidate starts too far behind the layered drawing (whose
    objective is `flow_score`) for the local search to catch up (HOPELESS), on a map of more
    than HOPELESS_ABOVE stations."""
    if len(layer.stations) <= HOPELESS_ABOVE:
        return False
    start = _read_cost(layer, first.schematic, first.score)
    return start > HOPELESS * _read_cost(layer, flow, flow_score)


def _read_cost(layer: Layer, schematic: Schematic, score: float) -> float:
    """`score` (an objective of `schematic`), plus FLOW_WEIGHT per step drawn against the flow.

    Only asked when there is a layered drawing, so never with `at` hints (`layered_schematic`
    and `dense_schematic` draw none then): with hints, the geography decides."""
    return score + FLOW_WEIGHT * backward_steps(layer, schematic.positions)


def checked_objective(layer: Layer, schematic: Schematic, faults: int | None = None) -> float:
    """`octi.objective`, with the crossings and stations on foreign edges that the geometry has
    beyond the router's own count of crossings counted as crossings too. `faults` is the
    schematic's `drawing_faults`, when the caller has it already."""
    if faults is None:
        faults = drawing_faults(schematic.positions, schematic.paths)
    missed = faults - schematic.crossings
    return objective(layer, schematic) + CROSSING_WEIGHT * max(missed, 0)


def _checked(layer: Layer, chosen: Schematic, drawn: Sequence[Schematic]) -> Schematic:
    """`chosen`, unless its geometry crosses where the router did not count it (a path of the
    router's last resort, which ignores the grid, counts a flat 10 crossings whatever it
    crosses): then the best of `chosen` and the routed candidates `drawn` by
    `checked_objective`, the first of equals.

    Candidates are ranked and polished by the router's count, because a candidate with such a
    fault is often the best start for the local search, which routes every edge again.
    """
    if drawing_faults(chosen.positions, chosen.paths) <= chosen.crossings:
        return chosen
    return min([chosen, *drawn], key=lambda s: checked_objective(layer, s))


def _compacted(layer: Layer, schematic: Schematic) -> Schematic:
    """The schematic after compaction (even spacing), unless that scores worse, the crossings
    and stations on foreign edges of its geometry counted (`checked_objective`): compaction
    keeps every direction, yet the stubs along a port-area bar may come to cross (a seeded
    55-station pipeline's layered drawing: 0 -> 4)."""
    compacted = compact(layer, schematic)
    if compacted is schematic:
        return schematic
    kept = checked_objective(layer, compacted) <= checked_objective(layer, schematic)
    return compacted if kept else schematic


def _keeps_every_pin(schematic: Schematic, pinned: Mapping[str, Point]) -> bool:
    """Whether every pinned station is at its pin, up to one translation of the whole drawing.

    Within PIN_TOLERANCE station gaps: the export rounds coordinates to 2 decimals.
    """
    if any(sid not in schematic.positions for sid in pinned):
        return False
    pairs = [(pin, schematic.positions[sid]) for sid, pin in pinned.items()]
    return moved_together(pairs, PIN_TOLERANCE)


def _finish(
    layer: Layer, map_id: str, schematic: Schematic, spreads: Sequence[float] = LABEL_ROOM
) -> Layout:
    """Grid units to drawing units, line order, labels and frame.

    When some label finds no free place, the drawing is spread by the next of `spreads` (labels
    keep their size, so they gain room) and ordered and labelled again; the first spread that
    leaves no label overlap is kept, else the one that leaves fewest; where station markers
    overlap there, up to MARKER_SPREADS larger spreads are tried for one without label or
    marker overlaps (markers keep their size as the drawing spreads). A spread where some
    station is still stuck after the rescue (`LabelPlacement.stuck`) is put aside unfinished
    while larger spreads remain: its last resort could at best squeeze a label in without its
    clearance, and finishing it costs as much as placing the next spread. Only when no larger
    spread places every label without overlap are the spreads put aside finished and counted
    too; so are they when a station is stuck at every spread (more room freed no name: what
    hems it in does not grow with the spread, such as two lines nearer than its name is long),
    and the smallest that the last resort leaves without overlap is kept. A drawing where many
    names read as another station's may then be spread further (`_less_ambiguous`). With a
    previous layout there is one spread, the one it was drawn at. Where markers still overlap
    in the drawing kept, they are moved apart along their tracks (`markers_apart`) and the
    drawing is spread and labelled again, kept when it has fewer overlapping markers, no more
    label overlaps and no fewer labels.
    """
    laid = _spread_and_labelled(layer, map_id, schematic, spreads)
    pairs = overlapping_markers(laid)
    if not pairs:
        return laid
    # markers that overlap at every spread: moved apart along their tracks, when that leaves no
    # more label overlaps and every label placed (`markers_apart`)
    moved = apart(layer, schematic, pairs)
    if moved is None or drawing_faults(moved.positions, moved.paths) > drawing_faults(
        schematic.positions, schematic.paths
    ):  # (a station slid onto a crossing of its track: on a foreign edge)
        return laid
    again = _spread_and_labelled(layer, map_id, moved, spreads)
    if (
        marker_overlaps(again) < len(pairs)
        and _label_overlaps(again) <= _label_overlaps(laid)
        and _placed(again) >= _placed(laid)
    ):
        return again
    return laid


def _spread_and_labelled(
    layer: Layer, map_id: str, schematic: Schematic, spreads: Sequence[float]
) -> Layout:
    """`_finish`'s drawing before markers are moved apart: the spread chosen, labelled."""
    drawn = _Spreads(layer, map_id, schematic, spreads)
    try:
        return _labelled(drawn, spreads)
    finally:
        drawn.close()


def _placed(laid: Layout) -> int:
    """Stations whose label is placed."""
    return sum(1 for s in laid.stations if s.label is not None)


def _labelled(drawn: _Spreads, spreads: Sequence[float]) -> Layout:
    """`_finish`'s choice of spread, from the drawings at `spreads` (`drawn`)."""
    tried: list[tuple[int, _Placed]] = []
    clean: int | None = None  # the first spread without label overlaps, markers aside
    for i, spread in enumerate(spreads):
        if clean is not None and i > clean + MARKER_SPREADS:
            break
        pending = drawn.at(spread)
        tried.append((i, pending))
        if pending.stuck and i + 1 < len(spreads):
            continue
        if pending.stuck and all(p.stuck for _, p in tried):
            break  # stuck at every spread: more room frees no name (the smallest clean below)
        if _label_overlaps(pending.laid()) == 0:
            if marker_overlaps(pending.laid()) == 0:
                return _less_ambiguous(drawn, pending.laid(), spreads[i + 1 :])
            clean = i if clean is None else clean
    if clean is not None:  # markers still overlap at every spread tried: the first clean one
        laid = tried[clean][1].laid()
        return _less_ambiguous(drawn, laid, spreads[clean + 1 :])
    best: Layout | None = None
    fewest = math.inf
    for i, pending in tried:
        left = _label_overlaps(pending.laid())
        if left < fewest:
            best, fewest = pending.laid(), left
        if left == 0:
            return _less_ambiguous(drawn, pending.laid(), spreads[i + 1 :])
    assert best is not None
    return best


def _less_ambiguous(drawn: _Spreads, laid: Layout, larger: Sequence[float]) -> Layout:
    """`laid` (without label overlaps), or the drawing at one of the `larger` spreads when that
    is worth its room.

    While more than AMBIGUOUS_FEW labels are ambiguous (another station's marker nearer than
    their own), each larger spread is drawn and kept if it leaves at most AMBIGUOUS_KEPT of
    them (one that does not is passed over for the next); the first with a label overlap ends
    the search. Only tried when at first at least AMBIGUOUS_SHARE of the labels are ambiguous,
    so a big map with a few such names does not pay a label placement. An ambiguous label
    farther than FAR_LABEL from its own station reads as a name of the wrong station: while at
    least FAR_SHARE of the labels are such, the next spread is also kept when it has fewer of
    them, none farther than the farthest now, and no more ambiguous labels; for such labels
    alone a spread that does not qualify ends the search.
    """
    if not larger:
        return laid
    gaps = ambiguous_gaps(laid)
    labels = _placed(laid)
    if len(gaps) < AMBIGUOUS_SHARE * labels and len(_far(gaps)) < FAR_SHARE * labels:
        return laid
    for spread in larger:
        many = len(gaps) > AMBIGUOUS_FEW
        far = _far(gaps)
        if not many and len(far) < FAR_SHARE * labels:
            break
        wider = drawn.at(spread).laid()
        if _label_overlaps(wider) > 0:
            break
        fewer = ambiguous_gaps(wider)
        nearer = _far(fewer)
        if (many and len(fewer) <= AMBIGUOUS_KEPT * len(gaps)) or (
            len(nearer) < len(far)
            and len(fewer) <= len(gaps)
            and max(nearer, default=0.0) <= max(far)
        ):
            laid, gaps = wider, fewer
        elif not many:
            break  # for far labels alone, only the next spread is worth its room
    return laid


def _far(gaps: Sequence[float]) -> list[float]:
    """The ambiguous labels' `gaps` that exceed FAR_LABEL."""
    return [gap for gap in gaps if gap > FAR_LABEL]


def _label_overlaps(laid: Layout) -> int:
    return sum(label_overlap_counts(laid))


def _drawn(layer: Layer, map_id: str, schematic: Schematic, spread: float) -> Layout:
    """The schematic at `spread` times the usual station gap, ordered, labelled and framed."""
    return _pending(layer, map_id, schematic, spread).laid()


class _Spreads:
    """The schematic drawn at each of `spreads` (`_pending`), in the order asked.

    Where a spread is placed here, the next one is placed meanwhile in a forked child, finished
    and framed (`parallel.Aside`): `_finish` often goes on to the next spread (a station
    stuck, a label overlap, markers overlapping, many ambiguous names). One child at a time; a
    child not asked for is stopped (`close`). The drawings are the same either way.
    """

    def __init__(
        self, layer: Layer, map_id: str, schematic: Schematic, spreads: Sequence[float]
    ) -> None:
        self.layer, self.map_id, self.schematic = layer, map_id, schematic
        self.order = list(dict.fromkeys(spreads))
        self.ahead: dict[float, Aside[_Finished]] = {}

    def at(self, spread: float) -> _Placed:
        """The drawing at `spread` (placed again each time it is asked for, as it always was,
        unless the child placed it)."""
        if spread in self.ahead:
            return self.ahead.pop(spread).result()
        later = self.order[self.order.index(spread) + 1 :] if spread in self.order else []
        if later and not self.ahead and may_fork():
            self.ahead[later[0]] = Aside(functools.partial(self._finished, later[0]))
        return _pending(self.layer, self.map_id, self.schematic, spread)

    def _finished(self, spread: float) -> _Finished:
        pending = _pending(self.layer, self.map_id, self.schematic, spread)
        return _Finished(pending.stuck, pending.laid())

    def close(self) -> None:
        """Stop the child of a spread not asked for."""
        for aside in self.ahead.values():
            aside.cancel()
        self.ahead.clear()


@dataclass
class _Pending:
    """A drawing at one spread, ordered, whose labels are placed up to the rescue of stuck
    stations; `laid()` finishes the labels and frames it (once)."""

    layer: Layer
    map_id: str
    edges: tuple[PlacedEdge, ...]
    labels: LabelPlacement
    _layout: Layout | None = None

    @property
    def stuck(self) -> bool:
        """Whether a station is still stuck after the rescue (`LabelPlacement.stuck`)."""
        return bool(self.labels.stuck)

    def laid(self) -> Layout:
        """The finished, framed drawing."""
        if self._layout is None:
            stations = self.labels.finished()
            self._layout = _framed(self.layer, self.map_id, stations, self.edges)
        return self._layout


@dataclass(frozen=True)
class _Finished:
    """A drawing at one spread placed in a child: whether a station was stuck, and the
    finished, framed drawing."""

    stuck: bool
    layout: Layout

    def laid(self) -> Layout:
        """The finished, framed drawing."""
        return self.layout


# A drawing at one spread, as `_finish` reads it.
_Placed = _Pending | _Finished


def _pending(layer: Layer, map_id: str, schematic: Schematic, spread: float) -> _Pending:
    """The schematic at `spread` times the usual station gap, ordered, its labels started."""
    # 2 decimals, as exported, so that the Layout and its JSON agree exactly
    # the same drawing must get the same labels wherever the grid put it: start it at a whole
    # grid step near the origin (label placement is not translation-invariant to the last digit)
    x0 = math.floor(min((x for x, _ in schematic.positions.values()), default=0.0))
    y0 = math.floor(min((y for _, y in schematic.positions.values()), default=0.0))
    unit = GRID * spread
    pos = {
        sid: (round((x - x0) * unit, 2), round((y - y0) * unit, 2))
        for sid, (x, y) in schematic.positions.items()
    }
    edges: list[PlacedEdge] = []
    for seg in layer.segments:
        path = path_between(schematic.paths, seg.a, seg.b)
        inner = [(round((x - x0) * unit, 2), round((y - y0) * unit, 2)) for x, y in path[1:-1]]
        edges.append(PlacedEdge(seg.a, seg.b, seg.lines, (pos[seg.a], *inner, pos[seg.b])))
    placed_edges = order_lines(layer, edges)
    stations = [
        PlacedStation(
            s.id,
            pos[s.id][0],
            pos[s.id][1],
            s.junction,
            None,
            s.title,
            layer.lines_at.get(s.id, ()),
            layer.is_transfer(s.id),
            layer.is_terminus(s.id),
            schematic.angles.get(s.id, 0.0),
        )
        for s in layer.stations
    ]
    labels = LabelPlacement(layer, stations, placed_edges)
    return _Pending(layer, map_id, placed_edges, labels)


def _framed(
    layer: Layer,
    map_id: str,
    stations: Sequence[PlacedStation],
    edges: Sequence[PlacedEdge],
) -> Layout:
    """Translate everything so the drawing, markers and labels start at MARGIN; size the frame."""
    xs: list[float] = []
    ys: list[float] = []
    for s in stations:
        r = marker_radius(len(s.lines))
        xs += [s.x - r, s.x + r]
        ys += [s.y - r, s.y + r]
        if s.label is not None:
            b = s.label.box
            xs += [b.x, b.x + b.width]
            ys += [b.y, b.y + b.height]
    for e in edges:
        half = bundle_width(len(e.lines)) / 2
        for x, y in e.path:
            xs += [x - half, x + half]
            ys += [y - half, y + half]
    if not xs:
        xs, ys = [0.0], [0.0]
    # whole units keep diagonals exactly diagonal once the export rounds to 2 decimals
    dx, dy = math.ceil(MARGIN - min(xs)), math.ceil(MARGIN - min(ys))

    def at(p: Point) -> Point:  # rounded again, so equal drawings give equal floats
        return (round(p[0] + dx, 2), round(p[1] + dy, 2))

    moved_stations = tuple(
        replace(
            s,
            x=round(s.x + dx, 2),
            y=round(s.y + dy, 2),
            label=None
            if s.label is None
            else replace(
                s.label, box=replace(s.label.box, x=s.label.box.x + dx, y=s.label.box.y + dy)
            ),
        )
        for s in stations
    )
    moved_edges = tuple(replace(e, path=tuple(at(p) for p in e.path)) for e in edges)
    zones = tuple(
        ZoneArea(z.id, z.title, tuple(s.id for s in layer.stations if s.zone == z.id), z.color)
        for z in layer.zones
    )
    return Layout(
        map_id,
        layer.id,
        math.ceil(max(xs) + dx + MARGIN),
        math.ceil(max(ys) + dy + MARGIN),
        moved_stations,
        moved_edges,
        tuple(LineStyle(li.id, li.color, li.title) for li in layer.lines),
        zones,
    )
