"""A layer of a map as inline HTML: cached layout, then an SVG with links and overlays."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..layout import layout
from ..layout.geometry import Layout
from ..layout.parallel import fork_is_safe, keep_to_one_core
from ..model import Layer, Map, Ref, Solution
from ..render import RenderOptions, render_svg
from ..render.options import Coverage

# station (map, layer, station) -> href, or None for no link
StationLink = Callable[[str, str, str], str | None]

# Layouts keyed by (content digest, map id, layer id). Module level so that it outlives one
# build: `mkdocs serve` rebuilds everything on each change, and an unchanged map must not be laid
# out again. Bounded so a long editing session does not grow it forever.
_LAYOUTS: OrderedDict[tuple[str, str, str], Layout] = OrderedDict()
_LAYOUT_CACHE_SIZE = 512
_PARALLEL_FROM = 4  # layers to lay out before worker processes pay off
stats = {"hits": 0, "misses": 0}


def digest(content: str | bytes) -> str:
    """The content hash that keys the layout cache."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()


def cached_layout(content_digest: str, map_id: str, layer: Layer) -> Layout:
    """`layout(layer, map_id)`, computed once per (content digest, map, layer)."""
    key = (content_digest, map_id, layer.id)
    found = _LAYOUTS.get(key)
    if found is not None:
        _LAYOUTS.move_to_end(key)
        stats["hits"] += 1
        return found
    stats["misses"] += 1
    result = layout(layer, map_id)
    _LAYOUTS[key] = result
    if len(_LAYOUTS) > _LAYOUT_CACHE_SIZE:
        _LAYOUTS.popitem(last=False)
    return result


def _layout_job(layer: Layer, map_id: str) -> Layout:
    return layout(layer, map_id)


def prewarm(jobs: Sequence[tuple[str, str, Layer]], workers: int | None = None) -> None:
    """Lay out the (digest, map id, layer) jobs not cached yet, in parallel processes.

    Layout is the slowest step of a cold build (about a second per 100-station layer) and each
    layer is independent, so a big site lays out on every core. Small batches stay in this
    process: starting workers costs more than it saves.
    """
    todo = [(d, m, layer) for d, m, layer in jobs if (d, m, layer.id) not in _LAYOUTS]
    workers = min(workers or os.cpu_count() or 1, len(todo))
    if workers < 2 or len(todo) < _PARALLEL_FROM:
        return
    # fork: workers start at once with the layers already in memory. Only where forking is safe:
    # on Linux, with no other thread running (`mkdocs serve` has server threads; it lays out in
    # this process, and only the first build is cold). spawn is avoided on purpose: it re-runs
    # the caller's unguarded __main__, which for a script calling MkDocs means a second build.
    if not fork_is_safe():
        return
    context = multiprocessing.get_context("fork")
    try:
        # (each worker has a core: the layout's own second core stays unused there)
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=keep_to_one_core
        ) as pool:
            layers, map_ids = [job[2] for job in todo], [job[1] for job in todo]
            for (d, m, layer), result in zip(
                todo, pool.map(_layout_job, layers, map_ids), strict=True
            ):
                stats["misses"] += 1
                _LAYOUTS[(d, m, layer.id)] = result
    except (OSError, BrokenProcessPool):
        # No worker processes here (a sandbox, a process limit): whatever is not cached yet is
        # laid out in this process when its page needs it.
        pass
    while len(_LAYOUTS) > _LAYOUT_CACHE_SIZE:
        _LAYOUTS.popitem(last=False)


def coverage_of(solution: Solution, layer: Layer) -> dict[str, Coverage]:
    """covered / partial / missing for every non-junction station of the layer."""
    return {s.id: solution.coverage(Ref(layer.id, s.id)) for s in layer.stations if not s.junction}


def diagram_html(
    the_map: Map,
    layer: Layer,
    *,
    content_digest: str,
    link: StationLink | None = None,
    highlight: Sequence[str] = (),
    solution: Solution | None = None,
    id_prefix: str = "tm",
    legend: bool = True,
) -> str:
    """The layer drawn as an inline SVG inside a `<figure class="transit-map">`."""
    drawn = cached_layout(content_digest, the_map.id, layer)
    urls: dict[str, str] = {}
    if link is not None:
        for station in layer.stations:
            href = None if station.junction else link(the_map.id, layer.id, station.id)
            if href:
                urls[station.id] = href
    title = the_map.title if len(the_map.layers) < 2 else f"{the_map.title}: {layer.title}"
    options = RenderOptions(
        theme="auto",
        title=title,
        description=layer.description or the_map.summary,
        station_urls=urls,
        highlight=tuple(highlight),
        coverage=coverage_of(solution, layer) if solution else None,
        solution=solution.title if solution else "",
        id_prefix=id_prefix,
        legend=legend,
    )
    svg = render_svg(drawn, options)
    # Drop an XML declaration if the renderer adds one: it is invalid inside HTML.
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2 :].lstrip()
    # Labels of every station would otherwise make each page a search hit for all of them
    # (mkdocs-material's search honours data-search-exclude; other themes ignore it).
    return (
        f'<figure class="transit-map" data-search-exclude="true">\n{for_html_pages(svg)}\n</figure>'
    )


def for_html_pages(svg: str) -> str:
    """Links as `xlink:href`, which every browser follows like `href`.

    mkdocs-material's instant navigation assigns `element.href = element.href` to every element
    matching `[href]` on each page it loads; on SVG elements `href` is read-only, so the script
    fails and navigation breaks. The selector `[href]` does not match `xlink:href`. (Map text
    cannot produce ` href="`: the renderer escapes quotes in text and attributes.)
    """
    svg = svg.replace(' href="', ' xlink:href="')
    if "xlink:href" in svg and "xmlns:xlink" not in svg[: svg.index(">")]:
        svg = svg.replace("<svg ", '<svg xmlns:xlink="http://www.w3.org/1999/xlink" ', 1)
    return svg
