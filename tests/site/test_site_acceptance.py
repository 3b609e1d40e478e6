"""Issue 5's "Done when", on a team site the plugin was not written against (`tests/site/shop`).

The site's text carries `H0STILE_<FIELD>` markers. Each theme (mkdocs-material with tags, tabs
and instant navigation; the built-in mkdocs theme; mkdocs-material under ProperDocs) builds it
twice: markers removed, and markers replaced by hostile strings. Scripts and risky elements of
the hostile site must be exactly those of the clean one: whatever the theme ships, map text
adds nothing that runs.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from transit_maps.loader import load_map

from .linkcheck import broken_links
from .sitebuild import HERE, Built, build

SHOP = HERE / "shop"
HOSTILE = (
    '<script>alert(1)</script> "><svg onload=alert(1)> <img src=x onerror=alert(1)> '
    "[x](javascript:alert(1)) <javascript:alert(1)> ![i](javascript:alert(1)) "
    "<a href='javascript:alert(1)'>j</a> {: onclick=\"x\"} \u202eevil\u202c"
)
HOSTILE_BLOCK = HOSTILE + (
    '\n\n<div onclick="alert(1)"><script>alert(2)</script>block</div>\n\n'
    '<iframe src="javascript:alert(1)"></iframe>\n\n[y](javascript:alert(1)){: onclick="x"}\n\n'
    "<style>body{display:none}</style>\n\n"
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">b</button></form>'
)
MARKER = re.compile(r"H0STILE_(\w+)")
URL_ATTRS = ("href", "src", "xlink:href", "action", "formaction", "data", "poster", "srcset")
RISKY_TAGS = ("script", "iframe", "form", "style", "object", "embed", "button", "base", "meta")
VARIANTS = {
    "material": ("mkdocs", None, True),
    "material-file-urls": ("mkdocs", None, False),
    "mkdocs-theme": ("mkdocs", "mkdocs", True),
    "properdocs": ("properdocs", None, True),
}


def make_site(dest: Path, hostile: bool, theme: str | None, directory_urls: bool = True) -> Path:
    """The shop site with markers removed or made hostile, optionally on another theme."""
    shutil.copytree(SHOP, dest)
    for path in [*dest.rglob("*.yaml"), *dest.rglob("*.md")]:

        def fill(match: re.Match[str]) -> str:
            text = HOSTILE_BLOCK if match.group(1).endswith("DESC") else HOSTILE
            # Every marker sits in a YAML double-quoted string: JSON escapes fit.
            return json.dumps(text)[1:-1] if hostile else ""

        path.write_text(MARKER.sub(fill, path.read_text("utf-8")), encoding="utf-8")
    if theme is not None:
        config = dest / "mkdocs.yml"
        text = re.sub(r"theme:\n(  .*\n)+", f"theme:\n  name: {theme}\n", config.read_text())
        config.write_text(text.replace("  - tags\n", ""), encoding="utf-8")
    if not directory_urls:
        with (dest / "mkdocs.yml").open("a", encoding="utf-8") as config_file:
            config_file.write("use_directory_urls: false\n")
    return dest


class Census(HTMLParser):
    """What could run in a page: scripts, handlers, risky URLs, risky elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.unsafe_urls: list[str] = []
        self.tags: Counter[str] = Counter()
        self.hrefs: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            squeezed = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name in URL_ATTRS and squeezed.startswith(("javascript:", "data:", "vbscript:")):
                self.unsafe_urls.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "xlink:href") and value:
                self.hrefs.append(value)
        if tag == "script":
            self.scripts.append(dict(attrs).get("src") or "")
            self._script = True

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script:
            self.scripts[-1] += data


def census(site: Path) -> dict[str, Census]:
    out = {}
    for path in sorted(site.rglob("*.html")):
        parsed = Census()
        parsed.feed(path.read_text("utf-8"))
        parsed.close()
        out[path.relative_to(site).as_posix()] = parsed
    return out


@dataclass
class Pair:
    clean: Built
    hostile: Built
    root: Path


@pytest.fixture(scope="module", params=sorted(VARIANTS))
def pair(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Pair:
    tool, theme, directory_urls = VARIANTS[request.param]
    base = tmp_path_factory.mktemp(request.param)
    clean = build(make_site(base / "clean", False, theme, directory_urls), tool=tool)
    hostile_root = make_site(base / "hostile", True, theme, directory_urls)
    return Pair(clean, build(hostile_root, tool=tool), hostile_root)


def test_both_build_strict_without_warnings(pair: Pair) -> None:
    for built in (pair.clean, pair.hostile):
        assert built.returncode == 0, built.log
        assert "WARNING" not in built.log, built.log


def test_hostile_text_is_shown_as_text(pair: Pair) -> None:
    page = pair.hostile.html("maps/shop/systems/web/index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # present, and inert
    assert "\u202e" in page  # shown as written, inside escaped text
    # ... and held inside an isolate, so it cannot reverse the sentence around the title.
    assert "<p>\u2068Systems &lt;script&gt;" in page
    assert "evil\u202c\u2069 layer of" in page


def test_every_station_has_its_page_and_junctions_none(pair: Pair) -> None:
    the_map = load_map(pair.root / "maps" / "shop.yaml")
    for layer in the_map.layers:
        for station in layer.stations:
            page = pair.hostile.site / "maps/shop" / layer.id / station.id / "index.html"
            assert page.is_file() != station.junction, page


def test_every_internal_link_resolves(pair: Pair) -> None:
    assert broken_links(pair.hostile.site) == []
    assert broken_links(pair.clean.site) == []


def test_related_links_appear_on_both_pages(pair: Pair) -> None:
    the_map = load_map(pair.root / "maps" / "shop.yaml")
    pages = census(pair.hostile.site)
    written = [
        (layer.id, s.id, ref)
        for layer in the_map.layers
        for s in layer.stations
        for ref in s.related
    ]
    assert len(written) == 6
    for layer_id, station_id, ref in written:
        here = f"maps/shop/{layer_id}/{station_id}/index.html"
        there = f"maps/shop/{ref.layer}/{ref.station}/index.html"
        assert there in link_targets(here, pages[here].hrefs), (here, there)
        assert here in link_targets(there, pages[there].hrefs), (there, here)


def link_targets(page: str, hrefs: list[str]) -> set[str]:
    """The site files that a page's relative links point to."""
    out = set()
    for href in hrefs:
        path = href.split("#")[0]
        if path and ":" not in path:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
            out.add(target if target.endswith(".html") else f"{target}/index.html")
    return out


def test_no_injected_script_handler_or_url(pair: Pair) -> None:
    hostile, clean = census(pair.hostile.site), census(pair.clean.site)
    assert sorted(hostile) == sorted(clean)
    for page, found in hostile.items():
        assert found.handlers == [], page
        assert found.unsafe_urls == [], page
        assert Counter(found.scripts) == Counter(clean[page].scripts), page
        for tag in RISKY_TAGS:
            assert found.tags[tag] == clean[page].tags[tag], (page, tag)


def test_search_index_holds_no_raw_markup(pair: Pair) -> None:
    """mkdocs-material shows search results as HTML: map text must be escaped there too."""
    index = json.loads((pair.hostile.site / "search/search_index.json").read_text("utf-8"))
    is_html = "material" in pair.hostile.html("index.html")
    texts = [f"{d['title']} {d['text']}" for d in index["docs"]]
    assert any("alert(1)" in text for text in texts)
    if is_html:
        assert not [t for t in texts if re.search(r"<(script|img|svg|iframe|div|a)\b", t)]


@pytest.mark.parametrize("tool", ["mkdocs", "properdocs"])
def test_page_naming_a_missing_station_fails_strict(tmp_path: Path, tool: str) -> None:
    root = make_site(tmp_path / "s", False, None)
    (root / "docs/teams/bad.md").write_text(
        "# Bad\n\nSee [ghost](transit:shop/systems/nowhere).\n\n"
        '=== "Tab"\n\n    ```transit-map\n    map: shop\n    layer: org\n'
        "    highlight: [phantom]\n    ```\n",
        encoding="utf-8",
    )
    built = build(root, tool=tool)
    assert built.returncode != 0
    assert "Traceback" not in built.log
    warnings = [line for line in built.log.splitlines() if "WARNING" in line]
    assert any("teams/bad.md" in w and "'nowhere'" in w for w in warnings), built.log
    assert any("teams/bad.md" in w and "line 10" in w and "'phantom'" in w for w in warnings), (
        built.log
    )


def test_mentions_show_page_titles_as_the_nav_does(pair: Pair) -> None:
    page = pair.clean.html("maps/shop/systems/payments/index.html")
    section = page[page.index('id="mentioned-in"') :]
    (title,) = re.findall(r'<a href="[^"]*teams/payments[^"]*">([^<]*)</a>', section)
    assert title == "The payments team &amp; friends"
    assert re.search(r">\s*The payments team &amp; friends\s*<", page[: page.index("<h1")])


def test_script_urls_in_a_map_fail_the_build_with_their_place(tmp_path: Path) -> None:
    root = make_site(tmp_path / "s", False, None)
    path = root / "maps" / "shop.yaml"
    text = path.read_text("utf-8").replace(
        '"https://shopkit.example.org/"', '" JaVaScRiPt:alert(1)"'
    )
    path.write_text(text, encoding="utf-8")
    built = build(root)
    assert built.returncode != 0 and "Traceback" not in built.log
    assert re.search(r"maps/shop\.yaml:\d+:\d+: error: url .*JaVaScRiPt", built.log), built.log
