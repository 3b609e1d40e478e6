"""SVG to PNG through cairosvg: the only module that imports it, and only when called.

cairosvg does not understand CSS custom properties, so `var(--name, fallback)` is replaced by its
fallback first: a map drawn with theme "auto" comes out in its light colours. For an exact
theme, render the SVG with theme "light" or "dark" (concrete colours) before converting.
"""

from __future__ import annotations

import re

# An innermost var(): no var( inside it; the fallback may hold one level of parentheses (rgb()).
_VAR = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)\s*(?:,\s*((?:[^()]|\([^()]*\))*))?\)")
_DEFINITION = re.compile(r"(--[A-Za-z0-9_-]+)\s*:\s*([^;{}]+)")


class PngUnavailable(RuntimeError):
    """cairosvg or the system cairo library it needs is not installed."""


def resolve_variables(svg: str) -> str:
    """`svg` with every CSS `var()` replaced by a concrete value.

    A variable defined in the SVG's own stylesheet takes its first (base, light) definition; one
    defined nowhere takes its fallback, or `currentColor` when it has none.
    """
    for _ in range(32):  # definitions resolve one level per pass; the depth is small
        defined: dict[str, str | None] = {}
        for name, value in _DEFINITION.findall(svg):
            if name not in defined:
                defined[name] = None if "var(" in value else value.strip()

        def value(match: re.Match[str], defined: dict[str, str | None] = defined) -> str:
            name, fallback = match.group(1), match.group(2)
            if name in defined:
                resolved = defined[name]
                return match.group(0) if resolved is None else resolved
            return fallback.strip() if fallback else "currentColor"

        updated = _VAR.sub(value, svg)
        if updated == svg:
            break
        svg = updated
    return svg


def render_png(svg: str, *, scale: float = 1.0) -> bytes:
    """Rasterise an SVG document to PNG bytes at `scale` times its natural size.

    Raises PngUnavailable (with what to install) when cairosvg or the cairo library is missing.
    """
    if not scale > 0:
        raise ValueError(f"scale must be positive, not {scale}")
    try:
        import cairosvg
    except (ImportError, OSError) as exc:  # cairocffi raises OSError when libcairo is missing
        raise PngUnavailable(
            "PNG export needs cairosvg and the system cairo library "
            "(Debian/Ubuntu: apt install libcairo2; macOS: brew install cairo; "
            f"then pip install cairosvg): {exc}"
        ) from exc
    data = cairosvg.svg2png(bytestring=resolve_variables(svg).encode("utf-8"), scale=scale)
    if not isinstance(data, bytes):  # pragma: no cover - cairosvg returns bytes without write_to
        raise PngUnavailable("cairosvg returned no image")
    return data
