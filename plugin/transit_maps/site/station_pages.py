"""Station and solution pages: where one part of the system meets its neighbours and its tools."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape

from ..model import Layer, Map, Ref, Solution
from . import urls
from .markdown_parts import (
    bullet_list,
    description_block,
    fence,
    front_matter,
    heading,
    layer_stations,
    link,
    percent,
    sections,
    swatch,
    table,
)
from .pages import GeneratedPage, PageOptions
from .safe import inline, safe_url


def _neighbour(layer: Layer, route: tuple[str, ...], start: int, step: int) -> str | None:
    """The nearest non-junction station along `route` from `start` in direction `step`."""
    i = start + step
    while 0 <= i < len(route):
        if not layer.station(route[i]).junction:
            return route[i]
        i += step
    return None


def station_page(
    the_map: Map,
    layer: Layer,
    station_id: str,
    maps: Mapping[str, Map],
    opts: PageOptions,
    backlinks: Mapping[tuple[str, str, str], Sequence[Ref]] | None = None,
) -> GeneratedPage:
    """A station: diagram, description, lines with neighbours, zone, links, relations, tools."""
    station = layer.station(station_id)
    here = urls.station_uri(opts.prefix, the_map.id, layer.id, station_id)

    def to_station(map_id: str, layer_id: str, sid: str, title: str) -> str:
        return link(
            title, urls.relative(here, urls.station_uri(opts.prefix, map_id, layer_id, sid))
        )

    map_link = link(the_map.title, urls.relative(here, urls.map_uri(opts.prefix, the_map.id)))
    out = [front_matter(station.title), heading(1, station.title)]
    facts = [f"{inline(layer.title)} layer of {map_link}"]
    if station.zone:
        try:
            facts.append(f"zone {inline(layer.zone(station.zone).title)}")
        except KeyError:
            facts.append(f"zone {inline(station.zone)}")
    lines_here = layer.lines_at.get(station_id, ())
    if layer.is_transfer(station_id):
        facts.append(
            "transfer between " + ", ".join(inline(layer.line(i).title) for i in lines_here)
        )
    out.append(" · ".join(facts) + "\n")
    out.append(fence(the_map.id, layer.id, highlight=[station_id]))
    out.append(description_block(station.description))

    rows = []
    for line_id in lines_here:
        line = layer.line(line_id)
        seen: set[tuple[str | None, str | None]] = set()
        for route in line.routes:
            for i, sid in enumerate(route):
                if sid != station_id:
                    continue
                pair = (_neighbour(layer, route, i, -1), _neighbour(layer, route, i, 1))
                if pair in seen:
                    continue
                seen.add(pair)
                prev, nxt = (
                    to_station(the_map.id, layer.id, s, layer.station(s).title) if s else "–"
                    for s in pair
                )
                rows.append([swatch(line) + inline(line.title), prev, nxt])
    if rows:
        out.append(heading(2, "Lines"))
        out.append(table(["Line", "Previous", "Next"], rows))

    refs = list(the_map.related(layer.id, station_id))
    for ref in (backlinks or {}).get((the_map.id, layer.id, station_id), ()):
        if ref not in refs:
            refs.append(ref)
    related = _related(the_map, refs, maps, to_station)
    if related:
        out.append(heading(2, "Related"))
        out.append(bullet_list(related))

    if station.links:
        out.append(heading(2, "Links"))
        out.append(bullet_list(_external(label, url) for label, url in station.links))

    tools = []
    for solution in the_map.solutions:
        level = solution.coverage(Ref(layer.id, station_id))
        if level == "missing":
            continue
        name = inline(solution.title)
        if opts.solution_pages:
            uri = urls.solution_uri(opts.prefix, the_map.id, solution.id)
            name = link(solution.title, urls.relative(here, uri))
        tools.append(f"{name}: {'covered' if level == 'covered' else 'partly covered'}")
    if tools:
        out.append(heading(2, "Solutions"))
        out.append(bullet_list(tools))

    mentions = opts.mentions.get((the_map.id, layer.id, station_id), ())
    if mentions:
        out.append(heading(2, "Mentioned in"))
        out.append(bullet_list(link(title, urls.relative(here, src)) for src, title in mentions))
    return GeneratedPage(here, station.title, "\n".join(b for b in out if b))


def _related(
    the_map: Map,
    refs: Sequence[Ref],
    maps: Mapping[str, Map],
    to_station: Callable[[str, str, str, str], str],
) -> list[str]:
    """Related stations in both directions, each as 'Layer (map): link'."""
    out = []
    for ref in refs:
        target_map = maps.get(ref.map) if ref.map else the_map
        if target_map is None:
            out.append(inline(str(ref)))
            continue
        try:
            target_layer = target_map.layer(ref.layer)
            target = target_layer.station(ref.station)
        except KeyError:
            out.append(inline(str(ref)))
            continue
        where = inline(target_layer.title)
        if target_map is not the_map:
            where += f" ({inline(target_map.title)})"
        if target.junction:
            out.append(f"{where}: {inline(target.title)}")
        else:
            out.append(
                f"{where}: {to_station(target_map.id, target_layer.id, target.id, target.title)}"
            )
    return out


def _external(label: str, url: str) -> str:
    if not safe_url(url):
        return f"{inline(label)}: {inline(url)}"
    # The label sits in markdown (a list item): escaped for HTML alone, a `[x](javascript:...)`
    # in it would become a live link inside ours.
    return f'<a href="{escape(url, quote=True)}">{inline(label)}</a>'


def solution_page(the_map: Map, solution: Solution, opts: PageOptions) -> GeneratedPage:
    """A solution overlaid on every layer: coverage figures, station lists, what it adds."""
    here = urls.solution_uri(opts.prefix, the_map.id, solution.id)
    map_link = link(the_map.title, urls.relative(here, urls.map_uri(opts.prefix, the_map.id)))
    out = [front_matter(solution.title), heading(1, solution.title)]
    intro = f"A solution overlaid on {map_link}."
    if solution.url:
        intro += " Website: " + _external(solution.url, solution.url) + "."
    out.append(intro + "\n")
    out.append(description_block(solution.description))
    figures = []
    parts = []
    for layer in the_map.layers:
        groups: dict[str, list[str]] = {"covered": [], "partial": [], "missing": []}
        for sid in layer_stations(layer):
            title = layer.station(sid).title
            name = inline(title)
            if opts.station_pages:
                uri = urls.station_uri(opts.prefix, the_map.id, layer.id, sid)
                name = link(title, urls.relative(here, uri))
            groups[solution.coverage(Ref(layer.id, sid))].append(name)
        total = sum(len(g) for g in groups.values())
        share = percent(len(groups["covered"]) + len(groups["partial"]) / 2, total)
        figures.append(
            [inline(layer.title), *(str(len(groups[k])) for k in groups), str(total), share]
        )
        body = [fence(the_map.id, layer.id, solution=solution.id)]
        for key, label in (
            ("covered", "Covered"),
            ("partial", "Partly covered"),
            ("missing", "Missing"),
        ):
            body.append(f"**{label}:** {', '.join(groups[key]) or '–'}\n")
        parts.append((layer.title, "\n".join(body)))
    out.append(heading(2, "Coverage"))
    out.append(table(["Layer", "Covered", "Partial", "Missing", "Stations", "Coverage"], figures))
    out.append("Coverage counts a partly covered station as half.\n")
    if solution.adds:
        out.append(heading(2, "What it adds"))
        out.append(bullet_list(inline(item) for item in solution.adds))
    out.append(heading(2, "By layer"))
    out.append(sections(parts, opts.tabs, level=3))
    return GeneratedPage(here, solution.title, "\n".join(b for b in out if b))
