"""The JSON Schema: a valid 2020-12 schema that accepts every good map and rejects bad ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from tests.loader.helpers import VALID
from tests.paths import CORPUS_MAPS, MAPS
from transit_maps import map_format
from transit_maps.cli import main
from transit_maps.schema import map_schema

BROKEN = Path(__file__).parent / "broken"
GOOD = [*CORPUS_MAPS, *sorted(MAPS.glob("*.yaml"))]


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = map_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _errors(validator: Draft202012Validator, data: Any) -> list[str]:
    return [e.message for e in validator.iter_errors(data)]


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_every_good_map_is_accepted(validator: Draft202012Validator, path: Path) -> None:
    assert _errors(validator, yaml.safe_load(path.read_text("utf-8"))) == []


def test_the_test_map_is_accepted(validator: Draft202012Validator) -> None:
    assert _errors(validator, yaml.safe_load(VALID)) == []


@pytest.mark.parametrize(
    "name",
    [
        "unknown-top-key",
        "unknown-station-key",
        "bad-colour",
        "short-route",
        "bad-line-id",
        "bad-station-id",
        "missing-layers",
        "missing-route",
        "wrong-types",
        "unsafe-links",
        "bad-at",
        "bad-kind",
        "bad-reference-shape",
        "junction-with-label",
        "duplicate-references",
        "type-boolean-text",
        "type-at-shapes",
        "id-boolean-stations",
        "id-station-shapes",
        "type-single-values",
        "type-colour-mistakes",
        "key-typo-zone-and-solution",
    ],
)
def test_broken_maps_are_rejected(validator: Draft202012Validator, name: str) -> None:
    data = yaml.safe_load((BROKEN / f"{name}.yaml").read_text("utf-8"))
    assert _errors(validator, data)


def test_schema_and_loader_agree_on_every_key() -> None:
    schema = map_schema()
    defs = schema["$defs"]
    assert tuple(schema["properties"]) == map_format.TOP_KEYS
    assert tuple(defs["layer"]["properties"]) == map_format.LAYER_KEYS
    assert tuple(defs["line"]["properties"]) == map_format.LINE_KEYS
    assert tuple(defs["zone"]["properties"]) == map_format.ZONE_KEYS
    assert tuple(defs["station"]["properties"]) == map_format.STATION_KEYS
    assert tuple(defs["solution"]["properties"]) == map_format.SOLUTION_KEYS


@pytest.mark.parametrize("bounds", ["[1.0e+300, 2]", "[2, -1.0e+10]"])
def test_positions_far_out_are_rejected(validator: Draft202012Validator, bounds: str) -> None:
    text = VALID.replace("zone: prod", f"zone: prod\n        at: {bounds}")
    assert _errors(validator, yaml.safe_load(text))


def test_the_printed_schema_accepts_every_good_map(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = Draft202012Validator(json.loads(capsys.readouterr().out))
    for path in GOOD:
        assert _errors(printed, yaml.safe_load(path.read_text("utf-8"))) == [], path.name


def test_the_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == map_schema()
    assert out.startswith('{\n  "$schema": "https://json-schema.org/draft/2020-12/schema"')


def test_the_command_writes_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "map.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert json.loads(target.read_text("utf-8")) == map_schema()
    assert main(["schema", "-o", str(tmp_path / "no" / "such" / "dir.json")]) == 2
    assert "cannot write" in capsys.readouterr().err
