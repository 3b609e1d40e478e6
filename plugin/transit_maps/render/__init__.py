"""Layout to SVG (pure). PNG lives in render.png, the only module that imports cairosvg.

(Placeholder drawing; replaced by the full renderer.)
"""

from __future__ import annotations

from html import escape

from ..layout.geometry import Layout
from .options import RenderOptions

__all__ = ["RenderOptions", "render_svg"]


def render_svg(layout: Layout, options: RenderOptions | None = None) -> str:
    """Draw `layout` as a standalone SVG document string."""
    opts = options or RenderOptions()
    colors = {line.id: line.color for line in layout.lines}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {layout.width:g} {layout.height:g}"'
        f' role="img"><title>{escape(opts.title)}</title>'
    ]
    for e in layout.edges:
        pts = " ".join(f"{x:g},{y:g}" for x, y in e.path)
        parts.append(
            f'<polyline points="{pts}" fill="none" stroke="{escape(colors[e.lines[0]])}" stroke-width="6"/>'
        )
    for s in layout.stations:
        if s.junction:
            continue
        href = opts.station_urls.get(s.id)
        mark = f'<circle cx="{s.x:g}" cy="{s.y:g}" r="6" fill="#fff" stroke="#000"/>'
        if s.label:
            b = s.label.box
            y = b.y + b.height - 4
            mark += f'<text x="{b.x:g}" y="{y:g}" font-size="13">{escape(s.title)}</text>'
        if href:
            mark = f'<a href="{escape(href)}"><title>{escape(s.title)}</title>{mark}</a>'
        parts.append(mark)
    parts.append("</svg>")
    return "\n".join(parts)
