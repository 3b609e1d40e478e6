"""Choosing among candidate embeddings: schematise each, rank by `octi.objective`, polish the best.

Every candidate embedding (`embedding.embeddings`) is routed with both bend profiles, the stricter
`grid.SHARP_BEND` first (it rarely makes the router struggle), then the usual `grid.BEND`; with
a previous layout's pins, one embedding with `BEND` only. A candidate that makes the router
struggle is abandoned early (`octi.EFFORT`, `octi.EFFORT_CAP`), and once one is drawn, the
others together may spend ROUTING_BUDGET x stations^2 A* expansions (at least ROUTING_FLOOR):
a good embedding routes in a few thousand expansions even at 250 stations, so small and big maps
alike try them all, while a network on which every routing struggles (a non-planar one) stops
after the first few. Then
the local search (`improve.py`) runs on the best of them, and on maps of POLISH_TWO stations on
the best routing of the first embedding too (above POLISH_TWO_ALWAYS stations only when the first
polish was cheap): which candidate polishes best is not always the one that started best; the
polished drawings are compacted and compared by `finish_score`. Everything counts expansions,
not seconds: deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx

from ..model import Layer
from .compact import compact
from .embedding import embeddings
from .grid import BEND, SHARP_BEND, Bends, Cell
from .octi import (
    CROSSING_WEIGHT,
    CV_WEIGHT,
    EFFORT,
    EFFORT_CAP,
    EFFORT_SLACK,
    Routing,
    Schematic,
    is_planar,
    length_cv,
    objective,
    route_bends,
    schematise,
)
from .parallel import both

Vec = tuple[float, float]

# Candidate embeddings asked for, up to CANDIDATES_UP_TO stations (bigger maps: 2).
CANDIDATES = 8
CANDIDATES_UP_TO = 400
# A* expansions all candidate routings together may spend: ROUTING_BUDGET x stations^2 (about
# 1 s per 130 000 expansions; the time targets grow faster than the map: 2 s for 60 stations,
# 5 s for 100, 20 s for 250), so 36 000 at 60 stations, 100 000 at 100, 625 000 at 250.
ROUTING_BUDGET = 10
# ... and at least ROUTING_FLOOR (small maps try every candidate: a few hundred expansions each).
ROUTING_FLOOR = 30_000
# Up to SMALL_MAP stations at least ROUTING_FLOOR_SMALL (about 1 s): on small topology-only maps
# the first candidates (fewest straight-line crossings) often cross once routed and spend the
# whole floor, while a later one routes without crossings (ml-system systems: the fifth).
# Not above 30 stations: there the layered drawing alone takes about 0.5 s, so the floor's
# second would break the 2 s target (a held-out 40-station ampliseq: 2.0-2.3 s whole process,
# every candidate crossing; with the usual floor 0.6 s less CPU and the same drawing). Of 24
# seeded planar pipelines of 31-40 stations, one changed (13 -> 14 bends, CV 0.28 -> 0.25)
# and up to 2.3 s of CPU were saved.
SMALL_MAP = 30
ROUTING_FLOOR_SMALL = 150_000
# ... but only until this many candidates have routed without crossings (then the usual budget).
ENOUGH_UNCROSSED = 2
# A planar network goes on past the budget until some candidate routes within its effort cap,
# but not once the routings that gave up have spent PLANAR_PATIENCE budgets: then the first
# candidate is drawn whatever it takes, as when every one gives up. A held-out 150-station
# Hamburg network (planar; every candidate embedding folds its centre) gave up sixteen times,
# 2.8 million expansions or about 10 s, before that same drawing; no corpus, example, held-out
# or seeded map routed its first candidate after more than one budget of failures.
PLANAR_PATIENCE = 4
# Between how many stations the local search polishes two candidates (see `polish_best`): one
# polish takes 0.7-2 s at 60-100 stations, and the time targets are 2 s for 60, 5 s for 100.
# Above POLISH_TWO_ALWAYS stations only when the first polish converged within CONVERGED A*
# expansions per station (it stopped early, so another one is cheap too).
POLISH_TWO = (61, 120)
POLISH_TWO_ALWAYS = 80
CONVERGED = 1000
# On maps of up to POLISH_SMALL stations the second-ranked candidate is polished too, when the
# first took at most SECOND_POLISH_EFFORT A* expansions (routing and polish: about 0.15 s): the
# local search from another start often ends better (nf-metro-variant-calling: the same 4 bends
# at edge-length CV 0.249 instead of 0.288, 16 000 expansions; the simple pipeline 1 bend
# instead of 2, 12 000), while on the dearer ones it gained nothing on the corpus, examples or
# held-out pipelines and cost 0.3-0.5 s (ml-system processes 20 000, systems 36 000, a
# 20-station nf-core pipeline 41 000).
POLISH_SMALL = 20
SECOND_POLISH_EFFORT = 18_000
# On a small planar map whose routed candidates all lose to the layered drawing, the candidates
# that ran out of effort are routed again with RETRY_EFFORT times the effort they had, until one
# beats it or RETRY_BUDGET A* expansions are spent (`_retried`).
RETRY_EFFORT = 2.5
RETRY_BUDGET = 60_000
# Embeddings routed keeping their stations' sides (`sides`) get this many times the budget and
# effort cap, each its own, when `patient` (they are routed only where crossings cost the plain
# candidates most: every one crossed, or a crossing one would have won but for its crossings).
SIDES_PATIENCE = 3.0
# A non-planar drawing with more crossings than this per edge is not polished.
TANGLED = 0.05
# Edge-length CV below which the choice among polished drawings counts bends only.
EVEN_ENOUGH = 0.2


@dataclass(frozen=True)
class Option:
    """One way to schematise: an embedding, its grid steps per station gap, a bend profile."""

    embedding: Mapping[str, Vec]
    step: int
    bends: Bends
    # which candidate embedding (0: the most promising, e.g. the hinted geography as given)
    source: int = 0
    # routed keeping stations on the embedding's side of each chain (`octi.schematise`)
    sides: bool = False


@dataclass(frozen=True)
class Ranked:
    """A schematised option and its objective (lower is better), with its routing for the
    polish to go on from (`octi.schematise(..., start=...)`)."""

    score: float
    option: Option
    schematic: Schematic
    routing: Routing | None = field(default=None, compare=False, repr=False)


def candidate_count(layer: Layer) -> int:
    """How many candidate embeddings a layer gets: CANDIDATES, or 2 above CANDIDATES_UP_TO
    stations."""
    return CANDIDATES if len(layer.stations) <= CANDIDATES_UP_TO else 2


def rank_candidates(
    layer: Layer,
    g: nx.Graph,
    pinned: Mapping[str, Vec],
    followed: Collection[tuple[Cell, Cell]],
    bound: float = math.inf,
    given: Sequence[tuple[Mapping[str, Vec], int]] | None = None,
    sides: bool = False,
    patient: bool = True,
    tutte: bool = False,
) -> list[Ranked]:
    """Every option that was routed, best first (see the module docstring).

    `bound` is the score of a drawing the caller has already (the layered one): candidates give
    up once their crossings alone cost more, and the list may then be empty. Without a bound it
    never is. `given` embeddings (with their steps) stand in for `embedding.embeddings`;
    with `sides` they are routed keeping their stations' sides (`octi.schematise`), with
    SIDES_PATIENCE times the budget and effort when `patient`. `tutte` says that the given
    embeddings' straight lines do not cross (Tutte's drawings): options that ran out of effort
    are then retried with crossings allowed on the way (`_retried`).
    """
    n = len(layer.stations)
    planar = is_planar(g)
    limit = candidate_count(layer)
    profiles = (BEND,) if pinned else ((SHARP_BEND,) if sides else (SHARP_BEND, BEND))
    # every embedding with the first profile before any with the second: a first candidate
    # that struggles costs its effort cap once, not once per profile
    found = list(given) if given is not None else embeddings(layer, pinned, limit)
    options = [
        Option(e, step, bends, i, sides) for bends in profiles for i, (e, step) in enumerate(found)
    ]
    # a first candidate that makes the router struggle gives way to the next ones
    patience = SIDES_PATIENCE if sides and patient else 1.0
    effort = float(EFFORT_CAP * max(len(layer.segments), 1)) if len(options) > 1 else math.inf
    effort *= patience
    floor = ROUTING_FLOOR_SMALL if n <= SMALL_MAP and planar else ROUTING_FLOOR
    budget = max(ROUTING_BUDGET * n * n, floor) * patience
    spent = 0
    best = bound
    ranked: list[Ranked] = []
    failed: list[int] = []  # expansions spent by routings that gave up
    exhausted: list[tuple[Option, float]] = []  # options that ran out of effort, and the effort
    for option in options:
        # the small maps' floor only until two candidates route without crossings
        uncrossed = sum(1 for r in ranked if r.schematic.crossings == 0) >= ENOUGH_UNCROSSED
        limit_now = max(ROUTING_BUDGET * n * n, ROUTING_FLOOR) if uncrossed else budget
        if spent > limit_now and (ranked or not math.isinf(bound) or not planar):
            # the caller's drawing stands in, or on a non-planar network the first drawn at any
            # cost (a planar one goes on until some candidate routes: it may route uncrossed)
            break
        if spent > PLANAR_PATIENCE * limit_now:
            break  # a planar network whose candidates all give up: the first, at any cost
        # the budget only limits the search for a better one once some candidate is drawn
        allowed = min(effort, max(budget - spent, 0) + EFFORT_SLACK) if ranked else effort
        kept: list[Routing] = []
        candidate = schematise(
            layer,
            g,
            option.embedding,
            option.step,
            best,
            pinned,
            followed,
            effort=allowed,
            bends=option.bends,
            sides=option.sides,
            tally=failed,
            keep=kept,
        )
        spent += candidate.effort if candidate is not None else failed[-1]
        if candidate is None:
            if failed[-1] > allowed:
                exhausted.append((option, allowed))
            continue
        if not sides:
            effort = min(effort, EFFORT * candidate.effort + EFFORT_SLACK)
        score = objective(layer, candidate)
        best = min(best, score)
        ranked.append(Ranked(score, option, candidate, kept[0] if kept else None))
    if planar and n <= SMALL_MAP and not math.isinf(bound) and all(r.score > bound for r in ranked):
        ranked += _retried(layer, g, exhausted, bound, pinned, followed, tutte)
    if not ranked and not math.isinf(bound):
        return []  # the caller's drawing is better than any that routed
    if not ranked:  # every candidate struggled: draw the first one, whatever it takes
        first = options[0]
        schematic = schematise(
            layer, g, first.embedding, first.step, math.inf, pinned, followed, sides=first.sides
        )
        assert schematic is not None  # without a bound or an effort cap it always finishes
        ranked.append(Ranked(objective(layer, schematic), first, schematic))
    order = sorted(range(len(ranked)), key=lambda i: (ranked[i].score, i))
    return [ranked[i] for i in order]


def _retried(
    layer: Layer,
    g: nx.Graph,
    exhausted: list[tuple[Option, float]],
    bound: float,
    pinned: Mapping[str, Vec],
    followed: Collection[tuple[Cell, Cell]],
    on_the_way: bool = False,
) -> list[Ranked]:
    """The options that ran out of effort, routed again with RETRY_EFFORT times the effort they
    had (within RETRY_BUDGET A* expansions in all), until one beats `bound`; each gives up at
    its first crossing that cannot be repaired. On a small planar map whose routed candidates
    all lose to the layered drawing, an embedding that routes without crossings only after
    ripping up and routing again the routes its first paths crossed (rag-pipeline: the second,
    50 000 expansions) is often the better drawing.

    With `on_the_way` (the options are Tutte's drawings, and `bound` is a layered drawing that
    crosses), crossings are allowed while they cost less than `bound`: the router crosses on the
    way and repairs later (held-out nf-core/methylseq: its first Tutte drawing routes without
    crossing in 50 000 expansions, but gives up at 13 000 where no crossing is allowed)."""
    out: list[Ranked] = []
    left = float(RETRY_BUDGET)
    # any crossing costs more, unless crossings are allowed on the way
    limit = bound if on_the_way else min(bound, CROSSING_WEIGHT - 1.0)
    for option, allowed in exhausted:
        if left <= 0:
            break
        failed: list[int] = []
        kept: list[Routing] = []
        candidate = schematise(
            layer,
            g,
            option.embedding,
            option.step,
            limit,
            pinned,
            followed,
            effort=min(RETRY_EFFORT * allowed, left),
            bends=option.bends,
            sides=option.sides,
            tally=failed,
            keep=kept,
        )
        left -= candidate.effort if candidate is not None else failed[-1]
        if candidate is None:
            continue
        score = objective(layer, candidate)
        out.append(Ranked(score, option, candidate, kept[0] if kept else None))
        if score < bound:
            break
    return out


def polish_best(
    layer: Layer, g: nx.Graph, ranked: list[Ranked], followed: Collection[tuple[Cell, Cell]]
) -> tuple[float, Schematic] | None:
    """The best of the top candidates after the local search, with its objective.

    The first is polished; on small maps (`POLISH_SMALL`) the second too when the first was
    cheap (`SECOND_POLISH_EFFORT`), and on maps of `POLISH_TWO` stations the first embedding's
    best. Only candidates without crossings are polished, unless the network is not planar
    (then crossings are due, not the router's failure) or every candidate crosses (then the
    best: the local search may route its crossings away). None when no candidate qualifies.
    Where two are chosen, the second is polished in a forked child while this process polishes
    the first (`parallel.both`): the same drawing, in the time of the slower of the two.
    """
    if is_planar(g):
        # where every candidate crosses, the best still goes through the local search, which
        # prices crossings far above bends and often routes them away (held-out Barcelona: 2 -> 0)
        fit = [r for r in ranked if r.schematic.crossings == 0] or ranked[:1]
    else:
        # crossings are due; where they are many, the local search (which moves stations
        # where routes need not cross) makes the drawing worse and slow (genome assembly:
        # 7100 -> 8088 in 0.7 s), where they are few it still pays (synthetic-250)
        edges = max(g.number_of_edges(), 1)
        fit = [r for r in ranked if r.schematic.crossings <= TANGLED * edges]
    chosen = fit[:2] if len(layer.stations) <= POLISH_SMALL else fit[:1]
    if POLISH_TWO[0] <= len(layer.stations) <= POLISH_TWO[1]:
        # the first embedding's best too, unless it won: the local search often takes the
        # hinted geography (or the first topology candidate) further than a reshaped one
        chosen += [r for r in fit if r.option.source == 0 and r is not fit[0]][:1]
    if not chosen:
        return None
    n = len(layer.stations)

    def second_wanted(first: _Polished | None) -> bool:
        """Whether the second is polished too, given the first's polish."""
        if first is None:
            return True
        effort = first.schematic.effort
        if n > POLISH_TWO_ALWAYS and effort > CONVERGED * n:
            return False
        return not (n <= POLISH_SMALL and effort > SECOND_POLISH_EFFORT)

    # the two polishes share nothing: the second runs on the other core meanwhile
    # (`parallel.both`; stopped when the first says it is not needed)
    if len(chosen) == 1:
        done = [_polished(layer, g, chosen[0], followed)]
    else:
        done = list(
            both(
                lambda: _polished(layer, g, chosen[0], followed),
                lambda: _polished(layer, g, chosen[1], followed),
                second_wanted,
            )
        )
        if chosen[1].routing is not None:
            chosen[1].routing.spent = True  # gone on from (in the child, or not needed)
    best: tuple[float, Schematic] | None = None
    fewest = math.inf
    for polished in done:
        if polished is not None and polished.score < fewest:
            best, fewest = (polished.objective, polished.schematic), polished.score
    return best


@dataclass(frozen=True)
class _Polished:
    """A candidate after the local search, compacted when that scores no worse."""

    schematic: Schematic  # its `effort`: A* expansions of its routing and local search
    objective: float  # `objective` of `schematic`
    score: float  # `finish_score` of `schematic`


def _polished(
    layer: Layer, g: nx.Graph, entry: Ranked, followed: Collection[tuple[Cell, Cell]]
) -> _Polished | None:
    """The candidate `entry` after the local search (None when it does not route), compacted
    when compaction does not raise the objective (compared as they will be kept: compaction
    evens lengths without adding bends)."""
    o = entry.option
    # the polish goes on from the routing ranked (the same routing, unbounded)
    polished = schematise(
        layer,
        g,
        o.embedding,
        o.step,
        math.inf,
        {},
        followed,
        True,
        bends=o.bends,
        sides=o.sides,
        start=entry.routing,
    )
    if polished is None:
        return None
    compacted = compact(layer, polished)  # keeps `effort`
    kept, value = polished, objective(layer, polished)
    if (evened := objective(layer, compacted)) <= value:
        kept, value = compacted, evened
    return _Polished(kept, value, finish_score(layer, kept))


def finish_score(layer: Layer, schematic: Schematic) -> float:
    """`octi.objective`, except that edge-length CV counts only above EVEN_ENOUGH.

    Among polished drawings, two bends matter more than 0.05 of CV once the spacing is even
    enough: the issue's targets are fewest bends with CV <= 0.25.
    """
    return (
        CROSSING_WEIGHT * schematic.crossings
        + route_bends(layer, schematic)
        + CV_WEIGHT * max(0.0, length_cv(schematic) - EVEN_ENOUGH)
    )
