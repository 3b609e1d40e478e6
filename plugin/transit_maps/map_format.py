"""The vocabulary of the map format (version 1), shared by the loader and the JSON Schema."""

from __future__ import annotations

import re
import unicodedata

ID_PATTERN = r"[a-z0-9][a-z0-9_-]*"
ID_RE = re.compile(ID_PATTERN)

# Allowed keys per kind of entry, in the order the format reference documents them.
TOP_KEYS = ("title", "summary", "layers", "solutions")
LAYER_KEYS = ("title", "kind", "description", "lines", "zones", "stations")
LINE_KEYS = ("title", "color", "stations", "branches", "description")
ZONE_KEYS = ("title", "description", "color")
STATION_KEYS = ("title", "description", "zone", "related", "links", "at", "junction")
SOLUTION_KEYS = ("title", "url", "description", "covers", "partial", "adds")
# Keys a junction may not have: it is drawn as a bare track point, with no label or page.
NOT_ON_JUNCTIONS = ("title", "description", "related", "links")

# Bound of position hints (`at`). They are grid units: real maps use tens, or geographic
# coordinates; the bound keeps the layout's arithmetic far from overflowing.
MAX_AT = 1e9

# Colours for lines that name none, in line order: distinct on white and on dark backgrounds.
DEFAULT_LINE_COLORS = (
    "#e4002b",
    "#0098d4",
    "#00a650",
    "#f58220",
    "#8f4d9f",
    "#a0522d",
    "#e6007e",
    "#6e7b8b",
    "#b5a300",
    "#00a4a7",
)


def is_id(text: str) -> bool:
    """Whether `text` is a valid id: `[a-z0-9][a-z0-9_-]*`."""
    return bool(ID_RE.fullmatch(text))


def slug(text: str) -> str:
    """The valid id closest to `text`: lower case without accents (`Café` becomes `cafe`),
    runs of other characters become '-'."""
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9_-]+", "-", plain).strip("-_")
    return out or "x"


def humanise(ident: str) -> str:
    """The default title for an id: `feature-store` becomes `Feature store`."""
    text = re.sub(r"[-_]+", " ", ident).strip()
    return text[:1].upper() + text[1:]


def is_safe_url(text: str) -> bool:
    """Whether a link is http(s), mailto, or relative: no other scheme.

    Other schemes (`javascript:`, `data:`) could run code when a reader clicks the link.
    """
    if re.fullmatch(r"(?:https?://|mailto:)\S+", text, re.IGNORECASE):
        return True
    scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", text)
    return scheme is None and bool(text.strip()) and not any(c.isspace() for c in text)
