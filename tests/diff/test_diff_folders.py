"""`transit-maps diff` on folders with sub-folders: the maps `validate` and the site see.

Maps are matched by id (the file stem) at any depth, so a map moved to another sub-folder is
the same map; hidden folders are skipped on both sides, in the work tree and in git.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.files import git, write_tree
from transit_maps.cli import main

ONE = "layers:\n  systems:\n    lines:\n      l: {stations: [a, b]}\n"
TWO = "layers:\n  systems:\n    lines:\n      l: {stations: [a, b, c]}\n"


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[tuple[str, ...]]]:
    code = main(["diff", *argv, "--format", "json"])
    out = capsys.readouterr().out
    maps = json.loads(out)["maps"] if out else []
    return code, [(m["map"], m["status"], m["base"], m["head"]) for m in maps]


def test_folders_are_compared_with_their_sub_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path / "old", {"a.yaml": ONE, "team/b.yaml": ONE, "gone/c.yaml": ONE})
    write_tree(tmp_path / "new", {"a.yaml": ONE, "team/b.yaml": TWO, "team/deep/d.yaml": ONE})
    write_tree(tmp_path / "new", {".cache/e.yaml": "not: [a map"})
    old, new = tmp_path / "old", tmp_path / "new"
    code, maps = _json(capsys, str(old), str(new))
    assert code == 1
    assert maps == [
        ("a", "equal", f"{old}/a.yaml", f"{new}/a.yaml"),
        ("b", "changed", f"{old}/team/b.yaml", f"{new}/team/b.yaml"),
        ("c", "removed", f"{old}/gone/c.yaml", None),
        ("d", "added", None, f"{new}/team/deep/d.yaml"),
    ]


def test_a_map_moved_to_another_sub_folder_is_the_same_map(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path / "old", {"a/m.yaml": ONE})
    write_tree(tmp_path / "new", {"b/m.yaml": ONE})
    assert main(["diff", str(tmp_path / "old"), str(tmp_path / "new")]) == 0
    assert capsys.readouterr().out == "No changes (1 map compared).\n"


def test_two_maps_with_one_id_cannot_be_matched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path / "old", {"m.yaml": ONE})
    write_tree(tmp_path / "new", {"a/m.yaml": ONE, "b/m.yaml": ONE})
    new = tmp_path / "new"
    assert main(["diff", str(tmp_path / "old"), str(new)]) == 2
    assert capsys.readouterr().err == (
        f"transit-maps diff: error: two maps with the id 'm': {new}/a/m.yaml and {new}/b/m.yaml\n"
    )


def test_rev_compares_sub_folders_with_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "maps/top.yaml": ONE,
            "maps/team/b.yaml": ONE,
            "maps/old/moved.yaml": ONE,
            "maps/gone/c.yaml": ONE,
            "maps/.drafts/x.yaml": "not: [a map",
            "other/ignored.yaml": ONE,
        },
    )
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "maps")
    write_tree(tmp_path, {"maps/team/b.yaml": TWO, "maps/new/deep/d.yaml": ONE})
    write_tree(tmp_path, {"maps/new/moved.yaml": ONE, "maps/.drafts/y.yaml": "not: [a map"})
    (tmp_path / "maps" / "old" / "moved.yaml").unlink()
    (tmp_path / "maps" / "gone" / "c.yaml").unlink()
    monkeypatch.chdir(tmp_path)
    code, maps = _json(capsys, "--rev", "main")
    assert code == 1
    assert maps == [
        ("b", "changed", "main:maps/team/b.yaml", "maps/team/b.yaml"),
        ("c", "removed", "main:maps/gone/c.yaml", None),
        ("d", "added", None, "maps/new/deep/d.yaml"),
        ("moved", "equal", "main:maps/old/moved.yaml", "maps/new/moved.yaml"),
        ("top", "equal", "main:maps/top.yaml", "maps/top.yaml"),
    ]
    # from inside a sub-folder, paths are relative to it, as with git itself
    monkeypatch.chdir(tmp_path / "maps")
    code, maps = _json(capsys, "--rev", "main", "team")
    assert (code, maps) == (1, [("b", "changed", "main:team/b.yaml", "team/b.yaml")])
