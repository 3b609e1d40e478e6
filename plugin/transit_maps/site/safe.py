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


# Bidirectional embeddings, overrides and isolates. An unclosed U+202E in a title would reverse
# the rest of the sentence the title sits in ("Trojan Source" style spoofing).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


_EMBED, _ISOLATE, _POP_EMBED, _POP_ISOLATE = (
    "\u202a\u202b\u202d\u202e",
    "\u2066\u2067\u2068",
    "\u202c",
    "\u2069",
)


def contain_bidi(text: str) -> str:
    """`text` with its bidi controls balanced and wrapped in a first-strong isolate (U+2068 ...
    U+2069), when it has any: whatever they open ends with the text, not with the paragraph
    around it. A closing control with nothing to close is dropped (it would close ours)."""
    if not _BIDI.search(text):
        return text
    out: list[str] = []
    opened: list[str] = []
    for ch in text:
        if ch in _EMBED or ch in _ISOLATE:
            opened.append(_POP_EMBED if ch in _EMBED else _POP_ISOLATE)
        elif ch == _POP_EMBED:
            if not opened or opened[-1] != _POP_EMBED:
                continue
            opened.pop()
        elif ch == _POP_ISOLATE:
            if _POP_ISOLATE not in opened:
                continue
            while opened.pop() != _POP_ISOLATE:  # an isolate's end also ends what it holds
                pass
        out.append(ch)
    return "\u2068" + "".join(out) + "".join(reversed(opened)) + "\u2069"


def inline(text: str) -> str:
    """Plain text as markdown that renders as exactly that text (one line)."""
    flat = contain_bidi(" ".join(text.split()))
    return _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def attribute(text: str) -> str:
    """Plain text for a double-quoted HTML attribute or a YAML double-quoted scalar body."""
    return html.escape(contain_bidi(" ".join(text.split())), quote=True)


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
