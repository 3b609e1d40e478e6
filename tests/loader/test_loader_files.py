"""Several files: finding them, loading them together, and references between maps."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import CORPUS_MAPS, MAPS
from transit_maps.errors import MapErrors
from transit_maps.loader import collect_maps, find_map_files, load_map, load_maps

ONE = "layers:\n  systems:\n    lines:\n      l: {stations: [a, b]}\n"
TWO = (
    "layers:\n  org:\n    lines:\n      l: {stations: [x, y]}\n"
    "    stations:\n      x: {related: [one:systems/a, one:systems/c, onee:systems/a]}\n"
)


def _write(folder: Path, **files: str) -> list[Path]:
    out = []
    for name, text in files.items():
        p = folder / f"{name}.yaml"
        p.write_text(text, encoding="utf-8")
        out.append(p)
    return out


@pytest.mark.parametrize("path", CORPUS_MAPS, ids=lambda p: p.name)
def test_every_corpus_map_loads(path: Path) -> None:
    m = load_map(path)
    assert m.layers and all(layer.stations for layer in m.layers)


def test_the_corpus_is_there() -> None:
    assert len(CORPUS_MAPS) >= 7


def test_the_example_maps_load_together() -> None:
    maps = load_maps(find_map_files([MAPS]))
    assert maps and all(m.path for m in maps)


def test_find_map_files_expands_folders_in_path_order(tmp_path: Path) -> None:
    _write(tmp_path, b=ONE, a=ONE)
    (tmp_path / "c.yml").write_text(ONE, encoding="utf-8")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.yaml").write_text(ONE, encoding="utf-8")
    found = find_map_files([tmp_path, tmp_path / "a.yaml"])
    names = [p.relative_to(tmp_path).as_posix() for p in found]
    assert names == ["a.yaml", "b.yaml", "c.yml", "sub/d.yaml"]


def test_find_map_files_rejects_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        find_map_files([tmp_path / "nope"])


def test_cross_map_references_resolve_across_files(tmp_path: Path) -> None:
    files = _write(tmp_path, one=ONE, two=TWO)
    with pytest.raises(MapErrors) as info:
        load_maps(files)
    assert [str(e).split(str(tmp_path) + "/")[1] for e in info.value.errors] == [
        "two.yaml:6:36: error: 'one:systems/c' in 'related' of station 'x': "
        "layer 'systems' has no station 'c' (hint: expected one of: a, b)",
        "two.yaml:6:51: error: 'onee:systems/a' in 'related' of station 'x': "
        "there is no map 'onee' (hint: did you mean 'one'?)",
    ]


def test_a_single_map_leaves_cross_map_references_unchecked(tmp_path: Path) -> None:
    (two,) = _write(tmp_path, two=TWO)
    assert load_map(two).layers[0].station("x").related[0].map == "one"


def test_references_into_a_broken_map_are_not_reported_twice(tmp_path: Path) -> None:
    files = _write(tmp_path, one=ONE + "oops: 1\n", two=TWO.replace(", onee:systems/a", ""))
    maps, errors = collect_maps(files)
    assert [m.id for m in maps] == ["two"]
    assert [e.message for e in errors] == ["unknown key 'oops' in the map"]


def test_a_map_id_used_twice_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    first = tmp_path / "one.yaml"
    second = tmp_path / "x" / "one.yml"
    first.write_text(ONE, encoding="utf-8")
    second.write_text(ONE, encoding="utf-8")
    maps, errors = collect_maps([first, second])
    assert len(maps) == 1
    assert [str(e) for e in errors] == [
        f"{second}:1:1: error: map id 'one' is also the id of {first}"
    ]


def test_a_reference_to_its_own_map_by_name_is_checked_locally() -> None:
    from tests.loader.helpers import one_problem

    text = ONE + "    stations:\n      a: {related: ['m:systems/q']}\n"
    assert "'m:systems/q' in 'related' of station 'a': layer 'systems' has no station 'q'" in (
        one_problem(text)
    )
