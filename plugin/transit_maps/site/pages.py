"""Generated pages as markdown: a pure function of the maps, usable without MkDocs.

`generate_pages(maps, PageOptions(...))` returns one `GeneratedPage` per page (see `urls` for the
paths). Diagrams are ```` ```transit-map ```` fences, so any site that loads the fence extension
renders them; links between generated pages are relative `.md` links that MkDocs (or any
markdown site generator) resolves for its own URL style.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..errors import MapError
from ..model import Map, Ref
from . import urls
from .markdown_parts import (
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
from .safe import inline

# (map, layer, station) -> hand-written pages that mention it: (source path, title)
Mentions = Mapping[tuple[str, str, str], Sequence[tuple[str, str]]]


@dataclass(frozen=True)
class GeneratedPage:
    """One page: where it goes, its plain-text title, its markdown, whether nav lists it."""

    src_uri: str
    title: str
    markdown: str
    in_nav: bool = False


@dataclass(frozen=True)
class PageOptions:
    """What to generate: URL prefix, station/solution pages, tabs, mentions, load problems."""

    prefix: str = "maps"
    station_pages: bool = True
    solution_pages: bool = True
    tabs: bool = False
    mentions: Mentions = field(default_factory=dict)
    problems: Sequence[MapError] = ()


def generate_pages(maps: Sequence[Map], options: PageOptions | None = None) -> list[GeneratedPage]:
    """Every generated page for these maps, in a stable order."""
    from .station_pages import solution_page, station_page

    opts = options or PageOptions()
    by_id = {m.id: m for m in maps}
    backlinks = cross_map_backlinks(maps)
    pages = [maps_index(maps, opts)]
    for the_map in maps:
        pages.append(map_page(the_map, opts))
        if opts.station_pages:
            for layer in the_map.layers:
                for station_id in layer_stations(layer):
                    pages.append(station_page(the_map, layer, station_id, by_id, opts, backlinks))
        if the_map.solutions:
            pages.append(coverage_page(the_map, opts))
            if opts.solution_pages:
                pages.extend(solution_page(the_map, s, opts) for s in the_map.solutions)
    return pages


def cross_map_backlinks(maps: Sequence[Map]) -> dict[tuple[str, str, str], list[Ref]]:
    """For each station named by a `map:layer/station` relation in another map: who names it.

    `Map.related` gives both directions within one map; across maps the backlink is found here.
    """
    found: dict[tuple[str, str, str], list[Ref]] = {}
    for the_map in maps:
        for layer in the_map.layers:
            for station in layer.stations:
                for ref in station.related:
                    if ref.map is None or ref.map == the_map.id:
                        continue
                    back = Ref(layer.id, station.id, the_map.id)
                    found.setdefault((ref.map, ref.layer, ref.station), [])
                    if back not in found[(ref.map, ref.layer, ref.station)]:
                        found[(ref.map, ref.layer, ref.station)].append(back)
    return found


def problems_block(problems: Sequence[MapError]) -> str:
    """The map files' problems as an error box (shown while `mkdocs serve` keeps running)."""
    from html import escape

    if not problems:
        return ""
    items = "\n".join(f"<li><code>{escape(str(p))}</code></li>" for p in problems)
    return (
        '<div class="admonition failure transit-map-error">\n'
        '<p class="admonition-title">Map files with problems</p>\n'
        f"<ul>\n{items}\n</ul>\n</div>\n"
    )


def maps_index(maps: Sequence[Map], opts: PageOptions) -> GeneratedPage:
    """The page listing every map with its layers and solutions."""
    here = urls.index_uri(opts.prefix)
    out = [front_matter("Maps"), heading(1, "Maps")]
    if opts.problems:
        out.append(problems_block(opts.problems))
    if not maps:
        out.append("No maps yet.\n")
    for the_map in maps:
        target = urls.relative(here, urls.map_uri(opts.prefix, the_map.id))
        out.append(f"## {link(the_map.title, target)}\n")
        if the_map.summary:
            out.append(description_block(the_map.summary))
        layers = ", ".join(inline(layer.title) for layer in the_map.layers)
        count = sum(len(layer_stations(layer)) for layer in the_map.layers)
        facts = f"Layers: {layers}. Stations: {count}."
        if the_map.solutions:
            names = [
                link(s.title, urls.relative(here, urls.solution_uri(opts.prefix, the_map.id, s.id)))
                if opts.solution_pages
                else inline(s.title)
                for s in the_map.solutions
            ]
            matrix = urls.relative(here, urls.coverage_uri(opts.prefix, the_map.id))
            facts += f" Solutions: {', '.join(names)} ([coverage matrix]({matrix}))."
        out.append(facts + "\n")
    return GeneratedPage(here, "Maps", "\n".join(out), in_nav=True)


def map_page(the_map: Map, opts: PageOptions) -> GeneratedPage:
    """All layers of one map: diagram, lines with their stations, zones and transfers."""
    here = urls.map_uri(opts.prefix, the_map.id)

    def station(layer_id: str, station_id: str, title: str) -> str:
        if not opts.station_pages:
            return inline(title)
        uri = urls.station_uri(opts.prefix, the_map.id, layer_id, station_id)
        return link(title, urls.relative(here, uri))

    parts: list[tuple[str, str]] = []
    for layer in the_map.layers:
        body = [fence(the_map.id, layer.id), description_block(layer.description)]
        rows = []
        for line in layer.lines:
            routes = []
            for route in line.routes:
                names = [
                    station(layer.id, s, layer.station(s).title)
                    for s in route
                    if not layer.station(s).junction
                ]
                routes.append(" → ".join(names))
            rows.append([swatch(line) + inline(line.title), "<br>".join(routes)])
        body.append(table(["Line", "Stations"], rows))
        if layer.zones:
            zone_rows = []
            for zone in layer.zones:
                members = [
                    station(layer.id, s.id, s.title)
                    for s in layer.stations
                    if s.zone == zone.id and not s.junction
                ]
                zone_rows.append([inline(zone.title), ", ".join(members) or "–"])
            body.append(table(["Zone", "Stations"], zone_rows))
        transfers = [
            station(layer.id, s, layer.station(s).title)
            for s in layer.transfers
            if not layer.station(s).junction
        ]
        if transfers:
            body.append(f"Transfer stations: {', '.join(transfers)}.\n")
        parts.append((layer.title, "\n".join(b for b in body if b)))
    out = [front_matter(the_map.title), heading(1, the_map.title)]
    out.append(description_block(the_map.summary))
    out.append(sections(parts, opts.tabs))
    if the_map.solutions:
        out.append(heading(2, "Solutions"))
        out.append(solutions_table(the_map, here, opts))
    return GeneratedPage(here, the_map.title, "\n".join(b for b in out if b), in_nav=True)


def solutions_table(the_map: Map, here: str, opts: PageOptions) -> str:
    """Each solution with covered / partial / missing counts over the whole map."""
    total = sum(len(layer_stations(layer)) for layer in the_map.layers)
    rows = []
    for solution in the_map.solutions:
        counts = {"covered": 0, "partial": 0, "missing": 0}
        for layer in the_map.layers:
            for s in layer_stations(layer):
                counts[solution.coverage(Ref(layer.id, s))] += 1
        name = inline(solution.title)
        if opts.solution_pages:
            target = urls.relative(here, urls.solution_uri(opts.prefix, the_map.id, solution.id))
            name = link(solution.title, target)
        covered = counts["covered"] + counts["partial"] / 2
        rows.append(
            [
                name,
                str(counts["covered"]),
                str(counts["partial"]),
                str(counts["missing"]),
                percent(covered, total),
            ]
        )
    matrix = link(
        "Coverage matrix", urls.relative(here, urls.coverage_uri(opts.prefix, the_map.id))
    )
    return (
        table(["Solution", "Covered", "Partial", "Missing", "Coverage"], rows)
        + "\nCoverage counts a partly covered station as half. "
        + f"{matrix}: every station against every solution.\n"
    )


_MARK_WORDS = {"covered": "covered", "partial": "partly covered", "missing": "not covered"}
_MARKS = {
    coverage: (
        f'<span class="transit-cov transit-cov-{coverage}" role="img" aria-label="{words}" '
        f'title="{words}">{symbol}</span>'
    )
    for (coverage, words), symbol in zip(_MARK_WORDS.items(), "●◐–", strict=True)
}


def coverage_page(the_map: Map, opts: PageOptions) -> GeneratedPage:
    """Solutions × stations, one table per layer."""
    here = urls.coverage_uri(opts.prefix, the_map.id)
    title = f"Coverage: {the_map.title}"
    out = [front_matter(title), heading(1, title)]
    back = link(the_map.title, urls.relative(here, urls.map_uri(opts.prefix, the_map.id)))
    # Symbols alone keep a column per solution narrow: eight solutions fit a page's width.
    key = " · ".join(f"{_MARKS[c]} {words}" for c, words in _MARK_WORDS.items())
    out.append(f"Which stations of {back} each solution covers: {key}.\n")
    header = ["Station"] + [inline(s.title) for s in the_map.solutions]
    for layer in the_map.layers:
        rows = []
        for station_id in layer_stations(layer):
            name = inline(layer.station(station_id).title)
            if opts.station_pages:
                uri = urls.station_uri(opts.prefix, the_map.id, layer.id, station_id)
                name = link(layer.station(station_id).title, urls.relative(here, uri))
            cells = [_MARKS[s.coverage(Ref(layer.id, station_id))] for s in the_map.solutions]
            rows.append([name, *cells])
        out.append(heading(2, layer.title))
        out.append(table(header, rows))
    return GeneratedPage(here, title, "\n".join(out))
