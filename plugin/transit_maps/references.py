"""Station references (`layer/station`, `map:layer/station`): reading and resolving them.

References inside one map are checked when the map loads; references to other maps are
checked by `check_cross_refs` once every map of a site is loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .errors import MapError
from .map_format import is_id
from .model import Map, Ref
from .reader import Reader
from .suggest import closest_hint, did_you_mean
from .yaml_source import Node

REF_HINT = "write 'layer/station', or 'map:layer/station' for a station of another map"


def read_refs(r: Reader, node: Node | None, what: str) -> tuple[Ref, ...]:
    """A list of station references; malformed and repeated ones are reported."""
    if node is None:
        return ()
    refs: dict[Ref, None] = {}  # a dict keeps the order and finds repeats at once
    for item in r.sequence(node, what) or []:
        text = r.text(item, f"an entry of {what}")
        if text is None:
            continue
        ref = Ref.parse(text, r.pos(item))
        if ref is None:
            r.error(item, f"'{text}' in {what} is not a station reference", REF_HINT)
            continue
        parts = [ref.layer, ref.station] + ([ref.map] if ref.map else [])
        bad = [p for p in parts if not is_id(p)]
        if bad:
            r.error(item, f"'{text}' in {what}: '{bad[0]}' is not a valid id", REF_HINT)
            continue
        if ref in refs:
            r.error(item, f"'{text}' is listed twice in {what}", "remove the repeat")
            continue
        refs[ref] = None
    return tuple(refs)


def _error(ref: Ref, message: str, hint: str | None = None) -> MapError:
    pos = ref.pos
    if pos is None:  # refs built in code rather than read from a file
        return MapError("<unknown>", 1, 1, message, hint)
    return MapError(pos.path, pos.line, pos.column, message, hint)


def _refs_of(m: Map) -> Iterator[tuple[Ref, str, str | None]]:
    """Every reference in a map: (ref, where it is written, the station it belongs to)."""
    for layer in m.layers:
        for station in layer.stations:
            for ref in station.related:
                yield ref, f"'related' of station '{station.id}'", f"{layer.id}/{station.id}"
    for solution in m.solutions:
        for ref in solution.covers:
            yield ref, f"'covers' of solution '{solution.id}'", None
        for ref in solution.partial:
            yield ref, f"'partial' of solution '{solution.id}'", None


def resolve(ref: Ref, target: Map, where: str) -> MapError | None:
    """Why `ref` does not name a station of `target` (with a hint), or None when it does."""
    layer_ids = [layer.id for layer in target.layers]
    if ref.layer not in layer_ids:
        return _error(
            ref,
            f"'{ref}' in {where}: map '{target.id}' has no layer '{ref.layer}'",
            did_you_mean(ref.layer, layer_ids, "layers"),
        )
    layer = target.layer(ref.layer)
    if not layer.has_station(ref.station):
        # Choices are listed lazily: the hint may be skipped when its budget is spent.
        hint = closest_hint(ref.station, (s.id for s in layer.stations if not s.junction))
        elsewhere = next((x.id for x in target.layers if x.has_station(ref.station)), None)
        if hint is None and elsewhere is not None:
            hint = f"'{ref.station}' is on layer '{elsewhere}'"
        if hint is None and len(layer.stations) <= 8:
            hint = did_you_mean(ref.station, [s.id for s in layer.stations if not s.junction])
        return _error(
            ref, f"'{ref}' in {where}: layer '{ref.layer}' has no station '{ref.station}'", hint
        )
    if layer.station(ref.station).junction:
        return _error(
            ref,
            f"'{ref}' in {where} is a junction, which has no page",
            "refer to a station next to it",
        )
    return None


def check_local_refs(m: Map, doubtful: Iterable[str] = ()) -> list[MapError]:
    """Problems with references inside one map (to itself or written without a map).

    References to `doubtful` layers, whose problems are reported already, are not checked.
    """
    skip = set(doubtful)
    errors: list[MapError] = []
    for ref, where, owner in _refs_of(m):
        if ref.map not in (None, m.id) or ref.layer in skip:
            continue
        if owner is not None and f"{ref.layer}/{ref.station}" == owner:
            errors.append(_error(ref, f"station '{ref}' is related to itself", "remove it"))
            continue
        problem = resolve(ref, m, where)
        if problem is not None:
            errors.append(problem)
    for solution in m.solutions:
        covers = set(solution.covers)
        for ref in solution.partial:
            if ref in covers:
                errors.append(
                    _error(
                        ref,
                        f"'{ref}' is in both 'covers' and 'partial' of solution '{solution.id}'",
                        "keep it in one of them",
                    )
                )
    return errors


def check_cross_refs(maps: Iterable[Map], unavailable: Iterable[str] = ()) -> list[MapError]:
    """Problems with references between maps. Maps in `unavailable` (which failed to load)
    are not checked against, so one broken file does not cause errors in the others."""
    by_id = {m.id: m for m in maps}
    skip = set(unavailable)
    errors: list[MapError] = []
    for m in by_id.values():
        for ref, where, _owner in _refs_of(m):
            if ref.map is None or ref.map == m.id or ref.map in skip:
                continue
            target = by_id.get(ref.map)
            if target is None:
                errors.append(
                    _error(
                        ref,
                        f"'{ref}' in {where}: there is no map '{ref.map}'",
                        closest_hint(ref.map, by_id)
                        or f"validate its file, {ref.map}.yaml, together with this one",
                    )
                )
                continue
            problem = resolve(ref, target, where)
            if problem is not None:
                errors.append(problem)
    return errors
