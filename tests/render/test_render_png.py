"""PNG export through cairosvg, in both themes."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest

from tests.render.fixtures.layouts import ml_system
from transit_maps.cli import main
from transit_maps.render import RenderOptions, render_svg
from transit_maps.render.png import PngUnavailable, render_png, resolve_variables

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG_SIGNATURE
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_png_in_both_themes_has_the_svg_size_and_differs() -> None:
    light_svg = render_svg(ml_system(), RenderOptions(theme="light"))
    light = render_png(light_svg)
    dark = render_png(render_svg(ml_system(), RenderOptions(theme="dark")))
    width = float(light_svg.split('width="')[1].split('"')[0])
    assert _size(light)[0] == round(width)
    assert _size(light) == _size(dark)
    assert light != dark


def test_scale_multiplies_the_size() -> None:
    svg = render_svg(ml_system(), RenderOptions(theme="light"))
    w1, h1 = _size(render_png(svg))
    w2, h2 = _size(render_png(svg, scale=2))
    assert (abs(w2 - 2 * w1), abs(h2 - 2 * h1)) <= (1, 1)
    with pytest.raises(ValueError, match="scale"):
        render_png(svg, scale=0)


def test_auto_theme_resolves_to_light_colours_for_cairosvg() -> None:
    auto = render_svg(ml_system(), RenderOptions(theme="auto"))
    resolved = resolve_variables(auto)
    assert "var(" in auto and "var(" not in resolved
    assert "fill:#ffffff" in resolved  # the background token's light fallback
    assert render_png(auto) == render_png(resolved)


def test_resolve_variables_prefers_definitions_then_fallbacks() -> None:
    css = "#a{--x:var(--user,#123);--y:var(--x)}.b{fill:var(--y);stroke:var(--z,rgb(1,2,3))}"
    assert resolve_variables(css) == "#a{--x:#123;--y:#123}.b{fill:#123;stroke:rgb(1,2,3)}"


def test_missing_cairo_gives_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    # `import cairosvg` fails as it does without the system cairo library (cairocffi raises
    # OSError there; ImportError when cairosvg itself is missing): both become PngUnavailable.
    monkeypatch.setitem(sys.modules, "cairosvg", None)
    svg = render_svg(ml_system(), RenderOptions(theme="light"))
    with pytest.raises(PngUnavailable, match="system cairo library"):
        render_png(svg)


def test_cli_reports_missing_cairo_without_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text("layers:\n  s:\n    lines:\n      a: {stations: [x, y]}\n")
    monkeypatch.setitem(sys.modules, "cairosvg", None)
    assert main(["render", str(map_file), "-o", str(tmp_path / "m.png")]) == 1
    err = capsys.readouterr().err
    assert "apt install libcairo2" in err and "Traceback" not in err
    assert not (tmp_path / "m.png").exists()
