"""The visual diff: the head's layout, laid out against the base's, with ghosts of what went.

The head layer is laid out with the base layout as `previous`, so unchanged stations stay where
they were. Removed stations and track are added back as ghost entries at their old places (shifted
by the translation that lines the two layouts up), and `RenderOptions.changes` /
`edge_changes` tell the renderer what was added, removed or changed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..layout import layout as layout_layer
from ..layout.geometry import Box, Label, Layout, PlacedEdge, PlacedStation, Point
from ..model import Layer, Map
from ..render import render_svg
from ..render.options import Change as Mark
from ..render.options import RenderOptions
from .changes import DiffResult, MapDiff
from .stability import best_translation, positions

MARGIN = 40.0
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
    before = layout_layer(old, map_id) if old is not None else None
    if new is None:  # the whole layer went: draw it as one ghost
        assert before is not None
        return VisualDiff(
            before,
            {s.id: "removed" for s in before.stations},
            {(e.source, e.target): "removed" for e in before.edges},
        )
    after = layout_against(new, map_id, _renamed(before, rename) if before else None)
    if before is None or old is None:
        return VisualDiff(
            after,
            {s.id: "added" for s in after.stations},
            {(e.source, e.target): "added" for e in after.edges},
        )
    old_pos = {rename.get(k, k): p for k, p in positions(before).items()}
    common = sorted(old_pos.keys() & positions(after).keys())
    shift = best_translation(old_pos, positions(after), common)
    marks = _station_marks(diff, layer_id, old, new, rename)
    head_ids = {s.id for s in after.stations}
    ghosts = [
        _moved_station(s, shift) for s in before.stations if rename.get(s.id, s.id) not in head_ids
    ]
    marks.update({g.id: "removed" for g in ghosts if not g.junction})
    edges = _edge_marks(old, new, rename)
    head_edges = {_key(e.source, e.target) for e in after.edges}
    drawn = {s.id: (s.x, s.y) for s in after.stations} | {g.id: (g.x, g.y) for g in ghosts}
    ghost_edges = [
        _ghost_edge(e, shift, drawn, rename)
        for e in before.edges
        if _key(rename.get(e.source, e.source), rename.get(e.target, e.target)) not in head_edges
    ]
    edges.update({(e.source, e.target): "removed" for e in ghost_edges})
    known = {line.id for line in after.lines}
    extra_lines = tuple(li for li in before.lines if li.id not in known)
    merged = replace(
        after,
        stations=after.stations + tuple(ghosts),
        edges=after.edges + tuple(ghost_edges),
        lines=after.lines + extra_lines,
    )
    return VisualDiff(_fit(merged), marks, _orient(edges, merged))


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


def _moved_station(s: PlacedStation, shift: Point) -> PlacedStation:
    dx, dy = shift
    label = None
    if s.label is not None:
        b = s.label.box
        label = Label(Box(b.x + dx, b.y + dy, b.width, b.height), s.label.lines, s.label.align)
    return replace(s, x=s.x + dx, y=s.y + dy, label=label)


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


def _ghost_edge(
    e: PlacedEdge, shift: Point, drawn: dict[str, Point], rename: dict[str, str]
) -> PlacedEdge:
    """A removed edge at its old place; straight between its ends if one of them has moved."""
    moved = _moved_edge(e, shift)
    start = drawn.get(rename.get(e.source, e.source), moved.path[0])
    end = drawn.get(rename.get(e.target, e.target), moved.path[-1])
    if _near(start, moved.path[0]) and _near(end, moved.path[-1]):
        return moved
    return replace(moved, path=(start, end))


def _near(p: Point, q: Point) -> bool:
    return abs(p[0] - q[0]) < 0.01 and abs(p[1] - q[1]) < 0.01


def _moved_edge(e: PlacedEdge, shift: Point) -> PlacedEdge:
    dx, dy = shift
    return replace(e, path=tuple((x + dx, y + dy) for x, y in e.path))


def _fit(drawn: Layout) -> Layout:
    """Shift everything so that ghosts left or above the head stay on the canvas, and grow it."""
    xs: list[float] = []
    ys: list[float] = []
    for s in drawn.stations:
        xs.append(s.x)
        ys.append(s.y)
        if s.label is not None:
            b = s.label.box
            xs += [b.x, b.x + b.width]
            ys += [b.y, b.y + b.height]
    for e in drawn.edges:
        xs += [p[0] for p in e.path]
        ys += [p[1] for p in e.path]
    if not xs:
        return drawn
    dx = max(0.0, MARGIN - min(xs))
    dy = max(0.0, MARGIN - min(ys))
    moved = drawn
    if dx or dy:
        moved = replace(
            drawn,
            stations=tuple(_moved_station(s, (dx, dy)) for s in drawn.stations),
            edges=tuple(_moved_edge(e, (dx, dy)) for e in drawn.edges),
        )
    width = max(drawn.width + dx, max(xs) + dx + MARGIN)
    height = max(drawn.height + dy, max(ys) + dy + MARGIN)
    return replace(moved, width=width, height=height)


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
