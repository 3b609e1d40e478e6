"""`transit-maps render`: SVG and PNG files, map ids, and clear errors for bad names."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.paths import REPO
from transit_maps.cli import main

SMALL = """\
title: Tiny <system>
layers:
  systems:
    title: Systems
    lines:
      data: {title: Data, color: "#e4002b", stations: [sources, ingest, training]}
      model: {title: Model, color: "#0098d4", stations: [training, serving]}
  org:
    lines:
      people: {stations: [scientist, engineer]}
solutions:
  mlflow:
    title: MLflow
    covers: [systems/training]
    partial: [systems/serving]
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_svg_output_is_a_titled_map(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    assert main(["render", str(tiny), "--solution", "mlflow", "-o", str(out)]) == 0
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert root.findtext("{http://www.w3.org/2000/svg}title") == "Tiny <system>: Systems"
    assert 'class="tm-station tm-covered"' in out.read_text(encoding="utf-8")


def test_same_command_twice_gives_identical_bytes(tiny: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    for out in (a, b):
        assert main(["render", str(tiny), "--highlight", "ingest", "-o", str(out)]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_png_output_in_both_themes(tiny: Path, tmp_path: Path) -> None:
    light, dark = tmp_path / "light.png", tmp_path / "dark.png"
    assert main(["render", str(tiny), "--layer", "org", "-o", str(light)]) == 0
    assert main(["render", str(tiny), "--theme", "dark", "--scale", "2", "-o", str(dark)]) == 0
    assert light.read_bytes()[:8] == dark.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert light.read_bytes() != dark.read_bytes()


def test_svg_goes_to_stdout_without_output(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(tiny)]) == 0
    assert capsys.readouterr().out.startswith("<svg ")


def test_map_id_is_looked_up_in_maps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO)
    out = tmp_path / "ml.svg"
    assert main(["render", "ml-system", "--layer", "org", "-o", str(out)]) == 0
    assert 'data-map="ml-system"' in out.read_text(encoding="utf-8")
    assert main(["render", "ml-systen", "-o", str(out)]) == 2
    assert (
        "no map file or map id 'ml-systen' (did you mean 'ml-system'?)" in capsys.readouterr().err
    )


def test_map_id_is_found_in_a_sub_folder_of_maps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the plugin reads maps/ at any depth, so an id names a map in a team's sub-folder too
    (tmp_path / "maps" / "team").mkdir(parents=True)
    (tmp_path / "maps" / "team" / "tiny.yaml").write_text(SMALL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["render", "tiny", "-o", "out.svg"]) == 0
    assert 'data-map="tiny"' in (tmp_path / "out.svg").read_text(encoding="utf-8")
    assert main(["render", "tinny", "-o", "out.svg"]) == 2
    assert "no map file or map id 'tinny' (did you mean 'tiny'?)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--layer", "people"], "map 'tiny' has no layer 'people' (layers: org, systems)"),
        (["--solution", "mlfow"], "map 'tiny' has no solution 'mlfow' (did you mean 'mlflow'?)"),
        (["--highlight", "ingset"], "layer 'systems' has no station 'ingset'"),
        (["--scale", "0"], "--scale must be a positive number"),
        (["-o", "map.jpg"], "output 'map.jpg' must end in .svg or .png"),
    ],
)
def test_bad_names_are_usage_errors_without_traceback(
    tiny: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(tiny), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_broken_map_prints_located_problems_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("layers:\n  systems:\n    lines:\n      data: {stations: oops}\n")
    assert main(["render", str(bad), "-o", str(tmp_path / "x.svg")]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{bad}:") and ": error: " in out
    assert not (tmp_path / "x.svg").exists()


HOSTILE_MAP = """\
title: "<script>alert(1)</script>\\"><svg onload=alert(1)>"
summary: "onerror=alert(1) <img src=x onerror=alert(2)>"
layers:
  systems:
    title: "</title><script>alert(3)</script>"
    description: "<desc onload=x>"
    lines:
      data:
        title: "\\"><svg onload=alert(4)>"
        color: "#e4002b"
        stations: [a, b, c]
      other:
        title: "<style>*{display:none}</style>"
        stations: [b, d]
    zones:
      z: {title: "</text><script>alert(5)</script>"}
    stations:
      a: {title: "<a href=javascript:alert(6)>x</a>", zone: z}
      b: {title: "onmouseover=alert(7)"}
"""


def test_an_unseen_hostile_map_renders_inert(tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_MAP, encoding="utf-8")
    out = tmp_path / "hostile.svg"
    assert main(["render", str(path), "-o", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    for element in root.iter():
        assert element.tag.split("}")[-1] != "script"
        assert not any(name.lower().startswith("on") for name in element.attrib)
    texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "<script>alert(1)</script>" in texts and "onmouseover=alert(7)" in texts
    assert len(root.findall("{http://www.w3.org/2000/svg}style")) == 1
