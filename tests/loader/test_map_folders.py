"""Map files in sub-folders: found at any depth, in path order, by every command and the site.

`find_map_files` is the one place that lists a folder, so `validate`, `pages`, the MkDocs
plugin (its `maps_dir`) and the markdown fence all see the same files.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.files import write_tree
from transit_maps.cli import main
from transit_maps.loader import collect_maps, find_map_files
from transit_maps.site.diagrams import digest
from transit_maps.site.fence_render import load_folder

GOOD = "layers:\n  systems:\n    lines:\n      l: {stations: [a, b]}\n"
BAD = "layers:\n  systems:\n    lines:\n      l: {stations: [a]}\n"


def _found(root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in find_map_files([root])]


def test_sub_folders_at_any_depth_in_path_order(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "z.yaml": GOOD,
            "b/deep/er/x.yml": GOOD,
            "a.yaml": GOOD,
            "b/c.yaml": GOOD,
            "a-b.yaml": GOOD,
            "a/m.yaml": GOOD,
            "b/notes.md": "not a map",
        },
    )
    assert _found(tmp_path) == [
        "a/m.yaml",
        "a-b.yaml",
        "a.yaml",
        "b/c.yaml",
        "b/deep/er/x.yml",
        "z.yaml",
    ]


def test_the_order_does_not_depend_on_the_order_of_creation(tmp_path: Path) -> None:
    names = ["n/b.yaml", "m.yaml", "n/a.yaml", "l/z.yaml"]
    write_tree(tmp_path / "one", dict.fromkeys(names, GOOD))
    write_tree(tmp_path / "two", dict.fromkeys(reversed(names), GOOD))
    assert _found(tmp_path / "one") == _found(tmp_path / "two")
    assert _found(tmp_path / "one") == ["l/z.yaml", "m.yaml", "n/a.yaml", "n/b.yaml"]


def test_hidden_folders_and_links_to_folders_are_skipped(tmp_path: Path) -> None:
    write_tree(tmp_path, {"m.yaml": GOOD, ".git/x.yaml": BAD, "sub/.cache/y.yaml": BAD})
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "sub" / "link.yaml").symlink_to(tmp_path / "m.yaml")
    assert _found(tmp_path) == ["m.yaml", "sub/link.yaml"]


def test_a_hidden_folder_given_by_name_is_searched(tmp_path: Path) -> None:
    write_tree(tmp_path, {".maps/m.yaml": GOOD})
    assert [p.name for p in find_map_files([tmp_path / ".maps"])] == ["m.yaml"]


def test_validate_reports_problems_in_sub_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"top.yaml": GOOD, "team/bad.yaml": BAD, "team/deep/worse.yaml": BAD})
    assert main(["validate", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    route = "error: 'stations' of line 'l' has only one station, 'a'"
    assert out.splitlines() == [
        f"{tmp_path / 'team' / 'bad.yaml'}:4:21: {route} "
        "(hint: a route needs at least two stations)",
        f"{tmp_path / 'team' / 'deep' / 'worse.yaml'}:4:21: {route} "
        "(hint: a route needs at least two stations)",
    ]
    assert err == "2 problems in 2 of 3 map files\n"


def test_validate_counts_maps_in_sub_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path, {"maps/one.yaml": GOOD, "maps/more/two.yaml": GOOD, "maps/.old/x.yaml": BAD}
    )
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 0
    assert capsys.readouterr().err == "2 map files valid\n"


def test_the_same_map_id_in_two_sub_folders_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"a/m.yaml": GOOD, "b/m.yaml": GOOD})
    assert main(["validate", str(tmp_path)]) == 1
    first, second = tmp_path / "a" / "m.yaml", tmp_path / "b" / "m.yaml"
    assert capsys.readouterr().out == (
        f"{second}:1:1: error: map id 'm' is also the id of {first}\n"
    )


def test_the_site_loads_the_same_files_as_validate(tmp_path: Path) -> None:
    write_tree(tmp_path, {"one.yaml": GOOD, "more/two.yaml": GOOD, ".hidden/three.yaml": GOOD})
    maps, _digests, problems = load_folder(tmp_path)
    loaded, _ = collect_maps(find_map_files([tmp_path]))
    assert (sorted(maps), problems) == (["one", "two"], ())
    assert sorted(m.id for m in loaded) == sorted(maps)


def test_a_map_s_digest_is_of_the_file_it_was_loaded_from(tmp_path: Path) -> None:
    # two files of one id (an error): the map kept is the first, and so must be its digest
    other = "# another file\n" + GOOD
    write_tree(tmp_path, {"a/m.yaml": GOOD, "b/m.yaml": other})
    maps, digests, problems = load_folder(tmp_path)
    assert len(problems) == 1 and maps["m"].path == str(tmp_path / "a" / "m.yaml")
    assert digests == {"m": digest((tmp_path / "a" / "m.yaml").read_bytes())}
    assert digest(other) != digest(GOOD)


def test_a_sub_folder_that_cannot_be_listed_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"m.yaml": GOOD, "locked/x.yaml": GOOD})
    locked, iterdir = tmp_path / "locked", Path.iterdir

    def refuse(self: Path) -> Iterator[Path]:
        if self == locked:  # chmod 0 would not stop root, who may run the tests
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return iterdir(self)

    monkeypatch.setattr(Path, "iterdir", refuse)
    assert main(["validate", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"transit-maps validate: error: cannot read {locked}: Permission denied\n"
    )


def test_the_help_says_that_sub_folders_count(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--help"]) == 0
    assert "searched with their sub-folders" in " ".join(capsys.readouterr().out.split())
