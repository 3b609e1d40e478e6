"""Column widths that suit their contents, for the dense layered drawing (docs/layout-dense.md).

With every column gap equally wide, an arc spanning six ranks is six times as long as one
between neighbouring columns, and the drawing's edge-length CV is mostly those few long arcs.
Here each gap gets its own width from `WIDTHS` (grid cells): coordinate descent on the CV of
the estimated station-to-station lengths (each piece between adjacent ranks as long as an
octilinear path over its gap and its rise: the longer of the two plus (sqrt 2 - 1) times the
shorter). Gaps crossed by long arcs narrow, gaps of short arcs only widen. Cheap: no routing,
a few sweeps over the gaps.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from itertools import pairwise

from .pipeline_ranks import Ranked

# Widths a column gap may take (grid cells), and sweeps of the coordinate descent.
WIDTHS = (4, 5, 6, 7, 8)
SWEEPS = 3
DIAGONAL_EXTRA = math.sqrt(2) - 1


def fitted_columns(rk: Ranked, y: Mapping[str, int], track: int) -> list[int]:
    """The x (grid cells) of every rank: gap widths chosen to even out the arc lengths.

    Every gap starts WIDTHS[0] cells wide; a width is changed only for a lower CV. Each trial
    updates the sums of the lengths and of their squares for the arcs crossing that gap only.
    """
    gaps = max(rk.rank.values())
    crossing: list[list[tuple[int, int]]] = [[] for _ in range(gaps)]  # (arc, rise) per gap
    for i, arc in enumerate(rk.arcs):
        for a, b in pairwise(arc.nodes):
            crossing[rk.rank[a]].append((i, abs(y[b] - y[a]) * track))
    width = [WIDTHS[0]] * gaps
    lengths = [0.0] * len(rk.arcs)
    for gap, pieces in enumerate(crossing):
        for i, rise in pieces:
            lengths[i] += _piece(width[gap], rise)
    lowest = _cv(sum(lengths), sum(x * x for x in lengths), len(lengths))
    for _ in range(SWEEPS):
        moved = False
        for gap, pieces in enumerate(crossing):
            total, squares = sum(lengths), sum(x * x for x in lengths)
            keep: dict[int, float] | None = None
            chosen = width[gap]
            for w in WIDTHS:
                if w == width[gap]:
                    continue
                delta: dict[int, float] = {}
                for i, rise in pieces:
                    delta[i] = delta.get(i, 0.0) + _piece(w, rise) - _piece(width[gap], rise)
                t = total + sum(delta.values())
                q = squares + sum((lengths[i] + d) ** 2 - lengths[i] ** 2 for i, d in delta.items())
                cv = _cv(t, q, len(lengths))
                if cv < lowest - 1e-9:
                    lowest, keep, chosen = cv, delta, w
            if keep is not None:
                width[gap], moved = chosen, True
                for i, d in keep.items():
                    lengths[i] += d
        if not moved:
            break
    xs = [0]
    for w in width:
        xs.append(xs[-1] + w)
    return xs


def _piece(width: int, rise: int) -> float:
    """Length of an octilinear piece over `width` and `rise` (the diagonal part the shorter)."""
    return max(width, rise) + DIAGONAL_EXTRA * min(width, rise)


def _cv(total: float, squares: float, n: int) -> float:
    """Coefficient of variation from the sum and the sum of squares of n values."""
    if n == 0 or total <= 0:
        return 0.0
    mean = total / n
    return math.sqrt(max(squares / n - mean * mean, 0.0)) / mean
