"""mkdocs-transit-maps: transit-map diagrams and pages for machine-learning systems.

The public API is re-exported here. Imports are lazy so that a command such as
`transit-maps validate` does not pay for the layout engine (networkx) it never uses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import MapError, MapErrors
    from .layout import layout
    from .layout.geometry import Layout
    from .loader import collect_maps, find_map_files, load_map, load_map_text, load_maps
    from .model import Layer, Line, Map, Ref, Solution, Station, Zone
    from .render import RenderOptions, render_svg
    from .schema import map_schema

# Public name -> the module that defines it.
_EXPORTS = {
    "MapError": ".errors",
    "MapErrors": ".errors",
    "layout": ".layout",
    "Layout": ".layout.geometry",
    "collect_maps": ".loader",
    "find_map_files": ".loader",
    "load_map": ".loader",
    "load_map_text": ".loader",
    "load_maps": ".loader",
    "Layer": ".model",
    "Line": ".model",
    "Map": ".model",
    "Ref": ".model",
    "Solution": ".model",
    "Station": ".model",
    "Zone": ".model",
    "RenderOptions": ".render",
    "render_svg": ".render",
    "map_schema": ".schema",
}

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
    "collect_maps",
    "find_map_files",
    "layout",
    "load_map",
    "load_map_text",
    "load_maps",
    "map_schema",
    "render_svg",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'transit_maps' has no attribute {name!r}")
    return getattr(importlib.import_module(module, __name__), name)
