"""Small edits to a layer, as a reviewer would make them: the inputs of the stability figures.

Each edit returns the edited layer and the ids it added or removed (left out of the measure).
The choices are deterministic: the middle of the longest line's main route.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Layer, Line, Station

NEW_STATION = "inserted-station"
NEW_LINE = "added-line"


def _fresh(layer: Layer, base: str) -> str:
    ident, n = base, 1
    while layer.has_station(ident) or any(line.id == ident for line in layer.lines):
        n += 1
        ident = f"{base}-{n}"
    return ident


def _longest(layer: Layer) -> Line:
    return max(layer.lines, key=lambda line: len(line.stations))


def insert_station(layer: Layer) -> tuple[Layer, tuple[str, ...]]:
    """Insert a new station in the middle of the longest line's main route."""
    line = _longest(layer)
    ident = _fresh(layer, NEW_STATION)
    k = max(1, len(line.stations) // 2)
    route = (*line.stations[:k], ident, *line.stations[k:])
    lines = tuple(replace(li, stations=route) if li.id == line.id else li for li in layer.lines)
    stations = (*layer.stations, Station(ident, "Inserted station"))
    return replace(layer, lines=lines, stations=stations), (ident,)


def remove_station(layer: Layer) -> tuple[Layer, tuple[str, ...]] | None:
    """Remove a pass-through station (one line, one route, not an end) nearest the middle.

    Its neighbours are joined directly. None when the layer has no such station.
    """
    line = _longest(layer)
    route = line.stations
    inner = [
        s
        for s in route[1:-1]
        if len(layer.lines_at.get(s, ())) == 1
        and sum(r.count(s) for r in line.routes) == 1
        and not layer.station(s).junction
    ]
    if not inner:
        return None
    middle = len(route) / 2
    gone = min(inner, key=lambda s: (abs(route.index(s) - middle), route.index(s)))
    new_route = tuple(s for s in route if s != gone)
    lines = tuple(replace(li, stations=new_route) if li.id == line.id else li for li in layer.lines)
    stations = tuple(s for s in layer.stations if s.id != gone)
    return replace(layer, lines=lines, stations=stations), (gone,)


def add_line(layer: Layer) -> tuple[Layer, tuple[str, ...]]:
    """Add a short line from the middle station of the longest route through two new stations."""
    line = _longest(layer)
    start = line.stations[len(line.stations) // 2]
    first = _fresh(layer, "added-a")
    second = _fresh(layer, "added-b")
    new = Line(_fresh(layer, NEW_LINE), "Added line", "#2d2d2d", (start, first, second))
    stations = (*layer.stations, Station(first, "Added A"), Station(second, "Added B"))
    return replace(layer, lines=(*layer.lines, new), stations=stations), (first, second)
