"""The diff's values: one `Change` per thing that differs, gathered per map in a `MapDiff`.

Every change has the same keys, so the JSON export (docs/reviewing.md) is one flat, stable record
shape; `kind` says which keys carry meaning. Values are plain strings, numbers, booleans, None and
tuples of them (lists in JSON).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ..model import Map

Value = str | float | bool | None | tuple["Value", ...]

ChangeKind = Literal[
    "map-added",
    "map-removed",
    "map-edited",
    "layer-added",
    "layer-removed",
    "layer-edited",
    "layers-reordered",
    "station-added",
    "station-removed",
    "station-renamed",
    "station-edited",
    "station-zone-changed",
    "related-changed",
    "line-added",
    "line-removed",
    "line-rerouted",
    "line-edited",
    "lines-reordered",
    "zone-added",
    "zone-removed",
    "zone-edited",
    "zones-reordered",
    "solution-added",
    "solution-removed",
    "solution-edited",
    "solutions-reordered",
    "coverage-changed",
    "adds-changed",
]

# The kinds in the order reports list them, and whether each adds (+), removes (-) or changes (~).
KIND_SIGN: dict[ChangeKind, str] = {
    "map-added": "+",
    "map-removed": "-",
    "map-edited": "~",
    "layer-added": "+",
    "layer-removed": "-",
    "layer-edited": "~",
    "layers-reordered": "~",
    "station-added": "+",
    "station-removed": "-",
    "station-renamed": "~",
    "station-edited": "~",
    "station-zone-changed": "~",
    "related-changed": "~",
    "line-added": "+",
    "line-removed": "-",
    "line-rerouted": "~",
    "line-edited": "~",
    "lines-reordered": "~",
    "zone-added": "+",
    "zone-removed": "-",
    "zone-edited": "~",
    "zones-reordered": "~",
    "solution-added": "+",
    "solution-removed": "-",
    "solution-edited": "~",
    "solutions-reordered": "~",
    "coverage-changed": "~",
    "adds-changed": "~",
}

MapStatus = Literal["added", "removed", "changed", "equal"]
SectionKind = Literal["map", "layer", "solutions"]


@dataclass(frozen=True)
class Change:
    """One difference between the base and the head of a map.

    kind: what happened (see `ChangeKind`).
    layer: the layer it happened on; None for map- and solution-level changes, except
        `coverage-changed`, where it is the layer of `station`.
    subject: the id of the thing that changed (map, layer, station, line, zone or solution); the
        head's id, or the base's for removals. For `*-reordered`, the thing that holds the list:
        the layer for lines and zones, the map for layers and solutions.
    title: the subject's title (the head's, or the base's for removals).
    field: for `*-edited` and `station-renamed`, the field that changed (`id`, `title`, ...);
        for `*-reordered`, the list whose order changed (`layers`, `lines`, `zones`, `solutions`).
    station: for `coverage-changed`, the station whose coverage changed.
    before / after: the old and new value (routes for lines, zone ids, coverage levels, ...;
        for `*-reordered`, the ids in the order each version lists them).
    gained / lost: items that appeared or disappeared (a line's stations, related references,
        a solution's `adds`, the lines at an added or removed station).
    """

    kind: ChangeKind
    layer: str | None
    subject: str
    title: str
    field: str | None = None
    station: str | None = None
    before: Value = None
    after: Value = None
    gained: tuple[str, ...] = ()
    lost: tuple[str, ...] = ()

    @property
    def sign(self) -> str:
        """`+` for additions, `-` for removals, `~` for everything else."""
        return KIND_SIGN[self.kind]


@dataclass(frozen=True)
class Names:
    """Titles of the things both versions of a map name, for human sentences.

    `titles` keys are `(layer, kind, id)` with kind one of station, line, zone, or solution
    (with layer ""); `layers` and `maps` map ids to titles. Where both versions name a thing,
    the head's title wins.
    """

    titles: dict[tuple[str, str, str], str] = field(default_factory=dict)
    layers: dict[str, str] = field(default_factory=dict)
    maps: dict[str, str] = field(default_factory=dict)

    def of(self, layer: str | None, kind: str, ident: str) -> str:
        """The title of a station, line, zone or solution; the id when the title is unknown."""
        return self.titles.get((layer or "", kind, ident), ident)


@dataclass(frozen=True)
class MapDiff:
    """Everything that differs between the base and the head of one map."""

    map: str
    status: MapStatus
    base: str | None
    head: str | None
    changes: tuple[Change, ...]
    names: Names = field(default_factory=Names, compare=False, repr=False)
    # The two versions themselves (base, head), for the visual diff; not part of the value.
    versions: tuple[Map | None, Map | None] = field(default=(None, None), compare=False, repr=False)

    @property
    def equal(self) -> bool:
        """Whether the two versions mean the same map."""
        return not self.changes

    def sections(self) -> tuple[Section, ...]:
        """The changes grouped for reports: the map itself, each layer, then the solutions."""
        groups: dict[tuple[SectionKind, str], list[Change]] = {}
        for change in self.changes:
            groups.setdefault(section_of(change), []).append(change)
        rank = {"map": 0, "layer": 1, "solutions": 2}
        keys = sorted(groups, key=lambda k: rank[k[0]])  # stable: layers keep their order
        return tuple(Section(kind, ident, tuple(groups[(kind, ident)])) for kind, ident in keys)


@dataclass(frozen=True)
class Section:
    """A group of changes in a report: `kind` is map, layer or solutions; `layer` the layer id."""

    kind: SectionKind
    layer: str
    changes: tuple[Change, ...]


def section_of(change: Change) -> tuple[SectionKind, str]:
    """Where a change is reported: with the map, with its layer, or with the solutions."""
    if change.kind.startswith("map-") or change.kind == "layers-reordered":
        return ("map", "")
    if change.kind.startswith(("solution", "coverage-", "adds-")):
        return ("solutions", "")
    return ("layer", change.layer or "")


@dataclass(frozen=True)
class DiffResult:
    """The diff of a set of maps (two files, two folders, or a folder against a git revision)."""

    maps: tuple[MapDiff, ...]

    @property
    def equal(self) -> bool:
        """Whether no map changed."""
        return all(m.equal for m in self.maps)

    @property
    def changed(self) -> tuple[MapDiff, ...]:
        """The maps that differ."""
        return tuple(m for m in self.maps if not m.equal)
