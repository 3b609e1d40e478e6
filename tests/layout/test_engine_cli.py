"""`transit-maps layout`: output shape, exit codes and located errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.paths import CORPUS
from transit_maps.cli import main

SIMPLE = CORPUS / "nf-metro-simple-pipeline.yaml"


def test_json_export_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["layout", str(SIMPLE), "--layer", "pipeline", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["map", "layer", "width", "height", "stations", "edges", "lines"]
    assert data["map"] == "nf-metro-simple-pipeline" and data["layer"] == "pipeline"
    station = data["stations"][0]
    assert list(station) == ["id", "x", "y", "junction", "label"]
    assert list(station["label"]) == ["x", "y", "width", "height"]
    edge = data["edges"][0]
    assert list(edge) == ["from", "to", "lines", "path"]
    pos = {s["id"]: [s["x"], s["y"]] for s in data["stations"]}
    for e in data["edges"]:
        assert e["path"][0] == pos[e["from"]] and e["path"][-1] == pos[e["to"]]
    assert [line["id"] for line in data["lines"]] == ["main", "qc"]


def test_stats_alone_prints_metrics(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["layout", str(SIMPLE), "--stats"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["octilinear_share"] == 1.0
    assert stats["edge_crossings"] == 0


def test_stats_with_json_go_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["layout", str(SIMPLE), "--json", "--stats"]) == 0
    out = capsys.readouterr()
    assert "stations" in json.loads(out.out)
    assert "octilinear_share" in json.loads(out.err)


def test_previous_keeps_stations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["layout", str(SIMPLE), "--json"]) == 0
    old = tmp_path / "old.json"
    old.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["layout", str(SIMPLE), "--json", "--previous", str(old)]) == 0
    again = capsys.readouterr().out
    assert json.loads(again)["stations"] == json.loads(old.read_text())["stations"]


def test_unknown_map_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["layout", "no-such-map", "--json"]) == 2
    assert "no map file or map id 'no-such-map'" in capsys.readouterr().err


def test_unknown_layer_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["layout", str(SIMPLE), "--layer", "nope"]) == 2
    assert "has no layer 'nope'" in capsys.readouterr().err


def test_bad_map_gives_located_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("layers:\n  l:\n    lines:\n      a: {stations: 3}\n", encoding="utf-8")
    assert main(["layout", str(bad)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{bad}:") and ": error: " in out


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ('{"stations": [}', ":1:15:", "invalid JSON"),
        ('{"stations": [{"id": "a", "x": "1", "y": 2}]}', ":1:1:", "stations[0] needs"),
        ("[]", ":1:1:", "an object with a 'stations' list"),
    ],
)
def test_bad_previous_gives_located_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, where: str, message: str
) -> None:
    old = tmp_path / "old.json"
    old.write_text(text, encoding="utf-8")
    assert main(["layout", str(SIMPLE), "--json", "--previous", str(old)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{old}{where} error: ") and message in out


def test_missing_previous_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.json"
    assert main(["layout", str(SIMPLE), "--previous", str(missing)]) == 1
    assert f"{missing}:1:1: error: cannot read the previous layout" in capsys.readouterr().out
