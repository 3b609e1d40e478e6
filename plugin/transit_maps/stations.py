"""Reading a layer's lines (routes) and station details, with their checks."""

from __future__ import annotations

from .colors import NAMED_COLORS, is_css_color
from .map_format import (
    LINE_KEYS,
    MAX_AT,
    NOT_ON_JUNCTIONS,
    STATION_KEYS,
    humanise,
    is_safe_url,
)
from .model import Line, Ref, Station
from .reader import Reader, describe
from .references import read_refs
from .suggest import closest_hint, did_you_mean
from .yaml_source import MappingNode, Node, ScalarNode, SequenceNode

_COLOR_HINT = "use #rgb, #rrggbb (optionally with alpha) or a CSS colour name such as 'teal'"
# `color: #e4002b` is a comment, so the colour reads as nothing.
COLOR_NULL_HINT = "quote hex colours: an unquoted '#' starts a YAML comment"
URL_HINT = "links must be http(s)://, mailto: or relative paths"
# A line's `stations` and a layer's `stations` are easily confused.
_ROUTE_HINT = "a line's 'stations' is its route, a list; details go in the layer's 'stations:'"
_DETAILS_HINT = "a layer's 'stations' maps station ids to details; routes go in 'lines:'"
_NESTED_HINT = "a line has one route in 'stations'; further routes go in 'branches'"
_REF_HINT = "a line visits stations of its own layer; link layers with a station's 'related'"
_AT_HINT = "positions are in grid units: keep them between -1e9 and 1e9"


def color_hint(given: str) -> str:
    """How to fix a colour that is not a CSS colour: the closest name, or the forms allowed."""
    return closest_hint(given.lower(), NAMED_COLORS) or _COLOR_HINT


def read_lines(
    r: Reader, node: Node | None, layer_node: Node, what: str, palette: tuple[str, ...]
) -> tuple[Line, ...]:
    """The lines of a layer; `layer_node` locates the error when there are none."""
    if node is None:
        r.error(layer_node, f"{what} has no 'lines'", "add 'lines:' with at least one line")
        return ()
    hint = "write each line as 'id: {stations: [a, b]}' under 'lines:'"
    entries = r.mapping(node, f"'lines' of {what}", hint=hint)
    if entries is None:
        return ()
    if not node.value:
        r.error(node, f"'lines' of {what} is empty", "a layer needs at least one line")
    lines: list[Line] = []
    for lid, key_node, value in entries:
        if r.ident(key_node, "line id") is None:
            continue
        lwhat = f"line '{lid}'"
        f = r.fields(value, LINE_KEYS, lwhat)
        if f is None:
            continue
        color = palette[len(lines) % len(palette)]
        if "color" in f:
            given = r.text(f["color"], f"colour of {lwhat}", COLOR_NULL_HINT)
            if given is not None and not is_css_color(given):
                message = f"colour '{given}' of {lwhat} is not a CSS colour"
                r.error(f["color"], message, color_hint(given))
            elif given is not None:
                color = given
        if "stations" not in f:
            if not r.misspelt(value, "stations", LINE_KEYS):
                r.error(key_node, f"{lwhat} has no 'stations'", "list its route under 'stations:'")
            continue
        route = _read_route(r, f["stations"], f"'stations' of {lwhat}", lwhat, _ROUTE_HINT)
        branches: list[tuple[tuple[str, ...], Node]] = []
        if "branches" in f:
            for item in r.sequence(f["branches"], f"'branches' of {lwhat}") or []:
                branch = _read_route(r, item, f"a branch of {lwhat}", lwhat)
                if branch:
                    branches.append((branch, item))
        if route:
            whole = [(b, node) for b, node in branches if len(b) >= 2]  # short ones: reported
            for branch, item in _unreachable(route, whole):
                r.error(
                    item,
                    f"branch {_show(branch)} of {lwhat} is cut off from the rest of the line: "
                    "it meets neither its 'stations' nor a branch joined to them",
                    "start or end it at a station of the line, or make it a line of its own; "
                    "a side input that feeds another line's step belongs to that line",
                )
        title = r.text(f["title"], f"title of {lwhat}") if "title" in f else None
        desc = r.text(f["description"], f"description of {lwhat}") if "description" in f else None
        lines.append(
            Line(
                id=lid,
                title=title or humanise(lid),
                color=color,
                stations=route,
                branches=tuple(b for b, _ in branches),
                description=desc or "",
            )
        )
    return tuple(lines)


def _unreachable(
    route: tuple[str, ...], branches: list[tuple[tuple[str, ...], Node]]
) -> list[tuple[tuple[str, ...], Node]]:
    """Branches that no chain of routes connects to the main route: a line in pieces."""
    by_station: dict[str, list[int]] = {}
    for i, (branch, _node) in enumerate(branches):
        for sid in branch:
            by_station.setdefault(sid, []).append(i)
    # Walk outwards from the main route, station by station: linear in the line's length.
    reached: set[int] = set()
    seen = set(route)
    todo = list(route)
    while todo:
        for i in by_station.get(todo.pop(), ()):
            if i not in reached:
                reached.add(i)
                todo.extend(s for s in branches[i][0] if s not in seen)
                seen.update(branches[i][0])
    return [entry for i, entry in enumerate(branches) if i not in reached]


def _show(route: tuple[str, ...]) -> str:
    shown = ", ".join(route[:4]) + (", ..." if len(route) > 4 else "")
    return f"[{shown}]"


def _read_route(
    r: Reader, node: Node, what: str, line: str, hint: str | None = None
) -> tuple[str, ...]:
    items = r.sequence(node, what, hint if isinstance(node, MappingNode) else None)
    if items is None:
        return ()
    route: list[str] = []
    for item in items:
        if isinstance(item, SequenceNode):
            r.error(item, f"a station in {what} must be an id, got a list", _NESTED_HINT)
            continue
        if isinstance(item, ScalarNode) and Ref.parse(str(item.value)) is not None:
            # `processes/review`: a station of another layer cannot be on this line.
            r.error(item, f"'{item.value}' in {what} is a reference, not a station", _REF_HINT)
            continue
        sid = r.ident(item, "station", f"in {what}")
        if sid is None:
            continue
        if route and route[-1] == sid:
            r.error(item, f"station '{sid}' appears twice in a row on {line}", "remove the repeat")
            continue
        route.append(sid)
    if len(items) < 2:
        count = "no stations" if not items else f"only one station, {describe(items[0])}"
        r.error(node, f"{what} has {count}", "a route needs at least two stations")
    return tuple(route)


def read_stations(
    r: Reader,
    node: Node | None,
    lines: tuple[Line, ...],
    zone_ids: set[str] | None,
    layer: str,
    what: str,
) -> tuple[Station, ...]:
    """Every station the lines visit (in order of first visit), with details from `node`.

    `zone_ids` is None when the layer's zones had problems: zones are then not checked.
    """
    visited: dict[str, None] = {}
    for line in lines:
        for sid in line.stops:
            visited.setdefault(sid, None)
    details: dict[str, Station] = {}
    placed: dict[tuple[float, float], str] = {}
    entries = (
        r.mapping(node, f"'stations' of {what}", hint=_DETAILS_HINT) if node is not None else []
    )
    for sid, key_node, value in entries or []:
        if r.ident(key_node, "station id") is None:
            continue
        if sid not in visited:
            r.error(
                key_node,
                f"station '{sid}' in 'stations' of {what} is on no line",
                closest_hint(sid, (s for s in visited if s not in details))
                or "add it to a line's 'stations' or remove the entry",
            )
            continue
        station = _read_station(r, sid, value, zone_ids, layer)
        if station is None:
            continue
        details[sid] = station
        if station.at is not None:
            other = placed.setdefault(station.at, sid)
            if other != sid:
                x, y = station.at
                r.error(
                    key_node,
                    f"station '{sid}' is at [{x:g}, {y:g}], where '{other}' already is",
                    "move one of them, or drop one 'at'",
                )
    return tuple(details.get(sid) or Station(id=sid, title=humanise(sid)) for sid in visited)


def _read_station(
    r: Reader, sid: str, node: Node, zone_ids: set[str] | None, layer: str
) -> Station | None:
    what = f"station '{sid}'"
    f = r.fields(node, STATION_KEYS, what, null_ok=True)
    if f is None:
        return None
    junction = bool(r.boolean(f["junction"], f"'junction' of {what}")) if "junction" in f else False
    if junction:
        for key in NOT_ON_JUNCTIONS:
            if key in f:
                r.error(
                    f[key],
                    f"junction '{sid}' has '{key}', but a junction has no label or page",
                    f"remove '{key}', or 'junction: true' to make it a station",
                )
    zone = r.ident(f["zone"], "zone", f"of {what}") if "zone" in f else None
    if zone is not None and zone_ids is not None and zone not in zone_ids:
        r.error(
            f["zone"],
            f"zone '{zone}' of {what} is not a zone of layer '{layer}'",
            did_you_mean(zone, zone_ids) or f"define it under 'zones:' of layer '{layer}'",
        )
        zone = None
    title = r.text(f["title"], f"title of {what}") if "title" in f else None
    desc = r.text(f["description"], f"description of {what}") if "description" in f else None
    return Station(
        id=sid,
        title=title or humanise(sid),
        description=desc or "",
        zone=zone,
        related=read_refs(r, f.get("related"), f"'related' of {what}"),
        links=_read_links(r, f.get("links"), what),
        at=_read_at(r, f["at"], what) if "at" in f else None,
        junction=junction,
    )


def _read_links(r: Reader, node: Node | None, what: str) -> tuple[tuple[str, str], ...]:
    if node is None:
        return ()
    links: list[tuple[str, str]] = []
    hint = "write each link as 'text: URL' under 'links:'"
    for text, _key_node, value in r.mapping(node, f"'links' of {what}", hint=hint) or []:
        url = r.text(value, f"link '{text}' of {what}")
        if url is None:
            continue
        if not is_safe_url(url):
            r.error(value, f"link '{url}' of {what} is not a web link", URL_HINT)
            continue
        links.append((text, url))
    return tuple(links)


def _read_at(r: Reader, node: Node, what: str) -> tuple[float, float] | None:
    hint = "write it as [x, y]" if isinstance(node, MappingNode) else None
    items = r.sequence(node, f"'at' of {what}", hint)
    if items is None:
        return None
    if len(items) != 2:
        values = "value" if len(items) == 1 else "values"
        r.error(node, f"'at' of {what} has {len(items)} {values}, not 2", "write it as [x, y]")
        return None
    x = r.number(items[0], f"x of 'at' of {what}")
    y = r.number(items[1], f"y of 'at' of {what}")
    for value, item, axis in ((x, items[0], "x"), (y, items[1], "y")):
        if value is not None and abs(value) > MAX_AT:
            r.error(item, f"{axis} of 'at' of {what} is too far out: {describe(item)}", _AT_HINT)
            return None
    return (x, y) if x is not None and y is not None else None
