"""The fence without MkDocs: plain Python-Markdown and pymdownx.superfences."""

from __future__ import annotations

import textwrap
from pathlib import Path

import markdown
import pytest

from transit_maps.loader import load_map
from transit_maps.markdown_fence import (
    FenceRenderer,
    TransitMapExtension,
    fence_format,
    fence_validator,
)
from transit_maps.site.diagrams import digest
from transit_maps.site.fence_lines import FenceCloses

from .sitebuild import FIXTURE

TINY = FIXTURE / "maps" / "tiny.yaml"


def renderer(warnings: list[str]) -> FenceRenderer:
    the_map = load_map(TINY)
    return FenceRenderer(
        {"tiny": the_map},
        {"tiny": digest(TINY.read_bytes())},
        link=lambda m, layer, s: f"/maps/{m}/{layer}/{s}/",
        warn=warnings.append,
    )


def convert(text: str, warnings: list[str], *extensions: str) -> str:
    ext = TransitMapExtension(renderer=renderer(warnings))
    return str(markdown.markdown(textwrap.dedent(text), extensions=[ext, *extensions]))


def test_plain_markdown_renders_fence_with_links_and_highlight() -> None:
    warnings: list[str] = []
    html = convert(
        """
        # Title

        ```transit-map
        map: tiny
        layer: systems
        highlight: [training]
        ```
        """,
        warnings,
    )
    assert warnings == []
    assert html.count('<figure class="transit-map"') == 1
    assert 'href="/maps/tiny/systems/registry/"' in html
    assert "<p><figure" not in html


def test_fence_inside_admonition_and_list() -> None:
    warnings: list[str] = []
    html = convert(
        """
        !!! note

            ```transit-map
            map: tiny
            layer: org
            ```

        - item

            ```transit-map
            map: tiny
            layer: processes
            ```
        """,
        warnings,
        "admonition",
    )
    assert warnings == []
    assert html.count('<figure class="transit-map"') == 2
    note = html[html.index('class="admonition note"') :]
    assert note.index("<figure") < note.index("</div>")


def test_fence_inside_a_longer_fence_stays_an_example() -> None:
    warnings: list[str] = []
    html = convert(
        """
        ````markdown
        ```transit-map
        map: nowhere
        ```
        ````
        """,
        warnings,
        "fenced_code",
    )
    assert warnings == []
    assert "<figure" not in html and "map: nowhere" in html


def test_unknown_names_warn_and_render_an_error_box() -> None:
    warnings: list[str] = []
    r = renderer(warnings)
    r.start_page("notes.md")
    html = r.render("map: tiny\nlayer: systems\nhighlight: [trainig]\n")
    assert "transit-map-error" in html
    assert warnings == [
        "notes.md: transit-map fence: unknown station 'trainig' in layer 'systems' of map "
        "'tiny' (did you mean 'training'?)"
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("map: [", "not YAML"),
        ("- a\n- b", "YAML mapping"),
        ("map: tiny\nzoom: 2", "unknown option 'zoom'"),
        ("map: tiny\nhighlight: {a: 1}", "must be a station id or a list"),
        ("lines:\n  l: {stations: [a, b]}\nhighlight: c", "unknown station 'c' in the inline map"),
        ("lines:\n  l: {}\n", "stations"),
    ],
)
def test_bad_bodies(body: str, message: str) -> None:
    warnings: list[str] = []
    renderer(warnings).render(body)
    assert len(warnings) == 1 and message in warnings[0], warnings


def test_inline_map_escapes_hostile_titles() -> None:
    warnings: list[str] = []
    html = renderer(warnings).render(
        "title: <script>alert(1)</script>\n"
        "lines:\n  l:\n    color: '#ff0000'\n    stations: [a, b]\n"
        "stations:\n  a: {title: '<img src=x onerror=alert(2)>'}\n"
        "highlight: a\n"
    )
    assert warnings == []
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "href=" not in html  # inline maps have no station pages


def test_superfences_custom_fence_without_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "tiny.yaml").write_bytes(TINY.read_bytes())
    monkeypatch.chdir(tmp_path)
    text = textwrap.dedent(
        """
        === "Tab"

            ```transit-map
            map: tiny
            layer: processes
            ```
        """
    )
    fences = [
        {
            "name": "transit-map",
            "class": "transit-map",
            "format": fence_format,
            "validator": fence_validator,
        }
    ]
    html = markdown.markdown(
        text,
        extensions=["pymdownx.superfences", "pymdownx.tabbed"],
        extension_configs={"pymdownx.superfences": {"custom_fences": fences}},
    )
    assert html.count('<figure class="transit-map"') == 1
    assert "tabbed-set" in html


def test_extension_by_name_with_config(tmp_path: Path) -> None:
    (tmp_path / "tiny.yaml").write_bytes(TINY.read_bytes())
    html = markdown.markdown(
        "```transit-map\nlayer: org\n```\n",
        extensions=["transit_maps.markdown_fence"],
        extension_configs={
            "transit_maps.markdown_fence": {
                "maps_dir": str(tmp_path),
                "station_url": "https://docs.example.org/maps/{map}/{layer}/{station}/",
            }
        },
    )
    assert 'href="https://docs.example.org/maps/tiny/org/scientist/"' in html


def test_unclosed_fences_are_text_and_later_fences_still_render() -> None:
    warnings: list[str] = []
    page = "````x\n" * 3000 + "```transit-map\nmap: tiny\nlayer: systems\n```\n"
    html = convert(page, warnings)
    assert warnings == [] and html.count("<figure") == 1


def test_fence_closes_need_the_same_character_and_length() -> None:
    closes = FenceCloses(["```", "~~~", "``", "````", "```x", "`````"])
    assert closes.after(0, "```") == 3
    assert closes.after(0, "~~~~") is None
    assert closes.after(3, "````") == 5
    assert closes.after(5, "```") is None
