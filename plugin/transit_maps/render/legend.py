"""The legend (lines, zones, overlay styles) and the map's title, drawn outside the map area."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..colors import is_pale
from ..layout.geometry import Box, Layout
from ..layout.text import text_width
from .markup import attr, num, safe_color, safe_href, text
from .stations import glyph
from .theme import ZONE_TINTS
from .zones import zone_tints

TEXT_SIZE = 12.0
HEAD_SIZE = 11.0
TITLE_SIZE = 20.0
ROW = 22.0
SWATCH = 26.0
GAP = 22.0
HEAD = 18.0
TITLE_BAND = 40.0
RULE_GAP = 14.0  # from the hairline above the legend to its first heading


@dataclass(frozen=True)
class Entry:
    """One legend entry: a swatch (SVG drawn at the origin) and its text."""

    swatch: str
    label: str
    href: str | None = None


@dataclass(frozen=True)
class Section:
    """A legend section: a heading and its entries."""

    heading: str
    entries: tuple[Entry, ...]


def sections(
    layout: Layout,
    *,
    line_urls: Mapping[str, str],
    solution: str,
    coverage: bool,
    changes: frozenset[str],
    highlight: bool,
) -> list[Section]:
    """The legend's sections for this layout and the active overlays."""
    out = []
    lines = tuple(
        Entry(
            # cased like the line itself, so dark colours stay visible in the dark theme
            f'<path class="tm-legend-casing{_pale(line.color)}" d="M3 0L{num(SWATCH - 3)} 0"/>'
            f'<path class="tm-legend-line" stroke="{attr(safe_color(line.color))}" '
            f'd="M3 0L{num(SWATCH - 3)} 0"/>',  # round caps reach 0 and SWATCH
            line.title or line.id,
            line_urls.get(line.id),
        )
        for line in layout.lines
    )
    if lines:
        out.append(Section("Lines", lines))
    zones = []
    tints = zone_tints(layout, ZONE_TINTS)
    for index, zone in enumerate(layout.zones):
        colour = safe_color(zone.color, "") if zone.color else ""
        paint = f' fill="{attr(colour)}"' if colour else f' class="tm-zone-c{tints[index]}"'
        zones.append(
            Entry(
                f'<rect{paint} x="0" y="-7" width="{num(SWATCH)}" height="14" rx="7"'
                ' opacity=".45"/>',
                zone.title or zone.id,
            )
        )
    if zones:
        out.append(Section("Zones", tuple(zones)))
    half = SWATCH / 2
    if coverage:
        name = solution or "Solution"
        states = (("covered", "Covered"), ("partial", "Partly covered"), ("missing", "Not covered"))
        out.append(
            Section(
                f"Coverage: {name}",
                tuple(Entry(_state(k, glyph(k, half, 0)), label) for k, label in states),
            )
        )
    if changes:
        states = (("added", "Added"), ("removed", "Removed"), ("changed", "Changed"))
        out.append(
            Section(
                "Changes",
                tuple(
                    Entry(_state(k, glyph(k, half, 0)), label)
                    for k, label in states
                    if k in changes
                ),
            )
        )
    if highlight:
        ring = f'<circle class="tm-halo" cx="{num(half)}" cy="0" r="9"/>'
        dot = f'<circle class="tm-lone" cx="{num(half)}" cy="0" r="5"/>'
        out.append(Section("Highlight", (Entry(ring + dot, "Highlighted stations"),)))
    return out


def _state(kind: str, drawing: str) -> str:
    return f'<g class="tm-{kind}">{drawing}</g>'


def measure(secs: list[Section], width: float) -> list[tuple[float, list[tuple[float, float]]]]:
    """Rows of each section: (heading y, [entry x, entry y]) relative to the legend's top."""
    placed = []
    y = 0.0
    for section in secs:
        head_y = y
        y += HEAD
        x = 0.0
        spots = []
        for entry in section.entries:
            w = _entry_width(entry) + GAP
            if x > 0 and x + w - GAP > width:
                x = 0.0
                y += ROW
            spots.append((x, y + ROW / 2))
            x += w
        y += ROW + 8
        placed.append((head_y, spots))
    return placed


def _entry_width(entry: Entry) -> float:
    return SWATCH + 8 + text_width(entry.label, TEXT_SIZE)


def min_width(secs: list[Section]) -> float:
    """The narrowest legend that fits its widest entry and heading on one row each."""
    widths = [_entry_width(e) for section in secs for e in section.entries]
    # Headings are upper-case, bold and letter-spaced: about a fifth wider than the estimate.
    widths += [text_width(section.heading.upper(), HEAD_SIZE) * 1.2 for section in secs]
    return max(widths, default=0.0)


def title_width(value: str) -> float:
    """Room the bold heading needs (bold runs about a tenth wider than the regular estimate)."""
    return text_width(value, TITLE_SIZE) * 1.1 if value else 0.0


def legend_height(secs: list[Section], width: float) -> float:
    """Height the legend needs at this width."""
    if not secs:
        return 0.0
    last_head, last_spots = measure(secs, width)[-1]
    bottom = max((sy for _, sy in last_spots), default=last_head + HEAD) + ROW / 2
    return RULE_GAP + bottom


def draw(secs: list[Section], origin: tuple[float, float], width: float, prefix: str) -> str:
    """The legend group at `origin` (its top-left corner)."""
    ox, oy = origin
    # A hairline between the map and its legend, as wide as the map.
    parts = [
        f'<g class="tm-legend" id="{attr(prefix)}-legend">'
        f'<path class="tm-rule" d="M{num(ox)} {num(oy)}H{num(ox + width)}"/>'
    ]
    oy += RULE_GAP
    for section, (head_y, spots) in zip(secs, measure(secs, width), strict=True):
        parts.append(
            f'<text class="tm-legend-head" x="{num(ox)}" y="{num(oy + head_y + 11)}">'
            f"{text(section.heading.upper())}</text>"
        )
        for entry, (x, y) in zip(section.entries, spots, strict=True):
            tx, ty = ox + x, oy + y
            item = (
                f'<g transform="translate({num(tx)} {num(ty)})">{entry.swatch}</g>'
                f'<text class="tm-legend-text" x="{num(tx + SWATCH + 8)}" y="{num(ty + 4)}">'
                f"{text(entry.label)}</text>"
            )
            href = safe_href(entry.href) if entry.href else None
            if href:
                item = f'<a href="{href}"><title>{text(entry.label)}</title>{item}</a>'
            parts.append(item)
    parts.append("</g>")
    return "".join(parts)


def title(value: str, box: Box) -> str:
    """The map's heading, left-aligned above the drawing."""
    return (
        f'<text class="tm-title" x="{num(box.x)}" y="{num(box.y + 26)}">{text(value)}</text>'
        if value
        else ""
    )


def _pale(color: str) -> str:
    """The extra class of a pale line's casing (see `colors.is_pale`)."""
    return " tm-pale-casing" if is_pale(color) else ""
