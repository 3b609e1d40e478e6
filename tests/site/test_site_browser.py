"""In a real browser: click a station in a map and land on its page."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Dialog

from tests.browser import serve_folder, session

from .sitebuild import FIXTURE, TEAM, build, copy_site
from .test_site_acceptance import make_site


@pytest.mark.parametrize(
    ("fixture", "page", "station", "title"),
    [
        (TEAM, "guides/deep/", "review", "Review"),  # material, instant navigation
        (FIXTURE, "deep/er/page/", "scientist", "Scientist"),  # built-in theme
    ],
)
def test_click_station_in_map_opens_its_page(
    tmp_path: Path, fixture: Path, page: str, station: str, title: str
) -> None:
    built = build(copy_site(fixture, tmp_path / "s"))
    assert built.returncode == 0, built.log
    errors: list[str] = []
    with serve_folder(built.site) as base, session() as browser:
        tab = browser.new_page()
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
        tab.goto(base + page)
        marker = tab.locator(f'figure.transit-map [data-station="{station}"] a')
        marker.first.click()
        tab.wait_for_url(f"**/maps/*/*/{station}/")
        assert tab.locator("h1").first.inner_text().strip() == title
        # The station is highlighted in the diagram on its own page.
        assert tab.locator(f'[data-station="{station}"].tm-emph').count() == 1
    assert errors == []


def test_hostile_strings_run_nothing_in_the_browser(tmp_path: Path) -> None:
    built = build(copy_site(TEAM, tmp_path / "s"))
    assert built.returncode == 0, built.log
    dialogs: list[str] = []
    with serve_folder(built.site) as base, session() as browser:
        tab = browser.new_page()

        def on_dialog(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        tab.on("dialog", on_dialog)
        for path in (
            "",
            "maps/",
            "maps/platform/",
            "maps/platform/systems/training/",
            "maps/platform/systems/serving/",
            "maps/platform/solutions/mlflow/",
            "maps/platform/coverage/",
        ):
            tab.goto(base + path)
            tab.wait_for_load_state("load")
            tab.mouse.move(300, 300)
    assert dialogs == []


def test_palette_toggle_recolours_the_diagram(tmp_path: Path) -> None:
    built = build(copy_site(TEAM, tmp_path / "s"))
    assert built.returncode == 0, built.log
    background = (
        "getComputedStyle(document.querySelector('figure.transit-map svg'))"
        ".getPropertyValue('--tmx-bg').trim()"
    )
    with serve_folder(built.site) as base, session() as browser:
        tab = browser.new_page()
        tab.goto(base + "maps/platform/systems/training/")
        light = tab.evaluate(background)
        tab.locator("form[data-md-component=palette] label:visible").first.click()
        tab.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
        dark = tab.evaluate(background)
    assert light and dark and light != dark, (light, dark)


def test_hostile_shop_site_runs_nothing_on_any_page_or_in_search(tmp_path: Path) -> None:
    """Every page of the hostile acceptance site, every element hovered, and search results
    for the hostile text (mkdocs-material shows them as HTML): no dialog ever opens."""
    root = make_site(tmp_path / "s", hostile=True, theme=None)
    built = build(root)
    assert built.returncode == 0, built.log
    pages = sorted(
        p.relative_to(built.site).as_posix()
        for p in built.site.rglob("index.html")
        if p.parent.name != "search"
    )
    dialogs: list[str] = []
    with serve_folder(built.site) as base, session() as browser:
        tab = browser.new_page()

        def on_dialog(dialog: Dialog) -> None:
            dialogs.append(f"{tab.url}: {dialog.message}")
            dialog.dismiss()

        tab.on("dialog", on_dialog)
        for page in pages:
            tab.goto(base + page.removesuffix("index.html"))
            tab.wait_for_load_state("load")
            # Handlers that would need a pointer or focus: fire them on every element.
            tab.evaluate(
                "for (const el of document.querySelectorAll('body *')) {"
                " for (const type of ['mouseover', 'focus', 'load', 'error']) {"
                "  el.dispatchEvent(new Event(type)); } }"
            )
        tab.goto(base)
        tab.locator("input.md-search__input").click()
        tab.keyboard.type("storefront")  # its description carries the hostile text
        tab.wait_for_selector(".md-search-result__item", timeout=10_000)
        tab.wait_for_timeout(300)
    assert len(pages) > 20
    assert dialogs == []
