"""The map model: frozen dataclasses and the facts derived from them. No I/O.

A `Map` holds `Layer`s; a layer holds `Line`s (each a route plus optional branches), `Zone`s and
`Station`s. Every station a line names exists in `Layer.stations`, in order of first appearance.
Derived facts (which lines stop where, transfer stations, adjacent pairs) are computed once in
`__post_init__` so that layout, render and site never re-derive them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

LayerKind = Literal["systems", "processes", "org", "other"]
LAYER_KINDS: tuple[LayerKind, ...] = ("systems", "processes", "org", "other")


@dataclass(frozen=True)
class Pos:
    """A place in a source file: 1-based line and column."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Ref:
    """A reference to a station: `layer/station`, or `map:layer/station` across maps.

    `map` is None for a reference inside the same map. `pos` is where the reference was written
    (not part of equality).
    """

    layer: str
    station: str
    map: str | None = None
    pos: Pos | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        prefix = f"{self.map}:" if self.map else ""
        return f"{prefix}{self.layer}/{self.station}"

    @classmethod
    def parse(cls, text: str, pos: Pos | None = None) -> Ref | None:
        """Parse `layer/station` or `map:layer/station`; None when the text has another shape."""
        map_id: str | None = None
        rest = text
        if ":" in text:
            map_id, rest = text.split(":", 1)
        if rest.count("/") != 1:
            return None
        layer, station = rest.split("/")
        if not layer or not station or map_id == "":
            return None
        return cls(layer=layer, station=station, map=map_id, pos=pos)

    def resolved(self, map_id: str) -> Ref:
        """The same reference with its map made explicit."""
        return Ref(self.layer, self.station, self.map or map_id, self.pos)


@dataclass(frozen=True)
class Line:
    """A kind of interaction, drawn in one colour: a main route plus optional branches."""

    id: str
    title: str
    color: str
    stations: tuple[str, ...]
    branches: tuple[tuple[str, ...], ...] = ()
    description: str = ""

    @property
    def routes(self) -> tuple[tuple[str, ...], ...]:
        """The main route followed by every branch."""
        return (self.stations, *self.branches)

    @property
    def stops(self) -> tuple[str, ...]:
        """Every station this line visits, once each, in order of first appearance."""
        seen: dict[str, None] = {}
        for route in self.routes:
            for station in route:
                seen.setdefault(station, None)
        return tuple(seen)


@dataclass(frozen=True)
class Zone:
    """A fare zone: a region such as ownership, trust or environment."""

    id: str
    title: str
    description: str = ""
    color: str | None = None


@dataclass(frozen=True)
class Station:
    """A component, workflow step or role. Junctions are track points with no marker or page."""

    id: str
    title: str
    description: str = ""
    zone: str | None = None
    related: tuple[Ref, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    at: tuple[float, float] | None = None
    junction: bool = False


@dataclass(frozen=True)
class Segment:
    """A pair of adjacent stations and every line that runs between them.

    `a` and `b` are ordered by the stations' first appearance in the layer; `lines` follow the
    layer's line order.
    """

    a: str
    b: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Layer:
    """One view of the system (systems, processes, org, ...) with its own lines and stations."""

    id: str
    title: str
    kind: LayerKind
    lines: tuple[Line, ...]
    stations: tuple[Station, ...]
    zones: tuple[Zone, ...] = ()
    description: str = ""

    # Derived once, in __post_init__.
    lines_at: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    segments: tuple[Segment, ...] = field(init=False, repr=False, compare=False)
    _station_index: dict[str, Station] = field(init=False, repr=False, compare=False)
    _line_index: dict[str, Line] = field(init=False, repr=False, compare=False)
    _zone_index: dict[str, Zone] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        order = {s.id: i for i, s in enumerate(self.stations)}
        lines_at: dict[str, list[str]] = {s.id: [] for s in self.stations}
        pairs: dict[tuple[str, str], list[str]] = {}
        for line in self.lines:
            for station in line.stops:
                lines_at.setdefault(station, []).append(line.id)
            for route in line.routes:
                for u, v in pairwise(route):
                    if u == v:
                        continue
                    key = (u, v) if order.get(u, 0) <= order.get(v, 0) else (v, u)
                    members = pairs.setdefault(key, [])
                    if line.id not in members:
                        members.append(line.id)
        line_rank = {line.id: i for i, line in enumerate(self.lines)}
        segments = tuple(
            Segment(a, b, tuple(sorted(members, key=line_rank.__getitem__)))
            for (a, b), members in sorted(
                pairs.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]])
            )
        )
        object.__setattr__(self, "lines_at", {k: tuple(v) for k, v in lines_at.items()})
        object.__setattr__(self, "segments", segments)
        object.__setattr__(self, "_station_index", {s.id: s for s in self.stations})
        object.__setattr__(self, "_line_index", {line.id: line for line in self.lines})
        object.__setattr__(self, "_zone_index", {z.id: z for z in self.zones})

    def station(self, station_id: str) -> Station:
        """The station with this id (KeyError if there is none)."""
        return self._station_index[station_id]

    def line(self, line_id: str) -> Line:
        """The line with this id (KeyError if there is none)."""
        return self._line_index[line_id]

    def zone(self, zone_id: str) -> Zone:
        """The zone with this id (KeyError if there is none)."""
        return self._zone_index[zone_id]

    def has_station(self, station_id: str) -> bool:
        """Whether a station with this id is on the layer."""
        return station_id in self._station_index

    def is_transfer(self, station_id: str) -> bool:
        """A station on two or more lines is a transfer station."""
        return len(self.lines_at.get(station_id, ())) >= 2

    def is_terminus(self, station_id: str) -> bool:
        """Whether some route of some line starts or ends here."""
        return any(
            route[0] == station_id or route[-1] == station_id
            for line in self.lines
            for route in line.routes
        )

    @property
    def transfers(self) -> tuple[str, ...]:
        """Ids of the transfer stations, in station order."""
        return tuple(s.id for s in self.stations if self.is_transfer(s.id))

    def neighbours(self, station_id: str, line_id: str | None = None) -> tuple[str, ...]:
        """Stations adjacent to this one (along `line_id` only, when given), in segment order."""
        out: list[str] = []
        for seg in self.segments:
            if line_id is not None and line_id not in seg.lines:
                continue
            other = seg.b if seg.a == station_id else seg.a if seg.b == station_id else None
            if other is not None and other not in out:
                out.append(other)
        return tuple(out)

    def adjacent_along(
        self, station_id: str, line_id: str
    ) -> tuple[tuple[str | None, str | None], ...]:
        """For each route of the line through the station: (previous, next) station ids."""
        out: list[tuple[str | None, str | None]] = []
        for route in self.line(line_id).routes:
            for i, s in enumerate(route):
                if s == station_id:
                    prev = route[i - 1] if i > 0 else None
                    nxt = route[i + 1] if i + 1 < len(route) else None
                    if (prev, nxt) not in out:
                        out.append((prev, nxt))
        return tuple(out)


@dataclass(frozen=True)
class Solution:
    """A tool overlaid on the map: what it covers fully, partly, and what it adds."""

    id: str
    title: str
    url: str | None = None
    description: str = ""
    covers: tuple[Ref, ...] = ()
    partial: tuple[Ref, ...] = ()
    adds: tuple[str, ...] = ()

    def coverage(self, ref: Ref) -> Literal["covered", "partial", "missing"]:
        """How this solution covers the station `ref` (refs compare without their position)."""
        if ref in self.covers:
            return "covered"
        if ref in self.partial:
            return "partial"
        return "missing"


@dataclass(frozen=True)
class Map:
    """A map file: several layers of one system, plus solution overlays."""

    id: str
    title: str
    layers: tuple[Layer, ...]
    summary: str = ""
    solutions: tuple[Solution, ...] = ()
    path: str | None = None
    # Where each entry of the file is written, keyed by its path of keys and list indices:
    # ("layers", "systems", "stations", "ingest") or ("layers", "systems", "lines", "data",
    # "stations", 0). Filled by the loader; empty for maps built in code.
    positions: Mapping[tuple[str | int, ...], Pos] = field(
        default_factory=dict, compare=False, repr=False
    )

    def where(self, *keys: str | int) -> Pos | None:
        """Where an entry is written in the map file (its key, or its list item), if known.

        `m.where("layers", "systems", "stations", "ingest")` is the position of `ingest:`.
        """
        return self.positions.get(keys)

    def layer(self, layer_id: str) -> Layer:
        """The layer with this id (KeyError if there is none)."""
        for layer in self.layers:
            if layer.id == layer_id:
                return layer
        raise KeyError(layer_id)

    def solution(self, solution_id: str) -> Solution:
        """The solution with this id (KeyError if there is none)."""
        for solution in self.solutions:
            if solution.id == solution_id:
                return solution
        raise KeyError(solution_id)

    def related(self, layer_id: str, station_id: str) -> tuple[Ref, ...]:
        """Relations of a station in both directions, within this map, as map-local refs.

        A station's own `related` plus every station of this map whose `related` names it
        (a backlink is implied). Cross-map references are kept as written.
        """
        here = Ref(layer_id, station_id)
        out: list[Ref] = []
        for ref in self.layer(layer_id).station(station_id).related:
            plain = Ref(ref.layer, ref.station, None if ref.map == self.id else ref.map)
            if plain not in out:
                out.append(plain)
        for layer in self.layers:
            for station in layer.stations:
                for ref in station.related:
                    if ref.map in (None, self.id) and Ref(ref.layer, ref.station) == here:
                        back = Ref(layer.id, station.id)
                        if back not in out:
                            out.append(back)
        return tuple(out)
