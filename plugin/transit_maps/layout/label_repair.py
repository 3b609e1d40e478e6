"""The last search for stations whose label found no free place: min-conflicts with a tabu list.

Greedy placement and bounded eviction (`labels._Placer.settle`) leave a few stations stuck in
crowded parts of big maps, although places clear of every marker and line exist near them: other
labels hold those places. This search takes a stuck station, puts its label on the place that
displaces the fewest and cheapest labels (a label with many free places of its own is cheap to
move), and queues the displaced stations, which do the same in turn. A station just placed may
not be displaced again for `TENURE` moves, so labels do not swap back and forth. The state with
the fewest stations left without a place is kept; the search stops after `MOVES_PER_STUCK` moves
per stuck station or when nobody waits.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .label_candidates import Candidate
    from .labels import _Placer

__all__ = ["min_conflicts"]

# Moves of the search per station that was stuck at its start, and the moves for which a label
# just placed may not be displaced.
MOVES_PER_STUCK = 30
TENURE = 7
# Places of a station examined per move (cheapest first).
WIDTH = 40
# Cost of displacing a label, on top of 1: high for a station with few free places of its own.
SCARCE = 3.0
# Weight of a candidate's own cost against displacements.
OWN_COST = 0.05


def min_conflicts(placer: _Placer, stuck: list[str]) -> list[str]:
    """Find free places for `stuck` stations by moving other labels; returns those still stuck.

    Stations with no place clear of markers and lines at all stay stuck untouched.
    """
    options: dict[str, list[Candidate]] = {}
    hopeless: list[str] = []
    waiting: deque[str] = deque()
    for sid in stuck:
        options[sid] = placer.alternatives(sid)
        (waiting if options[sid] else hopeless).append(sid)
    if not waiting:
        return stuck
    best_left = len(waiting)
    best_state = dict(placer.chosen)
    tabu: dict[str, int] = {}
    budget = MOVES_PER_STUCK * len(waiting)
    for move in range(budget):
        if not waiting:
            break
        sid = waiting.popleft()
        if sid in placer.chosen:
            continue
        if sid not in options:
            options[sid] = placer.alternatives(sid)
        pick = placer.best(sid, options[sid])
        if pick is None:
            pick = _least_displacing(placer, sid, options[sid], tabu, move)
        if pick is None:
            waiting.append(sid)
            continue
        for other in placer.scene.label_conflicts(pick.box):
            placer.unplace(other)
            waiting.append(other)
        placer.place(sid, pick)
        tabu[sid] = move + TENURE
        left = len({s for s in waiting if s not in placer.chosen})
        if left < best_left:
            best_left, best_state = left, dict(placer.chosen)
    if len({s for s in waiting if s not in placer.chosen}) > best_left:
        placer.restore(best_state)
    # everyone without a label now: the hopeless, and any the search could not seat again
    return [sid for sid in placer.free if sid not in placer.chosen]


def _least_displacing(
    placer: _Placer, sid: str, cands: list[Candidate], tabu: dict[str, int], move: int
) -> Candidate | None:
    best: tuple[float, Candidate] | None = None
    for c in cands[:WIDTH]:
        blockers = placer.scene.label_conflicts(c.box)
        if any(tabu.get(b, -1) >= move for b in blockers):
            continue
        score = OWN_COST * c.cost + sum(
            1.0 + SCARCE / (1 + len(placer.free.get(b, ()))) for b in blockers
        )
        if best is None or score < best[0] - 1e-9:
            best = (score, c)
    return best[1] if best else None
