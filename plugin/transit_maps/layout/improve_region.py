"""Cut moves for the local search: every station on one side of a line shifts together.

Block moves (`improve_block`) shift the two ends of one chain; some bends need many stations to
move at once. A corner of a trunk is held in place by junctions on both sides and by the chains
beyond them: straightening it means shifting a whole side of the map. For every bend along a
chain path, a cut move takes the stations on one side of a straight cut (a grid line, horizontal,
vertical or diagonal, through the straight piece before the bend) and shifts them rigidly by the
offset that puts the corner before the bend onto the ray of the piece after it (or the other way
round); the chains inside the side move with it, the chains crossing the cut are routed again
(`improve_block.try_block`).
"""

from __future__ import annotations

from .grid import Cell
from .router import Router

# Cut orientations: a station p lies on the low side when n . p <= c.
NORMALS: tuple[Cell, ...] = ((1, 0), (0, 1), (1, 1), (1, -1))
# A cut move shifts its side at most this many grid steps (each axis).
CUT_REACH = 6


def cut_moves(r: Router, ci: int) -> list[tuple[tuple[str, ...], list[Cell]]]:
    """(side, offsets) pairs that would straighten a bend of chain ci (deterministic order)."""
    path = r.routed.get(ci)
    if path is None:
        return []
    corners = _corners(path)
    adjacent: dict[str, list[int]] = {}
    for cj in sorted(r.routed):
        for s in set(r.chains[cj].ends):
            adjacent.setdefault(s, []).append(cj)
    out: dict[tuple[str, ...], list[Cell]] = {}
    for k in range(1, len(corners) - 1):
        p, b, n = corners[k - 1], corners[k], corners[k + 1]
        ends = r.chains[ci].ends
        need = max(1, r.step * r.chains[ci].steps)
        for anchor, other, d, end in ((p, n, _unit(b, n), ends[0]), (n, p, _unit(b, p), ends[1])):
            # the anchor's side moves so that the anchor lands on the ray from `other` back along
            # the piece through b: the two pieces then merge into one straight piece
            offsets = _offsets(anchor, other, d, need)
            if not offsets:
                continue
            for side in _sides(r, adjacent, ci, end, anchor, other):
                moves = out.setdefault(side, [])
                moves.extend(o for o in offsets if o not in moves)
    return list(out.items())


def _corners(path: list[Cell]) -> list[Cell]:
    out = [path[0]]
    for a, b, c in zip(path, path[1:], path[2:], strict=False):
        if (b[0] - a[0], b[1] - a[1]) != (c[0] - b[0], c[1] - b[1]):
            out.append(b)
    out.append(path[-1])
    return out


def _unit(a: Cell, b: Cell) -> Cell:
    return ((b[0] > a[0]) - (b[0] < a[0]), (b[1] > a[1]) - (b[1] < a[1]))


def _offsets(anchor: Cell, other: Cell, d: Cell, need: int) -> list[Cell]:
    """Offsets moving `anchor` onto the ray from `other` along -d (at least `need` away): the
    node of the ray nearest to the anchor (both when two are as near)."""
    norm = d[0] * d[0] + d[1] * d[1]
    along = (other[0] - anchor[0]) * d[0] + (other[1] - anchor[1]) * d[1]
    lo, hi = along // norm, -(-along // norm)
    out: list[Cell] = []
    for t in sorted({max(lo, need), max(hi, need)}):
        target = (other[0] - t * d[0], other[1] - t * d[1])
        off = (target[0] - anchor[0], target[1] - anchor[1])
        if off != (0, 0) and max(abs(off[0]), abs(off[1])) <= CUT_REACH:
            out.append(off)
    return out


def _sides(
    r: Router, adjacent: dict[str, list[int]], ci: int, end: str, anchor: Cell, other: Cell
) -> list[tuple[str, ...]]:
    """For each cut between anchor and other: the stations connected to `end` on its side.

    Connected through routed chains other than ci, without crossing the cut.
    """
    if end in r.bars or end not in r.settled:
        return []
    out: list[tuple[str, ...]] = []
    for nx, ny in NORMALS:
        a = nx * anchor[0] + ny * anchor[1]
        o = nx * other[0] + ny * other[1]
        if a == o:
            continue
        sign = 1 if a < o else -1
        c = r.settled[end]
        if sign * (nx * c[0] + ny * c[1]) > sign * a:
            continue
        side = {end}
        todo = [end]
        while todo:
            s = todo.pop()
            for cj in adjacent.get(s, ()):
                if cj == ci:
                    continue
                u, v = r.chains[cj].ends
                t = v if u == s else u
                if t in side or t in r.bars or t not in r.settled:
                    continue
                tc = r.settled[t]
                if sign * (nx * tc[0] + ny * tc[1]) <= sign * a:
                    side.add(t)
                    todo.append(t)
        for s in sorted(side):  # dead-end branches across the cut come along, as in with_branches
            for cj in adjacent.get(s, ()):
                u, v = r.chains[cj].ends
                t = v if u == s else u
                if cj != ci and r.degree.get(t) == 1 and t in r.settled and t not in r.pinned:
                    side.add(t)
        if len(side) == len(r.settled):
            continue
        block = tuple(sorted(side))
        if block not in out:
            out.append(block)
    return out
