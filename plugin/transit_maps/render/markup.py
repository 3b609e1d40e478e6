"""Safe SVG text: number formatting, escaping, ids and hrefs.

Every string that comes from a map file passes through `text` or `attr` before it reaches the
SVG; hrefs pass through `safe_href`, which drops script-capable schemes. Numbers are formatted
with a fixed precision so that the same layout always gives the same bytes.
"""

from __future__ import annotations

import re
from html import escape

# Characters XML 1.0 forbids (C0 controls except tab/newline/return, surrogates, U+FFFE/U+FFFF);
# one of them in a title would make the whole SVG unparsable.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Browsers ignore ASCII tabs, newlines and controls inside a URL's scheme ("java\nscript:").
_URL_NOISE = re.compile("[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_ID_SAFE = re.compile(r"^[A-Za-z0-9_-]+$")
_COLOR = re.compile(
    r"^(#[0-9a-fA-F]{3,4}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|[a-zA-Z]{3,30}"
    r"|(rgb|rgba|hsl|hsla)\([0-9.,%\s/a-z-]{1,60}\))$"
)


def num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros ("-0" becomes "0")."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text(value: str) -> str:
    """Escape `value` for element content or a quoted attribute, dropping XML-invalid chars."""
    return escape(_XML_INVALID.sub("", value), quote=True)


attr = text


def safe_href(url: str) -> str | None:
    """The escaped href for `url`, or None when its scheme could run code (javascript:, data:...).

    Relative URLs and http, https and mailto URLs pass; anything else is dropped.
    """
    href = re.sub("[\x00-\x1f\x7f]", "", _XML_INVALID.sub("", url)).strip().replace(" ", "%20")
    if not href:
        return None
    match = _SCHEME.match(_URL_NOISE.sub("", href))
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return None
    return text(href)


def safe_color(value: str, fallback: str = "#888888") -> str:
    """`value` if it looks like a CSS colour (hex, name, rgb()/hsl()), else `fallback`."""
    value = value.strip()
    return value if _COLOR.match(value) else fallback


def id_part(value: str) -> str:
    """A fragment usable inside an XML id: the value itself if it is plain, else a hex spelling."""
    if _ID_SAFE.match(value):
        return value
    return "x" + value.encode("utf-8").hex()


def id_prefix(value: str) -> str:
    """The document id prefix: letters, digits, `_` and `-`, starting with a letter."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "", value)
    if not cleaned or not cleaned[0].isalpha():
        cleaned = "tm" + cleaned
    return cleaned
