"""Property: whatever the input, the loader returns a model or raises MapErrors, nothing else.

Valid maps (the shared corpus, the examples, small synthetic ones) are mutated at three levels:
bytes (invalid UTF-8, control characters), text (YAML punctuation, deleted or repeated lines)
and data (a value replaced by one of another type, then dumped back to YAML).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.loader.helpers import VALID
from tests.paths import CORPUS_MAPS, MAPS
from transit_maps.errors import MapError, MapErrors
from transit_maps.loader import load_map, load_map_text
from transit_maps.model import Map

SMALL = (
    VALID,
    "layers:\n  s:\n    lines:\n      l: {stations: [a, b, c]}\n",
    "title: T\nlayers:\n  org:\n    lines:\n      x: {stations: [a, b], branches: [[b, c]]}\n"
    "    zones: {z: {color: red}}\n    stations:\n      a: {zone: z, at: [1, 2]}\n"
    "      b: {junction: true}\n",
)
SOURCES = (*SMALL, *(p.read_text("utf-8") for p in (*CORPUS_MAPS, *sorted(MAPS.glob("*.yaml")))))
PUNCTUATION = [*":-[]{}&*!#'\"|>%@`,?\t\n ", "\x00", "\x85", "é", "<<", "!!python/name:x", "*a"]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(result: Map | MapErrors, path: str) -> None:
    if isinstance(result, MapErrors):
        assert result.errors
        for e in result.errors:
            assert isinstance(e, MapError) and e.path == path
            assert e.line >= 1 and e.column >= 1 and e.message
        return
    for layer in result.layers:
        for line in layer.lines:
            assert all(layer.has_station(s) for route in line.routes for s in route)


def _load_text(text: str) -> Map | MapErrors:
    try:
        return load_map_text(text, "fuzz.yaml")
    except MapErrors as exc:
        return exc


@given(source=st.sampled_from(SOURCES), data=st.data())
@FUZZ
def test_text_mutations_give_a_model_or_map_errors(source: str, data: st.DataObject) -> None:
    lines = source.splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        i = data.draw(st.integers(0, max(len(lines) - 1, 0)), label="line")
        action = data.draw(st.sampled_from(["insert", "delete", "repeat", "truncate"]))
        if not lines:
            break
        if action == "insert":
            at = data.draw(st.integers(0, len(lines[i])))
            token = data.draw(st.sampled_from(PUNCTUATION) | st.text(max_size=3))
            lines[i] = lines[i][:at] + token + lines[i][at:]
        elif action == "delete":
            del lines[i]
        elif action == "repeat":
            lines.insert(i, lines[i])
        else:
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
    _check(_load_text("".join(lines)), "fuzz.yaml")


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


@given(source=st.sampled_from(SOURCES), data=st.data())
@FUZZ
def test_data_mutations_give_a_model_or_map_errors(source: str, data: st.DataObject) -> None:
    tree = yaml.safe_load(source)
    targets = [p for p in _paths(tree) if p]
    path = data.draw(st.sampled_from(targets), label="path")
    parent = tree
    for key in path[:-1]:
        parent = parent[key]
    if data.draw(st.booleans(), label="delete") and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = data.draw(VALUES, label="value")
    _check(_load_text(yaml.safe_dump(tree, allow_unicode=True)), "fuzz.yaml")


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


@given(source=st.sampled_from(SMALL), data=st.data())
@FUZZ
def test_byte_mutations_give_a_model_or_map_errors(
    scratch: Path, source: str, data: st.DataObject
) -> None:
    raw = bytearray(source.encode())
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        at = data.draw(st.integers(0, len(raw)), label="at")
        raw[at:at] = data.draw(st.binary(min_size=1, max_size=3), label="bytes")
    path = scratch / "fuzz.yaml"
    path.write_bytes(bytes(raw))
    try:
        result: Map | MapErrors = load_map(path)
    except MapErrors as exc:
        result = exc
    _check(result, str(path))
