"""`transit:` short links in rendered HTML: resolve each to a page, or report what is unknown."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..model import Map
from . import urls
from .fence_render import did_you_mean

_HREF = re.compile(r'(?P<attr>\b(?:xlink:)?href=)(?P<q>["\'])transit:(?P<target>[^"\']*)(?P=q)')


@dataclass(frozen=True)
class LinkTargets:
    """What short links may point at: the loaded maps and which page kinds exist."""

    maps: Mapping[str, Map]
    prefix: str
    station_pages: bool = True
    solution_pages: bool = True

    def resolve(self, target: str) -> tuple[str | None, str]:
        """(source path of the page, '') or (None, why the target names nothing)."""
        link = urls.parse_short_link(target)
        if link is None:
            return None, (
                f"malformed link '{target}': write transit:MAP, transit:MAP/LAYER/STATION, "
                "transit:MAP/solutions/SOLUTION or transit:MAP/coverage"
            )
        the_map = self.maps.get(link.map)
        if the_map is None:
            return (
                None,
                f"unknown map '{link.map}' in '{target}'{did_you_mean(link.map, self.maps)}",
            )
        if link.kind == "map":
            return urls.map_uri(self.prefix, link.map), ""
        if link.kind == "coverage":
            if not the_map.solutions:
                return None, f"map '{link.map}' has no solutions, so no coverage page ('{target}')"
            return urls.coverage_uri(self.prefix, link.map), ""
        if link.kind == "solution":
            ids = [s.id for s in the_map.solutions]
            if link.name not in ids or not self.solution_pages:
                hint = did_you_mean(link.name, ids)
                return (
                    None,
                    f"unknown solution '{link.name}' in map '{link.map}' ('{target}'){hint}",
                )
            return urls.solution_uri(self.prefix, link.map, link.name), ""
        layer_ids = [layer.id for layer in the_map.layers]
        if link.layer not in layer_ids:
            hint = did_you_mean(link.layer, layer_ids)
            return None, f"unknown layer '{link.layer}' in map '{link.map}' ('{target}'){hint}"
        layer = the_map.layer(link.layer)
        if not layer.has_station(link.name) or layer.station(link.name).junction:
            hint = did_you_mean(link.name, [s.id for s in layer.stations if not s.junction])
            return None, (
                f"unknown station '{link.name}' in layer '{link.layer}' of map '{link.map}' "
                f"('{target}'){hint}"
            )
        if not self.station_pages:
            return (
                None,
                f"station pages are off (`station_pages: false`), so '{target}' has no page",
            )
        return urls.station_uri(self.prefix, link.map, link.layer, link.name), ""


def rewrite_links(
    html: str,
    targets: LinkTargets,
    url_of: Callable[[str], str | None],
    warn: Callable[[str], None],
) -> str:
    """Replace every `transit:` href with the relative URL of its page; warn about the rest.

    `url_of(source path)` gives the page's URL relative to the current page (None if the page
    does not exist). An unresolved link keeps its `transit:` href, which goes nowhere.
    """

    def replace(match: re.Match[str]) -> str:
        target = match["target"]
        path, _, fragment = target.partition("#")
        src, why = targets.resolve(urls.SCHEME + path)
        url = url_of(src) if src else None
        if url is None:
            warn(why or f"no page for '{urls.SCHEME}{target}'")
            return match.group(0)
        if fragment:
            url += "#" + fragment
        return f"{match['attr']}{match['q']}{url}{match['q']}"

    return _HREF.sub(replace, html)
