"""Fence bodies are read by the project's bounded YAML reader: hostile bodies become warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from transit_maps.site.fence_yaml import FenceProblem, inline_map_text, read_body

from .sitebuild import FIXTURE, build, copy_site
from .test_site_fence import renderer

NESTED = "map: " + "[" * 5000 + "]" * 5000 + "\n"
ALIASES = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcdefg", "bcdefgh", strict=False)
)
PYTHON_TAG = "map: !!python/object/apply:os.system ['touch {marker}']\n"
MALFORMED_INLINE = (
    "title: Release\nlines:\n  train:\n    color: '#336699'\n    stations: [build, ship]\n"
    "    colour: red\nhighlight: build\n"
)


def warned(body: str) -> list[str]:
    warnings: list[str] = []
    html = renderer(warnings).render(body)
    assert "transit-map-error" in html
    return warnings


def test_deeply_nested_body_is_a_located_warning() -> None:
    (message,) = warned(NESTED)
    assert "not YAML" in message and "nest more than 50 levels" in message


def test_alias_bomb_is_refused_without_expanding() -> None:
    (message,) = warned(ALIASES)
    assert "expands the file to more than 20000 values" in message


def test_python_tag_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    (message,) = warned(PYTHON_TAG.format(marker=marker))
    assert "tag '!!python/object/apply:os.system' is not allowed" in message
    assert not marker.exists()


def test_inline_map_errors_name_the_line_in_the_page() -> None:
    page = "# Notes\n\nText.\n\n```transit-map\n" + MALFORMED_INLINE + "```\n"
    warnings: list[str] = []
    r = renderer(warnings)
    r.start_page("Doc file 'notes.md'", page)
    r.render(MALFORMED_INLINE)
    (message,) = warnings
    # `colour` is line 6 of the body, which starts on line 6 of the page.
    assert message.startswith("Doc file 'notes.md': transit-map fence at line 11: "), message
    assert "colour" in message and "[fence line 6]" in message


def test_inline_body_keeps_lines_and_takes_out_fence_keys() -> None:
    body = "title: T\nlines:\n  l:\n    stations: [a, b]\n# note\nhighlight: a\nlegend: false\n"
    _, root = read_body(body)
    assert root is not None
    text, extra, in_place = inline_map_text(body, root)
    assert in_place and extra == {"title": "T", "highlight": "a", "legend": False}
    assert text.splitlines()[2 + 3] == "        stations: [a, b]"
    assert "highlight" not in text and "title" not in text


def test_flow_body_is_read_but_not_located() -> None:
    body = "{title: T, lines: {l: {stations: [a, b]}}, highlight: a}"
    _, root = read_body(body)
    assert root is not None
    text, extra, in_place = inline_map_text(body, root)
    assert not in_place and extra["highlight"] == "a" and "stations" in text


@pytest.mark.parametrize("body", ["- a\n- b\n", "map: 'unclosed\n", "? [a]\n: b\n"])
def test_read_body_raises_only_fence_problems(body: str) -> None:
    with pytest.raises(FenceProblem):
        read_body(body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (NESTED, "nest more than 50 levels"),
        (ALIASES, "more than 20000 values"),
        (PYTHON_TAG.format(marker="ran-by-fence"), "!!python/object/apply"),
        (MALFORMED_INLINE, "colour"),
    ],
    ids=["nested", "aliases", "python-tag", "malformed-inline"],
)
def test_hostile_fence_fails_strict_build_cleanly(tmp_path: Path, body: str, expected: str) -> None:
    root = copy_site(FIXTURE, tmp_path / "s")
    page = root / "docs" / "hostile.md"
    page.write_text(f"# Hostile\n\n```transit-map\n{body}```\n", encoding="utf-8")
    built = build(root)
    assert built.returncode != 0
    assert "Traceback" not in built.log and "RecursionError" not in built.log
    warnings = [line for line in built.log.splitlines() if "WARNING" in line]
    assert any("hostile.md" in w and expected in w for w in warnings), built.log
    assert not (root / "ran-by-fence").exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("map: tiny\nmap: other\n", "'map' is given twice"),
        ("map: tiny\nlegend: maybe\n", "`legend` must be true or false"),
        ("lines: {l: {stations: [a, b]}}\nlegend: 1\n", "`legend` must be true or false"),
    ],
)
def test_options_are_read_strictly(body: str, message: str) -> None:
    (warning,) = warned(body)
    assert message in warning


def test_identical_fences_get_their_own_page_lines() -> None:
    body = "map: tiny\nhighlight: nowhere\n"
    fence = "```transit-map\n" + body + "```\n"
    page = "# Page\n\n" + fence + "\ntext\n\n> quoted\n\n" + fence
    warnings: list[str] = []
    r = renderer(warnings)
    r.start_page("Doc file 'p.md'", page)
    r.render(body)
    r.render(body)
    r.render("map: tiny\nhighlight: elsewhere\n")  # not in the page: no line
    assert [w.split(":")[1] for w in warnings] == [
        " transit-map fence at line 5",
        " transit-map fence at line 14",
        " transit-map fence",
    ]
