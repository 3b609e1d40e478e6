"""Small pure pieces: short links, safe text, mentions."""

from __future__ import annotations

import pytest

from transit_maps.loader import load_map
from transit_maps.site.links import LinkTargets, rewrite_links
from transit_maps.site.mentions import nav_titles, plain_title, station_mentions
from transit_maps.site.safe import contain_bidi, description_html, inline
from transit_maps.site.urls import ShortLink, parse_short_link, relative

from .linkcheck import active_content
from .sitebuild import FIXTURE


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("transit:m", ShortLink("map", "m")),
        ("transit:m/coverage", ShortLink("coverage", "m")),
        ("transit:m/solutions/s", ShortLink("solution", "m", name="s")),
        ("transit:m/l/s#lines", ShortLink("station", "m", "l", "s", "lines")),
        ("transit:m/l", None),
        ("transit:m//s", None),
        ("transit:a/b/c/d", None),
        ("https://x", None),
    ],
)
def test_parse_short_link(target: str, expected: ShortLink | None) -> None:
    assert parse_short_link(target) == expected


def test_relative_paths_between_source_files() -> None:
    assert relative("maps/m/l/s/index.md", "maps/m/index.md") == "../../index.md"
    assert relative("guide.md", "maps/m/index.md") == "maps/m/index.md"


def test_rewrite_links_resolves_and_reports() -> None:
    targets = LinkTargets({"tiny": load_map(FIXTURE / "maps" / "tiny.yaml")}, "maps")
    warnings: list[str] = []
    html = rewrite_links(
        '<a href="transit:tiny/systems/training#lines">t</a> <a href="transit:tiny/x/y">b</a>',
        targets,
        lambda src: "../" + src.replace("index.md", ""),
        warnings.append,
    )
    assert 'href="../maps/tiny/systems/training/#lines"' in html
    assert 'href="transit:tiny/x/y"' in html
    assert warnings == ["unknown layer 'x' in map 'tiny' ('transit:tiny/x/y')"]


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x]( javascript:alert(1))",
        "![x](data:text/html;base64,PHNjcmlwdD4=)",
        "<javascript:alert(1)>",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "text {: onclick=alert(1) }",
    ],
)
def test_description_html_carries_no_active_content(hostile: str) -> None:
    html = description_html(hostile)
    assert active_content(html) == [], html
    assert "<script" not in html and "<img src" not in html


def test_description_html_keeps_markdown_and_code() -> None:
    html = description_html("**bold** `<tag>` [site](https://example.org)")
    assert "<strong>bold</strong>" in html
    assert "<code>&lt;tag&gt;</code>" in html
    assert '<a href="https://example.org">site</a>' in html


def test_inline_neutralises_markdown_and_html() -> None:
    assert inline("a *b* [c](d) <e> & | #") == r"a \*b\* \[c\]\(d\) &lt;e&gt; &amp; \| \#"


def test_mentions_skip_code_and_read_fences() -> None:
    text = (
        "See [t](transit:m/l/s), `[x](transit:m/l/code)`.\n\n"
        "```markdown\n[y](transit:m/l/example)\n```\n\n"
        "```transit-map\nmap: m\nlayer: l\nhighlight: [a, b]\n```\n\n"
        "[ref]: transit:m/l/r\n"
    )
    assert station_mentions(text) == [
        ("m", "l", "a"),
        ("m", "l", "b"),
        ("m", "l", "s"),
        ("m", "l", "r"),
    ]


def test_fence_and_page_generator_do_not_import_mkdocs() -> None:
    import subprocess
    import sys

    code = (
        "import sys, transit_maps.markdown_fence, transit_maps.site.pages, transit_maps.cli.pages;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'properdocs')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_plain_title_renders_inline_markdown_to_text() -> None:
    assert plain_title("The `transit-map` fence") == "The transit-map fence"
    assert plain_title("*Fast* &amp; [simple](x.md)") == "Fast & simple"
    assert plain_title("1. Intro") == "1. Intro"  # a heading's text, never a list


def test_nav_titles_reads_nested_nav() -> None:
    nav = [{"Home": "index.md"}, "a.md", {"Part": ["b.md", {"Sub": [{"C": "c/c.md"}]}]}]
    assert nav_titles(nav) == {"index.md": "Home", "c/c.md": "C"}
    assert nav_titles(None) == {}


@pytest.mark.parametrize(
    ("text", "contained"),
    [
        ("plain", "plain"),
        ("a\u202eb", "\u2068a\u202eb\u202c\u2069"),  # an override closed with the text
        ("\u2069\u202eevil", "\u2068\u202eevil\u202c\u2069"),  # a stray close cannot end ours
        ("\u2067x\u202ey\u2069z\u202c", "\u2068\u2067x\u202ey\u2069z\u2069"),
    ],
)
def test_bidi_controls_stay_inside_the_text(text: str, contained: str) -> None:
    assert contain_bidi(text) == contained
    assert inline(text) == contained


def test_mentions_fences_spans_and_references() -> None:
    text = (
        'a `[x](transit:m/l/a)` [y](transit:m/l/b "title")\n'
        "````md\n```transit-map\nmap: m\nlayer: l\nhighlight: c\n```\n````\n"
        "  ```transit-map\n  map: m\n  layer: l\n  highlight: [d]\n  ```\n"
        "[r]: transit:m/l/e\n"
        "```x\nan unclosed fence is prose: [z](transit:m/l/f)\n"
    )
    assert station_mentions(text) == [
        ("m", "l", "d"),
        ("m", "l", "b"),
        ("m", "l", "e"),
        ("m", "l", "f"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "````x\n" * 3000 + "a\n" * 30000,  # unclosed fences: minutes with a backtracking regex
        "`" * 20000 + "a",  # one long backtick run
        "](transit:a " * 20000,  # link openings that never close
        "[" + "a\n" * 50000,  # a reference label that never closes
    ],
    ids=["unclosed-fences", "backticks", "open-links", "open-label"],
)
def test_mentions_scan_pathological_pages(text: str) -> None:
    assert station_mentions(text) == []
