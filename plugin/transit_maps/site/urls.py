"""Where generated pages live, and the `transit:` short links that point at them.

Every generated page is an `index.md` in its own folder, so its URL ends in `/` with
`use_directory_urls` and in `/index.html` without it, and a station called `index` cannot
collide with anything:

    <prefix>/index.md                                  every map
    <prefix>/<map>/index.md                            one map, all layers
    <prefix>/<map>/<layer>/<station>/index.md          a station
    <prefix>/<map>/solutions/<solution>/index.md       a solution overlay
    <prefix>/<map>/coverage/index.md                   solutions x stations

Short links, written in any page as a link target:

    transit:<map>                        the map's page
    transit:<map>/<layer>/<station>      a station's page
    transit:<map>/solutions/<solution>   a solution's page
    transit:<map>/coverage               the coverage matrix

An optional `#fragment` is kept.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

SCHEME = "transit:"


def normalise_prefix(prefix: str) -> str:
    """`maps/`, `/maps` and `maps` all become `maps`; nested prefixes keep their inner slashes."""
    return "/".join(part for part in prefix.split("/") if part)


def index_uri(prefix: str) -> str:
    """Source path of the page listing every map."""
    return f"{prefix}/index.md"


def map_uri(prefix: str, map_id: str) -> str:
    """Source path of a map's page."""
    return f"{prefix}/{map_id}/index.md"


def station_uri(prefix: str, map_id: str, layer_id: str, station_id: str) -> str:
    """Source path of a station's page."""
    return f"{prefix}/{map_id}/{layer_id}/{station_id}/index.md"


def solution_uri(prefix: str, map_id: str, solution_id: str) -> str:
    """Source path of a solution's page."""
    return f"{prefix}/{map_id}/solutions/{solution_id}/index.md"


def coverage_uri(prefix: str, map_id: str) -> str:
    """Source path of a map's coverage matrix."""
    return f"{prefix}/{map_id}/coverage/index.md"


def relative(from_uri: str, to_uri: str) -> str:
    """A relative link between two source paths, as MkDocs resolves `.md` links."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


@dataclass(frozen=True)
class ShortLink:
    """A parsed `transit:` link: what it names, and the fragment to keep."""

    kind: str  # "map" | "station" | "solution" | "coverage"
    map: str
    layer: str = ""
    name: str = ""  # station or solution id
    fragment: str = ""

    def __str__(self) -> str:
        parts = {
            "map": [self.map],
            "coverage": [self.map, "coverage"],
            "solution": [self.map, "solutions", self.name],
            "station": [self.map, self.layer, self.name],
        }[self.kind]
        return SCHEME + "/".join(parts)


def parse_short_link(target: str) -> ShortLink | None:
    """Parse the target of a `transit:` link; None when it is not one or has the wrong shape."""
    if not target.startswith(SCHEME):
        return None
    path, _, fragment = target[len(SCHEME) :].partition("#")
    parts = path.strip("/").split("/")
    if any(not p for p in parts):
        return None
    if len(parts) == 1:
        return ShortLink("map", parts[0], fragment=fragment)
    if len(parts) == 2 and parts[1] == "coverage":
        return ShortLink("coverage", parts[0], fragment=fragment)
    if len(parts) == 3 and parts[1] == "solutions":
        return ShortLink("solution", parts[0], name=parts[2], fragment=fragment)
    if len(parts) == 3:
        return ShortLink("station", parts[0], parts[1], parts[2], fragment=fragment)
    return None
