"""Colours and the stylesheet: concrete palettes for light/dark, CSS custom properties for auto.

Drawing code never writes a theme colour itself: it uses classes, and the stylesheet maps each
class to a *token* (`--tmx-text`, ...). For "light" and "dark" the stylesheet holds concrete
colours (cairosvg and image viewers understand them); for "auto" each token reads a public
custom property (`--tm-text`, ...), then mkdocs-material's `--md-*` variables, then a light
fallback, and switches under `[data-md-color-scheme="slate"]`. Every rule is scoped to the SVG's
own id, so several maps on one page never restyle each other.
"""

from __future__ import annotations

from .options import Theme

FONT_STACK = 'Helvetica,Arial,"Liberation Sans","Nimbus Sans",sans-serif'
# The layout's text metrics (layout/text.py) are calibrated on Helvetica/Arial-metric fonts, so
# those come first; a wider fallback (DejaVu Sans) would overflow the reserved label boxes.
# Helvetica is first because cairosvg only reads the first family, and fontconfig maps it to a
# metric-compatible font (Liberation Sans, Nimbus Sans) where Helvetica itself is missing.

LIGHT: dict[str, str] = {
    "bg": "#ffffff",
    "casing": "#ffffff",
    # yellow, lime or light grey lines get a grey edge instead, or they vanish on white
    "pale-casing": "#8c93a0",
    "text": "#1b1f27",
    "muted": "#5c6370",
    "station-fill": "#ffffff",
    "station-stroke": "#1b1f27",
    "zone-0": "#5b7db1",
    "zone-1": "#c08a2b",
    "zone-2": "#3f9c74",
    "zone-3": "#9a5fb0",
    "zone-4": "#c0504d",
    "zone-5": "#4aa3b5",
    "zone-6": "#7d8f2f",
    "zone-7": "#c2548f",
    "focus": "#2962ff",
    "halo": "#ffb300",
    "covered": "#1b873f",
    "partial": "#b86e00",
    "missing": "#c62828",
    "added": "#1b873f",
    "removed": "#c62828",
    "changed": "#b86e00",
}

DARK: dict[str, str] = {
    "bg": "#1e2129",
    # Authors pick line colours for white paper: a light edge keeps dark blue, grey and black
    # lines visible on the dark background without changing their colours.
    "casing": "#b4bccb",
    "pale-casing": "#b4bccb",
    "text": "#e3e6ec",
    "muted": "#9aa3b2",
    "station-fill": "#1e2129",
    "station-stroke": "#eef1f6",
    "zone-0": "#7f9fd6",
    "zone-1": "#d9a441",
    "zone-2": "#5cbf92",
    "zone-3": "#b986cc",
    "zone-4": "#dd7470",
    "zone-5": "#62bccd",
    "zone-6": "#a8bd4f",
    "zone-7": "#e07fb3",
    "focus": "#82b1ff",
    "halo": "#ffd54f",
    "covered": "#4cc26f",
    "partial": "#f0a63a",
    "missing": "#ff6b6b",
    "added": "#4cc26f",
    "removed": "#ff6b6b",
    "changed": "#f0a63a",
}

# What auto mode reads from mkdocs-material before falling back to the light palette.
# The casing follows material's background only in the light scheme: under slate it is light.
_MATERIAL_LIGHT = {"casing": "--md-default-bg-color"}
_MATERIAL = {
    "bg": "--md-default-bg-color",
    "text": "--md-default-fg-color",
    "muted": "--md-default-fg-color--light",
    "station-fill": "--md-default-bg-color",
    "station-stroke": "--md-default-fg-color",
    "focus": "--md-accent-fg-color",
}

ZONE_TINTS = 8  # zones without their own colour cycle through zone-0 .. zone-7

# Rules: selector (below the SVG's id) -> declarations using tokens as {token}.
_RULES: tuple[tuple[str, str], ...] = (
    ("", "font-family:" + FONT_STACK),
    (".tm-bg", "fill:{bg}"),
    (".tm-title", "fill:{text};font-size:20px;font-weight:700"),
    (".tm-label", "fill:{text};font-size:13px"),
    (".tm-legend-text", "fill:{text};font-size:12px"),
    (".tm-legend-head", "fill:{muted};font-size:11px;font-weight:700;letter-spacing:.08em"),
    (".tm-zone-name", "fill:{muted};font-size:11px;font-weight:700;letter-spacing:.08em"),
    (".tm-rule", "fill:none;stroke:{muted};stroke-opacity:.35;stroke-width:1px"),
    (".tm-run", "fill:none;stroke-width:6px;stroke-linecap:round;stroke-linejoin:round"),
    (".tm-ghost .tm-run", "stroke-dasharray:6 5;stroke-linecap:butt"),
    (
        ".tm-casing",
        "fill:none;stroke:{casing};stroke-width:9px;stroke-linecap:round;stroke-linejoin:round",
    ),
    (".tm-legend-line", "stroke-width:6px;stroke-linecap:round"),
    (".tm-legend-casing", "stroke:{casing};stroke-width:9px;stroke-linecap:round"),
    (".tm-pill-edge", "stroke:{station-stroke};stroke-width:12px;stroke-linecap:round"),
    (".tm-pill-core", "stroke:{station-fill};stroke-width:7px;stroke-linecap:round"),
    (".tm-zone-rim", "opacity:.34;stroke-linecap:round;stroke-linejoin:round"),
    *((f".tm-zone-c{i}", f"fill:{{zone-{i}}};stroke:{{zone-{i}}}") for i in range(ZONE_TINTS)),
    *((f".tm-zone-text-c{i}", f"fill:{{zone-{i}}}") for i in range(ZONE_TINTS)),
    (
        ".tm-zone-body",
        "fill:{bg};stroke:{bg};opacity:.5;stroke-linecap:round;stroke-linejoin:round",
    ),
    (".tm-glow", "fill:none;stroke-linecap:round;stroke-linejoin:round;opacity:.35"),
    (".tm-glow-added", "stroke:{added}"),
    (".tm-glow-changed", "stroke:{changed}"),
    (".tm-glyph-dot", "fill:{station-fill}"),
    (".tm-tick-casing", "stroke:{casing};stroke-width:9px;stroke-linecap:butt;fill:none"),
    (".tm-pale-casing", "stroke:{pale-casing}"),
    (".tm-tick", "stroke-width:6px;stroke-linecap:butt;fill:none"),
    (".tm-interchange", "fill:{station-fill};stroke:{station-stroke};stroke-width:2.5px"),
    (".tm-stop", "fill:{station-fill};stroke-width:2.5px"),
    (".tm-lone", "fill:{station-fill};stroke:{station-stroke};stroke-width:2.5px"),
    (".tm-halo", "fill:{halo};fill-opacity:.4;stroke:{halo};stroke-width:2px"),
    (".tm-recede", "opacity:.38;filter:grayscale(.6)"),
    (".tm-ring", "fill:none;stroke:{focus};stroke-width:2.5px;opacity:0"),
    (".tm-glyph-bg", "stroke:{station-stroke};stroke-width:1.5px"),
    (".tm-covered .tm-glyph-bg", "fill:{covered}"),
    (".tm-partial .tm-glyph-bg", "fill:{partial}"),
    (".tm-partial .tm-glyph-half", "fill:{station-fill}"),
    (".tm-partial .tm-glyph-edge", "fill:none;stroke:{partial};stroke-width:2px"),
    (
        ".tm-missing .tm-glyph-edge",
        "fill:{station-fill};stroke:{missing};stroke-width:2px;stroke-dasharray:3 2.2",
    ),
    (".tm-added .tm-glyph-bg", "fill:{added}"),
    (".tm-removed .tm-glyph-bg", "fill:{removed}"),
    (".tm-changed .tm-glyph-bg", "fill:{changed}"),
    (
        ".tm-glyph-mark",
        "fill:none;stroke:{station-fill};stroke-width:2px;stroke-linecap:round;"
        "stroke-linejoin:round",
    ),
    (".tm-missing .tm-glyph-mark", "stroke:{missing}"),
    (".tm-station.tm-missing", "opacity:.55"),
    (".tm-station.tm-removed", "opacity:.6"),
    (".tm-removed .tm-label", "text-decoration:line-through"),
    ("a", "cursor:pointer"),
    ("a:hover .tm-ring,a:focus .tm-ring", "opacity:1"),
    ("a:hover .tm-label,a:focus .tm-label", "text-decoration:underline;fill:{focus}"),
    ("a:hover .tm-run,a:focus .tm-run", "stroke-width:8px"),
    ("a:focus", "outline:none"),
    ("a:focus-visible .tm-ring", "opacity:1;stroke-width:3.5px"),
)


def palette(theme: Theme) -> dict[str, str]:
    """The concrete colours of a theme ("auto" resolves to its light fallbacks)."""
    return DARK if theme == "dark" else LIGHT


def _token_value(token: str, theme: Theme) -> str:
    if theme != "auto":
        return palette(theme)[token]
    return f"var(--tmx-{token})"


def stylesheet(svg_id: str, theme: Theme) -> str:
    """The SVG's <style> body, every rule scoped to `#svg_id`."""
    scope = f"#{svg_id}"
    out = []
    if theme == "auto":
        out.append(scope + "{" + _tokens(LIGHT, {**_MATERIAL, **_MATERIAL_LIGHT}) + "}")
        out.append(f'[data-md-color-scheme="slate"] {scope}{{' + _tokens(DARK, _MATERIAL) + "}")
    for selector, declarations in _RULES:
        body = declarations
        for token in LIGHT:
            body = body.replace("{" + token + "}", _token_value(token, theme))
        sel = ",".join(f"{scope} {s}".strip() for s in selector.split(",")) if selector else scope
        out.append(f"{sel}{{{body}}}")
    return "".join(out)


def _tokens(colours: dict[str, str], material: dict[str, str]) -> str:
    decls = []
    for token, value in colours.items():
        fallback = value
        if token in material:
            fallback = f"var({material[token]},{value})"
        decls.append(f"--tmx-{token}:var(--tm-{token},{fallback})")
    return ";".join(decls)
