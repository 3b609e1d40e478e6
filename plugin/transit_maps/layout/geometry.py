"""The layout result: immutable geometry that render/ draws and `layout --json` exports.

Coordinates are SVG user units, x right, y down. This module is the contract between layout/
and render/; see DESIGN.md ("Layout export") for the JSON form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: top-left corner, width and height."""

    x: float
    y: float
    width: float
    height: float

    def overlaps(self, other: Box, margin: float = 0.0) -> bool:
        """Whether the boxes overlap by more than `margin` (touching edges do not overlap)."""
        return (
            self.x < other.x + other.width - margin
            and other.x < self.x + self.width - margin
            and self.y < other.y + other.height - margin
            and other.y < self.y + self.height - margin
        )


@dataclass(frozen=True)
class Label:
    """A station's label: its bounding box and the text, wrapped into lines.

    `align` says where each text line sits inside the box (start = left edge). Text baselines are
    at `box.y + (i + 1) * LINE_HEIGHT - DESCENT` (see `layout.text`).
    """

    box: Box
    lines: tuple[str, ...]
    align: Literal["start", "middle", "end"] = "start"


@dataclass(frozen=True)
class PlacedStation:
    """A station with its position, marker facts and label (None for junctions)."""

    id: str
    x: float
    y: float
    junction: bool
    label: Label | None
    title: str = ""
    lines: tuple[str, ...] = ()
    transfer: bool = False
    terminus: bool = False
    # Direction (degrees, 0 = east, 90 = south) of the track through the station; render orients
    # interchange pills across it.
    angle: float = 0.0


@dataclass(frozen=True)
class PlacedEdge:
    """The track between two adjacent stations.

    `path` runs from `source` to `target`, both ends included, with a vertex at every bend; every
    piece is horizontal, vertical or diagonal. `lines` is the drawing order across the bundle, from
    the left-hand side to the right-hand side when travelling from `source` to `target`.
    """

    source: str
    target: str
    lines: tuple[str, ...]
    path: tuple[Point, ...]


@dataclass(frozen=True)
class LineStyle:
    """A line's identity and colour, in drawing order."""

    id: str
    color: str
    title: str = ""


@dataclass(frozen=True)
class ZoneArea:
    """A fare zone and the stations inside it (render shades the region around them)."""

    id: str
    title: str
    stations: tuple[str, ...]
    color: str | None = None


@dataclass(frozen=True)
class Layout:
    """Geometry of one layer of one map."""

    map: str
    layer: str
    width: float
    height: float
    stations: tuple[PlacedStation, ...]
    edges: tuple[PlacedEdge, ...]
    lines: tuple[LineStyle, ...]
    zones: tuple[ZoneArea, ...] = ()

    def station(self, station_id: str) -> PlacedStation:
        """The placed station with this id (KeyError if there is none)."""
        for s in self.stations:
            if s.id == station_id:
                return s
        raise KeyError(station_id)

    def to_json(self) -> dict[str, Any]:
        """The public layout export (DESIGN.md), with numbers rounded to 2 decimals."""

        def num(v: float) -> float | int:
            r = round(v, 2)
            return int(r) if r == int(r) else r

        def box(b: Box) -> dict[str, float | int]:
            return {"x": num(b.x), "y": num(b.y), "width": num(b.width), "height": num(b.height)}

        return {
            "map": self.map,
            "layer": self.layer,
            "width": num(self.width),
            "height": num(self.height),
            "stations": [
                {
                    "id": s.id,
                    "x": num(s.x),
                    "y": num(s.y),
                    "junction": s.junction,
                    "label": box(s.label.box) if s.label else None,
                }
                for s in self.stations
            ],
            "edges": [
                {
                    "from": e.source,
                    "to": e.target,
                    "lines": list(e.lines),
                    "path": [[num(x), num(y)] for x, y in e.path],
                }
                for e in self.edges
            ],
            "lines": [{"id": line.id, "color": line.color} for line in self.lines],
        }
