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


def _pieces(text: str) -> list[str]:
    """Words of `text`, each hyphenated word split after its hyphens (the hyphen stays)."""
    out: list[str] = []
    for word in text.split():
        parts = word.split("-")
        for i, part in enumerate(parts):
            piece = part + ("-" if i < len(parts) - 1 else "")
            if piece:
                out.append(piece)
    return out


def _join(pieces: list[str]) -> str:
    text = ""
    for piece in pieces:
        text += piece if not text or text.endswith("-") else f" {piece}"
    return text


def balanced_wrap(text: str, n_lines: int, size: float = FONT_SIZE) -> tuple[str, ...]:
    """`text` broken into at most `n_lines` lines of the least possible greatest width.

    Breaks fall between words or after a hyphen ("Maria-von-" / "Rudloff-Platz"). Returns the
    single line when the text has no break point.
    """
    pieces = _pieces(text)
    if len(pieces) <= 1 or n_lines <= 1:
        return (" ".join(text.split()),)
    best: tuple[float, tuple[str, ...]] | None = None

    def split(start: int, left: int, acc: tuple[str, ...]) -> None:
        nonlocal best
        if left == 1:
            lines = (*acc, _join(pieces[start:]))
            widest = max(text_width(line, size) for line in lines)
            if best is None or widest < best[0] - 1e-9:
                best = (widest, lines)
            return
        for end in range(start + 1, len(pieces) - left + 2):
            split(end, left - 1, (*acc, _join(pieces[start:end])))

    split(0, min(n_lines, len(pieces)), ())
    assert best is not None
    return best[1]
