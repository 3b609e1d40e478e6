"""Compaction: shorten over-long runs of a schematic where nothing else needs the room.

Placeholder: returns the schematic unchanged until compaction lands.
"""

from __future__ import annotations

from ..model import Layer
from .octi import Schematic


def compact(layer: Layer, schematic: Schematic) -> Schematic:
    """A schematic with the same topology and directions and more even edge lengths."""
    return schematic
