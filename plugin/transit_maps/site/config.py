"""The plugin's options (`plugins: - transit-maps: {...}` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class PluginConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the `transit-maps` plugin; every one is optional."""

    maps_dir = c.Type(str, default="maps")
    """Folder of map files (`*.yaml`, `*.yml`), relative to mkdocs.yml; its sub-folders are read
    too (not hidden ones), the files `transit-maps validate` checks."""

    url_prefix = c.Type(str, default="maps/")
    """Folder of the generated pages inside the site: `maps/` gives `maps/<map>/` and so on."""

    station_pages = c.Type(bool, default=True)
    """Generate a page for every station (not junctions) and link stations in diagrams to it."""

    solution_pages = c.Type(bool, default=True)
    """Generate a page for every solution overlay."""

    add_to_nav = c.Type(bool, default=True)
    """Put the maps index and each map's page into the navigation.

    With an explicit `nav`, they are appended as a section titled `nav_title`, unless the nav
    already lists one of them. Station, solution and coverage pages are never listed in the nav.
    """

    nav_title = c.Type(str, default="Maps")
    """Title of the section `add_to_nav` appends to an explicit `nav`."""

    tabs = c.Optional(c.Type(bool))
    """Show a map's layers as content tabs. Default: with mkdocs-material and `pymdownx.tabbed`."""

    fence = c.Type(bool, default=True)
    """Register the `transit-map` fence (as a superfences custom fence when superfences is
    configured, as a Python-Markdown extension otherwise)."""

    mentions = c.Type(bool, default=True)
    """List, on each station page, the hand-written pages that link to it or highlight it."""

    legend = c.Type(bool, default=True)
    """Draw a legend in every diagram."""
