"""Sizes shared by layout (which reserves room) and render (which draws in that room).

All in SVG user units. Layout keeps labels clear of a bundle of n lines by treating the track as
`bundle_width(n)` wide; render offsets the n strokes by LINE_SPACING around the centre line.
"""

from __future__ import annotations

# Length of one grid step: adjacent stations sit one or more steps apart.
GRID = 48.0
# Stroke width of one line, and centre-to-centre distance of parallel lines in a bundle.
LINE_WIDTH = 6.0
LINE_SPACING = 8.0
# Room around the drawing for labels, legend and title are added by the engine/renderer.
MARGIN = 24.0
# Clearance kept between a label and any other label, marker or line.
LABEL_GAP = 3.0


def bundle_width(n_lines: int) -> float:
    """Width of the drawn track of `n_lines` parallel lines."""
    return LINE_WIDTH + LINE_SPACING * max(n_lines - 1, 0)


def marker_radius(n_lines: int) -> float:
    """Half-size of a station marker (tick or interchange pill) across a bundle of n lines."""
    return bundle_width(n_lines) / 2 + 3.0
