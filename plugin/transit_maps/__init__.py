"""mkdocs-transit-maps: transit-map diagrams and pages for machine-learning systems."""

from __future__ import annotations

from .errors import MapError, MapErrors
from .layout import layout
from .layout.geometry import Layout
from .loader import load_map
from .model import Layer, Line, Map, Ref, Solution, Station, Zone
from .render import RenderOptions, render_svg

__all__ = [
    "Layer",
    "Layout",
    "Line",
    "Map",
    "MapError",
    "MapErrors",
    "Ref",
    "RenderOptions",
    "Solution",
    "Station",
    "Zone",
    "layout",
    "load_map",
    "render_svg",
]
__version__ = "0.1.0"
