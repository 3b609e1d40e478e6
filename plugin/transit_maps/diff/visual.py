"""The visual diff: the head's layout, laid out against the base's, with ghosts of what went.

The head layer plus ghosts of the removed stations and track (a "union" layer) is laid out with
the base layout as `previous`: unchanged stations stay where they were, ghosts return to where
they were, and the labels of both are placed together so that none covers another.
`RenderOptions.changes` / `edge_changes` tell the renderer what was added, removed or changed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..layout import layout as layout_layer
from ..layout.geometry import Layout
from ..model import Layer, Map
from ..render import render_svg
from ..render.options import Change as Mark
from ..render.options import RenderOptions
from .changes import DiffResult, MapDiff

# Kinds of change that make an existing station "changed" (amber) in the picture.
_STATION_EDITS = ("station-renamed", "station-edited", "station-zone-changed", "related-changed")


class VisualDiffError(Exception):
    """The visual diff cannot be drawn as asked (no such map or layer, several maps)."""


@dataclass(frozen=True)
class VisualDiff:
    """A layout to draw plus what changed on it."""

    layout: Layout
    stations: dict[str, Mark]
    edges: dict[tuple[str, str], Mark]


def layout_against(layer: Layer, map_id: str, previous: Layout | None) -> Layout:
    """Lay out `layer`, keeping the stations of `previous` in place where the topology allows."""
    return layout_layer(layer, map_id, previous=previous)


def visual_diff(base: Map | None, head: Map | None, layer_id: str, diff: MapDiff) -> VisualDiff:
    """Build the layout of the visual diff of one layer, and the change of each station/edge."""
    old = _layer(base, layer_id)
    new = _layer(head, layer_id)
    if old is None and new is None:
        raise VisualDiffError(f"map {diff.map!r} has no layer {layer_id!r}")
    rename = {
        str(c.before): str(c.after)
        for c in diff.changes
        if c.kind == "station-renamed" and c.field == "id" and c.layer == layer_id
    }
    map_id = diff.map
    if new is None:  # the whole layer went: draw it as one ghost
        assert old is not None
        before = layout_layer(old, map_id)
        return VisualDiff(
            before,
            {s.id: "removed" for s in before.stations},
            {(e.source, e.target): "removed" for e in before.edges},
        )
    if old is None:
        after = layout_layer(new, map_id)
        return VisualDiff(
            after,
            {s.id: "added" for s in after.stations},
            {(e.source, e.target): "added" for e in after.edges},
        )
    before = _renamed(layout_layer(old, map_id), rename)
    union, ghost_stations, ghost_track = _with_ghosts(old, new, rename)
    drawn = layout_against(union, map_id, before)
    marks = _station_marks(diff, layer_id, old, new, rename)
    marks.update({s: "removed" for s in ghost_stations if not union.station(s).junction})
    edges = _edge_marks(old, new, rename)
    edges.update(dict.fromkeys(ghost_track, "removed"))
    return VisualDiff(drawn, marks, _orient(edges, drawn))


def _with_ghosts(
    old: Layer, new: Layer, rename: dict[str, str]
) -> tuple[Layer, tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The head layer plus the base's removed stations and track, and the ids of both.

    Track that went is put back on its lines as two-station branches (a line that went entirely
    comes back as such branches only), so the ghost is drawn in its line's colour.
    """
    head_ids = {s.id for s in new.stations}
    head_track = {_key(seg.a, seg.b) for seg in new.segments}
    ghosts = tuple(s for s in old.stations if rename.get(s.id, s.id) not in head_ids)
    extra: dict[str, list[tuple[str, str]]] = {}
    ghost_track: list[tuple[str, str]] = []
    for seg in old.segments:
        a, b = rename.get(seg.a, seg.a), rename.get(seg.b, seg.b)
        if _key(a, b) in head_track:
            continue
        ghost_track.append(_key(a, b))
        for line_id in seg.lines:
            extra.setdefault(line_id, []).append((a, b))
    lines = [
        replace(line, branches=(*line.branches, *extra.pop(line.id, []))) for line in new.lines
    ]
    for line in old.lines:  # lines that went: only their vanished track comes back
        routes = extra.pop(line.id, [])
        if routes:
            lines.append(replace(line, stations=routes[0], branches=tuple(routes[1:])))
    union = replace(new, lines=tuple(lines), stations=(*new.stations, *ghosts))
    return union, tuple(s.id for s in ghosts), tuple(ghost_track)


def _layer(m: Map | None, layer_id: str) -> Layer | None:
    if m is None:
        return None
    try:
        return m.layer(layer_id)
    except KeyError:
        return None


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _station_marks(
    diff: MapDiff, layer_id: str, old: Layer, new: Layer, rename: dict[str, str]
) -> dict[str, Mark]:
    marks: dict[str, Mark] = {}
    for c in diff.changes:
        if c.layer != layer_id:
            continue
        if c.kind == "station-added":
            marks[c.subject] = "added"
        elif c.kind in _STATION_EDITS:
            marks.setdefault(c.subject, "changed")
        elif c.kind == "coverage-changed" and c.station:
            marks.setdefault(c.station, "changed")
    # A station that a line newly serves or no longer serves has changed too.
    for s in new.stations:
        was = old.lines_at.get(next((k for k, v in rename.items() if v == s.id), s.id))
        if was is not None and set(was) != set(new.lines_at.get(s.id, ())):
            marks.setdefault(s.id, "changed")
    return {k: v for k, v in marks.items() if new.has_station(k) and not new.station(k).junction}


def _edge_marks(old: Layer, new: Layer, rename: dict[str, str]) -> dict[tuple[str, str], Mark]:
    before = {
        _key(rename.get(seg.a, seg.a), rename.get(seg.b, seg.b)): set(seg.lines)
        for seg in old.segments
    }
    marks: dict[tuple[str, str], Mark] = {}
    for seg in new.segments:
        lines = before.get(_key(seg.a, seg.b))
        if lines is None:
            marks[_key(seg.a, seg.b)] = "added"
        elif lines != set(seg.lines):
            marks[_key(seg.a, seg.b)] = "changed"
    return marks


def _orient(marks: dict[tuple[str, str], Mark], drawn: Layout) -> dict[tuple[str, str], Mark]:
    """Key the marks by each edge's own (source, target), as the renderer sees it."""
    out: dict[tuple[str, str], Mark] = {}
    for e in drawn.edges:
        mark = marks.get((e.source, e.target)) or marks.get(_key(e.source, e.target))
        if mark is not None:
            out[(e.source, e.target)] = mark
    return out


def _renamed(drawn: Layout, rename: dict[str, str]) -> Layout:
    """The base layout under the head's station ids, so renamed stations keep their place."""
    if not rename:
        return drawn
    return replace(
        drawn,
        stations=tuple(replace(s, id=rename.get(s.id, s.id)) for s in drawn.stations),
        edges=tuple(
            replace(e, source=rename.get(e.source, e.source), target=rename.get(e.target, e.target))
            for e in drawn.edges
        ),
    )


def render_visual_diff(
    base: Map | None, head: Map | None, layer_id: str, diff: MapDiff, theme: str = "light"
) -> str:
    """The visual diff of one layer as an SVG document."""
    vd = visual_diff(base, head, layer_id, diff)
    names = diff.names
    title = (
        f"Changes to {names.maps.get(diff.map, diff.map)}: {names.layers.get(layer_id, layer_id)}"
    )
    options = RenderOptions(
        theme="dark" if theme == "dark" else "light",
        title=title,
        description=(
            "Added stations and track in green, removed ones ghosted in red where they were, "
            "changed ones in amber."
        ),
        changes=vd.stations,
        edge_changes=vd.edges,
        id_prefix="tm-diff",
    )
    return render_svg(vd.layout, options)


def write_visual_diff(
    result: DiffResult,
    out: Path,
    *,
    map_id: str | None = None,
    layer: str | None = None,
    theme: str = "light",
) -> None:
    """Draw the visual diff of one map's layer to `out` (.svg, or .png through cairosvg)."""
    if out.suffix not in (".svg", ".png"):
        raise VisualDiffError(f"{out}: the drawing must be a .svg or .png file")
    diff = _pick_map(result, map_id)
    base, head = diff.versions
    layer_id = layer or _first_layer(diff)
    svg = render_visual_diff(base, head, layer_id, diff, theme)
    if out.suffix == ".svg":
        out.write_text(svg, encoding="utf-8")
        return
    try:
        from ..render.png import render_png  # type: ignore[import-not-found,unused-ignore]

        data = render_png(svg, scale=2)
    except (ImportError, RuntimeError) as exc:  # no PNG backend (cairosvg or cairo) here
        raise VisualDiffError(f"PNG output is not available: {exc}") from exc
    out.write_bytes(data)


def _pick_map(result: DiffResult, map_id: str | None) -> MapDiff:
    if map_id is not None:
        for d in result.maps:
            if d.map == map_id:
                return d
        known = ", ".join(d.map for d in result.maps)
        raise VisualDiffError(f"no map {map_id!r} among the compared maps ({known})")
    candidates = result.changed or result.maps
    if len(candidates) != 1:
        names = ", ".join(d.map for d in candidates)
        raise VisualDiffError(f"several maps to draw ({names}); choose one with --map")
    return candidates[0]


def _first_layer(diff: MapDiff) -> str:
    """The first layer with changes, else the map's first layer."""
    for section in diff.sections():
        if section.kind == "layer":
            return section.layer
    for version in reversed(diff.versions):
        if version is not None and version.layers:
            return version.layers[0].id
    raise VisualDiffError(f"map {diff.map!r} has no layers to draw")
