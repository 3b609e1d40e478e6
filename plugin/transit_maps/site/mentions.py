"""Which hand-written pages mention which stations: `transit:` links and fence highlights.

Scans markdown source (code blocks and code spans removed first, so documentation *about* the
syntax is not counted). The result feeds the "Mentioned in" list on station pages.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from html.parser import HTMLParser

import markdown

from .fence_lines import FenceCloses
from .fence_yaml import FenceProblem, read_body
from .urls import parse_short_link

# Every scan here is linear in the page: a page is text anyone may write, and a regular
# expression that backtracks over unclosed fences or backtick runs can take minutes.
_FENCE_LINE = re.compile(r"[ \t]*(`{3,}|~{3,})([^\n]*)")
_BACKTICKS = re.compile(r"`+")
# Bounded lengths: a station reference is short, and unbounded runs would backtrack.
_LINK = re.compile(
    r"\]\([ \t]*<?(transit:[^)\s>]{0,300})>?(?:\s[^)]{0,300})?\)"
    r"|^[ \t]*\[[^\]\n]{1,300}\]:[ \t]*<?(transit:[^\s>]{1,300})",
    re.M,
)

Key = tuple[str, str, str]


def station_mentions(markdown: str) -> list[Key]:
    """(map, layer, station) for each station the page links to or highlights, once each."""
    found: dict[Key, None] = {}
    lines = markdown.splitlines(keepends=True)
    prose: list[str] = []
    for kind, info, text in _blocks(lines):
        if kind == "prose":
            prose.append(text)
        elif info.strip().strip("{}. ").startswith("transit-map"):
            for key in _fence_highlights(text):
                found.setdefault(key, None)
    for match in _LINK.finditer(_without_code_spans("".join(prose))):
        link = parse_short_link(match.group(1) or match.group(2))
        if link is not None and link.kind == "station":
            found.setdefault((link.map, link.layer, link.name), None)
    return list(found)


def _blocks(lines: list[str]) -> Iterable[tuple[str, str, str]]:
    """("prose", "", text) and ("fence", info, body) in page order. A fence closes at the next
    line of only its character, at least as long; one that never closes is prose."""
    closes = FenceCloses(lines)
    start = index = 0
    while index < len(lines):
        opener = _FENCE_LINE.match(lines[index])
        close = None if opener is None else closes.after(index, opener.group(1))
        if opener is None or close is None:
            index += 1
            continue
        yield "prose", "", "".join(lines[start:index])
        yield "fence", opener.group(2), "".join(lines[index + 1 : close])
        start = index = close + 1
    yield "prose", "", "".join(lines[start:])


def _without_code_spans(text: str) -> str:
    """`text` without inline code: a run of backticks up to the next run of the same length."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for number, (begin, end) in enumerate(runs):
        by_length.setdefault(end - begin, []).append(number)
    out: list[str] = []
    kept_from = 0
    number = 0
    while number < len(runs):
        begin, end = runs[number]
        same = by_length[end - begin]
        at = bisect.bisect_right(same, number)
        if at == len(same):
            number += 1  # no closing run: literal backticks
            continue
        closing = same[at]
        out.append(text[kept_from:begin])
        kept_from = runs[closing][1]
        number = closing + 1
    out.append(text[kept_from:])
    return "".join(out)


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
