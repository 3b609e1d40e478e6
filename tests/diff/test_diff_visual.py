"""The visual diff: head layout plus ghosts, the change marks, and the drawing written by `-o`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.paths import MAPS, REPO
from transit_maps.cli import main
from transit_maps.diff import diff_maps
from transit_maps.diff.mutate import insert_station, remove_station
from transit_maps.diff.visual import VisualDiff, render_visual_diff, visual_diff
from transit_maps.loader import load_map

FIXTURES = REPO / "tests" / "diff" / "fixtures"
BASE = FIXTURES / "base" / "ml-system.yaml"
STATIONS = FIXTURES / "stations" / "ml-system.yaml"


def _visual(head: Path, layer: str = "systems") -> VisualDiff:
    base_map, head_map = load_map(BASE), load_map(head)
    return visual_diff(base_map, head_map, layer, diff_maps(base_map, head_map))


def test_marks_added_removed_and_changed_stations() -> None:
    vd = _visual(STATIONS)
    assert vd.stations["schema-check"] == "added"
    assert vd.stations["batch-scoring"] == "removed"
    assert vd.stations["experiments"] == "changed"  # renamed from tracking
    assert vd.stations["evaluation"] == "changed"  # retitled
    assert "sources" not in vd.stations


def test_removed_station_is_a_ghost_in_the_layout() -> None:
    vd = _visual(STATIONS)
    ids = [s.id for s in vd.layout.stations]
    assert "batch-scoring" in ids and "tracking" not in ids and "experiments" in ids
    ghost_edges = [k for k, v in vd.edges.items() if v == "removed"]
    assert any("batch-scoring" in k for k in ghost_edges)
    assert {("ingest", "schema-check"), ("schema-check", "validation")} <= {
        k for k, v in vd.edges.items() if v == "added"
    }


@pytest.mark.parametrize("case", ["stations", "lines", "layers", "issue-example"])
def test_everything_drawn_is_on_the_canvas(case: str) -> None:
    layout = _visual(FIXTURES / case / "ml-system.yaml").layout
    points = [(s.x, s.y) for s in layout.stations]
    points += [p for e in layout.edges for p in e.path]
    for s in layout.stations:
        if s.label is not None:
            b = s.label.box
            points += [(b.x, b.y), (b.x + b.width, b.y + b.height)]
    assert all(0 <= x <= layout.width and 0 <= y <= layout.height for x, y in points)
    boxes = [s.label.box for s in layout.stations if s.label is not None]
    overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.overlaps(b)]
    assert overlaps == []  # ghosts are labelled together with the head: none covers another
    drawn_edges = {(e.source, e.target) for e in layout.edges}
    assert set(_visual(FIXTURES / case / "ml-system.yaml").edges) <= drawn_edges


def test_a_removed_layer_is_drawn_as_ghosts() -> None:
    vd = _visual(FIXTURES / "layers" / "ml-system.yaml", "processes")
    assert set(vd.stations.values()) == {"removed"}
    assert {s.id for s in vd.layout.stations} == {"collect", "features", "train", "release"}


def test_cli_writes_svg_with_the_new_station(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "diff.svg"
    assert main(["diff", str(BASE), str(STATIONS), "-o", str(out)]) == 1
    assert "new station Schema check" in capsys.readouterr().out
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg") or svg.startswith("<?xml")
    assert 'data-station="schema-check"' in svg and "Schema check" in svg
    assert "tm-added" in svg and "tm-removed" in svg and "tm-changed" in svg


def test_cli_writes_png(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "diff.png"
    assert main(["diff", str(BASE), str(STATIONS), "--layer", "systems", "-o", str(out)]) == 1
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_unknown_layer_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["diff", str(BASE), str(STATIONS), "--layer", "nope", "-o", str(tmp_path / "x.svg")]
    )
    assert code == 2
    assert "has no layer 'nope'" in capsys.readouterr().err


def test_cli_several_maps_need_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base, head = FIXTURES / "folders" / "base", FIXTURES / "folders" / "head"
    out = tmp_path / "x.svg"
    assert main(["diff", str(base), str(head), "-o", str(out)]) == 2
    assert "choose one with --map" in capsys.readouterr().err
    assert main(["diff", str(base), str(head), "--map", "ml-system", "-o", str(out)]) == 1
    assert 'data-station="serving"' in out.read_text(encoding="utf-8")


def test_svg_is_byte_identical_across_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outs = [tmp_path / "a.svg", tmp_path / "b.svg"]
    for out in outs:
        main(["diff", str(BASE), str(STATIONS), "-o", str(out)])
    assert outs[0].read_bytes() == outs[1].read_bytes()


def test_an_added_map_is_drawn_all_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, head = FIXTURES / "folders" / "base", FIXTURES / "folders" / "head"
    out = tmp_path / "x.svg"
    assert main(["diff", str(base), str(head), "--map", "streaming", "-o", str(out)]) == 1
    svg = out.read_text(encoding="utf-8")
    for station in ("events", "windowing", "online-store"):
        start = svg.index(f'data-station="{station}"')
        assert "tm-added" in svg[svg.rindex("<g", 0, start) : start]


@pytest.mark.parametrize("path", sorted(MAPS.glob("*.yaml")), ids=lambda p: p.name)
def test_example_maps_draw_an_inserted_and_a_removed_station(path: Path) -> None:
    m = load_map(path)
    layer = m.layers[0]
    grown, (new,) = insert_station(layer)
    head = replace(m, layers=(grown, *m.layers[1:]))
    svg = render_visual_diff(m, head, layer.id, diff_maps(m, head))
    start = svg.index(f'data-station="{new}"')
    assert "tm-added" in svg[svg.rindex("<g", 0, start) : start]
    shrunk = remove_station(layer)
    if shrunk is None:
        return
    smaller, (gone,) = shrunk
    head = replace(m, layers=(smaller, *m.layers[1:]))
    vd = visual_diff(m, head, layer.id, diff_maps(m, head))
    assert vd.stations[gone] == "removed"
    assert gone in {s.id for s in vd.layout.stations}
