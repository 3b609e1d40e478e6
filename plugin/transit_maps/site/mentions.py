"""Which hand-written pages mention which stations: `transit:` links and fence highlights.

Scans markdown source (code blocks and code spans removed first, so documentation *about* the
syntax is not counted). The result feeds the "Mentioned in" list on station pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

import markdown

from .fence_yaml import FenceProblem, read_body
from .urls import parse_short_link

_FENCED = re.compile(r"^([ \t]*)(`{3,}|~{3,})(.*?)\n(.*?)^\1?[ \t]*\2[`~]*[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+).+?\1", re.S)
_LINK = re.compile(
    r"\]\(\s*<?(transit:[^)\s>]*)>?[^)]*\)|^\s*\[[^\]]+\]:\s*<?(transit:[^\s>]+)", re.M
)

Key = tuple[str, str, str]


def station_mentions(markdown: str) -> list[Key]:
    """(map, layer, station) for each station the page links to or highlights, once each."""
    found: dict[Key, None] = {}
    fences = list(_FENCED.finditer(markdown))
    for match in fences:
        if match.group(3).strip().strip("{}. ").startswith("transit-map"):
            for key in _fence_highlights(match.group(4)):
                found.setdefault(key, None)
    prose = _CODE_SPAN.sub("", _FENCED.sub("", markdown))
    for match in _LINK.finditer(prose):
        link = parse_short_link(match.group(1) or match.group(2))
        if link is not None and link.kind == "station":
            found.setdefault((link.map, link.layer, link.name), None)
    return list(found)


def _fence_highlights(body: str) -> Iterable[Key]:
    try:
        data, _ = read_body(body)
    except FenceProblem:  # reported when the fence renders
        return ()
    if not isinstance(data, dict) or not data.get("map") or not data.get("layer"):
        return ()
    highlight = data.get("highlight") or ()
    names = [highlight] if isinstance(highlight, str) else highlight
    if not isinstance(names, list):
        return ()
    return [(str(data["map"]), str(data["layer"]), str(n)) for n in names]


def nav_titles(nav: object) -> dict[str, str]:
    """Titles the site's `nav` setting gives pages: `{'guide.md': 'User guide'}`."""
    found: dict[str, str] = {}
    stack = [nav]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    found.setdefault(value, str(title))
                else:
                    stack.append(value)
    return found


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_title(title: str) -> str:
    """A heading's text as the nav shows it: inline markdown rendered, then only its text
    (`The \\`transit-map\\` fence` becomes `The transit-map fence`, `*a* &amp; b` becomes `a & b`).
    """
    # As a heading, so the text is read as inline markdown only ("1. Intro" is no list).
    rendered = markdown.markdown("# " + " ".join(title.split()), output_format="html")
    parser = _Text()
    parser.feed(rendered)
    parser.close()
    return " ".join("".join(parser.parts).split())
