"""Text metrics shared by label placement and rendering (no font files are read).

Widths are estimates for a system sans-serif stack at FONT_SIZE, per character class, so that
layout can reserve room for a label that render later draws in that box.
"""

from __future__ import annotations

FONT_SIZE = 13.0
LINE_HEIGHT = 16.0
DESCENT = 4.0

_NARROW = set("iljtfrI.,:;'!|()[] ")
_WIDE = set("mwMW@%")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Estimated advance width of `text` in user units at font size `size`."""
    units = 0.0
    for ch in text:
        if ch in _NARROW:
            units += 0.32
        elif ch in _WIDE:
            units += 0.86
        elif ch.isupper() or ch.isdigit():
            units += 0.66
        else:
            units += 0.56
    return units * size


def wrap(text: str, max_width: float, size: float = FONT_SIZE) -> tuple[str, ...]:
    """Greedy word wrap of `text` into lines no wider than `max_width` where words allow."""
    words = text.split()
    if not words:
        return ("",)
    lines: list[str] = []
    current = words[0]
    for word in words[1:]:
        candidate = f"{current} {word}"
        if text_width(candidate, size) <= max_width:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return tuple(lines)
