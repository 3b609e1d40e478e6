"""Map text into pages without letting it inject markup.

Titles become inert markdown text (HTML-escaped, markdown punctuation backslash-escaped).
Descriptions are markdown, rendered here by a locked-down Python-Markdown: raw HTML is shown as
text, attribute lists are off, and links or images may only use safe URL schemes. The result is
HTML that pages embed as one raw block.
"""

from __future__ import annotations

import html
import re
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

# What Python-Markdown lets a backslash escape, plus `|` (escapable once the tables extension,
# on in MkDocs by default, is loaded). `<` and `&` become entities: a backslash cannot hide them.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
_SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")


def inline(text: str) -> str:
    """Plain text as markdown that renders as exactly that text (one line)."""
    flat = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def attribute(text: str) -> str:
    """Plain text for a double-quoted HTML attribute or a YAML double-quoted scalar body."""
    return html.escape(" ".join(text.split()), quote=True)


def safe_url(url: str) -> bool:
    """Whether a URL from a map may become an href: relative, fragment, or http(s)/mailto."""
    match = _SCHEME.match(url)
    return match is None or match.group(1).lower() in _SAFE_SCHEMES


class _DropUnsafeUrls(Treeprocessor):  # type: ignore[misc]  # untyped base
    """Removes href/src values with a scheme outside the allow-list (javascript:, data:, ...)."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            for attr in ("href", "src"):
                value = element.get(attr)
                if value is not None and not safe_url(html.unescape(value)):
                    del element.attrib[attr]


def _locked_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # Raw HTML becomes visible text instead of markup.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_DropUnsafeUrls(md), "transit_maps_drop_unsafe_urls", 0)
    return md


_MD = _locked_markdown()


def description_html(text: str) -> str:
    """Render a map description (markdown) to HTML that carries no script, handler or raw tag."""
    if not text.strip():
        return ""
    _MD.reset()
    return str(_MD.convert(text))
