"""A layered schematic built directly on the octilinear grid: the pipeline look.

Placeholder: returns None (no candidate) until the layered grid drawing lands.
"""

from __future__ import annotations

import networkx as nx

from ..model import Layer
from .octi import Schematic


def layered_schematic(layer: Layer, g: nx.Graph) -> Schematic | None:
    """A complete schematic (grid positions and octilinear paths) drawn as layers, or None.

    None when the layer does not suit a layered drawing; the caller compares what it returns
    with the routed candidates by `octi.objective`.
    """
    return None
