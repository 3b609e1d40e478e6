"""Small markdown builders shared by the generated pages. Every map string goes through `safe`."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence

from ..model import Layer, Line
from .safe import attribute, description_html, inline

_COLOR = re.compile(r"^#[0-9a-fA-F]{3,8}$|^[a-zA-Z]{3,20}$")


def front_matter(title: str) -> str:
    """YAML front matter with the page title, HTML-escaped because themes print it raw."""
    return f"---\ntitle: {json.dumps(attribute(title))}\n---\n"


def heading(level: int, text: str) -> str:
    """A markdown heading of plain text."""
    return f"{'#' * level} {inline(text)}\n"


def link(text: str, target: str) -> str:
    """A markdown link with plain-text label to a relative `.md` path we built ourselves."""
    return f"[{inline(text)}]({target})"


def description_block(text: str, css_class: str = "transit-description") -> str:
    """A description rendered to safe HTML, as one raw HTML block ('' when empty)."""
    body = description_html(text)
    if not body:
        return ""
    return f'<div class="{css_class}">\n{body}\n</div>\n'


def swatch(line: Line) -> str:
    """A small coloured bar in the line's colour (omitted for colours we do not recognise)."""
    if not _COLOR.match(line.color):
        return ""
    return f'<span class="transit-swatch" style="background-color: {line.color}"></span> '


def fence(
    map_id: str, layer_id: str, highlight: Sequence[str] = (), solution: str | None = None
) -> str:
    """A transit-map fence naming a map layer (ids are safe by the loader's id rule)."""
    body = [f"map: {map_id}", f"layer: {layer_id}"]
    if highlight:
        body.append(f"highlight: [{', '.join(highlight)}]")
    if solution:
        body.append(f"solution: {solution}")
    return "```transit-map\n" + "\n".join(body) + "\n```\n"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A markdown table; cells are markdown already (plain text must be escaped by the caller)."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def bullet_list(items: Iterable[str]) -> str:
    """A markdown bullet list of markdown items."""
    return "".join(f"- {item}\n" for item in items)


def sections(parts: Sequence[tuple[str, str]], tabs: bool, level: int = 2) -> str:
    """Titled parts as pymdownx.tabbed content tabs, or as headed sections."""
    out: list[str] = []
    for title, body in parts:
        if tabs:
            label = '"' + inline(title).replace('"', "&quot;") + '"'
            indented = "\n".join(("    " + line) if line else "" for line in body.splitlines())
            out.append(f"=== {label}\n\n{indented}\n")
        else:
            out.append(heading(level, title) + "\n" + body)
    return "\n".join(out)


def layer_stations(layer: Layer) -> list[str]:
    """Ids of the stations that get pages: every non-junction station, in layer order."""
    return [s.id for s in layer.stations if not s.junction]


def percent(part: float, whole: int) -> str:
    """A percentage for coverage figures ('–' for an empty layer)."""
    return f"{round(100 * part / whole)}%" if whole else "–"
