"""Strict builds fail, with the page and the bad name, on anything that names nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .sitebuild import FIXTURE, TEAM, build, copy_site


def with_page(tmp_path: Path, text: str, fixture: Path = FIXTURE) -> Path:
    root = copy_site(fixture, tmp_path / "s")
    page = root / "docs" / "notes" / "broken.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("See [x](transit:tiny/systems/trainign).", ["trainign", "did you mean 'training'"]),
        ("See [x](transit:tiny/nolayer/training).", ["unknown layer 'nolayer'"]),
        ("See [x](transit:nomap).", ["unknown map 'nomap'"]),
        ("See [x](transit:tiny/solutions/kubeflow).", ["unknown solution 'kubeflow'"]),
        ("See [x](transit:tiny/systems/fork).", ["unknown station 'fork'"]),  # a junction
        ("```transit-map\nmap: tiny\nhighlight: [nowhere]\n```\n", ["nowhere"]),
        ("```transit-map\nmap: tiny\nlayer: people\n```\n", ["unknown layer 'people'"]),
        ("```transit-map\nmap: tiny\nsolution: dvc\n```\n", ["unknown solution 'dvc'"]),
        ("```transit-map\nmap: elsewhere\n```\n", ["unknown map 'elsewhere'"]),
        ("```transit-map\nmap: tiny\nhighlite: [training]\n```\n", ["highlite", "highlight"]),
    ],
)
def test_dangling_reference_fails_strict_build(tmp_path: Path, text: str, names: list[str]) -> None:
    built = build(with_page(tmp_path, text))
    assert built.returncode != 0
    warnings = [line for line in built.log.splitlines() if "WARNING" in line]
    assert any("notes/broken.md" in w and all(n in w for n in names) for w in warnings), built.log


def test_dangling_reference_inside_superfences_tabs_fails(tmp_path: Path) -> None:
    text = '=== "Tab"\n\n    ```transit-map\n    map: platform\n    highlight: ghost\n    ```\n'
    built = build(with_page(tmp_path, text, TEAM))
    assert built.returncode != 0
    assert any(
        "notes/broken.md" in line and "'ghost'" in line for line in built.log.splitlines()
    ), built.log


def test_broken_map_fails_with_location_and_no_traceback(tmp_path: Path) -> None:
    root = copy_site(FIXTURE, tmp_path / "s")
    path = root / "maps" / "tiny.yaml"
    path.write_text(path.read_text().replace("stations: [frame,", "stations: [frame\n,"))
    (root / "maps" / "other.yaml").write_text("layers:\n  a:\n    lines:\n      l: {}\n")
    built = build(root, strict=False)
    assert built.returncode != 0
    assert "Traceback" not in built.log
    assert "maps/other.yaml:4:" in built.log, built.log
    assert "error:" in built.log


def test_generated_path_taken_by_a_hand_written_page_warns(tmp_path: Path) -> None:
    root = copy_site(FIXTURE, tmp_path / "s")
    (root / "docs" / "maps").mkdir()
    (root / "docs" / "maps" / "index.md").write_text("# My own maps page\n")
    built = build(root)
    assert built.returncode != 0
    assert "maps/index.md" in built.log and "url_prefix" in built.log


def test_missing_maps_folder_warns(tmp_path: Path) -> None:
    root = copy_site(FIXTURE, tmp_path / "s", plugins=[{"transit-maps": {"maps_dir": "nowhere"}}])
    (root / "docs" / "index.md").write_text("# Home\n")
    shutil.rmtree(root / "docs" / "deep")
    built = build(root)
    assert built.returncode != 0
    assert "maps folder 'nowhere' does not exist" in built.log
