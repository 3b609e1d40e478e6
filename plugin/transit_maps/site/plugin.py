"""The MkDocs plugin: loads the maps once per build, adds the generated pages, wires the fence
and resolves `transit:` links. A thin adapter over `pages`, `fence_render` and `links`."""

from __future__ import annotations

import contextlib
import re
from collections import defaultdict
from importlib.resources import files as package_files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Section
from mkdocs.utils import get_markdown_title
from mkdocs.utils.meta import get_data

from ..errors import MapError
from ..markdown_fence import FENCE_NAME, TransitMapExtension, fence_validator
from ..model import Map
from . import urls
from .config import PluginConfig
from .diagrams import prewarm
from .fence_render import FenceRenderer, load_folder
from .links import LinkTargets, rewrite_links
from .mentions import nav_titles, plain_title, station_mentions
from .page_store import PageStore, with_source
from .pages import PageOptions, generate_pages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
_FIGURE_OPEN, _FIGURE_CLOSE = '<figure class="transit-map"', "</figure>"
_PLACEHOLDER = re.compile(r"<!--transit-map-figure:(\d+)-->")
CSS_URI = "assets/transit-maps/transit-maps.css"


class TransitMapsPlugin(BasePlugin[PluginConfig]):  # type: ignore[no-untyped-call]
    """`plugins: [transit-maps]`: map, station and solution pages, the fence, short links."""

    def __init__(self) -> None:
        self.serving = False
        self.prefix = "maps"
        self.maps_dir = Path("maps")
        self.maps: dict[str, Map] = {}
        self.problems: tuple[MapError, ...] = ()
        self.renderer = FenceRenderer({}, {}, link=self._station_link, warn=log.warning)
        self.generated: list[str] = []
        self.nav_uris: list[str] = []
        self.tabs = False
        self._page: Page | None = None
        self._files: Files | None = None
        self._figures: dict[str, list[str]] = {}
        self.dirty = False
        self.pages = PageStore()

    # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether we serve (broken maps are then reported instead of aborting) and
        whether builds are dirty (generated pages then live in files, see `page_store`)."""
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Resolve paths, register the fence and the stylesheet, decide on tabs."""
        self.prefix = urls.normalise_prefix(self.config.url_prefix)
        if not self.prefix:
            raise PluginError("transit-maps: `url_prefix` must name a folder, such as `maps/`")
        self.maps_dir = Path(config.config_file_path or ".").parent / self.config.maps_dir
        self.renderer.legend = self.config.legend
        extensions = [e for e in config.markdown_extensions if isinstance(e, str)]
        if self.config.fence:
            if "pymdownx.superfences" in extensions:
                options = config.mdx_configs.setdefault("pymdownx.superfences", {})
                fences = [
                    f for f in options.get("custom_fences", []) if f.get("name") != FENCE_NAME
                ]
                fences.append(
                    {
                        "name": FENCE_NAME,
                        "class": FENCE_NAME,
                        "format": self._format,
                        "validator": fence_validator,
                    }
                )
                options["custom_fences"] = fences
            else:
                config.markdown_extensions.append(TransitMapExtension(renderer=self.renderer))  # type: ignore[arg-type]
        # Only mkdocs-material styles pymdownx.tabbed; elsewhere tabs would be bare radio buttons.
        tabs = self.config.tabs
        automatic = config.theme.name == "material" and "pymdownx.tabbed" in extensions
        self.tabs = automatic if tabs is None else bool(tabs)
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        return config

    def _format(self, src: str = "", language: str = "", *args: Any, **kwargs: Any) -> str:
        return self.renderer.render(src)

    def _station_link(self, map_id: str, layer_id: str, station_id: str) -> str | None:
        # Called while the current page converts (after on_page_markdown set it).
        if not self.config.station_pages or self._page is None or self._files is None:
            return None
        uri = urls.station_uri(self.prefix, map_id, layer_id, station_id)
        file = self._files.get_file_from_path(uri)
        return None if file is None else file.url_relative_to(self._page.file)

    def _load(self) -> None:
        # Paths in messages are relative to the working directory, as editors and CI expect.
        folder = self.maps_dir.resolve()
        with contextlib.suppress(ValueError):
            folder = folder.relative_to(Path.cwd())
        if not folder.is_dir():
            log.warning(f"maps folder '{folder}' does not exist (the `maps_dir` option)")
        maps, digests, problems = load_folder(folder)
        self.maps, self.problems = maps, problems
        self.renderer.maps, self.renderer.digests = maps, digests
        for problem in problems:
            log.error(str(problem))
        if problems and not self.serving:
            raise PluginError(f"transit-maps: {len(problems)} problem(s) in the map files above")
        prewarm(
            [(digests[i], i, layer) for i, m in maps.items() if i in digests for layer in m.layers]
        )

    # Run after other plugins have added their files, so mentions see generated pages too.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Load the maps (once per build) and add every generated page."""
        self._load()
        mentions: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
        if self.config.mentions:
            # Titles as the nav shows them: the nav setting's, else the page's own, as text.
            titled = nav_titles(config.nav)
            for file in files.documentation_pages():
                markdown, meta = get_data(file.content_string)
                heading = get_markdown_title(markdown)
                title = titled.get(file.src_uri) or str(meta.get("title") or "")
                title = title or (plain_title(heading) if heading else "") or file.name
                for key in station_mentions(markdown):
                    mentions[key].append((file.src_uri, title))
        options = PageOptions(
            prefix=self.prefix,
            station_pages=self.config.station_pages,
            solution_pages=self.config.solution_pages,
            tabs=self.tabs,
            mentions=mentions,
            problems=self.problems,
        )
        self.generated, self.nav_uris = [], []
        for page in generate_pages(list(self.maps.values()), options):
            if files.get_file_from_path(page.src_uri) is not None:
                log.warning(
                    f"'{page.src_uri}' exists in the docs folder; not generating the "
                    "transit-maps page with that path (change `url_prefix` or move the file)"
                )
                continue
            in_nav = page.in_nav and self.config.add_to_nav
            # With an explicit nav, on_nav adds them; INCLUDED would log them as "not in nav".
            automatic = in_nav and config.nav is None
            inclusion = InclusionLevel.INCLUDED if automatic else InclusionLevel.NOT_IN_NAV
            files.append(self._file(config, page.src_uri, page.markdown, inclusion))
            self.generated.append(page.src_uri)
            if in_nav:
                self.nav_uris.append(page.src_uri)
        css = (package_files("transit_maps.site") / "assets" / "transit-maps.css").read_text()
        if files.get_file_from_path(CSS_URI) is None:
            files.append(File.generated(config, CSS_URI, content=css))
        return files

    def _file(
        self, config: MkDocsConfig, src_uri: str, markdown: str, inclusion: InclusionLevel
    ) -> File:
        if not self.dirty:
            return File.generated(config, src_uri, content=markdown, inclusion=inclusion)
        parts = src_uri[len(self.prefix) + 1 :].split("/")
        digest = self.renderer.digests.get(parts[0], "") if len(parts) > 1 else ""
        path = self.pages.write(src_uri, with_source(markdown, digest))
        return File.generated(config, src_uri, abs_src_path=str(path), inclusion=inclusion)

    def on_shutdown(self) -> None:
        """Remove the folder of generated pages that `--dirty` builds use."""
        self.pages.close()

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Append a Maps section to an explicit nav that does not list any map page."""
        if not self.config.add_to_nav or config.nav is None or not self.nav_uris:
            return nav
        listed = {page.file.src_uri for page in nav.pages}
        if listed.intersection(self.generated):
            return nav
        children: list[Any] = []
        for uri in self.nav_uris:
            file = files.get_file_from_path(uri)
            if file is not None and file.page is not None:
                children.append(file.page)
        section = Section(self.config.nav_title, children)
        for child in children:
            child.parent = section
        nav.items.append(section)
        nav.pages.extend(children)
        for previous, page in zip(nav.pages, nav.pages[1:], strict=False):
            previous.next_page, page.previous_page = page, previous
        return nav

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Tell the fence renderer which page it is in (for messages and element ids)."""
        self._page, self._files = page, files
        self.renderer.start_page(f"Doc file '{page.file.src_uri}'", _source(page, markdown))
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Turn written `transit:` links into relative URLs; warn about those naming nothing."""
        targets = LinkTargets(
            self.maps, self.prefix, self.config.station_pages, self.config.solution_pages
        )

        def url_of(src_uri: str) -> str | None:
            file = files.get_file_from_path(src_uri)
            return None if file is None else file.url_relative_to(page.file)

        def warn(message: str) -> None:
            log.warning(f"Doc file '{page.file.src_uri}': {message}")

        html = rewrite_links(html, targets, url_of, warn)
        return self._set_aside(html, page)

    # The figures go back into the finished HTML in on_post_page. Until then the page content
    # holds a comment instead: search plugins (which index page.content in on_page_context)
    # neither spend most of a big site's build time parsing thousands of SVG elements nor index
    # every station label of a diagram as text of the page.
    def _set_aside(self, html: str, page: Page) -> str:
        figures: list[str] = []
        parts: list[str] = []
        done = 0
        # str.find, not a lazy regex: a page of unclosed figures must not cost quadratic time.
        while (start := html.find(_FIGURE_OPEN, done)) >= 0:
            end = html.find(_FIGURE_CLOSE, start)
            if end < 0:
                break
            end += len(_FIGURE_CLOSE)
            parts.append(html[done:start] + f"<!--transit-map-figure:{len(figures)}-->")
            figures.append(html[start:end])
            done = end
        html = "".join(parts) + html[done:]
        if figures:
            self._figures[page.file.src_uri] = figures
        return html

    @event_priority(100)  # before other plugins post-process the page's HTML
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Put the diagrams set aside in on_page_content back into the page."""
        figures = self._figures.pop(page.file.src_uri, None)
        if not figures:
            return output
        return _PLACEHOLDER.sub(lambda m: figures[int(m.group(1))], output)

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild when a map file changes."""
        if self.maps_dir.is_dir():
            server.watch(str(self.maps_dir))
        return server


def _source(page: Page, markdown: str) -> str:
    """The page's text as written, front matter included, so fence lines are the editor's."""
    try:
        return page.file.content_string
    except (OSError, UnicodeDecodeError, TypeError):
        return markdown
