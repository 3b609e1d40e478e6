"""Hostile and malformed input: nothing runs, nothing blows up, every problem is located."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.loader.helpers import one_problem
from transit_maps.errors import MapErrors
from transit_maps.loader import load_map


def _problems(path: Path) -> list[str]:
    with pytest.raises(MapErrors) as info:
        load_map(path)
    return [str(e) for e in info.value.errors]


def test_a_python_object_tag_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    bomb = tmp_path / "evil.yaml"
    bomb.write_text(
        "title: x\n"
        f"layers: !!python/object/apply:os.system ['touch {marker}']\n"
        f"summary: !!python/object/apply:subprocess.call [['touch', '{marker}']]\n",
        encoding="utf-8",
    )
    assert _problems(bomb) == [
        f"{bomb}:2:9: error: tag '!!python/object/apply:os.system' is not allowed "
        "(hint: map files hold plain data: remove the tag)",
        f"{bomb}:3:10: error: tag '!!python/object/apply:subprocess.call' is not allowed "
        "(hint: map files hold plain data: remove the tag)",
    ]
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!custom", "!!binary", "!!set", "!!python/name:os.system"])
def test_every_non_standard_tag_is_an_error(tag: str) -> None:
    found = one_problem(f"title: {tag} x\nlayers: {{s: {{lines: {{l: {{stations: [a, b]}}}}}}}}\n")
    assert found.startswith("m.yaml:1:8: error: tag '")


def test_billion_laughs_fails_fast_at_the_alias(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    bomb = tmp_path / "laughs.yaml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (found,) = _problems(bomb)
    assert found.startswith(f"{bomb}:5:8: error: alias '*d' expands the file to more than")


def test_an_alias_to_itself_is_an_error() -> None:
    assert one_problem("a: &x [1, *x]\n").startswith(
        "m.yaml:1:11: error: alias '*x' refers to itself"
    )


def test_aliases_within_bounds_are_plain_values() -> None:
    text = (
        "layers:\n  s:\n    lines:\n      l: {stations: &route [a, b, c]}\n"
        "      m: {stations: *route}\n"
    )
    assert len(one_problem(text + "  nope: 1\n").split("error:")) == 2  # just the layer 'nope'


def test_deep_nesting_is_an_error_not_a_recursion_error() -> None:
    found = one_problem("layers: " + "[" * 3000 + "]" * 3000 + "\n")
    assert "values nest more than 50 levels deep" in found


def test_invalid_utf8_names_the_byte_position(tmp_path: Path) -> None:
    bad = tmp_path / "latin.yaml"
    bad.write_bytes("title: Straße\nsummary: caf".encode() + b"\xe9\n")
    assert _problems(bad) == [
        f"{bad}:2:13: error: invalid UTF-8: byte 0xe9 cannot start or continue a character "
        "(hint: save the file as UTF-8)"
    ]


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    good = tmp_path / "bom.yaml"
    good.write_bytes(b"\xef\xbb\xbflayers: {s: {lines: {l: {stations: [a, b]}}}}\n")
    assert load_map(good).layers[0].id == "s"


def test_control_characters_are_located() -> None:
    assert one_problem('title: "a\x07"\n') == (
        "m.yaml:1:10: error: control character U+0007 is not allowed (hint: remove it)"
    )


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_an_empty_file_is_an_error(text: str) -> None:
    assert one_problem(text) == (
        "m.yaml:1:1: error: the file is empty (hint: a map needs at least 'layers:')"
    )


@pytest.mark.parametrize(("text", "got"), [("- a\n", "a list"), ("just text\n", "'just text'")])
def test_the_top_level_must_be_a_mapping(text: str, got: str) -> None:
    assert one_problem(text) == (
        f"m.yaml:1:1: error: the top level of a map must be a mapping, got {got} "
        "(hint: start with 'title:' and 'layers:')"
    )


def test_syntax_errors_use_the_problem_position() -> None:
    found = one_problem("title: x\nlayers: {a: b c: d}\n")
    assert found.startswith("m.yaml:2:16: error: YAML syntax: expected ',' or '}'")


def test_a_tab_indent_is_a_located_syntax_error() -> None:
    found = one_problem("title: x\nlayers:\n\tsystems: {}\n")
    assert found.startswith("m.yaml:3:1: error: YAML syntax:")


def test_two_documents_are_an_error() -> None:
    assert one_problem("title: x\n---\ntitle: y\n") == (
        "m.yaml:2:1: error: a second YAML document ('---') (hint: a map file holds one document)"
    )


def test_an_unreadable_path_is_a_located_error(tmp_path: Path) -> None:
    assert _problems(tmp_path) == [f"{tmp_path}:1:1: error: a folder, not a map file"]
    missing = tmp_path / "missing.yaml"
    assert _problems(missing) == [
        f"{missing}:1:1: error: cannot read the file: No such file or directory"
    ]


def test_a_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# padding\n" * 100_001)
    assert _problems(big) == [
        f"{big}:1:1: error: the file is larger than 1 MB (hint: split it into several maps)"
    ]


def test_an_explicit_map_id_is_checked_too() -> None:
    from transit_maps.loader import load_map_text

    with pytest.raises(MapErrors) as info:
        load_map_text("layers: {s: {lines: {l: {stations: [a, b]}}}}\n", "x.yaml", "Bad Id")
    assert info.value.errors[0].message == "map id 'Bad Id' is not a valid id"
