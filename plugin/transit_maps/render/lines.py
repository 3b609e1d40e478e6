"""The lines layer: every line's runs in its colour, plus the highlight and diff treatments.

Each line is drawn over a casing (background-coloured in the light theme, a light edge in the
dark one), so a line crossing another reads as passing over it and a dark line stays visible on
a dark background. With a highlight, everything recedes and the edges between highlighted
stations are drawn again on top. In a diff, removed track is a dashed ghost; added and changed
track gets a soft glow in the state's colour and the state's glyph at its middle.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import pairwise

from ..colors import is_pale
from ..layout.dimensions import bundle_width
from ..layout.geometry import Layout, PlacedEdge, Point
from .markup import attr, num, safe_color, safe_href, text
from .options import RenderOptions
from .stations import glyph
from .tracks import run_path, runs


def edge_state(edge: PlacedEdge, edge_changes: Mapping[tuple[str, str], str]) -> str | None:
    """The diff state of an edge, whichever way round the diff names it."""
    state = edge_changes.get((edge.source, edge.target)) or edge_changes.get(
        (edge.target, edge.source)
    )
    return state if state in ("added", "removed", "changed") else None


def lines_layer(
    layout: Layout,
    opts: RenderOptions,
    highlight: frozenset[str],
    changes: Mapping[str, str],
) -> str:
    """All line groups, back to front."""
    removed = {k for k, v in changes.items() if v == "removed"}
    edge_changes: Mapping[tuple[str, str], str] = opts.edge_changes or {}

    def is_ghost(e: PlacedEdge) -> bool:
        return (
            e.source in removed or e.target in removed or edge_state(e, edge_changes) == "removed"
        )

    ghost = [e for e in layout.edges if is_ghost(e)]
    live = [e for e in layout.edges if not is_ghost(e)]
    parts = [_glows(live, edge_changes)]
    parts.append(_line_group(layout, live, opts, "tm-lines", recede=bool(highlight)))
    if ghost:
        parts.append(_line_group(layout, ghost, opts, "tm-lines tm-ghost", recede=False))
    if highlight:
        chosen = [e for e in live if e.source in highlight and e.target in highlight]
        parts.append(_line_group(layout, chosen, opts, "tm-lines tm-emph", recede=False))
    parts.append(_edge_glyphs([*live, *ghost], edge_changes))
    return "\n".join(p for p in parts if p)


def _line_group(
    layout: Layout, edges: Sequence[PlacedEdge], opts: RenderOptions, cls: str, *, recede: bool
) -> str:
    out = [f'<g class="{cls}{" tm-recede" if recede else ""}">']
    for line in layout.lines:
        paths = [run_path(run) for run in runs(line.id, edges) if run]
        if not paths:
            continue
        casing = "tm-casing tm-pale-casing" if is_pale(line.color) else "tm-casing"
        strokes = "".join(
            f'<path class="{casing}" d="{d}"/><path class="tm-run" d="{d}"/>' for d in paths
        )
        url = opts.line_urls.get(line.id)
        href = safe_href(url) if url else None
        if href:
            title = text(line.title or line.id)
            strokes = f'<a href="{href}" aria-label="{title}"><title>{title}</title>{strokes}</a>'
        colour = attr(safe_color(line.color))
        out.append(
            f'<g class="tm-line" data-line="{attr(line.id)}" stroke="{colour}">{strokes}</g>'
        )
    out.append("</g>")
    return "".join(out)


def _glows(edges: Sequence[PlacedEdge], edge_changes: Mapping[tuple[str, str], str]) -> str:
    out = []
    for e in edges:
        state = edge_state(e, edge_changes)
        if state in ("added", "changed") and len(e.path) > 1:
            d = "M" + "L".join(f"{num(x)} {num(y)}" for x, y in e.path)
            width = num(bundle_width(len(e.lines)) + 10)
            out.append(f'<path class="tm-glow tm-glow-{state}" stroke-width="{width}" d="{d}"/>')
    return f'<g class="tm-glows">{"".join(out)}</g>' if out else ""


def _edge_glyphs(edges: Sequence[PlacedEdge], edge_changes: Mapping[tuple[str, str], str]) -> str:
    out = []
    for e in edges:
        state = edge_state(e, edge_changes)
        if state and len(e.path) > 1:
            x, y = midpoint(e.path)
            out.append(f'<g class="tm-edge-change tm-{state}">{glyph(state, x, y)}</g>')
    return f'<g class="tm-edge-changes">{"".join(out)}</g>' if out else ""


def midpoint(path: Sequence[Point]) -> Point:
    """The point halfway along a polyline."""
    lengths = [math.dist(a, b) for a, b in pairwise(path)]
    half = sum(lengths) / 2
    for (a, b), length in zip(pairwise(path), lengths, strict=True):
        if half <= length and length > 0:
            t = half / length
            return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        half -= length
    return path[-1]
