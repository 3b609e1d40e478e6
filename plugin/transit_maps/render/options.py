"""What to draw on top of a layout: theme, links, highlight, overlays."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Coverage = Literal["covered", "partial", "missing"]
Change = Literal["added", "removed", "changed"]
Theme = Literal["auto", "light", "dark"]


@dataclass(frozen=True)
class RenderOptions:
    """Options for `render_svg`.

    theme: "auto" takes colours from CSS custom properties (inline in a site; follows
        mkdocs-material's palette), "light"/"dark" fix them for standalone files and PNG.
    title / description: the map's accessible name and description (and the drawn heading).
    station_urls / line_urls: hrefs that make stations and lines links (already relative).
    highlight: station ids that stand out; all others recede.
    coverage: solution overlay, station id -> covered / partial / missing; `solution` names it.
    changes: diff overlay, station id -> added / removed / changed.
    edge_changes: diff overlay for track, (source, target) of a layout edge -> added / removed /
        changed (a removed edge is a ghost entry the visual diff adds at its old place).
    id_prefix: prefix for element ids so several SVGs can share one HTML page.
    legend: whether to draw the legend of lines, zones and overlay styles.
    """

    theme: Theme = "light"
    title: str = ""
    description: str = ""
    station_urls: Mapping[str, str] = field(default_factory=dict)
    line_urls: Mapping[str, str] = field(default_factory=dict)
    highlight: tuple[str, ...] = ()
    coverage: Mapping[str, Coverage] | None = None
    solution: str = ""
    changes: Mapping[str, Change] | None = None
    edge_changes: Mapping[tuple[str, str], Change] | None = None
    id_prefix: str = "tm"
    legend: bool = True
