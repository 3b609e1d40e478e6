"""Real builds of the fixture sites: themes, URL styles, links, pages, relations, safety."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transit_maps.loader import load_map

from .linkcheck import broken_links, injected
from .sitebuild import FIXTURE, TEAM, Built, build, copy_site

Site = tuple[Path, bool, Built]

CASES = [
    pytest.param((FIXTURE, True), id="mkdocs-theme-directory-urls"),
    pytest.param((FIXTURE, False), id="mkdocs-theme-file-urls"),
    pytest.param((TEAM, True), id="material-directory-urls"),
    pytest.param((TEAM, False), id="material-file-urls"),
]


@pytest.fixture(scope="module", params=CASES)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    fixture, directory_urls = request.param
    root = copy_site(
        fixture, tmp_path_factory.mktemp("site") / "s", use_directory_urls=directory_urls
    )
    return fixture, directory_urls, build(root)


def test_strict_build_passes_without_warnings(site: Site) -> None:
    _, _, built = site
    assert built.returncode == 0, built.log
    assert "WARNING" not in built.log


def test_every_station_has_its_page(site: Site) -> None:
    fixture, _, built = site
    for path in sorted((fixture / "maps").glob("*.yaml")):
        the_map = load_map(path)
        for layer in the_map.layers:
            for station in layer.stations:
                page = built.site / "maps" / the_map.id / layer.id / station.id / "index.html"
                assert page.is_file() != station.junction, page


def test_every_internal_link_resolves(site: Site) -> None:
    _, _, built = site
    assert broken_links(built.site) == []


def test_no_injected_script_or_handler(site: Site) -> None:
    _, _, built = site
    assert injected(built.site) == []


def test_related_links_appear_on_both_pages(site: Site) -> None:
    fixture, directory_urls, built = site
    the_map = load_map(next((fixture / "maps").glob("*.yaml")))
    checked = 0
    for layer in the_map.layers:
        for station in layer.stations:
            for ref in station.related:
                here = f"maps/{the_map.id}/{layer.id}/{station.id}/index.html"
                there = f"maps/{the_map.id}/{ref.layer}/{ref.station}/index.html"
                suffix = "/" if directory_urls else "/index.html"
                to_there = f'href="../../{ref.layer}/{ref.station}{suffix}"'
                to_here = f'href="../../{layer.id}/{station.id}{suffix}"'
                assert to_there in built.html(here), (here, to_there)
                assert to_here in built.html(there), (there, to_here)
                checked += 1
    assert checked >= 3


def test_diagram_stations_link_to_their_pages(site: Site) -> None:
    fixture, directory_urls, built = site
    # The deepest hand-written page: links must climb out of its folders.
    deep = "deep/er/page" if fixture == FIXTURE else "guides/deep"
    html = built.html(f"{deep}/index.html" if directory_urls else f"{deep}.html")
    figure = html[html.index("<figure") : html.index("</figure>")]
    up = "../" * (deep.count("/") + (1 if directory_urls else 0))
    assert f'href="{up}maps/' in figure


def test_search_indexes_station_and_solution_pages(site: Site) -> None:
    fixture, directory_urls, built = site
    index = json.loads(built.html("search/search_index.json"))
    locations = {doc["location"]: doc for doc in index["docs"]}
    the_map = load_map(next((fixture / "maps").glob("*.yaml")))
    training = the_map.layer("systems").station("training")
    solution = the_map.solutions[0]
    for kind, name, words in (
        ("systems", "training", training.description.split()[0]),
        ("solutions", solution.id, "Coverage"),
    ):
        loc = f"maps/{the_map.id}/{kind}/{name}/" + ("" if directory_urls else "index.html")
        assert loc in locations, sorted(locations)[:20]
        assert words in json.dumps(index), words


def test_mentions_list_hand_written_pages(site: Site) -> None:
    fixture, directory_urls, built = site
    html = built.html(
        "maps/tiny/systems/training/index.html"
        if fixture == FIXTURE
        else "maps/platform/systems/training/index.html"
    )
    section = html[html.index('id="mentioned-in"') :]
    home = "../../../../" if directory_urls else "../../../../index.html"
    assert f'href="{home}"' in section


def test_fence_inside_admonition_and_tabs_renders(site: Site) -> None:
    fixture, _, built = site
    html = built.html("index.html")
    assert html.count('<figure class="transit-map"') == (2 if fixture == FIXTURE else 3)
    if fixture == FIXTURE:
        # The fence shown inside a longer fence stays an example.
        assert "layer: nowhere" in html


def test_layers_are_tabs_under_material_and_sections_elsewhere(site: Site) -> None:
    fixture, _, built = site
    html = built.html(f"maps/{'tiny' if fixture == FIXTURE else 'platform'}/index.html")
    assert ("tabbed-set" in html) == (fixture == TEAM)


def test_no_tabs_with_the_mkdocs_theme_even_with_tabbed(tmp_path: Path) -> None:
    root = copy_site(
        TEAM,
        tmp_path / "s",
        theme={"name": "mkdocs", "highlightjs": False},
        plugins=["search", "transit-maps"],
    )
    built = build(root)
    assert built.returncode == 0, built.log
    html = built.html("maps/platform/index.html")
    assert "tabbed-set" not in html
    assert html.count('<figure class="transit-map"') == 3  # one section per layer


def test_options_prefix_and_no_station_or_solution_pages(tmp_path: Path) -> None:
    root = copy_site(
        FIXTURE,
        tmp_path / "s",
        nav=["index.md", "deep/er/page.md"],
        plugins=[
            "search",
            {
                "transit-maps": {
                    "url_prefix": "/architecture/maps/",
                    "station_pages": False,
                    "solution_pages": False,
                    "nav_title": "Architecture",
                }
            },
        ],
    )
    # The fixture's pages link to station and solution pages, which no longer exist.
    for page in (root / "docs").rglob("*.md"):
        text = page.read_text()
        text = text.replace("transit:tiny/systems/training", "transit:tiny")
        text = text.replace("transit:tiny/processes/review", "transit:tiny/coverage")
        text = text.replace("transit:tiny/solutions/feast", "transit:tiny")
        page.write_text(text)
    built = build(root)
    assert built.returncode == 0, built.log
    assert broken_links(built.site) == []
    assert not (built.site / "maps").exists()
    assert (built.site / "architecture/maps/tiny/coverage/index.html").is_file()
    assert not (built.site / "architecture/maps/tiny/systems").exists()
    assert not (built.site / "architecture/maps/tiny/solutions").exists()
    home = built.html("index.html")
    figure = home[home.index("<figure") : home.index("</figure>")]
    assert "href=" not in figure  # no station pages, so no links in diagrams
    assert 'aria-expanded="false">Architecture</a>' in home  # the appended nav section


def test_station_link_without_station_pages_fails_strict(tmp_path: Path) -> None:
    root = copy_site(FIXTURE, tmp_path / "s", plugins=[{"transit-maps": {"station_pages": False}}])
    built = build(root)
    assert built.returncode != 0
    assert "station pages are off" in built.log and "index.md" in built.log
