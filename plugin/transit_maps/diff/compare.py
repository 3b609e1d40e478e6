"""Compare two versions of a map: Map × Map → `MapDiff`.

Renamed stations are found first (a changed id with the same title or the same links) and the base
is read through that renaming, so a rename does not also show up as a rerouted line, a lost
relation or a coverage change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..model import Layer, Line, Map, Ref, Solution, Station, Zone
from .changes import Change, ChangeKind, MapDiff, MapStatus, Names, Value

Renames = Mapping[str, Mapping[str, str]]  # layer id -> base station id -> head station id


def diff_maps(
    base: Map | None,
    head: Map | None,
    *,
    base_path: str | None = None,
    head_path: str | None = None,
) -> MapDiff:
    """Everything that differs between `base` and `head` (either may be None: added/removed map)."""
    bpath = base_path or (base.path if base else None)
    hpath = head_path or (head.path if head else None)
    if base is None and head is None:
        raise ValueError("diff_maps needs at least one map")
    if base is None:
        assert head is not None
        change = Change("map-added", None, head.id, head.title)
        return MapDiff(head.id, "added", None, hpath, (change,), _names(head), (None, head))
    if head is None:
        change = Change("map-removed", None, base.id, base.title)
        return MapDiff(base.id, "removed", bpath, None, (change,), _names(base), (base, None))
    changes: list[Change] = []
    for name in ("title", "summary"):
        _edit(changes, "map-edited", None, head.id, head.title, name, base, head)
    renames = _find_renames(base, head)
    base_ids, head_ids = _ids(base.layers), _ids(head.layers)
    # Layer order decides the default layer of a fence and the order of pages and tabs.
    _order(changes, "layers-reordered", None, head.id, head.title, base_ids, head_ids)
    for layer in head.layers:
        if layer.id not in base_ids:
            changes.append(Change("layer-added", layer.id, layer.id, layer.title))
        else:
            old = base.layer(layer.id)
            changes.extend(_diff_layer(old, layer, renames, base.id, head.id))
    for layer in base.layers:
        if layer.id not in head_ids:
            changes.append(Change("layer-removed", layer.id, layer.id, layer.title))
    changes.extend(_diff_solutions(base, head, renames))
    status: MapStatus = "changed" if changes else "equal"
    names = _names(base, head)
    return MapDiff(head.id, status, bpath, hpath, tuple(changes), names, (base, head))


def _names(*maps: Map) -> Names:
    titles: dict[tuple[str, str, str], str] = {}
    layers: dict[str, str] = {}
    maps_: dict[str, str] = {}
    for m in maps:  # later maps (the head) win
        maps_[m.id] = m.title
        for layer in m.layers:
            layers[layer.id] = layer.title
            for s in layer.stations:
                titles[(layer.id, "station", s.id)] = s.title
            for line in layer.lines:
                titles[(layer.id, "line", line.id)] = line.title
            for z in layer.zones:
                titles[(layer.id, "zone", z.id)] = z.title
        for sol in m.solutions:
            titles[("", "solution", sol.id)] = sol.title
    return Names(titles, layers, maps_)


def _edit(
    out: list[Change],
    kind: ChangeKind,
    layer: str | None,
    subject: str,
    title: str,
    name: str,
    old: object,
    new: object,
) -> None:
    """Append an edit record when attribute `name` differs between `old` and `new`."""
    before, after = getattr(old, name), getattr(new, name)
    if before != after:
        out.append(
            Change(kind, layer, subject, title, name, before=_value(before), after=_value(after))
        )


def _value(v: object) -> Value:
    if v is None or isinstance(v, str | bool | float | int):
        return v
    if isinstance(v, tuple | list):
        return tuple(_value(x) for x in v)
    return str(v)


def _order(
    out: list[Change],
    kind: ChangeKind,
    layer: str | None,
    subject: str,
    title: str,
    before: Sequence[str],
    after: Sequence[str],
) -> None:
    """Append a `*-reordered` record when the ids both versions list come in another order.

    Additions and removals are reported on their own: an id listed by one version only does
    not make a reordering.
    """
    common = set(before) & set(after)
    if [i for i in before if i in common] != [i for i in after if i in common]:
        field = kind.removesuffix("-reordered")
        out.append(
            Change(kind, layer, subject, title, field, before=tuple(before), after=tuple(after))
        )


def _ids(items: Iterable[Layer | Line | Zone | Solution]) -> list[str]:
    return [item.id for item in items]


def _find_renames(base: Map, head: Map) -> dict[str, dict[str, str]]:
    """Per layer, base id -> head id for stations whose id changed but title or links did not."""
    renames: dict[str, dict[str, str]] = {}
    head_layers = {layer.id: layer for layer in head.layers}
    for old in base.layers:
        new = head_layers.get(old.id)
        if new is None:
            continue
        gone = [s for s in old.stations if not new.has_station(s.id)]
        fresh = [s for s in new.stations if not old.has_station(s.id)]
        mapping: dict[str, str] = {}
        for s in gone:
            for t in fresh:
                if t.id not in mapping.values() and _same_station(s, t):
                    mapping[s.id] = t.id
                    break
        if mapping:
            renames[old.id] = mapping
    return renames


def _same_station(a: Station, b: Station) -> bool:
    if a.junction != b.junction:
        return False
    return a.title == b.title or (bool(a.links) and a.links == b.links)


def _ref(ref: Ref, renames: Renames, map_id: str) -> str:
    """A reference as text, read through the renaming when it points into this map."""
    if ref.map in (None, map_id):
        station = renames.get(ref.layer, {}).get(ref.station, ref.station)
        return str(Ref(ref.layer, station))
    return str(ref)


def _routes(line: Line, rename: Mapping[str, str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(rename.get(s, s) for s in route) for route in line.routes)


def _stops(routes: Iterable[tuple[str, ...]]) -> list[str]:
    seen: dict[str, None] = {}
    for route in routes:
        for s in route:
            seen.setdefault(s, None)
    return list(seen)


def _diff_layer(
    old: Layer, new: Layer, renames: Renames, base_id: str, head_id: str
) -> list[Change]:
    lid = new.id
    rename = renames.get(lid, {})
    out: list[Change] = []
    for name in ("title", "description", "kind"):
        _edit(out, "layer-edited", lid, lid, new.title, name, old, new)
    back = {v: k for k, v in rename.items()}
    old_ids = {rename.get(s.id, s.id) for s in old.stations}
    for s in new.stations:
        if s.id not in old_ids:
            out.append(
                Change("station-added", lid, s.id, s.title, gained=new.lines_at.get(s.id, ()))
            )
    for s in old.stations:
        if rename.get(s.id, s.id) not in {t.id for t in new.stations}:
            out.append(
                Change("station-removed", lid, s.id, s.title, lost=old.lines_at.get(s.id, ()))
            )
    matched = [(old.station(back.get(s.id, s.id)), s) for s in new.stations if s.id in old_ids]
    for a, b in matched:
        if a.id != b.id:
            out.append(Change("station-renamed", lid, b.id, b.title, "id", before=a.id, after=b.id))
        _edit(out, "station-renamed", lid, b.id, b.title, "title", a, b)
    out.extend(_diff_lines(old, new, rename))
    out.extend(_diff_zones(old, new))
    for a, b in matched:
        if a.zone != b.zone:
            out.append(
                Change(
                    "station-zone-changed", lid, b.id, b.title, "zone", before=a.zone, after=b.zone
                )
            )
        before = [_ref(r, renames, base_id) for r in a.related]
        after = [_ref(r, renames, head_id) for r in b.related]
        gained = tuple(r for r in after if r not in before)
        lost = tuple(r for r in before if r not in after)
        if gained or lost:
            out.append(Change("related-changed", lid, b.id, b.title, gained=gained, lost=lost))
        for name in ("description", "links", "at", "junction"):
            _edit(out, "station-edited", lid, b.id, b.title, name, a, b)
    return out


def _diff_lines(old: Layer, new: Layer, rename: Mapping[str, str]) -> list[Change]:
    lid = new.id
    out: list[Change] = []
    old_lines = {line.id: line for line in old.lines}
    new_ids = {line.id for line in new.lines}
    for line in new.lines:
        if line.id not in old_lines:
            out.append(Change("line-added", lid, line.id, line.title, after=_value(line.routes)))
    for line in old.lines:
        if line.id not in new_ids:
            out.append(Change("line-removed", lid, line.id, line.title, before=_value(line.routes)))
    for line in new.lines:
        prev = old_lines.get(line.id)
        if prev is None:
            continue
        before, after = _routes(prev, rename), line.routes
        # The order in which branches are listed means nothing; the main route's direction does.
        if before[:1] != after[:1] or sorted(before[1:]) != sorted(after[1:]):
            was, now = _stops(before), _stops(after)
            out.append(
                Change(
                    "line-rerouted",
                    lid,
                    line.id,
                    line.title,
                    before=_value(before),
                    after=_value(after),
                    gained=tuple(s for s in now if s not in was),
                    lost=tuple(s for s in was if s not in now),
                )
            )
        for name in ("title", "color", "description"):
            _edit(out, "line-edited", lid, line.id, line.title, name, prev, line)
    # Line order is the legend's order and breaks ties in the order of lines along a bundle.
    _order(out, "lines-reordered", lid, lid, new.title, _ids(old.lines), _ids(new.lines))
    return out


def _diff_zones(old: Layer, new: Layer) -> list[Change]:
    lid = new.id
    out: list[Change] = []
    old_zones = {z.id: z for z in old.zones}
    new_ids = {z.id for z in new.zones}
    for z in new.zones:
        if z.id not in old_zones:
            out.append(Change("zone-added", lid, z.id, z.title))
    for z in old.zones:
        if z.id not in new_ids:
            out.append(Change("zone-removed", lid, z.id, z.title))
    for z in new.zones:
        if z.id in old_zones:
            for name in ("title", "description", "color"):
                _edit(out, "zone-edited", lid, z.id, z.title, name, old_zones[z.id], z)
    # Zone order is the legend's order and the order zones are drawn in.
    _order(out, "zones-reordered", lid, lid, new.title, _ids(old.zones), _ids(new.zones))
    return out


def _coverage(sol: Solution, renames: Renames, map_id: str) -> dict[str, str]:
    levels: dict[str, str] = {}
    for ref in sol.partial:
        levels[_ref(ref, renames, map_id)] = "partial"
    for ref in sol.covers:  # covering wins over a contradictory partial
        levels[_ref(ref, renames, map_id)] = "covered"
    return levels


def _diff_solutions(base: Map, head: Map, renames: Renames) -> list[Change]:
    out: list[Change] = []
    old = {s.id: s for s in base.solutions}
    new_ids = {s.id for s in head.solutions}
    for sol in head.solutions:
        if sol.id not in old:
            out.append(Change("solution-added", None, sol.id, sol.title))
    for sol in base.solutions:
        if sol.id not in new_ids:
            out.append(Change("solution-removed", None, sol.id, sol.title))
    # Solution order is the order of their pages and of the columns of the coverage table.
    ids = _ids(base.solutions), _ids(head.solutions)
    _order(out, "solutions-reordered", None, head.id, head.title, *ids)
    for sol in head.solutions:
        prev = old.get(sol.id)
        if prev is None:
            continue
        for name in ("title", "url", "description"):
            _edit(out, "solution-edited", None, sol.id, sol.title, name, prev, sol)
        before = _coverage(prev, renames, base.id)
        after = _coverage(sol, renames, head.id)
        refs = list(after) + [r for r in before if r not in after]
        for ref in refs:
            was, now = before.get(ref, "missing"), after.get(ref, "missing")
            if was != now:
                layer, station = _split_ref(ref)
                out.append(
                    Change(
                        "coverage-changed",
                        layer,
                        sol.id,
                        sol.title,
                        station=station,
                        before=was,
                        after=now,
                    )
                )
        gained = tuple(a for a in sol.adds if a not in prev.adds)
        lost = tuple(a for a in prev.adds if a not in sol.adds)
        if gained or lost:
            out.append(Change("adds-changed", None, sol.id, sol.title, gained=gained, lost=lost))
    return out


def _split_ref(text: str) -> tuple[str, str]:
    """`layer/station` -> (layer, station); a cross-map ref keeps its `map:` on the layer."""
    layer, _, station = text.rpartition("/")
    return layer, station
